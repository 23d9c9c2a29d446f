"""What API v1 publishes: each collection's summary and detail. v1 is frozen: add optional fields only."""

from rest_framework import serializers

from conditions import models
from conditions.models.content import AssessedUrgency
from faq.models import Question
from hipcontent.api.links import DetailUrlField, Link
from hipcontent.api.v1 import governance
from hipcontent.api.v1.governance import Reviewed

# The urgencies v1 was released with. An urgency no clinician has assessed is served as `soon` (the value
# v1 apps have always had for the seed red flags), with `urgency_assessed` false, because a new value would
# break generated clients.
RELEASED_URGENCIES = AssessedUrgency.choices
RELATIONS = [*models.ConditionRelation.Kind.values, *models.ConditionRelation.INVERSE.values()]
RELATIONS = list(dict.fromkeys(RELATIONS))


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


class ClaimSerializer(serializers.Serializer):
    """Where a typed claim comes from: quoted from a cited source, or an editor's structuring."""

    basis = serializers.ChoiceField(
        choices=models.Basis.choices,
        read_only=True,
        help_text="`source`: the cited source states it, in `quote`. `editorial`: an editor structured the "
        "content so; a clinical reviewer confirms it (see the item's review_state).",
    )
    quote = serializers.CharField(
        read_only=True, help_text="The passage of the source it rests on, verbatim; empty if none."
    )
    source_title = serializers.CharField(
        source="source.title", read_only=True, allow_null=True, default=None, help_text="The cited source."
    )
    qualifier = serializers.CharField(
        read_only=True, help_text='When or how far it holds (e.g. "advanced"); empty if always.'
    )


class ReleasedUrgencyField(serializers.ChoiceField):
    def to_representation(self, value):
        return "soon" if value == models.RedFlag.Urgency.NOT_ASSESSED else value


def claim(source, help_text, **kwargs):
    return ClaimSerializer(
        source=source, read_only=True, required=False, allow_null=True, help_text=help_text, **kwargs
    )


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
    order_of_care = serializers.IntegerField(
        read_only=True,
        min_value=0,
        max_value=999,
        help_text="Its place in the order of care among its siblings (1 comes first). Siblings with the same "
        "number have no order among them.",
    )
    category_claim = claim(None, "Where its category comes from.")
    order_of_care_claim = claim(None, "Where its order of care comes from.")

    class Meta:
        model = models.Treatment
        fields = (
            "slug",
            "url",
            "name",
            "category",
            "description",
            "order_of_care",
            "parent",
            "updated_at",
            "category_claim",
            "order_of_care_claim",
        )


class TreatmentAnatomyClaim(ClaimSerializer):
    structure = Link(read_only=True, help_text="The structure it is given into or around.")


class Treatment(Reviewed, TreatmentSummary):
    parts = linked("parts")
    conditions = linked("conditions")
    anatomy = Link(
        source="public_anatomy",
        many=True,
        read_only=True,
        required=False,
        help_text="The structures it is given into or around (see `anatomy_claims`).",
    )
    anatomy_claims = TreatmentAnatomyClaim(
        source="public_anatomy_links",
        many=True,
        read_only=True,
        required=False,
        help_text="Where each structure in `anatomy` comes from, and when it holds.",
    )

    class Meta(TreatmentSummary.Meta):
        fields = (
            *TreatmentSummary.Meta.fields,
            "parts",
            "conditions",
            "created_at",
            *governance.FIELDS,
            "anatomy",
            "anatomy_claims",
        )


class RedFlagSummary(serializers.ModelSerializer):
    url = DetailUrlField()
    # Neither help text nor read_only: either wraps the released enum reference in allOf (a changed type).
    urgency = ReleasedUrgencyField(choices=RELEASED_URGENCIES)
    urgency_assessed = serializers.BooleanField(
        read_only=True,
        required=False,
        help_text="Whether a clinical reviewer has set `urgency`. When false, no one has: `urgency` then "
        "holds `soon` only because v1 promised one of its values. Do not show it; show that the urgency is "
        "not assessed.",
    )
    urgency_claim = claim(
        "assessed_urgency_claim", "Where the urgency comes from; null while it is not assessed."
    )
    applies_when = serializers.CharField(
        read_only=True,
        required=False,
        help_text="The situation the source names the sign in, in its words (e.g. persistent buttock pain); "
        "empty if none. Show it with the sign.",
    )
    professionals = ProfessionalSerializer(many=True, read_only=True)
    action_claim = claim(None, "Where `action` (what to do) comes from.")
    professionals_claim = claim(None, "Where `professionals` (whom to see) come from.")

    class Meta:
        model = models.RedFlag
        fields = (
            "slug",
            "url",
            "sign",
            "urgency",
            "action",
            "professionals",
            "updated_at",
            "urgency_assessed",
            "urgency_claim",
            "applies_when",
            "action_claim",
            "professionals_claim",
        )


