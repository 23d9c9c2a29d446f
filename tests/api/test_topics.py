"""/api/v1/topics/: articles. The detail is the whole structured article with its linked items embedded."""

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
    get_problem,
    link,
    not_found,
    page,
    problem,
    url,
    without_timestamps,
)
from tests.seed_content import (
    ANATOMY,
    CONDITIONS,
    FAQS,
    MECHANISMS,
    RED_FLAGS,
    TOPIC_SLUG,
    TOPIC_SUMMARY,
    TREATMENTS,
    claim,
    seed_review,
)

# What a live row (the row the API reads) can be when it is hidden: a placeholder for an item never
# approved, or a withdrawn item. Only working rows go through review.
UNPUBLISHED = [Status.DRAFT, Status.UNPUBLISHED]

# 1. the newest change event (the content revision, for ETag and Last-Modified)
# 2. COUNT(*) of published topics  3. the page of topics
LIST_QUERIES = 3
# 1. the newest change event (the content revision, for ETag and Last-Modified)
# 2. the topic, its reviewer and the reviewer's profile LEFT JOINed
# 3. its sources
# 4. anatomy links to published structures, structure and its parent JOINed
# 5. mechanism links to published mechanisms, mechanism JOINed
# 6. condition links (causes and differentials) to published conditions, condition JOINed (no codes:
#    a topic embeds a condition's own fields)
# 7. red flag links to published red flags, red flag JOINed
# 8. the professionals of those red flags
# 9. treatment links to published treatments, treatment and its parent JOINed
# 10. key takeaways
# 11. published questions
DETAIL_QUERIES = 11

TOPIC_URL = url("topics", TOPIC_SLUG)

# ------------------------------------------------------------------------- the seed article, by hand

SHORT_ANSWER = {
    "question": "Can a Bad Hip Cause Pain in Buttocks?",
    "answer": (
        "Yes, absolutely. Pain originating from the hip joint and its surrounding structures can frequently "
        "manifest as discomfort or pain in the buttocks due to the intricate anatomical and biomechanical "
        "connections between these regions."
    ),
}

HEADINGS = {
    "anatomy": "The Hip-Buttock Connection: An Anatomical Overview",
    "mechanisms": "How Hip Dysfunction Leads to Buttock Pain",
    "conditions": "Common Hip Conditions That Manifest as Buttock Pain",
    "differentials": "Differentiating Hip-Related Buttock Pain from Other Causes",
    "red_flags": "When to Seek Professional Guidance",
    "treatments": "Management and Rehabilitation Principles",
    "key_takeaways": "Key Takeaways",
    "faqs": "Frequently Asked Questions",
}

INTROS = {
    "anatomy": (
        "The hip joint is a marvel of engineering – a ball-and-socket joint designed for both mobility and "  # noqa: RUF001
        "stability, capable of bearing significant loads. Its close anatomical relationship with the gluteal "
        "region makes it a common source of referred or direct pain to the buttocks."
    ),
    "mechanisms": (
        "When the hip joint or its surrounding structures are compromised, it can trigger buttock pain "
        "through several mechanisms:"
    ),
    "conditions": (
        "Several specific hip pathologies are well-known to cause pain that localizes or radiates into the "
        "buttocks:"
    ),
    "differentials": (
        "While a bad hip is a common culprit, it's crucial to understand that buttock pain can stem from "
        "various sources. A thorough differential diagnosis is essential:"
    ),
    "red_flags": (
        "If you are experiencing persistent buttock pain, especially if it's accompanied by any of the "
        "following, it's advisable to consult a healthcare professional, such as a physical therapist, "
        "orthopedic surgeon, or sports medicine physician:"
    ),
    "treatments": (
        "Effective management of hip-related buttock pain begins with an accurate diagnosis. Treatment "
        "strategies are typically multi-faceted:"
    ),
}

