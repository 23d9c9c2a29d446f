"""Preview API JSON: what approval would publish, shown without touching the cache, the change log or the
revision, so the API serves only what a clinician approved."""

import json

import pytest
from django.db import transaction
from django.urls import reverse

from conditions import changes, publishing, workflow
from conditions.models import ChangeEvent, Condition
from tests.payloads import url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _direct_content_writes_drop_cached_representations():
    """Overrides tests/conftest.py's: these tests need the representation cache to keep what it is given."""


def preview_url(item):
    return reverse("admin:conditions_condition_preview", args=[item.pk])


@pytest.fixture
def condition(seed):
    return Condition.objects.working().get(slug="labral-tears")


def edit(item, editor, summary):
    item.summary = summary
    item.save()
    workflow.record_edit(item=item, by=editor)


def drop(payload, keys):
    return {key: value for key, value in payload.items() if key not in keys}


def approve(item, editor, reviewer):
    workflow.submit_for_review(item=item, by=editor)
    workflow.approve(item=item, by=reviewer)


def test_previewed_text_is_never_served_after_a_later_approval(
    editor_client, editor, reviewer, api, condition
):
    edit(condition, editor, "B1: previewed, never approved.")
    assert json.loads(editor_client.get(preview_url(condition)).content)["summary"] == condition.summary

    edit(condition, editor, "B2: approved.")
    approve(condition, editor, reviewer)

    served = api.get(url("conditions", "labral-tears")).json()
    assert served["summary"] == "B2: approved."
    assert served["reviewed_by"]["name"] == "Dr Ada Reviewer"


def test_an_item_can_be_previewed_twice(editor_client, editor, condition):
    edit(condition, editor, "Previewed twice.")

    first = editor_client.get(preview_url(condition))
    second = editor_client.get(preview_url(condition))

    assert (first.status_code, second.status_code) == (200, 200)
    volatile = {"updated_at"}  # the rolled-back live row's save time
    assert drop(json.loads(first.content), volatile) == drop(json.loads(second.content), volatile)
    assert json.loads(second.content)["summary"] == "Previewed twice."


def test_a_preview_writes_no_change_event_and_moves_no_revision(editor_client, editor, api, condition):
    before = api.get(url("conditions", "labral-tears"))
    revision, events = changes.newest_change(), ChangeEvent.objects.count()
    edit(condition, editor, "Previewed only.")

    editor_client.get(preview_url(condition))

    assert changes.newest_change() == revision
    assert ChangeEvent.objects.count() == events
    again = api.get(url("conditions", "labral-tears"))
    assert again.json() == before.json()
    assert again["ETag"] == before["ETag"]


def test_a_revision_seen_in_a_rolled_back_publish_is_not_served_after_it(editor, reviewer, api, condition):
    # SQLite gives a rolled-back id to the next insert: a revision is its change event's id *and* time, so a
    # representation rendered inside a transaction that was rolled back is never served for a later one.
    edit(condition, editor, "Rolled back.")
    with transaction.atomic():
        publishing.publish(condition)
        assert api.get(url("conditions", "labral-tears")).json()["summary"] == "Rolled back."
        etag = api.get(url("conditions", "labral-tears"))["ETag"]
        transaction.set_rollback(True)

    edit(condition, editor, "Approved.")
    approve(condition, editor, reviewer)

    served = api.get(url("conditions", "labral-tears"))
    assert served.json()["summary"] == "Approved."
    assert served["ETag"] != etag
