"""The parts every API v2 item shares: references to other items, and its review and sources as schema.org."""

from rest_framework import serializers

from conditions.models import ReviewState
from hipcontent.api.v2.jsonld import IdField, Node, OptionalText

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


class Citation(Node):
    """A source the item's content comes from."""

    type_name = "CreativeWork"
    ld_id = None
    name = serializers.CharField(source="title", read_only=True)
    publisher = OptionalText(help_text="Who published it; null if it names no publisher.")
    url = OptionalText(help_text="Where to read it; null if it has no URL.")
    hc_accessed = serializers.DateField(source="accessed", read_only=True, allow_null=True)
    description = OptionalText(source="note", help_text="A note on the source; null if none.")


# A mixin for detail nodes: what every v2 detail says about its review and sources. (A comment, not a
# docstring: the schema would show a docstring as every detail's description.)
class Reviewed(serializers.Serializer, metaclass=type(Node)):
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
