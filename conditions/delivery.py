"""Webhooks, the worker's side: POST a pending outbox row, signed; on failure retry with exponential
backoff until MAX_ATTEMPTS, when the row becomes a dead letter (the rows: conditions/outbox.py).
"""

import datetime
import hashlib
import hmac
import http.client
import json
import logging
import urllib.error
import urllib.request

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from conditions.models import WebhookDelivery

logger = logging.getLogger(__name__)

TIMEOUT = 5  # seconds to wait for a receiver to connect and answer
MAX_ATTEMPTS = 8  # failed attempts before a delivery becomes a dead letter
BACKOFF_BASE = datetime.timedelta(seconds=30)  # wait after the first failure; doubles after each one
BACKOFF_CAP = datetime.timedelta(hours=6)  # the longest wait between two attempts
USER_AGENT = "hipcontent-webhooks/1"

Pending = WebhookDelivery.State.PENDING


def backoff(attempts):
    """How long to wait after the `attempts`-th failed attempt."""
    return min(BACKOFF_BASE * 2 ** (attempts - 1), BACKOFF_CAP)


def sign(secret, timestamp, body):
    """The Webhook-Signature header: `t=<timestamp>,v1=<hex HMAC-SHA256 of "<timestamp>.<body>">`."""
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def encode(data):
    """The request body: compact JSON, UTF-8."""
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def due(now=None):
    """Pending deliveries whose time has come, to active subscriptions."""
    now = now or timezone.now()
    return WebhookDelivery.objects.filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now),
        state=Pending,
        subscription__active=True,
    )


def deliver(delivery_id, *, now=None):
    """Attempt one delivery, if it is still pending and due; return its state, or None if skipped.

    The row stays locked while the request is made, so two workers never send the same delivery at once:
    the second skips it. A failed request is recorded and retried later; it never raises.
    """
    now = now or timezone.now()
    with transaction.atomic():
        delivery = (
            due(now)
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("subscription")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None:
            return None
        error = _post(delivery, now)
        delivery.attempts += 1
        if error is None:
            delivery.state = WebhookDelivery.State.DELIVERED
            delivery.delivered_at = now
            delivery.next_attempt_at = None
            delivery.last_error = ""
        else:
            _failed(delivery, error, now)
        delivery.save(update_fields=["state", "attempts", "next_attempt_at", "last_error", "delivered_at"])
    return delivery.state


def _failed(delivery, error, now):
    if delivery.attempts >= MAX_ATTEMPTS:
        delivery.state = WebhookDelivery.State.DEAD
        delivery.next_attempt_at = None
        delivery.last_error = f"Gave up after {delivery.attempts} attempts. Last: {error}"
        logger.warning("Webhook delivery %s is a dead letter: %s", delivery.pk, error)
    else:
        delivery.next_attempt_at = now + backoff(delivery.attempts)
        delivery.last_error = error
        logger.info(
            "Webhook delivery %s failed, retry at %s: %s", delivery.pk, delivery.next_attempt_at, error
        )


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer to report, not to follow: urllib would resend the POST as a bodiless GET."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def _post(delivery, now):
    """POST the delivery; None when the receiver answered 2xx, else what went wrong, in plain words."""
    body = encode(delivery.payload)
    request = urllib.request.Request(
        delivery.subscription.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            "Webhook-Id": str(delivery.pk),
            "Webhook-Event": delivery.event,
            "Webhook-Signature": sign(delivery.subscription.secret, int(now.timestamp()), body),
        },
    )
    try:
        with _opener.open(request, timeout=TIMEOUT) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        error.close()
        if 300 <= error.code < 400:
            where = error.headers.get("Location", "elsewhere")
            return (
                f"The receiver redirected (HTTP {error.code}) to {where}; webhooks do not follow redirects."
            )
        return f"The receiver answered HTTP {error.code} {error.reason}."
    except TimeoutError:
        return f"No answer within {TIMEOUT} seconds."
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, TimeoutError):
            return f"No answer within {TIMEOUT} seconds."
        return f"Could not reach the receiver: {getattr(reason, 'strerror', None) or reason}."
    except (OSError, http.client.HTTPException, ValueError) as error:
        return f"The request failed: {error.__class__.__name__}: {error}."
    if 200 <= status < 300:
        return None
    return f"The receiver answered HTTP {status}."
