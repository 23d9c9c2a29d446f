"""/api/v3/: the version's index, a JSON-LD document like every other v3 document: a schema.org WebAPI
whose `topics`, `conditions`, … are the IRIs of its lists (hc: terms, in the document's own @context)."""

from rest_framework.routers import APIRootView

from hipcontent.api.http.renderers import JSON_LD_RENDERERS
from hipcontent.api.v3.jsonld import context
from hipcontent.api.v3.terms import INDEX_TERMS


class IndexView(APIRootView):
    renderer_classes = JSON_LD_RENDERERS

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        terms = {key: {"@id": term, "@type": "@id"} for key, term in INDEX_TERMS.items()}
        response.data = {
            "@context": context(request, **terms),
            "@id": request.build_absolute_uri(),
            "@type": "WebAPI",
            "name": "hipcontent API v3",
            "documentation": request.build_absolute_uri("docs/"),
            **response.data,
        }
        return response
