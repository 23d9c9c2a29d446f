"""v3 says where each link comes from, on a node of the link: a condition's links to items and its relations
to other conditions are schema.org Claims `about` the linked item (hc:linkClaim, hc:conditionRelation), and
a topic's ListItems carry the claim of the topic's link (hc:topicClaim). A JSON-LD consumer that expands a
document finds, for each link triple, the one claim about it; and the claims are v1's, link for link."""

import pytest

from tests.linked_data import expand, flatten
from tests.payloads import get_json

pytestmark = pytest.mark.usefixtures("seed")

API = "http://testserver/api/v3"
SCHEMA = "http://schema.org/"  # what schema.org's context expands its terms to
HC = "https://w3id.org/hipcontent/vocab#"
TOPIC = "hip-pain-buttock-discomfort"
ARTICLE = "Hip Pain: Its Connection to Buttock Discomfort, Causes, and Treatments"
CONDITIONS = (
    "deep-gluteal-syndrome",
    "femoroacetabular-impingement",
    "greater-trochanteric-pain-syndrome",
    "hip-osteoarthritis",
    "labral-tears",
    "piriformis-syndrome",
)
# v1's link lists, as the property of a v3 condition that holds them (as the compact IRI in hc:linkProperty,
# and as the expanded IRI a consumer reads).
PROPERTIES = {
    "mechanisms": ("hc:mechanism", HC + "mechanism"),
    "anatomy": ("schema:associatedAnatomy", SCHEMA + "associatedAnatomy"),
    "treatments": ("schema:possibleTreatment", SCHEMA + "possibleTreatment"),
    "red_flags": ("schema:signOrSymptom", SCHEMA + "signOrSymptom"),
}
# v1's topic sections, as v3 names them.
SECTIONS = {
    "anatomy": "hc:anatomySection",
    "mechanisms": "hc:mechanismSection",
    "conditions": "hc:conditionSection",
    "differentials": "hc:differentialSection",
    "red_flags": "hc:redFlagSection",
    "treatments": "hc:treatmentSection",
}


def ref(collection, slug, kind, name):
    return {"@id": f"{API}/{collection}/{slug}/", "@type": kind, "identifier": slug, "name": name}


def claim(basis, text, qualifier=None, citation=ARTICLE):
    return {
        "@type": "Claim",
        "hc:basis": basis,
        "text": text,
        "hc:qualifier": qualifier,
        "citation": citation,
    }


def from_v1(v1_claim):
    """A v1 claim {basis, quote, source_title, qualifier} as v3's Claim node; null stays null."""
    if v1_claim is None:
        return None
    return claim(
        v1_claim["basis"], v1_claim["quote"] or None, v1_claim["qualifier"] or None, v1_claim["source_title"]
    )


