"""What API v2 serves for the seed, built from the hand-written seed payloads of v1 (tests/seed_content.py).

Each function restates one v1 shape as its v2 node, field by field, as the v2 contract says it: nothing here
calls the application. tests/api/v2/test_details.py also pins one item of each type as a literal payload, so
a mistake made the same way here and in the serializers cannot hide.
"""

from tests.payloads import parse_timestamp
from tests.seed_content import CODES, CONDITIONS, SOURCE, TOPIC_SUMMARY, condition_review, seed_review

API = "http://testserver/api/v2"
# The hc: namespace: settings.HC_VOCABULARY_IRI, the same in every deployment (not this server's /vocab/).
VOCAB = "https://w3id.org/hipcontent/vocab"
CONTEXT = ["https://schema.org", {"hc": VOCAB + "#"}]
LINK_TERM = {"@type": "@id"}
PAGE_CONTEXT = [
    "https://schema.org",
    {
        "hc": VOCAB + "#",
        "next": {"@id": "hc:next", **LINK_TERM},
        "previous": {"@id": "hc:previous", **LINK_TERM},
    },
]
DATES = ("dateModified", "dateCreated")

# collection (as in URLs) → the schema.org type of its items
TYPES = {
    "topics": "MedicalWebPage",
    "conditions": "MedicalCondition",
    "mechanisms": "MedicalEntity",
    "anatomy": "AnatomicalStructure",
    "red-flags": "MedicalSignOrSymptom",
    "treatments": "MedicalTherapy",
    "faqs": "Question",
}

# The keys of each v2 shape: a key added or removed fails a test.
REFERENCE_KEYS = {"@id", "@type", "identifier", "name"}
REVIEW_KEYS = {"dateCreated", "lastReviewed", "reviewedBy", "hc:nextReviewDue", "hc:reviewState", "citation"}
CLAIM_KEYS = {"@type", "hc:basis", "text", "citation", "hc:qualifier"}
CITATION_KEYS = {"@type", "name", "publisher", "url", "hc:accessed", "description"}
PAGE_KEYS = {"@context", "@id", "@type", "next", "previous", "itemListElement"}
SUMMARY_KEYS = {
    "topics": {"@id", "@type", "identifier", "name", "specialty", "description", "dateModified"},
    "conditions": {
        "@id",
        "@type",
        "identifier",
        "name",
        "hc:abbreviation",
        "alternateName",
        "description",
        "hc:painLocation",
        "hc:painCharacter",
        "hc:aggravatingFactor",
        "hc:associatedSign",
        "dateModified",
        "code",
    },
    "mechanisms": {"@id", "@type", "identifier", "name", "description", "dateModified"},
    "anatomy": {
        "@id",
        "@type",
        "identifier",
        "name",
        "description",
        "hc:function",
        "isPartOf",
        "dateModified",
    },
    "red-flags": {
        "@id",
        "@type",
        "identifier",
        "name",
        "hc:urgency",
        "hc:urgencyAssessed",
        "hc:urgencyClaim",
        "hc:appliesWhen",
        "hc:action",
        "hc:professional",
        "hc:actionClaim",
        "hc:professionalClaim",
        "dateModified",
    },
    "treatments": {
        "@id",
        "@type",
        "identifier",
        "name",
        "description",
        "hc:category",
        "hc:orderOfCare",
        "hc:categoryClaim",
        "hc:orderOfCareClaim",
        "isPartOf",
        "dateModified",
    },
    "faqs": {"@id", "@type", "identifier", "name", "acceptedAnswer", "dateModified"},
}
LINKS = {
    "topics": {
        "mainEntity",
        "hc:anatomySection",
        "hc:mechanismSection",
        "hc:conditionSection",
        "hc:differentialSection",
        "hc:caution",
        "hc:redFlagSection",
        "hc:treatmentSection",
        "hc:conclusion",
        "hc:keyTakeaways",
        "hc:faqSection",
    },
    "conditions": {
        "pathophysiology",
        "associatedAnatomy",
        "possibleTreatment",
        "signOrSymptom",
        "differentialDiagnosis",
        "subjectOf",
        "hc:linkClaim",
        "hc:conditionRelation",
    },
    "mechanisms": {"relatedCondition"},
    "anatomy": {"subStructure", "relatedCondition"},
    "red-flags": {"relatedCondition"},
    "treatments": {"hasPart", "relatedCondition", "hc:targetAnatomy", "hc:targetAnatomyClaim"},
    "faqs": {"isPartOf", "about"},
}
DETAIL_KEYS = {name: {"@context", *keys, *LINKS[name], *REVIEW_KEYS} for name, keys in SUMMARY_KEYS.items()}


