"""The hc: vocabulary: the terms the JSON-LD versions add where schema.org has none, as RDF.

One namespace for every version and every deployment (settings.HC_VOCABULARY_IRI, never the request's
host), so data merged from two deployments, or from two versions, means one thing by each term. A version
names the terms it uses (`Term`s) and publishes them at its `vocab/` as JSON-LD or Turtle, each with its
`rdfs:domain` and `rdfs:range`. A term's definition is the same wherever it appears: a version that needs a
term to mean something else mints another name.
"""

from dataclasses import dataclass

from django.conf import settings

SCHEMA_ORG = "https://schema.org/"
PREFIXES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "schema": SCHEMA_ORG,
}
PREFIX = "hc"


def namespace():
    """The IRI every hc: term starts with, e.g. https://w3id.org/hipcontent/vocab#."""
    return settings.HC_VOCABULARY_IRI


def vocabulary_iri():
    """The vocabulary itself: the namespace without its trailing #."""
    return namespace().removesuffix("#")


@dataclass(frozen=True)
class Term:
    """An hc: property (or, with `kind="rdfs:Class"`, a class).

    `domain`: the classes whose nodes carry it, as prefixed names ("schema:MedicalCondition", "hc:…"); its
    rdfs:domain is the one class, or schema:Thing when several carry it (several rdfs:domain values would
    mean every node carrying it is all of them). `range`: the class or datatype of its values.
    """

    comment: str
    domain: tuple = ()
    range: str = ""
    kind: str = "rdf:Property"
    subclass_of: str = ""

    def rdfs_domain(self):
        return self.domain[0] if len(self.domain) == 1 else "schema:Thing"


def _node(name, term):
    node = {"@id": f"{PREFIX}:{name}", "@type": term.kind, "rdfs:label": name, "rdfs:comment": term.comment}
    if term.kind == "rdfs:Class":
        node["rdfs:subClassOf"] = term.subclass_of
        return node
    node["rdfs:domain"] = term.rdfs_domain()
    node["rdfs:range"] = term.range
    node["schema:domainIncludes"] = list(term.domain)
    return node


def document(terms, *, comment):
    """The vocabulary `terms` ({name: Term}) as a JSON-LD document: an owl:Ontology and its terms."""
    coerce = {"@type": "@id"}
    return {
        "@context": {
            **PREFIXES,
            PREFIX: namespace(),
            "schema:domainIncludes": coerce,
            "rdfs:domain": coerce,
            "rdfs:range": coerce,
            "rdfs:subClassOf": coerce,
        },
        "@id": vocabulary_iri(),
        "@type": "owl:Ontology",
        "rdfs:comment": comment,
        "@graph": [_node(name, term) for name, term in terms.items()],
    }


def _literal(text):
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def turtle(terms, *, comment):
    """The same vocabulary as Turtle (text/turtle)."""
    lines = [f"@prefix {prefix}: <{iri}> ." for prefix, iri in {**PREFIXES, PREFIX: namespace()}.items()]
    lines += ["", f"<{vocabulary_iri()}> a owl:Ontology ;", f"    rdfs:comment {_literal(comment)} ."]
    for name, term in terms.items():
        node = _node(name, term)
        lines += ["", f"{PREFIX}:{name} a {term.kind} ;"]
        statements = [("rdfs:label", _literal(name)), ("rdfs:comment", _literal(term.comment))]
        for key in ("rdfs:subClassOf", "rdfs:domain", "rdfs:range"):
            if node.get(key):
                statements.append((key, node[key]))
        if node.get("schema:domainIncludes"):
            statements.append(("schema:domainIncludes", ", ".join(node["schema:domainIncludes"])))
        lines += [f"    {key} {value} ;" for key, value in statements]
        lines[-1] = lines[-1][:-2] + " ."
    return "\n".join(lines) + "\n"
