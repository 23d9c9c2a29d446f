"""JSON-LD for API v3: every document is schema.org vocabulary, with `hc:` terms for what schema.org lacks.

A v3 serializer is a `Node`: its class attributes name schema.org properties as they are spelt
(`dateModified`), and three spellings a Python name cannot hold are written with a prefix the metaclass
turns back: `ld_id` → `@id`, `ld_type` → `@type`, `ld_context` → `@context`, `hc_urgency` → `hc:urgency`.
Every `hc:` term is described in TERMS (hipcontent/api/v3/terms.py), served as RDF at /api/v3/vocab/.

What v3 fixes in v2's linked data: every schema.org property is used within its domain and range (checked
against schema.org's vocabulary file by tests/api/v3/test_linked_data.py); facts of a link (a condition's
role in a topic, a structure's label there, order) sit on a node of the link (a ListItem with `position`, an
hc:TopicRole), never on the shared item; ordered values are JSON-LD lists (ORDERED).
"""

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import ResolvedComponent
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.serializers import SerializerMetaclass

from hipcontent.api import vocabulary
from hipcontent.api.links import DetailUrlField
from hipcontent.api.v3.terms import TERMS
from hipcontent.api.vocabulary import PREFIX

SCHEMA_ORG = "https://schema.org"


# Properties whose values keep their order in RDF (JSON-LD lists), in every v3 document's @context: the
# JSON is the same array, and a JSON-LD processor keeps it as an rdf:List instead of an unordered set.
# No @id: a term keeps the IRI schema.org's context gives it (its @vocab), only its container changes.
ORDERED = {
    "itemListElement": {"@container": "@list"},
    "subStructure": {"@container": "@list"},
    "hc:subTherapy": {"@container": "@list"},
}


def context(request, **terms):
    """The `@context` of a v3 document: schema.org, the hc: prefix (settings.HC_VOCABULARY_IRI, the same in
    every deployment) and the ordered properties (plus `terms`, e.g. a page's `next`)."""
    return [SCHEMA_ORG, {PREFIX: vocabulary.namespace(), **ORDERED, **terms}]


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
    field.help_text = f"{meaning} (Extension term {key}: see /api/v3/vocab/.)"
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
            name=f"{name.replace(':', '')}Type",  # hc:TopicRole → hcTopicRoleType
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
    """Text an item lacks is null in v3, never "" (in JSON-LD an empty string is a value)."""
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


REVIEW_KEYS = (
    "mainEntityOfPage",
    "dateCreated",
    "lastReviewed",
    "reviewedBy",
    "hc:nextReviewDue",
    "citation",
)
TYPE_HELP = "The schema.org type of the item."


V3_DESCRIPTION = """

## API v3: schema.org linked data

Every v3 document is JSON-LD, served as `application/json` or, with `Accept: application/ld+json` (the
compacted profile too), as `application/ld+json`. Its `@context` is `https://schema.org`, the `hc:` prefix
`https://w3id.org/hipcontent/vocab#` (the same namespace in every deployment) and the ordered properties
(`itemListElement`, `subStructure`, `hc:subTherapy` are JSON-LD lists). Every item has `@id`, the absolute
URL of its v3 detail, and `@type`: a topic is a `MedicalWebPage`, a condition a `MedicalCondition`, an
anatomical structure an `AnatomicalStructure`, a treatment a `MedicalTherapy`, a red flag a
`MedicalSignOrSymptom`, a FAQ a `Question` and a mechanism a `MedicalEntity`. The slug is `identifier`.

Every schema.org property is used within its domain and range. What schema.org says only of web pages and
creative works (`dateModified`, `dateCreated`, `lastReviewed`, `reviewedBy`, `citation`) is said of the
`MedicalWebPage` that presents the item, its `mainEntityOfPage` (a topic is that page itself). Facts of a
link sit on a node of the link: a topic's sections list their items as `ListItem`s with `position` (a
structure's label there is the ListItem's `name`, a condition's role its `hc:conditionRole`); a condition
names its topics and its role in each as `hc:topicRole` nodes. Where a link comes from is a schema.org
`Claim` of the link (`hc:basis`, `text` quoting the cited source, `citation`, `hc:qualifier`): a topic's
`ListItem` carries its `hc:topicClaim`; a condition's `hc:linkClaim` nodes name the property that holds
each link (`hc:linkProperty`, its IRI) and the item (`about`), and its `hc:conditionRelation` nodes its
typed relations to other conditions. What schema.org lacks is an `hc:` term,
each with its `rdfs:domain` and `rdfs:range` at `/api/v3/vocab/` (JSON-LD, or Turtle with
`Accept: text/turtle`). Text an item lacks is null, never "".

Lists are `ItemList` pages: `itemListElement` in order, then `next` and `previous` links with an opaque
`cursor` (no count). Follow `next` until it is null; a cursor that was not taken from a link is a 400 naming
`cursor`. `page_size` (1 to 100), `ordering`, the filters and `search` work as in v1 and v2.

## Moving from v2

v2 is deprecated from 2027-03-01 and ends on 2028-03-01 (its responses say so in `Deprecation`, `Sunset`
and `Link`). The same content, paths, parameters, errors and headers; what changed is where facts sit:

- `dateModified` is on the item's `mainEntityOfPage`, a `MedicalWebPage` (a topic keeps its own);
  so are a detail's `dateCreated`, `lastReviewed`, `reviewedBy`, `hc:nextReviewDue` and `citation`.
- A condition's mechanisms are `hc:mechanism` (v2: `pathophysiology`); its topics are `subjectOf`, and
  its role in each is an `hc:topicRole` node (`hc:topic`, `hc:conditionRole`), not `hc:role` on the topic.
- Parents and parts: `hc:parentStructure` on anatomy; `hc:parentTherapy` and `hc:subTherapy` on
  treatments (v2: `isPartOf`, `hasPart`).
- Mechanisms, treatments and red flags name their conditions as `hc:linkedCondition` (v2:
  `relatedCondition`, which anatomy keeps).
- A topic's category text is `genre`; `specialty` is `{"@id": "https://schema.org/Musculoskeletal"}`.
- A citation's `publisher` is an `Organization` with its `name` (v2: text).
- A topic section lists its items as its `mainEntity`, an `ItemList` of `ListItem`s with `position`,
  `name` (the topic's label for it), `hc:conditionRole` and the `item` (v2: `about`/`hasPart` items
  carrying `hc:role` and `hc:label`)."""


def describe_version(result, generator, **kwargs):
    """drf-spectacular hook: the schema of v3 says what v3 is (the other versions' stay as they are)."""
    if generator.api_version == "v3":
        result["info"]["description"] += V3_DESCRIPTION
        result["info"]["version"] = "3.0.0"
    return result
