"""Snapshot files: all published content of one API version, as one gzip file per origin and content revision.

Rendering 64,000 items on a request took longer than a worker's timeout and held the whole document in memory.
So the document is written once per content revision to API_SNAPSHOT_DIR/<version>/<origin>/, items streamed
in batches through the version's own serializers (its SnapshotView's `outline()` and `items()`), so the file
holds byte for byte the document the view used to render; the web process only streams it
(hipcontent/api/http/files.py).

- The origin (scheme and host) is part of the key because documents hold absolute URLs. The media type is
  not: application/json and application/ld+json are the same bytes; the ETag names it (SnapshotView).
- A file is named `<revision>-<time of the revision in µs>-<uncompressed size>.json.gz` and never rewritten:
  it is written beside, then linked into place under a lock, so a reader sees a whole file or none. The two
  newest per directory are kept: a download that started on the older one finishes (an open file outlives
  its unlinking anyway).
- The build reads the revision and every collection in one repeatable-read transaction on PostgreSQL (one
  transaction on SQLite), so the file is what was published at exactly that revision.
- Who builds: the worker, enqueued by the first request that finds no file for the current revision, and every
  minute for each origin that has files (`refresh_task`), so nothing depends on a message that could be lost.
  Up to API_SNAPSHOT_BUILD_ON_REQUEST items the request builds it itself (`make run` needs no worker).
  Publishing adds nothing to the transaction: no commit callback, no row.
"""

import fcntl
import gzip
import logging
import os
import re
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import islice
from pathlib import Path
from urllib.parse import quote, unquote

from django.conf import settings
from django.core.cache import cache
from django.db import connections, router, transaction
from django.test import RequestFactory
from django.urls import NoReverseMatch, resolve, reverse
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request

from conditions.changes import newest_change
from conditions.models import ChangeEvent
from hipcontent.api.http.outage import shared_cache

log = logging.getLogger(__name__)

# Items serialized per query batch: bounds the build's memory whatever the amount of content. A topic embeds
# its conditions and FAQs: 500 generated topics took 140 MiB at once, 100 take a fifth of it.
BATCH = 100
# Fast enough for 64,000 items in seconds; level 9 costs twice the time for a few per cent.
COMPRESSLEVEL = 6
KEEP = 2
FILE_NAME = re.compile(r"^(\d+)-(\d+)-(\d+)\.json\.gz$")
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Built:
    """A snapshot file: the revision it holds, that revision's time (µs since the epoch), its sizes."""

    path: Path
    revision: int
    stamp: int
    raw_size: int

    @property
    def size(self):
        return self.path.stat().st_size


def stamp(changed_at):
    """The revision's time in whole microseconds (0 before anything was published): SQLite reuses the id of
    a rolled-back change (hipcontent/api/http/cache.py), so a file is keyed by both."""
    return 0 if changed_at is None else (changed_at - EPOCH) // timedelta(microseconds=1)


def directory(version, scheme, host):
    return Path(settings.API_SNAPSHOT_DIR) / version / quote(f"{scheme}://{host}", safe="")


def built(version, scheme, host):
    """The files built for this version and origin, newest first."""
    try:
        names = os.listdir(directory(version, scheme, host))
    except FileNotFoundError:
        return []
    found = []
    for name in names:
        if match := FILE_NAME.match(name):
            revision, at, raw_size = map(int, match.groups())
            found.append(Built(directory(version, scheme, host) / name, revision, at, raw_size))
    return sorted(found, key=lambda file: (file.revision, file.stamp), reverse=True)


def find(version, scheme, host, revision, changed_at):
    """The file built at this revision, or None."""
    at = stamp(changed_at)
    return next((f for f in built(version, scheme, host) if (f.revision, f.stamp) == (revision, at)), None)


def items_up_to(limit):
    """How many items the snapshot holds, counting no further than `limit` + 1 (cheap at any size)."""
    total = 0
    for model in _models():
        total += model.objects.published().order_by().values("pk")[: limit + 1 - total].count()
        if total > limit:
            break
    return total


def _models():
    from conditions import models
    from faq.models import Question

    return (
        models.Topic,
        models.Condition,
        models.Mechanism,
        models.AnatomicalStructure,
        models.RedFlag,
        models.Treatment,
        Question,
    )


