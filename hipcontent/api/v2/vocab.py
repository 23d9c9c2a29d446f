"""/api/v2/vocab/: the hc: vocabulary, as a JSON-LD document whose nodes are the terms v2 adds to schema.org.

Its URL is the `hc:` prefix's namespace (each term is this URL + "#name"), so a term's IRI resolves to its
definition here.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from hipcontent.api.http.conditional import ConditionalGetMixin
from hipcontent.api.http.schema import COMMON_RESPONSES
from hipcontent.api.http.throttling import RateLimitHeadersMixin
from hipcontent.api.v2.jsonld import PREFIX, SCHEMA_ORG, TERMS, vocabulary_url

VOCABULARY_CONTEXT = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "schema": f"{SCHEMA_ORG}/",
    "schema:domainIncludes": {"@type": "@id"},
}


def term(name, comment, domain):
    return {
        "@id": f"{PREFIX}:{name}",
        "@type": "rdf:Property",
        "rdfs:label": name,
        "rdfs:comment": comment,
        "schema:domainIncludes": [f"schema:{type_name}" for type_name in domain],
    }


def document(request):
    namespace = vocabulary_url(request)
    return {
        "@context": {**VOCABULARY_CONTEXT, PREFIX: namespace + "#"},
        "@id": namespace,
        "rdfs:comment": (
            "The terms API v2 uses where schema.org has no property for the meaning. Every other property "
            f"and type in API v2 is schema.org's ({SCHEMA_ORG})."
        ),
        "@graph": [term(name, comment, domain) for name, (comment, domain) in TERMS.items()],
    }


# The documented shape of document(): its keys are JSON-LD's and RDF Schema's, so they are given by name.
Term = type(
    "VocabularyTerm",
    (serializers.Serializer,),
    {
        "@id": serializers.CharField(help_text="The term's compact IRI, e.g. hc:urgency."),
        "@type": serializers.CharField(help_text="rdf:Property"),
        "rdfs:label": serializers.CharField(help_text="The term's name, as the JSON key after hc:."),
        "rdfs:comment": serializers.CharField(help_text="What it means and which values it takes."),
        "schema:domainIncludes": serializers.ListField(
            child=serializers.CharField(), help_text="The schema.org types whose nodes carry it."
        ),
    },
)
Vocabulary = type(
    "Vocabulary",
    (serializers.Serializer,),
    {
        "@context": serializers.DictField(help_text="The JSON-LD context of this document."),
        "@id": serializers.URLField(help_text="The vocabulary's IRI; hc: terms are this + #name."),
        "rdfs:comment": serializers.CharField(),
        "@graph": Term(many=True),
    },
)


class VocabularyView(RateLimitHeadersMixin, ConditionalGetMixin, APIView):
    """The hc: terms API v2 adds to schema.org: each one's meaning and the types that carry it."""

    @extend_schema(
        operation_id="vocab",
        summary="Get the hc: vocabulary v2 adds to schema.org",
        responses={200: Vocabulary, **COMMON_RESPONSES},
    )
    def get(self, request):
        if response := self.dispatch_conditional(request):
            return response
        return Response(document(request))
