"""What API v3 publishes: every collection's items as schema.org JSON-LD nodes, each property within its
schema.org domain and range.

The same live rows and QuerySets as v1 and v2 (for_list(), for_detail()); only the representation differs.
Names are schema.org's where it has a property for the meaning on the item's type, else an `hc:` term
(hipcontent/api/v3/jsonld.py). What schema.org says of web pages only (review, dates, sources) is said of
the item's `mainEntityOfPage`; facts of a link are said of a node of the link (ListItem, hc:TopicRole).
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from conditions import models
from conditions.models.content import AssessedUrgency
from hipcontent.api.v3.jsonld import ContextField, IdField, Node, OptionalText
from hipcontent.api.v3.nodes import TYPES, ItemPage, Reference, Review, page_summary, references

MUSCULOSKELETAL = "https://schema.org/Musculoskeletal"


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


# The property of a v3 condition that holds each kind of linked item, as the compact IRI it expands to.
LINK_PROPERTIES = {
    "mechanisms": "hc:mechanism",
    "anatomy": "schema:associatedAnatomy",
    "treatments": "schema:possibleTreatment",
    "red_flags": "schema:signOrSymptom",
}


@extend_schema_field(
    {
        "type": "object",
        "properties": {"@id": {"type": "string", "enum": list(LINK_PROPERTIES.values())}},
        "required": ["@id"],
    }
)
class LinkProperty(serializers.Field):
    """The condition's property that holds the link, as an IRI node: expanded, it is the property's own
    IRI, so a consumer finds the triple the claim is about (condition, this property, `about`)."""

    def __init__(self, **kwargs):
        super().__init__(source="field", read_only=True, **kwargs)

    def to_representation(self, field):
        return {"@id": LINK_PROPERTIES[field]}


def item_page():
    return ItemPage(source="*", read_only=True, help_text="The page that presents it: review and sources.")


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
    mainEntityOfPage = page_summary()


class Question(QuestionSummary):
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
    mainEntityOfPage = item_page()


def texts(source, help_text):
    return serializers.ListField(
        child=serializers.CharField(), source=source, read_only=True, help_text=help_text
    )


def slug():
    return serializers.SlugField(source="slug", read_only=True, help_text="The slug: stable, used in URLs.")


def linked_conditions():
    # schema.org's relatedCondition is a property of anatomy only, and it names no inverse of
    # pathophysiology, possibleTreatment or signOrSymptom: an hc: term.
    return references("conditions", help_text="The published conditions that link this item.")


class AnatomicalStructureSummary(Node):
    type_name = TYPES["anatomy"]
    identifier = slug()
    name = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)
    hc_function = OptionalText(
        source="function", help_text="What the structure does, where the source says so."
    )
    hc_parentStructure = Reference(
        source="public_parent", allow_null=True, read_only=True, help_text="The larger structure; or null."
    )
    mainEntityOfPage = page_summary()


class AnatomicalStructure(AnatomicalStructureSummary):
    ld_context = ContextField()
    subStructure = references("parts", help_text="Its published parts, in order (a JSON-LD list).")
    relatedCondition = references("conditions", help_text="The published conditions that link it.")
    mainEntityOfPage = item_page()


class MechanismMedicalEntitySummary(Node):
    type_name = TYPES["mechanism"]
    identifier = slug()
    name = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)
    mainEntityOfPage = page_summary()


class MechanismMedicalEntity(MechanismMedicalEntitySummary):
    ld_context = ContextField()
    hc_linkedCondition = linked_conditions()
    mainEntityOfPage = item_page()


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
    hc_parentTherapy = Reference(
        source="public_parent",
        allow_null=True,
        read_only=True,
        help_text="The treatment it is part of; or null.",
    )
    mainEntityOfPage = page_summary()


class TargetAnatomyClaim(ClaimNode):
    about = Reference(source="structure", read_only=True, help_text="The structure.")


class MedicalTherapy(MedicalTherapySummary):
    ld_context = ContextField()
    hc_subTherapy = references("parts", help_text="Its published parts, in the order of care.")
    hc_linkedCondition = linked_conditions()
    hc_targetAnatomy = references("anatomy", help_text="The structures it is given into or around.")
    hc_targetAnatomyClaim = TargetAnatomyClaim(
        source="public_anatomy_links",
        many=True,
        read_only=True,
        help_text="Where each structure in hc:targetAnatomy comes from: a Claim about it (`about`).",
    )
    mainEntityOfPage = item_page()


class AssessedUrgencyField(serializers.ChoiceField):
    # hc:urgency means what it means in v2 (a term means the same in every version): an urgency no clinician
    # has assessed is `soon` there, with hc:urgencyAssessed false.
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
    hc_urgency = AssessedUrgencyField(source="urgency", choices=AssessedUrgency.choices, read_only=True)
    hc_urgencyAssessed = serializers.BooleanField(source="urgency_assessed", read_only=True)
    hc_urgencyClaim = claim(
        "assessed_urgency_claim", "Where the urgency comes from; null while not assessed."
    )
    hc_appliesWhen = OptionalText(source="applies_when")
    hc_action = serializers.CharField(source="action", read_only=True)
    hc_professional = Occupation(source="professionals", many=True, read_only=True)
    hc_actionClaim = claim("action_claim", "Where what to do comes from.")
    hc_professionalClaim = claim("professionals_claim", "Where the professionals to see come from.")
    mainEntityOfPage = page_summary()


class MedicalSignOrSymptom(MedicalSignOrSymptomSummary):
    ld_context = ContextField()
    hc_linkedCondition = linked_conditions()
    mainEntityOfPage = item_page()


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
    mainEntityOfPage = page_summary()


class MedicalConditionSummary(MedicalConditionFields):
    code = MedicalCode(source="codes", many=True, read_only=True)


class DDxElement(Node):
    type_name = "DDxElement"
    ld_id = None
    diagnosis = Reference(source="*", read_only=True, help_text="The condition to tell this one apart from.")


class TopicLink(serializers.Serializer, metaclass=type(Node)):
    ld_id = IdField(help_text="The topic.")


class TopicRole(Node):
    """How a topic discusses the condition: the link's own node, so the role is never said of the topic."""

    type_name = "hc:TopicRole"
    ld_id = None
    hc_topic = TopicLink(source="topic", read_only=True)
    hc_conditionRole = serializers.ChoiceField(
        source="role", choices=models.TopicCondition.Role.choices, read_only=True
    )


