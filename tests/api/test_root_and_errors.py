"""The API root, health check, schema and docs; and the one error shape, an RFC 9457 problem document."""

from html.parser import HTMLParser

import pytest
import yaml
from django.core.management import call_command
from django.test.utils import override_settings
from django.utils.http import http_date
from rest_framework.test import APIClient

from conditions.models import ChangeEvent
from tests import factories
from tests.keys import (
    ANATOMY_DETAIL_KEYS,
    ANATOMY_SUMMARY_KEYS,
    CHANGE_KEYS,
    CHANGES_PAGE_KEYS,
    CLAIM_KEYS,
    CODE_KEYS,
    CONDITION_DETAIL_KEYS,
    CONDITION_SUMMARY_KEYS,
    CONDITION_TOPIC_LINK_KEYS,
    FAQ_DETAIL_KEYS,
    FAQ_SUMMARY_KEYS,
    LINK_CLAIM_KEYS,
    MECHANISM_DETAIL_KEYS,
    MECHANISM_SUMMARY_KEYS,
    PROFESSIONAL_KEYS,
    RED_FLAG_DETAIL_KEYS,
    RED_FLAG_SUMMARY_KEYS,
    RELATION_KEYS,
    REVIEWER_KEYS,
    SEARCH_HIT_KEYS,
    SECTION_KEYS,
    SECTION_WITHOUT_INTRO_KEYS,
    SHORT_ANSWER_KEYS,
    SNAPSHOT_KEYS,
    SOURCE_KEYS,
    TOPIC_ANATOMY_ITEM_KEYS,
    TOPIC_CONDITION_ITEM_KEYS,
    TOPIC_DETAIL_KEYS,
    TOPIC_MECHANISM_ITEM_KEYS,
    TOPIC_RED_FLAG_ITEM_KEYS,
    TOPIC_SUMMARY_KEYS,
    TOPIC_TREATMENT_ITEM_KEYS,
    TREATMENT_DETAIL_KEYS,
    TREATMENT_SUMMARY_KEYS,
)
from tests.payloads import (
    ERROR_KEYS,
    JSON,
    LINK_KEYS,
    PAGE_KEYS,
    PARAMETER_ERROR_KEYS,
    PROBLEM,
    assert_keys,
    get_json,
    get_problem,
    invalid_parameters,
    problem,
    problem_of,
    url,
)

COLLECTIONS = ["topics", "conditions", "mechanisms", "anatomy", "red-flags", "treatments", "faqs"]
# How a 404 for an unknown slug names an item of each collection.
NOUNS = {
    "topics": "topic",
    "conditions": "condition",
    "mechanisms": "mechanism",
    "anatomy": "anatomical structure",
    "red-flags": "red flag",
    "treatments": "treatment",
    "faqs": "FAQ",
}
NOT_A_WHOLE_NUMBER = "Must be a whole number of 1 or more."


# ------------------------------------------------------------------------------------ health, root


def test_healthz_answers_ok_without_touching_the_database(api):
    # No `db` fixture: pytest-django fails the test if the view touches the database.
    response = api.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok"}


def test_the_root_lists_exactly_the_seven_collections(api, db, django_assert_num_queries):
    with django_assert_num_queries(0):  # the root reads no content
        data = get_json(api, "/api/v1/")

    assert data == {
        "topics": "http://testserver/api/v1/topics/",
        "conditions": "http://testserver/api/v1/conditions/",
        "mechanisms": "http://testserver/api/v1/mechanisms/",
        "anatomy": "http://testserver/api/v1/anatomy/",
        "red-flags": "http://testserver/api/v1/red-flags/",
        "treatments": "http://testserver/api/v1/treatments/",
        "faqs": "http://testserver/api/v1/faqs/",
    }


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_every_collection_the_root_lists_answers(api, db, collection):
    root = get_json(api, "/api/v1/")

    assert_keys(get_json(api, root[collection]), PAGE_KEYS)


