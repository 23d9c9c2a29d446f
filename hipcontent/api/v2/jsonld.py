"""JSON-LD for API v2: every document is schema.org vocabulary, with `hc:` terms for what schema.org lacks.

A v2 serializer is a `Node`: its class attributes name schema.org properties as they are spelt
(`dateModified`), and three spellings a Python name cannot hold are written with a prefix the metaclass
turns back: `ld_id` → `@id`, `ld_type` → `@type`, `ld_context` → `@context`, `hc_urgency` → `hc:urgency`.
Every `hc:` term is described in TERMS, served as a JSON-LD vocabulary at /api/v2/vocab/.
"""

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import ResolvedComponent
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse
from rest_framework.serializers import SerializerMetaclass

from hipcontent.api.links import DetailUrlField

SCHEMA_ORG = "https://schema.org"
PREFIX = "hc"


def vocabulary_url(request):
    """The absolute IRI of the hc: vocabulary in this deployment (its terms are this + "#name")."""
    return reverse("v2:vocab", request=request)


def context(request, **terms):
    """The `@context` of a v2 document: schema.org and the hc: prefix (plus `terms`, e.g. a page's `next`)."""
    return [SCHEMA_ORG, {PREFIX: vocabulary_url(request) + "#", **terms}]


def json_name(name):
    """The JSON key of a serializer attribute: ld_id → @id, hc_urgency → hc:urgency, others as they are."""
    if name.startswith("ld_"):
        return "@" + name[3:]
    if name.startswith(f"{PREFIX}_"):
        return f"{PREFIX}:" + name[len(PREFIX) + 1 :]
    return name


class NodeMetaclass(SerializerMetaclass):
    """Declared fields (and fields removed with None) take their JSON names before DRF collects them."""

    def __new__(cls, name, bases, attrs):
        renamed = {
            (json_name(key) if value is None or isinstance(value, serializers.Field) else key): value
            for key, value in attrs.items()
        }
        for key, value in renamed.items():
            if key.startswith(f"{PREFIX}:") and isinstance(value, serializers.Field):
                describe_extension(key, value)
        return super().__new__(cls, name, bases, renamed)


def describe_extension(key, field):
    """The schema says of every hc: field that it is an extension term, and what the vocabulary says of it."""
    term = key.removeprefix(f"{PREFIX}:")
    meaning = field.help_text or TERMS[term][0]
    field.help_text = f"{meaning} (Extension term {key}: see /api/v2/vocab/.)"
    field._kwargs["help_text"] = field.help_text  # DRF copies a declared field from its init arguments


@extend_schema_field(
    {"type": "array", "items": {}, "description": "The JSON-LD context: schema.org and hc:."}
)
class ContextField(serializers.Field):
    def __init__(self, **terms):
        self.terms = terms
        super().__init__(source="*", read_only=True)

    def to_representation(self, obj):
        return context(self.context["request"], **self.terms)


class TypeField(serializers.Field):
    """The node's schema.org type: the same for every node a serializer writes."""

    def __init__(self, type_name, **kwargs):
        self.type_name = type_name
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        return self.type_name


class TypeFieldSchema(OpenApiSerializerFieldExtension):
    """`@type` is a one-value enum: a generated TypeScript client sees the literal type name."""

    target_class = TypeField

    def map_serializer_field(self, auto_schema, direction):
        # Registered here, named after the type: drf-spectacular's enum hook would name every `@type` set
        # "@type…Enum", which is no valid component name.
        name = self.target.type_name
        component = ResolvedComponent(
            name=f"{name}Type",
            type=ResolvedComponent.SCHEMA,
            object=name,
            schema={"type": "string", "enum": [name]},
        )
        auto_schema.registry.register_on_missing(component)
        return component.ref


class IdField(DetailUrlField):
    """`@id`: the absolute URL of the item's detail in the requested API version."""


extend_schema_field(OpenApiTypes.URI)(IdField)


def blank_to_none(value):
    """Text an item lacks is null in v2, never "" (in JSON-LD an empty string is a value)."""
    return value or None


class OptionalText(serializers.CharField):
    def __init__(self, **kwargs):
        super().__init__(read_only=True, allow_null=True, **kwargs)

    def to_representation(self, value):
        return blank_to_none(super().to_representation(value))


class Node(serializers.Serializer, metaclass=NodeMetaclass):
    """A schema.org node: `@id` and `@type` first. Subclasses set `type_name`."""

    type_name = "Thing"
    ld_id = IdField()

    def get_fields(self):
        # @context, @id and @type first, then the item's own properties, then its review and sources.
        fields = super().get_fields()
        first = {key: fields.pop(key) for key in ("@context", "@id") if key in fields}
        last = {key: fields.pop(key) for key in REVIEW_KEYS if key in fields}
        return {**first, "@type": TypeField(self.type_name, help_text=TYPE_HELP), **fields, **last}


