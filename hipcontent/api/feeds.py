"""The changes feed and the snapshot, as every API version reads them; each version's `feeds.py` says how
a page and the snapshot look in it (`page()`, `outline()` and `items()`) and documents its responses
(`with_responses`).
"""

import datetime
import hashlib
import os

from django.conf import settings
from django.http import JsonResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.dateparse import parse_datetime
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from conditions.models import ChangeEvent
from hipcontent.api import snapshot
from hipcontent.api.http import files
from hipcontent.api.http.conditional import ConditionalGetMixin
from hipcontent.api.http.errors import PROBLEM_CONTENT_TYPE, problem
from hipcontent.api.http.schema import COMMON_RESPONSES
from hipcontent.api.http.schema import problem as problem_response
from hipcontent.api.http.state import state
from hipcontent.api.http.throttling import RateLimitHeadersMixin

DEFAULT_LIMIT, MAX_LIMIT = 100, 1000
# A cursor is a change's id, a bigint: longer digit strings would overflow the database's integer.
CURSOR_DIGITS = 18
TOMBSTONES = {ChangeEvent.Kind.UNPUBLISHED, ChangeEvent.Kind.DELETED}
# Seconds a client waits before asking again for a snapshot that is being built for the first time.
RETRY_AFTER = 30


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
    cheaply with If-None-Match: it changes only when the content version does. Ask with
    `Accept-Encoding: gzip` for the compressed file as stored; `Range` resumes an interrupted download. Just
    after a publish the previous version may be served for a while (its own `content_version` and ETag)
    while the new one is being built; a 503 with Retry-After when none was built yet.
    """

    # The document's keys that hold a collection, and the model each one lists (set by each version).
    collections = {}

    @extend_schema(summary="Get all published content in one document")
    def get(self, request):
        for _attempt in range(3):  # a file may be pruned between finding and opening it
            found = self.snapshot_file(request)
            if found is None:
                return self.not_built_yet()
            try:
                opened = open(found.path, "rb")  # noqa: SIM115  (closed by the response, after the last block)
            except FileNotFoundError:
                continue
            return self.serve(request, found, opened)
        return self.not_built_yet()

    def snapshot_file(self, request):
        """The file of the current revision; else the newest built while the worker builds it (None: none)."""
        known = state(request)
        where = (request.version, request.scheme, request.get_host())
        if (found := snapshot.find(*where, known.revision, known.changed_at)) is not None:
            return found
        limit = settings.API_SNAPSHOT_BUILD_ON_REQUEST
        if snapshot.items_up_to(limit) <= limit:
            return snapshot.build(*where)
        snapshot.enqueue(*where, known.revision, known.changed_at)
        return next(iter(snapshot.built(*where)), None)

    def serve(self, request, found, opened):
        gzipped = files.accepts_gzip(request)
        media_type = request.accepted_renderer.media_type
        stat = os.fstat(opened.fileno())
        # The file (and its build), the media type and the encoding: each is another representation.
        key = (
            f"{found.path}|{stat.st_ino}|{stat.st_mtime_ns}|{media_type}|{'gzip' if gzipped else 'identity'}"
        )
        etag = f'"{request.version}-{found.revision}-{hashlib.sha256(key.encode()).hexdigest()[:16]}"'
        last_modified = found.stamp // 1_000_000 or None
        known = state(request)
        known.validators = (etag, last_modified)
        # The file that answers changes when the worker ends a build, which announces nothing: never replayed.
        known.replayable = False
        if response := self.dispatch_conditional(request):
            opened.close()
            return response
        return files.gzip_file_response(
            request,
            opened,
            gzip_size=stat.st_size,
            raw_size=found.raw_size,
            gzipped=gzipped,
            content_type=media_type,
            etag=etag,
            last_modified=last_modified,
        )

    def not_built_yet(self):
        detail = "The snapshot is being built for the first time; try again after Retry-After seconds."
        response = JsonResponse(problem(503, detail), status=503, content_type=PROBLEM_CONTENT_TYPE)
        response["Retry-After"] = str(RETRY_AFTER)
        return response

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_vary_headers(response, ["Accept-Encoding"])
        return response

    def outline(self, request, content_version, generated_at):
        """The document in this view's API version, every collection in it an empty list."""
        raise NotImplementedError

    def items(self, request, key, objects):
        """`objects` as the document lists them under `key`."""
        raise NotImplementedError


# The snapshot's answers besides its 200, in every version.
SNAPSHOT_RESPONSES = {
    (416, PROBLEM_CONTENT_TYPE): problem_response(
        "The `Range` asked for starts past the end of the document."
    ),
    (503, PROBLEM_CONTENT_TYPE): problem_response(
        "No snapshot was built yet (only with much content, right after the first start); Retry-After says "
        "when to ask again."
    ),
    **COMMON_RESPONSES,
}


def with_responses(parent, responses):
    """`parent`'s get(), with the parameters and description it documents, and a version's `responses`."""

    def get(self, request):
        return parent.get(self, request)

    if hasattr(parent.get, "kwargs"):
        get.kwargs = {"schema": parent.get.kwargs["schema"]}  # extend_schema builds on what is there
    return extend_schema(responses=responses)(get)
