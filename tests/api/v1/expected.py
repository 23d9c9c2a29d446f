"""What API v1 serves for the seed beyond each item's own payload (tests/seed_content.py): the order of
each list, and the links each detail adds. tests/api/v2/ expects the same order and links, in v2's terms.
"""

from tests.seed_content import TOPIC_LINK, condition_link, mechanism_link, structure_link, treatment_link

# Each list in its model's ordering (the topics list is the one topic).
LIST_ORDER = {
    # Name order.
    "conditions": [
        "deep-gluteal-syndrome",
        "femoroacetabular-impingement",
        "greater-trochanteric-pain-syndrome",
        "hamstring-origin-tendinopathy",
        "hip-osteoarthritis",
        "labral-tears",
        "lumbar-spine-issues",
        "myofascial-trigger-points",
        "piriformis-syndrome",
        "sacroiliac-joint-dysfunction",
    ],
    # Name order.
    "mechanisms": [
        "altered-biomechanics-and-compensation",
        "muscle-overload-and-spasm",
        "nerve-entrapment-or-irritation",
        "referred-pain",
    ],
    # Name order, not the article's order.
    "anatomy": [
        "deep-external-rotators",
        "gluteal-muscles",
        "gluteus-maximus",
        "gluteus-medius-and-minimus",
        "hip-joint",
        "sciatic-nerve",
    ],
    # Sign order.
    "red-flags": [
        "limited-range-of-motion",
        "clicking-catching-grinding",
        "persistent-pain",
        "interferes-with-daily-activities",
        "worse-with-activity-or-at-night",
        "leg-or-foot-weakness-numbness-tingling",
    ],
    # Name order, not the order of care.
    "treatments": [
        "accurate-diagnosis",
        "activity-modification",
        "injections",
        "manual-therapy",
        "movement-pattern-retraining",
        "pain-management",
        "patient-education",
        "physical-therapy",
        "surgical-intervention",
        "therapeutic-exercises",
    ],
    # Position order, as in the article.
    "faqs": [
        "how-does-hip-pain-lead-to-buttock-pain",
        "which-hip-conditions-cause-buttock-discomfort",
        "can-buttock-pain-come-from-other-sources",
        "when-to-seek-help-for-buttock-pain",
        "typical-treatments-for-hip-related-buttock-pain",
    ],
}

# ------------------------------------------------------------------------------------ conditions

# Differentials are symmetrical: the six causes list the four other causes, so those four list the six.
# Every link list comes in the linked model's order (name), not the fixture's order.
DIFFERENTIALS_OF_A_CAUSE = [
    condition_link("hamstring-origin-tendinopathy"),
    condition_link("lumbar-spine-issues"),
    condition_link("myofascial-trigger-points"),
    condition_link("piriformis-syndrome"),
]
DIFFERENTIALS_OF_ANOTHER_CAUSE = [
    condition_link("deep-gluteal-syndrome"),
    condition_link("femoroacetabular-impingement"),
    condition_link("greater-trochanteric-pain-syndrome"),
    condition_link("hip-osteoarthritis"),
    condition_link("labral-tears"),
    condition_link("sacroiliac-joint-dysfunction"),
]
AS_CAUSE = [{**TOPIC_LINK, "role": "cause"}]
AS_DIFFERENTIAL = [{**TOPIC_LINK, "role": "differential"}]


def _links(*, mechanisms=(), anatomy=(), treatments=(), differentials, topics):
    return {
        "mechanisms": [mechanism_link(slug) for slug in mechanisms],
        "anatomy": [structure_link(slug) for slug in anatomy],
        "treatments": [treatment_link(slug) for slug in treatments],
        "red_flags": [],  # the seed links no red flag to a condition
        "differentials": differentials,
        "topics": topics,
    }


CONDITION_LINKS = {
    "hip-osteoarthritis": _links(
        mechanisms=["referred-pain"],
        anatomy=["hip-joint"],
        treatments=["surgical-intervention"],
        differentials=DIFFERENTIALS_OF_A_CAUSE,
        topics=AS_CAUSE,
    ),
    "femoroacetabular-impingement": _links(
        anatomy=["hip-joint"],
        treatments=["surgical-intervention"],
        differentials=DIFFERENTIALS_OF_A_CAUSE,
        topics=AS_CAUSE,
    ),
    "labral-tears": _links(
        anatomy=["hip-joint"],
        treatments=["surgical-intervention"],
        differentials=DIFFERENTIALS_OF_A_CAUSE,
        topics=AS_CAUSE,
    ),
    "greater-trochanteric-pain-syndrome": _links(
        anatomy=["gluteus-medius-and-minimus"],
        differentials=DIFFERENTIALS_OF_A_CAUSE,
        topics=AS_CAUSE,
    ),
    "sacroiliac-joint-dysfunction": _links(differentials=DIFFERENTIALS_OF_A_CAUSE, topics=AS_CAUSE),
    "deep-gluteal-syndrome": _links(
        mechanisms=["altered-biomechanics-and-compensation", "nerve-entrapment-or-irritation"],
        anatomy=["deep-external-rotators", "sciatic-nerve"],
        differentials=DIFFERENTIALS_OF_A_CAUSE,
        topics=AS_CAUSE,
    ),
    "lumbar-spine-issues": _links(differentials=DIFFERENTIALS_OF_ANOTHER_CAUSE, topics=AS_DIFFERENTIAL),
    "piriformis-syndrome": _links(
        mechanisms=["muscle-overload-and-spasm", "nerve-entrapment-or-irritation"],
        anatomy=["deep-external-rotators", "sciatic-nerve"],
        differentials=DIFFERENTIALS_OF_ANOTHER_CAUSE,
        topics=AS_DIFFERENTIAL,
    ),
    "hamstring-origin-tendinopathy": _links(
        differentials=DIFFERENTIALS_OF_ANOTHER_CAUSE, topics=AS_DIFFERENTIAL
    ),
    "myofascial-trigger-points": _links(
        mechanisms=["muscle-overload-and-spasm"],
        anatomy=["gluteal-muscles"],
        differentials=DIFFERENTIALS_OF_ANOTHER_CAUSE,
        topics=AS_DIFFERENTIAL,
    ),
}