REVIEW_KEYS = ("dateCreated", "lastReviewed", "reviewedBy", "hc:nextReviewDue", "hc:reviewState", "citation")
TYPE_HELP = "The schema.org type of the item."


# Each hc: term: what it means, and the schema.org types whose nodes carry it.
TERMS = {
    "abbreviation": ("A short form of the condition's name, as the source gives it.", ["MedicalCondition"]),
    "painLocation": ("Where the condition's pain is felt, in the source's words.", ["MedicalCondition"]),
    "painCharacter": ("What the condition's pain is like, in the source's words.", ["MedicalCondition"]),
    "aggravatingFactor": (
        "What makes the condition's pain worse, in the source's words.",
        ["MedicalCondition"],
    ),
    "associatedSign": ("A sign that comes with the condition, in the source's words.", ["MedicalCondition"]),
    "role": (
        "Why a topic discusses a condition: `cause` (a cause the topic is about) or `differential` (another "
        "cause to tell apart).",
        ["MedicalCondition"],
    ),
    "label": (
        "The heading a topic shows for an anatomical structure instead of its name; null if none.",
        ["AnatomicalStructure"],
    ),
    "urgency": (
        "How soon to act on a red flag: `emergency` (call emergency services now), `urgent` (be seen today), "
        "`soon` (book an appointment within days), `routine` (mention at the next appointment). Meaningful "
        "only when hc:urgencyAssessed is true: until a clinical reviewer sets an urgency it holds `soon`, "
        "which apps must not show.",
        ["MedicalSignOrSymptom"],
    ),
    "urgencyAssessed": (
        "Whether a clinical reviewer has set the red flag's urgency; false: it is not assessed.",
        ["MedicalSignOrSymptom"],
    ),
    "urgencyClaim": (
        "Where the red flag's urgency comes from; null while not assessed.",
        ["MedicalSignOrSymptom"],
    ),
    "appliesWhen": (
        "The situation the source names a red flag in, in its words (e.g. persistent buttock pain); null "
        "if none.",
        ["MedicalSignOrSymptom"],
    ),
    "basis": (
        "Where a claim comes from: `source` (the cited source states it; `text` quotes it verbatim) or "
        "`editorial` (an editor's structuring, which a clinical reviewer confirms).",
        ["Claim"],
    ),
    "qualifier": ('When or how far a claim holds (e.g. "advanced"); null if always.', ["Claim"]),
    "categoryClaim": ("Where a treatment's category comes from.", ["MedicalTherapy"]),
    "orderOfCareClaim": ("Where a treatment's order of care comes from.", ["MedicalTherapy"]),
    "codeSetRelease": (
        'The code set release a code was checked in, e.g. "FY2026"; null if unknown.',
        ["MedicalCode"],
    ),
    "codeKind": (
        "`billable`, or `category` (a header whose more specific codes are billable).",
        ["MedicalCode"],
    ),
    "codeMatch": (
        "How a code matches the condition: `exact`, `broader` or `component` (one of the conditions it "
        "encompasses).",
        ["MedicalCode"],
    ),
    "claim": ("Where a code comes from.", ["MedicalCode"]),
    "linkClaim": (
        "Where each of a condition's links (pathophysiology, associatedAnatomy, possibleTreatment, "
        "signOrSymptom) comes from, and when it holds.",
        ["MedicalCondition"],
    ),
    "linkField": ("The property of the condition that holds the linked item.", ["Claim"]),
    "conditionRelation": (
        "A condition's typed relations to other conditions, each a Claim about the other (`about`).",
        ["MedicalCondition"],
    ),
    "relation": (
        "How a condition relates to the other, read from its side: is_a_form_of (inverse has_form), "
        "can_lead_to (can_result_from), can_contribute_to (can_be_contributed_to_by), tell_apart_from.",
        ["Claim"],
    ),
    "topicClaim": ("Where the topic's source names the item, in its section.", ["Thing"]),
    "reviewState": (
        "`not_yet_clinically_reviewed` until a clinical reviewer approves the item; show it.",
        ["Thing"],
    ),
    "action": ("What a person who notices the red flag should do.", ["MedicalSignOrSymptom"]),
    "professional": (
        "A kind of healthcare professional to see about the red flag (an Occupation).",
        ["MedicalSignOrSymptom"],
    ),
    "category": (
        "The kind of treatment: diagnostic, self_care, medication, rehabilitation, interventional, surgical.",
        ["MedicalTherapy"],
    ),
    "orderOfCare": (
        "The treatment's place in the order of care among its siblings (1 comes first).",
        ["MedicalTherapy"],
    ),
    "function": ("What an anatomical structure does, where the source says so.", ["AnatomicalStructure"]),
    "nextReviewDue": (
        "When the item's clinical review falls due again (schema.org has lastReviewed only).",
        ["Thing"],
    ),
    "accessed": ("When a cited source was last read.", ["CreativeWork"]),
    "anatomySection": ("The topic's section on anatomy: heading, intro and structures.", ["MedicalWebPage"]),
    "mechanismSection": ("The topic's section on how the pain arises.", ["MedicalWebPage"]),
    "conditionSection": ("The topic's section on the conditions that cause it.", ["MedicalWebPage"]),
    "differentialSection": ("The topic's section on other causes to tell apart.", ["MedicalWebPage"]),
    "caution": ("The caution the topic shows after the causes.", ["MedicalWebPage"]),
    "redFlagSection": ("The topic's section on when to seek professional guidance.", ["MedicalWebPage"]),
    "treatmentSection": ("The topic's section on management and treatment.", ["MedicalWebPage"]),
    "conclusion": ("The topic's concluding paragraph.", ["MedicalWebPage"]),
    "keyTakeaways": ("The topic's key takeaways (an ItemList of text), in order.", ["MedicalWebPage"]),
    "faqSection": ("The topic's frequently asked questions, in order.", ["MedicalWebPage"]),
    "next": ("The URL of the following page of a list; null on the last page.", ["ItemList"]),
    "previous": ("The URL of the preceding page of a list; null on the first page.", ["ItemList"]),
    "cursor": ("Pass as `since` to the changes feed to continue after this change.", ["Action"]),
    "kind": ("What happened to the item: created, updated, unpublished or deleted.", ["Action"]),
    "nextCursor": (
        "Pass as `since` to the changes feed next time; the same if nothing changed.",
        ["ItemList"],
    ),
    "hasMore": ("Whether more changes follow right away.", ["ItemList"]),
    "rank": ("How well a search hit matches: higher is better. Compare within one search only.", ["Thing"]),
    "snippet": ("Some of the matching text of a search hit, as plain text.", ["Thing"]),
    "topics": ("Every published topic, as its detail serves it.", ["Dataset"]),
    "conditions": ("Every published condition, as its detail serves it.", ["Dataset"]),
    "mechanisms": ("Every published mechanism, as its detail serves it.", ["Dataset"]),
    "anatomy": ("Every published anatomical structure, as its detail serves it.", ["Dataset"]),
    "redFlags": ("Every published red flag, as its detail serves it.", ["Dataset"]),
    "treatments": ("Every published treatment, as its detail serves it.", ["Dataset"]),
    "faqs": ("Every published FAQ, as its detail serves it.", ["Dataset"]),
}


