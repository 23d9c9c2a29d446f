"""What the API serves for the seed article, written out by hand (timestamps left out).

Each dict is one item's summary, as its list endpoint shows it and as the topic detail embeds it; a
condition's list summary adds its codes to what a topic embeds (condition_summary()). The detail tests add
the links each item has, and seed_review() (condition_review() for a condition). Nothing here is computed
from the application or the fixture.
"""

from django.utils import timezone

from tests import seed_cache
from tests.payloads import link, url

TOPIC_SLUG = "hip-pain-buttock-discomfort"
TOPIC_TITLE = "Hip Pain: Its Connection to Buttock Discomfort, Causes, and Treatments"
TOPIC_LINK = link("topics", TOPIC_SLUG, TOPIC_TITLE)

# The one source every seed item cites: the article itself, which names no publisher, URL or date.
SOURCE = {
    "title": TOPIC_TITLE,
    "publisher": "",
    "url": "",
    "accessed": None,
    "note": (
        "The article the seed content is taken from. Its prose is served word for word; each typed claim "
        "(a link, an urgency, a category, an order, a code) says whether it quotes the article or is an "
        "editor's structuring, which a clinical reviewer confirms. The article names no author, publisher "
        "or URL."
    ),
}


def claim(basis, quote="", qualifier="", source_title=TOPIC_TITLE):
    """Where a typed claim comes from, as v1 serves it: a quote cites the article unless told otherwise."""
    return {
        "basis": basis,
        "quote": quote,
        "source_title": source_title if quote or source_title != TOPIC_TITLE else None,
        "qualifier": qualifier,
    }


# The code set, cited as a second source by the conditions that carry its codes. It names no URL or date.
ICD10CM_SOURCE = {
    "title": "ICD-10-CM Tabular List of Diseases and Injuries",
    "publisher": "CDC National Center for Health Statistics",
    "url": "",
    "accessed": None,
    "note": (
        "Release FY2026 (in effect from October 1, 2025). Each code given on a condition says its release, "
        "whether it is billable or a category header, and whether it names the condition exactly, more "
        "broadly, or one of its components."
    ),
}


def seed_day():
    """The day the seed rows of this test were loaded: a seed item is due for review that day (today, unless
    the run crossed midnight since the rows it replays were loaded)."""
    return seed_cache.loaded_on or timezone.localdate()


def seed_review(*more_sources):
    """What every seed DETAIL says about its review: published without a reviewer, due for review the day
    the seed was loaded (today, in a test), citing the article (then `more_sources`: sources come in title
    order, and the article's title sorts first).

    List summaries and embedded items have none of these keys.
    """
    return {
        "last_reviewed": None,
        "reviewed_by": None,
        "next_review_due": seed_day().isoformat(),
        "review_state": "not_yet_clinically_reviewed",
        "sources": [SOURCE, *more_sources],
    }


TOPIC_SUMMARY = {
    "slug": TOPIC_SLUG,
    "url": url("topics", TOPIC_SLUG),
    "title": TOPIC_TITLE,
    "category": "Musculoskeletal Health",
    "summary": (
        "Pain originating from the hip joint and its surrounding structures frequently manifests as "
        "discomfort or pain in the buttocks due to intricate anatomical and biomechanical connections, "
        "often involving referred pain, altered mechanics, or nerve irritation."
    ),
}

# ---------------------------------------------------------------------------------------------- anatomy


def anatomy_link(slug, name):
    return link("anatomy", slug, name)


GLUTEAL_MUSCLES_LINK = anatomy_link("gluteal-muscles", "Gluteal Muscles")

