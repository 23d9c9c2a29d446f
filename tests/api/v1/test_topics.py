"""/api/v1/topics/: articles. The detail is the whole structured article with its linked items embedded.

What a topic's sections show (published items only, in link order) is in test_topic_sections.py; what every
collection does alike (404s, hidden drafts, list query counts) in test_every_collection.py.
"""

import pytest

from conditions.models import Topic
from tests import factories
from tests.api.v1.article import (
    CAUTION,
    CONCLUSION,
    EXPECTED_DETAIL,
    HEADINGS,
    INTROS,
    KEY_TAKEAWAYS,
    ORDER,
    SECTIONS,
    SECTIONS_WITH_INTRO,
    SHORT_ANSWER,
)
from tests.api.v1.queries import DETAIL_QUERIES, LIST_QUERIES
from tests.keys import (
    FAQ_SUMMARY_KEYS,
    PROFESSIONAL_KEYS,
    SECTION_KEYS,
    SECTION_WITHOUT_INTRO_KEYS,
    SHORT_ANSWER_KEYS,
    TOPIC_ANATOMY_ITEM_KEYS,
    TOPIC_CONDITION_ITEM_KEYS,
    TOPIC_DETAIL_KEYS,
    TOPIC_MECHANISM_ITEM_KEYS,
    TOPIC_RED_FLAG_ITEM_KEYS,
    TOPIC_SUMMARY_KEYS,
    TOPIC_TREATMENT_ITEM_KEYS,
    assert_review_keys,
)
from tests.payloads import (
    PAGE_KEYS,
    assert_keys,
    assert_links,
    assert_timestamps_match,
    get_json,
    page,
    url,
    without_timestamps,
)
from tests.seed_content import TOPIC_SLUG, TOPIC_SUMMARY, seed_review

TOPIC_URL = url("topics", TOPIC_SLUG)

ITEM_KEYS = {
    "anatomy": TOPIC_ANATOMY_ITEM_KEYS,
    "mechanisms": TOPIC_MECHANISM_ITEM_KEYS,
    "conditions": TOPIC_CONDITION_ITEM_KEYS,
    "differentials": TOPIC_CONDITION_ITEM_KEYS,
    "red_flags": TOPIC_RED_FLAG_ITEM_KEYS,
    "treatments": TOPIC_TREATMENT_ITEM_KEYS,
    "faqs": FAQ_SUMMARY_KEYS,
}


@pytest.fixture
def article(api, seed):
    return get_json(api, TOPIC_URL)


def slugs(section):
    return [item["slug"] for item in section["items"]]


# ------------------------------------------------------------------------------------------- list


def test_the_list_is_the_seed_topic(api, seed, django_assert_num_queries):
    with django_assert_num_queries(LIST_QUERIES["topics"]):
        data = get_json(api, url("topics"))

    assert without_timestamps(data) == page([TOPIC_SUMMARY])


def test_list_objects_have_exactly_the_v1_keys(api, seed):
    data = get_json(api, url("topics"))

    assert_keys(data, PAGE_KEYS)
    [topic] = data["results"]
    assert_keys(topic, TOPIC_SUMMARY_KEYS)


def test_topics_are_listed_by_title(api, db):
    later = factories.TopicFactory(title="B topic")
    earlier = factories.TopicFactory(title="A topic")

    data = get_json(api, url("topics"))

    assert [item["slug"] for item in data["results"]] == [earlier.slug, later.slug]


# ----------------------------------------------------------------------------------- detail: values


def test_the_detail_is_the_whole_article(api, seed, django_assert_num_queries):
    with django_assert_num_queries(DETAIL_QUERIES["topics"]):
        data = get_json(api, TOPIC_URL)

    assert without_timestamps(data) == {**EXPECTED_DETAIL, **seed_review()}
    assert_timestamps_match(data, Topic.objects.get(is_live=True, slug=TOPIC_SLUG))


def test_the_short_answer_answers_the_article_question(article):
    assert article["short_answer"] == SHORT_ANSWER


def test_every_section_has_the_article_heading_and_intro(article):
    assert {name: article[name]["heading"] for name in SECTIONS} == HEADINGS
    assert {name: article[name]["intro"] for name in SECTIONS_WITH_INTRO} == INTROS
    assert article["caution"] == CAUTION
    assert article["conclusion"] == CONCLUSION


def test_every_section_lists_its_items_in_article_order(article):
    assert {name: slugs(article[name]) for name in ORDER} == ORDER


