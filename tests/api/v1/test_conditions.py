"""/api/v1/conditions/: conditions, with every published item they link to and the topics that cover them.

What every collection does alike (404s, hidden drafts, list query counts) is in test_every_collection.py.
"""

import datetime

import pytest

from conditions.models import Condition, ConditionCode, Status, TopicCondition
from tests import factories
from tests.api.v1.collections import UNPUBLISHED
from tests.api.v1.expected import CONDITION_LINKS, LIST_ORDER
from tests.api.v1.queries import DETAIL_QUERIES, LIST_QUERIES
from tests.keys import (
    CONDITION_DETAIL_KEYS,
    CONDITION_LINK_LISTS,
    CONDITION_SUMMARY_KEYS,
    CONDITION_TOPIC_LINK_KEYS,
    assert_code_keys,
    assert_review_keys,
)
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
from tests.seed_content import (
    condition_review,
    condition_summary,
)


def bare_code(system, code):
    """A code as factories.add_code() adds it (no release, kind or match): an uncited editorial claim."""
    return {
        "system": system,
        "code": code,
        "display": f"Title of {code}",
        "release": "",
        "kind": "",
        "match": "",
        "claim": {"basis": "editorial", "quote": "", "source_title": None, "qualifier": ""},
    }


# ------------------------------------------------------------------------------------ seed payloads


def test_the_list_is_every_seed_condition_in_name_order(api, seed, django_assert_num_queries):
    with django_assert_num_queries(LIST_QUERIES["conditions"]):
        data = get_json(api, url("conditions"))

    assert without_timestamps(data) == page([condition_summary(slug) for slug in LIST_ORDER["conditions"]])


def test_list_objects_have_exactly_the_v1_keys(api, seed):
    data = get_json(api, url("conditions"))

    assert_keys(data, PAGE_KEYS)
    assert len(data["results"]) == 10
    for item in data["results"]:
        assert_keys(item, CONDITION_SUMMARY_KEYS)
        assert_code_keys(item)


@pytest.mark.parametrize("slug", list(CONDITION_LINKS))
def test_the_detail_is_the_summary_plus_every_link(api, seed, slug, django_assert_num_queries):
    with django_assert_num_queries(DETAIL_QUERIES["conditions"]):
        data = get_json(api, url("conditions", slug))

    # A coded condition also cites the code set (hip osteoarthritis, GTPS): see condition_review().
    assert without_timestamps(data) == {
        **condition_summary(slug),
        **CONDITION_LINKS[slug],
        **condition_review(slug),
    }
    assert_timestamps_match(data, Condition.objects.get(is_live=True, slug=slug))


@pytest.mark.parametrize("slug", list(CONDITION_LINKS))
def test_detail_objects_have_exactly_the_v1_keys(api, seed, slug):
    data = get_json(api, url("conditions", slug))

    assert_keys(data, CONDITION_DETAIL_KEYS)
    assert_review_keys(data)
    assert_code_keys(data)
    for name in CONDITION_LINK_LISTS:
        assert_links(data[name])
    for topic in data["topics"]:
        assert_keys(topic, CONDITION_TOPIC_LINK_KEYS)


def test_codes_come_in_their_position_order_in_the_list_and_the_detail(api, db):
    condition = factories.ConditionFactory()
    factories.add_code(condition, "M16.1", position=2)
    factories.add_code(condition, "M16", position=1)
    factories.add_code(condition, "12345", position=3, system=ConditionCode.System.SNOMEDCT)
    expected = [
        bare_code("icd10cm", "M16"),
        bare_code("icd10cm", "M16.1"),
        bare_code("snomedct", "12345"),
    ]

    [listed] = get_json(api, url("conditions"))["results"]
    assert listed["codes"] == expected
    assert get_json(api, url("conditions", condition.slug))["codes"] == expected


def test_the_detail_links_red_flags_by_their_sign(api, db):
    red_flag = factories.RedFlagFactory(sign="Numb foot.")
    condition = factories.ConditionFactory(red_flags=[red_flag])

    data = get_json(api, url("conditions", condition.slug))

    assert data["red_flags"] == [link("red-flags", red_flag.slug, "Numb foot.")]


def test_differentials_link_both_ways(api, db):
    first = factories.ConditionFactory()
    second = factories.ConditionFactory(differentials=[first])

    assert get_json(api, url("conditions", first.slug))["differentials"] == [
        link("conditions", second.slug, second.name)
    ]
    assert get_json(api, url("conditions", second.slug))["differentials"] == [
        link("conditions", first.slug, first.name)
    ]


# ------------------------------------------------------------------------------ published only


