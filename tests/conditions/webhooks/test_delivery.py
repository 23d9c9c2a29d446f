"""Webhooks end to end: the outbox written with each change, signed delivery to real local receivers,
retries with backoff, dead letters in the admin, one delivery under concurrency, and the real worker.

Receivers are http.server instances on 127.0.0.1. Retries are driven with an explicit clock (`now=`).
"""

import datetime
import hashlib
import hmac
import json
import os
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection
from django.urls import reverse
from huey.contrib.djhuey import HUEY

from conditions import delivery, outbox, tasks, workflow
from conditions.models import ChangeEvent, Condition, WebhookDelivery, WebhookSubscription

Event = WebhookSubscription.Event
State = WebhookDelivery.State
T0 = datetime.datetime(2030, 1, 1, 9, 0, tzinfo=datetime.UTC)
SECRET = "whsec-test-0123456789abcdef"
ROOT = Path(__file__).resolve().parents[3]
REDIS_URL = os.environ.get("REDIS_URL", "")
POSTGRES = connection.vendor == "postgresql"


class Receiver:
    """An app's webhook endpoint: records each request and answers the next status in `statuses`."""

    def __init__(self):
        self.statuses, self.default, self.requests = [], 200, []
        self.arrived, self.gate = threading.Event(), None
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append((self.headers, body))
                receiver.arrived.set()
                if receiver.gate is not None:
                    receiver.gate.wait(10)
                status = receiver.statuses.pop(0) if receiver.statuses else receiver.default
                self.send_response(status)
                self.send_header("Location", "https://elsewhere.example/hook")
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address):
                pass  # a client that gave up (timeout tests) is expected

        self.server = Server(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()

    def close(self):
        if self.gate is not None:
            self.gate.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(autouse=True)
def _immediate_huey():
    """Tasks run in-process, whatever the environment says (the Makefile sets HUEY_IMMEDIATE=1 too)."""
    was, HUEY.immediate = HUEY.immediate, True
    yield
    HUEY.immediate = was


@pytest.fixture
def receiver():
    receiver = Receiver()
    yield receiver
    receiver.close()


def subscribe(url, *, events=(Event.PUBLISHED,), active=True, name="App"):
    fields = {"name": name, "url": url, "events": list(events), "secret": SECRET, "active": active}
    return WebhookSubscription.objects.create(**fields)


def outbox_row(url):
    """A pending delivery of a `content.published` event, as fan_out writes it, but not enqueued."""
    subscription = subscribe(url)
    change = ChangeEvent.objects.create(kind=ChangeEvent.Kind.CREATED, item_type="condition", slug="knee")
    return WebhookDelivery.objects.create(
        subscription=subscription,
        change=change,
        event=Event.PUBLISHED,
        payload=outbox.payload(change),
        next_attempt_at=change.at,
    )


@pytest.fixture
def in_review(editor):
    item = Condition.objects.create(slug="knee-pain", name="Knee Pain", summary="Version one.")
    workflow.submit_for_review(item=item, by=editor)
    return item


def at(seconds):
    """The injected clock: `seconds` after T0."""
    return T0 + datetime.timedelta(seconds=seconds)


def verify(secret, header, body, *, now, tolerance=300):
    """A receiver's own check, written from the docs: never imports the signing code."""
    parts = dict(part.split("=", 1) for part in header.split(","))
    timestamp = int(parts["t"])
    if abs(now - timestamp) > tolerance:
        return False
    expected = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, parts["v1"])


# ---- the outbox, written with the change


def test_approving_writes_a_row_per_matching_active_subscription(
    in_review, reviewer, receiver, django_capture_on_commit_callbacks
):
    wanted = subscribe(receiver.url, events=[Event.PUBLISHED, Event.DELETED])
    subscribe(receiver.url, active=False, name="Paused")
    subscribe(receiver.url, events=[Event.DELETED], name="Deletions only")

    with django_capture_on_commit_callbacks() as callbacks:
        workflow.approve(item=in_review, by=reviewer)

    change = ChangeEvent.objects.get()
    row = WebhookDelivery.objects.get()
    assert (row.subscription, row.change, row.state) == (wanted, change, "pending")
    assert row.payload == {
        "id": change.id,
        "event": "content.published",
        "type": "condition",
        "slug": "knee-pain",
        "at": change.at.isoformat(),
    }
    assert row.next_attempt_at == change.at
    assert len(callbacks) == 1 and receiver.requests == []  # nothing sent inside the transaction


