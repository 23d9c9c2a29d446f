"""What API v1 publishes: each collection's summary and detail. v1 is frozen: add optional fields only."""

from rest_framework import serializers

from conditions import models
from faq.models import Question
from hipcontent.api.links import DetailUrlField, Link
from hipcontent.api.v1 import governance
from hipcontent.api.v1.governance import Reviewed


class FaqSummary(serializers.ModelSerializer):
    url = DetailUrlField()

    class Meta:
        model = Question
        fields = ("slug", "url", "question", "answer", "updated_at")


class Faq(Reviewed, FaqSummary):
    topic = Link(source="public_topic", allow_null=True, read_only=True)
    conditions = Link(source="public_conditions", many=True, read_only=True)

    class Meta(FaqSummary.Meta):
        fields = (*FaqSummary.Meta.fields, "topic", "conditions", "created_at", *governance.FIELDS)


def linked(name):
    """The published items an item links to, as its QuerySet's for_detail() prefetched them."""
    return Link(source=f"public_{name}", many=True, read_only=True)


class ProfessionalSerializer(serializers.ModelSerializer):
    class Meta:
        model = models.Professional
        fields = ("slug", "name")


class AnatomySummary(serializers.ModelSerializer):
    url = DetailUrlField()
    parent = Link(source="public_parent", allow_null=True, read_only=True)

    class Meta:
        model = models.AnatomicalStructure
        fields = ("slug", "url", "name", "description", "function", "parent", "updated_at")


class Anatomy(Reviewed, AnatomySummary):
    parts = linked("parts")
    conditions = linked("conditions")

    class Meta(AnatomySummary.Meta):
        fields = (*AnatomySummary.Meta.fields, "parts", "conditions", "created_at", *governance.FIELDS)


class MechanismSummary(serializers.ModelSerializer):
    url = DetailUrlField()

    class Meta:
        model = models.Mechanism
        fields = ("slug", "url", "name", "description", "updated_at")


class Mechanism(Reviewed, MechanismSummary):
    conditions = linked("conditions")

    class Meta(MechanismSummary.Meta):
        fields = (*MechanismSummary.Meta.fields, "conditions", "created_at", *governance.FIELDS)


class TreatmentSummary(serializers.ModelSerializer):
    url = DetailUrlField()
    parent = Link(source="public_parent", allow_null=True, read_only=True)

    class Meta:
        model = models.Treatment
        fields = ("slug", "url", "name", "category", "description", "order_of_care", "parent", "updated_at")


class Treatment(Reviewed, TreatmentSummary):
    parts = linked("parts")
    conditions = linked("conditions")

    class Meta(TreatmentSummary.Meta):
        fields = (*TreatmentSummary.Meta.fields, "parts", "conditions", "created_at", *governance.FIELDS)


class RedFlagSummary(serializers.ModelSerializer):
    url = DetailUrlField()
    professionals = ProfessionalSerializer(many=True, read_only=True)

    class Meta:
        model = models.RedFlag
        fields = ("slug", "url", "sign", "urgency", "action", "professionals", "updated_at")


class RedFlag(Reviewed, RedFlagSummary):
    conditions = linked("conditions")

    class Meta(RedFlagSummary.Meta):
        fields = (*RedFlagSummary.Meta.fields, "conditions", "created_at", *governance.FIELDS)


class StringList(serializers.ListField):
    child = serializers.CharField()


class CodeSerializer(serializers.ModelSerializer):
    class Meta:
        model = models.ConditionCode
        fields = ("system", "code", "display")


class ConditionFields(serializers.ModelSerializer):
    """A condition's own fields, as embedded in a topic."""

    url = DetailUrlField()
    other_names = StringList(read_only=True)
    pain_locations = StringList(read_only=True)
    pain_character = StringList(read_only=True)
    aggravating_factors = StringList(read_only=True)
    associated_signs = StringList(read_only=True)

    class Meta:
        model = models.Condition
        fields = (
            "slug",
            "url",
            "name",
            "abbreviation",
            "other_names",
            "summary",
            "pain_locations",
            "pain_character",
            "aggravating_factors",
            "associated_signs",
            "updated_at",
        )


class ConditionSummary(ConditionFields):
    codes = CodeSerializer(many=True, read_only=True)

    class Meta(ConditionFields.Meta):
        fields = (*ConditionFields.Meta.fields, "codes")


