"""Routes every API version has. Every route name is the same in every version; the namespace tells them
apart, and views pick their serializers and paginator by `request.version`."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from conditions.api import views as conditions
from faq.api.views import FaqViewSet


def collections():
    """The seven collections, each a list and a detail by slug, under the version's root."""
    router = DefaultRouter()
    router.register("topics", conditions.TopicViewSet, basename="topic")
    router.register("conditions", conditions.ConditionViewSet, basename="condition")
    router.register("mechanisms", conditions.MechanismViewSet, basename="mechanism")
    router.register("anatomy", conditions.AnatomyViewSet, basename="anatomy")
    router.register("red-flags", conditions.RedFlagViewSet, basename="red-flag")
    router.register("treatments", conditions.TreatmentViewSet, basename="treatment")
    router.register("faqs", FaqViewSet, basename="faq")
    return path("", include(router.urls))


def docs(version):
    """The version's own OpenAPI schema, Swagger UI and ReDoc."""
    return [
        path("schema/", SpectacularAPIView.as_view(api_version=version), name="schema"),
        path("docs/", SpectacularSwaggerView.as_view(url_name=f"{version}:schema"), name="docs"),
        path("redoc/", SpectacularRedocView.as_view(url_name=f"{version}:schema"), name="redoc"),
    ]
