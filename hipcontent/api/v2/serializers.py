"""What API v2 publishes: every collection's items as schema.org JSON-LD nodes.

The same live rows and QuerySets as v1 (for_list(), for_detail()); only the representation differs. Names
are schema.org's where it has a property for the meaning, else an `hc:` term (hipcontent/api/v2/jsonld.py).
"""

from rest_framework import serializers

from conditions import models
from conditions.models.content import AssessedUrgency
from hipcontent.api.v2.jsonld import ContextField, Node, OptionalText
from hipcontent.api.v2.nodes import TYPES, Reference, Reviewed, references


class ClaimNode(Node):
    """Where a typed claim comes from (a schema.org Claim): quoted from a cited source, or editorial."""

    type_name = "Claim"
    ld_id = None
    hc_basis = serializers.ChoiceField(choices=models.Basis.choices, source="basis", read_only=True)
    text = OptionalText(source="quote", help_text="The passage of the source it rests on, verbatim; or null.")
    citation = serializers.CharField(
        source="source.title", read_only=True, allow_null=True, default=None, help_text="The cited source."
    )
    hc_qualifier = OptionalText(source="qualifier")


def claim(source, help_text):
    return ClaimNode(source=source, read_only=True, allow_null=True, help_text=help_text)


def topic_claim():
    return claim("topic_link", "Where the article names it (in this section, in this role).")


class Answer(Node):
    """An answer: `source` names the text it is (a FAQ's answer, a topic's short answer)."""

    type_name = "Answer"
    ld_id = None
    text = serializers.CharField(source="*", read_only=True)


class QuestionSummary(Node):
    type_name = TYPES["faq"]
    identifier = serializers.SlugField(
        source="slug", read_only=True, help_text="The slug: stable, used in URLs."
    )
    name = serializers.CharField(source="question", read_only=True, help_text="The question.")
    acceptedAnswer = Answer(source="answer", read_only=True)
    dateModified = serializers.DateTimeField(source="updated_at", read_only=True)


class Question(QuestionSummary, Reviewed):
    ld_context = ContextField()
    isPartOf = Reference(
        source="public_topic", allow_null=True, read_only=True, help_text="The topic it belongs to; or null."
    )
    about = Reference(
        source="public_conditions",
        many=True,
        read_only=True,
        help_text="The conditions the answer discusses.",
    )


def texts(source, help_text):
    return serializers.ListField(
        child=serializers.CharField(), source=source, read_only=True, help_text=help_text
    )


def slug():
    return serializers.SlugField(source="slug", read_only=True, help_text="The slug: stable, used in URLs.")


def modified():
    return serializers.DateTimeField(source="updated_at", read_only=True)


def related_conditions():
    # schema.org's relatedCondition, which it defines on AnatomicalStructure; the other linked items use it
    # too, since schema.org names no inverse of pathophysiology, possibleTreatment or signOrSymptom.
    return references("conditions", help_text="The published conditions that link this item.")


class AnatomicalStructureSummary(Node):
    type_name = TYPES["anatomy"]
    identifier = slug()
    name = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)
    hc_function = OptionalText(
        source="function", help_text="What the structure does, where the source says so."
    )
    isPartOf = Reference(
        source="public_parent", allow_null=True, read_only=True, help_text="The larger structure; or null."
    )
    dateModified = modified()


class AnatomicalStructure(AnatomicalStructureSummary, Reviewed):
    ld_context = ContextField()
    subStructure = references("parts", help_text="Its published parts, in order.")
    relatedCondition = related_conditions()


class MechanismMedicalEntitySummary(Node):
    type_name = TYPES["mechanism"]
    identifier = slug()
    name = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)
    dateModified = modified()


class MechanismMedicalEntity(MechanismMedicalEntitySummary, Reviewed):
    ld_context = ContextField()
    relatedCondition = related_conditions()


class MedicalTherapySummary(Node):
    type_name = TYPES["treatment"]
    identifier = slug()
    name = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)
    hc_category = serializers.ChoiceField(
        source="category", choices=models.Treatment.Category.choices, read_only=True
    )
    hc_orderOfCare = serializers.IntegerField(
        source="order_of_care",
        read_only=True,
        min_value=0,
        max_value=999,
        help_text="1 comes first; siblings with the same number have no order among them.",
    )
    hc_categoryClaim = claim("category_claim", "Where its category comes from.")
    hc_orderOfCareClaim = claim("order_of_care_claim", "Where its order of care comes from.")
    isPartOf = Reference(
        source="public_parent",
        allow_null=True,
        read_only=True,
        help_text="The treatment it is part of; or null.",
    )
    dateModified = modified()


class TargetAnatomyClaim(ClaimNode):
    about = Reference(source="structure", read_only=True, help_text="The structure.")


class MedicalTherapy(MedicalTherapySummary, Reviewed):
    ld_context = ContextField()
    hasPart = references("parts", help_text="Its published parts, in the order of care.")
    relatedCondition = related_conditions()
    hc_targetAnatomy = references("anatomy", help_text="The structures it is given into or around.")
    hc_targetAnatomyClaim = TargetAnatomyClaim(
        source="public_anatomy_links",
        many=True,
        read_only=True,
        help_text="Where each structure in hc:targetAnatomy comes from: a Claim about it (`about`).",
    )


