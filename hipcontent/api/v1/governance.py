"""What every detail says about its clinical review and its sources."""

from rest_framework import serializers

from conditions.models import ReviewState, Source

FIELDS = ("last_reviewed", "reviewed_by", "next_review_due", "review_state", "sources")


class Reviewer(serializers.Serializer):
    """The clinical reviewer who last approved the item: a name and credentials, never an email."""

    name = serializers.CharField(source="display_name", read_only=True)
    credentials = serializers.CharField(read_only=True)

    def to_representation(self, stamp):
        # The reviewer as approval stamped them (conditions/models/base.py ReviewStamp), never read live.
        return None if stamp is None else super().to_representation(stamp)


class SourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = ("title", "publisher", "url", "accessed", "note")


# A mixin for detail serializers: add FIELDS to their Meta.fields. (A comment, not a docstring: the schema
# would show a docstring as every detail's description.)
class Reviewed(serializers.Serializer):
    last_reviewed = serializers.DateField(
        read_only=True, allow_null=True, help_text="When a clinical reviewer last approved it; null if never."
    )
    reviewed_by = Reviewer(source="review_stamp", read_only=True, allow_null=True)
    next_review_due = serializers.DateField(read_only=True, allow_null=True)
    review_state = serializers.ChoiceField(
        choices=ReviewState.choices,
        read_only=True,
        required=False,
        help_text="`not_yet_clinically_reviewed` until a clinical reviewer approves the item: show it so "
        '("Not yet clinically reviewed").',
    )
    sources = SourceSerializer(many=True, read_only=True)
