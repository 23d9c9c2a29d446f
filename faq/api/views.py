from faq.api import v1, v2
from faq.models import Question
from hipcontent.api import filters
from hipcontent.api.views import ContentViewSet


class FaqViewSet(ContentViewSet):
    """Frequently asked questions, each with its answer, its topic and the conditions it discusses."""

    model = Question
    serializers = {"v1": (v1.FaqSummary, v1.Faq), "v2": (v2.QuestionSummary, v2.Question)}
    filterset_class = filters.FaqFilter
    ordering_aliases = {"name": "question"}