ANATOMY = {
    "hip-joint": {
        "slug": "hip-joint",
        "url": url("anatomy", "hip-joint"),
        "name": "Hip Joint",
        "description": (
            "Formed by the head of the femur (thigh bone) fitting into the acetabulum (socket) of the "
            "pelvis. It's enveloped by a strong capsule, ligaments, and numerous muscles."
        ),
        "function": "",
        "parent": None,
    },
    "gluteal-muscles": {
        "slug": "gluteal-muscles",
        "url": url("anatomy", "gluteal-muscles"),
        "name": "Gluteal Muscles",
        "description": "The powerhouse of the hip and pelvis.",
        "function": "",
        "parent": None,
    },
    "gluteus-maximus": {
        "slug": "gluteus-maximus",
        "url": url("anatomy", "gluteus-maximus"),
        "name": "Gluteus Maximus",
        "description": "The largest, responsible for hip extension and external rotation.",
        "function": "hip extension and external rotation",
        "parent": GLUTEAL_MUSCLES_LINK,
    },
    "gluteus-medius-and-minimus": {
        "slug": "gluteus-medius-and-minimus",
        "url": url("anatomy", "gluteus-medius-and-minimus"),
        "name": "Gluteus Medius and Minimus",
        "description": (
            "Located deeper, crucial for hip abduction and stabilizing the pelvis during walking and "
            "standing."
        ),
        "function": "hip abduction and stabilizing the pelvis during walking and standing",
        "parent": GLUTEAL_MUSCLES_LINK,
    },
    "deep-external-rotators": {
        "slug": "deep-external-rotators",
        "url": url("anatomy", "deep-external-rotators"),
        "name": "Deep External Rotators",
        "description": (
            "A group of smaller muscles (e.g., piriformis, gemelli, obturators) located deep beneath the "
            "gluteus maximus, which play a vital role in hip rotation and can often be implicated in buttock "
            "pain, especially when irritated."
        ),
        "function": "hip rotation",
        "parent": None,
    },
    "sciatic-nerve": {
        "slug": "sciatic-nerve",
        "url": url("anatomy", "sciatic-nerve"),
        "name": "Sciatic Nerve",
        "description": (
            "The sciatic nerve, the largest nerve in the body, passes through the gluteal region, often "
            "beneath or through the piriformis muscle, before descending into the leg. Irritation or "
            "compression of this nerve can cause pain that radiates into the buttocks and beyond."
        ),
        "function": "",
        "parent": None,
    },
}

# ------------------------------------------------------------------------------------------- mechanisms

MECHANISMS = {
    "referred-pain": {
        "slug": "referred-pain",
        "url": url("mechanisms", "referred-pain"),
        "name": "Referred Pain",
        "description": (
            "The brain can sometimes misinterpret the origin of pain signals. Pain originating from the hip "
            'joint itself (e.g., from cartilage degeneration or inflammation) can be "referred" to the '
            "gluteal region, making it feel as though the buttock is the source of the problem. This is due "
            "to shared nerve pathways."
        ),
    },
    "altered-biomechanics-and-compensation": {
        "slug": "altered-biomechanics-and-compensation",
        "url": url("mechanisms", "altered-biomechanics-and-compensation"),
        "name": "Altered Biomechanics and Compensation",
        "description": (
            "A painful or dysfunctional hip will lead to changes in how you move. You might unconsciously "
            "shift weight, alter your gait, or change your posture to avoid pain. These compensatory "
            "movements can overload the gluteal muscles and other surrounding structures, leading to strain, "
            "fatigue, and pain."
        ),
    },
    "muscle-overload-and-spasm": {
        "slug": "muscle-overload-and-spasm",
        "url": url("mechanisms", "muscle-overload-and-spasm"),
        "name": "Muscle Overload and Spasm",
        "description": (
            "When the hip joint is not functioning optimally, the gluteal muscles might be forced to work "
            "harder to stabilize the joint or compensate for weakness elsewhere. This chronic overload can "
            "lead to muscle tightness, spasms, trigger points, and myofascial pain specifically in the "
            "buttocks."
        ),
    },
    "nerve-entrapment-or-irritation": {
        "slug": "nerve-entrapment-or-irritation",
        "url": url("mechanisms", "nerve-entrapment-or-irritation"),
        "name": "Nerve Entrapment or Irritation",
        "description": (
            "Swelling, inflammation, or altered muscle tension around a problematic hip can sometimes "
            "irritate or compress nerves passing through the gluteal region, such as the sciatic nerve. This "
            "can lead to symptoms like shooting pain, numbness, or tingling in the buttocks and down the "
            "leg, often mimicking true sciatica."
        ),
    },
}

# ------------------------------------------------------------------------------------------- treatments

PHYSICAL_THERAPY_LINK = link("treatments", "physical-therapy", "Physical Therapy")

