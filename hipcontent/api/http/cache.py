"""Content revisions and rendered representations, kept in Django's cache (Redis when REDIS_URL is set).

A representation depends on the items it shows, and only a change event of one of them can change it. Each
view says which events those are, its scope (`conditions.changes.Scope`, the view's `revision_scope()`):

- a detail: its own item's events (collection and slug). An item whose representation shows another (a
  topic embedding a condition) gets its own `updated` event whenever that one changes, is unpublished or
  deleted, and an item stops linking it (conditions/changes.py), so its own events are all it depends on;
- a list: its collection's events, and those of the collections its filters read (`?topic=` reads the
  topics' links): a condition list does not change when a FAQ is published, and changes when a member does;
- search: the collections searched (`type=`); the changes feed, the snapshot and everything else: all events.

The scope's revision is the id (and time) of its newest event: the ETag and Last-Modified name it, a
rendered representation is kept with the revision it was rendered at and served only while that is still
the revision (counts use it as their key version). So a publish makes the entries of what it changed
unreachable and leaves every other entry and ETag as it was. Nothing is ever deleted to invalidate.

A revision is the event's id *and* its time. PostgreSQL never hands out an id twice, but SQLite gives the id
of a rolled-back insert to the next one: whatever was rendered inside a transaction that was rolled back (the
id was never committed) must not be taken for what a later publish with the same id committed. Entries,
counts and ETags are therefore keyed by both.

Where the revision comes from:
- Off (the default with the per-process local-memory cache): one query per request, the scope's newest
  event. A revision cached in one gunicorn process's memory would not hear of a publish made by another
  process, so it is never trusted there; the representations are still cached per process, keyed by it.
- CONTENT_REVISION_CACHE on (the default when REDIS_URL is set): the newest event of all (the global
  revision) is kept in the cache, falling back to the query on a miss. Whoever writes a ChangeEvent sends
  conditions.changes.revision_changed in its transaction: the cached global revision is dropped at once
  (readers query until the commit) and stored again after the commit. Each entry also records the global
  revision it was last found valid at (`Validity.checked_at`): while that is still the global revision,
  nothing was published since and the entry is served as it is, with no query (the global revision and the
  entry come in one round trip, MGET). Once anything was published, the next read of the entry asks the
  database for its scope's revision (one indexed query): unchanged, the entry is stamped with the new global
  revision and served, its bytes and ETag unchanged; else it is rendered again. Per-scope revisions are
  never kept in the cache: there would be one per item, and a publish (or an outage) could not drop them all.

While Redis cannot be reached (hipcontent/api/http/outage.py) every read here falls back: the revision comes
from the database and a representation is a miss, rendered and not kept. A publish still commits, but the
cached revision it could not drop would stay in Redis (if Redis kept its data, or the network only failed
between this process and Redis) and serve the pre-publish representations, withdrawn content included, until
REVISION_TTL. So every process drops it with its first successful call after an outage (`_drop_revision`):
the processes that saw the outage include the publisher's, and whoever reads the revision next queries the
database; every entry's stamp is then older than the global revision, so each is checked against its scope.
The TTL remains the bound for a process that dies before Redis is back.
"""

import hashlib
from collections.abc import Callable
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from conditions.changes import EVERYTHING, Scope, newest_change, newest_change_query
from conditions.models import ChangeEvent
from hipcontent import db_router
from hipcontent.api.http import rediscalls
from hipcontent.api.http.outage import shared_cache
from hipcontent.api.http.state import host, state
from hipcontent.api.prepared import Ahead, PreparedQuery

REVISION_KEY = "content-revision"
# A bound on how long a revision stored by a process that died between its commit and its callback can last.
REVISION_TTL = 300


class Validity(NamedTuple):
    """When a kept representation may be served: while its scope's revision is `revision`, (id, time).
    `checked_at`: the global revision, (id, time), at which that was last read from the database; None when
    the revision cache is off."""

    revision: tuple
    checked_at: tuple | None


def newest_in(scope):
    """`newest_change(scope)`, its query compiled once per kind of scope (prepared on PostgreSQL): building
    and compiling the QuerySet cost twice what running it does, on every uncached read (issue 15)."""
    found = _revision_query_of(scope)
    if found is None:
        return newest_change(scope)  # no collection: no query to prepare (Django sends none)
    return _newest(found[0].rows(*found[1]))