# ------------------------------------------------------------------------------------ mechanisms

# The published conditions that link to each mechanism, in name order.
MECHANISM_CONDITIONS = {
    "referred-pain": [condition_link("hip-osteoarthritis")],
    "altered-biomechanics-and-compensation": [condition_link("deep-gluteal-syndrome")],
    "muscle-overload-and-spasm": [
        condition_link("myofascial-trigger-points"),
        condition_link("piriformis-syndrome"),
    ],
    "nerve-entrapment-or-irritation": [
        condition_link("deep-gluteal-syndrome"),
        condition_link("piriformis-syndrome"),
    ],
}

# --------------------------------------------------------------------------------------- anatomy

# What each detail adds to the summary. Parts and conditions come in name order.
ANATOMY_LINKS = {
    "hip-joint": {
        "parts": [],
        "conditions": [
            condition_link("femoroacetabular-impingement"),
            condition_link("hip-osteoarthritis"),
            condition_link("labral-tears"),
        ],
    },
    "gluteal-muscles": {
        "parts": [structure_link("gluteus-maximus"), structure_link("gluteus-medius-and-minimus")],
        "conditions": [condition_link("myofascial-trigger-points")],
    },
    "gluteus-maximus": {"parts": [], "conditions": []},
    "gluteus-medius-and-minimus": {
        "parts": [],
        "conditions": [condition_link("greater-trochanteric-pain-syndrome")],
    },
    "deep-external-rotators": {
        "parts": [],
        "conditions": [condition_link("deep-gluteal-syndrome"), condition_link("piriformis-syndrome")],
    },
    "sciatic-nerve": {
        "parts": [],
        "conditions": [condition_link("deep-gluteal-syndrome"), condition_link("piriformis-syndrome")],
    },
}

# ------------------------------------------------------------------------------------ treatments

NO_LINKS = {"parts": [], "conditions": []}
TREATMENT_LINKS = {
    "accurate-diagnosis": NO_LINKS,
    "pain-management": NO_LINKS,
    "physical-therapy": {
        # Parts come in their order of care (1 manual, 2 exercises, 3 retraining, 4 education), as the
        # article lists them, not in name order.
        "parts": [
            treatment_link("manual-therapy"),
            treatment_link("therapeutic-exercises"),
            treatment_link("movement-pattern-retraining"),
            treatment_link("patient-education"),
        ],
        "conditions": [],
    },
    "manual-therapy": NO_LINKS,
    "therapeutic-exercises": NO_LINKS,
    "movement-pattern-retraining": NO_LINKS,
    "patient-education": NO_LINKS,
    "activity-modification": NO_LINKS,
    "injections": NO_LINKS,
    "surgical-intervention": {
        "parts": [],
        "conditions": [
            condition_link("femoroacetabular-impingement"),
            condition_link("hip-osteoarthritis"),
            condition_link("labral-tears"),
        ],
    },
}

# ------------------------------------------------------------------------------------------ faqs

# Conditions come in name order, not in the order the answer names them.
FAQ_CONDITIONS = {
    "how-does-hip-pain-lead-to-buttock-pain": [],
    "which-hip-conditions-cause-buttock-discomfort": [
        condition_link("femoroacetabular-impingement"),
        condition_link("greater-trochanteric-pain-syndrome"),
        condition_link("hip-osteoarthritis"),
        condition_link("labral-tears"),
    ],
    "can-buttock-pain-come-from-other-sources": [
        condition_link("hamstring-origin-tendinopathy"),
        condition_link("lumbar-spine-issues"),
        condition_link("myofascial-trigger-points"),
        condition_link("piriformis-syndrome"),
    ],
    "when-to-seek-help-for-buttock-pain": [],
    "typical-treatments-for-hip-related-buttock-pain": [],
}
