"""/api/v1/search/?q=: one ranked list of hits across every collection, and what v1's schema says of search
(the endpoint, and `?search=` on every list; test_search_on_lists.py tests the lists' search itself).

The same tests run on SQLite (the containment fallback) and on PostgreSQL (full-text search with GIN
indexes); only ranks differ, so tests compare the order of results, never rank values.
"""

from io import StringIO

import pytest
import yaml
from django.core.management import call_command

from conditions import models, search
from tests import factories
from tests.api.v1.collections import MODELS
from tests.payloads import PAGE_KEYS, assert_keys, bad_request, get_json, page, url

SEARCH = "/api/v1/search/"
HIT_KEYS = {"type", "slug", "name", "url", "rank", "snippet"}


def hits(data):
    return [(hit["type"], hit["slug"]) for hit in data["results"]]


def test_a_hit_is_exactly_type_slug_name_url_rank_and_snippet(api, seed):
    data = get_json(api, f"{SEARCH}?q=piriformis&type=condition")

    assert_keys(data, PAGE_KEYS)
    assert [hit["slug"] for hit in data["results"]] == ["piriformis-syndrome", "deep-gluteal-syndrome"]
    first, second = data["results"]
    assert_keys(first, HIT_KEYS)
    summary = models.Condition.objects.published().get(slug="piriformis-syndrome").summary
    assert {**first, "rank": None} == {
        "type": "condition",
        "slug": "piriformis-syndrome",
        "name": "Piriformis Syndrome",
        "url": url("conditions", "piriformis-syndrome"),
        "rank": None,
        "snippet": summary[: search.SNIPPET_LENGTH],
    }
    assert len(summary) > search.SNIPPET_LENGTH
    assert isinstance(first["rank"], float)
    assert first["rank"] > second["rank"] > 0


def test_search_covers_every_collection_best_match_first(api, seed):
    data = get_json(api, f"{SEARCH}?q=piriformis")

    assert set(hits(data)) == {
        ("condition", "piriformis-syndrome"),
        ("condition", "deep-gluteal-syndrome"),
        ("anatomy", "deep-external-rotators"),
        ("anatomy", "sciatic-nerve"),
        ("faq", "can-buttock-pain-come-from-other-sources"),
    }
    assert data["count"] == 5
    assert hits(data)[0] == ("condition", "piriformis-syndrome")  # the one name match
    ranks = [hit["rank"] for hit in data["results"]]
    assert ranks == sorted(ranks, reverse=True)
    for hit in data["results"]:
        assert_keys(hit, HIT_KEYS)
        assert hit["url"] == url(next(c for c, m in MODELS.items() if m.api_name == hit["type"]), hit["slug"])
        assert "piriformis" in hit["snippet"].lower()


def test_every_collection_can_be_found(api, seed):
    # The seed has "pain" in every collection.
    data = get_json(api, f"{SEARCH}?q=pain&page_size=100")

    assert {hit["type"] for hit in data["results"]} == {model.api_name for model in MODELS.values()}


def test_the_snippet_comes_from_the_prose_field_that_matches(api, db):
    factories.AnatomicalStructureFactory(
        slug="knee-thing", name="Knee Thing", description="Plain words.", function="Wobbles the knee."
    )
    factories.AnatomicalStructureFactory(
        slug="wobble-bone", name="Wobble Bone", description=("A long\n\n  description.  " * 30), function=""
    )

    data = get_json(api, f"{SEARCH}?q=wobble")
    snippets = {hit["slug"]: hit["snippet"] for hit in data["results"]}

    assert snippets["knee-thing"] == "Wobbles the knee."
    # A name match shows the first prose field: plain text, whitespace collapsed, at most 200 characters.
    assert snippets["wobble-bone"].startswith("A long description. A long description.")
    assert len(snippets["wobble-bone"]) <= search.SNIPPET_LENGTH
    assert "\n" not in snippets["wobble-bone"]


