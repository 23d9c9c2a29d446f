"""The changes feed and the snapshot, as every API version reads them; each version's `feeds.py` says how
a page and the snapshot look in it (`page()`, `document()`) and documents its responses (`with_responses`).
"""

import datetime

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from conditions.models import ChangeEvent
from hipcontent.api.http.conditional import ConditionalGetMixin
from hipcontent.api.http.state import state
from hipcontent.api.http.throttling import RateLimitHeadersMixin

DEFAULT_LIMIT, MAX_LIMIT = 100, 1000
# A cursor is a change's id, a bigint: longer digit strings would overflow the database's integer.
CURSOR_DIGITS = 18
TOMBSTONES = {ChangeEvent.Kind.UNPUBLISHED, ChangeEvent.Kind.DELETED}


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
    before = ChangeEvent.objects.filter(at__lt=moment).order_by("-id").values_list("id", flat=True).first()
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
        summary="List changes to published content since a cursor",
        parameters=[
            OpenApiParameter("since", str, description="A cursor from this feed, or an ISO 8601 time."),
            # The bounds the server always enforced (a 400 outside them), declared since; the released
            # contracts accept them through openapi/accepted-narrowings.yaml.
            OpenApiParameter(
                "limit",
                {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT},
                description=f"Changes per page, 1 to {MAX_LIMIT} (default 100).",
            ),
        ],
    )
    def get(self, request):
        after = parse_since(request.query_params.get("since"))
        limit = parse_limit(request.query_params.get("limit"))
        # A 304, or the page built earlier at this content revision (hipcontent/api/http/cache.py): apps poll
        # the feed with the same cursor until something changes.
        return self.conditional_or_cached(request, self.changes_page, after, limit)

    def changes_page(self, request, after, limit):
        changes = list(ChangeEvent.objects.filter(id__gt=after).order_by("id")[: limit + 1])
        has_more = len(changes) > limit
        changes = changes[:limit]
        next_cursor = str(changes[-1].id if changes else after)
        next_url = None
        if has_more:
            next_url = request.build_absolute_uri(f"{request.path}?since={next_cursor}&limit={limit}")
        return Response(self.page(request, changes, next_cursor, has_more, next_url))

    def page(self, request, changes, next_cursor, has_more, next_url):
        """The page's document in this view's API version."""
        raise NotImplementedError


class SnapshotView(RateLimitHeadersMixin, ConditionalGetMixin, APIView):
    """All published content in one document, each item as its detail endpoint serves it.

    For apps that work offline, or must not reveal which conditions their users look up. Revalidate it
    cheaply with If-None-Match: it changes only when the content version does.
    """

    @extend_schema(summary="Get all published content in one document")
    def get(self, request):
        if response := self.dispatch_conditional(request):
            return response
        # The revision the ETag was made from (ConditionalGetMixin), not a second read that a publish in
        # between could move on.
        return Response(self.document(request, state(request).revision, timezone.now()))

    def document(self, request, content_version, generated_at):
        """The snapshot in this view's API version."""
        raise NotImplementedError


def with_responses(parent, responses):
    """`parent`'s get(), with the parameters and description it documents, and a version's `responses`."""

    def get(self, request):
        return parent.get(self, request)

    if hasattr(parent.get, "kwargs"):
        get.kwargs = {"schema": parent.get.kwargs["schema"]}  # extend_schema builds on what is there
    return extend_schema(responses=responses)(get)
