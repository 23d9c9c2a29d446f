"""What API v1 serves for the seed beyond each item's own payload (tests/seed_content.py): the order of
each list, and the links each detail adds. tests/api/v2/ expects the same order and links, in v2's terms.
"""

from tests.seed_content import (
    TOPIC_LINK,
    claim,
    condition_link,
    mechanism_link,
    structure_link,
    treatment_link,
)

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

# The four hip pathologies are told apart from the four other causes (editorial: the article tells hip-related
# pain apart from them as a group); DGS from lumbar spine issues (editorial, "non-discogenic"). Piriformis
# syndrome is a form of DGS, not a differential of it. Every link list comes in the linked model's order.
HIP_PATHOLOGIES = [
    "femoroacetabular-impingement",
    "greater-trochanteric-pain-syndrome",
    "hip-osteoarthritis",
    "labral-tears",
]
OTHER_CAUSES = [
    "hamstring-origin-tendinopathy",
    "lumbar-spine-issues",
    "myofascial-trigger-points",
    "piriformis-syndrome",
]
AS_CAUSE = [{**TOPIC_LINK, "role": "cause"}]
AS_DIFFERENTIAL = [{**TOPIC_LINK, "role": "differential"}]
PIRIFORMIS_IN_DGS = (
    "non-discogenic entrapment of the sciatic nerve or other nerves by various structures, including the "
    "piriformis muscle"
)
DDX = claim("editorial", "A thorough differential diagnosis is essential:")
MANAGEMENT = claim(
    "editorial",
    "Effective management of hip-related buttock pain begins with an accurate diagnosis.",
    "as management of hip-related buttock pain",
)
HIP_ISSUES = claim(
    "editorial", "Hip issues can contribute to or exacerbate SI joint problems.", "or exacerbate"
)


def link_claim(field, item, basis_claim):
    return {"field": field, "item": item, **basis_claim}


def relation(kind, slug, basis_claim):
    return {"relation": kind, "condition": condition_link(slug), **basis_claim}


def _mechanism(slug, basis_claim):
    return link_claim("mechanisms", mechanism_link(slug), basis_claim)


def _anatomy(slug, basis_claim):
    return link_claim("anatomy", structure_link(slug), basis_claim)


def _treatments(surgery=None):
    """A hip pathology's treatments, in name order: the management of hip-related pain, and surgery."""
    slugs = ["accurate-diagnosis", "activity-modification", "pain-management", "physical-therapy"]
    claims = [link_claim("treatments", treatment_link(slug), MANAGEMENT) for slug in slugs]
    if surgery:
        claims.append(link_claim("treatments", treatment_link("surgical-intervention"), surgery))
    return claims


def _hip_pathology_relations():
    return [
        relation("can_contribute_to", "sacroiliac-joint-dysfunction", HIP_ISSUES),
        *(relation("tell_apart_from", slug, DDX) for slug in OTHER_CAUSES),
    ]


def _links(*, link_claims=(), relations=(), topics):
    lists = {"mechanisms": [], "anatomy": [], "treatments": [], "red_flags": []}
    for item in link_claims:
        lists[item["field"]].append(item["item"])
    tell_apart = sorted(
        (item["condition"] for item in relations if item["relation"] == "tell_apart_from"),
        key=lambda link: link["name"],
    )
    return {
        **lists,
        "differentials": tell_apart,
        "topics": topics,
        "link_claims": list(link_claims),
        "relations": list(relations),
    }


