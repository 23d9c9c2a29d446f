"""Four eyes: whoever made an item's last edit does not approve it, unless REVIEW_ALLOW_SELF_APPROVAL allows
it (a one-person team), and then the review log says so."""

import pytest
from django.core import checks
from django.core.exceptions import ValidationError
from django.urls import reverse

from conditions import history, versions, workflow
from conditions.models import Condition, ReviewerProfile, ReviewEvent
from tests.conftest import _staff
from tests.payloads import url

pytestmark = pytest.mark.django_db


def admin_url(name, *args):
    return reverse(f"admin:conditions_condition_{name}", args=args)


@pytest.fixture
def condition(seed):
    return Condition.objects.working().get(slug="labral-tears")


def edit_and_submit(item, by, summary="Edited."):
    item.summary = summary
    item.save()
    workflow.record_edit(item=item, by=by)
    workflow.submit_for_review(item=item, by=by)


def test_a_reviewer_cannot_approve_their_own_edit(reviewer, api, condition):
    before = api.get(url("conditions", "labral-tears")).json()
    edit_and_submit(condition, reviewer, "Written and approved by one person.")

    with pytest.raises(
        ValidationError, match="You made the last edit to this item: another clinical reviewer"
    ):
        workflow.approve(item=condition, by=reviewer)

    condition.refresh_from_db()
    assert condition.status == "in_review"
    assert api.get(url("conditions", "labral-tears")).json() == before


def test_another_reviewer_approves_it(reviewer, django_user_model, api, condition):
    second = _staff(django_user_model, "second", "Clinical reviewers")
    ReviewerProfile.objects.create(user=second, display_name="Dr Second", credentials="MBBS")
    edit_and_submit(condition, reviewer, "Checked by a second reviewer.")

    workflow.approve(item=condition, by=second)

    served = api.get(url("conditions", "labral-tears")).json()
    assert (served["summary"], served["reviewed_by"]["name"]) == (
        "Checked by a second reviewer.",
        "Dr Second",
    )
    assert ReviewEvent.objects.filter(action="approved").get().self_approved is False


def test_a_one_person_team_may_approve_its_own_edit_and_the_log_says_so(reviewer, settings, api, condition):
    settings.REVIEW_ALLOW_SELF_APPROVAL = True
    edit_and_submit(condition, reviewer, "A one-person team.")

    workflow.approve(item=condition, by=reviewer, comment="Only me here.")

    assert api.get(url("conditions", "labral-tears")).json()["summary"] == "A one-person team."
    approval = ReviewEvent.objects.filter(action="approved").get()
    assert (approval.user, approval.self_approved, approval.comment) == (reviewer, True, "Only me here.")


def test_submitting_someone_elses_edit_does_not_make_it_yours(reviewer, editor, api, condition):
    # The submitter is not the author: the editor wrote it, so the reviewer who submits it may approve it.
    condition.summary = "The editor's words."
    condition.save()
    workflow.record_edit(item=condition, by=editor)
    workflow.submit_for_review(item=condition, by=reviewer)

    workflow.approve(item=condition, by=reviewer)

    assert api.get(url("conditions", "labral-tears")).json()["summary"] == "The editor's words."


def test_a_revert_is_an_edit_too(reviewer, editor, condition):
    edit_and_submit(condition, editor, "The editor's version.")
    record = condition.history.order_by("history_id").first()
    history.restore_version(record=record, by=reviewer)
    condition.refresh_from_db()
    workflow.submit_for_review(item=condition, by=reviewer)

    with pytest.raises(ValidationError, match="You made the last edit"):
        workflow.approve(item=condition, by=reviewer)


def inline_rows(client, item):
    response = client.get(admin_url("change", item.pk))
    data = {}
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data |= {f"{formset.prefix}-{key}": value for key, value in formset.management_form.initial.items()}
        for row in formset.initial_forms:
            data |= {row.add_prefix(name): row[name].value() for name in row.fields}
    return {name: value for name, value in data.items() if value is not None}


def test_the_edit_page_hides_approve_from_the_last_editor_and_says_why(reviewer_client, reviewer, condition):
    # The condition's inline rows (links, relations, codes) posted back as the page shows them.
    form = {
        **inline_rows(reviewer_client, condition),
        "name": condition.name,
        "slug": condition.slug,
        "abbreviation": condition.abbreviation,
        "other_names": "",
        "summary": "Edited in the admin by the reviewer.",
        "pain_locations": "",
        "pain_character": "",
        "aggravating_factors": "",
        "associated_signs": "",
    }
    assert reviewer_client.post(admin_url("change", condition.pk), form).status_code == 302
    reviewer_client.post(admin_url("workflow", condition.pk), {"transition": "submit"})

    page = reviewer_client.get(admin_url("change", condition.pk)).content.decode()

    assert 'value="approve"' not in page and 'value="send_back"' in page
    assert "You made the last edit to this item: another clinical reviewer must approve it." in page
    response = reviewer_client.post(
        admin_url("workflow", condition.pk),
        {"transition": "approve", "version": versions.version_of(condition)},
        follow=True,
    )
    assert "You made the last edit to this item" in response.content.decode()
    condition.refresh_from_db()
    assert condition.status == "in_review"


@pytest.mark.parametrize("value", ["yes", 1, None])
def test_a_setting_that_is_not_true_or_false_fails_the_check_by_name(settings, value):
    settings.REVIEW_ALLOW_SELF_APPROVAL = value
    errors = [str(error) for error in checks.run_checks() if error.id.startswith("hipcontent.")]
    assert errors == [
        f"?: (hipcontent.E007) REVIEW_ALLOW_SELF_APPROVAL: must be True or False, got {value!r}."
    ]
