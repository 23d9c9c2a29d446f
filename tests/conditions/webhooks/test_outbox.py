"""The outbox (conditions/outbox.py): a delivery row per matching active subscription, written in the
transaction of the change it announces, sent only once that commits, and never when it rolls back."""

import json

import pytest
from django.urls import reverse

from conditions import versions, workflow
from conditions.models import ChangeEvent, WebhookDelivery
from tests.conditions.webhooks.helpers import (
    Event,
    subscribe,
)


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
    # Nothing sent inside the transaction: the outbox hands its one row to the worker after the commit. (With
    # Redis, the replay's release, hipcontent/api/http/invalidation.py, is another callback.)
    outbox = [callback for callback in callbacks if callback.__module__ == "conditions.outbox"]
    assert len(outbox) == 1 and receiver.requests == []


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
        response = reviewer_client.post(
            url, {"transition": "approve", "version": versions.version_of(in_review)}
        )
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
