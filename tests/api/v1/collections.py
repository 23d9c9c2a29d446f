"""The seven v1 collections, for the tests that check one behaviour on every one of them."""

from conditions import models
from conditions.models import Status
from faq.models import Question
from tests import factories

COLLECTIONS = ["topics", "conditions", "mechanisms", "anatomy", "red-flags", "treatments", "faqs"]

# How a 404 for a slug no published item has names an item of each collection.
NOUNS = {
    "topics": "topic",
    "conditions": "condition",
    "mechanisms": "mechanism",
    "anatomy": "anatomical structure",
    "red-flags": "red flag",
    "treatments": "treatment",
    "faqs": "FAQ",
}

# The factory of each collection's items: a published live row and its working row.
FACTORIES = {
    "topics": factories.TopicFactory,
    "conditions": factories.ConditionFactory,
    "mechanisms": factories.MechanismFactory,
    "anatomy": factories.AnatomicalStructureFactory,
    "red-flags": factories.RedFlagFactory,
    "treatments": factories.TreatmentFactory,
    "faqs": factories.QuestionFactory,
}

# What a live row (the row the API reads) can be when it is hidden: a placeholder for an item never
# approved, or a withdrawn item. Only working rows go through review.
UNPUBLISHED = [Status.DRAFT, Status.UNPUBLISHED]

# The model of each collection's items.
MODELS = {
    "topics": models.Topic,
    "conditions": models.Condition,
    "mechanisms": models.Mechanism,
    "anatomy": models.AnatomicalStructure,
    "red-flags": models.RedFlag,
    "treatments": models.Treatment,
    "faqs": Question,
}
