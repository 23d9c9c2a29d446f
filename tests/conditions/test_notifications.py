"""Review steps mail whoever they concern, once the step commits: reviewers on submit, the last editor on send
back and on approve. Other steps, and steps that fail, mail nobody."""

import logging
import smtplib

import pytest
import redis
from django.core import mail
from django.core.exceptions import ValidationError

from conditions import workflow
from conditions.models import Condition, Status
from tests.conftest import _staff

pytestmark = pytest.mark.django_db

ADMIN = "http://localhost:8000/admin/conditions/condition"


@pytest.fixture
def labral_tears(seed, editor):
    item = Condition.objects.working().get(slug="labral-tears")
    workflow.record_edit(item=item, by=editor)
    return item


@pytest.fixture
def second_reviewer(django_user_model):
    return _staff(django_user_model, "second-reviewer", "Clinical reviewers")


def sent():
    return [(message.to, message.subject, message.body) for message in mail.outbox]


def test_submitting_mails_each_reviewer(
    labral_tears, editor, reviewer, second_reviewer, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit_for_review(item=labral_tears, by=editor)

    body = (
        f"editor submitted the condition Labral Tears for clinical review.\n\n"
        f"Open it: {ADMIN}/{labral_tears.pk}/change/\n"
    )
    assert sent() == [
        (["reviewer@example.com"], "Waiting for your review: Labral Tears", body),
        (["second-reviewer@example.com"], "Waiting for your review: Labral Tears", body),
    ]
    assert mail.outbox[0].from_email == settings.DEFAULT_FROM_EMAIL


def test_sending_back_mails_the_last_editor_what_to_change(
    labral_tears, editor, reviewer, django_capture_on_commit_callbacks
):
    workflow.submit_for_review(item=labral_tears, by=editor)

    with django_capture_on_commit_callbacks(execute=True):
        workflow.send_back(item=labral_tears, by=reviewer, comment="Quote the article for the summary.")

    assert sent() == [
        (
            ["editor@example.com"],
            "Sent back to you: Labral Tears",
            "reviewer sent the condition Labral Tears back to you. What needs to change:\n\n"
            f"Quote the article for the summary.\n\nOpen it: {ADMIN}/{labral_tears.pk}/change/\n",
        )
    ]


def test_approving_mails_the_last_editor(labral_tears, editor, reviewer, django_capture_on_commit_callbacks):
    workflow.submit_for_review(item=labral_tears, by=editor)

    with django_capture_on_commit_callbacks(execute=True):
        workflow.approve(item=labral_tears, by=reviewer)

    assert sent() == [
        (
            ["editor@example.com"],
            "Approved and published: Labral Tears",
            "reviewer approved the condition Labral Tears: apps now receive it as you last edited it.\n\n"
            f"Open it: {ADMIN}/{labral_tears.pk}/change/\n",
        )
    ]


def test_nobody_is_mailed_about_their_own_step(
    labral_tears, reviewer, second_reviewer, settings, django_capture_on_commit_callbacks
):
    settings.REVIEW_ALLOW_SELF_APPROVAL = True
    workflow.record_edit(item=labral_tears, by=reviewer)

    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit_for_review(item=labral_tears, by=reviewer)
        workflow.approve(item=labral_tears, by=reviewer)  # self-approved: the last editor is the approver

    assert [message.to for message in mail.outbox] == [["second-reviewer@example.com"]]


def test_a_refused_step_mails_nobody(labral_tears, editor, reviewer, django_capture_on_commit_callbacks):
    workflow.submit_for_review(item=labral_tears, by=editor)

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        workflow.send_back(item=labral_tears, by=reviewer, comment="")  # a send back needs a comment

    assert mail.outbox == []


def test_a_mail_server_that_is_down_does_not_undo_the_step(
    labral_tears, editor, reviewer, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    def refuse(*args, **kwargs):
        raise smtplib.SMTPConnectError(421, "down")

    monkeypatch.setattr("conditions.tasks.send_mass_mail", refuse)

    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        workflow.submit_for_review(item=labral_tears, by=editor)

    labral_tears.refresh_from_db()
    assert labral_tears.status == Status.IN_REVIEW
    assert [record.getMessage() for record in caplog.records] == [
        "review notification not sent: ['Waiting for your review: Labral Tears']"
    ]


def test_the_admin_buttons_mail_too(
    editor_client, labral_tears, reviewer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            f"/admin/conditions/condition/{labral_tears.pk}/workflow/", {"transition": "submit"}
        )

    assert response.status_code == 302
    assert [message.subject for message in mail.outbox] == ["Waiting for your review: Labral Tears"]


SMTP = "django.core.mail.backends.smtp.EmailBackend"


def test_smtp_mail_goes_through_the_worker_queue_not_the_request(
    labral_tears, editor, reviewer, monkeypatch, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = SMTP
    queued = []
    monkeypatch.setattr("conditions.tasks.send_review_mail", queued.append)

    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit_for_review(item=labral_tears, by=editor)

    assert [[message[0] for message in messages] for messages in queued] == [
        ["Waiting for your review: Labral Tears"]
    ]
    assert queued[0][0][3] == ["reviewer@example.com"]  # the request sent nothing itself


def test_with_the_queue_down_the_request_sends_the_mail_itself(
    labral_tears, editor, reviewer, monkeypatch, settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = SMTP
    sent_now = []
    monkeypatch.setattr(
        "conditions.tasks.send_mass_mail", lambda messages, **kwargs: sent_now.extend(messages)
    )

    def queue_down(messages):
        raise redis.exceptions.ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr("conditions.tasks.send_review_mail", queue_down)

    with caplog.at_level(logging.WARNING), django_capture_on_commit_callbacks(execute=True):
        workflow.submit_for_review(item=labral_tears, by=editor)

    assert [message[0] for message in sent_now] == ["Waiting for your review: Labral Tears"]
    assert [record.getMessage() for record in caplog.records] == [
        "review notification queue unreachable; sending from the request"
    ]
