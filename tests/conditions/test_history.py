"""Nothing an editor saved is lost: every change and deletion is recorded, and any version comes back."""

import pytest
from django.contrib.auth.models import User

from conditions import history, workflow
from conditions.models import Condition, RedFlag, ReviewEvent, Status, Topic
from tests.payloads import url

pytestmark = pytest.mark.django_db


def edit(item, by, **fields):
    for name, value in fields.items():
        setattr(item, name, value)
    item._history_user = by
    item.save()
    workflow.record_edit(item=item, by=by)


def test_every_edit_is_recorded_with_who_and_what_changed(seed, editor):
    condition = Condition.objects.working().get(slug="labral-tears")
    before = condition.summary
    edit(condition, editor, summary="Edited once.")
    edit(condition, editor, summary="Edited twice.")

    latest, previous = condition.history.all()[:2]
    delta = latest.diff_against(previous)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [("summary", "Edited once.", "Edited twice.")]
    assert latest.history_user == editor
    assert condition.history.filter(summary=before).exists()


def test_a_revert_brings_back_fields_and_links_as_a_draft_for_review(api, seed, editor, reviewer):
    condition = Condition.objects.working().get(slug="piriformis-syndrome")
    version = condition.history.first()
    links = set(condition.mechanisms.values_list("slug", flat=True))
    edit(condition, editor, summary="A bad edit.")
    condition.mechanisms.clear()

    restored = history.restore_version(record=version, by=editor)

    assert restored.summary == version.summary
    assert set(restored.mechanisms.values_list("slug", flat=True)) == links
    assert restored.status == Status.DRAFT
    assert ReviewEvent.objects.filter(action="restored", slug="piriformis-syndrome").exists()


def test_a_revert_of_a_topic_brings_back_its_ordered_links(seed, editor):
    topic = Topic.objects.working().get()
    version = topic.history.first()
    order = list(topic.condition_links.values_list("condition__slug", "role"))
    # In the admin's order: the topic is saved (a new version), then its inline rows, then its status.
    topic.conclusion = "Shorter."
    topic.save()
    topic.condition_links.filter(position__gt=3).delete()
    workflow.record_edit(item=topic, by=editor)

    history.restore_version(record=version, by=editor)
    topic.refresh_from_db()

    assert list(topic.condition_links.values_list("condition__slug", "role")) == order
    assert topic.conclusion == version.conclusion


def test_a_deleted_item_is_listed_and_restored_as_a_draft_with_its_links(api, seed, editor, reviewer):
    red_flag = RedFlag.objects.working().get(slug="persistent-pain")
    red_flag.topic_links.all().delete()
    professionals = set(red_flag.professionals.values_list("slug", flat=True))
    workflow.delete(item=red_flag, by=reviewer)

    [record] = history.deleted_versions(RedFlag)
    assert record.slug == "persistent-pain"

    restored = history.restore_version(record=record, by=editor)

    assert restored.status == Status.DRAFT
    assert set(restored.professionals.values_list("slug", flat=True)) == professionals
    assert history.deleted_versions(RedFlag) == []
    assert api.get(url("red-flags", "persistent-pain")).status_code == 404

    workflow.submit_for_review(item=restored, by=editor)
    workflow.approve(item=restored, by=reviewer)
    assert api.get(url("red-flags", "persistent-pain")).json()["sign"] == restored.sign


def test_the_review_log_keeps_every_step(seed, editor, reviewer):
    condition = Condition.objects.working().get(slug="labral-tears")
    edit(condition, editor, summary="Edited.")
    workflow.submit_for_review(item=condition, by=editor)
    workflow.send_back(item=condition, by=reviewer, comment="Needs a source.")
    workflow.submit_for_review(item=condition, by=editor)
    workflow.approve(item=condition, by=reviewer)

    steps = list(ReviewEvent.objects.order_by("at", "id").values_list("action", "user__username", "comment"))
    assert steps == [
        ("submitted", "editor", ""),
        ("sent_back", "reviewer", "Needs a source."),
        ("submitted", "editor", ""),
        ("approved", "reviewer", ""),
    ]
    assert User.objects.count() == 2