def test_an_embedded_structure_is_complete_with_its_parent_and_label(article):
    items = {item["slug"]: item for item in article["anatomy"]["items"]}

    assert without_timestamps(items["gluteus-maximus"]) == {
        "slug": "gluteus-maximus",
        "url": "http://testserver/api/v1/anatomy/gluteus-maximus/",
        "name": "Gluteus Maximus",
        "description": "The largest, responsible for hip extension and external rotation.",
        "function": "hip extension and external rotation",
        "parent": {
            "slug": "gluteal-muscles",
            "name": "Gluteal Muscles",
            "url": "http://testserver/api/v1/anatomy/gluteal-muscles/",
        },
        "label": None,
        "topic_claim": {
            "basis": "source",
            "quote": "Gluteus Maximus",
            "source_title": "Hip Pain: Its Connection to Buttock Discomfort, Causes, and Treatments",
            "qualifier": "",
        },
    }


def test_labels_are_null_unless_the_article_uses_another_heading(article):
    assert {item["slug"]: item["label"] for item in article["anatomy"]["items"]} == {
        "hip-joint": "The Hip Joint",
        "gluteal-muscles": None,
        "gluteus-maximus": None,
        "gluteus-medius-and-minimus": None,
        "deep-external-rotators": None,
        "sciatic-nerve": "Nerve Pathways",
    }


def test_an_embedded_mechanism_is_complete(article):
    assert without_timestamps(article["mechanisms"]["items"][0]) == {
        "slug": "referred-pain",
        "url": "http://testserver/api/v1/mechanisms/referred-pain/",
        "name": "Referred Pain",
        "description": (
            "The brain can sometimes misinterpret the origin of pain signals. Pain originating from the hip "
            'joint itself (e.g., from cartilage degeneration or inflammation) can be "referred" to the '
            "gluteal region, making it feel as though the buttock is the source of the problem. This is due "
            "to shared nerve pathways."
        ),
        "topic_claim": {
            "basis": "source",
            "quote": "Referred Pain",
            "source_title": "Hip Pain: Its Connection to Buttock Discomfort, Causes, and Treatments",
            "qualifier": "",
        },
    }


def test_an_embedded_condition_is_complete_with_its_role(article):
    assert without_timestamps(article["conditions"]["items"][0]) == {
        "slug": "hip-osteoarthritis",
        "url": "http://testserver/api/v1/conditions/hip-osteoarthritis/",
        "name": "Hip Osteoarthritis",
        "abbreviation": "OA",
        "other_names": [],
        "summary": (
            "Degeneration of the articular cartilage within the hip joint. Pain is often deep, achy, and "
            "worse with activity. It can be felt in the groin, outer hip, and frequently refers to the "
            "buttock, particularly the deep gluteal region."
        ),
        "pain_locations": ["groin", "outer hip", "buttock", "deep gluteal region"],
        "pain_character": ["deep", "achy"],
        "aggravating_factors": ["activity"],
        "associated_signs": [],
        "role": "cause",
        # The article's heading for it, under "Common Hip Conditions That Manifest as Buttock Pain".
        "topic_claim": {
            "basis": "source",
            "quote": "Hip Osteoarthritis (OA)",
            "source_title": "Hip Pain: Its Connection to Buttock Discomfort, Causes, and Treatments",
            "qualifier": "",
        },
    }


def test_causes_and_differentials_carry_their_role(article):
    assert {item["role"] for item in article["conditions"]["items"]} == {"cause"}
    assert {item["role"] for item in article["differentials"]["items"]} == {"differential"}


def test_an_embedded_red_flag_is_complete_with_its_professionals(article):
    assert without_timestamps(article["red_flags"]["items"][0]) == {
        "slug": "persistent-pain",
        "url": "http://testserver/api/v1/red-flags/persistent-pain/",
        "sign": "Pain that persists for more than a few days or weeks.",
        "urgency": "soon",
        "action": (
            "Consult a healthcare professional, such as a physical therapist, orthopedic surgeon, or sports "
            "medicine physician."
        ),
        "professionals": [
            {"slug": "orthopedic-surgeon", "name": "Orthopedic surgeon"},
            {"slug": "physical-therapist", "name": "Physical therapist"},
            {"slug": "sports-medicine-physician", "name": "Sports medicine physician"},
        ],
        # v1 still says `soon`, but no clinical reviewer has assessed an urgency: the article states none.
        "urgency_assessed": False,
        "urgency_claim": None,
        "applies_when": (
            "If you are experiencing persistent buttock pain, especially if it's accompanied by any of the "
            "following"
        ),
        # What to do and whom to see: quoted from the sentence that introduces the red flags.
        "action_claim": {
            "basis": "source",
            "quote": "it's advisable to consult a healthcare professional",
            "source_title": "Hip Pain: Its Connection to Buttock Discomfort, Causes, and Treatments",
            "qualifier": "",
        },
        "professionals_claim": {
            "basis": "source",
            "quote": "such as a physical therapist, orthopedic surgeon, or sports medicine physician",
            "source_title": "Hip Pain: Its Connection to Buttock Discomfort, Causes, and Treatments",
            "qualifier": "",
        },
        "topic_claim": {
            "basis": "source",
            "quote": "Pain that persists for more than a few days or weeks.",
            "source_title": "Hip Pain: Its Connection to Buttock Discomfort, Causes, and Treatments",
            "qualifier": "",
        },
    }