# -------------------------------------------------------------------------------------------- 404


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_unknown_slug_is_a_json_404(api, db, collection):
    assert get_problem(api, url(collection, "no-such-item"), 404) == {
        "type": "about:blank",
        "title": "Not Found",
        "status": 404,
        "detail": f"No published {NOUNS[collection]} has the slug 'no-such-item'.",
    }


@pytest.mark.parametrize(
    "path",
    [
        "/api/",
        "/api/v9/",
        "/api/v9/topics/",
        "/api/v3/topics/hip-pain-buttock-discomfort/",  # v2 exists beside v1; v3 does not
        "/api/v1/nonsense/",
        "/api/v1/topics/hip-pain-buttock-discomfort/extra/",
        "/api/v1/topics/not%20a%20slug/",
    ],
)
def test_an_unknown_api_path_is_a_json_404(api, db, path):
    response = api.get(path)

    assert problem_of(response, 404) == problem(404, f"No API resource at {response.wsgi_request.path}.")


# -------------------------------------------------------------------------------------------- 405


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("collection", COLLECTIONS)
def test_writing_to_a_collection_is_a_json_405(api, db, collection, method):
    response = getattr(api, method)(url(collection), {"slug": "x"}, format="json")

    assert problem_of(response, 405) == problem(405, f'Method "{method.upper()}" not allowed.')


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("collection", COLLECTIONS)
def test_writing_to_an_item_is_a_json_405(api, seed, collection, method):
    item = get_json(api, url(collection))["results"][0]

    response = getattr(api, method)(item["url"], {"slug": "x"}, format="json")

    assert problem_of(response, 405) == problem(405, f'Method "{method.upper()}" not allowed.')
    assert get_json(api, item["url"])["slug"] == item["slug"]


def test_writing_to_the_root_is_a_json_405(api, db):
    response = api.post("/api/v1/", {}, format="json")

    assert problem_of(response, 405) == problem(405, 'Method "POST" not allowed.')


# ------------------------------------------------------------------------------------- pagination


def test_pages_link_to_the_next_and_previous_page(api, seed):
    base = url("conditions")

    pages = [get_json(api, f"{base}?page={number}&page_size=3") for number in (1, 2, 3, 4)]

    assert [(data["count"], data["next"], data["previous"]) for data in pages] == [
        (10, f"{base}?page=2&page_size=3", None),
        (10, f"{base}?page=3&page_size=3", f"{base}?page_size=3"),
        (10, f"{base}?page=4&page_size=3", f"{base}?page=2&page_size=3"),
        (10, None, f"{base}?page=3&page_size=3"),
    ]
    assert [len(data["results"]) for data in pages] == [3, 3, 3, 1]
    assert [item["slug"] for data in pages for item in data["results"]] == [
        item["slug"] for item in get_json(api, base)["results"]
    ]
    for data in pages:
        assert_keys(data, PAGE_KEYS)


def test_the_default_page_size_is_20(api, db):
    factories.MechanismFactory.create_batch(25)
    base = url("mechanisms")

    first = get_json(api, base)
    second = get_json(api, first["next"])

    assert (first["count"], len(first["results"]), first["next"], first["previous"]) == (
        25,
        20,
        f"{base}?page=2",
        None,
    )
    assert (len(second["results"]), second["next"], second["previous"]) == (5, None, base)


def test_page_size_100_is_allowed(api, db):
    factories.MechanismFactory.create_batch(101)
    base = url("mechanisms")

    data = get_json(api, f"{base}?page_size=100")

    assert (data["count"], len(data["results"]), data["next"]) == (101, 100, f"{base}?page=2&page_size=100")


def test_an_empty_collection_is_one_empty_page(api, db):
    assert get_json(api, url("topics")) == {"count": 0, "next": None, "previous": None, "results": []}


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_a_page_beyond_the_end_is_a_json_404(api, seed, collection):
    assert get_problem(api, f"{url(collection)}?page=99", 404) == problem(404, "Invalid page.")


