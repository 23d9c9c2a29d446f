"""Recording what changed in the published content, for the changes feed, ETags and webhooks.

Every event is written in the transaction of the change, so a change and its event exist together or not
at all. Items whose published representation shows the changed item (a topic that embeds a condition, a
mechanism that lists it) get an `updated` event too: an app that mirrors them learns to fetch them again.

The feed reads `id > cursor` and the revision is the newest id: both need events to commit in id order. Two
publishes in flight could commit out of it (the slower one holding the lower id), and a reader would step
past the lower id for ever. So writing to the change log takes a transaction-level lock first
(PostgreSQL's `pg_advisory_xact_lock`): a second writer waits until the first commits, then takes its ids.
SQLite lets one writer at a time anyway.

The content revision is the change log's too: the id (and time) of the newest event. Every publish,
unpublish and deletion writes one, so a published representation can only change when the revision does.
Whoever keeps copies (the API's caches) listens to `revision_changed`, sent in the transaction that writes
the events; this module never learns who listens.

An item's own revision is the newest event of its collection and slug (`newest_change(Scope(...))`). Since
every item whose representation shows a changed item gets its own event in the same transaction, an item's
representation can only change when its own revision does: a publish moves the revisions of the items it
touches and no others. That holds only if `_dependents` finds every item that shows the changed one, before
and after the change: the items it stops linking stop showing it (`publishing.publish` asks before copying).
"""

from dataclasses import dataclass

from django.db import connections, router, transaction
from django.db.models import BigIntegerField, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.dispatch import Signal

from conditions import outbox
from conditions.models import ChangeEvent, ConditionRelation, Publishable, Status, Treatment, TreatmentAnatomy
from conditions.models.topic import TopicCondition, TopicLink

# The change log's lock: any bigint that no other advisory lock uses ("hc" "log" in ASCII).
CHANGE_LOG_LOCK = 0x6863_6C6F67

# Sent (sender=ChangeEvent) in a transaction that wrote change events, or changed content without them.
revision_changed = Signal()


@dataclass(frozen=True)
class Scope:
    """Which change events can change a representation: those of the collections `item_types` (None: of
    any), and of those only the item `slug` (with one collection) when it is given."""

    item_types: tuple[str, ...] | None = None
    slug: str | None = None


EVERYTHING = Scope()


def newest_change(scope=EVERYTHING):
    """(id, time) of the newest change event in `scope`; (0, None) before anything in it was published. One
    query (an index serves each kind of scope: conditions/models/changes.py)."""
    return newest_change_query(scope).first() or (0, None)


def newest_change_query(scope=EVERYTHING):
    """The query `newest_change(scope)` runs: (id, time) of the scope's newest event, at most one row. Its
    parameters are the scope's collections and slug, each in its own place: the API compiles it once per
    kind of scope and runs it with each scope's values (hipcontent/api/http/cache.py)."""
    events = ChangeEvent.objects.all()
    if scope.item_types is None:
        pass  # the end of the primary key
    elif scope.slug is not None:  # an item's few events, found by collection and slug, then sorted
        events = events.filter(item_type__in=scope.item_types, slug=scope.slug)
    elif len(scope.item_types) == 1:
        return _newest_of(scope.item_types[0]).values_list("id", "at")[:1]
    else:
        # The newest of each collection's newest: each one row read from the end of its part of the index.
        # Coalesce: a collection with no event yet counts as 0 (SQLite's MAX() of a NULL is NULL).
        newest = [
            Coalesce(Subquery(_newest_of(one).values("id")[:1]), 0, output_field=BigIntegerField())
            for one in scope.item_types
        ]
        events = events.filter(id=Greatest(*newest))
    return events.order_by("-id").values_list("id", "at")[:1]


def _newest_of(item_type):
    """The events of one collection, newest first, in the order of the index `changeevent_type_newest`.

    Bounded above and below rather than equal, and ordered by the collection too: PostgreSQL takes an
    equality for a constant, is left with ORDER BY id, which the primary key serves as well, and chose it at
    scale: walking back from the newest event of all through every newer event of other collections (52,500
    FAQ events before the newest condition's at 64,000 items: 15 ms, against 0.05 ms from this index).
    """
    bounded = ChangeEvent.objects.filter(item_type__gte=item_type, item_type__lte=item_type)
    return bounded.order_by("-item_type", "-id")