def build(version, scheme, host, *, wait=True):
    """Build the file of the current revision unless it exists; return it (None: another process holds the
    lock and `wait` is False, or the origin is no longer allowed)."""
    folder = directory(version, scheme, host)
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            return None
        with _consistent_read():
            revision, changed_at = newest_change()
            if (done := find(version, scheme, host, revision, changed_at)) is not None:
                return done
            request = _request(version, scheme, host)
            if request is None:
                return None
            with tempfile.NamedTemporaryFile(dir=folder, prefix=".building-", delete=False) as raw:
                try:
                    with gzip.GzipFile(
                        fileobj=raw, mode="wb", compresslevel=COMPRESSLEVEL, mtime=0
                    ) as compressed:
                        raw_size = sum(
                            compressed.write(chunk)
                            for chunk in write_document(request, revision, timezone.now())
                        )
                except BaseException:
                    os.unlink(raw.name)
                    raise
        final = folder / f"{revision}-{stamp(changed_at)}-{raw_size}.json.gz"
        os.chmod(raw.name, 0o644)  # readable by the web processes, whoever built it (a temp file is 0600)
        try:
            os.link(raw.name, final)
        finally:
            os.unlink(raw.name)
        _prune(version, scheme, host)
    return Built(final, revision, stamp(changed_at), raw_size)


class _consistent_read(transaction.Atomic):
    """One transaction whose reads all see the same committed state (REPEATABLE READ on PostgreSQL)."""

    def __init__(self):
        super().__init__(router.db_for_read(ChangeEvent), savepoint=True, durable=False)

    def __enter__(self):
        connection = connections[self.using]
        outermost = not connection.in_atomic_block
        super().__enter__()
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")


def _request(version, scheme, host):
    """A request for the snapshot at this origin, as the version's views read one (None: host not allowed)."""
    try:
        path = reverse(f"{version}:snapshot")
    except NoReverseMatch:
        return None
    django_request = RequestFactory().get(path, HTTP_HOST=host, secure=scheme == "https")
    view = resolve(path).func.view_class()
    request = Request(django_request)
    request.version, request.versioning_scheme = version, view.versioning_class()
    request.accepted_renderer, request.accepted_media_type = JSONRenderer(), "application/json"
    view.request, view.format_kwarg = request, None
    try:
        request.get_host()
    except Exception:  # DisallowedHost: ALLOWED_HOSTS changed since the file was first asked for
        return None
    request.view = view
    return request


def write_document(request, revision, generated_at):
    """The snapshot document's bytes, in chunks: what JSONRenderer renders for the whole document."""
    view = request.view
    render = JSONRenderer().render
    head = view.outline(request, revision, generated_at)
    yield b"{"
    for number, (key, value) in enumerate(head.items()):
        yield (b"," if number else b"") + render(key) + b":"
        if key not in view.collections:
            yield render(value)
            continue
        yield b"["
        first = True
        objects = view.collections[key].objects.for_detail().iterator(chunk_size=BATCH)
        while batch := list(islice(objects, BATCH)):
            rendered = render(view.items(request, key, batch))[1:-1]  # without the list's brackets
            yield rendered if first else b"," + rendered
            first = False
        yield b"]"
    yield b"}"


def _prune(version, scheme, host):
    """Called under the directory's lock: the files beyond the two newest, and any build left half-written
    by a process that died (no other build can be running)."""
    for old in built(version, scheme, host)[KEEP:]:
        old.path.unlink(missing_ok=True)
    for left in directory(version, scheme, host).glob(".building-*"):
        left.unlink(missing_ok=True)


# The worker's side (hipcontent/tasks.py registers these with the worker).


def enqueue(version, scheme, host, revision, changed_at):
    """Ask the worker for this origin's file at this revision, once per revision as far as the cache knows."""
    key = f"snapshot-asked:{version}:{scheme}://{host}:{revision}:{stamp(changed_at)}"
    if shared_cache.call("note a snapshot build", cache.add, key, True, 600, fallback=True):
        try:
            build_task(version, scheme, host)
        except Exception:  # the queue is down: `refresh_task` builds it once the worker runs
            log.exception("Could not enqueue the snapshot build for %s %s://%s", version, scheme, host)


@db_task()
def build_task(version, scheme, host):
    build(version, scheme, host, wait=False)


@db_periodic_task(crontab(minute="*"))
def refresh_task():
    """Bring every origin that has snapshot files to the current revision."""
    root = Path(settings.API_SNAPSHOT_DIR)
    revision, changed_at = newest_change()
    for folder in sorted(root.glob("*/*")):
        version, origin = folder.parent.name, unquote(folder.name)
        scheme, _, host = origin.partition("://")
        if not find(version, scheme, host, revision, changed_at):
            build(version, scheme, host, wait=False)
