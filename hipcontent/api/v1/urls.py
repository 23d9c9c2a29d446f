"""What API v1 publishes: each collection's serializers, page-number lists, the changes feed, the snapshot,
search and the version's own docs. v1 is frozen (README: contract rules)."""

from django.urls import path

from hipcontent.api import routes
from hipcontent.api.http.pagination import PageNumberPagination
from hipcontent.api.v1 import condition_document, details, documents, feeds, lists, serializers
from hipcontent.api.v1.search import SearchView

SERIALIZERS = {
    "topic": (serializers.TopicSummary, serializers.Topic),
    "condition": (serializers.ConditionSummary, serializers.Condition),
    "mechanism": (serializers.MechanismSummary, serializers.Mechanism),
    "anatomy": (serializers.AnatomySummary, serializers.Anatomy),
    "red-flag": (serializers.RedFlagSummary, serializers.RedFlag),
    "treatment": (serializers.TreatmentSummary, serializers.Treatment),
    "faq": (serializers.FaqSummary, serializers.Faq),
}

# Every detail read as plain data (documents.py, condition_document.py, details.py): the same bytes as its
# serializer, faster (issue 15).
DOCUMENTS = {
    "topic": documents.topic_document,
    "condition": condition_document.condition_document,
    "mechanism": details.mechanism_document,
    "anatomy": details.anatomy_document,
    "red-flag": details.red_flag_document,
    "treatment": details.treatment_document,
    "faq": details.faq_document,
}
# The list pages read as plain data (lists.py): the same bytes as their list serializers, faster (issue 15).
LISTS = {"condition": lists.condition_summaries}

urlpatterns = [
    path("changes/", feeds.ChangesView.as_view(), name="changes"),
    path("snapshot/", feeds.SnapshotView.as_view(), name="snapshot"),
    path("search/", SearchView.as_view(), name="search"),
    *routes.docs("v1"),
    routes.collections(SERIALIZERS, pagination=PageNumberPagination, documents=DOCUMENTS, lists=LISTS),
]
