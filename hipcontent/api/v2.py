"""The routes of API v2: the same collections as v1, each item a schema.org JSON-LD node; lists by cursor.

Every route name is the same as in v1; the namespace ("v2") tells them apart, and views pick their serializer
and paginator by `request.version`.
"""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from conditions.api import views as conditions
from faq.api.views import FaqViewSet
from hipcontent.api import v2_feeds
from hipcontent.api.v2_search import SearchView
from hipcontent.api.vocab import VocabularyView

router = DefaultRouter()
router.register("topics", conditions.TopicViewSet, basename="topic")
router.register("conditions", conditions.ConditionViewSet, basename="condition")
router.register("mechanisms", conditions.MechanismViewSet, basename="mechanism")
router.register("anatomy", conditions.AnatomyViewSet, basename="anatomy")
router.register("red-flags", conditions.RedFlagViewSet, basename="red-flag")
router.register("treatments", conditions.TreatmentViewSet, basename="treatment")
router.register("faqs", FaqViewSet, basename="faq")

urlpatterns = [
    path("changes/", v2_feeds.ChangesView.as_view(), name="changes"),
    path("snapshot/", v2_feeds.SnapshotView.as_view(), name="snapshot"),
    path("search/", SearchView.as_view(), name="search"),
    path("vocab/", VocabularyView.as_view(), name="vocab"),
    path("schema/", SpectacularAPIView.as_view(api_version="v2"), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="v2:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="v2:schema"), name="redoc"),
    path("", include(router.urls)),
]
