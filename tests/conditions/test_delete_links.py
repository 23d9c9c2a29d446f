"""Deleting an item others link to is refused, naming them in plain words: deleting it would drop those links
from them silently, with nothing in their history, and restoring it would not bring the links back."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from conditions import workflow
from conditions.models import Condition, RedFlag, ReviewEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def linked(seed):
    """A red flag and a condition that links it."""
    red_flag = RedFlag.objects.working().create(
        slug="night-pain", sign="Pain at night", urgency="soon", action="See a GP."
    )
    condition = Condition.objects.working().get(slug="labral-tears")
    condition.red_flags.add(red_flag)
    return red_flag, condition


def test_an_item_a_condition_links_is_not_deleted_and_the_message_names_it(linked, reviewer):
    red_flag, condition = linked

    with pytest.raises(ValidationError) as refused:
        workflow.delete(item=red_flag, by=reviewer)

    assert refused.value.messages == [
        "Pain at night is still linked from condition Labral Tears. Remove those links first."
    ]
    assert list(condition.red_flags.all()) == [red_flag]
    assert not ReviewEvent.objects.filter(action="deleted").exists()


def test_once_unlinked_it_is_deleted(linked, reviewer):
    red_flag, condition = linked
    condition.red_flags.remove(red_flag)

    workflow.delete(item=red_flag, by=reviewer)

    assert not RedFlag.objects.filter(slug="night-pain").exists()


def test_the_admin_refuses_with_the_names_instead_of_deleting(linked, reviewer_client):
    red_flag, condition = linked
    delete_url = reverse("admin:conditions_redflag_delete", args=[red_flag.pk])

    response = reviewer_client.post(delete_url, {"post": "yes"}, follow=True)

    assert "Pain at night is still linked from condition Labral Tears. Remove those links first." in (
        response.content.decode()
    )
    assert RedFlag.objects.filter(pk=red_flag.pk).exists()
    assert list(condition.red_flags.all()) == [red_flag]


def test_the_bulk_delete_action_refuses_the_linked_items_only(linked, reviewer_client):
    red_flag, _ = linked
    lonely = RedFlag.objects.working().create(
        slug="lonely", sign="Nobody links me", urgency="routine", action="Rest."
    )

    response = reviewer_client.post(
        reverse("admin:conditions_redflag_changelist"),
        {"action": "delete_selected", "_selected_action": [red_flag.pk, lonely.pk], "post": "yes"},
        follow=True,
    )

    page = response.content.decode()
    assert "Not deleted: Pain at night is still linked from condition Labral Tears" in page
    assert "Successfully deleted 1 red flag." in page
    assert RedFlag.objects.filter(pk=red_flag.pk).exists()
    assert not RedFlag.objects.filter(pk=lonely.pk).exists()