class ConditionTopicLink(Link):
    role = serializers.ChoiceField(choices=models.TopicCondition.Role.choices, read_only=True)

    def to_representation(self, link):
        # Reads the topic's slug, name and URL, and the role from the link between them.
        return {**super().to_representation(link.topic), "role": link.role}


class Condition(Reviewed, ConditionSummary):
    mechanisms = linked("mechanisms")
    anatomy = linked("anatomy")
    treatments = linked("treatments")
    red_flags = linked("red_flags")
    differentials = linked("differentials")
    topics = ConditionTopicLink(source="public_topic_links", many=True, read_only=True)

    class Meta(ConditionSummary.Meta):
        fields = (
            *ConditionSummary.Meta.fields,
            "mechanisms",
            "anatomy",
            "treatments",
            "red_flags",
            "differentials",
            "topics",
            "created_at",
            *governance.FIELDS,
        )


class TopicAnatomyItem(AnatomySummary):
    label = serializers.CharField(
        source="topic_label", allow_null=True, read_only=True, help_text="Heading to show in this topic."
    )

    class Meta(AnatomySummary.Meta):
        fields = (*AnatomySummary.Meta.fields, "label")

    def to_representation(self, link):
        link.structure.topic_label = link.label or None
        return super().to_representation(link.structure)


class TopicConditionItem(ConditionFields):
    role = serializers.ChoiceField(
        source="topic_role", choices=models.TopicCondition.Role.choices, read_only=True
    )

    class Meta(ConditionFields.Meta):
        fields = (*ConditionFields.Meta.fields, "role")

    def to_representation(self, link):
        link.condition.topic_role = link.role
        return super().to_representation(link.condition)


def section(name, *, heading, intro=None, items, source):
    """A titled part of the article: its heading, its intro (where it has one) and its ordered items."""
    fields = {"heading": serializers.CharField(source=heading, read_only=True)}
    if intro:
        fields["intro"] = serializers.CharField(source=intro, read_only=True)
    many = {"many": True} if issubclass(items, serializers.BaseSerializer) else {}
    fields["items"] = items(source=source, read_only=True, **many)
    return type(name, (serializers.Serializer,), fields)(source="*", read_only=True)


class ShortAnswer(serializers.Serializer):
    question = serializers.CharField(read_only=True)
    answer = serializers.CharField(source="short_answer", read_only=True)


class TopicSummary(serializers.ModelSerializer):
    url = DetailUrlField()

    class Meta:
        model = models.Topic
        fields = ("slug", "url", "title", "category", "summary", "updated_at")


class Topic(Reviewed, TopicSummary):
    short_answer = ShortAnswer(source="*", read_only=True)
    anatomy = section(
        "AnatomySection",
        heading="overview_heading",
        intro="overview",
        items=TopicAnatomyItem,
        source="public_anatomy_links",
    )
    mechanisms = section(
        "MechanismSection",
        heading="mechanisms_heading",
        intro="mechanisms_intro",
        items=MechanismSummary,
        source="public_mechanisms",
    )
    conditions = section(
        "ConditionSection",
        heading="conditions_heading",
        intro="conditions_intro",
        items=TopicConditionItem,
        source="public_cause_links",
    )
    differentials = section(
        "DifferentialSection",
        heading="differentials_heading",
        intro="differentials_intro",
        items=TopicConditionItem,
        source="public_differential_links",
    )
    red_flags = section(
        "RedFlagSection",
        heading="red_flags_heading",
        intro="red_flags_intro",
        items=RedFlagSummary,
        source="public_red_flags",
    )
    treatments = section(
        "TreatmentSection",
        heading="treatments_heading",
        intro="treatments_intro",
        items=TreatmentSummary,
        source="public_treatments",
    )
    key_takeaways = section(
        "KeyTakeawaySection", heading="key_takeaways_heading", items=StringList, source="key_takeaway_texts"
    )
    faqs = section("FaqSection", heading="faqs_heading", items=FaqSummary, source="public_questions")

    class Meta(TopicSummary.Meta):
        fields = (
            *TopicSummary.Meta.fields,
            "short_answer",
            "anatomy",
            "mechanisms",
            "conditions",
            "differentials",
            "caution",
            "red_flags",
            "treatments",
            "conclusion",
            "key_takeaways",
            "faqs",
            "created_at",
            *governance.FIELDS,
        )
