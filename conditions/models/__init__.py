from conditions.models.base import (
    Professional,
    Publishable,
    PublishableQuerySet,
    ReviewerProfile,
    Source,
    Status,
)
from conditions.models.changes import ChangeEvent, ConditionCode
from conditions.models.content import AnatomicalStructure, Condition, Mechanism, RedFlag, Treatment
from conditions.models.integrations import AppKey, WebhookDelivery, WebhookSubscription
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
    "ChangeEvent",
    "Condition",
    "ConditionCode",
    "KeyTakeaway",
    "Mechanism",
    "Professional",
    "Publishable",
    "PublishableQuerySet",
    "RedFlag",
    "ReviewEvent",
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