@pytest.mark.parametrize("status", UNPUBLISHED)
def test_it_leaves_out_every_unpublished_linked_item(api, db, status):
    hidden = {"status": status}
    shown = {
        "mechanisms": factories.MechanismFactory(),
        "anatomy": factories.AnatomicalStructureFactory(),
        "treatments": factories.TreatmentFactory(),
        "red_flags": factories.RedFlagFactory(),
        "differentials": factories.ConditionFactory(),
    }
    condition = factories.ConditionFactory(
        mechanisms=[shown["mechanisms"], factories.MechanismFactory(**hidden)],
        anatomy=[shown["anatomy"], factories.AnatomicalStructureFactory(**hidden)],
        treatments=[shown["treatments"], factories.TreatmentFactory(**hidden)],
        red_flags=[shown["red_flags"], factories.RedFlagFactory(**hidden)],
        differentials=[shown["differentials"], factories.ConditionFactory(**hidden)],
    )
    topic = factories.TopicFactory()
    factories.TopicConditionFactory(topic=topic, condition=condition, role=TopicCondition.Role.DIFFERENTIAL)
    factories.TopicConditionFactory(topic=factories.TopicFactory(**hidden), condition=condition)

    data = get_json(api, url("conditions", condition.slug))

    assert {name: [item["slug"] for item in data[name]] for name in shown} == {
        name: [item.slug] for name, item in shown.items()
    }
    assert data["topics"] == [{**link("topics", topic.slug, topic.title), "role": "differential"}]


def test_working_rows_are_never_served(api, db):
    """Editors' rows are not what apps read, even published ones: approval leaves both rows published."""
    mechanism = factories.MechanismFactory(name="Approved mechanism")
    differential = factories.ConditionFactory(name="Approved differential")
    condition = factories.ConditionFactory(
        name="Approved condition", mechanisms=[mechanism], differentials=[differential]
    )
    topic = factories.TopicFactory(title="Approved topic")
    factories.TopicConditionFactory(topic=topic, condition=condition)
    # The working rows, edited since their approval, linked to each other as editors link them.
    working_mechanism = factories.working_copy(mechanism, name="Edited mechanism")
    working_differential = factories.working_copy(differential, name="Edited differential")
    working = factories.working_copy(
        condition,
        name="Edited condition",
        mechanisms=[working_mechanism],
        differentials=[working_differential],
    )
    working_topic = factories.working_copy(topic, title="Edited topic")
    factories.TopicConditionFactory(topic=working_topic, condition=working)
    factories.add_code(condition, "M16")
    factories.add_code(working, "M16.9")  # an edited code, not approved yet
    # An item that only ever had a working row, linked as an editor would link it.
    never_approved = factories.ConditionFactory(
        working=True, status=Status.PUBLISHED, mechanisms=[working_mechanism]
    )

    listed = get_json(api, url("conditions"))
    data = get_json(api, url("conditions", condition.slug))

    assert [(item["name"], item["codes"]) for item in listed["results"]] == [
        ("Approved condition", [bare_code("icd10cm", "M16")]),
        ("Approved differential", []),
    ]
    assert listed["count"] == 2
    assert data["name"] == "Approved condition"
    assert data["codes"] == [bare_code("icd10cm", "M16")]
    assert data["mechanisms"] == [link("mechanisms", mechanism.slug, "Approved mechanism")]
    assert data["differentials"] == [link("conditions", differential.slug, "Approved differential")]
    assert data["topics"] == [{**link("topics", topic.slug, "Approved topic"), "role": "cause"}]
    assert get_problem(api, url("conditions", never_approved.slug), 404) == not_found(
        "condition", never_approved.slug
    )
    # Where other items link to the condition, they link to what was approved, once.
    assert get_json(api, url("mechanisms", mechanism.slug))["conditions"] == [
        link("conditions", condition.slug, "Approved condition")
    ]


# ------------------------------------------------------------------------------------ query counts


def test_the_detail_query_count_does_not_grow_with_linked_items(api, db, django_assert_num_queries):
    reviewer = factories.ReviewerProfileFactory()
    condition = factories.ConditionFactory(reviewed_by=reviewer.user, last_reviewed=datetime.date(2025, 3, 1))

    def counts(data):
        return {name: len(data[name]) for name in (*CONDITION_LINK_LISTS, "topics", "sources", "codes")}

    factories.link_n_of_each(condition, 3)
    with django_assert_num_queries(DETAIL_QUERIES["conditions"]):
        data = get_json(api, url("conditions", condition.slug))
    assert set(counts(data).values()) == {3}
    factories.link_n_of_each(condition, 27)
    with django_assert_num_queries(DETAIL_QUERIES["conditions"]):
        data = get_json(api, url("conditions", condition.slug))
    assert set(counts(data).values()) == {30}
    assert data["reviewed_by"] == {"name": reviewer.display_name, "credentials": reviewer.credentials}
