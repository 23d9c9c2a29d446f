"""What the webhook tests share: a receiver (an app's endpoint, on 127.0.0.1), subscriptions and outbox rows,
the injected clock, and a receiver's own signature check."""

import datetime
import hashlib
import hmac
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from django.db import connection

from conditions import outbox
from conditions.models import ChangeEvent, WebhookDelivery, WebhookSubscription

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
