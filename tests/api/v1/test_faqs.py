"""/api/v1/faqs/: frequently asked questions, with their topic and the conditions they discuss.

What every collection does alike (404s, hidden drafts, list query counts) is in test_every_collection.py.
"""

import datetime

import pytest

from conditions.models import Status
from faq.models import Question
from tests import factories
from tests.api.v1.collections import UNPUBLISHED
from tests.api.v1.expected import FAQ_CONDITIONS, LIST_ORDER
from tests.api.v1.queries import DETAIL_QUERIES, LIST_QUERIES
from tests.keys import FAQ_DETAIL_KEYS, FAQ_SUMMARY_KEYS, assert_review_keys
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
from tests.seed_content import FAQS, TOPIC_LINK, seed_review

# ------------------------------------------------------------------------------------ seed payloads


def test_the_list_is_every_seed_question_in_position_order(api, seed, django_assert_num_queries):
    with django_assert_num_queries(LIST_QUERIES["faqs"]):
        data = get_json(api, url("faqs"))

    assert without_timestamps(data) == page([FAQS[slug] for slug in LIST_ORDER["faqs"]])


def test_list_objects_have_exactly_the_v1_keys(api, seed):
    data = get_json(api, url("faqs"))

    assert_keys(data, PAGE_KEYS)
    assert len(data["results"]) == 5
    for item in data["results"]:
        assert_keys(item, FAQ_SUMMARY_KEYS)


@pytest.mark.parametrize("slug", LIST_ORDER["faqs"])
def test_the_detail_is_the_summary_plus_topic_and_conditions(api, seed, slug, django_assert_num_queries):
    with django_assert_num_queries(DETAIL_QUERIES["faqs"]):
        data = get_json(api, url("faqs", slug))

    assert without_timestamps(data) == {
        **FAQS[slug],
        "topic": TOPIC_LINK,
        "conditions": FAQ_CONDITIONS[slug],
        **seed_review(),
    }
    assert_timestamps_match(data, Question.objects.get(is_live=True, slug=slug))


@pytest.mark.parametrize("slug", LIST_ORDER["faqs"])
def test_detail_objects_have_exactly_the_v1_keys(api, seed, slug):
    data = get_json(api, url("faqs", slug))

    assert_keys(data, FAQ_DETAIL_KEYS)
    assert_review_keys(data)
    assert_links(data["topic"])
    assert_links(data["conditions"])


def test_questions_of_every_topic_are_listed_by_position_then_slug(api, db):
    first_topic, second_topic = factories.TopicFactory.create_batch(2)
    b = factories.QuestionFactory(topic=first_topic, position=1, slug="b")
    a = factories.QuestionFactory(topic=second_topic, position=1, slug="a")
    c = factories.QuestionFactory(topic=first_topic, position=0, slug="c")

    data = get_json(api, url("faqs"))

    assert [item["slug"] for item in data["results"]] == [c.slug, a.slug, b.slug]


# ------------------------------------------------------------------------------ published only


@pytest.mark.parametrize("status", UNPUBLISHED)
def test_an_unpublished_topic_is_null(api, db, status):
    """As the API sees it: the question's live row links to its topic's live row, which is hidden."""
    topic = factories.TopicFactory(status=status)
    question = factories.QuestionFactory(topic=topic)
    assert (topic.is_live, question.is_live) == (True, True)

    data = get_json(api, url("faqs", question.slug))

    assert data["topic"] is None
    assert_keys(data, FAQ_DETAIL_KEYS)


@pytest.mark.parametrize("status", UNPUBLISHED)
def test_it_leaves_out_unpublished_conditions(api, db, status):
    condition = factories.ConditionFactory()
    question = factories.QuestionFactory(conditions=[condition, factories.ConditionFactory(status=status)])

    data = get_json(api, url("faqs", question.slug))

    assert data["conditions"] == [link("conditions", condition.slug, condition.name)]


def test_working_rows_are_never_served(api, db):
    """Editors' rows are not what apps read, even published ones: approval leaves both rows published."""
    topic = factories.TopicFactory(title="Approved topic")
    condition = factories.ConditionFactory(name="Approved condition")
    question = factories.QuestionFactory(topic=topic, question="Approved question?", conditions=[condition])
    # The working rows, edited since their approval, linked to each other as editors link them.
    working_topic = factories.working_copy(topic, title="Edited topic")
    working_condition = factories.working_copy(condition, name="Edited condition")
    factories.working_copy(question, question="Edited question?", conditions=[working_condition])
    factories.QuestionFactory(working=True, status=Status.PUBLISHED, topic=working_topic)
    # An item that only ever had a working row.
    never_approved = factories.QuestionFactory(working=True, status=Status.PUBLISHED, topic=working_topic)

    listed = get_json(api, url("faqs"))
    data = get_json(api, url("faqs", question.slug))

    assert [item["question"] for item in listed["results"]] == ["Approved question?"]
    assert listed["count"] == 1
    assert data["question"] == "Approved question?"
    assert data["topic"] == link("topics", topic.slug, "Approved topic")
    assert data["conditions"] == [link("conditions", condition.slug, "Approved condition")]
    assert get_problem(api, url("faqs", never_approved.slug), 404) == not_found("FAQ", never_approved.slug)
    # Where the topic embeds its questions, it embeds what was approved, once.
    assert [item["question"] for item in get_json(api, url("topics", topic.slug))["faqs"]["items"]] == [
        "Approved question?"
    ]


# ------------------------------------------------------------------------------------ query counts


def test_the_detail_query_count_does_not_grow_with_its_conditions(api, db, django_assert_num_queries):
    reviewer = factories.ReviewerProfileFactory()
    question = factories.QuestionFactory(reviewed_by=reviewer.user, last_reviewed=datetime.date(2025, 3, 1))

    def add(n):
        question.sources.add(*factories.SourceFactory.create_batch(n))
        question.conditions.add(*factories.ConditionFactory.create_batch(n))

    add(3)
    with django_assert_num_queries(DETAIL_QUERIES["faqs"]):
        data = get_json(api, url("faqs", question.slug))
    assert (len(data["conditions"]), len(data["sources"])) == (3, 3)
    add(27)
    with django_assert_num_queries(DETAIL_QUERIES["faqs"]):
        data = get_json(api, url("faqs", question.slug))
    assert (len(data["conditions"]), len(data["sources"])) == (30, 30)
    assert data["topic"] is not None
    assert data["reviewed_by"] == {"name": reviewer.display_name, "credentials": reviewer.credentials}