class Pending(NamedTuple):
    """`newest_in(scope)` sent ahead of the render's own queries (prepared.Ahead): `read()` returns it."""

    read: Callable[[], tuple]


def newest_in_later(scope):
    """`newest_in(scope)`, read in the round trip of the next statements this thread runs (their first
    statement, so never after the content it names): one round trip less for an uncached read."""
    found = _revision_query_of(scope)
    if found is None:
        value = newest_change(scope)
        return Pending(lambda: value)
    ahead = Ahead(*found)
    return Pending(lambda: _newest(ahead.rows()))


def _newest(rows):
    return rows[0] if rows else (0, None)


def _revision_query_of(scope):
    """(PreparedQuery, values) that read the scope's revision; None for a scope of no collection."""
    if scope.item_types is None:
        kind, values = None, ()
    elif not scope.item_types:
        return None
    else:
        kind = (len(scope.item_types), scope.slug is not None)
        values = (*scope.item_types, scope.slug) if scope.slug is not None else scope.item_types
    query = _REVISION_QUERIES.get(kind)
    if query is None:
        query = _REVISION_QUERIES[kind] = _revision_query(kind)
    return query, values


# Kind of scope (None: everything; else the number of collections, and whether a slug is given) → its query.
_REVISION_QUERIES = {}


def _revision_query(kind):
    if kind is None:
        return PreparedQuery(newest_change_query)
    collections, by_slug = kind
    # Values no collection or slug has (a slug is letters, digits, - and _), one per parameter.
    placeholders = [f"<collection {n}>" for n in range(collections)] + (["<slug>"] if by_slug else [])

    def build(*values):
        return newest_change_query(Scope(values[:collections], values[collections] if by_slug else None))

    return PreparedQuery(build, *placeholders)


def content_revision():
    """(revision, when it happened) of all content: from the shared cache when it is trusted, else from the
    database."""
    return revision_and_representation(None)[:2]


def revision_and_representation(request, read=None, later=False):
    """(revision, when, representation): the revision of the request's scope (None: of all content) and, for
    a request, the representation rendered for it at that revision, or None.

    With the global revision in the shared cache both come back in one round trip (MGET): the representation
    is kept under a key that does not name the revision, with its Validity inside. `read`: {key: value} of
    `keys_read(request)` already read (by the rate limiter, in its round trip). `later`: the view reads its
    content with prepared queries only (prepared.run_together), so when nothing is cached for the request
    the scope's revision can be read in their round trip: the revision is then a `Pending` (when: None).
    """
    scope = _scope(request)
    if not settings.CONTENT_REVISION_CACHE:
        current = newest_in(scope)
        found = cached_representation(request, *current) if request is not None else None
        return (*current, found)
    keys = keys_read(request)
    found = (
        read
        if read is not None
        else shared_cache.call("read the revision", rediscalls.get_many, keys, fallback={})
    )
    newest = found.get(REVISION_KEY)
    if newest is None and scope != EVERYTHING and shared_cache.down:
        # Redis is out: nothing can be stamped or kept, so the scope's own revision is all the request needs.
        return (*newest_in(scope), None)
    if newest is None:
        newest = newest_in(EVERYTHING)
        # add, not set: a publish that committed after our query has stored a newer revision; keep it.
        shared_cache.call("store the revision", cache.add, REVISION_KEY, newest, REVISION_TTL)
    newest = tuple(newest)
    if request is None:
        return (*newest, None)
    state(request).checked_at = newest
    entry = found.get(keys[1])
    if scope == EVERYTHING:
        return (*newest, _at(entry, newest))
    if entry is not None and entry[0].checked_at == newest:
        return (*entry[0].revision, entry)  # nothing was published since it was last found valid
    if entry is None and later and not db_router.replica_aliases():
        # With replicas the content may be read on another connection than the revision, and the order
        # prepared.Ahead keeps on one connection would not hold.
        return (newest_in_later(scope), None, None)
    current = tuple(newest_in(scope))
    if _at(entry, current) is not None:
        _keep(request, (Validity(current, newest), *entry[1:]), newest)  # still valid: a new stamp
        return (*current, entry)
    return (*current, None)


def _scope(request):
    found = state(request).revision_scope if request is not None else None
    return EVERYTHING if found is None else found