class ReleasedUrgencyField(serializers.ChoiceField):
    # v2 was released with these four values: an urgency no clinician has assessed is `soon` here, with
    # hc:urgencyAssessed false (a new value would break generated clients).
    def to_representation(self, value):
        return "soon" if value == models.RedFlag.Urgency.NOT_ASSESSED else value


class Occupation(Node):
    type_name = "Occupation"
    ld_id = None
    identifier = slug()
    name = serializers.CharField(read_only=True)


class MedicalSignOrSymptomSummary(Node):
    type_name = TYPES["red-flag"]
    identifier = slug()
    name = serializers.CharField(
        source="sign", read_only=True, help_text="The sign, as a patient notices it."
    )
    hc_urgency = ReleasedUrgencyField(source="urgency", choices=AssessedUrgency.choices, read_only=True)
    hc_urgencyAssessed = serializers.BooleanField(source="urgency_assessed", read_only=True)
    hc_urgencyClaim = claim(
        "assessed_urgency_claim", "Where the urgency comes from; null while not assessed."
    )
    hc_appliesWhen = OptionalText(source="applies_when")
    hc_action = serializers.CharField(source="action", read_only=True)
    hc_professional = Occupation(source="professionals", many=True, read_only=True)
    hc_actionClaim = claim("action_claim", "Where what to do comes from.")
    hc_professionalClaim = claim("professionals_claim", "Where the professionals to see come from.")
    dateModified = modified()


class MedicalSignOrSymptom(MedicalSignOrSymptomSummary, Reviewed):
    ld_context = ContextField()
    relatedCondition = related_conditions()


class MedicalCode(Node):
    type_name = "MedicalCode"
    ld_id = None
    codeValue = serializers.CharField(source="code", read_only=True, help_text="e.g. M16 or M70.6.")
    codingSystem = serializers.CharField(
        source="get_system_display", read_only=True, help_text="The code set, e.g. ICD-10-CM."
    )
    name = serializers.CharField(source="display", read_only=True, help_text="The code set's title for it.")
    hc_codeSetRelease = OptionalText(source="release")
    hc_codeKind = serializers.ChoiceField(
        source="kind", choices=models.ConditionCode.Kind.choices, read_only=True, allow_null=True
    )
    hc_codeMatch = serializers.ChoiceField(
        source="match", choices=models.ConditionCode.Match.choices, read_only=True, allow_null=True
    )
    hc_claim = claim("*", "Where the code comes from.")

    def to_representation(self, code):
        data = super().to_representation(code)
        for key in ("hc:codeKind", "hc:codeMatch"):
            data[key] = data[key] or None
        return data


class MedicalConditionFields(Node):
    """A condition's own properties, as a topic embeds it."""

    type_name = TYPES["condition"]
    identifier = slug()
    name = serializers.CharField(read_only=True)
    hc_abbreviation = OptionalText(source="abbreviation")
    alternateName = texts("other_names", "Other names.")
    description = serializers.CharField(source="summary", read_only=True)
    hc_painLocation = texts("pain_locations", "Where the pain is felt.")
    hc_painCharacter = texts("pain_character", "What the pain is like.")
    hc_aggravatingFactor = texts("aggravating_factors", "What makes it worse.")
    hc_associatedSign = texts("associated_signs", "Signs that come with it.")
    dateModified = modified()


class MedicalConditionSummary(MedicalConditionFields):
    code = MedicalCode(source="codes", many=True, read_only=True)


class DDxElement(Node):
    type_name = "DDxElement"
    ld_id = None
    diagnosis = Reference(source="*", read_only=True, help_text="The condition to tell this one apart from.")


class TopicReference(Reference):
    hc_role = serializers.ChoiceField(choices=models.TopicCondition.Role.choices, read_only=True)

    def to_representation(self, link):
        return {**super().to_representation(link.topic), "hc:role": link.role}


class LinkClaim(ClaimNode):
    hc_linkField = serializers.ChoiceField(
        choices=["pathophysiology", "associatedAnatomy", "possibleTreatment", "signOrSymptom"],
        source="field",
        read_only=True,
    )
    about = Reference(source="item", read_only=True, help_text="The item the link points at.")

    FIELDS = {
        "mechanisms": "pathophysiology",
        "anatomy": "associatedAnatomy",
        "treatments": "possibleTreatment",
        "red_flags": "signOrSymptom",
    }

    def to_representation(self, pair):
        field, link = pair
        link.field = self.FIELDS[field]
        return super().to_representation(link)


class ConditionRelationClaim(ClaimNode):
    hc_relation = serializers.ChoiceField(
        choices=list(
            dict.fromkeys([*models.ConditionRelation.Kind.values, *models.ConditionRelation.INVERSE.values()])
        ),
        source="relation",
        read_only=True,
    )
    about = Reference(source="other_condition", read_only=True, help_text="The other condition.")

    def to_representation(self, view):
        relation, other, link = view
        link.relation, link.other_condition = relation, other
        return super().to_representation(link)