@pytest.mark.parametrize(
    ("query", "errors"),
    [
        ("page=abc", {"page": [NOT_A_WHOLE_NUMBER]}),
        ("page=0", {"page": [NOT_A_WHOLE_NUMBER]}),
        ("page=-1", {"page": [NOT_A_WHOLE_NUMBER]}),
        ("page=1.5", {"page": [NOT_A_WHOLE_NUMBER]}),
        ("page=", {"page": [NOT_A_WHOLE_NUMBER]}),
        ("page_size=0", {"page_size": [NOT_A_WHOLE_NUMBER]}),
        ("page_size=101", {"page_size": ["Must be 100 or less."]}),
        ("page_size=abc", {"page_size": [NOT_A_WHOLE_NUMBER]}),
        ("page_size=", {"page_size": [NOT_A_WHOLE_NUMBER]}),
    ],
)
def test_a_malformed_page_parameter_is_a_400_naming_it(api, seed, query, errors):
    data = get_problem(api, f"{url('conditions')}?{query}", 400)

    assert data == {
        "type": "about:blank",
        "title": "Bad Request",
        "status": 400,
        "detail": "Invalid request parameters.",
        "errors": errors,
    }
    assert data == invalid_parameters(errors)


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_every_list_rejects_a_malformed_page_size(api, db, collection):
    assert get_problem(api, f"{url(collection)}?page_size=0", 400) == invalid_parameters(
        {"page_size": [NOT_A_WHOLE_NUMBER]}
    )


@pytest.mark.parametrize("parameter", ["page", "page_size"])
def test_a_non_ascii_digit_is_a_400_not_a_500(db, parameter):
    client = APIClient(raise_request_exception=False)  # answer the 500 instead of raising it here

    response = client.get(f"{url('conditions')}?{parameter}=²")

    assert problem_of(response, 400) == invalid_parameters({parameter: [NOT_A_WHOLE_NUMBER]})


# ------------------------------------------------------------------------------------ read headers


def assert_rate_limited(response):
    """The generous limits of tests/conftest.py, one request counted in this test's first window."""
    assert response["RateLimit-Limit"] == "100000"
    assert response["RateLimit-Remaining"] == "99999"
    assert 1 <= int(response["RateLimit-Reset"]) <= 60


# A seed item of each collection.
SEED_ITEMS = {
    "topics": "hip-pain-buttock-discomfort",
    "conditions": "hip-osteoarthritis",
    "mechanisms": "referred-pain",
    "anatomy": "hip-joint",
    "red-flags": "persistent-pain",
    "treatments": "physical-therapy",
    "faqs": "how-does-hip-pain-lead-to-buttock-pain",
}


@pytest.mark.parametrize("kind", ["list", "detail"])
@pytest.mark.parametrize("collection", COLLECTIONS)
def test_every_read_carries_validators_cache_and_rate_limit_headers(api, seed, settings, collection, kind):
    path = url(collection) if kind == "list" else url(collection, SEED_ITEMS[collection])
    settings.API_CACHE_MAX_AGE = 90
    revision = ChangeEvent.objects.latest("id")

    response = api.get(path)

    assert response.status_code == 200
    assert response["Content-Type"] == JSON
    assert response["ETag"].startswith(f'"v1-{revision.id}-')
    assert response["Last-Modified"] == http_date(int(revision.at.timestamp()))
    assert response["Cache-Control"] == "public, max-age=90"
    assert {value.strip().lower() for value in response["Vary"].split(",")} == {"accept", "origin"}
    assert_rate_limited(response)


@pytest.mark.parametrize(
    ("path", "status"),
    [(url("conditions", "no-such-item"), 404), (f"{url('conditions')}?page_size=0", 400)],
)
def test_an_error_is_rate_limited_but_carries_no_validators(api, seed, path, status):
    response = api.get(path)

    problem_of(response, status)
    assert_rate_limited(response)
    for name in ("ETag", "Last-Modified", "Cache-Control"):
        assert name not in response, name


