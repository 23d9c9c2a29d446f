"""/api/v1/mechanisms/: how hip problems produce buttock pain, with the conditions that work that way.

What every collection does alike (404s, hidden drafts, list query counts) is in test_every_collection.py.
"""

import datetime

import pytest

from conditions.models import Mechanism, Status
from tests import factories
from tests.api.v1.collections import UNPUBLISHED
from tests.api.v1.expected import LIST_ORDER, MECHANISM_CONDITIONS
from tests.api.v1.queries import DETAIL_QUERIES, LIST_QUERIES
from tests.keys import MECHANISM_DETAIL_KEYS, MECHANISM_SUMMARY_KEYS, assert_review_keys
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
from tests.seed_content import MECHANISMS, seed_review

# ------------------------------------------------------------------------------------ seed payloads


def test_the_list_is_every_seed_mechanism_in_name_order(api, seed, django_assert_num_queries):
    with django_assert_num_queries(LIST_QUERIES["mechanisms"]):
        data = get_json(api, url("mechanisms"))

    assert without_timestamps(data) == page([MECHANISMS[slug] for slug in LIST_ORDER["mechanisms"]])


def test_list_objects_have_exactly_the_v1_keys(api, seed):
    data = get_json(api, url("mechanisms"))

    assert_keys(data, PAGE_KEYS)
    assert len(data["results"]) == 4
    for item in data["results"]:
        assert_keys(item, MECHANISM_SUMMARY_KEYS)


@pytest.mark.parametrize("slug", list(MECHANISM_CONDITIONS))
def test_the_detail_is_the_summary_plus_its_conditions(api, seed, slug, django_assert_num_queries):
    with django_assert_num_queries(DETAIL_QUERIES["mechanisms"]):
        data = get_json(api, url("mechanisms", slug))

    assert without_timestamps(data) == {
        **MECHANISMS[slug],
        "conditions": MECHANISM_CONDITIONS[slug],
        **seed_review(),
    }
    assert_timestamps_match(data, Mechanism.objects.get(is_live=True, slug=slug))


@pytest.mark.parametrize("slug", list(MECHANISM_CONDITIONS))
def test_detail_objects_have_exactly_the_v1_keys(api, seed, slug):
    data = get_json(api, url("mechanisms", slug))

    assert_keys(data, MECHANISM_DETAIL_KEYS)
    assert_review_keys(data)
    assert_links(data["conditions"])


# ------------------------------------------------------------------------------ published only


@pytest.mark.parametrize("status", UNPUBLISHED)
def test_it_leaves_out_unpublished_conditions(api, db, status):
    mechanism = factories.MechanismFactory()
    condition = factories.ConditionFactory(mechanisms=[mechanism])
    factories.ConditionFactory(mechanisms=[mechanism], status=status)

    data = get_json(api, url("mechanisms", mechanism.slug))

    assert data["conditions"] == [link("conditions", condition.slug, condition.name)]


def test_working_rows_are_never_served(api, db):
    """Editors' rows are not what apps read, even published ones: approval leaves both rows published."""
    mechanism = factories.MechanismFactory(name="Approved mechanism")
    condition = factories.ConditionFactory(name="Approved condition", mechanisms=[mechanism])
    # The working rows, edited since their approval, linked to each other as editors link them.
    working = factories.working_copy(mechanism, name="Edited mechanism")
    factories.working_copy(condition, name="Edited condition", mechanisms=[working])
    factories.ConditionFactory(working=True, status=Status.PUBLISHED, mechanisms=[working])
    # An item that only ever had a working row.
    never_approved = factories.MechanismFactory(working=True, status=Status.PUBLISHED)

    listed = get_json(api, url("mechanisms"))
    data = get_json(api, url("mechanisms", mechanism.slug))

    assert [item["name"] for item in listed["results"]] == ["Approved mechanism"]
    assert listed["count"] == 1
    assert data["name"] == "Approved mechanism"
    assert data["conditions"] == [link("conditions", condition.slug, "Approved condition")]
    assert get_problem(api, url("mechanisms", never_approved.slug), 404) == not_found(
        "mechanism", never_approved.slug
    )
    # Where other items link to the mechanism, they link to what was approved, once.
    assert get_json(api, url("conditions", condition.slug))["mechanisms"] == [
        link("mechanisms", mechanism.slug, "Approved mechanism")
    ]


# ------------------------------------------------------------------------------------ query counts


def test_the_detail_query_count_does_not_grow_with_its_conditions(api, db, django_assert_num_queries):
    reviewer = factories.ReviewerProfileFactory()
    mechanism = factories.MechanismFactory(reviewed_by=reviewer.user, last_reviewed=datetime.date(2025, 3, 1))

    def add(n):
        mechanism.sources.add(*factories.SourceFactory.create_batch(n))
        factories.ConditionFactory.create_batch(n, mechanisms=[mechanism])

    add(3)
    with django_assert_num_queries(DETAIL_QUERIES["mechanisms"]):
        data = get_json(api, url("mechanisms", mechanism.slug))
    assert (len(data["conditions"]), len(data["sources"])) == (3, 3)
    add(27)
    with django_assert_num_queries(DETAIL_QUERIES["mechanisms"]):
        data = get_json(api, url("mechanisms", mechanism.slug))
    assert (len(data["conditions"]), len(data["sources"])) == (30, 30)
    assert data["reviewed_by"] == {"name": reviewer.display_name, "credentials": reviewer.credentials}