# The article sequences only the diagnosis ("begins with an accurate diagnosis"); every other strategy shares
# the next place, and the parts of the physical therapy program share one place (editorial: it lists them).
AFTER_DIAGNOSIS = claim(
    "source", "Effective management of hip-related buttock pain begins with an accurate diagnosis."
)
PROGRAM = "A physical therapist will design a program that may include:"
PART_OF_PROGRAM = claim("source", PROGRAM)
PAIN_RELIEF = (
    "Initial relief may involve rest, ice/heat application, activity modification, and over-the-counter "
    "anti-inflammatory medications (NSAIDs) or prescribed pain relievers."
)


def _treatment(slug, name, category, order_of_care, description, parent=None, *, category_claim, order_claim):
    return {
        "slug": slug,
        "url": url("treatments", slug),
        "name": name,
        "category": category,
        "description": description,
        "order_of_care": order_of_care,
        "parent": parent,
        "category_claim": category_claim,
        "order_of_care_claim": order_claim,
    }


def _part(slug, name, description):
    return _treatment(
        slug,
        name,
        "rehabilitation",
        1,
        description,
        PHYSICAL_THERAPY_LINK,
        category_claim=PART_OF_PROGRAM,
        order_claim=claim("editorial", PROGRAM),
    )


TREATMENTS = {
    "accurate-diagnosis": _treatment(
        "accurate-diagnosis",
        "Accurate Diagnosis",
        "diagnostic",
        1,
        "A comprehensive evaluation involving a physical examination, movement analysis, and potentially "
        "imaging (X-rays, MRI) is the first step.",
        category_claim=claim(
            "source",
            "A comprehensive evaluation involving a physical examination, movement analysis, and potentially "
            "imaging (X-rays, MRI) is the first step.",
        ),
        order_claim=AFTER_DIAGNOSIS,
    ),
    "pain-management": _treatment(
        "pain-management",
        "Pain Management",
        "self_care",
        2,
        "Initial relief may involve rest, ice/heat application, activity modification, and over-the-counter "
        "anti-inflammatory medications (NSAIDs) or prescribed pain relievers.",
        category_claim=claim("editorial", PAIN_RELIEF),
        order_claim=AFTER_DIAGNOSIS,
    ),
    "physical-therapy": _treatment(
        "physical-therapy",
        "Physical Therapy",
        "rehabilitation",
        2,
        "This is often the cornerstone of conservative treatment. A physical therapist will design a program "
        "that may include:",
        category_claim=claim("source", "physical therapy to restore function"),
        order_claim=AFTER_DIAGNOSIS,
    ),
    "manual-therapy": _part("manual-therapy", "Manual Therapy", "Joint mobilizations, soft tissue release."),
    "therapeutic-exercises": _part(
        "therapeutic-exercises",
        "Therapeutic Exercises",
        "To restore hip mobility, strengthen weak gluteal and core muscles, and improve neuromuscular "
        "control.",
    ),
    "movement-pattern-retraining": _part(
        "movement-pattern-retraining",
        "Movement Pattern Retraining",
        "Correcting faulty mechanics during daily activities and exercise.",
    ),
    "patient-education": _part(
        "patient-education",
        "Patient Education",
        "Understanding aggravating factors and self-management strategies.",
    ),
    "activity-modification": _treatment(
        "activity-modification",
        "Activity Modification",
        "self_care",
        2,
        "Temporarily avoiding movements or activities that exacerbate the pain, gradually reintroducing them "
        "as symptoms improve.",
        category_claim=claim("editorial"),
        order_claim=AFTER_DIAGNOSIS,
    ),
    "injections": _treatment(
        "injections",
        "Injections",
        "interventional",
        2,
        "In some cases, corticosteroid injections into the hip joint, bursa, or around irritated nerves may "
        "be used for temporary pain relief.",
        category_claim=claim("editorial"),
        order_claim=AFTER_DIAGNOSIS,
    ),
    "surgical-intervention": _treatment(
        "surgical-intervention",
        "Surgical Intervention",
        "surgical",
        2,
        "For severe structural issues (e.g., advanced OA, certain labral tears, or FAI that doesn't respond "
        "to conservative care), surgery may be considered.",
        category_claim=claim("source", "surgery may be considered"),
        order_claim=AFTER_DIAGNOSIS,
    ),
}

