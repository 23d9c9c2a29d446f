"""v2 lists: `ItemList` pages walked by cursor, in a stable order, with no COUNT(*); v1's filters, ordering
and search; a cursor or page size that is not valid is a 400 problem naming it."""

from base64 import b64encode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conditions.models import Condition
from tests import factories
from tests.api.v1.expected import LIST_ORDER
from tests.api.v2.expected import (
    PAGE_KEYS,
    SUMMARY_KEYS,
    anatomy,
    condition_summary,
    faq,
    mechanism,
    page,
    red_flag,
    topic_summary,
    treatment,
    url,
    without_dates,
)
from tests.api.v2.queries import LIST_QUERIES
from tests.payloads import assert_keys, get_json, get_problem, invalid_parameters
from tests.seed_content import ANATOMY, FAQS, MECHANISMS, RED_FLAGS, TREATMENTS

SEED_LISTS = {
    "topics": [topic_summary()],
    "conditions": [condition_summary(slug) for slug in LIST_ORDER["conditions"]],
    "mechanisms": [mechanism(MECHANISMS[slug]) for slug in LIST_ORDER["mechanisms"]],
    "anatomy": [anatomy(ANATOMY[slug]) for slug in LIST_ORDER["anatomy"]],
    "red-flags": [red_flag(RED_FLAGS[slug]) for slug in LIST_ORDER["red-flags"]],
    "treatments": [treatment(TREATMENTS[slug]) for slug in LIST_ORDER["treatments"]],
    "faqs": [faq(FAQS[slug]) for slug in LIST_ORDER["faqs"]],
}
CURSOR_ERROR = ["Not a cursor from this list: follow `next` or `previous` as given, or start without one."]


def cursor(text):
    return b64encode(text.encode()).decode()


def identifiers(data):
    return [item["identifier"] for item in data["itemListElement"]]


def walk(api, first, direction="next"):
    """Every page from `first`, following `direction` links until null; the pages' identifiers in order."""
    seen, at = [], first
    while at:
        data = get_json(api, at)
        seen.append(identifiers(data))
        at = data[direction]
    return seen


# ------------------------------------------------------------------------------------------- seed


@pytest.mark.parametrize("collection", list(SEED_LISTS))
def test_a_seed_list_is_one_item_list_page(api, seed, collection, django_assert_num_queries):
    at = url(collection) + "?page_size=100"
    with django_assert_num_queries(LIST_QUERIES[collection]):
        data = get_json(api, at)

    assert without_dates(data) == page(SEED_LISTS[collection], at=at)
    assert_keys(data, PAGE_KEYS)
    for item in data["itemListElement"]:
        assert_keys(item, SUMMARY_KEYS[collection])


def test_the_default_page_size_is_twenty_and_the_first_page_has_no_previous(api, db):
    factories.MechanismFactory.create_batch(21)

    data = get_json(api, url("mechanisms"))

    assert len(data["itemListElement"]) == 20
    assert data["previous"] is None
    assert data["next"].startswith(url("mechanisms") + "?cursor=")


def test_no_list_counts_its_items(api, seed):
    for collection in SEED_LISTS:
        with CaptureQueriesContext(connection) as queries:
            get_json(api, url(collection) + "?page_size=2")
        # The revision is a prepared statement (hipcontent/api/http/cache.py newest_in): no text logged.
        assert not [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()], collection


# ----------------------------------------------------------------------------------------- cursors


def expected_order(*ordering):
    return list(Condition.objects.published().order_by(*ordering).values_list("slug", flat=True))


@pytest.mark.parametrize(
    ("ordering", "model_order"),
    [
        ("", ("name", "slug")),
        ("name", ("name", "slug")),
        ("-name", ("-name", "slug")),
        ("-updated_at", ("-updated_at", "slug")),
        ("updated_at,-name", ("updated_at", "-name", "slug")),
    ],
)
def test_walking_next_then_previous_visits_every_item_once_in_order(api, db, ordering, model_order):
    factories.ConditionFactory.create_batch(17)
    # Seven with the same name: pages must break ties on the slug, never repeat or skip one.
    for _ in range(7):
        factories.ConditionFactory(name="Same name")
    first = url("conditions") + f"?page_size=4&ordering={ordering}"

    forward = walk(api, first)
    flat = [slug for page_ in forward for slug in page_]

    assert flat == expected_order(*model_order)
    assert [len(page_) for page_ in forward] == [4, 4, 4, 4, 4, 4]
    last = get_json(api, first)
    while last["next"]:
        last = get_json(api, last["next"])
    backward = walk(api, last["previous"], "previous")
    assert [slug for page_ in reversed(backward) for slug in page_] == flat[: len(flat) - len(forward[-1])]


