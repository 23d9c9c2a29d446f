"""/api/v1/red-flags/: signs to seek help for, how urgently, from whom, and the conditions they go with.

What every collection does alike (404s, hidden drafts, list query counts) is in test_every_collection.py.
"""

import datetime

import pytest

from conditions.models import RedFlag, Status
from tests import factories
from tests.api.v1.collections import UNPUBLISHED
from tests.api.v1.expected import LIST_ORDER
from tests.api.v1.queries import DETAIL_QUERIES, LIST_QUERIES
from tests.keys import PROFESSIONAL_KEYS, RED_FLAG_DETAIL_KEYS, RED_FLAG_SUMMARY_KEYS, assert_review_keys
from tests.payloads import (
    PAGE_KEYS,
    assert_keys,
    assert_links,
    assert_timestamps_match,
    get_json,
    get_problem,
    link,
    not_found,
    page,
    url,
    without_timestamps,
)
from tests.seed_content import RED_FLAGS, seed_review

# ------------------------------------------------------------------------------------ seed payloads


def test_the_list_is_every_seed_red_flag_in_sign_order(api, seed, django_assert_num_queries):
    with django_assert_num_queries(LIST_QUERIES["red-flags"]):
        data = get_json(api, url("red-flags"))

    assert without_timestamps(data) == page([RED_FLAGS[slug] for slug in LIST_ORDER["red-flags"]])


def test_list_objects_have_exactly_the_v1_keys(api, seed):
    data = get_json(api, url("red-flags"))

    assert_keys(data, PAGE_KEYS)
    assert len(data["results"]) == 6
    for item in data["results"]:
        assert_keys(item, RED_FLAG_SUMMARY_KEYS)
        for professional in item["professionals"]:
            assert_keys(professional, PROFESSIONAL_KEYS)


@pytest.mark.parametrize("slug", LIST_ORDER["red-flags"])
def test_the_detail_is_the_summary_plus_its_conditions(api, seed, slug, django_assert_num_queries):
    with django_assert_num_queries(DETAIL_QUERIES["red-flags"]):
        data = get_json(api, url("red-flags", slug))

    # No seed condition lists a red flag, so every seed red flag has no conditions.
    assert without_timestamps(data) == {**RED_FLAGS[slug], "conditions": [], **seed_review()}
    assert_timestamps_match(data, RedFlag.objects.get(is_live=True, slug=slug))


@pytest.mark.parametrize("slug", LIST_ORDER["red-flags"])
def test_detail_objects_have_exactly_the_v1_keys(api, seed, slug):
    data = get_json(api, url("red-flags", slug))

    assert_keys(data, RED_FLAG_DETAIL_KEYS)
    assert_review_keys(data)
    assert_links(data["conditions"])
    for professional in data["professionals"]:
        assert_keys(professional, PROFESSIONAL_KEYS)


def test_the_detail_links_the_published_conditions_that_list_it(api, db):
    red_flag = factories.RedFlagFactory(professionals=[factories.ProfessionalFactory(name="GP")])
    condition = factories.ConditionFactory(red_flags=[red_flag])

    data = get_json(api, url("red-flags", red_flag.slug))

    assert data["conditions"] == [link("conditions", condition.slug, condition.name)]
    assert data["professionals"] == [{"slug": red_flag.professionals.get().slug, "name": "GP"}]


# ------------------------------------------------------------------------------ published only


@pytest.mark.parametrize("status", UNPUBLISHED)
def test_it_leaves_out_unpublished_conditions(api, db, status):
    red_flag = factories.RedFlagFactory()
    condition = factories.ConditionFactory(red_flags=[red_flag])
    factories.ConditionFactory(red_flags=[red_flag], status=status)

    data = get_json(api, url("red-flags", red_flag.slug))

    assert data["conditions"] == [link("conditions", condition.slug, condition.name)]


def test_working_rows_are_never_served(api, db):
    """Editors' rows are not what apps read, even published ones: approval leaves both rows published."""
    red_flag = factories.RedFlagFactory(sign="Approved sign.")
    condition = factories.ConditionFactory(name="Approved condition", red_flags=[red_flag])
    # The working rows, edited since their approval, linked to each other as editors link them.
    working = factories.working_copy(red_flag, sign="Edited sign.")
    factories.working_copy(condition, name="Edited condition", red_flags=[working])
    factories.ConditionFactory(working=True, status=Status.PUBLISHED, red_flags=[working])
    # An item that only ever had a working row.
    never_approved = factories.RedFlagFactory(working=True, status=Status.PUBLISHED)

    listed = get_json(api, url("red-flags"))
    data = get_json(api, url("red-flags", red_flag.slug))

    assert [item["sign"] for item in listed["results"]] == ["Approved sign."]
    assert listed["count"] == 1
    assert data["sign"] == "Approved sign."
    assert data["conditions"] == [link("conditions", condition.slug, "Approved condition")]
    assert get_problem(api, url("red-flags", never_approved.slug), 404) == not_found(
        "red flag", never_approved.slug
    )
    # Where other items link to the red flag, they link to what was approved, once.
    assert get_json(api, url("conditions", condition.slug))["red_flags"] == [
        link("red-flags", red_flag.slug, "Approved sign.")
    ]


# ------------------------------------------------------------------------------------ query counts


def test_the_detail_query_count_does_not_grow_with_professionals_and_conditions(
    api, db, django_assert_num_queries
):
    reviewer = factories.ReviewerProfileFactory()
    red_flag = factories.RedFlagFactory(reviewed_by=reviewer.user, last_reviewed=datetime.date(2025, 3, 1))

    def add(n):
        red_flag.sources.add(*factories.SourceFactory.create_batch(n))
        red_flag.professionals.add(*factories.ProfessionalFactory.create_batch(n))
        factories.ConditionFactory.create_batch(n, red_flags=[red_flag])

    def counts(data):
        return (len(data["professionals"]), len(data["conditions"]), len(data["sources"]))

    add(3)
    with django_assert_num_queries(DETAIL_QUERIES["red-flags"]):
        data = get_json(api, url("red-flags", red_flag.slug))
    assert counts(data) == (3, 3, 3)
    add(27)
    with django_assert_num_queries(DETAIL_QUERIES["red-flags"]):
        data = get_json(api, url("red-flags", red_flag.slug))
    assert counts(data) == (30, 30, 30)
    assert data["reviewed_by"] == {"name": reviewer.display_name, "credentials": reviewer.credentials}