V2_DESCRIPTION = """

## API v2: schema.org JSON-LD

Every v2 document is JSON-LD. Its `@context` is `["https://schema.org", {"hc": "<server>/api/v2/vocab/#"}]`
(a list page adds `next` and `previous`); every item has `@id`, the absolute URL of its v2 detail, and
`@type`, its schema.org type: a topic is a `MedicalWebPage`, a condition a `MedicalCondition`, an
anatomical structure an `AnatomicalStructure`, a treatment a `MedicalTherapy`, a red flag a
`MedicalSignOrSymptom`, a FAQ a `Question` with its `acceptedAnswer`, and a mechanism a `MedicalEntity`
(schema.org has no type for a pathophysiological mechanism). The slug is `identifier`.

Properties are schema.org's wherever it has one: `name`, `description`, `alternateName`, `code`
(`MedicalCode` with `codeValue` and `codingSystem`), `associatedAnatomy`, `possibleTreatment`,
`pathophysiology` (the mechanisms), `signOrSymptom` (the red flags), `differentialDiagnosis` (`DDxElement`),
`subjectOf` (the topics), `relatedCondition` (the conditions linking an item), `mainEntity` and
`about` on a topic, `acceptedAnswer`, `isPartOf`, `hasPart`,
`subStructure`, `dateCreated`, `dateModified`, `lastReviewed`, `reviewedBy` (a `Person`, credentials as
`honorificSuffix`) and `citation` (the sources). What schema.org lacks is an `hc:` term (red-flag urgency,
a condition's role in a topic, the topic's sections...), each described in the vocabulary at `/api/v2/vocab/`.
Text an item lacks is null, never "".

Lists are `ItemList` pages: `itemListElement`, then `next` and `previous` links with an opaque `cursor`
(no count). Follow `next` until it is null; a cursor that was not taken from a link is a 400 naming
`cursor`. `page_size` (1 to 100), `ordering`, the filters and `search` work as in v1; matches of `search`
come in the list's order (relevance order is what `/search/` gives)."""


def describe_version(result, generator, **kwargs):
    """drf-spectacular hook: the schema of v2 says what v2 is (v1's description stays as it was)."""
    if generator.api_version == "v2":
        result["info"]["description"] += V2_DESCRIPTION
        result["info"]["version"] = "2.0.0"
    return result
