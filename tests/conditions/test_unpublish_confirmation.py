"""Unpublishing withdraws an item from every app at once: the admin asks first, on a page that says what it
does and what links the item, from the change page's button and from the list's bulk action."""

import pytest
from django.urls import reverse

from conditions.models import Condition, ReviewEvent, Status
from tests.conditions.test_stale_edits import opened
from tests.payloads import url

pytestmark = pytest.mark.django_db

TOPIC = "Hip Pain: Its Connection to Buttock Discomfort, Causes, and Treatments"


@pytest.fixture
def labral_tears(seed):
    return Condition.objects.working().get(slug="labral-tears")


def admin_url(name, *args):
    return reverse(f"admin:conditions_condition_{name}", args=args)


def test_the_change_page_links_to_the_confirmation_instead_of_unpublishing(reviewer_client, labral_tears):
    page = reviewer_client.get(admin_url("change", labral_tears.pk)).content.decode()

    unpublish = admin_url("unpublish", labral_tears.pk)
    assert f'<a href="{unpublish}" class="button" data-testid="unpublish">Unpublish…</a>' in page
    assert 'value="unpublish"' not in page


def test_the_confirmation_says_what_unpublishing_does_and_changes_nothing(reviewer_client, api, labral_tears):
    response = reviewer_client.get(admin_url("unpublish", labral_tears.pk))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Apps stop receiving this condition at once: the API answers 404 for it" in page
    assert f"<li>{TOPIC}</li>" in page  # what links it
    assert 'name="confirmed" value="yes">Yes, unpublish</button>' in page
    labral_tears.refresh_from_db()
    assert labral_tears.status == Status.PUBLISHED
    assert api.get(url("conditions", "labral-tears")).status_code == 200


def test_confirming_unpublishes_with_the_comment(reviewer_client, reviewer, api, labral_tears):
    response = reviewer_client.post(
        admin_url("unpublish", labral_tears.pk), {"confirmed": "yes", "comment": "Under revision."}
    )

    assert response.status_code == 302
    assert response["Location"] == admin_url("change", labral_tears.pk)
    labral_tears.refresh_from_db()
    assert labral_tears.status == Status.UNPUBLISHED
    assert api.get(url("conditions", "labral-tears")).status_code == 404
    event = ReviewEvent.objects.filter(slug="labral-tears").latest("at")
    assert (event.action, event.user, event.comment) == ("unpublished", reviewer, "Under revision.")


def test_a_post_without_confirming_only_shows_the_page(reviewer_client, labral_tears):
    response = reviewer_client.post(admin_url("unpublish", labral_tears.pk), {"comment": "x"})

    assert response.status_code == 200
    labral_tears.refresh_from_db()
    assert labral_tears.status == Status.PUBLISHED


@pytest.mark.parametrize("path", ["workflow", "form"])
def test_the_older_routes_lead_to_the_confirmation(reviewer_client, labral_tears, path):
    if path == "workflow":
        response = reviewer_client.post(admin_url("workflow", labral_tears.pk), {"transition": "unpublish"})
    else:
        data = {**opened(reviewer_client, labral_tears), "_transition": "unpublish"}
        response = reviewer_client.post(admin_url("change", labral_tears.pk), data)

    assert response.status_code == 302
    assert response["Location"] == admin_url("unpublish", labral_tears.pk)
    labral_tears.refresh_from_db()
    assert labral_tears.status == Status.PUBLISHED


def test_an_editor_cannot_open_it(editor_client, labral_tears):
    response = editor_client.get(admin_url("unpublish", labral_tears.pk))

    assert response.status_code == 403
    labral_tears.refresh_from_db()
    assert labral_tears.status == Status.PUBLISHED


def test_an_item_apps_do_not_receive_has_nothing_to_unpublish(reviewer_client, labral_tears):
    reviewer_client.post(admin_url("unpublish", labral_tears.pk), {"confirmed": "yes"})

    response = reviewer_client.get(admin_url("unpublish", labral_tears.pk), follow=True)

    assert response.redirect_chain == [(admin_url("change", labral_tears.pk), 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "Labral Tears: unpublished; apps no longer receive it.",  # the first visit's, shown now
        "Labral Tears: apps do not receive it; there is nothing to unpublish.",
    ]


def test_the_bulk_action_asks_first_then_unpublishes(reviewer_client, seed):
    chosen = Condition.objects.working().filter(slug__in=["labral-tears", "hip-osteoarthritis"])
    action = {"action": "unpublish_selected", "_selected_action": [c.pk for c in chosen]}

    asked = reviewer_client.post(admin_url("changelist"), action)

    assert asked.status_code == 200
    assert "Apps stop receiving these conditions at once" in asked.content.decode()
    assert set(chosen.values_list("status", flat=True)) == {Status.PUBLISHED}

    done = reviewer_client.post(admin_url("changelist"), {**action, "post": "yes", "confirmed": "yes"})

    assert done.status_code == 302
    assert set(chosen.values_list("status", flat=True)) == {Status.UNPUBLISHED}
