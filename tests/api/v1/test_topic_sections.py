"""/api/v1/topics/<slug>/: what a topic's sections show. Only published items, never editors' working rows,
in the article's link order; and the detail reads them in a fixed number of queries however many there are.
"""

import datetime

import pytest

from conditions.models import (
    AnatomicalStructure,
    Condition,
    KeyTakeaway,
    Mechanism,
    RedFlag,
    Status,
    Topic,
    TopicCondition,
    Treatment,
)
from faq.models import Question
from tests import factories
from tests.api.v1.article import ORDER, SECTIONS
from tests.api.v1.collections import UNPUBLISHED
from tests.api.v1.queries import DETAIL_QUERIES
from tests.payloads import get_json, get_problem, link, not_found, url
from tests.seed_content import TOPIC_SLUG

TOPIC_URL = url("topics", TOPIC_SLUG)


def slugs(section):
    return [item["slug"] for item in section["items"]]


# --------------------------------------------------------------------------------- published only


@pytest.mark.parametrize("status", UNPUBLISHED)
def test_an_unpublished_topic_is_a_404(api, seed, status):
    Topic.objects.filter(is_live=True, slug=TOPIC_SLUG).update(status=status)

    assert get_problem(api, TOPIC_URL, 404) == not_found("topic", TOPIC_SLUG)
    assert get_json(api, url("topics"))["results"] == []
    # Its working row is still published, as the seed left it: the API does not fall back to it.
    assert Topic.objects.working().get(slug=TOPIC_SLUG).status == Status.PUBLISHED


# (section, model, slug of a seed item linked from that section)
UNPUBLISHABLE_ITEMS = [
    ("anatomy", AnatomicalStructure, "gluteus-maximus"),
    ("mechanisms", Mechanism, "muscle-overload-and-spasm"),
    ("conditions", Condition, "labral-tears"),
    ("differentials", Condition, "piriformis-syndrome"),
    ("red_flags", RedFlag, "limited-range-of-motion"),
    ("treatments", Treatment, "injections"),
    ("faqs", Question, "when-to-seek-help-for-buttock-pain"),
]


@pytest.mark.parametrize("status", UNPUBLISHED)
@pytest.mark.parametrize(("section", "model", "slug"), UNPUBLISHABLE_ITEMS)
def test_an_unpublished_item_is_left_out_of_its_section(api, seed, section, model, slug, status):
    model.objects.filter(is_live=True, slug=slug).update(status=status)

    data = get_json(api, TOPIC_URL)

    assert slugs(data[section]) == [other for other in ORDER[section] if other != slug]


@pytest.mark.parametrize("status", UNPUBLISHED)
def test_an_unpublished_parent_is_null_in_the_embedded_items(api, seed, status):
    AnatomicalStructure.objects.filter(is_live=True, slug="gluteal-muscles").update(status=status)
    Treatment.objects.filter(is_live=True, slug="physical-therapy").update(status=status)

    data = get_json(api, TOPIC_URL)

    anatomy = {item["slug"]: item["parent"] for item in data["anatomy"]["items"]}
    treatments = {item["slug"]: item["parent"] for item in data["treatments"]["items"]}
    assert "gluteal-muscles" not in anatomy
    assert anatomy["gluteus-maximus"] is None
    assert anatomy["gluteus-medius-and-minimus"] is None
    assert "physical-therapy" not in treatments
    assert [treatments[slug] for slug in ("manual-therapy", "patient-education")] == [None, None]


@pytest.mark.parametrize("status", UNPUBLISHED)
def test_an_unpublished_condition_is_absent_from_every_list_and_link(api, seed, status):
    """One unpublished cause disappears everywhere the API would otherwise show or point at it."""
    Condition.objects.filter(is_live=True, slug="hip-osteoarthritis").update(status=status)
    assert get_problem(api, url("conditions", "hip-osteoarthritis"), 404) == not_found(
        "condition", "hip-osteoarthritis"
    )
    served = [
        get_json(api, url("conditions") + "?page_size=100"),
        get_json(api, TOPIC_URL),
        get_json(api, url("anatomy", "hip-joint")),
        get_json(api, url("mechanisms", "referred-pain")),
        get_json(api, url("treatments", "surgical-intervention")),
        get_json(api, url("faqs", "which-hip-conditions-cause-buttock-discomfort")),
        *(get_json(api, url("conditions", slug)) for slug in ORDER["differentials"]),
    ]
    assert all("hip-osteoarthritis" not in repr(payload) for payload in served)
    assert get_json(api, url("mechanisms", "referred-pain"))["conditions"] == []