CAUTION = "Given the complexity, self-diagnosis is not recommended. A proper clinical assessment is vital."
CONCLUSION = (
    "In conclusion, the intricate anatomical and biomechanical relationship between the hip and buttock "
    "means that a problematic hip is a very common and often overlooked cause of buttock pain. "
    "Understanding this connection is crucial for both diagnosis and effective treatment."
)

KEY_TAKEAWAYS = [
    "Hip joint dysfunction commonly refers pain to the buttocks due to shared nerve pathways, altered "
    "biomechanics, muscle overload, or nerve irritation.",
    "Conditions like hip osteoarthritis, femoroacetabular impingement (FAI), labral tears, and greater "
    "trochanteric pain syndrome (GTPS) are well-known hip pathologies that can cause buttock pain.",
    "Buttock pain can also stem from other sources such as lumbar spine issues, piriformis syndrome, or "
    "hamstring origin tendinopathy, requiring a precise diagnosis.",
    "Seek professional medical advice for persistent buttock pain, especially if accompanied by limited "
    "motion, neurological symptoms, or interference with daily activities.",
    "Effective treatment involves accurate diagnosis, pain management, physical therapy to restore function, "
    "activity modification, and in some cases, injections or surgery.",
]

# Every section lists its items in the article's order (the link positions), not in name order.
ORDER = {
    "anatomy": [
        "hip-joint",
        "gluteal-muscles",
        "gluteus-maximus",
        "gluteus-medius-and-minimus",
        "deep-external-rotators",
        "sciatic-nerve",
    ],
    "mechanisms": [
        "referred-pain",
        "altered-biomechanics-and-compensation",
        "muscle-overload-and-spasm",
        "nerve-entrapment-or-irritation",
    ],
    "conditions": [
        "hip-osteoarthritis",
        "femoroacetabular-impingement",
        "labral-tears",
        "greater-trochanteric-pain-syndrome",
        "sacroiliac-joint-dysfunction",
        "deep-gluteal-syndrome",
    ],
    "differentials": [
        "lumbar-spine-issues",
        "piriformis-syndrome",
        "hamstring-origin-tendinopathy",
        "myofascial-trigger-points",
    ],
    "red_flags": [
        "persistent-pain",
        "worse-with-activity-or-at-night",
        "clicking-catching-grinding",
        "limited-range-of-motion",
        "leg-or-foot-weakness-numbness-tingling",
        "interferes-with-daily-activities",
    ],
    "treatments": [
        "accurate-diagnosis",
        "pain-management",
        "physical-therapy",
        "manual-therapy",
        "therapeutic-exercises",
        "movement-pattern-retraining",
        "patient-education",
        "activity-modification",
        "injections",
        "surgical-intervention",
    ],
    "faqs": [
        "how-does-hip-pain-lead-to-buttock-pain",
        "which-hip-conditions-cause-buttock-discomfort",
        "can-buttock-pain-come-from-other-sources",
        "when-to-seek-help-for-buttock-pain",
        "typical-treatments-for-hip-related-buttock-pain",
    ],
}

# Only the sciatic nerve is shown under another heading in this article.
LABELS = {"hip-joint": "The Hip Joint", "sciatic-nerve": "Nerve Pathways"}

# Each item's link quotes the heading or line of the article that names it in its section.
NAMED_AS = {
    "hip-joint": "The Hip Joint",
    "sciatic-nerve": "Nerve Pathways",
    "hip-osteoarthritis": "Hip Osteoarthritis (OA)",
    "femoroacetabular-impingement": "Femoroacetabular Impingement (FAI)",
    "greater-trochanteric-pain-syndrome": "Greater Trochanteric Pain Syndrome (GTPS)",
    "deep-gluteal-syndrome": "Deep Gluteal Syndrome (DGS)",
    **{slug: RED_FLAGS[slug]["sign"] for slug in RED_FLAGS},
}


def named(item, slug):
    """An item as a topic section embeds it: with the claim of its link, the article's line naming it."""
    quote = NAMED_AS.get(slug) or item["name"]
    return {**item, "topic_claim": claim("source", quote)}


