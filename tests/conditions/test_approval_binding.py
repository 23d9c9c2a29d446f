"""Approval is bound to what the reviewer read: the Approve button carries the version its page showed, and
an item that changed since is not published."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from conditions import versions, workflow
from conditions.models import Condition
from tests.payloads import url

pytestmark = pytest.mark.django_db


def admin_url(name, *args):
    return reverse(f"admin:conditions_condition_{name}", args=args)


@pytest.fixture
def condition(seed, editor):
    item = Condition.objects.working().get(slug="labral-tears")
    edit(item, editor, "X: what the reviewer reads.")
    workflow.submit_for_review(item=item, by=editor)
    return item


def edit(item, editor, summary):
    item.summary = summary
    item.save()
    workflow.record_edit(item=item, by=editor)


def shown_version(client, item):
    page = client.get(admin_url("change", item.pk)).content.decode()
    return re.search(r'name="seen_version" value="(\d+)"', page)[1]


def test_an_approval_of_a_version_changed_since_is_refused_and_says_what_changed(
    reviewer_client, editor, api, condition
):
    before = api.get(url("conditions", "labral-tears")).json()
    read = shown_version(reviewer_client, condition)
    edit(condition, editor, "Y: written after the reviewer opened it.")
    workflow.submit_for_review(item=condition, by=editor)

    response = reviewer_client.post(
        admin_url("workflow", condition.pk), {"transition": "approve", "version": read}, follow=True
    )

    page = response.content.decode()
    assert "Not approved: Labral Tears changed since you opened it" in page
    assert "summary: “X: what the reviewer reads.” → “Y: written after the reviewer" in page
    condition.refresh_from_db()
    assert condition.status == "in_review"
    assert api.get(url("conditions", "labral-tears")).json() == before


def test_the_version_the_reviewer_read_is_approved(reviewer_client, api, condition):
    read = shown_version(reviewer_client, condition)

    reviewer_client.post(admin_url("workflow", condition.pk), {"transition": "approve", "version": read})

    condition.refresh_from_db()
    assert condition.status == "published"
    assert api.get(url("conditions", "labral-tears")).json()["summary"] == "X: what the reviewer reads."


def test_a_send_back_and_resubmission_in_between_is_a_change_too(reviewer, editor, condition):
    read = versions.version_of(condition)
    workflow.send_back(item=condition, by=reviewer, comment="Shorter, please.")
    workflow.submit_for_review(item=condition, by=editor)

    steps = r"sent back to the editor by reviewer; submitted for review by editor"
    with pytest.raises(ValidationError, match=rf"changed since you opened it \({steps}\)"):
        workflow.approve(item=condition, by=reviewer, seen=read)