def test_piriformis_syndrome_says_where_each_link_and_relation_comes_from(api):
    condition = get_json(api, f"{API}/conditions/piriformis-syndrome/")

    assert condition["hc:linkClaim"] == [
        {
            **claim("editorial", "the piriformis muscle itself can become tight or spasm"),
            "hc:linkProperty": {"@id": "hc:mechanism"},
            "about": ref(
                "mechanisms", "muscle-overload-and-spasm", "MedicalEntity", "Muscle Overload and Spasm"
            ),
        },
        {
            **claim("source", "directly compressing the sciatic nerve"),
            "hc:linkProperty": {"@id": "hc:mechanism"},
            "about": ref(
                "mechanisms",
                "nerve-entrapment-or-irritation",
                "MedicalEntity",
                "Nerve Entrapment or Irritation",
            ),
        },
        {
            **claim("source", "the piriformis muscle itself", "the piriformis muscle"),
            "hc:linkProperty": {"@id": "schema:associatedAnatomy"},
            "about": ref(
                "anatomy", "deep-external-rotators", "AnatomicalStructure", "Deep External Rotators"
            ),
        },
        {
            **claim("source", "directly compressing the sciatic nerve"),
            "hc:linkProperty": {"@id": "schema:associatedAnatomy"},
            "about": ref("anatomy", "sciatic-nerve", "AnatomicalStructure", "Sciatic Nerve"),
        },
    ]
    ddx = claim("editorial", "A thorough differential diagnosis is essential:")
    assert condition["hc:conditionRelation"] == [
        {
            **claim(
                "source",
                "non-discogenic entrapment of the sciatic nerve or other nerves by various structures, "
                "including the piriformis muscle",
            ),
            "hc:relation": "is_a_form_of",
            "about": ref("conditions", "deep-gluteal-syndrome", "MedicalCondition", "Deep Gluteal Syndrome"),
        },
        {
            **ddx,
            "hc:relation": "tell_apart_from",
            "about": ref(
                "conditions",
                "femoroacetabular-impingement",
                "MedicalCondition",
                "Femoroacetabular Impingement",
            ),
        },
        {
            **ddx,
            "hc:relation": "tell_apart_from",
            "about": ref(
                "conditions",
                "greater-trochanteric-pain-syndrome",
                "MedicalCondition",
                "Greater Trochanteric Pain Syndrome",
            ),
        },
        {
            **ddx,
            "hc:relation": "tell_apart_from",
            "about": ref("conditions", "hip-osteoarthritis", "MedicalCondition", "Hip Osteoarthritis"),
        },
        {
            **ddx,
            "hc:relation": "tell_apart_from",
            "about": ref("conditions", "labral-tears", "MedicalCondition", "Labral Tears"),
        },
    ]


def test_deep_gluteal_syndrome_reads_the_relation_from_its_side(api):
    relations = get_json(api, f"{API}/conditions/deep-gluteal-syndrome/")["hc:conditionRelation"]

    [has_form] = [relation for relation in relations if relation["hc:relation"] == "has_form"]
    assert has_form["about"] == ref(
        "conditions", "piriformis-syndrome", "MedicalCondition", "Piriformis Syndrome"
    )


@pytest.mark.parametrize("slug", CONDITIONS)
def test_every_condition_serves_v1s_claims_link_for_link(api, slug):
    v1 = get_json(api, f"/api/v1/conditions/{slug}/")
    v3 = get_json(api, f"{API}/conditions/{slug}/")

    def v3_ref(v1_link, kind):
        collection = v1_link["url"].split("/api/v1/")[1].split("/")[0]
        return ref(collection, v1_link["slug"], kind, v1_link["name"])

    types = {
        "mechanisms": "MedicalEntity",
        "anatomy": "AnatomicalStructure",
        "treatments": "MedicalTherapy",
        "red_flags": "MedicalSignOrSymptom",
    }
    assert v3["hc:linkClaim"] == [
        {
            **from_v1(link),
            "hc:linkProperty": {"@id": PROPERTIES[link["field"]][0]},
            "about": v3_ref(link["item"], types[link["field"]]),
        }
        for link in v1["link_claims"]
    ]
    assert v3["hc:conditionRelation"] == [
        {
            **from_v1(relation),
            "hc:relation": relation["relation"],
            "about": v3_ref(relation["condition"], "MedicalCondition"),
        }
        for relation in v1["relations"]
    ]


@pytest.mark.parametrize("slug", CONDITIONS)
def test_a_json_ld_consumer_finds_the_one_claim_of_each_link(api, slug):
    [condition] = expand(get_json(api, f"{API}/conditions/{slug}/"))

    # Every link triple the condition states, read from the expanded document.
    triples = {(prop, target["@id"]) for _, prop in PROPERTIES.values() for target in condition.get(prop, [])}
    # Every claim, read the same way: the property it names (an IRI) and the item it is about.
    claims = [
        (node[HC + "linkProperty"][0]["@id"], node[SCHEMA + "about"][0]["@id"], node)
        for node in condition[HC + "linkClaim"]
    ]
    assert triples  # (every seed condition links something)
    assert sorted((prop, item) for prop, item, _ in claims) == sorted(triples)
    for *_, node in claims:
        assert node["@type"] == [SCHEMA + "Claim"]
        assert node[HC + "basis"][0]["@value"] in ("source", "editorial")


