"""/api/v4/vocab/: the hc: terms v4 uses (hipcontent/api/v4/terms.py), as v3 serves its own: JSON-LD or Turtle
(`Accept: text/turtle`), each term with its rdfs:domain and rdfs:range."""

from hipcontent.api.v3 import vocab as v3
from hipcontent.api.v3.jsonld import SCHEMA_ORG
from hipcontent.api.v4.terms import INDEX_TERMS, TERMS

COMMENT = (
    "The terms API v4 uses where schema.org has no property for the meaning. Every other property "
    f"and type in API v4 is schema.org's ({SCHEMA_ORG})."
)
assert {term.removeprefix("hc:") for term in INDEX_TERMS.values()} <= set(TERMS)


class VocabularyView(v3.VocabularyView):
    """The hc: terms API v4 adds to schema.org: each one's meaning, domain and range (JSON-LD or Turtle)."""

    terms, comment = TERMS, COMMENT

    @v3.documented("v4")
    def get(self, request):
        return super().get(request)