# -------------------------------------------------------------------------------------------- red flags

# Professionals come in name order (Professional.Meta.ordering), not the fixture's or the article's order.
PROFESSIONALS = [
    {"slug": "orthopedic-surgeon", "name": "Orthopedic surgeon"},
    {"slug": "physical-therapist", "name": "Physical therapist"},
    {"slug": "sports-medicine-physician", "name": "Sports medicine physician"},
]
CONSULT = (
    "Consult a healthcare professional, such as a physical therapist, orthopedic surgeon, or sports "
    "medicine physician."
)


# The article frames every red flag as a feature of persistent buttock pain and states no urgency: none is
# assessed, and v1 still serves `soon` there (its released enum has no other way to say so).
APPLIES_WHEN = (
    "If you are experiencing persistent buttock pain, especially if it's accompanied by any of the following"
)


# What to do and whom to see are the article's, quoted from the sentence that introduces the red flags.
ACTION_CLAIM = {
    "basis": "source",
    "quote": "it's advisable to consult a healthcare professional",
    "source_title": "Hip Pain: Its Connection to Buttock Discomfort, Causes, and Treatments",
    "qualifier": "",
}
PROFESSIONALS_CLAIM = {
    **ACTION_CLAIM,
    "quote": "such as a physical therapist, orthopedic surgeon, or sports medicine physician",
}


def _red_flag(slug, sign):
    return {
        "slug": slug,
        "url": url("red-flags", slug),
        "sign": sign,
        "urgency": "soon",
        "action": CONSULT,
        "professionals": PROFESSIONALS,
        "urgency_assessed": False,
        "urgency_claim": None,
        "applies_when": APPLIES_WHEN,
        "action_claim": ACTION_CLAIM,
        "professionals_claim": PROFESSIONALS_CLAIM,
    }


RED_FLAGS = {
    "persistent-pain": _red_flag("persistent-pain", "Pain that persists for more than a few days or weeks."),
    "worse-with-activity-or-at-night": _red_flag(
        "worse-with-activity-or-at-night", "Pain that worsens with activity or at night."
    ),
    "clicking-catching-grinding": _red_flag(
        "clicking-catching-grinding",
        "Pain accompanied by clicking, catching, or grinding sensations in the hip.",
    ),
    "limited-range-of-motion": _red_flag("limited-range-of-motion", "Limited range of motion in the hip."),
    "leg-or-foot-weakness-numbness-tingling": _red_flag(
        "leg-or-foot-weakness-numbness-tingling", "Weakness, numbness, or tingling in the leg or foot."
    ),
    "interferes-with-daily-activities": _red_flag(
        "interferes-with-daily-activities",
        "Pain that significantly interferes with daily activities, work, or exercise.",
    ),
}

# ------------------------------------------------------------------------------------------- conditions


def _condition(slug, name, abbreviation, summary, **lists):
    return {
        "slug": slug,
        "url": url("conditions", slug),
        "name": name,
        "abbreviation": abbreviation,
        "other_names": lists.get("other_names", []),
        "summary": summary,
        "pain_locations": lists.get("pain_locations", []),
        "pain_character": lists.get("pain_character", []),
        "aggravating_factors": lists.get("aggravating_factors", []),
        "associated_signs": lists.get("associated_signs", []),
    }


