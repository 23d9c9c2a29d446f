"""The review workflow, through its service functions, as the API then shows it."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from conditions import workflow
from conditions.models import Condition, RedFlag, ReviewEvent, Status, Topic
from tests.payloads import url

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(editor):
    return Condition.objects.create(slug="knee-pain", name="Knee Pain", summary="Version one.")


def in_review(item, editor):
    workflow.submit_for_review(item=item, by=editor)
    return item


def published(item, editor, reviewer):
    workflow.approve(item=in_review(item, editor), by=reviewer)
    return item


def served(api, slug, collection="conditions"):
    response = api.get(url(collection, slug))
    return response.json() if response.status_code == 200 else response.status_code


def test_a_new_item_is_a_draft_the_api_does_not_serve(api, draft):
    assert draft.status == Status.DRAFT
    assert served(api, "knee-pain") == 404


def test_submitting_puts_it_in_review_and_logs_who(api, draft, editor):
    workflow.submit_for_review(item=draft, by=editor, comment="Ready.")

    draft.refresh_from_db()
    assert draft.status == Status.IN_REVIEW
    assert served(api, "knee-pain") == 404
    event = ReviewEvent.objects.get()
    assert (event.action, event.slug, event.user, event.comment) == (
        "submitted",
        "knee-pain",
        editor,
        "Ready.",
    )


def test_only_a_draft_can_be_submitted(draft, editor):
    in_review(draft, editor)
    with pytest.raises(ValidationError, match=r"Only a draft can be submitted; this one is In review\."):
        workflow.submit_for_review(item=draft, by=editor)


@pytest.mark.parametrize("step", [workflow.approve, workflow.unpublish])
def test_an_editor_cannot_publish_or_unpublish(draft, editor, step):
    in_review(draft, editor)
    with pytest.raises(PermissionDenied, match="Only clinical reviewers"):
        step(item=draft, by=editor)


def test_an_editor_cannot_send_back(draft, editor):
    in_review(draft, editor)
    with pytest.raises(PermissionDenied):
        workflow.send_back(item=draft, by=editor, comment="No.")


def test_a_reviewer_needs_a_profile_to_approve(draft, editor, reviewer):
    reviewer.reviewer_profile.delete()
    reviewer.refresh_from_db()
    in_review(draft, editor)
    with pytest.raises(ValidationError, match="Add your reviewer profile"):
        workflow.approve(item=draft, by=reviewer)


def test_approving_publishes_with_the_review_stamped(api, draft, editor, reviewer, settings):
    settings.REVIEW_INTERVAL_DAYS = 30
    published(draft, editor, reviewer)

    today = timezone.localdate()
    data = served(api, "knee-pain")
    assert data["summary"] == "Version one."
    assert data["last_reviewed"] == today.isoformat()
    assert data["reviewed_by"] == {"name": "Dr Ada Reviewer", "credentials": "PT, DPT"}
    assert data["next_review_due"] == (today + datetime.timedelta(days=30)).isoformat()
    assert "reviewer@example.com" not in str(data)


def test_sending_back_needs_a_comment_and_returns_it_to_draft(draft, editor, reviewer):
    in_review(draft, editor)
    with pytest.raises(ValidationError, match="a comment is required"):
        workflow.send_back(item=draft, by=reviewer, comment="  ")

    workflow.send_back(item=draft, by=reviewer, comment="Cite the source.")

    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert ReviewEvent.objects.filter(action="sent_back", comment="Cite the source.").exists()


def test_an_edit_to_published_content_is_not_live_until_approved(api, draft, editor, reviewer):
    published(draft, editor, reviewer)
    draft.summary = "Version two."
    draft.save()
    workflow.record_edit(item=draft, by=editor)

    assert draft.status == Status.DRAFT
    assert served(api, "knee-pain")["summary"] == "Version one."

    published(draft, editor, reviewer)
    assert served(api, "knee-pain")["summary"] == "Version two."


def test_a_topic_embeds_the_approved_version_of_a_condition_under_edit(api, seed, editor, reviewer):
    condition = Condition.objects.working().get(slug="labral-tears")
    approved = condition.summary
    condition.summary = "An unreviewed edit."
    condition.save()
    workflow.record_edit(item=condition, by=editor)

    article = served(api, "hip-pain-buttock-discomfort", "topics")
    embedded = {item["slug"]: item for item in article["conditions"]["items"]}
    assert embedded["labral-tears"]["summary"] == approved

    published(condition, editor, reviewer)
    article = served(api, "hip-pain-buttock-discomfort", "topics")
    embedded = {item["slug"]: item for item in article["conditions"]["items"]}
    assert embedded["labral-tears"]["summary"] == "An unreviewed edit."


def test_a_link_to_an_unapproved_item_appears_once_that_item_is_approved(api, draft, editor, reviewer):
    red_flag = RedFlag.objects.create(slug="new-sign", sign="A sign.", urgency="soon", action="See someone.")
    draft.red_flags.add(red_flag)
    published(draft, editor, reviewer)

    assert served(api, "knee-pain")["red_flags"] == []
    assert served(api, "new-sign", "red-flags") == 404

    published(red_flag, editor, reviewer)
    assert [link["slug"] for link in served(api, "knee-pain")["red_flags"]] == ["new-sign"]


def test_unpublishing_withdraws_it_from_the_api_and_from_topics(api, seed, editor, reviewer):
    condition = Condition.objects.working().get(slug="labral-tears")
    workflow.unpublish(item=condition, by=reviewer, comment="Under revision.")

    condition.refresh_from_db()
    assert condition.status == Status.UNPUBLISHED
    assert served(api, "labral-tears") == 404
    article = served(api, "hip-pain-buttock-discomfort", "topics")
    assert "labral-tears" not in [item["slug"] for item in article["conditions"]["items"]]


def test_an_unpublished_item_comes_back_through_review(api, seed, editor, reviewer):
    condition = Condition.objects.working().get(slug="labral-tears")
    workflow.unpublish(item=condition, by=reviewer)
    workflow.record_edit(item=condition, by=editor)
    published(condition, editor, reviewer)

    assert served(api, "labral-tears")["slug"] == "labral-tears"


def test_only_a_reviewer_deletes_published_content(api, seed, editor, reviewer):
    condition = Condition.objects.working().get(slug="labral-tears")
    with pytest.raises(ValidationError, match=r"Only a clinical reviewer can delete published content\."):
        workflow.delete(item=condition, by=editor)

    # Nothing may link it (tests/conditions/test_delete_links.py): its topic, FAQs and other conditions.
    condition.topic_links.all().delete()
    condition.questions.clear()
    condition.inverse_relations.all().delete()  # FAI can lead to labral tears; hip issues to SI
    workflow.delete(item=condition, by=reviewer)

    assert not Condition.objects.working().filter(slug="labral-tears").exists()
    assert served(api, "labral-tears") == 404
    assert ReviewEvent.objects.filter(action="deleted", slug="labral-tears", user=reviewer).exists()


def test_an_item_a_topic_links_cannot_be_deleted_until_unlinked(seed, reviewer):
    condition = Condition.objects.working().get(slug="labral-tears")
    # A topic links it, a FAQ, and a condition's relation (FAI can lead to labral tears): topics first.
    message = (
        r"Labral Tears is still linked from Hip Pain: .*, FAQ .*, condition Femoroacetabular Impingement\. "
        r"Remove those links first\."
    )
    with pytest.raises(ValidationError, match=message):
        workflow.delete(item=condition, by=reviewer)

    assert Condition.objects.working().filter(slug="labral-tears").exists()
    assert not ReviewEvent.objects.filter(action="deleted").exists()


def test_an_editor_deletes_a_draft(draft, editor):
    workflow.delete(item=draft, by=editor)
    assert not Condition.objects.filter(slug="knee-pain").exists()


def test_a_new_item_with_a_deleted_items_slug_takes_over_its_withdrawn_live_row(api, draft, editor, reviewer):
    published(draft, editor, reviewer)
    workflow.delete(item=draft, by=reviewer)
    again = Condition.objects.create(slug="knee-pain", name="Knee Pain", summary="Written again.")
    published(again, editor, reviewer)

    assert Condition.objects.filter(slug="knee-pain", is_live=True).count() == 1
    assert served(api, "knee-pain")["summary"] == "Written again."


def test_the_roles_are_groups_and_only_reviewers_may_publish():
    editors, reviewers = Group.objects.get(name="Editors"), Group.objects.get(name="Clinical reviewers")
    assert not editors.permissions.filter(codename="publish_content").exists()
    assert reviewers.permissions.filter(codename="publish_content").exists()
    editor_codenames = set(editors.permissions.values_list("codename", flat=True))
    assert {"add_condition", "change_condition", "delete_condition", "change_topic"} <= editor_codenames
    assert editor_codenames < set(reviewers.permissions.values_list("codename", flat=True))


def test_the_seed_is_published_but_flagged_for_clinical_review(seed):
    topic = Topic.objects.working().get()
    assert topic.status == Status.PUBLISHED
    assert (topic.reviewed_by, topic.last_reviewed) == (None, None)
    assert topic.next_review_due == timezone.localdate()
