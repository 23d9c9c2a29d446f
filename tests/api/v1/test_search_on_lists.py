"""`?search=` on every v1 list (hipcontent/api/search.py's filter over conditions/search.py): every word must
match, best match first unless an ordering is given, paginated like the list, at no extra query.

The same tests run on SQLite (the containment fallback) and on PostgreSQL (full-text search with GIN
indexes); only ranks differ, so tests compare the order of results, never rank values.
"""

import pytest

from conditions import models, search
from tests import factories
from tests.api.v1.collections import COLLECTIONS
from tests.payloads import PAGE_KEYS, assert_keys, bad_request, get_json, page, url

SEARCH = "/api/v1/search/"
CONTROL_CHARACTERS = ["\x00", "\x07", "\t", "\n", "\x1b", "\x7f", "\x85"]


def slugs(data):
    return [item["slug"] for item in data["results"]]


@pytest.mark.parametrize(
    ("collection", "text", "expected"),
    [
        # The name match first, then the item that has the word in its summary only.
        ("conditions", "piriformis", ["piriformis-syndrome", "deep-gluteal-syndrome"]),
        ("conditions", "PIRIFORMIS", ["piriformis-syndrome", "deep-gluteal-syndrome"]),
        ("conditions", "FAI", ["femoroacetabular-impingement", "labral-tears"]),  # abbreviation, then prose
        ("red-flags", "numbness", ["leg-or-foot-weakness-numbness-tingling"]),
        ("red-flags", "night", ["worse-with-activity-or-at-night"]),
        ("faqs", "piriformis", ["can-buttock-pain-come-from-other-sources"]),
        ("topics", "buttock", ["hip-pain-buttock-discomfort"]),
        ("topics", "bad hip", ["hip-pain-buttock-discomfort"]),  # its question
        ("mechanisms", "sciatic", ["nerve-entrapment-or-irritation"]),
        ("anatomy", "piriformis", ["deep-external-rotators", "sciatic-nerve"]),
        ("anatomy", "abduction", ["gluteus-medius-and-minimus"]),
        ("treatments", "corticosteroid", ["injections"]),
    ],
)
def test_search_finds_the_seed_items_best_match_first(api, seed, collection, text, expected):
    response = api.get(url(collection), {"search": text})
    assert response.status_code == 200
    assert slugs(response.json()) == expected


def test_a_name_match_ranks_above_a_prose_only_match(api, db):
    factories.ConditionFactory(slug="alpha", name="Alpha", summary="Mentions a wobble in passing.")
    factories.ConditionFactory(slug="zulu", name="Zulu Wobble", summary="Nothing more.")
    factories.ConditionFactory(slug="other", name="Other", summary="Nothing at all.")

    data = get_json(api, f"{url('conditions')}?search=wobble")

    # By name alone Alpha would come first.
    assert slugs(data) == ["zulu", "alpha"]
    assert data["count"] == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Every word must match, in any field: names or text.
        ("sciatic nerve", {"piriformis-syndrome", "deep-gluteal-syndrome"}),
        ("piriformis muscle", {"piriformis-syndrome", "deep-gluteal-syndrome"}),
        ("piriformis spasm", {"piriformis-syndrome"}),
        ("  piriformis   spasm  ", {"piriformis-syndrome"}),
        ("piriformis tendinopathy", set()),
    ],
)
def test_multiword_searches_need_every_word(api, seed, text, expected):
    response = api.get(url("conditions"), {"search": text})

    assert response.status_code == 200
    assert set(slugs(response.json())) == expected


@pytest.mark.parametrize("collection", list(COLLECTIONS))
def test_no_match_is_an_empty_page(api, seed, collection):
    # A word no item has; punctuation only (no word at all); the longest search allowed.
    for text in ["zebra", "!!!", "x" * search.MAX_LENGTH]:
        response = api.get(url(collection), {"search": text})

        assert response.status_code == 200
        assert response.json() == page([]), text


@pytest.mark.parametrize("text", ["", " ", "   \u3000 "])
def test_a_blank_search_is_no_search(api, seed, text):
    everything = get_json(api, url("conditions"))

    response = api.get(url("conditions"), {"search": text})

    assert response.status_code == 200
    assert response.json() == everything
    assert everything["count"] == 10


@pytest.mark.parametrize("collection", list(COLLECTIONS))
def test_a_search_longer_than_200_characters_is_a_400_naming_search(api, db, collection):
    errors = bad_request(api, url(collection), {"search": "x" * (search.MAX_LENGTH + 1)})

    assert errors == {"search": ["Must be 200 characters or fewer."]}