def test_an_embedded_treatment_is_complete_with_its_parent(article):
    items = {item["slug"]: item for item in article["treatments"]["items"]}

    assert without_timestamps(items["manual-therapy"]) == {
        "slug": "manual-therapy",
        "url": "http://testserver/api/v1/treatments/manual-therapy/",
        "name": "Manual Therapy",
        "category": "rehabilitation",
        "description": "Joint mobilizations, soft tissue release.",
        "order_of_care": 1,
        "parent": {
            "slug": "physical-therapy",
            "name": "Physical Therapy",
            "url": "http://testserver/api/v1/treatments/physical-therapy/",
        },
        "category_claim": {
            "basis": "source",
            "quote": "A physical therapist will design a program that may include:",
            "source_title": "Hip Pain: Its Connection to Buttock Discomfort, Causes, and Treatments",
            "qualifier": "",
        },
        # The article lists the program's parts in no order: they share one place, editorially.
        "order_of_care_claim": {
            "basis": "editorial",
            "quote": "A physical therapist will design a program that may include:",
            "source_title": "Hip Pain: Its Connection to Buttock Discomfort, Causes, and Treatments",
            "qualifier": "",
        },
        "topic_claim": {
            "basis": "source",
            "quote": "Manual Therapy",
            "source_title": "Hip Pain: Its Connection to Buttock Discomfort, Causes, and Treatments",
            "qualifier": "",
        },
    }


def test_key_takeaways_are_the_article_takeaways_in_order(article):
    assert article["key_takeaways"] == {"heading": "Key Takeaways", "items": KEY_TAKEAWAYS}


def test_faqs_are_embedded_in_position_order(article):
    assert [item["question"] for item in article["faqs"]["items"]] == [
        "How does hip pain lead to buttock pain?",
        "What specific hip conditions cause buttock discomfort?",
        "Can buttock pain originate from sources other than the hip?",
        "When should I seek professional help for persistent buttock pain?",
        "What are the typical treatments for hip-related buttock pain?",
    ]
    assert without_timestamps(article["faqs"]["items"][0]) == {
        "slug": "how-does-hip-pain-lead-to-buttock-pain",
        "url": "http://testserver/api/v1/faqs/how-does-hip-pain-lead-to-buttock-pain/",
        "question": "How does hip pain lead to buttock pain?",
        "answer": (
            "Hip dysfunction can cause buttock pain through referred pain (misinterpreted signals), altered "
            "biomechanics, muscle overload, or nerve entrapment/irritation in the gluteal region."
        ),
    }


# ------------------------------------------------------------------------------------- detail: keys


def test_every_part_of_the_detail_has_exactly_the_v1_keys(article):
    assert_keys(article, TOPIC_DETAIL_KEYS)
    assert_review_keys(article)
    assert_keys(article["short_answer"], SHORT_ANSWER_KEYS)
    for name in SECTIONS_WITH_INTRO:
        assert_keys(article[name], SECTION_KEYS)
    for name in ("key_takeaways", "faqs"):
        assert_keys(article[name], SECTION_WITHOUT_INTRO_KEYS)
    for name, keys in ITEM_KEYS.items():
        assert article[name]["items"], name
        for item in article[name]["items"]:
            assert_keys(item, keys)
    for name in ("anatomy", "treatments"):
        for item in article[name]["items"]:
            assert_links(item["parent"], nullable=True)
    for item in article["red_flags"]["items"]:
        for professional in item["professionals"]:
            assert_keys(professional, PROFESSIONAL_KEYS)
    assert all(isinstance(text, str) for text in article["key_takeaways"]["items"])
