"""The parts every API v3 item shares: references to other items, and its review and sources as schema.org."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from conditions.models import ReviewState
from hipcontent.api.v3.jsonld import IdField, Node, OptionalText

# The schema.org type of each collection's items, by the model's api_name.
# A mechanism ("how hip dysfunction produces buttock pain") is a MedicalEntity: schema.org has no type for a
# pathophysiological process (`pathophysiology` is a text property of MedicalCondition, and MedicalCause
# is a causative agent, which a mechanism is not), so the most specific type that stays true is the root of
# the medical types.
TYPES = {
    "topic": "MedicalWebPage",
    "condition": "MedicalCondition",
    "mechanism": "MedicalEntity",
    "anatomy": "AnatomicalStructure",
    "red-flag": "MedicalSignOrSymptom",
    "treatment": "MedicalTherapy",
    "faq": "Question",
}


def type_of(obj):
    return TYPES[type(obj).api_name]


class Reference(serializers.Serializer, metaclass=type(Node)):
    """Another published item: its @id (fetch it there), its type, slug and name."""

    ld_id = IdField()
    ld_type = serializers.SerializerMethodField(method_name="get_ld_type", help_text="Its schema.org type.")
    identifier = serializers.SlugField(source="slug", read_only=True, help_text="Its slug.")
    name = serializers.CharField(
        source="__str__", read_only=True, help_text="Its name, sign, title or question."
    )

    def get_ld_type(self, obj) -> str:
        return type_of(obj)


def references(name, **kwargs):
    """The published items an item links to, as its QuerySet's for_detail() prefetched them."""
    return Reference(source=f"public_{name}", many=True, read_only=True, **kwargs)


class Person(Node):
    """The clinical reviewer who last approved the item: a name and credentials, never an email."""

    type_name = "Person"
    ld_id = None
    name = serializers.CharField(source="display_name", read_only=True)
    honorificSuffix = serializers.CharField(
        source="credentials", read_only=True, help_text='Credentials, e.g. "PT, DPT".'
    )

    def to_representation(self, stamp):
        # The stamp approval wrote (conditions/models/base.py ReviewStamp); None for an unreviewed item.
        return None if stamp is None else super().to_representation(stamp)


class Organization(Node):
    type_name = "Organization"
    ld_id = None
    name = serializers.CharField(source="*", read_only=True)

    def to_representation(self, name):
        return super().to_representation(name) if name else None


class Citation(Node):
    """A source the item's content comes from."""

    type_name = "CreativeWork"
    ld_id = None
    name = serializers.CharField(source="title", read_only=True)
    publisher = Organization(
        read_only=True, allow_null=True, help_text="Who published it; null if it names no publisher."
    )
    url = OptionalText(help_text="Where to read it; null if it has no URL.")
    hc_accessed = serializers.DateField(source="accessed", read_only=True, allow_null=True)
    description = OptionalText(source="note", help_text="A note on the source; null if none.")


class PageIdField(IdField):
    """The @id of the web page that presents an item: its detail URL + "#page" (the URL is the item's)."""

    def to_representation(self, obj):
        return super().to_representation(obj) + "#page"


extend_schema_field(OpenApiTypes.URI)(PageIdField)


class About(serializers.Serializer, metaclass=type(Node)):
    ld_id = IdField(help_text="The item the page presents.")


class ItemPageSummary(Node):
    """The MedicalWebPage that presents an item (its detail): when it last changed. schema.org says
    dateModified of creative works only, so it is said of the page, not of the condition or therapy."""

    type_name = "MedicalWebPage"
    ld_id = PageIdField()
    about = About(source="*", read_only=True)
    dateModified = serializers.DateTimeField(source="updated_at", read_only=True)


# The review stamps and sources of an item, as schema.org allows them: on a web page (lastReviewed,
# reviewedBy) or a creative work (dateCreated, citation). (Comments, not docstrings: the schema would show
# a docstring as every detail's description.)
class Review(serializers.Serializer, metaclass=type(Node)):
    dateCreated = serializers.DateTimeField(source="created_at", read_only=True)
    lastReviewed = serializers.DateField(
        source="last_reviewed",
        read_only=True,
        allow_null=True,
        help_text="When a clinical reviewer last approved it; null if never.",
    )
    reviewedBy = Person(source="review_stamp", read_only=True, allow_null=True)
    hc_nextReviewDue = serializers.DateField(source="next_review_due", read_only=True, allow_null=True)
    hc_reviewState = serializers.ChoiceField(
        source="review_state", choices=ReviewState.choices, read_only=True
    )
    citation = Citation(source="sources", many=True, read_only=True)


class ItemPage(ItemPageSummary, Review):
    """The MedicalWebPage that presents an item: when it changed, its clinical review and its sources."""


def page_summary():
    return ItemPageSummary(source="*", read_only=True, help_text="The page that presents it.")