@pytest.mark.parametrize("character", CONTROL_CHARACTERS)
def test_control_characters_in_search_are_a_400_naming_search(api, db, character):
    errors = bad_request(api, url("conditions"), {"search": f"hip{character}pain"})

    assert errors == {"search": ["Must not contain control characters."]}


def test_a_nul_byte_alone_is_a_400_not_a_500(api, db):
    response = api.get(f"{url('faqs')}?search=%00")

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"search"}


@pytest.mark.parametrize(
    "text",
    [
        "'",
        '"',
        "-",
        "!",
        "&|",
        "a:*",
        "\\",
        "(",
        "or",
        "-piriformis",
        '"piriformis syndrome"',
        "100%",
        "a_b",
        "🦴",
    ],
)
def test_odd_search_text_is_never_an_error(api, db, text):
    # websearch_to_tsquery accepts any text; LIKE wildcards are escaped on SQLite.
    factories.ConditionFactory(name="Piriformis Syndrome")

    assert api.get(url("conditions"), {"search": text}).status_code == 200
    assert api.get(SEARCH, {"q": text}).status_code == 200


def test_search_never_returns_drafts_items_in_review_withdrawn_items_or_working_rows(api, db):
    live = factories.ConditionFactory(slug="live", name="Zebrafish Live")
    factories.working_copy(live, name="Zebrafish Live, renamed to Quokka")
    factories.ConditionFactory(slug="draft", name="Zebrafish Draft", draft=True)
    factories.ConditionFactory(slug="in-review", name="Zebrafish In Review", in_review=True)
    factories.ConditionFactory(slug="withdrawn", name="Zebrafish Withdrawn", status=models.Status.UNPUBLISHED)
    factories.ConditionFactory(slug="working", name="Zebrafish Working", working=True)

    assert slugs(get_json(api, f"{url('conditions')}?search=zebrafish")) == ["live"]
    # The working row's edit is not approved yet: the API does not know the word.
    assert get_json(api, f"{url('conditions')}?search=quokka") == page([])


def test_an_explicit_ordering_replaces_the_rank_order(api, seed):
    data = get_json(api, f"{url('conditions')}?search=piriformis&ordering=name")

    assert slugs(data) == ["deep-gluteal-syndrome", "piriformis-syndrome"]


def test_search_results_are_paginated_like_the_list(api, seed):
    data = get_json(api, f"{url('conditions')}?search=buttock&page_size=2&page=2")

    assert_keys(data, PAGE_KEYS)
    assert data["count"] == 7
    assert len(data["results"]) == 2
    assert data["next"] == f"{url('conditions')}?page=3&page_size=2&search=buttock"
    assert data["previous"] == f"{url('conditions')}?page_size=2&search=buttock"


def test_a_detail_ignores_search(api, seed):
    response = api.get(url("conditions", "piriformis-syndrome"), {"search": "zebra"})

    assert response.status_code == 200
    assert response.json()["slug"] == "piriformis-syndrome"


# 1. the newest ChangeEvent (the ETag's content revision)  2. COUNT(*) of the published items that match
# 3. the page of them, ranked: search adds a WHERE and a rank column to the list's queries, never a query
FAQ_SEARCH_QUERIES = 3
# As for FAQs, plus 4. the codes of the conditions on the page (prefetched)
CONDITION_SEARCH_QUERIES = 4
# As for FAQs, plus 4. the professionals of the red flags on the page (prefetched)
RED_FLAG_SEARCH_QUERIES = 4


@pytest.mark.parametrize(
    ("collection", "queries"),
    [
        ("faqs", FAQ_SEARCH_QUERIES),
        ("conditions", CONDITION_SEARCH_QUERIES),
        ("red-flags", RED_FLAG_SEARCH_QUERIES),
    ],
)
def test_a_search_costs_the_same_queries_as_the_list(api, db, collection, queries, django_assert_num_queries):
    for n in range(12):
        if collection == "faqs":
            factories.QuestionFactory(question=f"Wobble {n:04d}?")
        elif collection == "conditions":
            factories.ConditionFactory(name=f"Wobble {n:04d}")
        else:
            factories.RedFlagFactory(sign=f"Wobble {n:04d}.", professionals=[factories.ProfessionalFactory()])

    with django_assert_num_queries(queries):
        data = get_json(api, f"{url(collection)}?search=wobble&page_size=5")
    assert data["count"] == 12
    with django_assert_num_queries(queries):
        get_json(api, f"{url(collection)}?page_size=5")