def url(collection, slug=None):
    return f"{API}/{collection}/" if slug is None else f"{API}/{collection}/{slug}/"


def without_dates(data):
    """A copy of `data` without dateModified/dateCreated, after checking each is an ISO 8601 timestamp."""
    if isinstance(data, list):
        return [without_dates(item) for item in data]
    if isinstance(data, dict):
        for key in DATES:
            if key in data:
                parse_timestamp(data[key])
        return {key: without_dates(value) for key, value in data.items() if key not in DATES}
    return data


def ref(v1_link, extra=()):
    """A v1 link {slug, name, url} as the v2 reference to the same item."""
    if v1_link is None:
        return None
    collection = v1_link["url"].split("/api/v1/")[1].split("/")[0]
    node = {
        "@id": url(collection, v1_link["slug"]),
        "@type": TYPES[collection],
        "identifier": v1_link["slug"],
        "name": v1_link["name"],
    }
    return {**node, **{f"hc:{key}": v1_link[key] for key in extra}}


def refs(v1_links, extra=()):
    return [ref(item, extra) for item in v1_links]


def citation(source):
    return {
        "@type": "CreativeWork",
        "name": source["title"],
        "publisher": source["publisher"] or None,
        "url": source["url"] or None,
        "hc:accessed": source["accessed"],
        "description": source["note"] or None,
    }


def review(v1_review):
    """seed_review() (or condition_review()) in v2; dateCreated is left out with the other dates."""
    return {
        "lastReviewed": v1_review["last_reviewed"],
        "reviewedBy": v1_review["reviewed_by"],
        "hc:nextReviewDue": v1_review["next_review_due"],
        "hc:reviewState": v1_review["review_state"],
        "citation": [citation(source) for source in v1_review["sources"]],
    }


def claim(v1_claim):
    """A v1 claim {basis, quote, source_title, qualifier} as v2's schema.org Claim; null stays null."""
    if v1_claim is None:
        return None
    return {
        "@type": "Claim",
        "hc:basis": v1_claim["basis"],
        "text": v1_claim["quote"] or None,
        "citation": v1_claim["source_title"],
        "hc:qualifier": v1_claim["qualifier"] or None,
    }


# v1's link lists, as v2 names the properties that hold them.
LINK_FIELDS = {
    "mechanisms": "pathophysiology",
    "anatomy": "associatedAnatomy",
    "treatments": "possibleTreatment",
    "red_flags": "signOrSymptom",
}


def link_claim(v1_link_claim):
    basis = {key: v1_link_claim[key] for key in ("basis", "quote", "source_title", "qualifier")}
    return {
        **claim(basis),
        "hc:linkField": LINK_FIELDS[v1_link_claim["field"]],
        "about": ref(v1_link_claim["item"]),
    }


def relation(v1_relation):
    basis = {key: v1_relation[key] for key in ("basis", "quote", "source_title", "qualifier")}
    return {**claim(basis), "hc:relation": v1_relation["relation"], "about": ref(v1_relation["condition"])}


def topic_claim(node, v1_item):
    """An item as a topic section embeds it: with the claim of its link."""
    return {**node, "hc:topicClaim": claim(v1_item["topic_claim"])}


def anatomy(item):
    return {
        "@id": url("anatomy", item["slug"]),
        "@type": "AnatomicalStructure",
        "identifier": item["slug"],
        "name": item["name"],
        "description": item["description"],
        "hc:function": item["function"] or None,
        "isPartOf": ref(item["parent"]),
    }


def mechanism(item):
    return {
        "@id": url("mechanisms", item["slug"]),
        "@type": "MedicalEntity",
        "identifier": item["slug"],
        "name": item["name"],
        "description": item["description"],
    }