# ----------------------------------------------------------------------------------------- schema

LIST_PATHS = {f"/api/v1/{collection}/" for collection in COLLECTIONS}
DETAIL_PATHS = {f"/api/v1/{collection}/{{slug}}/" for collection in COLLECTIONS}
FEED_PATHS = {"/api/v1/changes/", "/api/v1/snapshot/", "/api/v1/search/"}
SCHEMA_PATHS = LIST_PATHS | DETAIL_PATHS | FEED_PATHS

# The query parameters of each operation: a list's filters, ordering, search and pages.
PAGED = {"page", "page_size"}
LISTED = {*PAGED, "ordering", "search", "updated_since"}
PARAMETERS = {
    "/api/v1/topics/": {*LISTED, "category"},
    "/api/v1/conditions/": {
        *LISTED,
        "topic",
        "role",
        "mechanism",
        "anatomy",
        "treatment",
        "red_flag",
        "code",
        "code_system",
        "basis",
    },
    "/api/v1/mechanisms/": LISTED,
    "/api/v1/anatomy/": {*LISTED, "parent"},
    "/api/v1/red-flags/": {*LISTED, "urgency"},
    "/api/v1/treatments/": {*LISTED, "category", "parent"},
    "/api/v1/faqs/": {*LISTED, "topic", "condition"},
    **{path: {"slug"} for path in DETAIL_PATHS},
    "/api/v1/changes/": {"since", "limit"},
    "/api/v1/snapshot/": set(),
    "/api/v1/search/": {*PAGED, "q", "type"},
}

# The answers of each operation. Every one can be a 304 (conditional GET), a 401 (a bad API key) or a 429.
EVERY_OPERATION = {"200", "304", "401", "429"}
RESPONSES = {
    **{path: {*EVERY_OPERATION, "400", "404"} for path in LIST_PATHS},  # bad parameters; past the last page
    **{path: {*EVERY_OPERATION, "404"} for path in DETAIL_PATHS},  # no published item has the slug
    "/api/v1/changes/": {*EVERY_OPERATION, "400"},  # a bad `since` or `limit`
    "/api/v1/snapshot/": EVERY_OPERATION,
    "/api/v1/search/": {*EVERY_OPERATION, "400", "404"},
}

# Each object component's properties must be exactly the keys the endpoint serves (see tests/keys.py).
COMPONENT_KEYS = {
    "TopicSummary": TOPIC_SUMMARY_KEYS,
    "Topic": TOPIC_DETAIL_KEYS,
    "ShortAnswer": SHORT_ANSWER_KEYS,
    "AnatomySection": SECTION_KEYS,
    "MechanismSection": SECTION_KEYS,
    "ConditionSection": SECTION_KEYS,
    "DifferentialSection": SECTION_KEYS,
    "RedFlagSection": SECTION_KEYS,
    "TreatmentSection": SECTION_KEYS,
    "KeyTakeawaySection": SECTION_WITHOUT_INTRO_KEYS,
    "FaqSection": SECTION_WITHOUT_INTRO_KEYS,
    "TopicAnatomyItem": TOPIC_ANATOMY_ITEM_KEYS,
    "TopicConditionItem": TOPIC_CONDITION_ITEM_KEYS,
    "TopicMechanismItem": TOPIC_MECHANISM_ITEM_KEYS,
    "TopicRedFlagItem": TOPIC_RED_FLAG_ITEM_KEYS,
    "TopicTreatmentItem": TOPIC_TREATMENT_ITEM_KEYS,
    "Claim": CLAIM_KEYS,
    "LinkClaim": LINK_CLAIM_KEYS,
    "Relation": RELATION_KEYS,
    "AnatomySummary": ANATOMY_SUMMARY_KEYS,
    "Anatomy": ANATOMY_DETAIL_KEYS,
    "MechanismSummary": MECHANISM_SUMMARY_KEYS,
    "Mechanism": MECHANISM_DETAIL_KEYS,
    "TreatmentSummary": TREATMENT_SUMMARY_KEYS,
    "Treatment": TREATMENT_DETAIL_KEYS,
    "RedFlagSummary": RED_FLAG_SUMMARY_KEYS,
    "RedFlag": RED_FLAG_DETAIL_KEYS,
    "Professional": PROFESSIONAL_KEYS,
    "ConditionSummary": CONDITION_SUMMARY_KEYS,
    "Condition": CONDITION_DETAIL_KEYS,
    "Code": CODE_KEYS,
    "ConditionTopicLink": CONDITION_TOPIC_LINK_KEYS,
    "FaqSummary": FAQ_SUMMARY_KEYS,
    "Faq": FAQ_DETAIL_KEYS,
    "Link": LINK_KEYS,
    "Reviewer": REVIEWER_KEYS,
    "Source": SOURCE_KEYS,
    "Problem": PARAMETER_ERROR_KEYS,
    "Change": CHANGE_KEYS,
    "ChangesPage": CHANGES_PAGE_KEYS,
    "Snapshot": SNAPSHOT_KEYS,
    "SearchHit": SEARCH_HIT_KEYS,
    **{
        f"Paginated{name}List": PAGE_KEYS
        for name in (
            "TopicSummary",
            "ConditionSummary",
            "MechanismSummary",
            "AnatomySummary",
            "RedFlagSummary",
            "TreatmentSummary",
            "FaqSummary",
            "SearchHit",
        )
    },
}