def announce():
    """Tell whoever keeps copies of published content that the revision moves when this transaction commits.
    Call it in any transaction that changes live rows without `record` (a bulk load)."""
    revision_changed.send(sender=ChangeEvent)


def record(kind, live, *, slug=None):
    """Record that the live row `live` was created, updated, unpublished or deleted (under `slug`)."""
    [change] = _record([ChangeEvent(kind=kind, item_type=live.api_name, slug=slug or live.slug)])
    return change


def dependents(live):
    """The published items whose representation shows `live`, as they are now: ask before a change that
    may drop links (`record_dependents(..., also=)`)."""
    return list(_dependents(live))


def record_dependents(live, *, also=()):
    """An `updated` event for every published item whose representation shows `live`, and for the items
    `also` (`dependents(live)` before the change: those it no longer links show it no more)."""
    kind = ChangeEvent.Kind.UPDATED
    items = {(item.api_name, item.slug): None for item in [*also, *_dependents(live)] if _public(item)}
    _record([ChangeEvent(kind=kind, item_type=api_name, slug=slug) for api_name, slug in items])


def _record(events):
    # One INSERT, one revision bump and one look-up of the webhook subscriptions for all the events: a
    # widely linked item has dozens of dependents. bulk_create sets the ids, in order, on both databases.
    if not events:
        return []
    with transaction.atomic():
        _hold_the_change_log()
        changes = ChangeEvent.objects.bulk_create(events)
        announce()
        outbox.fan_out(changes)
    return changes


def _hold_the_change_log():
    """Until this transaction ends, no other can write change events: ids then commit in their order."""
    connection = connections[router.db_for_write(ChangeEvent)]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHANGE_LOG_LOCK])


def _dependents(live):
    seen = {(type(live), live.pk)}
    for obj in _showing(live):
        key = (type(obj), obj.pk)
        if _public(obj) and key not in seen:
            seen.add(key)
            yield obj


def _public(obj):
    return isinstance(obj, Publishable) and obj.is_live and obj.status == Status.PUBLISHED


def _showing(live):
    for field in live._meta.get_fields():
        if not field.is_relation or not _may_show(field.related_model):
            continue
        for obj in _related(live, field):
            if (shown_by := _shown_by(obj, live)) is not None:
                yield shown_by
            if field.one_to_many and field.remote_field.name == "parent":
                # A topic embeds each item it links with the item's parent (an anatomical structure's, a
                # treatment's): the topics that link a part show its parent too.
                yield from (link.topic for link in obj.topic_links.all())


def _shown_by(obj, live):
    """The item whose representation shows `live`, for `obj` related to it: a link row stands for the item
    at its other end; None when that item does not show `live`."""
    if isinstance(obj, TopicLink):
        if obj.topic_id != live.pk or not isinstance(live, type(obj.topic)):
            return obj.topic  # a topic shows every item it links
        # The topic changed: of the items it links, a condition shows the topics that link it (and how).
        return obj.condition if isinstance(obj, TopicCondition) else None
    if isinstance(obj, ConditionRelation):  # each condition's detail shows the relation
        return obj.other if obj.condition_id == live.pk else obj.condition
    if isinstance(obj, TreatmentAnatomy):  # a treatment's detail shows the structures it is given into
        return None if isinstance(live, Treatment) else obj.treatment  # a structure's shows no treatment
    return obj


def _may_show(model):
    link_rows = (TopicLink, ConditionRelation, TreatmentAnatomy)
    return model is not None and (issubclass(model, Publishable) or issubclass(model, link_rows))


def _related(live, field):
    if field.many_to_many or field.one_to_many:
        accessor = field.get_accessor_name() if field.auto_created and not field.concrete else field.name
        return getattr(live, accessor).all()
    target = getattr(live, field.name, None) if field.concrete else None
    return [target] if target is not None else []
