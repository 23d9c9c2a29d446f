"""The workflow buttons submit the change form: what was typed is saved, then the step is taken; a stale form
takes no step; an approval publishes the version the page showed and never saves edits of its own."""

import pytest
from django.test import Client
from django.urls import reverse

from conditions import workflow
from conditions.models import Condition, ReviewEvent
from tests.conditions.test_stale_edits import opened
from tests.conftest import _staff
from tests.payloads import url

pytestmark = pytest.mark.django_db


def change_url(item):
    return reverse("admin:conditions_condition_change", args=[item.pk])


@pytest.fixture
def condition(seed):
    return Condition.objects.working().get(slug="labral-tears")


def errors(response):
    return response.context["adminform"].form.non_field_errors()


def test_typing_then_submit_for_review_saves_the_typing_and_submits_it(editor_client, api, condition):
    before = api.get(url("conditions", "labral-tears")).json()
    form = opened(editor_client, condition)

    response = editor_client.post(
        change_url(condition),
        {**form, "summary": "Typed, then submitted.", "_transition": "submit", "workflow_comment": "Ready."},
    )

    assert (response.status_code, response["Location"]) == (302, change_url(condition))
    condition.refresh_from_db()
    assert (condition.summary, condition.status, condition.last_edited_by.username) == (
        "Typed, then submitted.",
        "in_review",
        "editor",
    )
    step = ReviewEvent.objects.get()
    assert (step.action, step.user.username, step.comment) == ("submitted", "editor", "Ready.")
    assert api.get(url("conditions", "labral-tears")).json() == before  # not live until approved


def test_a_stale_form_takes_no_step_and_saves_nothing(editor_client, django_user_model, condition):
    stale = opened(editor_client, condition)
    second = Client()
    second.force_login(_staff(django_user_model, "second-editor", "Editors"))
    second.post(change_url(condition), {**opened(second, condition), "summary": "Second editor's."})

    response = editor_client.post(
        change_url(condition), {**stale, "summary": "First editor's.", "_transition": "submit"}
    )

    assert response.status_code == 200
    [error] = errors(response)
    assert error.startswith("Not submitted: Labral Tears changed since you opened it (summary: ")
    condition.refresh_from_db()
    assert (condition.summary, condition.status) == ("Second editor's.", "draft")
    assert not ReviewEvent.objects.exists()


def test_approve_on_the_change_form_publishes_the_version_the_page_showed(
    editor_client, reviewer_client, api, condition
):
    editor_client.post(
        change_url(condition),
        {**opened(editor_client, condition), "summary": "For review.", "_transition": "submit"},
    )

    response = reviewer_client.post(
        change_url(condition), {**opened(reviewer_client, condition), "_transition": "approve"}
    )

    assert response.status_code == 302
    condition.refresh_from_db()
    assert condition.status == "published"
    served = api.get(url("conditions", "labral-tears")).json()
    assert (served["summary"], served["reviewed_by"]["name"]) == ("For review.", "Dr Ada Reviewer")


def test_approve_with_typing_on_the_page_is_refused_and_saves_nothing(
    editor_client, reviewer_client, condition
):
    editor_client.post(
        change_url(condition),
        {**opened(editor_client, condition), "summary": "For review.", "_transition": "submit"},
    )

    response = reviewer_client.post(
        change_url(condition),
        {**opened(reviewer_client, condition), "summary": "Typed by the reviewer.", "_transition": "approve"},
    )

    assert response.status_code == 200
    assert errors(response) == [
        "Not approved: approval publishes the saved version you read, and does not save edits. Save your "
        "edits first (another clinical reviewer then approves them), or reload the page."
    ]
    condition.refresh_from_db()
    assert (condition.summary, condition.status) == ("For review.", "in_review")


def test_the_page_warns_before_leaving_unsaved_typing(editor_client, editor, condition):
    workflow.record_edit(item=condition, by=editor)  # a draft: it has the Submit button
    page = editor_client.get(change_url(condition)).content.decode()

    assert 'window.addEventListener("beforeunload"' in page
    assert '<button type="submit" name="_transition" value="submit"' in page
    assert 'form="workflow-form"' not in page  # no separate form that would drop the typing
