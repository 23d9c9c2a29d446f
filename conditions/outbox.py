"""Webhooks, the outbox side: a row per subscriber for every change, written in the change's transaction.

`fan_out` runs inside the change's transaction and only writes rows: the outbox is the source of truth.
Once the change commits, each new row is enqueued for the worker (conditions/tasks.py), which delivers it
(conditions/delivery.py). The periodic `retry_due` task re-enqueues every pending row that is due, so a lost
enqueue only delays a delivery. See docs/webhooks.md for what receivers get and how they verify it.
"""

from django.db import transaction
from django.utils import timezone

from conditions.models import ChangeEvent, WebhookDelivery, WebhookSubscription
from conditions.tasks import deliver_task

EVENT_NAMES = {
    ChangeEvent.Kind.CREATED: WebhookSubscription.Event.PUBLISHED,
    ChangeEvent.Kind.UPDATED: WebhookSubscription.Event.UPDATED,
    ChangeEvent.Kind.UNPUBLISHED: WebhookSubscription.Event.UNPUBLISHED,
    ChangeEvent.Kind.DELETED: WebhookSubscription.Event.DELETED,
}


def payload(change):
    return {
        "id": change.id,
        "event": EVENT_NAMES[change.kind],
        "type": change.item_type,
        "slug": change.slug,
        "at": change.at.isoformat(),
    }


def fan_out(changes):
    """An outbox row for each active subscription to each change's event, in the changes' transaction.

    No network I/O here: the rows are enqueued for the worker once the transaction commits, and never if
    it rolls back (the rows go with it).
    """
    subscriptions = list(WebhookSubscription.objects.filter(active=True))
    rows = WebhookDelivery.objects.bulk_create(
        WebhookDelivery(
            subscription=subscription, change=change, event=event, payload=body, next_attempt_at=change.at
        )
        for change, event, body in ((c, EVENT_NAMES[c.kind], payload(c)) for c in changes)
        for subscription in subscriptions
        if event in subscription.events
    )
    if rows:
        ids = [row.pk for row in rows]
        # robust: the change is committed by then; a queue that is down must not fail the editor's request.
        # retry_due picks the rows up later.
        transaction.on_commit(lambda: enqueue(ids), robust=True)
    return rows


def enqueue(delivery_ids):
    """Hand deliveries to the worker's queue."""
    for delivery_id in delivery_ids:
        deliver_task(delivery_id)


def rearm(queryset, *, now=None):
    """Make the dead or pending deliveries in `queryset` due now and enqueue them; return their ids.

    A re-armed dead letter gets one more attempt: if it fails again, it is dead again.
    """
    now = now or timezone.now()
    rows = queryset.exclude(state=WebhookDelivery.State.DELIVERED)
    ids = list(rows.values_list("pk", flat=True))
    WebhookDelivery.objects.filter(pk__in=ids).exclude(state=WebhookDelivery.State.DELIVERED).update(
        state=WebhookDelivery.State.PENDING, next_attempt_at=now
    )
    transaction.on_commit(lambda: enqueue(ids), robust=True)
    return ids