def test_each_topic_list_item_carries_the_claim_of_its_link(api):
    v1 = get_json(api, f"/api/v1/topics/{TOPIC}/")
    v3 = get_json(api, f"{API}/topics/{TOPIC}/")

    for v1_name, v3_name in SECTIONS.items():
        listed = v3[v3_name]["mainEntity"]["itemListElement"]
        assert [(item["item"]["identifier"], item["hc:topicClaim"]) for item in listed] == [
            (item["slug"], from_v1(item["topic_claim"])) for item in v1[v1_name]["items"]
        ], v3_name
    # The topic's FAQs are its own questions, not links with a claim.
    faqs = v3["hc:faqSection"]["mainEntity"]["itemListElement"]
    assert faqs and all("hc:topicClaim" not in item for item in faqs)


def test_the_first_mechanism_of_the_topic_is_named_by_the_article(api):
    topic = get_json(api, f"{API}/topics/{TOPIC}/")

    first = topic["hc:mechanismSection"]["mainEntity"]["itemListElement"][0]
    assert {key: first[key] for key in ("@type", "position", "hc:topicClaim")} == {
        "@type": "ListItem",
        "position": 1,
        "hc:topicClaim": claim("source", "Referred Pain"),
    }
    assert first["item"]["identifier"] == "referred-pain"
    assert "hc:topicClaim" not in first["item"]


def test_flattening_the_snapshot_keeps_every_claim_on_its_link(api):
    graph = flatten(get_json(api, f"{API}/snapshot/"))
    https = "https://schema.org/"

    def types(node):
        return {kind.replace(SCHEMA, https) for kind in node.get("@type", [])}

    topic_claims = [node for node in graph.values() if HC + "topicClaim" in node]
    link_claims = [node for node in graph.values() if HC + "linkClaim" in node]
    assert topic_claims and link_claims
    # A topic's claim is said of the ListItem of its link, once; never of the item a topic shares.
    for node in topic_claims:
        assert types(node) == {https + "ListItem"} and len(node[HC + "topicClaim"]) == 1, node
    for node in link_claims:
        assert types(node) == {https + "MedicalCondition"}, node
    # Every claim node is a Claim, and every link claim is about one item through one property.
    for node in graph.values():
        if HC + "linkProperty" in node:
            assert types(node) == {https + "Claim"}
            assert len(node[HC + "linkProperty"]) == len(node[SCHEMA + "about"]) == 1, node


def test_a_red_flag_says_where_its_action_and_professionals_come_from(api):
    red_flag = get_json(api, f"{API}/red-flags/leg-or-foot-weakness-numbness-tingling/")

    assert {key: red_flag[key] for key in ("hc:urgencyClaim", "hc:actionClaim", "hc:professionalClaim")} == {
        "hc:urgencyClaim": None,  # not assessed: no clinician has set an urgency
        "hc:actionClaim": claim("source", "it's advisable to consult a healthcare professional"),
        "hc:professionalClaim": claim(
            "source", "such as a physical therapist, orthopedic surgeon, or sports medicine physician"
        ),
    }


def test_injections_say_which_structure_they_go_into_and_where_that_comes_from(api):
    injections = get_json(api, f"{API}/treatments/injections/")
    hip_joint = ref("anatomy", "hip-joint", "AnatomicalStructure", "Hip Joint")

    # "into the hip joint, bursa, or around irritated nerves": only the hip joint is an item of the seed.
    assert injections["hc:targetAnatomy"] == [hip_joint]
    assert injections["hc:targetAnatomyClaim"] == [
        {**claim("source", "corticosteroid injections into the hip joint"), "about": hip_joint}
    ]
    [expanded] = expand(injections)
    [target] = expanded[HC + "targetAnatomy"]
    [node] = expanded[HC + "targetAnatomyClaim"]
    assert node[SCHEMA + "about"][0]["@id"] == target["@id"] == hip_joint["@id"]
    assert node["@type"] == [SCHEMA + "Claim"]
