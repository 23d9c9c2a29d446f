from conditions.models.base import (
    Professional,
    Publishable,
    PublishableQuerySet,
    ReviewerProfile,
    ReviewState,
    Source,
    Status,
)
from conditions.models.changes import ChangeEvent, ConditionCode
from conditions.models.claims import Basis, Claim, FieldClaim
from conditions.models.content import AnatomicalStructure, Condition, Mechanism, RedFlag, Treatment
from conditions.models.integrations import AppKey, WebhookDelivery, WebhookSubscription
from conditions.models.links import (
    ConditionAnatomy,
    ConditionLink,
    ConditionMechanism,
    ConditionRedFlag,
    ConditionRelation,
    ConditionTreatment,
)
from conditions.models.review import ReviewEvent
from conditions.models.topic import (
    KeyTakeaway,
    Topic,
    TopicAnatomy,
    TopicCondition,
    TopicMechanism,
    TopicRedFlag,
    TopicTreatment,
)

__all__ = [
    "AnatomicalStructure",
    "AppKey",
    "Basis",
    "ChangeEvent",
    "Claim",
    "Condition",
    "ConditionAnatomy",
    "ConditionCode",
    "ConditionLink",
    "ConditionMechanism",
    "ConditionRedFlag",
    "ConditionRelation",
    "ConditionTreatment",
    "FieldClaim",
    "KeyTakeaway",
    "Mechanism",
    "Professional",
    "Publishable",
    "PublishableQuerySet",
    "RedFlag",
    "ReviewEvent",
    "ReviewState",
    "ReviewerProfile",
    "Source",
    "Status",
    "Topic",
    "TopicAnatomy",
    "TopicCondition",
    "TopicMechanism",
    "TopicRedFlag",
    "TopicTreatment",
    "Treatment",
    "WebhookDelivery",
    "WebhookSubscription",
]
