from faq.api import v1
from faq.models import Question
from hipcontent.api import filters
from hipcontent.api.views import ContentViewSet


class FaqViewSet(ContentViewSet):
    """Frequently asked questions, each with its answer, its topic and the conditions it discusses."""

    model = Question
    list_serializer = v1.FaqSummary
    detail_serializer = v1.Faq
    filterset_class = filters.FaqFilter
    ordering_aliases = {"name": "question"}
