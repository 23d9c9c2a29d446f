"""What API v1 publishes for the faq app. v1 is frozen: add optional fields only."""

from rest_framework import serializers

from faq.models import Question
from hipcontent.api import governance
from hipcontent.api.governance import Reviewed
from hipcontent.api.links import DetailUrlField, Link


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