def fail_the_approval(client, item, reviewer, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("the review log is down")

    monkeypatch.setattr(workflow, "log", fail)  # after publishing, before the transaction commits
    with pytest.raises(RuntimeError):
        workflow.approve(item=item, by=reviewer)


def preview(client, item, reviewer, monkeypatch):
    response = client.get(reverse("admin:conditions_condition_preview", args=[item.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("rolled_back", [preview, fail_the_approval])
def test_nothing_is_written_or_sent_when_the_change_rolls_back(
    rolled_back,
    in_review,
    reviewer,
    reviewer_client,
    receiver,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    subscribe(receiver.url)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        rolled_back(reviewer_client, in_review, reviewer, monkeypatch)

    assert callbacks == []
    assert not ChangeEvent.objects.exists() and not WebhookDelivery.objects.exists()
    assert receiver.requests == []


def test_the_reviewers_request_returns_before_anything_is_sent(
    in_review, reviewer_client, receiver, django_capture_on_commit_callbacks
):
    subscribe(receiver.url)
    url = reverse("admin:conditions_condition_workflow", args=[in_review.pk])

    with django_capture_on_commit_callbacks() as callbacks:
        response = reviewer_client.post(url, {"transition": "approve"})
    assert response.status_code == 302
    row = WebhookDelivery.objects.get()
    assert (row.state, row.attempts, receiver.requests) == ("pending", 0, [])

    for callback in callbacks:  # the commit: deliveries are enqueued, and run at once in tests
        callback()

    row.refresh_from_db()
    assert (row.state, row.attempts, row.last_error) == ("delivered", 1, "")
    ((headers, body),) = receiver.requests
    assert headers["Content-Type"] == "application/json"
    assert (headers["Webhook-Id"], headers["Webhook-Event"]) == (str(row.pk), "content.published")
    assert body == json.dumps(row.payload, separators=(",", ":")).encode()


# ---- delivery


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


# ---- concurrency and the real worker


@pytest.mark.skipif(not POSTGRES, reason="SQLite has no row locks: two workers are tested on PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_at_once_deliver_once(receiver):
    row = outbox_row(receiver.url)
    receiver.gate = threading.Event()  # the first request hangs, holding the row's lock

    def first_worker():
        try:
            delivery.deliver(row.pk)
        finally:
            connection.close()

    first = threading.Thread(target=first_worker)
    first.start()
    assert receiver.arrived.wait(5)
    assert delivery.deliver(row.pk) is None  # the second worker skips the locked row at once
    receiver.gate.set()
    first.join(10)

    row.refresh_from_db()
    assert (row.state, row.attempts, len(receiver.requests)) == ("delivered", 1, 1)


def database_url():
    db = connection.settings_dict
    auth = quote(db["USER"]) + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{quote(db['NAME'])}"


@pytest.mark.skipif(
    not (REDIS_URL and POSTGRES),
    reason="the real worker needs REDIS_URL (its queue) and a PostgreSQL DATABASE_URL "
    "(SQLite's in-memory test database is invisible to another process)",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_real_worker_delivers_from_redis(receiver, tmp_path):
    from huey.storage import RedisStorage

    row = outbox_row(receiver.url)
    # The web process's enqueue, onto the queue the worker reads (the settings' name, on Redis).
    message = HUEY.serialize_task(tasks.deliver_task.s(row.pk))
    RedisStorage(HUEY.name, url=REDIS_URL).enqueue(message)

    env = {**os.environ, "HUEY_IMMEDIATE": "0", "REDIS_URL": REDIS_URL, "DATABASE_URL": database_url()}
    env.setdefault("SECRET_KEY", "test-only-not-secret")
    log = tmp_path / "worker.log"
    with log.open("wb") as out:
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "run_huey"], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )
        try:
            deadline = time.monotonic() + 30
            delivered = WebhookDelivery.objects.filter(pk=row.pk, state=State.DELIVERED)
            while not delivered.exists() and time.monotonic() < deadline and worker.poll() is None:
                time.sleep(0.1)
        finally:
            worker.terminate()
            try:
                worker.wait(10)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()

    assert len(receiver.requests) == 1, log.read_text()
    assert receiver.requests[0][0]["Webhook-Id"] == str(row.pk)
    row.refresh_from_db()
    assert row.state == "delivered"
