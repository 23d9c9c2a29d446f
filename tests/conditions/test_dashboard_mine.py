"""The dashboard shows the signed-in editor what was sent back to them (with the reviewer's comment) and their
drafts; another editor's drafts are theirs."""

import pytest
from django.test import Client
from django.urls import reverse

from conditions import workflow
from conditions.models import Condition, RedFlag
from tests.conftest import _staff

pytestmark = pytest.mark.django_db

COMMENT = "Quote the article for the pain locations."


def working(model, slug):
    return model.objects.working().get(slug=slug)


@pytest.fixture
def items(seed, editor, reviewer, django_user_model):
    labral_tears = working(Condition, "labral-tears")
    workflow.record_edit(item=labral_tears, by=editor)  # a draft of theirs
    osteoarthritis = working(Condition, "hip-osteoarthritis")
    workflow.record_edit(item=osteoarthritis, by=editor)
    workflow.submit_for_review(item=osteoarthritis, by=editor)
    workflow.send_back(item=osteoarthritis, by=reviewer, comment=COMMENT)
    night_pain = working(RedFlag, "persistent-pain")
    workflow.record_edit(item=night_pain, by=_staff(django_user_model, "other-editor", "Editors"))
    return labral_tears, osteoarthritis, night_pain


def url_of(item):
    return reverse(f"admin:conditions_{item._meta.model_name}_change", args=[item.pk])


def test_an_editor_sees_what_was_sent_back_to_them_and_their_drafts(editor_client, items):
    labral_tears, osteoarthritis, _others = items

    response = editor_client.get(reverse("review-dashboard"))

    assert response.status_code == 200
    assert [row["item"] for row in response.context["sent_back"]] == [osteoarthritis]
    assert [row["item"] for row in response.context["drafts"]] == [labral_tears]
    page = response.content.decode()
    assert "<h2>Sent back to me (1)</h2>" in page and "<h2>My drafts (1)</h2>" in page
    assert f'<td><a href="{url_of(osteoarthritis)}">Hip Osteoarthritis</a></td>' in page
    assert f"<td>{COMMENT}</td>" in page
    assert f'<td><a href="{url_of(labral_tears)}">Labral Tears</a></td>' in page


def test_a_resubmitted_item_leaves_sent_back(editor_client, editor, items):
    _labral_tears, osteoarthritis, _others = items
    workflow.submit_for_review(item=osteoarthritis, by=editor)

    response = editor_client.get(reverse("review-dashboard"))

    assert response.context["sent_back"] == []
    assert [row["item"].slug for row in response.context["waiting"]] == ["hip-osteoarthritis"]


def test_another_editors_drafts_are_theirs(items, django_user_model):
    *_mine, night_pain = items
    other = Client()
    other.force_login(django_user_model.objects.get(username="other-editor"))

    response = other.get(reverse("review-dashboard"))

    assert response.context["sent_back"] == []
    assert [row["item"] for row in response.context["drafts"]] == [night_pain]


def test_nothing_of_theirs_says_so(reviewer_client, seed):
    page = reviewer_client.get(reverse("review-dashboard")).content.decode()

    assert '<td colspan="4">Nothing was sent back to you.</td>' in page
    assert '<td colspan="3">You have no drafts.</td>' in page
