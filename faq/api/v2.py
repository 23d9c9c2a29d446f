"""What API v2 publishes for the faq app: each FAQ as a schema.org Question with its accepted Answer."""

from rest_framework import serializers

from hipcontent.api.jsonld import ContextField, Node
from hipcontent.api.nodes import TYPES, Reference, Reviewed


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
