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
from rest_framework.serializers import SerializerMetaclass

from hipcontent.api import vocabulary
from hipcontent.api.links import DetailUrlField
from hipcontent.api.vocabulary import PREFIX, Term

SCHEMA_ORG = "https://schema.org"


def context(request, **terms):
    """The `@context` of a v2 document: schema.org and the hc: prefix (plus `terms`, e.g. a page's `next`).

    The hc: namespace is settings.HC_VOCABULARY_IRI, the same in every deployment (it was built from the
    request's host until 2026-11-30, which minted other terms in each deployment)."""
    return [SCHEMA_ORG, {PREFIX: vocabulary.namespace(), **terms}]


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
    meaning = field.help_text or TERMS[term].comment
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


# Each hc: term v2 uses: what it means, the schema.org types whose nodes carry it, and its values' type.
# A term means the same in every version (hipcontent/api/vocabulary.py): a new meaning gets a new name.
TERMS = {
    "abbreviation": Term(
        "A short form of the condition's name, as the source gives it.",
        ("schema:MedicalCondition",),
        "xsd:string",
    ),
    "painLocation": Term(
        "Where the condition's pain is felt, in the source's words.",
        ("schema:MedicalCondition",),
        "xsd:string",
    ),
    "painCharacter": Term(
        "What the condition's pain is like, in the source's words.",
        ("schema:MedicalCondition",),
        "xsd:string",
    ),
    "aggravatingFactor": Term(
        "What makes the condition's pain worse, in the source's words.",
        ("schema:MedicalCondition",),
        "xsd:string",
    ),
    "associatedSign": Term(
        "A sign that comes with the condition, in the source's words.",
        ("schema:MedicalCondition",),
        "xsd:string",
    ),
    "role": Term(
        "Why a topic discusses a condition: `cause` (a cause the topic is about) or `differential` (another "
        "cause to tell apart). v2 writes it on the condition in a topic's sections, and on the topic in a "
        "condition's `subjectOf`.",
        (
            "schema:MedicalCondition",
            "schema:MedicalWebPage",
        ),
        "xsd:string",
    ),
    "label": Term(
        "The heading a topic shows for an anatomical structure instead of its name; null if none.",
        ("schema:AnatomicalStructure",),
        "xsd:string",
    ),
    "urgency": Term(
        "How soon to act on a red flag: `emergency` (call emergency services now), `urgent` (be seen today), "
        "`soon` (book an appointment within days), `routine` (mention at the next appointment). Meaningful "
        "only when hc:urgencyAssessed is true: until a clinical reviewer sets an urgency it holds `soon`, "
        "which apps must not show.",
        ("schema:MedicalSignOrSymptom",),
        "xsd:string",
    ),
    "urgencyAssessed": Term(
        "Whether a clinical reviewer has set the red flag's urgency; false: it is not assessed.",
        ("schema:MedicalSignOrSymptom",),
        "xsd:boolean",
    ),
    "urgencyClaim": Term(
        "Where the red flag's urgency comes from; null while not assessed.",
        ("schema:MedicalSignOrSymptom",),
        "schema:Claim",
    ),
    "actionClaim": Term(
        "Where a red flag's action (what to do) comes from.", ("schema:MedicalSignOrSymptom",), "schema:Claim"
    ),
    "professionalClaim": Term(
        "Where a red flag's professionals (hc:professional, whom to see) come from.",
        ("schema:MedicalSignOrSymptom",),
        "schema:Claim",
    ),
    "targetAnatomy": Term(
        "An anatomical structure a treatment is given into or around (e.g. injections into the hip joint).",
        ("schema:MedicalTherapy",),
        "schema:AnatomicalStructure",
    ),
    "targetAnatomyClaim": Term(
        "Where each of a treatment's hc:targetAnatomy links comes from: a Claim `about` the structure.",
        ("schema:MedicalTherapy",),
        "schema:Claim",
    ),
    "appliesWhen": Term(
        "The situation the source names a red flag in, in its words (e.g. persistent buttock pain); null "
        "if none.",
        ("schema:MedicalSignOrSymptom",),
        "xsd:string",
    ),
    "basis": Term(
        "Where a claim comes from: `source` (the cited source states it; `text` quotes it verbatim) or "
        "`editorial` (an editor's structuring, which a clinical reviewer confirms).",
        ("schema:Claim",),
        "xsd:string",
    ),
    "qualifier": Term(
        'When or how far a claim holds (e.g. "advanced"); null if always.', ("schema:Claim",), "xsd:string"
    ),
    "categoryClaim": Term(
        "Where a treatment's category comes from.", ("schema:MedicalTherapy",), "schema:Claim"
    ),
    "orderOfCareClaim": Term(
        "Where a treatment's order of care comes from.", ("schema:MedicalTherapy",), "schema:Claim"
    ),
    "codeSetRelease": Term(
        'The code set release a code was checked in, e.g. "FY2026"; null if unknown.',
        ("schema:MedicalCode",),
        "xsd:string",
    ),
    "codeKind": Term(
        "`billable`, or `category` (a header whose more specific codes are billable).",
        ("schema:MedicalCode",),
        "xsd:string",
    ),
    "codeMatch": Term(
        "How a code matches the condition: `exact`, `broader` or `component` (one of the conditions it "
        "encompasses).",
        ("schema:MedicalCode",),
        "xsd:string",
    ),
    "claim": Term("Where a code comes from.", ("schema:MedicalCode",), "schema:Claim"),
    "linkClaim": Term(
        "Where each of a condition's links to a mechanism, anatomical structure, treatment or red flag comes "
        "from, and when it holds: a Claim `about` the linked item.",
        ("schema:MedicalCondition",),
        "schema:Claim",
    ),
    "linkField": Term(
        "The property of the condition that holds the linked item.", ("schema:Claim",), "xsd:string"
    ),
    "conditionRelation": Term(
        "A condition's typed relations to other conditions, each a Claim about the other (`about`).",
        ("schema:MedicalCondition",),
        "schema:Claim",
    ),
    "relation": Term(
        "How a condition relates to the other, read from its side: is_a_form_of (inverse has_form), "
        "can_lead_to (can_result_from), can_contribute_to (can_be_contributed_to_by), tell_apart_from.",
        ("schema:Claim",),
        "xsd:string",
    ),
    "topicClaim": Term(
        "Where the topic's source names the item, in its section.", ("schema:Thing",), "schema:Claim"
    ),
    "reviewState": Term(
        "`not_yet_clinically_reviewed` until a clinical reviewer approves the item; show it.",
        ("schema:Thing",),
        "xsd:string",
    ),
    "action": Term(
        "What a person who notices the red flag should do.", ("schema:MedicalSignOrSymptom",), "xsd:string"
    ),
    "professional": Term(
        "A kind of healthcare professional to see about the red flag (an Occupation).",
        ("schema:MedicalSignOrSymptom",),
        "schema:Occupation",
    ),
    "category": Term(
        "The kind of treatment: diagnostic, self_care, medication, rehabilitation, interventional, surgical.",
        ("schema:MedicalTherapy",),
        "xsd:string",
    ),
    "orderOfCare": Term(
        "The treatment's place in the order of care among its siblings (1 comes first).",
        ("schema:MedicalTherapy",),
        "xsd:integer",
    ),
    "function": Term(
        "What an anatomical structure does, where the source says so.",
        ("schema:AnatomicalStructure",),
        "xsd:string",
    ),
    "nextReviewDue": Term(
        "When the item's clinical review falls due again (schema.org has lastReviewed only).",
        ("schema:Thing",),
        "xsd:date",
    ),
    "accessed": Term("When a cited source was last read.", ("schema:CreativeWork",), "xsd:date"),
    "anatomySection": Term(
        "The topic's section on anatomy: heading, intro and structures.",
        ("schema:MedicalWebPage",),
        "schema:WebPageElement",
    ),
    "mechanismSection": Term(
        "The topic's section on how the pain arises.", ("schema:MedicalWebPage",), "schema:WebPageElement"
    ),
    "conditionSection": Term(
        "The topic's section on the conditions that cause it.",
        ("schema:MedicalWebPage",),
        "schema:WebPageElement",
    ),
    "differentialSection": Term(
        "The topic's section on other causes to tell apart.",
        ("schema:MedicalWebPage",),
        "schema:WebPageElement",
    ),
    "caution": Term(
        "The caution the topic shows after the causes.", ("schema:MedicalWebPage",), "xsd:string"
    ),
    "redFlagSection": Term(
        "The topic's section on when to seek professional guidance.",
        ("schema:MedicalWebPage",),
        "schema:WebPageElement",
    ),
    "treatmentSection": Term(
        "The topic's section on management and treatment.",
        ("schema:MedicalWebPage",),
        "schema:WebPageElement",
    ),
    "conclusion": Term("The topic's concluding paragraph.", ("schema:MedicalWebPage",), "xsd:string"),
    "keyTakeaways": Term(
        "The topic's key takeaways (an ItemList of text), in order.",
        ("schema:MedicalWebPage",),
        "schema:ItemList",
    ),
    "faqSection": Term(
        "The topic's frequently asked questions, in order.",
        ("schema:MedicalWebPage",),
        "schema:WebPageElement",
    ),
    "next": Term(
        "The URL of the following page of a list; null on the last page.",
        ("schema:ItemList",),
        "schema:ItemList",
    ),
    "previous": Term(
        "The URL of the preceding page of a list; null on the first page.",
        ("schema:ItemList",),
        "schema:ItemList",
    ),
    "cursor": Term(
        "Pass as `since` to the changes feed to continue after this change.", ("schema:Action",), "xsd:string"
    ),
    "kind": Term(
        "What happened to the item: created, updated, unpublished or deleted.",
        ("schema:Action",),
        "xsd:string",
    ),
    "nextCursor": Term(
        "Pass as `since` to the changes feed next time; the same if nothing changed.",
        ("schema:ItemList",),
        "xsd:string",
    ),
    "hasMore": Term("Whether more changes follow right away.", ("schema:ItemList",), "xsd:boolean"),
    "rank": Term(
        "How well a search hit matches: higher is better. Compare within one search only.",
        ("schema:Thing",),
        "xsd:double",
    ),
    "snippet": Term(
        "Some of the matching text of a search hit, as plain text.", ("schema:Thing",), "xsd:string"
    ),
    "topics": Term(
        "Every published topic, as its detail serves it.", ("schema:Dataset",), "schema:MedicalWebPage"
    ),
    "conditions": Term(
        "Every published condition, as its detail serves it.", ("schema:Dataset",), "schema:MedicalCondition"
    ),
    "mechanisms": Term(
        "Every published mechanism, as its detail serves it.", ("schema:Dataset",), "schema:MedicalEntity"
    ),
    "anatomy": Term(
        "Every published anatomical structure, as its detail serves it.",
        ("schema:Dataset",),
        "schema:AnatomicalStructure",
    ),
    "redFlags": Term(
        "Every published red flag, as its detail serves it.",
        ("schema:Dataset",),
        "schema:MedicalSignOrSymptom",
    ),
    "treatments": Term(
        "Every published treatment, as its detail serves it.", ("schema:Dataset",), "schema:MedicalTherapy"
    ),
    "faqs": Term("Every published FAQ, as its detail serves it.", ("schema:Dataset",), "schema:Question"),
    "topicList": Term(
        "The first page of the API's topics (the index's `topics`).", ("schema:WebAPI",), "schema:ItemList"
    ),
    "conditionList": Term(
        "The first page of the API's conditions (the index's `conditions`).",
        ("schema:WebAPI",),
        "schema:ItemList",
    ),
    "mechanismList": Term(
        "The first page of the API's mechanisms (the index's `mechanisms`).",
        ("schema:WebAPI",),
        "schema:ItemList",
    ),
    "anatomyList": Term(
        "The first page of the API's anatomy (the index's `anatomy`).", ("schema:WebAPI",), "schema:ItemList"
    ),
    "redFlagList": Term(
        "The first page of the API's red flags (the index's `red-flags`).",
        ("schema:WebAPI",),
        "schema:ItemList",
    ),
    "treatmentList": Term(
        "The first page of the API's treatments (the index's `treatments`).",
        ("schema:WebAPI",),
        "schema:ItemList",
    ),
    "faqList": Term(
        "The first page of the API's faqs (the index's `faqs`).", ("schema:WebAPI",), "schema:ItemList"
    ),
}

# The index's keys (the collections' URL prefixes) and the hc: term each stands for.
INDEX_TERMS = {
    "topics": "hc:topicList",
    "conditions": "hc:conditionList",
    "mechanisms": "hc:mechanismList",
    "anatomy": "hc:anatomyList",
    "red-flags": "hc:redFlagList",
    "treatments": "hc:treatmentList",
    "faqs": "hc:faqList",
}


V2_DESCRIPTION = """

## API v2: schema.org JSON-LD

Every v2 document is JSON-LD, served as `application/json` or, with `Accept: application/ld+json` (the
compacted profile too), as `application/ld+json`. Its `@context` is
`["https://schema.org", {"hc": "https://w3id.org/hipcontent/vocab#"}]`, the same namespace in every
deployment (a list page adds `next` and `previous`); every item has `@id`, the absolute URL of its v2
detail, and `@type`, its schema.org type: a topic is a `MedicalWebPage`, a condition a `MedicalCondition`, an
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
