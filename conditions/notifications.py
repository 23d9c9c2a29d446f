"""Review notifications by email: reviewers hear that an item waits for them, its last editor that it was
sent back (with what to change) or approved.

Sent once the step's transaction commits, so a step rolled back sends nothing. Over SMTP the worker sends
them (conditions/tasks.py), so a slow or hung mail server never holds an editor's request (up to EMAIL_TIMEOUT
per attempt); the console backend of `make run` prints them from the request. A mail server that is down is
logged and does not undo the step (the review log and the dashboard still say what happened). When the queue
itself cannot be reached, the mail is sent from the request instead: late is better than lost.
"""

import logging
import sqlite3

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from redis.exceptions import RedisError

from conditions.models import ReviewEvent

logger = logging.getLogger(__name__)

# What enqueueing raises when Huey's store cannot be reached: Redis in production, a SQLite file without it.
QUEUE_ERRORS = (RedisError, sqlite3.Error, OSError)
SMTP = "django.core.mail.backends.smtp.EmailBackend"

SUBJECTS = {
    ReviewEvent.Action.SUBMITTED: "Waiting for your review: {item}",
    ReviewEvent.Action.SENT_BACK: "Sent back to you: {item}",
    ReviewEvent.Action.APPROVED: "Approved and published: {item}",
}

OPENINGS = {
    ReviewEvent.Action.SUBMITTED: "{by} submitted the {kind} {item} for clinical review.",
    ReviewEvent.Action.SENT_BACK: (
        "{by} sent the {kind} {item} back to you. What needs to change:\n\n{comment}"
    ),
    ReviewEvent.Action.APPROVED: (
        "{by} approved the {kind} {item}: apps now receive it as you last edited it."
    ),
}


def step_taken(*, item, action, by, comment=""):
    """Mail whoever a review step concerns, after the step commits. Other steps mail nobody."""
    if action not in SUBJECTS:
        return
    recipients = sorted({user.email for user in _recipients(item, action) if user.email and user.pk != by.pk})
    if not recipients:
        return
    opts = item._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk])
    words = {"item": str(item), "kind": opts.verbose_name, "by": by.get_full_name() or by.username}
    subject = SUBJECTS[action].format(**words)
    body = OPENINGS[action].format(comment=comment, **words) + f"\n\nOpen it: {settings.ADMIN_URL}{url}\n"
    messages = [(subject, body, None, [address]) for address in recipients]
    transaction.on_commit(lambda: _queue(messages))


def _recipients(item, action):
    if action == ReviewEvent.Action.SUBMITTED:
        return get_user_model().objects.with_perm(
            "conditions.publish_content",
            include_superusers=False,
            backend="django.contrib.auth.backends.ModelBackend",  # axes is listed first, and holds none
        )
    editor = type(item)._base_manager.filter(pk=item.pk).values_list("last_edited_by", flat=True).first()
    return get_user_model().objects.filter(pk=editor, is_active=True) if editor else []


def _queue(messages):
    from conditions import tasks  # the tasks module imports the delivery code, which the admin needs not load

    if settings.EMAIL_BACKEND != SMTP:
        tasks.send_now(messages)  # console, file or memory: nothing to wait for, and `make run` has no worker
        return
    try:
        tasks.send_review_mail(messages)
    except QUEUE_ERRORS:
        logger.warning("review notification queue unreachable; sending from the request", exc_info=True)
        tasks.send_now(messages)
