"""Delivery (conditions/delivery.py): signed requests a receiver can verify on its own, retries with backoff
on an explicit clock, failures recorded in plain words, and dead letters the admin shows and retries."""

import datetime
import socket
import threading
import time

import pytest
from django.urls import reverse

from conditions import delivery, tasks
from conditions.models import WebhookSubscription
from tests.conditions.webhooks.helpers import (
    SECRET,
    Event,
    at,
    outbox_row,
    verify,
)


def test_the_signature_verifies_independently(receiver, db):
    row = outbox_row(receiver.url)
    delivery.deliver(row.pk)

    ((headers, body),) = receiver.requests
    signature, now = headers["Webhook-Signature"], time.time()
    assert verify(SECRET, signature, body, now=now)
    assert not verify("another secret", signature, body, now=now)
    assert not verify(SECRET, signature, body.replace(b"knee", b"hip"), now=now)
    assert not verify(SECRET, signature, body, now=now + 301)  # a replay, more than 5 minutes on


def test_a_receiver_that_fails_twice_gets_the_event_once_after_retries(receiver, db):
    receiver.statuses = [500, 503]
    row = outbox_row(receiver.url)

    assert delivery.deliver(row.pk, now=at(0)) == "pending"
    row.refresh_from_db()
    assert (row.attempts, row.next_attempt_at) == (1, at(30))
    assert row.last_error == "The receiver answered HTTP 500 Internal Server Error."

    assert tasks.retry_due.call_local(now=at(29)) == []
    assert delivery.deliver(row.pk, now=at(29)) is None  # not due: nothing sent
    assert len(receiver.requests) == 1

    assert tasks.retry_due.call_local(now=at(30)) == [row.pk]
    row.refresh_from_db()
    assert (row.state, row.attempts, row.next_attempt_at) == ("pending", 2, at(30 + 60))

    assert tasks.retry_due.call_local(now=at(90)) == [row.pk]
    row.refresh_from_db()
    assert (row.state, row.attempts, row.delivered_at, row.next_attempt_at) == ("delivered", 3, at(90), None)

    assert tasks.retry_due.call_local(now=at(86400)) == []
    assert delivery.deliver(row.pk, now=at(86400)) is None  # delivered: never again
    assert [h["Webhook-Id"] for h, _ in receiver.requests] == [str(row.pk)] * 3


FAILURES = {
    "timeout": "No answer within 0.2 seconds.",
    "refused": "Could not reach the receiver: Connection refused.",
    "redirect": "The receiver redirected (HTTP 302) to https://elsewhere.example/hook; "
    "webhooks do not follow redirects.",
}


@pytest.mark.parametrize("failure", FAILURES)
def test_failures_are_recorded_in_plain_words_never_raised(failure, receiver, db, monkeypatch):
    url = receiver.url
    if failure == "timeout":
        monkeypatch.setattr(delivery, "TIMEOUT", 0.2)
        receiver.gate = threading.Event()  # answers only when the test ends
    elif failure == "refused":
        with socket.socket() as closed:
            closed.bind(("127.0.0.1", 0))
            url = f"http://127.0.0.1:{closed.getsockname()[1]}/hook"
    else:
        receiver.default = 302
    row = outbox_row(url)

    assert delivery.deliver(row.pk, now=at(0)) == "pending"

    row.refresh_from_db()
    assert (row.attempts, row.next_attempt_at, row.last_error) == (1, at(30), FAILURES[failure])


def test_after_max_attempts_it_is_a_dead_letter_the_admin_shows_and_retries(
    receiver, admin_client, django_capture_on_commit_callbacks
):
    receiver.default = 500
    row = outbox_row(receiver.url)
    now, waits = at(0), []
    for _ in range(delivery.MAX_ATTEMPTS):
        delivery.deliver(row.pk, now=now)
        row.refresh_from_db()
        if row.next_attempt_at:
            waits.append((row.next_attempt_at - now).total_seconds())
            now = row.next_attempt_at
    assert waits == [30, 60, 120, 240, 480, 960, 1920]  # doubling, up to a cap of 6 hours:
    assert delivery.backoff(20) == delivery.BACKOFF_CAP == datetime.timedelta(hours=6)
    assert (row.state, row.attempts, row.next_attempt_at) == ("dead", 8, None)
    assert row.last_error.startswith("Gave up after 8 attempts. Last: The receiver answered HTTP 500")
    assert tasks.retry_due.call_local(now=at(86400)) == []
    assert len(receiver.requests) == 8

    changelist = reverse("admin:conditions_webhookdelivery_changelist")
    dead = admin_client.get(changelist, {"state__exact": "dead"})
    assert [r.pk for r in dead.context["cl"].result_list] == [row.pk]
    assert b"Dead letter (gave up)" in dead.content
    assert list(admin_client.get(changelist, {"state__exact": "pending"}).context["cl"].result_list) == []
    detail = admin_client.get(reverse("admin:conditions_webhookdelivery_change", args=[row.pk]))
    assert detail.status_code == 200 and b'name="_save"' not in detail.content  # read-only

    receiver.default = 200  # the app fixed its endpoint
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(changelist, {"action": "retry_now", "_selected_action": [row.pk]})
    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.state, row.attempts) == ("delivered", 9)
    assert len(receiver.requests) == 9


def test_subscriptions_pick_events_by_checkbox_and_hide_the_secret(admin_client, db):
    add = reverse("admin:conditions_webhooksubscription_add")
    assert b'type="checkbox" name="events" value="content.unpublished"' in admin_client.get(add).content
    form = {"name": "Clinic app", "url": "https://clinic.example/hooks", "secret": SECRET, "active": "on"}
    response = admin_client.post(add, {**form, "events": [Event.PUBLISHED, Event.DELETED]})
    assert response.status_code == 302
    assert WebhookSubscription.objects.get().events == ["content.published", "content.deleted"]

    listing = admin_client.get(reverse("admin:conditions_webhooksubscription_changelist")).content
    assert SECRET.encode() not in listing and "whse…".encode() in listing