class TopicOfCondition(Reference):
    def to_representation(self, link):
        return super().to_representation(link.topic)


class LinkClaim(ClaimNode):
    """A node of one of the condition's links to an item: which of its properties holds the item, which item
    (`about`), and where the link comes from and when it holds; said of the link, never of the item."""

    hc_linkProperty = LinkProperty(help_text="The condition's property that holds the item, as its IRI.")
    about = Reference(source="item", read_only=True, help_text="The item the link points at.")

    def to_representation(self, pair):
        field, link = pair
        link.field = field
        return super().to_representation(link)


RELATIONS = [*models.ConditionRelation.Kind.values, *models.ConditionRelation.INVERSE.values()]


class ConditionRelationClaim(ClaimNode):
    """One typed relation to another condition, read from this condition's side, with where it comes from."""

    hc_relation = serializers.ChoiceField(
        choices=list(dict.fromkeys(RELATIONS)), source="relation", read_only=True
    )
    about = Reference(source="other_condition", read_only=True, help_text="The other condition.")

    def to_representation(self, view):
        relation, other, link = view
        link.relation, link.other_condition = relation, other
        return super().to_representation(link)


class MedicalCondition(MedicalConditionSummary):
    ld_context = ContextField()
    hc_mechanism = references("mechanisms", help_text="How it produces the pain: the mechanisms.")
    associatedAnatomy = references("anatomy")
    possibleTreatment = references("treatments")
    signOrSymptom = references("red_flags", help_text="Red flags: signs to seek professional guidance for.")
    differentialDiagnosis = DDxElement(source="public_differentials", many=True, read_only=True)
    subjectOf = TopicOfCondition(
        source="public_topic_links", many=True, read_only=True, help_text="The topics that discuss it."
    )
    hc_topicRole = TopicRole(
        source="public_topic_links", many=True, read_only=True, help_text="Its role in each of those topics."
    )
    hc_linkClaim = LinkClaim(
        source="public_link_claims",
        many=True,
        read_only=True,
        help_text="A node of each link in hc:mechanism, associatedAnatomy, possibleTreatment and "
        "signOrSymptom: the property, the item, where the link comes from and when it holds.",
    )
    hc_conditionRelation = ConditionRelationClaim(
        source="public_relation_views",
        many=True,
        read_only=True,
        help_text="Its typed relations to other conditions, each a Claim about the other (`about`).",
    )
    mainEntityOfPage = item_page()


class Entry:
    """One link of an ordered list, with its place in it (1 comes first)."""

    def __init__(self, position, link):
        self.position, self.link = position, link


class OrderedList(serializers.ListSerializer):
    def to_representation(self, data):
        links = data.all() if hasattr(data, "all") else data
        return [self.child.to_representation(Entry(n, link)) for n, link in enumerate(links, start=1)]