CONDITIONS = {
    "hip-osteoarthritis": _condition(
        "hip-osteoarthritis",
        "Hip Osteoarthritis",
        "OA",
        "Degeneration of the articular cartilage within the hip joint. Pain is often deep, achy, and worse "
        "with activity. It can be felt in the groin, outer hip, and frequently refers to the buttock, "
        "particularly the deep gluteal region.",
        pain_locations=["groin", "outer hip", "buttock", "deep gluteal region"],
        pain_character=["deep", "achy"],
        aggravating_factors=["activity"],
    ),
    "femoroacetabular-impingement": _condition(
        "femoroacetabular-impingement",
        "Femoroacetabular Impingement",
        "FAI",
        "A condition where extra bone grows along one or both of the bones that form the hip joint, leading "
        'to abnormal contact and "impingement" during movement. This can cause sharp, pinching pain, often '
        "felt deep in the groin or buttock, especially with squatting or prolonged sitting.",
        pain_locations=["groin", "buttock"],
        pain_character=["sharp", "pinching"],
        aggravating_factors=["squatting", "prolonged sitting"],
    ),
    "labral-tears": _condition(
        "labral-tears",
        "Labral Tears",
        "",
        "The labrum is a ring of cartilage that lines the hip socket, deepening it and providing stability. "
        "Tears can result from trauma or FAI and cause clicking, catching, and deep, aching pain in the "
        "groin or buttock.",
        pain_locations=["groin", "buttock"],
        pain_character=["deep", "aching"],
        associated_signs=["clicking", "catching"],
    ),
    "greater-trochanteric-pain-syndrome": _condition(
        "greater-trochanteric-pain-syndrome",
        "Greater Trochanteric Pain Syndrome",
        "GTPS",
        "This encompasses conditions like hip bursitis (inflammation of the bursa over the greater "
        "trochanter) and gluteal tendinopathy (degeneration or inflammation of the gluteus medius/minimus "
        "tendons). While often felt on the outer hip, pain can frequently radiate into the lateral buttock.",
        pain_locations=["outer hip", "lateral buttock"],
    ),
    "sacroiliac-joint-dysfunction": _condition(
        "sacroiliac-joint-dysfunction",
        "Sacroiliac (SI) Joint Dysfunction",
        "",
        "Although distinct from the hip joint, the SI joint (where the sacrum meets the ilium) is intimately "
        "connected to pelvic mechanics, which are influenced by the hip. Dysfunction here commonly causes "
        "pain in the lower back, buttock, and sometimes the posterior thigh. Hip issues can contribute to or "
        "exacerbate SI joint problems.",
        pain_locations=["lower back", "buttock", "posterior thigh"],
    ),
    "deep-gluteal-syndrome": _condition(
        "deep-gluteal-syndrome",
        "Deep Gluteal Syndrome",
        "DGS",
        "This is an umbrella term for pain in the deep gluteal region caused by non-discogenic entrapment of "
        "the sciatic nerve or other nerves by various structures, including the piriformis muscle, fibrous "
        "bands, or vascular abnormalities. While not always caused by a primary hip joint issue, hip "
        "biomechanical faults can contribute to the development of DGS.",
        pain_locations=["deep gluteal region"],
    ),
    "lumbar-spine-issues": _condition(
        "lumbar-spine-issues",
        "Lumbar Spine Issues",
        "",
        "Conditions like disc herniation, spinal stenosis, or facet joint arthritis can cause radiating pain "
        '(radiculopathy) into the buttocks and down the leg, often termed "true sciatica." This is a primary '
        "consideration.",
        pain_locations=["buttocks", "down the leg"],
        pain_character=["radiating"],
    ),
    "piriformis-syndrome": _condition(
        "piriformis-syndrome",
        "Piriformis Syndrome",
        "",
        "While often linked to hip biomechanics, sometimes the piriformis muscle itself can become tight or "
        "spasm, directly compressing the sciatic nerve, leading to buttock pain and referred pain down the "
        "leg.",
        pain_locations=["buttock", "down the leg"],
    ),
    "hamstring-origin-tendinopathy": _condition(
        "hamstring-origin-tendinopathy",
        "Hamstring Origin Tendinopathy",
        "",
        "Pain localized to the sitting bone (ischial tuberosity) at the very top of the hamstring, often "
        "aggravated by sitting or stretching.",
        pain_locations=["sitting bone (ischial tuberosity)", "very top of the hamstring"],
        aggravating_factors=["sitting", "stretching"],
    ),
    "myofascial-trigger-points": _condition(
        "myofascial-trigger-points",
        "Myofascial Trigger Points",
        "",
        "Localized tender spots in the gluteal muscles themselves that can refer pain to other areas.",
        pain_locations=["gluteal muscles"],
        associated_signs=["tender spots"],
    ),
}

# The ICD-10-CM (FY2026) codes of the seed conditions, in the fixture's order, each with the code set's own
# title: category headers, not billable. M16 is hip osteoarthritis exactly; GTPS encompasses trochanteric
# bursitis and gluteal tendinopathy, whose codes are its components. Each is an editor's choice citing the
# code set. The other conditions have none (an empty list).
CODE_CLAIM = claim("editorial", source_title="ICD-10-CM Tabular List of Diseases and Injuries")


