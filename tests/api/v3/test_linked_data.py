"""Every document v3 and v4 serve is linked data a consumer can merge: expanded offline with PyLD, every
schema.org property is within schema.org's domain and range, every hc: property within the domain and range
its vocabulary declares; flattening the snapshot keeps each per-link fact (a condition's role in a topic, a
structure's label there, a position) on the node of its link, never on the shared item."""

from collections import Counter

import pytest

from tests.linked_data import SCHEMA, Vocabulary, expand, flatten
from tests.payloads import get_json

pytestmark = pytest.mark.usefixtures("seed")

# v4 is v3 with one other red-flag term (hc:assessedUrgency): every rule here holds for both.
VERSIONS = ("v3", "v4")
HC = "https://w3id.org/hipcontent/vocab#"
TOPIC = "hip-pain-buttock-discomfort"
COLLECTIONS = ("topics", "conditions", "mechanisms", "anatomy", "red-flags", "treatments", "faqs")
DETAILS = {
    "topics": TOPIC,
    "conditions": "hip-osteoarthritis",
    "mechanisms": "referred-pain",
    "anatomy": "gluteal-muscles",
    "red-flags": "persistent-pain",
    "treatments": "physical-therapy",
    "faqs": "when-to-seek-help-for-buttock-pain",
}


def every_document(api, base):
    """(name, document): the index, every list page shape, every detail, snapshot, changes, search."""
    yield "index", get_json(api, f"{base}/")
    for collection in COLLECTIONS:
        first = get_json(api, f"{base}/{collection}/?page_size=2")
        yield f"{collection} first page", first
        if first["next"]:
            yield f"{collection} next page", get_json(api, first["next"])
        filtered = f"{base}/{collection}/?ordering=-updated_at&page_size=3"
        yield f"{collection} filtered", get_json(api, filtered)
    for collection, slug in DETAILS.items():
        yield f"{collection} detail", get_json(api, f"{base}/{collection}/{slug}/")
    yield "snapshot", get_json(api, f"{base}/snapshot/")
    yield "changes", get_json(api, f"{base}/changes/?limit=5")
    yield "search", get_json(api, f"{base}/search/?q=hip&page_size=3")
    yield "search, one type", get_json(api, f"{base}/search/?q=pain&type=condition")


@pytest.fixture(params=VERSIONS)
def base(request):
    return f"http://testserver/api/{request.param}"


@pytest.fixture
def vocabulary(api, base):
    return Vocabulary(get_json(api, f"{base}/vocab/"))


def test_every_document_is_within_the_domains_and_ranges_of_its_vocabularies(api, base, vocabulary):
    misuses = {name: vocabulary.misuses(flatten(document)) for name, document in every_document(api, base)}

    assert {name: found for name, found in misuses.items() if found} == {}


def test_every_document_has_its_context_id_and_type(api, base):
    for name, document in every_document(api, base):
        assert {"@context", "@id", "@type"} <= set(document), name
        [node] = expand(document)
        assert node["@id"] == document["@id"], name


def test_the_vocabulary_expands_and_gives_every_term_a_domain_and_range_or_a_superclass(api, base):
    [ontology] = expand(get_json(api, f"{base}/vocab/"))
    rdfs = "http://www.w3.org/2000/01/rdf-schema#"

    assert ontology["@id"] == HC.removesuffix("#")
    for term in ontology["@graph"]:
        assert term["@id"].startswith(HC), term
        if rdfs + "Class" in term["@type"]:
            assert term[rdfs + "subClassOf"], term
        else:
            assert len(term[rdfs + "domain"]) == len(term[rdfs + "range"]) == 1, term


def test_the_checker_finds_what_v2_got_wrong(api, vocabulary):
    # The control: the same checks on v2's condition find the misuses v3 fixed (v2 keeps them: its released
    # contract does not let it change, and it is deprecated).
    v2 = get_json(api, "/api/v2/conditions/hip-osteoarthritis/")
    v2["@context"] = [v2["@context"][0], {"hc": HC}]

    found = vocabulary.misuses(flatten(v2))

    assert ("MedicalCondition", "dateModified", "outside its domain") in found
    assert ("MedicalCondition", "citation", "outside its domain") in found  # (the seed has no review yet)
    assert ("MedicalCondition", "pathophysiology", "a node where its range wants text") in found
    assert ("CreativeWork", "publisher", "text where its range wants a node") in found
    assert ("MedicalWebPage", "role", "unknown property") in found  # v2's hc:role, on the shared topic


def nodes_of(graph, kind):
    return [node for node in graph.values() if SCHEMA + kind in map(https_type, node.get("@type", []))]


def https_type(iri):
    return iri.replace("http://schema.org/", SCHEMA)


def values(node, prop):
    return node.get(prop, [])


def test_flattening_the_snapshot_keeps_every_per_link_fact_on_its_link(api, base):
    graph = flatten(get_json(api, f"{base}/snapshot/"))
    role, name, position = HC + "conditionRole", "http://schema.org/name", "http://schema.org/position"

    # A role is said of a ListItem of a topic, or of a condition's hc:TopicRole: once, never of an item.
    with_role = [node for node in graph.values() if role in node]
    assert with_role
    for node in with_role:
        kinds = set(map(https_type, node["@type"]))
        assert kinds in ({SCHEMA + "ListItem"}, {HC + "TopicRole"}), node
        assert len(node[role]) == 1, node
    # The topic is discussed by many conditions in both roles, yet has no role itself; and every
    # condition's roles name one topic each.
    [topic] = [node for node in nodes_of(graph, "MedicalWebPage") if node["@id"] == f"{base}/topics/{TOPIC}/"]
    assert role not in topic
    for condition in nodes_of(graph, "MedicalCondition"):
        assert role not in condition
    # A label is the ListItem's name: every structure keeps its one name.
    for structure in nodes_of(graph, "AnatomicalStructure"):
        assert len(values(structure, name)) == 1, structure
    # Every ListItem has one position and one item; positions count 1, 2, … in each list's order.
    for item in nodes_of(graph, "ListItem"):
        assert len(item[position]) == 1 and len(item["http://schema.org/item"]) == 1, item
    for node in nodes_of(graph, "ItemList"):
        for listed in values(node, "http://schema.org/itemListElement"):
            members = [graph.get(member.get("@id"), member) for member in listed["@list"]]
            positions = [m[position][0]["@value"] for m in members if position in m]
            assert positions == list(range(1, len(positions) + 1)), node["@id"]


def test_the_topic_keeps_its_order_and_roles_in_a_flattened_graph(api, base):
    graph = flatten(get_json(api, f"{base}/topics/{TOPIC}/"))
    page = get_json(api, f"{base}/topics/{TOPIC}/")

    def listed(section):
        items = page[section]["mainEntity"]["itemListElement"]
        return [(item["position"], item["item"]["@id"], item["hc:conditionRole"]) for item in items]

    causes = listed("hc:conditionSection")
    differentials = listed("hc:differentialSection")
    assert [role for *_, role in causes] == ["cause"] * len(causes)
    assert [role for *_, role in differentials] == ["differential"] * len(differentials)
    # The same facts, read from the flattened graph: each ListItem's position, item and role.
    role = HC + "conditionRole"
    from_graph = sorted(
        (
            node["http://schema.org/position"][0]["@value"],
            node["http://schema.org/item"][0]["@id"],
            node[role][0]["@value"],
        )
        for node in graph.values()
        if role in node
    )
    assert from_graph == sorted(causes + differentials)
    assert Counter(r for *_, r in from_graph) == {"cause": len(causes), "differential": len(differentials)}