EXPECTED_DETAIL = {
    **TOPIC_SUMMARY,
    "short_answer": SHORT_ANSWER,
    "anatomy": {
        "heading": HEADINGS["anatomy"],
        "intro": INTROS["anatomy"],
        "items": [named({**ANATOMY[slug], "label": LABELS.get(slug)}, slug) for slug in ORDER["anatomy"]],
    },
    "mechanisms": {
        "heading": HEADINGS["mechanisms"],
        "intro": INTROS["mechanisms"],
        "items": [named(MECHANISMS[slug], slug) for slug in ORDER["mechanisms"]],
    },
    "conditions": {
        "heading": HEADINGS["conditions"],
        "intro": INTROS["conditions"],
        "items": [named({**CONDITIONS[slug], "role": "cause"}, slug) for slug in ORDER["conditions"]],
    },
    "differentials": {
        "heading": HEADINGS["differentials"],
        "intro": INTROS["differentials"],
        "items": [
            named({**CONDITIONS[slug], "role": "differential"}, slug) for slug in ORDER["differentials"]
        ],
    },
    "caution": CAUTION,
    "red_flags": {
        "heading": HEADINGS["red_flags"],
        "intro": INTROS["red_flags"],
        "items": [named(RED_FLAGS[slug], slug) for slug in ORDER["red_flags"]],
    },
    "treatments": {
        "heading": HEADINGS["treatments"],
        "intro": INTROS["treatments"],
        "items": [named(TREATMENTS[slug], slug) for slug in ORDER["treatments"]],
    },
    "conclusion": CONCLUSION,
    "key_takeaways": {"heading": HEADINGS["key_takeaways"], "items": KEY_TAKEAWAYS},
    "faqs": {"heading": HEADINGS["faqs"], "items": [FAQS[slug] for slug in ORDER["faqs"]]},
}

SECTIONS_WITH_INTRO = ("anatomy", "mechanisms", "conditions", "differentials", "red_flags", "treatments")
SECTIONS = (*SECTIONS_WITH_INTRO, "key_takeaways", "faqs")
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
    with django_assert_num_queries(LIST_QUERIES):
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
    with django_assert_num_queries(DETAIL_QUERIES):
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


def test_unknown_slug_is_a_json_404(api, seed):
    assert get_problem(api, url("topics", "no-such-topic"), 404) == problem(
        404, "No published topic has the slug 'no-such-topic'."
    )


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


# --------------------------------------------------------------------------------- published only


@pytest.mark.parametrize("status", UNPUBLISHED)
def test_it_hides_unpublished_topics_from_the_list(api, db, status):
    shown = factories.TopicFactory()
    factories.TopicFactory(status=status)

    data = get_json(api, url("topics"))

    assert [item["slug"] for item in data["results"]] == [shown.slug]
    assert data["count"] == 1


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


def test_the_list_query_count_does_not_grow_with_the_number_of_topics(api, db, django_assert_num_queries):
    factories.TopicFactory.create_batch(3)
    with django_assert_num_queries(LIST_QUERIES):
        assert get_json(api, url("topics") + "?page_size=100")["count"] == 3
    factories.TopicFactory.create_batch(27)
    with django_assert_num_queries(LIST_QUERIES):
        assert get_json(api, url("topics") + "?page_size=100")["count"] == 30


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
    with django_assert_num_queries(DETAIL_QUERIES):
        data = get_json(api, url("topics", topic.slug))
    assert set(counts(data).values()) == {3}
    assert len(data["sources"]) == 3
    add(27)
    with django_assert_num_queries(DETAIL_QUERIES):
        data = get_json(api, url("topics", topic.slug))
    assert set(counts(data).values()) == {30}
    assert len(data["sources"]) == 30
    assert data["reviewed_by"] == {"name": reviewer.display_name, "credentials": reviewer.credentials}
    assert all(item["parent"] for item in data["anatomy"]["items"] + data["treatments"]["items"])
    assert KeyTakeaway.objects.filter(topic=topic).count() == 30
