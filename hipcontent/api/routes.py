"""Routes every API version has. Every route name is the same in every version; the namespace tells them
apart. A version's URLconf says what it publishes in each collection: its serializers and its paginator."""

from django.urls import include, path
from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from hipcontent.api import collections as views
from hipcontent.api.http.schema import SchemaView

# Prefix, route base name and viewset of each collection, in the order of the version's index.
COLLECTIONS = (
    ("topics", "topic", views.TopicViewSet),
    ("conditions", "condition", views.ConditionViewSet),
    ("mechanisms", "mechanism", views.MechanismViewSet),
    ("anatomy", "anatomy", views.AnatomyViewSet),
    ("red-flags", "red-flag", views.RedFlagViewSet),
    ("treatments", "treatment", views.TreatmentViewSet),
    ("faqs", "faq", views.FaqViewSet),
)


def collections(serializers, *, pagination, renderers=None, root_view=None, documents=None, lists=None):
    """The seven collections, each a list and a detail by slug, under the version's root.

    `serializers`: route base name → (list serializer, detail serializer) of this version; `renderers`: the
    media types it answers in (None: the default, JSON); `root_view`: its index view (None: DRF's);
    `documents`: route base name → a function that reads a detail's data faster than its serializer, the
    same document (ContentViewSet.document), for the collections that have one; `lists`: route base name →
    a function that reads a list page's results faster than its list serializer, the same data
    (ContentViewSet.summaries).
    """
    if missing := {basename for _, basename, _ in COLLECTIONS} - set(serializers):
        raise ValueError(f"No serializers for {sorted(missing)}")
    router = DefaultRouter()
    if root_view is not None:
        router.APIRootView = root_view
    media = {} if renderers is None else {"renderer_classes": renderers}
    for prefix, basename, viewset in COLLECTIONS:
        # A subclass per version: it keeps the viewset's name and docstring, which the schema shows.
        published = type(
            viewset.__name__,
            (viewset,),
            {
                "__module__": viewset.__module__,
                "__doc__": viewset.__doc__,
                "serializer_classes": serializers[basename],
                "pagination_class": pagination,
                "document": staticmethod((documents or {})[basename])
                if basename in (documents or {})
                else None,
                "summaries": staticmethod(lists[basename]) if basename in (lists or {}) else None,
                **media,
            },
        )
        router.register(prefix, published, basename=basename)
    return path("", include(router.urls))


def docs(version):
    """The version's own OpenAPI schema, Swagger UI and ReDoc."""
    return [
        # Built once per process, with an ETag (hipcontent/api/http/schema.py).
        path("schema/", SchemaView.as_view(api_version=version), name="schema"),
        path("docs/", SpectacularSwaggerView.as_view(url_name=f"{version}:schema"), name="docs"),
        path("redoc/", SpectacularRedocView.as_view(url_name=f"{version}:schema"), name="redoc"),
    ]
