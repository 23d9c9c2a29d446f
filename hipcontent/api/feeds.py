"""For apps that mirror the content: the changes feed (with tombstones) and the bulk snapshot."""

import datetime

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from conditions import models
from conditions.api import v1 as conditions_v1
from faq.api import v1 as faq_v1
from faq.models import Question
from hipcontent.api.conditional import ConditionalGetMixin
from hipcontent.api.errors import PROBLEM_CONTENT_TYPE
from hipcontent.api.throttling import RateLimitHeadersMixin
from hipcontent.api.views import COMMON_RESPONSES, problem

DEFAULT_LIMIT, MAX_LIMIT = 100, 1000
# A cursor is a change's id, a bigint: longer digit strings would overflow the database's integer.
CURSOR_DIGITS = 18
TOMBSTONES = {models.ChangeEvent.Kind.UNPUBLISHED, models.ChangeEvent.Kind.DELETED}


class ChangeSerializer(serializers.Serializer):
    cursor = serializers.CharField(source="id", help_text="Pass as `since` to continue after this change.")
    kind = serializers.ChoiceField(choices=models.ChangeEvent.Kind.choices)
    type = serializers.CharField(source="item_type", help_text="The collection: topic, condition, faq, ...")
    slug = serializers.SlugField()
    at = serializers.DateTimeField()
    url = serializers.SerializerMethodField(help_text="Where to fetch the item; null for a tombstone.")

    def get_url(self, change) -> str | None:
        if change.kind in TOMBSTONES:
            return None
        return reverse(
            f"{change.item_type}-detail", kwargs={"slug": change.slug}, request=self.context["request"]
        )


class ChangesPage(serializers.Serializer):
    results = ChangeSerializer(many=True)
    next_cursor = serializers.CharField(help_text="Pass as `since` next time; the same if nothing changed.")
    has_more = serializers.BooleanField(help_text="Whether more changes follow right away.")
    next = serializers.URLField(allow_null=True, help_text="The URL of the following page, if has_more.")


def parse_since(raw):
    """The id after which to read changes: `since` is a cursor from this feed, or an ISO 8601 time."""
    if raw in (None, ""):
        return 0
    if raw.isascii() and raw.isdigit() and len(raw) <= CURSOR_DIGITS:
        return int(raw)
    try:
        moment = parse_datetime(raw) if len(raw) <= 40 else None
        if moment is not None:
            # In UTC: PostgreSQL refuses offsets beyond ±15:59 (a 500), though ISO 8601 allows up to ±23:59.
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment, datetime.UTC)
            moment = moment.astimezone(datetime.UTC)
    except (ValueError, OverflowError):  # not a real time (2026-02-30T00:00), or past year 9999 in UTC
        moment = None
    if moment is None:
        raise ValidationError(
            {"since": ["Give a cursor from this feed or an ISO 8601 time, e.g. 2026-01-31T00:00Z."]}
        )
    before = (
        models.ChangeEvent.objects.filter(at__lt=moment).order_by("-id").values_list("id", flat=True).first()
    )
    return before or 0


def parse_limit(raw):
    if raw is None:
        return DEFAULT_LIMIT
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= MAX_LIMIT:
        raise ValidationError({"limit": [f"Must be a whole number from 1 to {MAX_LIMIT}."]})
    return int(raw)


class ChangesView(RateLimitHeadersMixin, ConditionalGetMixin, APIView):
    """Every create, update, unpublish and deletion of published content, oldest first.

    Replaying the feed from the start (fetching `url` for created and updated items, dropping the item for a
    tombstone) ends with exactly the published content. Keep `next_cursor` and pass it as `since` next time.
    """

    @extend_schema(
        parameters=[
            OpenApiParameter("since", str, description="A cursor from this feed, or an ISO 8601 time."),
            OpenApiParameter("limit", int, description=f"Changes per page, 1 to {MAX_LIMIT} (default 100)."),
        ],
        responses={
            200: ChangesPage,
            (400, PROBLEM_CONTENT_TYPE): problem("`since` or `limit` is not valid: `errors` says why."),
            **COMMON_RESPONSES,
        },
    )
    def get(self, request):
        after = parse_since(request.query_params.get("since"))
        limit = parse_limit(request.query_params.get("limit"))
        # A 304, or the page built earlier at this content revision (hipcontent/api/cache.py): apps poll
        # the feed with the same cursor until something changes.
        return self.conditional_or_cached(request, self.changes_page, after, limit)

    def changes_page(self, request, after, limit):
        changes = list(models.ChangeEvent.objects.filter(id__gt=after).order_by("id")[: limit + 1])
        has_more = len(changes) > limit
        changes = changes[:limit]
        next_cursor = str(changes[-1].id if changes else after)
        next_url = None
        if has_more:
            next_url = request.build_absolute_uri(f"{request.path}?since={next_cursor}&limit={limit}")
        return Response(self.page(request, changes, next_cursor, has_more, next_url))

    def page(self, request, changes, next_cursor, has_more, next_url):
        """The page's document in this view's API version (v2 overrides it)."""
        return {
            "results": ChangeSerializer(changes, many=True, context={"request": request}).data,
            "next_cursor": next_cursor,
            "has_more": has_more,
            "next": next_url,
        }


COLLECTIONS = {
    "topics": (models.Topic, conditions_v1.Topic),
    "conditions": (models.Condition, conditions_v1.Condition),
    "mechanisms": (models.Mechanism, conditions_v1.Mechanism),
    "anatomy": (models.AnatomicalStructure, conditions_v1.Anatomy),
    "red_flags": (models.RedFlag, conditions_v1.RedFlag),
    "treatments": (models.Treatment, conditions_v1.Treatment),
    "faqs": (Question, faq_v1.Faq),
}


class Snapshot(serializers.Serializer):
    content_version = serializers.IntegerField(help_text="The content revision; the same as the ETag's.")
    generated_at = serializers.DateTimeField()
    topics = conditions_v1.Topic(many=True)
    conditions = conditions_v1.Condition(many=True)
    mechanisms = conditions_v1.Mechanism(many=True)
    anatomy = conditions_v1.Anatomy(many=True)
    red_flags = conditions_v1.RedFlag(many=True)
    treatments = conditions_v1.Treatment(many=True)
    faqs = faq_v1.Faq(many=True)


class SnapshotView(RateLimitHeadersMixin, ConditionalGetMixin, APIView):
    """All published content in one document, each item as its detail endpoint serves it.

    For apps that work offline, or must not reveal which conditions their users look up. Revalidate it
    cheaply with If-None-Match: it changes only when the content version does.
    """

    @extend_schema(responses={200: Snapshot, **COMMON_RESPONSES})
    def get(self, request):
        if response := self.dispatch_conditional(request):
            return response
        # The revision the ETag was made from (ConditionalGetMixin), not a second read that a publish in
        # between could move on.
        return Response(self.document(request, request.content_revision, timezone.now()))

    def document(self, request, content_version, generated_at):
        """The snapshot in this view's API version (v2 overrides it)."""
        context = {"request": request}
        document = {"content_version": content_version, "generated_at": generated_at}
        for name, (model, serializer) in COLLECTIONS.items():
            document[name] = serializer(model.objects.for_detail(), many=True, context=context).data
        return document