CONDITION_LINKS = {
    "hip-osteoarthritis": _links(
        link_claims=[
            _mechanism("referred-pain", claim("source", "frequently refers to the buttock")),
            _anatomy(
                "hip-joint", claim("source", "Degeneration of the articular cartilage within the hip joint.")
            ),
            *_treatments(surgery=claim("source", "advanced OA", "advanced")),
        ],
        relations=_hip_pathology_relations(),
        topics=AS_CAUSE,
    ),
    "femoroacetabular-impingement": _links(
        link_claims=[
            _anatomy("hip-joint", claim("source", "the bones that form the hip joint")),
            *_treatments(
                surgery=claim(
                    "source",
                    "FAI that doesn't respond to conservative care",
                    "when it doesn't respond to conservative care",
                )
            ),
        ],
        # Relations come by kind: can_contribute_to, can_lead_to, tell_apart_from.
        relations=[
            relation("can_contribute_to", "sacroiliac-joint-dysfunction", HIP_ISSUES),
            relation("can_lead_to", "labral-tears", claim("source", "Tears can result from trauma or FAI")),
            *(relation("tell_apart_from", slug, DDX) for slug in OTHER_CAUSES),
        ],
        topics=AS_CAUSE,
    ),
    "labral-tears": _links(
        link_claims=[
            _anatomy("hip-joint", claim("source", "a ring of cartilage that lines the hip socket")),
            *_treatments(surgery=claim("source", "certain labral tears", "certain labral tears")),
        ],
        relations=[
            *_hip_pathology_relations(),
            relation(
                "can_result_from",
                "femoroacetabular-impingement",
                claim("source", "Tears can result from trauma or FAI"),
            ),
        ],
        topics=AS_CAUSE,
    ),
    "greater-trochanteric-pain-syndrome": _links(
        link_claims=[
            _anatomy("gluteus-medius-and-minimus", claim("source", "the gluteus medius/minimus tendons")),
            *_treatments(),
        ],
        relations=_hip_pathology_relations(),
        topics=AS_CAUSE,
    ),
    "sacroiliac-joint-dysfunction": _links(
        relations=[
            relation("can_be_contributed_to_by", slug, HIP_ISSUES)
            for slug in sorted(HIP_PATHOLOGIES, key=lambda slug: condition_link(slug)["name"])
        ],
        topics=AS_CAUSE,
    ),
    "deep-gluteal-syndrome": _links(
        link_claims=[
            _mechanism(
                "altered-biomechanics-and-compensation",
                claim("source", "hip biomechanical faults can contribute to the development of DGS"),
            ),
            _mechanism(
                "nerve-entrapment-or-irritation",
                claim("source", "non-discogenic entrapment of the sciatic nerve or other nerves"),
            ),
            _anatomy(
                "deep-external-rotators",
                claim("source", "including the piriformis muscle", "the piriformis muscle"),
            ),
            _anatomy("sciatic-nerve", claim("source", "entrapment of the sciatic nerve")),
        ],
        relations=[
            relation(
                "tell_apart_from", "lumbar-spine-issues", claim("editorial", "non-discogenic entrapment")
            ),
            relation("has_form", "piriformis-syndrome", claim("source", PIRIFORMIS_IN_DGS)),
        ],
        topics=AS_CAUSE,
    ),
    "lumbar-spine-issues": _links(
        relations=[
            relation(
                "tell_apart_from", "deep-gluteal-syndrome", claim("editorial", "non-discogenic entrapment")
            ),
            *(relation("tell_apart_from", slug, DDX) for slug in HIP_PATHOLOGIES),
        ],
        topics=AS_DIFFERENTIAL,
    ),
    "piriformis-syndrome": _links(
        link_claims=[
            _mechanism(
                "muscle-overload-and-spasm",
                claim("editorial", "the piriformis muscle itself can become tight or spasm"),
            ),
            _mechanism(
                "nerve-entrapment-or-irritation", claim("source", "directly compressing the sciatic nerve")
            ),
            _anatomy(
                "deep-external-rotators",
                claim("source", "the piriformis muscle itself", "the piriformis muscle"),
            ),
            _anatomy("sciatic-nerve", claim("source", "directly compressing the sciatic nerve")),
        ],
        relations=[
            relation("is_a_form_of", "deep-gluteal-syndrome", claim("source", PIRIFORMIS_IN_DGS)),
            *(relation("tell_apart_from", slug, DDX) for slug in HIP_PATHOLOGIES),
        ],
        topics=AS_DIFFERENTIAL,
    ),
    "hamstring-origin-tendinopathy": _links(
        relations=[relation("tell_apart_from", slug, DDX) for slug in HIP_PATHOLOGIES],
        topics=AS_DIFFERENTIAL,
    ),
    "myofascial-trigger-points": _links(
        link_claims=[
            _mechanism(
                "muscle-overload-and-spasm",
                claim("source", "trigger points, and myofascial pain specifically in the buttocks"),
            ),
            _anatomy(
                "gluteal-muscles", claim("source", "Localized tender spots in the gluteal muscles themselves")
            ),
        ],
        relations=[relation("tell_apart_from", slug, DDX) for slug in HIP_PATHOLOGIES],
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

NO_LINKS = {"parts": [], "conditions": [], "anatomy": [], "anatomy_claims": []}
# The management of hip-related buttock pain, linked (editorially) to the four hip pathologies.
HIP_PATHOLOGY_LINKS = [
    condition_link("femoroacetabular-impingement"),
    condition_link("greater-trochanteric-pain-syndrome"),
    condition_link("hip-osteoarthritis"),
    condition_link("labral-tears"),
]
MANAGED = {"parts": [], "conditions": HIP_PATHOLOGY_LINKS, "anatomy": [], "anatomy_claims": []}
TREATMENT_LINKS = {
    "accurate-diagnosis": MANAGED,
    "pain-management": MANAGED,
    "physical-therapy": {
        # In the order of care, then by name: the article states no order among the program's parts.
        "parts": [
            treatment_link("manual-therapy"),
            treatment_link("movement-pattern-retraining"),
            treatment_link("patient-education"),
            treatment_link("therapeutic-exercises"),
        ],
        "conditions": HIP_PATHOLOGY_LINKS,
        "anatomy": [],
        "anatomy_claims": [],
    },
    "manual-therapy": NO_LINKS,
    "therapeutic-exercises": NO_LINKS,
    "movement-pattern-retraining": NO_LINKS,
    "patient-education": NO_LINKS,
    "activity-modification": MANAGED,
    # The article names three places injections go ("into the hip joint, bursa, or around irritated nerves");
    # only the hip joint is an item of the seed.
    "injections": {
        **NO_LINKS,
        "anatomy": [structure_link("hip-joint")],
        "anatomy_claims": [
            {
                "structure": structure_link("hip-joint"),
                **claim("source", "corticosteroid injections into the hip joint"),
            }
        ],
    },
    "surgical-intervention": {
        "parts": [],
        "conditions": [
            condition_link("femoroacetabular-impingement"),
            condition_link("hip-osteoarthritis"),
            condition_link("labral-tears"),
        ],
        "anatomy": [],
        "anatomy_claims": [],
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
