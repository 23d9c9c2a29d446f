"""What API v4 publishes: v3's items (hipcontent/api/v3/serializers.py), with one change: a red flag's
urgency is hc:assessedUrgency, the model's own value, `not_assessed` until a clinical reviewer sets one. v4
serves neither hc:urgency (`soon` while not assessed) nor hc:urgencyAssessed; hc:urgencyClaim is v3's (null
while not assessed). Only the red flag's serializers and the topic that embeds them in its red-flag section
are v4's own; every other class is v3's, so v4's schema names its components as v3's does.
"""

from rest_framework import serializers

from conditions import models
from hipcontent.api.v3 import serializers as v3
from hipcontent.api.v3.jsonld import ContextField
from hipcontent.api.v3.serializers import (  # noqa: F401  (the collections v4 serves as v3 does)
    AnatomicalStructure,
    AnatomicalStructureSummary,
    MechanismMedicalEntity,
    MechanismMedicalEntitySummary,
    MedicalCondition,
    MedicalConditionSummary,
    MedicalTherapy,
    MedicalTherapySummary,
    MedicalWebPageSummary,
    Question,
    QuestionSummary,
    item_page,
    linked_conditions,
    list_item,
    section,
)
from hipcontent.api.v4.terms import TERMS


def moved(fields, key, *, after):
    """`fields` with `key` right after `after`: a field a subclass declares anew keeps its parent's place
    (DRF would append it), so v4's documents and schema read in v3's order."""
    rest = [(name, field) for name, field in fields.items() if name != key]
    at = [name for name, _ in rest].index(after) + 1
    return dict([*rest[:at], (key, fields[key]), *rest[at:]])


# (Comments, not docstrings, on the serializers: the schema would show a docstring as the component's
# description, and v3's have none.)
# The model's urgency as it is: no `soon` for an urgency nobody assessed (v3's AssessedUrgencyField).
class MedicalSignOrSymptomSummary(v3.MedicalSignOrSymptomSummary):
    hc_urgency = None
    hc_urgencyAssessed = None
    hc_assessedUrgency = serializers.ChoiceField(
        source="urgency",
        choices=models.RedFlag.Urgency.choices,
        read_only=True,
        help_text=TERMS["assessedUrgency"].comment,
    )

    def get_fields(self):
        return moved(super().get_fields(), "hc:assessedUrgency", after="name")


class MedicalSignOrSymptom(MedicalSignOrSymptomSummary):
    ld_context = ContextField()
    hc_linkedCondition = linked_conditions()
    mainEntityOfPage = item_page()


class MedicalWebPage(v3.MedicalWebPage):
    hc_redFlagSection = section(
        "RedFlagWebPageElement",
        heading="red_flags_heading",
        intro="red_flags_intro",
        items=list_item("RedFlagListItem", MedicalSignOrSymptomSummary),
        source="public_red_flags",
    )

    def get_fields(self):
        return moved(super().get_fields(), "hc:redFlagSection", after="hc:caution")
