"""/api/v3/vocab/: the hc: terms v3 uses, as RDF: JSON-LD (an owl:Ontology whose nodes are the terms) or
Turtle (`Accept: text/turtle`), each term with its rdfs:domain and rdfs:range.

The terms' namespace is settings.HC_VOCABULARY_IRI (hipcontent/api/vocabulary.py), the same in every
deployment; this document is where a deployment describes it.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from hipcontent.api import vocabulary
from hipcontent.api.http.conditional import ConditionalGetMixin
from hipcontent.api.http.renderers import JSON_LD, JSON_LD_RENDERERS, TurtleRenderer
from hipcontent.api.http.schema import COMMON_RESPONSES
from hipcontent.api.http.throttling import RateLimitHeadersMixin
from hipcontent.api.v3.jsonld import SCHEMA_ORG
from hipcontent.api.v3.terms import INDEX_TERMS, TERMS

JSON = "application/json"
COMMENT = (
    "The terms API v3 uses where schema.org has no property for the meaning. Every other property "
    f"and type in API v3 is schema.org's ({SCHEMA_ORG})."
)
# The index's terms are documented with the rest: the index is a JSON-LD document too.
USED = {**TERMS}
assert {term.removeprefix("hc:") for term in INDEX_TERMS.values()} <= set(USED)


# The documented shape of vocabulary.document(): its keys are JSON-LD's and RDF Schema's, so they are given
# by name.
Term = type(
    "VocabularyTerm",
    (serializers.Serializer,),
    {
        "@id": serializers.CharField(help_text="The term's compact IRI, e.g. hc:urgency."),
        "@type": serializers.CharField(help_text="rdf:Property, or rdfs:Class for a link node's class."),
        "rdfs:label": serializers.CharField(help_text="The term's name, as the JSON key after hc:."),
        "rdfs:comment": serializers.CharField(help_text="What it means and which values it takes."),
        "rdfs:domain": serializers.CharField(
            required=False, help_text="The class of the nodes that carry it (schema:Thing when several do)."
        ),
        "rdfs:range": serializers.CharField(
            required=False, help_text="The class or XML Schema datatype of its values."
        ),
        "schema:domainIncludes": serializers.ListField(
            child=serializers.CharField(),
            required=False,
            help_text="The types whose nodes carry it (a property's).",
        ),
        "rdfs:subClassOf": serializers.CharField(
            required=False, help_text="The class it specializes (a class's, e.g. hc:TopicRole)."
        ),
    },
)
Vocabulary = type(
    "Vocabulary",
    (serializers.Serializer,),
    {
        "@context": serializers.DictField(help_text="The JSON-LD context of this document."),
        "@id": serializers.URLField(help_text="The vocabulary's IRI; hc: terms are this + #name."),
        "@type": serializers.CharField(help_text="owl:Ontology"),
        "rdfs:comment": serializers.CharField(),
        "@graph": Term(many=True),
    },
)


def documented(version):
    """The vocabulary operation as `version`'s schema documents it (v4's view is v3's with other terms)."""
    return extend_schema(
        operation_id="vocab",
        summary=f"Get the hc: vocabulary {version} adds to schema.org",
        # Media types are chosen by Accept (text/turtle); `?format=` works as on every path, undocumented.
        parameters=[OpenApiParameter("format", exclude=True)],
        responses={
            **{(200, media): Vocabulary for media in (JSON, JSON_LD)},
            (200, TurtleRenderer.media_type): OpenApiResponse(
                OpenApiTypes.STR, description="The same vocabulary as Turtle."
            ),
            **COMMON_RESPONSES,
        },
    )


class VocabularyView(RateLimitHeadersMixin, ConditionalGetMixin, APIView):
    """The hc: terms API v3 adds to schema.org: each one's meaning, domain and range (JSON-LD or Turtle)."""

    renderer_classes = (*JSON_LD_RENDERERS, TurtleRenderer)
    terms, comment = USED, COMMENT

    @documented("v3")
    def get(self, request):
        if response := self.dispatch_conditional(request):
            return response
        if request.accepted_renderer.format == TurtleRenderer.format:
            return Response(vocabulary.turtle(self.terms, comment=self.comment))
        return Response(vocabulary.document(self.terms, comment=self.comment))
