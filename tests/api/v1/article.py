"""The seed article as API v1's topic detail serves it, written out by hand: its short answer, every
section's heading, intro and items in the article's order, its caution, conclusion and key takeaways.
tests/api/v2/ expects the same article in v2's terms.
"""

from tests.seed_content import (
    ANATOMY,
    CONDITIONS,
    FAQS,
    MECHANISMS,
    RED_FLAGS,
    TOPIC_SUMMARY,
    TREATMENTS,
    claim,
)

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
