"""The content revision and rendered representations, kept in Django's cache (Redis when REDIS_URL is set).

The revision is the id (and time) of the newest ChangeEvent. Every publish, unpublish and deletion writes one,
so a representation can only change when the revision does: a rendered representation is kept with the
revision it was rendered at and served only while that is still the revision (counts use the revision as
their key version), so a publish makes every older entry unreachable at once. Nothing is ever deleted to
invalidate.

A revision is the event's id *and* its time. PostgreSQL never hands out an id twice, but SQLite gives the id
of a rolled-back insert to the next one: whatever was rendered inside a transaction that was rolled back (the
id was never committed) must not be taken for what a later publish with the same id committed. Entries,
counts and ETags are therefore keyed by both.

Where the revision comes from:
- CONTENT_REVISION_CACHE on (the default when REDIS_URL is set): from the cache, falling back to the query on
  a miss. Whoever writes a ChangeEvent sends conditions.changes.revision_changed in its transaction: the
  cached revision is dropped at once (readers query until the commit) and stored again after the commit.
- Off (the default with the per-process local-memory cache): one query per request. A revision cached in one
  gunicorn process's memory would not hear of a publish made by another process, so it is never trusted
  there; the representations are still cached per process, keyed by the revision the query returned.

While Redis cannot be reached (hipcontent/api/http/outage.py) every read here falls back: the revision comes
from the database and a representation is a miss, rendered and not kept. A publish still commits, but the
cached revision it could not drop would stay in Redis (if Redis kept its data, or the network only failed
between this process and Redis) and serve the pre-publish representations, withdrawn content included, until
REVISION_TTL. So every process drops it with its first successful call after an outage (`_drop_revision`):
the processes that saw the outage include the publisher's, and whoever reads the revision next queries the
database. The TTL remains the bound for a process that dies before Redis is back.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from conditions.changes import newest_change
from conditions.models import ChangeEvent
from hipcontent import db_router
from hipcontent.api.http.outage import shared_cache
from hipcontent.api.http.state import state

REVISION_KEY = "content-revision"
# A bound on how long a revision stored by a process that died between its commit and its callback can last.
REVISION_TTL = 300


def content_revision():
    """(revision, when it happened): from the shared cache when it is trusted, else from the database."""
    return revision_and_representation(None)[:2]


def revision_and_representation(request, read=None):
    """(revision, when, representation): the revision as `content_revision()` finds it and, for a request
    (None: none wanted), the representation rendered for it at that revision, or None.

    With the revision in the shared cache both come back in one round trip (MGET): the representation is kept
    under a key that does not name the revision, with its revision inside, and only counts when that matches.
    `read`: {key: value} of `keys_read(request)` already read (by the rate limiter, in its round trip).
    """
    if not settings.CONTENT_REVISION_CACHE:
        current = newest_change()
        found = cached_representation(request, *current) if request is not None else None
        return (*current, found)
    keys = keys_read(request)
    found = (
        read
        if read is not None
        else shared_cache.call("read the revision", cache.get_many, keys, fallback={})
    )
    current = found.get(REVISION_KEY)
    if current is None:
        current = newest_change()
        # add, not set: a publish that committed after our query has stored a newer revision; keep it.
        shared_cache.call("store the revision", cache.add, REVISION_KEY, current, REVISION_TTL)
    return (*current, _at(found.get(keys[1]), tuple(current)) if request is not None else None)


def keys_read(request):
    """The cache keys `revision_and_representation(request)` reads when the revision is in the cache."""
    if not settings.CONTENT_REVISION_CACHE:
        return []
    return [REVISION_KEY] if request is None else [REVISION_KEY, representation_key(request)]


def cached_representation(request, revision, changed_at=None):
    """((revision, when), content, content type, headers) rendered for this request at that revision, or
    None."""
    entry = shared_cache.call("read a representation", cache.get, representation_key(request))
    return _at(entry, (revision, changed_at))


def _at(entry, revision):
    # Else rendered at another revision, or at a rolled-back one that had the same id.
    return entry if entry is not None and entry[0] == revision else None


def revision_changed(**_signal):
    """Receives conditions.changes.revision_changed, in the transaction that writes change events (connected
    in hipcontent/apps.py)."""
    if not settings.CONTENT_REVISION_CACHE:
        return
    # Until the commit, readers query: they see the old revision with the old content, both consistent.
    # Never raises: with Redis down the publish commits, and the revision is dropped when Redis is back.
    shared_cache.call("drop the revision", cache.delete, REVISION_KEY)
    transaction.on_commit(_store_newest)


@shared_cache.on_recovery
def _drop_revision():
    shared_cache.call("drop the revision after an outage", cache.delete, REVISION_KEY)


def _store_newest():
    # Set, then check: a slower publisher's callback may have stored its older revision over a newer one.
    # Whoever stores last checks after storing, so the last value stored is the newest committed one.
    for _attempt in range(5):
        if not shared_cache.available():
            return  # readers query the database meanwhile
        current = newest_change()
        shared_cache.call("store the revision", cache.set, REVISION_KEY, current, REVISION_TTL)
        if newest_change() == current:
            return
    shared_cache.call("drop the revision", cache.delete, REVISION_KEY)


def representation_key(request):
    """What a read's data depends on besides the revision: version, media type, scheme, host, path, query."""
    # Asked for up to three times per request (the rate limiter's read, the revision's, a miss's store).
    known = state(request)
    if known.representation_key is not None:
        return known.representation_key
    parts = (
        request.version,
        getattr(request, "accepted_media_type", ""),
        request.scheme,
        request.get_host(),
        request.get_full_path(),
    )
    # Not the "repr:" of earlier releases, whose entries had another shape: during a rolling deploy neither
    # release reads the other's entries.
    known.representation_key = "rendered:" + hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()
    return known.representation_key


def store_representation(request, revision, response, changed_at=None):
    """Keep a rendered 200's bytes, content type and the headers its view set, unless the database read may
    be behind `revision`. A hit is sent as it was rendered: nothing to unpickle into Python data or to render
    as JSON again."""
    if response.status_code != 200 or not _database_has(revision):
        return
    headers = {name: value for name, value in response.items() if name.lower() != "content-type"}
    entry = ((revision, changed_at), response.content, response["Content-Type"], headers)
    shared_cache.call(
        "store a representation",
        cache.set,
        representation_key(request),
        entry,
        settings.API_REPRESENTATION_CACHE_SECONDS,
    )


def count_per_revision(object_list, revision, count, changed_at=None):
    """`count()` of a list's query, kept per revision; counted afresh when the list is not a plain query."""
    query = getattr(object_list, "query", None)
    if revision is None or query is None:
        return count()
    try:
        sql = repr(query.sql_with_params())
    except Exception:  # e.g. EmptyResultSet: nothing worth keeping
        return count()
    key = "count:" + hashlib.sha256(f"{object_list.db}|{sql}|{changed_at}".encode()).hexdigest()
    found = shared_cache.call("read a count", cache.get, key, version=revision)
    if found is None:
        found = count()
        if _database_has(revision):
            seconds = settings.API_REPRESENTATION_CACHE_SECONDS
            shared_cache.call("store a count", cache.set, key, found, seconds, version=revision)
    return found


def _database_has(revision):
    # With read replicas (hipcontent/db_router.py), the request's content may have been read from a replica
    # that has not replayed the publish yet: never store what it rendered under the newer revision. Ask the
    # database the request read its content from.
    if not revision or not db_router.replica_aliases():
        return True
    return ChangeEvent.objects.using(db_router.read_alias()).filter(id__gte=revision).exists()