class MedicalCondition(MedicalConditionSummary, Reviewed):
    ld_context = ContextField()
    pathophysiology = references("mechanisms", help_text="How it produces the pain: the mechanisms.")
    associatedAnatomy = references("anatomy")
    possibleTreatment = references("treatments")
    signOrSymptom = references("red_flags", help_text="Red flags: signs to seek professional guidance for.")
    differentialDiagnosis = DDxElement(source="public_differentials", many=True, read_only=True)
    subjectOf = TopicReference(
        source="public_topic_links", many=True, read_only=True, help_text="The topics that discuss it."
    )
    hc_linkClaim = LinkClaim(source="public_link_claims", many=True, read_only=True)
    hc_conditionRelation = ConditionRelationClaim(source="public_relation_views", many=True, read_only=True)


class TopicAnatomicalStructure(AnatomicalStructureSummary):
    hc_label = serializers.CharField(source="topic_label", allow_null=True, read_only=True)
    hc_topicClaim = topic_claim()

    def to_representation(self, link):
        link.structure.topic_label = link.label or None
        return super().to_representation(link.linked_item)


class TopicMedicalCondition(MedicalConditionFields):
    hc_role = serializers.ChoiceField(
        source="topic_role", choices=models.TopicCondition.Role.choices, read_only=True
    )
    hc_topicClaim = topic_claim()

    def to_representation(self, link):
        link.condition.topic_role = link.role
        return super().to_representation(link.linked_item)


class TopicMechanism(MechanismMedicalEntitySummary):
    hc_topicClaim = topic_claim()


class TopicSignOrSymptom(MedicalSignOrSymptomSummary):
    hc_topicClaim = topic_claim()


class TopicTherapy(MedicalTherapySummary):
    hc_topicClaim = topic_claim()


def section(name, *, heading, items, source, intro=None, part="about"):
    """A titled part of the article as a schema.org WebPageElement: heading, intro and what it is about."""
    fields = {"type_name": "WebPageElement", "ld_id": None}
    fields["name"] = serializers.CharField(source=heading, read_only=True, help_text="Its heading.")
    if intro:
        fields["text"] = serializers.CharField(source=intro, read_only=True, help_text="Its intro.")
    fields[part] = items(source=source, many=True, read_only=True)
    return type(name, (Node,), fields)(source="*", read_only=True)


class ShortAnswerQuestion(Node):
    type_name = "Question"
    ld_id = None
    name = serializers.CharField(source="question", read_only=True)
    acceptedAnswer = Answer(source="short_answer", read_only=True)


class KeyTakeawayList(Node):
    type_name = "ItemList"
    ld_id = None
    name = serializers.CharField(source="key_takeaways_heading", read_only=True)
    itemListElement = serializers.ListField(
        child=serializers.CharField(), source="key_takeaway_texts", read_only=True
    )


class MedicalWebPageSummary(Node):
    type_name = TYPES["topic"]
    identifier = slug()
    name = serializers.CharField(source="title", read_only=True)
    specialty = serializers.CharField(
        source="category", read_only=True, help_text='e.g. "Musculoskeletal Health".'
    )
    description = serializers.CharField(source="summary", read_only=True)
    dateModified = modified()


class MedicalWebPage(MedicalWebPageSummary, Reviewed):
    ld_context = ContextField()
    mainEntity = ShortAnswerQuestion(
        source="*", read_only=True, help_text="The question the article answers."
    )
    hc_anatomySection = section(
        "AnatomyWebPageElement",
        heading="overview_heading",
        intro="overview",
        items=TopicAnatomicalStructure,
        source="public_anatomy_links",
    )
    hc_mechanismSection = section(
        "MechanismWebPageElement",
        heading="mechanisms_heading",
        intro="mechanisms_intro",
        items=TopicMechanism,
        source="public_mechanisms",
    )
    hc_conditionSection = section(
        "ConditionWebPageElement",
        heading="conditions_heading",
        intro="conditions_intro",
        items=TopicMedicalCondition,
        source="public_cause_links",
    )
    hc_differentialSection = section(
        "DifferentialWebPageElement",
        heading="differentials_heading",
        intro="differentials_intro",
        items=TopicMedicalCondition,
        source="public_differential_links",
    )
    hc_caution = serializers.CharField(source="caution", read_only=True)
    hc_redFlagSection = section(
        "RedFlagWebPageElement",
        heading="red_flags_heading",
        intro="red_flags_intro",
        items=TopicSignOrSymptom,
        source="public_red_flags",
    )
    hc_treatmentSection = section(
        "TreatmentWebPageElement",
        heading="treatments_heading",
        intro="treatments_intro",
        items=TopicTherapy,
        source="public_treatments",
    )
    hc_conclusion = serializers.CharField(source="conclusion", read_only=True)
    hc_keyTakeaways = KeyTakeawayList(source="*", read_only=True)
    hc_faqSection = section(
        "FaqWebPageElement",
        heading="faqs_heading",
        items=QuestionSummary,
        source="public_questions",
        part="hasPart",
    )