def list_item(name, item, *, node=None, label=None, role=False, claimed=True):
    """A schema.org ListItem class: the link's position, its own facts (a label as its `name`, a
    condition's role, where the topic names the item: `claimed`), and the item (`node`: the link's
    attribute that is the item; None: the link is the item, carrying its link as `topic_link`)."""
    fields = {
        "type_name": "ListItem",
        "ld_id": None,
        "Meta": type("Meta", (), {"list_serializer_class": OrderedList}),
    }
    fields["position"] = serializers.IntegerField(read_only=True, min_value=1, help_text="1 comes first.")
    if label:
        fields["name"] = OptionalText(source=f"link.{label}", help_text="The topic's label for it; or null.")
    if role:
        fields["hc_conditionRole"] = serializers.ChoiceField(
            source="link.role", choices=models.TopicCondition.Role.choices, read_only=True
        )
    if claimed:
        fields["hc_topicClaim"] = claim(
            "link" if node else "link.topic_link", "Where the topic's source names the item, in its section."
        )
    fields["item"] = item(source=f"link.{node}" if node else "link", read_only=True)
    return type(name, (Node,), fields)


def section(name, *, heading, items, source, intro=None):
    """A titled part of the article as a schema.org WebPageElement: heading, intro, and as its mainEntity
    the ItemList of what it presents, in order."""
    entries = type(
        f"{name}ItemList",
        (Node,),
        {
            "type_name": "ItemList",
            "ld_id": None,
            "itemListElement": items(source=source, many=True, read_only=True),
        },
    )
    fields = {"type_name": "WebPageElement", "ld_id": None}
    fields["name"] = serializers.CharField(source=heading, read_only=True, help_text="Its heading.")
    if intro:
        fields["text"] = serializers.CharField(source=intro, read_only=True, help_text="Its intro.")
    fields["mainEntity"] = entries(source="*", read_only=True)
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


@extend_schema_field(
    {
        "type": "object",
        "nullable": True,
        "properties": {"@id": {"type": "string", "format": "uri", "enum": [MUSCULOSKELETAL]}},
        "required": ["@id"],
    }
)
class Specialty(serializers.Field):
    """schema.org's Specialty member for the topic's category, when it has one (Musculoskeletal); or null."""

    def __init__(self, **kwargs):
        super().__init__(source="category", read_only=True, **kwargs)

    def to_representation(self, category):
        return {"@id": MUSCULOSKELETAL} if "musculoskeletal" in category.lower() else None


class MedicalWebPageSummary(Node):
    type_name = TYPES["topic"]
    identifier = slug()
    name = serializers.CharField(source="title", read_only=True)
    genre = serializers.CharField(
        source="category", read_only=True, help_text='The topic\'s category, e.g. "Musculoskeletal Health".'
    )
    specialty = Specialty(
        help_text="https://schema.org/Musculoskeletal for a musculoskeletal topic; or null."
    )
    description = serializers.CharField(source="summary", read_only=True)
    dateModified = serializers.DateTimeField(source="updated_at", read_only=True)


class MedicalWebPage(MedicalWebPageSummary, Review):
    ld_context = ContextField()
    mainEntity = ShortAnswerQuestion(
        source="*", read_only=True, help_text="The question the article answers."
    )
    hc_anatomySection = section(
        "AnatomyWebPageElement",
        heading="overview_heading",
        intro="overview",
        items=list_item("AnatomyListItem", AnatomicalStructureSummary, node="structure", label="label"),
        source="public_anatomy_links",
    )
    hc_mechanismSection = section(
        "MechanismWebPageElement",
        heading="mechanisms_heading",
        intro="mechanisms_intro",
        items=list_item("MechanismListItem", MechanismMedicalEntitySummary),
        source="public_mechanisms",
    )
    hc_conditionSection = section(
        "ConditionWebPageElement",
        heading="conditions_heading",
        intro="conditions_intro",
        items=list_item("ConditionListItem", MedicalConditionFields, node="condition", role=True),
        source="public_cause_links",
    )
    hc_differentialSection = section(
        "DifferentialWebPageElement",
        heading="differentials_heading",
        intro="differentials_intro",
        items=list_item("DifferentialListItem", MedicalConditionFields, node="condition", role=True),
        source="public_differential_links",
    )
    hc_caution = serializers.CharField(source="caution", read_only=True)
    hc_redFlagSection = section(
        "RedFlagWebPageElement",
        heading="red_flags_heading",
        intro="red_flags_intro",
        items=list_item("RedFlagListItem", MedicalSignOrSymptomSummary),
        source="public_red_flags",
    )
    hc_treatmentSection = section(
        "TreatmentWebPageElement",
        heading="treatments_heading",
        intro="treatments_intro",
        items=list_item("TreatmentListItem", MedicalTherapySummary),
        source="public_treatments",
    )
    hc_conclusion = serializers.CharField(source="conclusion", read_only=True)
    hc_keyTakeaways = KeyTakeawayList(source="*", read_only=True)
    hc_faqSection = section(
        "FaqWebPageElement",
        heading="faqs_heading",
        items=list_item("FaqListItem", QuestionSummary, claimed=False),
        source="public_questions",
    )