# The values of each enum component.
ENUMS = {
    "CategoryEnum": [
        "diagnostic",
        "self_care",
        "medication",
        "rehabilitation",
        "interventional",
        "surgical",
    ],
    "KindEnum": ["created", "updated", "unpublished", "deleted"],
    "RoleEnum": ["cause", "differential"],
    "SystemEnum": ["icd10cm", "snomedct"],
    "TypeEnum": ["topic", "condition", "mechanism", "anatomy", "red-flag", "treatment", "faq"],
    "UrgencyEnum": ["emergency", "urgent", "soon", "routine"],
    "BasisEnum": ["source", "editorial"],
    "BlankEnum": [""],  # a code's kind or match, where no one has said
    "CodeKindEnum": ["billable", "category"],
    "CodeMatchEnum": ["exact", "broader", "component"],
    "FieldEnum": ["mechanisms", "anatomy", "treatments", "red_flags"],
    "RelationEnum": [
        "is_a_form_of",
        "can_lead_to",
        "can_contribute_to",
        "tell_apart_from",
        "has_form",
        "can_result_from",
        "can_be_contributed_to_by",
    ],
    "ReviewStateEnum": ["clinically_reviewed", "not_yet_clinically_reviewed"],
}

PROBLEM_CONTENT = {PROBLEM: {"schema": {"$ref": "#/components/schemas/Problem"}}}


@pytest.fixture
def schema(api, db):
    response = api.get("/api/v1/schema/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi")
    return yaml.safe_load(response.content)


def operations(schema):
    """(path, operation) for every operation: each path has one, a GET."""
    return [(path, operation) for path, methods in schema["paths"].items() for operation in methods.values()]


def test_the_schema_is_openapi_3_with_every_path(schema):
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "hipcontent API"
    assert set(schema["paths"]) == SCHEMA_PATHS
    assert {method for path in schema["paths"].values() for method in path} == {"get"}


def test_the_schema_is_also_served_as_json(api, db, schema):
    response = api.get("/api/v1/schema/?format=json")

    assert response.status_code == 200
    assert response.json() == schema


def test_the_schema_documents_exactly_the_served_keys(schema):
    components = schema["components"]["schemas"]

    assert set(components) == set(COMPONENT_KEYS) | set(ENUMS)
    assert {name: set(components[name]["properties"]) for name in COMPONENT_KEYS} == COMPONENT_KEYS
    assert {name: components[name]["enum"] for name in ENUMS} == ENUMS