@pytest.mark.parametrize("model", list(MODELS.values()))
def test_type_restricts_hits_to_one_collection(api, seed, model):
    data = get_json(api, f"{SEARCH}?q=pain&page_size=100")
    expected = [hit for hit in data["results"] if hit["type"] == model.api_name]

    only = get_json(api, f"{SEARCH}?q=pain&page_size=100&type={model.api_name}")

    assert only["results"] == expected
    assert only["count"] == len(expected) > 0


@pytest.mark.parametrize("value", ["conditions", "Condition", "red_flag", "source", "x" * 300])
def test_an_unknown_type_is_a_400_naming_type(api, db, value):
    errors = bad_request(api, SEARCH, {"q": "pain", "type": value})

    choices = "topic, condition, mechanism, anatomy, red-flag, treatment, faq"
    assert errors == {"type": [f"Unknown type {value!r}; use one of {choices}."]}


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "   "}, {"type": "condition"}])
def test_a_missing_or_blank_q_is_a_400_naming_q(api, db, params):
    assert bad_request(api, SEARCH, params) == {"q": ["Required: the text to search for."]}


@pytest.mark.parametrize("q", ["x" * (search.MAX_LENGTH + 1), "hip\x00", "hip\x1bpain"])
def test_a_q_that_is_too_long_or_has_control_characters_is_a_400_naming_q(api, db, q):
    assert set(bad_request(api, SEARCH, {"q": q})) == {"q"}


def test_drafts_and_working_rows_are_never_hits(api, db):
    live = factories.QuestionFactory(slug="live", question="Zebrafish live?")
    factories.working_copy(
        live, question="Zebrafish live? Quokka!", topic=factories.TopicFactory(working=True)
    )
    factories.QuestionFactory(slug="draft", question="Zebrafish draft?", topic=live.topic, draft=True)
    factories.ConditionFactory(slug="working", name="Zebrafish Working", working=True)
    factories.RedFlagFactory(slug="withdrawn", sign="Zebrafish.", status=models.Status.UNPUBLISHED)

    assert hits(get_json(api, f"{SEARCH}?q=zebrafish")) == [("faq", "live")]
    assert get_json(api, f"{SEARCH}?q=quokka") == page([])


def test_hits_are_paginated_like_the_lists(api, seed):
    everything = get_json(api, f"{SEARCH}?q=pain&page_size=100")
    assert everything["count"] == len(everything["results"]) > 10

    walked, next_url = [], f"{SEARCH}?q=pain&page_size=4"
    while next_url:
        data = get_json(api, next_url)
        assert data["count"] == everything["count"]
        assert len(data["results"]) <= 4
        walked += data["results"]
        next_url = data["next"]

    assert walked == everything["results"]
    assert get_json(api, f"{SEARCH}?q=pain&page_size=4&page=2")["previous"] == (
        "http://testserver/api/v1/search/?page_size=4&q=pain"
    )


def test_hit_pages_reject_bad_page_parameters(api, seed):
    assert set(bad_request(api, SEARCH, {"q": "pain", "page_size": 101})) == {"page_size"}
    assert set(bad_request(api, SEARCH, {"q": "pain", "page": "0"})) == {"page"}
    assert api.get(SEARCH, {"q": "pain", "page": 99}).status_code == 404


def test_no_hit_is_an_empty_page(api, seed):
    assert get_json(api, f"{SEARCH}?q=zebra") == page([])
    assert get_json(api, f"{SEARCH}?q=!!!") == page([])


# 1. the newest ChangeEvent (the ETag's content revision)
# 2. COUNT(*) over one UNION ALL of the seven collections' matching ids
# 3. the page: one UNION ALL of the seven collections' hits, ordered by rank, with LIMIT/OFFSET (on
#    PostgreSQL a word of letters reads SearchTerm; other texts have a second branch a collection)
HIT_QUERIES = 3