def _code(code, display, match):
    return {
        "system": "icd10cm",
        "code": code,
        "display": display,
        "release": "FY2026",
        "kind": "category",
        "match": match,
        "claim": CODE_CLAIM,
    }


CODES = {
    "hip-osteoarthritis": [_code("M16", "Osteoarthritis of hip", "exact")],
    "greater-trochanteric-pain-syndrome": [
        _code("M70.6", "Trochanteric bursitis", "component"),
        _code("M76.0", "Gluteal tendinitis", "component"),
    ],
}


def condition_summary(slug):
    """A seed condition as its list shows it: what a topic embeds of it, and its codes."""
    return {**CONDITIONS[slug], "codes": CODES.get(slug, [])}


def condition_review(slug):
    """seed_review() of a condition: a coded condition also cites the code set."""
    return seed_review(ICD10CM_SOURCE) if slug in CODES else seed_review()


# ------------------------------------------------------------------------------------------------- faqs

FAQS = {
    "how-does-hip-pain-lead-to-buttock-pain": {
        "slug": "how-does-hip-pain-lead-to-buttock-pain",
        "url": url("faqs", "how-does-hip-pain-lead-to-buttock-pain"),
        "question": "How does hip pain lead to buttock pain?",
        "answer": (
            "Hip dysfunction can cause buttock pain through referred pain (misinterpreted signals), altered "
            "biomechanics, muscle overload, or nerve entrapment/irritation in the gluteal region."
        ),
    },
    "which-hip-conditions-cause-buttock-discomfort": {
        "slug": "which-hip-conditions-cause-buttock-discomfort",
        "url": url("faqs", "which-hip-conditions-cause-buttock-discomfort"),
        "question": "What specific hip conditions cause buttock discomfort?",
        "answer": (
            "Common hip conditions include Hip Osteoarthritis, Femoroacetabular Impingement (FAI), Labral "
            "Tears, and Greater Trochanteric Pain Syndrome (GTPS), all of which can manifest as buttock pain."
        ),
    },
    "can-buttock-pain-come-from-other-sources": {
        "slug": "can-buttock-pain-come-from-other-sources",
        "url": url("faqs", "can-buttock-pain-come-from-other-sources"),
        "question": "Can buttock pain originate from sources other than the hip?",
        "answer": (
            "Yes, buttock pain can also be caused by lumbar spine issues (like disc herniation), Piriformis "
            "Syndrome, Hamstring Origin Tendinopathy, or myofascial trigger points."
        ),
    },
    "when-to-seek-help-for-buttock-pain": {
        "slug": "when-to-seek-help-for-buttock-pain",
        "url": url("faqs", "when-to-seek-help-for-buttock-pain"),
        "question": "When should I seek professional help for persistent buttock pain?",
        "answer": (
            "Consult a healthcare professional if buttock pain persists for more than a few days/weeks, "
            "worsens, is accompanied by clicking/grinding, limited hip motion, weakness, numbness, tingling, "
            "or interferes with daily activities."
        ),
    },
    "typical-treatments-for-hip-related-buttock-pain": {
        "slug": "typical-treatments-for-hip-related-buttock-pain",
        "url": url("faqs", "typical-treatments-for-hip-related-buttock-pain"),
        "question": "What are the typical treatments for hip-related buttock pain?",
        "answer": (
            "Management involves accurate diagnosis, pain relief (rest, ice/heat, NSAIDs), physical therapy "
            "(manual therapy, exercises), activity modification, and potentially injections or surgical "
            "intervention for severe cases."
        ),
    },
}


# ------------------------------------------------------------------------------------------------ links


def condition_link(slug):
    return link("conditions", slug, CONDITIONS[slug]["name"])


def mechanism_link(slug):
    return link("mechanisms", slug, MECHANISMS[slug]["name"])


def structure_link(slug):
    return link("anatomy", slug, ANATOMY[slug]["name"])


def treatment_link(slug):
    return link("treatments", slug, TREATMENTS[slug]["name"])


def red_flag_link(slug):
    return link("red-flags", slug, RED_FLAGS[slug]["sign"])