def test_working_rows_are_never_served(api, db):
    """Editors' rows are not what apps read, even published ones: approval leaves both rows published."""
    topic = factories.TopicFactory(title="Approved topic")
    mechanism = factories.TopicMechanismFactory(topic=topic, mechanism__name="Approved mechanism").mechanism
    question = factories.QuestionFactory(topic=topic, question="Approved question?")
    condition = factories.ConditionFactory()
    factories.TopicConditionFactory(topic=topic, condition=condition)
    # The working rows, edited since their approval, linked to each other as editors link them.
    working_topic = factories.working_copy(topic, title="Edited topic")
    working_mechanism = factories.working_copy(mechanism, name="Edited mechanism")
    factories.TopicMechanismFactory(topic=working_topic, mechanism=working_mechanism)
    factories.working_copy(question, question="Edited question?")
    factories.QuestionFactory(working=True, status=Status.PUBLISHED, topic=working_topic)
    factories.TopicConditionFactory(topic=working_topic, condition=factories.working_copy(condition))
    # An item that only ever had a working row.
    never_approved = factories.TopicFactory(working=True, status=Status.PUBLISHED)

    listed = get_json(api, url("topics"))
    data = get_json(api, url("topics", topic.slug))

    assert [item["title"] for item in listed["results"]] == ["Approved topic"]
    assert listed["count"] == 1
    assert data["title"] == "Approved topic"
    assert [(item["slug"], item["name"]) for item in data["mechanisms"]["items"]] == [
        (mechanism.slug, "Approved mechanism")
    ]
    assert [item["question"] for item in data["faqs"]["items"]] == ["Approved question?"]
    assert slugs(data["conditions"]) == [condition.slug]
    assert get_problem(api, url("topics", never_approved.slug), 404) == not_found(
        "topic", never_approved.slug
    )
    # Where other items link to the topic, they link to what was approved, once.
    topic_link = link("topics", topic.slug, "Approved topic")
    assert get_json(api, url("faqs", question.slug))["topic"] == topic_link
    assert get_json(api, url("conditions", condition.slug))["topics"] == [{**topic_link, "role": "cause"}]


# --------------------------------------------------------------------------------- links, by factory


def test_sections_follow_link_positions_not_names(api, db):
    topic = factories.TopicFactory()
    b = factories.TopicMechanismFactory(topic=topic, position=1, mechanism__name="A mechanism")
    a = factories.TopicMechanismFactory(topic=topic, position=2, mechanism__name="B mechanism")

    data = get_json(api, url("topics", topic.slug))

    assert slugs(data["mechanisms"]) == [b.mechanism.slug, a.mechanism.slug]


def test_a_label_is_served_next_to_the_structure_name(api, db):
    link_ = factories.TopicAnatomyFactory(label="Nerves", structure__name="Sciatic")

    [item] = get_json(api, url("topics", link_.topic.slug))["anatomy"]["items"]

    assert (item["name"], item["label"]) == ("Sciatic", "Nerves")


def test_faqs_are_only_the_topics_own_published_questions(api, db):
    topic = factories.TopicFactory()
    own = factories.QuestionFactory(topic=topic)
    factories.QuestionFactory()  # another topic's

    data = get_json(api, url("topics", topic.slug))

    assert slugs(data["faqs"]) == [own.slug]


def test_an_empty_topic_has_every_section_with_no_items(api, db):
    topic = factories.TopicFactory()

    data = get_json(api, url("topics", topic.slug))

    assert {name: data[name]["items"] for name in SECTIONS} == {name: [] for name in SECTIONS}
    assert data["anatomy"]["heading"] == "Overview"


# ------------------------------------------------------------------------------------ query counts


def test_the_detail_query_count_does_not_grow_with_linked_items(api, db, django_assert_num_queries):
    reviewer = factories.ReviewerProfileFactory()
    topic = factories.TopicFactory(reviewed_by=reviewer.user, last_reviewed=datetime.date(2025, 3, 1))

    def add(n):
        topic.sources.add(*factories.SourceFactory.create_batch(n))
        for _ in range(n):
            factories.TopicAnatomyFactory(
                topic=topic, structure__parent=factories.AnatomicalStructureFactory()
            )
            factories.TopicMechanismFactory(topic=topic)
            factories.TopicConditionFactory(topic=topic, role=TopicCondition.Role.CAUSE)
            factories.TopicConditionFactory(topic=topic, role=TopicCondition.Role.DIFFERENTIAL)
            factories.TopicRedFlagFactory(
                topic=topic, red_flag__professionals=factories.ProfessionalFactory.create_batch(2)
            )
            factories.TopicTreatmentFactory(topic=topic, treatment__parent=factories.TreatmentFactory())
            factories.KeyTakeawayFactory(topic=topic)
            factories.QuestionFactory(topic=topic)

    def counts(data):
        return {name: len(data[name]["items"]) for name in SECTIONS}

    add(3)
    with django_assert_num_queries(DETAIL_QUERIES["topics"]):
        data = get_json(api, url("topics", topic.slug))
    assert set(counts(data).values()) == {3}
    assert len(data["sources"]) == 3
    add(27)
    with django_assert_num_queries(DETAIL_QUERIES["topics"]):
        data = get_json(api, url("topics", topic.slug))
    assert set(counts(data).values()) == {30}
    assert len(data["sources"]) == 30
    assert data["reviewed_by"] == {"name": reviewer.display_name, "credentials": reviewer.credentials}
    assert all(item["parent"] for item in data["anatomy"]["items"] + data["treatments"]["items"])
    assert KeyTakeaway.objects.filter(topic=topic).count() == 30
