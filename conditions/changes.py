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
"""

from django.db import connections, router, transaction
from django.dispatch import Signal

from conditions import outbox
from conditions.models import ChangeEvent, ConditionRelation, Publishable, Status, TreatmentAnatomy
from conditions.models.topic import TopicLink

# The change log's lock: any bigint that no other advisory lock uses ("hc" "log" in ASCII).
CHANGE_LOG_LOCK = 0x6863_6C6F67

# Sent (sender=ChangeEvent) in a transaction that wrote change events, or changed content without them.
revision_changed = Signal()


def newest_change():
    """(id, time) of the newest change event; (0, None) before anything was published. One query."""
    return ChangeEvent.objects.order_by("-id").values_list("id", "at").first() or (0, None)


def announce():
    """Tell whoever keeps copies of published content that the revision moves when this transaction commits.
    Call it in any transaction that changes live rows without `record` (a bulk load)."""
    revision_changed.send(sender=ChangeEvent)


def record(kind, live, *, slug=None):
    """Record that the live row `live` was created, updated, unpublished or deleted (under `slug`)."""
    [change] = _record([ChangeEvent(kind=kind, item_type=live.api_name, slug=slug or live.slug)])
    return change


def record_dependents(live):
    """An `updated` event for every published item whose representation shows `live`."""
    kind = ChangeEvent.Kind.UPDATED
    _record([ChangeEvent(kind=kind, item_type=item.api_name, slug=item.slug) for item in _dependents(live)])


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
    for field in live._meta.get_fields():
        if not field.is_relation or not _may_show(field.related_model):
            continue
        for obj in _related(live, field):
            obj = _shown_by(obj, live)
            key = (type(obj), obj.pk)
            public = isinstance(obj, Publishable) and obj.is_live and obj.status == Status.PUBLISHED
            if public and key not in seen:
                seen.add(key)
                yield obj


def _shown_by(obj, live):
    """The item whose representation shows `obj`: a link row stands for the item at its other end."""
    if isinstance(obj, TopicLink):
        return obj.topic
    if isinstance(obj, ConditionRelation):  # each condition's detail shows the relation
        return obj.other if obj.condition_id == live.pk else obj.condition
    if isinstance(obj, TreatmentAnatomy):  # a treatment's detail shows the structures it is given into
        return obj.treatment
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
