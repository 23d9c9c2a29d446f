from conditions import models
from conditions.api import v1
from hipcontent.api import filters
from hipcontent.api.views import ContentViewSet


class TopicViewSet(ContentViewSet):
    """Articles. The detail is the whole structured article, linked items embedded in their order."""

    model = models.Topic
    list_serializer = v1.TopicSummary
    detail_serializer = v1.Topic
    filterset_class = filters.TopicFilter
    ordering_aliases = {"name": "title"}


class ConditionViewSet(ContentViewSet):
    """Conditions: hip conditions that cause buttock pain, and other causes to tell apart."""

    model = models.Condition
    list_serializer = v1.ConditionSummary
    detail_serializer = v1.Condition
    filterset_class = filters.ConditionFilter


class MechanismViewSet(ContentViewSet):
    """How a problem in one structure produces pain in another."""

    model = models.Mechanism
    list_serializer = v1.MechanismSummary
    detail_serializer = v1.Mechanism
    filterset_class = filters.MechanismFilter


class AnatomyViewSet(ContentViewSet):
    """Anatomical structures, with their parent and parts."""

    model = models.AnatomicalStructure
    list_serializer = v1.AnatomySummary
    detail_serializer = v1.Anatomy
    filterset_class = filters.AnatomyFilter


class RedFlagViewSet(ContentViewSet):
    """Signs that mean a person should seek professional guidance, with how urgently and from whom."""

    model = models.RedFlag
    list_serializer = v1.RedFlagSummary
    detail_serializer = v1.RedFlag
    filterset_class = filters.RedFlagFilter
    ordering_aliases = {"name": "sign"}


class TreatmentViewSet(ContentViewSet):
    """Treatments, with their category, their place in the order of care and their parts."""

    model = models.Treatment
    list_serializer = v1.TreatmentSummary
    detail_serializer = v1.Treatment
    filterset_class = filters.TreatmentFilter