def keys_read(request):
    """The cache keys `revision_and_representation(request)` reads when the revision is in the cache."""
    if not settings.CONTENT_REVISION_CACHE:
        return []
    return [REVISION_KEY] if request is None else [REVISION_KEY, representation_key(request)]


def cached_representation(request, revision, changed_at=None):
    """(Validity, content, content type, headers) rendered for this request at that revision of its scope,
    or None."""
    entry = shared_cache.call("read a representation", rediscalls.get, representation_key(request))
    return _at(entry, (revision, changed_at))


def _at(entry, revision):
    # Else rendered at another revision, or at a rolled-back one that had the same id.
    return entry if entry is not None and entry[0].revision == tuple(revision) else None


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
    if known.representation_key is None:
        media_type = getattr(request, "accepted_media_type", "")
        known.representation_key = representation_key_of(request, request.version, media_type)
    return known.representation_key


def representation_key_of(request, version, media_type):
    """The representation key of a request to `version` answered in `media_type`: DRF's negotiated one, or
    the fast path's (hipcontent/api/http/fast.py) on Django's request, before DRF."""
    parts = (version, media_type, request.scheme, host(request), request.get_full_path())
    # Not the "repr:" or "rendered:" of earlier releases, whose entries had another shape: during a rolling
    # deploy neither release reads the other's entries.
    return "scoped:" + hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()


def store_representation(request, revision, response, changed_at=None):
    """Keep a rendered 200's bytes, content type and the headers its view set, unless the database read may
    be behind `revision`. A hit is sent as it was rendered: nothing to unpickle into Python data or to render
    as JSON again."""
    if response.status_code != 200:
        return
    headers = {name: value for name, value in response.items() if name.lower() != "content-type"}
    validity = Validity((revision, changed_at), state(request).checked_at)
    entry = (validity, response.content, response["Content-Type"], headers)
    _keep(request, entry, validity.checked_at or validity.revision)


def _keep(request, entry, newest):
    # The scope's revision was read after `newest`: a database that has `newest` answered it up to date.
    if not database_has(newest[0]):
        return
    seconds = settings.API_REPRESENTATION_CACHE_SECONDS
    shared_cache.call(
        "store a representation", rediscalls.put_later, representation_key(request), entry, seconds
    )


def list_sql(object_list):
    """What a list's count and page marks (seek.py) are kept under: its query's SQL and parameters, filters
    and order included; None when it is not a plain query."""
    query = getattr(object_list, "query", None)
    if query is None:
        return None
    try:
        return repr(query.sql_with_params())
    except Exception:  # e.g. EmptyResultSet: nothing worth keeping
        return None


def count_key(object_list, sql=None):
    """The cache key of a list's count at any revision, or None when it is not a plain query: known before
    the revision is, so the rate limiter can read it in its round trip (`keys_read` of the view). `sql`:
    its `list_sql()`, when the caller has it."""
    sql = list_sql(object_list) if sql is None else sql
    if sql is None:
        return None
    return "counted:" + hashlib.sha256(f"{object_list.db}|{sql}".encode()).hexdigest()


def count_per_revision(object_list, revision, count, changed_at=None, sql=None, read=None):
    """`count()` of a list's query, kept per revision; counted afresh when the list is not a plain query.
    `sql`: its `list_sql()`, when the caller has it. `read`: (keys, {key: value found}) the rate limiter
    read in its round trip (throttling.py): when they include the count's key, it is not read again.

    One entry per list, (revision, its time, count): a count of another revision is counted again."""
    key = None if revision is None else count_key(object_list, sql)
    if key is None:
        return count()
    if read is not None and key in read[0]:
        found = read[1].get(key)
    else:
        found = shared_cache.call("read a count", rediscalls.get, key)
    if found is not None and tuple(found[:2]) == (revision, changed_at):
        return found[2]
    counted = count()
    if database_has(revision):
        seconds = settings.API_REPRESENTATION_CACHE_SECONDS
        entry = (revision, changed_at, counted)
        shared_cache.call("store a count", rediscalls.put, key, entry, seconds)
    return counted


def database_has(revision):
    # With read replicas (hipcontent/db_router.py), the request's content may have been read from a replica
    # that has not replayed the publish yet: never store what it rendered under the newer revision. Ask the
    # database the request read its content from.
    if not revision or not db_router.replica_aliases():
        return True
    return ChangeEvent.objects.using(db_router.read_alias()).filter(id__gte=revision).exists()
