from conditions import models
from conditions.api import v1, v2
from hipcontent.api import filters
from hipcontent.api.views import ContentViewSet


class TopicViewSet(ContentViewSet):
    """Articles. The detail is the whole structured article, linked items embedded in their order."""

    model = models.Topic
    serializers = {"v1": (v1.TopicSummary, v1.Topic), "v2": (v2.MedicalWebPageSummary, v2.MedicalWebPage)}
    filterset_class = filters.TopicFilter
    ordering_aliases = {"name": "title"}


class ConditionViewSet(ContentViewSet):
    """Conditions: hip conditions that cause buttock pain, and other causes to tell apart."""

    model = models.Condition
    serializers = {
        "v1": (v1.ConditionSummary, v1.Condition),
        "v2": (v2.MedicalConditionSummary, v2.MedicalCondition),
    }
    filterset_class = filters.ConditionFilter


class MechanismViewSet(ContentViewSet):
    """How a problem in one structure produces pain in another."""

    model = models.Mechanism
    serializers = {
        "v1": (v1.MechanismSummary, v1.Mechanism),
        "v2": (v2.MechanismMedicalEntitySummary, v2.MechanismMedicalEntity),
    }
    filterset_class = filters.MechanismFilter


class AnatomyViewSet(ContentViewSet):
    """Anatomical structures, with their parent and parts."""

    model = models.AnatomicalStructure
    serializers = {
        "v1": (v1.AnatomySummary, v1.Anatomy),
        "v2": (v2.AnatomicalStructureSummary, v2.AnatomicalStructure),
    }
    filterset_class = filters.AnatomyFilter


class RedFlagViewSet(ContentViewSet):
    """Signs that mean a person should seek professional guidance, with how urgently and from whom."""

    model = models.RedFlag
    serializers = {
        "v1": (v1.RedFlagSummary, v1.RedFlag),
        "v2": (v2.MedicalSignOrSymptomSummary, v2.MedicalSignOrSymptom),
    }
    filterset_class = filters.RedFlagFilter
    ordering_aliases = {"name": "sign"}


class TreatmentViewSet(ContentViewSet):
    """Treatments, with their category, their place in the order of care and their parts."""

    model = models.Treatment
    serializers = {
        "v1": (v1.TreatmentSummary, v1.Treatment),
        "v2": (v2.MedicalTherapySummary, v2.MedicalTherapy),
    }
    filterset_class = filters.TreatmentFilter
