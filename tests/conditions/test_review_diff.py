"""What a clinical review needs: before approving, the reviewer reads what approval would change for apps,
field by field and link by link, in full; a bulk approval is bound to what was read as a single one is; the
history shows full text."""

import re

import pytest
from django.urls import reverse

from conditions import shared, versions, workflow
from conditions.models import Condition, Source
from tests import factories
from tests.payloads import url

pytestmark = pytest.mark.django_db

ARTICLE = "Hip Pain: Its Connection to Buttock Discomfort, Causes, and Treatments"
LONG = "Labral tears are " + "described at length, " * 20 + "and this is the end of the summary."


def admin_url(name, *args, model="condition"):
    return reverse(f"admin:conditions_{model}_{name}", args=args)


def edit(item, editor, **fields):
    for name, value in fields.items():
        setattr(item, name, value)
    item.save()
    workflow.record_edit(item=item, by=editor)


@pytest.fixture
def labral_tears(seed, editor):
    item = Condition.objects.working().get(slug="labral-tears")
    edit(item, editor, summary=LONG)
    workflow.submit_for_review(item=item, by=editor)
    return item


def listed(changes):
    return [(change.path, change.old, change.new) for change in changes]


def test_the_review_page_lists_every_change_apps_would_see_in_full(reviewer_client, api, labral_tears):
    served = api.get(url("conditions", "labral-tears")).json()

    response = reviewer_client.get(admin_url("review", labral_tears.pk))

    assert response.status_code == 200
    assert listed(response.context["changes"]) == [("summary", served["summary"], LONG)]
    page = response.content.decode()
    assert "<ins>" in page and LONG in re.sub("</?ins>", "", page)  # the whole text, the new words marked
    assert f'name="version" value="{versions.version_of(labral_tears)}"' in page
    assert 'value="approve"' in page


def test_a_source_edit_shows_in_the_review_of_each_item_citing_it(reviewer_client, editor, api, seed):
    article = Source.objects.working().get(title=ARTICLE)
    article.url = "https://example.org/the-article"
    article.save()
    shared.record_edit(row=article, by=editor)
    osteoarthritis = Condition.objects.working().get(slug="hip-osteoarthritis")
    workflow.submit_for_review(item=osteoarthritis, by=editor)

    response = reviewer_client.get(admin_url("review", osteoarthritis.pk))

    assert listed(response.context["changes"]) == [
        (f"sources[{ARTICLE}].url", "", "https://example.org/the-article")
    ]


def test_a_reviewer_reads_the_changes_beside_the_buttons_an_editor_does_not(
    reviewer_client, editor_client, labral_tears
):
    heading = "What approving it would change for apps"

    assert heading in reviewer_client.get(admin_url("change", labral_tears.pk)).content.decode()
    editor_page = editor_client.get(admin_url("change", labral_tears.pk)).content.decode()
    assert heading not in editor_page
    assert admin_url("review", labral_tears.pk) in editor_page  # the editor can still open it


def test_the_dashboard_links_each_waiting_item_to_its_review(reviewer_client, labral_tears):
    page = reviewer_client.get(reverse("review-dashboard")).content.decode()

    assert f'<a href="{admin_url("review", labral_tears.pk)}">What approval would change</a>' in page


def test_an_approval_that_does_not_say_which_version_was_read_is_refused(reviewer_client, api, labral_tears):
    before = api.get(url("conditions", "labral-tears")).json()

    response = reviewer_client.post(
        admin_url("workflow", labral_tears.pk), {"transition": "approve"}, follow=True
    )

    assert "not approved: the request does not say which version you read" in response.content.decode()
    labral_tears.refresh_from_db()
    assert labral_tears.status == "in_review"
    assert api.get(url("conditions", "labral-tears")).json() == before


def test_bulk_approval_shows_each_item_then_publishes_only_what_was_read(
    reviewer_client, editor, api, labral_tears
):
    other = Condition.objects.working().get(slug="hip-osteoarthritis")
    edit(other, editor, summary="Osteoarthritis, edited.")
    workflow.submit_for_review(item=other, by=editor)
    selected = {"action": "approve_selected", "_selected_action": [labral_tears.pk, other.pk]}

    shown = reviewer_client.post(admin_url("changelist"), selected)

    assert shown.status_code == 200
    entries = {entry["item"].slug: entry for entry in shown.context["entries"]}
    assert [change.path for change in entries["labral-tears"]["changes"]] == ["summary"]
    assert listed(entries["hip-osteoarthritis"]["changes"])[0][2] == "Osteoarthritis, edited."
    versions_read = {f"version-{entry['item'].pk}": entry["version"] for entry in entries.values()}
    # After the page was read, an editor changes one of them and submits it again.
    edit(other, editor, summary="Changed after the reviewer read it.")
    workflow.submit_for_review(item=other, by=editor)

    response = reviewer_client.post(
        admin_url("changelist"), {**selected, "post": "yes", **versions_read}, follow=True
    )

    messages = [str(message) for message in response.context["messages"]]
    assert len(messages) == 2
    assert messages[0].startswith(f"{other}: Not approved: {other} changed since you opened it (summary: ")
    assert messages[1] == "1 approved and published."
    assert api.get(url("conditions", "labral-tears")).json()["summary"] == LONG
    assert (
        api.get(url("conditions", "hip-osteoarthritis")).json()["summary"]
        != "Changed after the reviewer read it."
    )
    other.refresh_from_db()
    assert other.status == "in_review"


def test_bulk_approval_without_the_versions_read_approves_nothing(reviewer_client, labral_tears):
    response = reviewer_client.post(
        admin_url("changelist"),
        {"action": "approve_selected", "_selected_action": [labral_tears.pk], "post": "yes"},
        follow=True,
    )

    assert [str(message) for message in response.context["messages"]] == [
        "Labral Tears: not approved, as no version of it was read."
    ]
    labral_tears.refresh_from_db()
    assert labral_tears.status == "in_review"


def test_the_history_shows_each_change_in_full(reviewer_client, labral_tears):
    page = reviewer_client.get(admin_url("history", labral_tears.pk)).content.decode()

    assert LONG in page


def test_an_item_approval_would_refuse_says_why_instead_of_failing(reviewer_client, editor, seed):
    renamed = Condition.objects.working().get(slug="labral-tears")
    edit(renamed, editor, slug="labral-tears-renamed")  # the live row keeps "labral-tears" until approved
    newcomer = factories.ConditionFactory(working=True, slug="labral-tears")

    response = reviewer_client.get(admin_url("review", newcomer.pk))

    assert response.status_code == 200
    assert listed(response.context["changes"]) == [
        (
            "approval would be refused",
            "",
            "The slug 'labral-tears' is still live for another condition until that item's new slug is "
            "approved.",
        )
    ]