def test_the_problem_component_requires_all_but_errors(schema):
    problem_component = schema["components"]["schemas"]["Problem"]

    assert set(problem_component["required"]) == ERROR_KEYS
    assert problem_component["properties"]["status"]["type"] == "integer"
    assert problem_component["properties"]["errors"]["additionalProperties"] == {
        "type": "array",
        "items": {"type": "string"},
    }


def test_the_schema_documents_the_error_answers(schema):
    for path, operation in operations(schema):
        responses = operation["responses"]
        assert set(responses) == RESPONSES[path], path
        assert set(responses["200"]["content"]) == {JSON}, path
        assert "content" not in responses["304"], path
        for code in set(responses) - {"200", "304"}:
            assert responses[code]["content"] == PROBLEM_CONTENT, (path, code)


def test_every_list_documents_its_filters_ordering_and_search(schema):
    for path, operation in operations(schema):
        assert {parameter["name"] for parameter in operation.get("parameters", [])} == PARAMETERS[path], path
    for path in LIST_PATHS:
        [ordering] = [p for p in schema["paths"][path]["get"]["parameters"] if p["name"] == "ordering"]
        assert ordering["schema"]["items"]["enum"] == ["name", "updated_at", "-name", "-updated_at"], path


def test_every_operation_takes_an_optional_api_key(schema):
    assert schema["components"]["securitySchemes"] == {
        "ApiKeyAuth": {
            "type": "apiKey",
            "in": "header",
            "name": "X-Api-Key",
            "description": (
                "An app's API key, for that app's own rate limit. `Authorization: Api-Key <key>` works too. "
                "Without a key the API is open at the lower anonymous rate, per IP address; an unknown, "
                "revoked or expired key is a 401."
            ),
        }
    }
    for path, operation in operations(schema):
        assert operation["security"] == [{"ApiKeyAuth": []}, {}], path  # {}: no key at all is allowed


# ------------------------------------------------------------------------------------------- docs


class AssetParser(HTMLParser):
    """The URLs of the scripts, stylesheets, icons and preconnects an HTML page loads."""

    def __init__(self):
        super().__init__()
        self.assets = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("src"):
            self.assets.append(attrs["src"])
        if tag == "link" and attrs.get("href"):
            self.assets.append(attrs["href"])


def assets_of(html):
    parser = AssetParser()
    parser.feed(html)
    return parser.assets


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory):
    """collectstatic, as `make serve` runs it: the docs use the hashed names of the manifest storage."""
    root = tmp_path_factory.mktemp("staticfiles")
    with override_settings(STATIC_ROOT=root):
        call_command("collectstatic", interactive=False, verbosity=0)
    return root


@pytest.fixture
def static_root(collected_static, settings):
    settings.STATIC_ROOT = collected_static
    return collected_static


def render(api, path):
    response = api.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    return response.content.decode()


def assert_served_locally(assets, static_root):
    assert assets
    for asset in assets:
        assert asset.startswith("/static/"), asset
        assert (static_root / asset.removeprefix("/static/")).is_file(), asset


def test_swagger_ui_renders_with_local_assets_only(api, db, static_root):
    html = render(api, "/api/v1/docs/")

    assert "SwaggerUIBundle" in html
    assert '"/api/v1/schema/"' in html
    assert_served_locally(assets_of(html), static_root)
    assert "http://" not in html
    assert "https://" not in html
    assert "cdn.jsdelivr" not in html


def test_redoc_renders_with_local_assets_only(api, db, static_root):
    html = render(api, "/api/v1/redoc/")

    assert '<redoc spec-url="/api/v1/schema/">' in html
    assert_served_locally(assets_of(html), static_root)
    assert "http://" not in html
    assert "https://" not in html
    assert "cdn.jsdelivr" not in html
    assert "fonts.googleapis" not in html


def test_a_missing_trailing_slash_redirects_to_the_collection(api, db):
    response = api.get("/api/v1/topics")

    assert response.status_code == 301
    assert response["Location"] == "/api/v1/topics/"
