"""/api/v1/schema/: v1's OpenAPI document names every path, parameter, answer and object key v1 serves.

Its components are checked against tests/keys.py, the keys the endpoints' own tests check, so the
documented contract and the served one cannot drift apart.
"""

import pytest
import yaml

from tests.api.v1.collections import COLLECTIONS
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
    TREATMENT_ANATOMY_CLAIM_KEYS,
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
)

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
    "/api/v1/snapshot/": {*EVERY_OPERATION, "416", "503"},  # a range past the end; nothing built yet
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
    "TreatmentAnatomyClaim": TREATMENT_ANATOMY_CLAIM_KEYS,
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
