"""The routes of API v1. Every route name is the same in every version; the namespace tells them apart."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from conditions.api import views as conditions
from faq.api.views import FaqViewSet
from hipcontent.api import feeds
from hipcontent.api.search import SearchView

router = DefaultRouter()
router.register("topics", conditions.TopicViewSet, basename="topic")
router.register("conditions", conditions.ConditionViewSet, basename="condition")
router.register("mechanisms", conditions.MechanismViewSet, basename="mechanism")
router.register("anatomy", conditions.AnatomyViewSet, basename="anatomy")
router.register("red-flags", conditions.RedFlagViewSet, basename="red-flag")
router.register("treatments", conditions.TreatmentViewSet, basename="treatment")
router.register("faqs", FaqViewSet, basename="faq")

urlpatterns = [
    path("changes/", feeds.ChangesView.as_view(), name="changes"),
    path("snapshot/", feeds.SnapshotView.as_view(), name="snapshot"),
    path("search/", SearchView.as_view(), name="search"),
    path("schema/", SpectacularAPIView.as_view(api_version="v1"), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="v1:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="v1:schema"), name="redoc"),
    path("", include(router.urls)),
]
