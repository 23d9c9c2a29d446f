"""What API v3 publishes: the same collections as v1, each item a schema.org JSON-LD node; lists by cursor;
the changes feed, the snapshot and search as JSON-LD; the vocabulary of its `hc:` terms; its own docs."""

from django.urls import path

from hipcontent.api import routes
from hipcontent.api.http.renderers import JSON_LD_RENDERERS
from hipcontent.api.v3 import feeds, serializers
from hipcontent.api.v3.cursor import CursorPagination
from hipcontent.api.v3.index import IndexView
from hipcontent.api.v3.search import SearchView
from hipcontent.api.v3.vocab import VocabularyView

SERIALIZERS = {
    "topic": (serializers.MedicalWebPageSummary, serializers.MedicalWebPage),
    "condition": (serializers.MedicalConditionSummary, serializers.MedicalCondition),
    "mechanism": (serializers.MechanismMedicalEntitySummary, serializers.MechanismMedicalEntity),
    "anatomy": (serializers.AnatomicalStructureSummary, serializers.AnatomicalStructure),
    "red-flag": (serializers.MedicalSignOrSymptomSummary, serializers.MedicalSignOrSymptom),
    "treatment": (serializers.MedicalTherapySummary, serializers.MedicalTherapy),
    "faq": (serializers.QuestionSummary, serializers.Question),
}

urlpatterns = [
    path("changes/", feeds.ChangesView.as_view(), name="changes"),
    path("snapshot/", feeds.SnapshotView.as_view(), name="snapshot"),
    path("search/", SearchView.as_view(), name="search"),
    path("vocab/", VocabularyView.as_view(), name="vocab"),
    *routes.docs("v3"),
    routes.collections(
        SERIALIZERS, pagination=CursorPagination, renderers=JSON_LD_RENDERERS, root_view=IndexView
    ),
]