class RedFlag(Reviewed, RedFlagSummary):
    conditions = linked("conditions")

    class Meta(RedFlagSummary.Meta):
        fields = (*RedFlagSummary.Meta.fields, "conditions", "created_at", *governance.FIELDS)


class StringList(serializers.ListField):
    child = serializers.CharField()


class CodeSerializer(serializers.ModelSerializer):
    release = serializers.CharField(
        read_only=True, required=False, help_text='The code set\'s release it was checked in, e.g. "FY2026".'
    )
    kind = serializers.ChoiceField(
        choices=models.ConditionCode.Kind.choices,
        read_only=True,
        required=False,
        allow_blank=True,
        help_text="`billable`, or `category`: a header whose more specific codes are the billable ones.",
    )
    match = serializers.ChoiceField(
        choices=models.ConditionCode.Match.choices,
        read_only=True,
        required=False,
        allow_blank=True,
        help_text="`exact`; `broader` (covers more than the condition); `component` (one of the conditions "
        "it encompasses).",
    )
    claim = claim("*", "Where the code comes from: codes are an editor's choice from the code set.")

    class Meta:
        model = models.ConditionCode
        fields = ("system", "code", "display", "release", "kind", "match", "claim")


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


class LinkClaim(ClaimSerializer):
    field = serializers.ChoiceField(
        choices=["mechanisms", "anatomy", "treatments", "red_flags"],
        read_only=True,
        help_text="The list of this condition the item is in.",
    )
    item = Link(read_only=True)

    def to_representation(self, pair):
        field, link = pair
        link.field = field
        return super().to_representation(link)


class RelationSerializer(ClaimSerializer):
    relation = serializers.ChoiceField(
        choices=RELATIONS,
        read_only=True,
        help_text="How this condition relates to `condition`, read from this one's side: `is_a_form_of` "
        "(and its inverse `has_form`), `can_lead_to` (`can_result_from`), `can_contribute_to` "
        "(`can_be_contributed_to_by`), `tell_apart_from`.",
    )
    condition = Link(source="other_condition", read_only=True, help_text="The other condition.")

    def to_representation(self, view):
        relation, other, link = view
        link.relation, link.other_condition = relation, other
        return super().to_representation(link)


class Condition(Reviewed, ConditionSummary):
    mechanisms = linked("mechanisms")
    anatomy = linked("anatomy")
    treatments = linked("treatments")
    red_flags = linked("red_flags")
    differentials = Link(
        source="public_differentials",
        many=True,
        read_only=True,
        help_text="The conditions it has a `tell_apart_from` relation with (see `relations`).",
    )
    topics = ConditionTopicLink(source="public_topic_links", many=True, read_only=True)
    link_claims = LinkClaim(
        source="public_link_claims",
        many=True,
        read_only=True,
        required=False,
        help_text="Where each link in mechanisms, anatomy, treatments and red_flags comes from, and when it "
        "holds (its qualifier).",
    )
    relations = RelationSerializer(
        source="public_relation_views",
        many=True,
        read_only=True,
        required=False,
        help_text="Its typed relations to other conditions, each with where it comes from.",
    )

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
            "link_claims",
            "relations",
        )


def topic_claim():
    return claim("topic_link", "Where the article names it (in this section, in this role).")


class TopicAnatomyItem(AnatomySummary):
    label = serializers.CharField(
        source="topic_label", allow_null=True, read_only=True, help_text="Heading to show in this topic."
    )
    topic_claim = topic_claim()

    class Meta(AnatomySummary.Meta):
        fields = (*AnatomySummary.Meta.fields, "label", "topic_claim")

    def to_representation(self, link):
        link.structure.topic_label = link.label or None
        return super().to_representation(link.linked_item)


class TopicConditionItem(ConditionFields):
    role = serializers.ChoiceField(
        source="topic_role", choices=models.TopicCondition.Role.choices, read_only=True
    )
    topic_claim = topic_claim()

    class Meta(ConditionFields.Meta):
        fields = (*ConditionFields.Meta.fields, "role", "topic_claim")

    def to_representation(self, link):
        link.condition.topic_role = link.role
        return super().to_representation(link.linked_item)


class TopicMechanismItem(MechanismSummary):
    topic_claim = topic_claim()

    class Meta(MechanismSummary.Meta):
        fields = (*MechanismSummary.Meta.fields, "topic_claim")


class TopicRedFlagItem(RedFlagSummary):
    topic_claim = topic_claim()

    class Meta(RedFlagSummary.Meta):
        fields = (*RedFlagSummary.Meta.fields, "topic_claim")


class TopicTreatmentItem(TreatmentSummary):
    topic_claim = topic_claim()

    class Meta(TreatmentSummary.Meta):
        fields = (*TreatmentSummary.Meta.fields, "topic_claim")


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
        items=TopicMechanismItem,
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
        items=TopicRedFlagItem,
        source="public_red_flags",
    )
    treatments = section(
        "TreatmentSection",
        heading="treatments_heading",
        intro="treatments_intro",
        items=TopicTreatmentItem,
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