def treatment(item):
    return {
        "@id": url("treatments", item["slug"]),
        "@type": "MedicalTherapy",
        "identifier": item["slug"],
        "name": item["name"],
        "description": item["description"],
        "hc:category": item["category"],
        "hc:orderOfCare": item["order_of_care"],
        "hc:categoryClaim": claim(item["category_claim"]),
        "hc:orderOfCareClaim": claim(item["order_of_care_claim"]),
        "isPartOf": ref(item["parent"]),
    }


def red_flag(item):
    return {
        "@id": url("red-flags", item["slug"]),
        "@type": "MedicalSignOrSymptom",
        "identifier": item["slug"],
        "name": item["sign"],
        "hc:urgency": item["urgency"],
        "hc:urgencyAssessed": item["urgency_assessed"],
        "hc:urgencyClaim": claim(item["urgency_claim"]),
        "hc:appliesWhen": item["applies_when"] or None,
        "hc:action": item["action"],
        "hc:professional": [{"@type": "Occupation", **professional_of(p)} for p in item["professionals"]],
        "hc:actionClaim": claim(item["action_claim"]),
        "hc:professionalClaim": claim(item["professionals_claim"]),
    }


def professional_of(v1_professional):
    return {"identifier": v1_professional["slug"], "name": v1_professional["name"]}


def faq(item):
    return {
        "@id": url("faqs", item["slug"]),
        "@type": "Question",
        "identifier": item["slug"],
        "name": item["question"],
        "acceptedAnswer": {"@type": "Answer", "text": item["answer"]},
    }


def condition_fields(slug):
    item = CONDITIONS[slug]
    return {
        "@id": url("conditions", slug),
        "@type": "MedicalCondition",
        "identifier": slug,
        "name": item["name"],
        "hc:abbreviation": item["abbreviation"] or None,
        "alternateName": item["other_names"],
        "description": item["summary"],
        "hc:painLocation": item["pain_locations"],
        "hc:painCharacter": item["pain_character"],
        "hc:aggravatingFactor": item["aggravating_factors"],
        "hc:associatedSign": item["associated_signs"],
    }


CODING_SYSTEMS = {"icd10cm": "ICD-10-CM"}


def condition_summary(slug):
    codes = [
        {
            "@type": "MedicalCode",
            "codeValue": code["code"],
            "codingSystem": CODING_SYSTEMS[code["system"]],
            "name": code["display"],
            "hc:codeSetRelease": code["release"] or None,
            "hc:codeKind": code["kind"] or None,
            "hc:codeMatch": code["match"] or None,
            "hc:claim": claim(code["claim"]),
        }
        for code in CODES.get(slug, [])
    ]
    return {**condition_fields(slug), "code": codes}


def condition_detail(slug, v1_links):
    """A seed condition's v2 detail, from the links v1's tests expect (tests/api/v1/expected.py)."""
    return {
        "@context": CONTEXT,
        **condition_summary(slug),
        "pathophysiology": refs(v1_links["mechanisms"]),
        "associatedAnatomy": refs(v1_links["anatomy"]),
        "possibleTreatment": refs(v1_links["treatments"]),
        "signOrSymptom": refs(v1_links["red_flags"]),
        "differentialDiagnosis": [
            {"@type": "DDxElement", "diagnosis": ref(d)} for d in v1_links["differentials"]
        ],
        "subjectOf": refs(v1_links["topics"], extra=("role",)),
        "hc:linkClaim": [link_claim(item) for item in v1_links["link_claims"]],
        "hc:conditionRelation": [relation(item) for item in v1_links["relations"]],
        **review(condition_review(slug)),
    }


def topic_summary():
    return {
        "@id": url("topics", TOPIC_SUMMARY["slug"]),
        "@type": "MedicalWebPage",
        "identifier": TOPIC_SUMMARY["slug"],
        "name": TOPIC_SUMMARY["title"],
        "specialty": TOPIC_SUMMARY["category"],
        "description": TOPIC_SUMMARY["summary"],
    }


def page(items, *, at, next=None, previous=None):
    return {
        "@context": PAGE_CONTEXT,
        "@id": at,
        "@type": "ItemList",
        "next": next,
        "previous": previous,
        "itemListElement": items,
    }


def seed_v2_review():
    """seed_review() in v2: a function, as the seed's review date is the day its rows were loaded."""
    return review(seed_review())


assert seed_v2_review()["citation"] == [citation(SOURCE)]
