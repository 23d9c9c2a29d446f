"""The changes feed and the snapshot in API v1 (what every version shares: hipcontent/api/feeds.py)."""

from rest_framework import serializers
from rest_framework.reverse import reverse

from conditions import models
from faq.models import Question
from hipcontent.api import feeds
from hipcontent.api.http.errors import PROBLEM_CONTENT_TYPE
from hipcontent.api.http.schema import COMMON_RESPONSES, problem
from hipcontent.api.v1 import serializers as v1


class ChangeSerializer(serializers.Serializer):
    cursor = serializers.CharField(source="id", help_text="Pass as `since` to continue after this change.")
    kind = serializers.ChoiceField(choices=models.ChangeEvent.Kind.choices)
    type = serializers.CharField(source="item_type", help_text="The collection: topic, condition, faq, ...")
    slug = serializers.SlugField()
    at = serializers.DateTimeField()
    url = serializers.SerializerMethodField(help_text="Where to fetch the item; null for a tombstone.")

    def get_url(self, change) -> str | None:
        if change.kind in feeds.TOMBSTONES:
            return None
        return reverse(
            f"{change.item_type}-detail", kwargs={"slug": change.slug}, request=self.context["request"]
        )


class ChangesPage(serializers.Serializer):
    results = ChangeSerializer(many=True)
    next_cursor = serializers.CharField(help_text="Pass as `since` next time; the same if nothing changed.")
    has_more = serializers.BooleanField(help_text="Whether more changes follow right away.")
    next = serializers.URLField(allow_null=True, help_text="The URL of the following page, if has_more.")


class ChangesView(feeds.ChangesView):
    __doc__ = feeds.ChangesView.__doc__

    get = feeds.with_responses(
        feeds.ChangesView,
        {
            200: ChangesPage,
            (400, PROBLEM_CONTENT_TYPE): problem("`since` or `limit` is not valid: `errors` says why."),
            **COMMON_RESPONSES,
        },
    )

    def page(self, request, changes, next_cursor, has_more, next_url):
        return {
            "results": ChangeSerializer(changes, many=True, context={"request": request}).data,
            "next_cursor": next_cursor,
            "has_more": has_more,
            "next": next_url,
        }


COLLECTIONS = {
    "topics": (models.Topic, v1.Topic),
    "conditions": (models.Condition, v1.Condition),
    "mechanisms": (models.Mechanism, v1.Mechanism),
    "anatomy": (models.AnatomicalStructure, v1.Anatomy),
    "red_flags": (models.RedFlag, v1.RedFlag),
    "treatments": (models.Treatment, v1.Treatment),
    "faqs": (Question, v1.Faq),
}


class Snapshot(serializers.Serializer):
    content_version = serializers.IntegerField(help_text="The content revision; the same as the ETag's.")
    generated_at = serializers.DateTimeField()
    topics = v1.Topic(many=True)
    conditions = v1.Condition(many=True)
    mechanisms = v1.Mechanism(many=True)
    anatomy = v1.Anatomy(many=True)
    red_flags = v1.RedFlag(many=True)
    treatments = v1.Treatment(many=True)
    faqs = v1.Faq(many=True)


class SnapshotView(feeds.SnapshotView):
    __doc__ = feeds.SnapshotView.__doc__

    get = feeds.with_responses(feeds.SnapshotView, {200: Snapshot, **feeds.SNAPSHOT_RESPONSES})
    collections = {name: model for name, (model, _serializer) in COLLECTIONS.items()}

    def outline(self, request, content_version, generated_at):
        document = {"content_version": content_version, "generated_at": generated_at}
        return {**document, **{name: [] for name in COLLECTIONS}}

    def items(self, request, key, objects):
        return COLLECTIONS[key][1](objects, many=True, context={"request": request}).data
