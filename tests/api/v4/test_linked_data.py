"""v4's urgency as linked data: expanded with PyLD, a red flag carries hc:assessedUrgency (the IRI v4's
vocabulary declares) and neither hc:urgency nor hc:urgencyAssessed, in every document that holds a red flag.
The rules every v3 document keeps are proven for v4 too (tests/api/v3/test_linked_data.py)."""

import pytest

from tests.linked_data import expand, flatten
from tests.payloads import get_json
from tests.seed_content import RED_FLAGS, TOPIC_SLUG

pytestmark = pytest.mark.usefixtures("seed")

API = "http://testserver/api/v4"
HC = "https://w3id.org/hipcontent/vocab#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SIGN = "http://schema.org/MedicalSignOrSymptom"  # what schema.org's context expands the type to
V3_ONLY = (HC + "urgency", HC + "urgencyAssessed")


def red_flag_nodes(graph):
    return [node for node in graph.values() if SIGN in node.get("@type", [])]


def test_an_expanded_red_flag_has_its_assessed_urgency_and_no_v3_urgency(api):
    [node] = expand(get_json(api, f"{API}/red-flags/persistent-pain/"))

    assert node[HC + "assessedUrgency"] == [{"@value": "not_assessed"}]
    assert not set(V3_ONLY) & set(node)
    # The control: v3's red flag expands to the two terms v4 does without.
    [v3] = expand(get_json(api, "/api/v3/red-flags/persistent-pain/"))
    assert (v3[HC + "urgency"], v3[HC + "urgencyAssessed"]) == ([{"@value": "soon"}], [{"@value": False}])
    assert HC + "assessedUrgency" not in v3


@pytest.mark.parametrize(
    "path",
    ["red-flags/?page_size=100", f"topics/{TOPIC_SLUG}/", "snapshot/"],
    ids=["list", "topic", "snapshot"],
)
def test_every_red_flag_in_a_flattened_document_has_one_assessed_urgency(api, path):
    graph = flatten(get_json(api, f"{API}/{path}"))

    flags = red_flag_nodes(graph)
    assert {node["@id"] for node in flags} == {f"{API}/red-flags/{slug}/" for slug in RED_FLAGS}
    for node in flags:
        assert node[HC + "assessedUrgency"] == [{"@value": "not_assessed"}], node["@id"]
    assert [node["@id"] for node in graph.values() if set(V3_ONLY) & set(node)] == []


def test_the_vocabulary_declares_assessed_urgency_in_place_of_v3s_two_terms(api):
    [ontology] = expand(get_json(api, f"{API}/vocab/"))
    terms = {term["@id"]: term for term in ontology["@graph"]}

    term = terms[HC + "assessedUrgency"]
    assert term[RDFS + "domain"] == [{"@id": "https://schema.org/MedicalSignOrSymptom"}]
    assert term[RDFS + "range"] == [{"@id": "http://www.w3.org/2001/XMLSchema#string"}]
    comment = term[RDFS + "comment"][0]["@value"]
    for value in ("not_assessed", "emergency", "urgent", "soon", "routine"):
        assert f"`{value}`" in comment
    assert "no clinical reviewer has set an urgency yet" in comment
    assert not set(V3_ONLY) & set(terms)
    assert HC + "urgencyClaim" in terms


def test_a_term_v3_and_v4_both_use_means_the_same_in_both(api):
    v3 = {term["@id"]: term for term in get_json(api, "/api/v3/vocab/")["@graph"]}
    v4 = {term["@id"]: term for term in get_json(api, f"{API}/vocab/")["@graph"]}

    assert set(v3) - set(v4) == {"hc:urgency", "hc:urgencyAssessed"}
    assert set(v4) - set(v3) == {"hc:assessedUrgency"}
    assert {name: v4[name] for name in set(v3) & set(v4)} == {name: v3[name] for name in set(v3) & set(v4)}


def test_the_vocabulary_as_turtle_declares_assessed_urgency(api):
    response = api.get(f"{API}/vocab/", HTTP_ACCEPT="text/turtle")

    text = response.content.decode()
    assert (response.status_code, response["Content-Type"]) == (200, "text/turtle; charset=utf-8")
    term = text[text.index("hc:assessedUrgency a rdf:Property ;") :].split("\n\n")[0]
    assert "    rdfs:domain schema:MedicalSignOrSymptom ;" in term
    assert "    rdfs:range xsd:string ;" in term
    assert "hc:urgency a rdf:Property" not in text
