"""The worker's content tasks, on Huey: webhook deliveries and review mail. Start the worker with
`python manage.py run_huey`.

The queue only carries delivery ids; the outbox rows (WebhookDelivery) say what is still to send. So a
message lost with a process, or sent twice, changes nothing: `retry_due` re-enqueues what is due every
minute, and `delivery.deliver` skips a row that is no longer pending and due.
"""

import logging

from django.core.mail import send_mass_mail
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from conditions import delivery

logger = logging.getLogger(__name__)

# Enough for a minute's work; the rest is enqueued the next minute.
RETRY_BATCH = 500


@db_task()
def deliver_task(delivery_id, now=None):
    """Attempt one delivery (now=None: the current time; tests pass a clock).

    Returns nothing: Huey would keep any result in the queue's store until someone read it.
    """
    delivery.deliver(delivery_id, now=now)


@db_periodic_task(crontab(minute="*"))
def retry_due(now=None):
    """Enqueue every pending delivery whose next attempt is due; return their ids."""
    ids = list(delivery.due(now).order_by("id").values_list("id", flat=True)[:RETRY_BATCH])
    for delivery_id in ids:
        deliver_task(delivery_id, now=now)
    return ids


@db_task()
def send_review_mail(messages):
    """Send review notifications (conditions/notifications.py): (subject, body, from, [to]) tuples."""
    send_now(messages)


def send_now(messages):
    try:
        send_mass_mail(messages, fail_silently=False)
    except OSError:  # the mail server is unreachable or refused: the step stands, the log says what was lost
        logger.exception("review notification not sent: %s", [message[0] for message in messages])
