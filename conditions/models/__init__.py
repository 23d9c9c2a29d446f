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
    TreatmentAnatomy,
)
from conditions.models.review import ReviewEvent
from conditions.models.search import SearchTerm
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
    "CONTENT_APPS",
    "EDITORIAL_RECORDS",
    "INTEGRATION_ROWS",
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
    "SearchTerm",
    "Source",
    "Status",
    "Topic",
    "TopicAnatomy",
    "TopicCondition",
    "TopicMechanism",
    "TopicRedFlag",
    "TopicTreatment",
    "Treatment",
    "TreatmentAnatomy",
    "WebhookDelivery",
    "WebhookSubscription",
]

# Which rows of the content apps are content. Kept here, by the models, for whoever must tell them apart
# (the database router, the tests); nothing here knows who they are.

CONTENT_APPS = ("conditions", "faq")
"""The apps that hold the content: published items, their working copies and history, their through tables,
the editorial records and the integration rows below. The seed writes only to these apps."""

EDITORIAL_RECORDS = ("conditions.ChangeEvent", "conditions.ReviewEvent")
"""Records of what was done to the content (the change log, the review trail), not content: writing one
changes no item's representation (a ChangeEvent moves the content revision itself). They are read as content
is, from the replica a request reads: the revision and the changes feed must match the items it serves."""

INTEGRATION_ROWS = ("conditions.AppKey", "conditions.WebhookSubscription", "conditions.WebhookDelivery")
"""Rows about the apps that use the API (their keys, their webhooks), not content: read on the primary only,
so a revoked key stops working at once, not when a replica catches up."""