@pytest.mark.parametrize("params", ["q=pain", "q=pain&type=faq", "q=pain&page=2&page_size=3"])
def test_hits_cost_three_queries_whatever_the_number_of_collections(
    api, seed, params, django_assert_num_queries
):
    with django_assert_num_queries(HIT_QUERIES) as captured:
        get_json(api, f"{SEARCH}?{params}")

    if "type" not in params:
        assert captured.captured_queries[2]["sql"].count("UNION ALL") == len(MODELS) - 1


def test_no_hit_costs_two_queries(api, seed, django_assert_num_queries):
    # As above, without 3: there is no page to read.
    with django_assert_num_queries(HIT_QUERIES - 1):
        get_json(api, f"{SEARCH}?q=zebra")


def test_hits_are_counted_once_per_revision(api, seed, django_assert_num_queries):
    first = get_json(api, f"{SEARCH}?q=pain&page_size=3")

    # 1. the revision  2. the page; no COUNT(*): kept from the first page at this content revision, as the
    # lists' counts are (hipcontent/api/http/cache.py count_per_revision)
    with django_assert_num_queries(HIT_QUERIES - 1) as captured:
        second = get_json(api, f"{SEARCH}?q=pain&page_size=3&page=2")

    # The revision is a statement prepared on the server (cache.newest_in), of which PostgreSQL logs no text.
    assert not any("COUNT(" in query["sql"].upper() for query in captured.captured_queries)
    assert second["count"] == first["count"] == search.Hits("pain", list(search.SEARCHED)).count() > 6


def test_hits_grow_without_more_queries(api, db, django_assert_num_queries):
    for n in range(30):
        factories.MechanismFactory(name=f"Wobble {n:04d}")
        factories.QuestionFactory(question=f"Wobble {n:04d}?")

    with django_assert_num_queries(HIT_QUERIES):
        data = get_json(api, f"{SEARCH}?q=wobble&page_size=50")
    assert data["count"] == 60


# ------------------------------------------------------------------------------------------- schema


@pytest.fixture
def schema(db):
    # --fail-on-warn: the search parameters and the SearchHit component add no warning.
    out = StringIO()
    call_command("spectacular", "--api-version", "v1", "--validate", "--fail-on-warn", stdout=out)
    return yaml.safe_load(out.getvalue())


def test_the_schema_documents_the_search_endpoint(schema):
    operation = schema["paths"]["/api/v1/search/"]["get"]
    parameters = {parameter["name"]: parameter for parameter in operation["parameters"]}

    assert set(parameters) == {"q", "type", "page", "page_size"}
    assert parameters["q"]["required"] is True
    # Something besides spaces, no control characters: the server always refused the rest (issue 14).
    no_control = "\\u0000-\\u001f\\u007f-\\u009f"
    spaces = "\\u0020\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000"
    assert parameters["q"]["schema"] == {
        "type": "string",
        "maxLength": 200,
        "minLength": 1,
        "pattern": f"^[^{no_control}]*[^{spaces}{no_control}][^{no_control}]*$",
    }
    assert sorted(parameters["type"]["schema"]["enum"]) == sorted(model.api_name for model in search.SEARCHED)
    assert parameters["page_size"]["schema"]["maximum"] == 100
    assert set(operation["responses"]) >= {"200", "400", "404"}
    assert operation["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/PaginatedSearchHitList"
    }
    hit = schema["components"]["schemas"]["SearchHit"]
    assert set(hit["properties"]) == HIT_KEYS
    assert set(hit["required"]) == HIT_KEYS
    assert hit["properties"]["rank"]["type"] == "number"


def test_the_schema_documents_search_on_every_list(schema):
    for collection in MODELS:
        operation = schema["paths"][f"/api/v1/{collection}/"]["get"]
        [parameter] = [p for p in operation["parameters"] if p["name"] == "search"]
        assert parameter["schema"] == {
            "type": "string",
            "maxLength": 200,
            "pattern": "^[^\\u0000-\\u001f\\u007f-\\u009f]*$",  # no control characters
        }, collection
        assert parameter["required"] is False
        assert parameter["allowEmptyValue"] is True