def test_a_cursor_is_stable_when_items_are_added_before_it(api, db):
    factories.ConditionFactory.create_batch(6)
    first = get_json(api, url("conditions") + "?page_size=3")
    # A condition that sorts first, published after the first page was read.
    factories.ConditionFactory(name="AAA first")

    second = get_json(api, first["next"])

    assert identifiers(first) + identifiers(second) == expected_order("name", "slug")[1:]


def test_page_size_can_be_a_hundred(api, db):
    factories.MechanismFactory.create_batch(101)

    data = get_json(api, url("mechanisms") + "?page_size=100")

    assert len(data["itemListElement"]) == 100
    assert len(get_json(api, data["next"])["itemListElement"]) == 1


@pytest.mark.parametrize(
    ("collection", "query"),
    [
        ("conditions", "cursor=abc"),
        ("conditions", "cursor=%FF%FE"),
        ("conditions", f"cursor={cursor('o=x')}"),
        ("conditions", f"cursor={cursor('r=x')}"),
        ("topics", f"cursor={cursor('o=-1')}"),
        # A position that is no value of the ordering field: not a time, not a number.
        ("conditions", f"ordering=updated_at&cursor={cursor('p=not-a-time')}"),
        ("faqs", f"cursor={cursor('p=first')}"),
        ("faqs", f"cursor={cursor('p=99999999999999999999')}"),
        ("red-flags", f"cursor={cursor('p=' + 'x' * 400)}"),
        ("conditions", f"cursor={cursor('p=Hip%00')}"),
    ],
)
def test_a_malformed_cursor_is_a_400_naming_it(api, seed, collection, query):
    assert get_problem(api, url(collection) + "?" + query, 400) == invalid_parameters(
        {"cursor": CURSOR_ERROR}
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0", "Must be a whole number of 1 or more."),
        ("abc", "Must be a whole number of 1 or more."),
        ("101", "Must be 100 or less."),
    ],
)
def test_a_bad_page_size_is_a_400_naming_it(api, db, value, message):
    assert get_problem(api, url("treatments") + f"?page_size={value}", 400) == invalid_parameters(
        {"page_size": [message]}
    )


def test_page_is_not_a_v2_parameter(api, seed):
    # v2 lists have no page numbers: `page` is ignored, as any unknown parameter is.
    assert identifiers(get_json(api, url("mechanisms") + "?page=7")) == LIST_ORDER["mechanisms"]


# ------------------------------------------------------------------------------- filters, ordering, search


def test_filters_work_as_in_v1(api, seed):
    differentials = get_json(api, url("conditions") + "?role=differential")
    coded = get_json(api, url("conditions") + "?code=M16&code_system=icd10cm")
    parts = get_json(api, url("treatments") + "?parent=physical-therapy")

    assert identifiers(differentials) == [
        "hamstring-origin-tendinopathy",
        "lumbar-spine-issues",
        "myofascial-trigger-points",
        "piriformis-syndrome",
    ]
    assert identifiers(coded) == ["hip-osteoarthritis"]
    assert identifiers(parts) == [
        "manual-therapy",
        "movement-pattern-retraining",
        "patient-education",
        "therapeutic-exercises",
    ]
    assert get_json(api, url("red-flags") + "?urgency=emergency")["itemListElement"] == []


def test_a_bad_filter_or_ordering_is_a_400_as_in_v1(api, seed):
    assert get_problem(api, url("red-flags") + "?urgency=whenever", 400)["errors"].keys() == {"urgency"}
    assert get_problem(api, url("conditions") + "?ordering=colour", 400) == invalid_parameters(
        {"ordering": ["Unknown field 'colour'; use name, updated_at, with - for descending."]}
    )


def test_ordering_by_name_uses_each_collections_own_name(api, seed):
    assert identifiers(get_json(api, url("red-flags") + "?ordering=-name")) == LIST_ORDER["red-flags"][::-1]
    assert identifiers(get_json(api, url("faqs") + "?ordering=name")) == sorted(
        LIST_ORDER["faqs"], key=lambda slug: FAQS[slug]["question"]
    )


def test_search_narrows_a_list_and_keeps_its_order(api, seed):
    data = get_json(api, url("conditions") + "?search=piriformis")

    # Matches come in the list's order (name); relevance order is what /search/ gives.
    assert identifiers(data) == ["deep-gluteal-syndrome", "piriformis-syndrome"]
