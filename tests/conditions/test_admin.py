"""The admin as editors and reviewers use it: working rows, workflow buttons, preview, dashboard, recovery."""

import json

import pytest
from django.urls import reverse

from conditions import models, versions, workflow
from faq.models import Question
from tests.payloads import url

CHANGELISTS = [
    "conditions_topic",
    "conditions_condition",
    "conditions_anatomicalstructure",
    "conditions_mechanism",
    "conditions_treatment",
    "conditions_redflag",
    "conditions_professional",
    "conditions_source",
    "faq_question",
]
PUBLISHABLE = [
    models.Topic,
    models.Condition,
    models.AnatomicalStructure,
    models.Treatment,
    models.RedFlag,
    Question,
]


def admin_url(model, name, *args):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{name}", args=args)


# The inlines of a condition's page: its links, relations and codes, each row with its claim.
CONDITION_INLINES = (
    "mechanism_links",
    "anatomy_links",
    "treatment_links",
    "red_flag_links",
    "relations",
    "codes",
)


def condition_form(*, rows=None, **fields):
    data = {
        "name": "Knee Pain",
        "slug": "knee-pain",
        "abbreviation": "",
        "other_names": "",
        "summary": "Written by an editor.",
        "pain_locations": "",
        "pain_character": "",
        "aggravating_factors": "",
        "associated_signs": "",
        **fields,
    }
    for prefix in CONDITION_INLINES:
        forms = (rows or {}).get(prefix, [])
        data |= {
            f"{prefix}-TOTAL_FORMS": str(len(forms)),
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
        for index, form in enumerate(forms):
            data |= {f"{prefix}-{index}-{key}": value for key, value in form.items()}
    return data


def test_anonymous_gets_the_login_page(client, db):
    response = client.get(reverse("admin:conditions_condition_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("name", CHANGELISTS)
def test_every_list_opens_for_an_editor(editor_client, seed, name):
    assert editor_client.get(reverse(f"admin:{name}_changelist")).status_code == 200


@pytest.mark.parametrize("model", PUBLISHABLE)
def test_lists_show_the_working_rows_never_the_live_copies(editor_client, seed, model):
    response = editor_client.get(admin_url(model, "changelist"))

    changelist = response.context["cl"]
    assert changelist.result_count == model.objects.working().count() > 0
    assert model.objects.filter(is_live=True).count() == changelist.result_count


@pytest.mark.parametrize("model", PUBLISHABLE)
def test_every_edit_page_opens_with_the_review_panel(editor_client, seed, model):
    item = model.objects.working().first()
    response = editor_client.get(admin_url(model, "change", item.pk))

    assert response.status_code == 200
    assert b"Review workflow" in response.content
    assert response.context["adminform"].form.fields.keys().isdisjoint({"status", "is_live", "reviewed_by"})


def test_link_pickers_offer_working_rows_only(editor_client, seed):
    response = editor_client.get(admin_url(models.Condition, "add"))
    formsets = {inline.formset.prefix: inline.formset for inline in response.context["inline_admin_formsets"]}
    queryset = formsets["mechanism_links"].empty_form.fields["mechanism"].queryset
    assert set(queryset.values_list("is_live", flat=True)) == {False}


def test_an_editor_adds_a_condition_as_a_draft_the_api_does_not_serve(editor_client, api, seed):
    hip = models.Condition.objects.working().get(slug="hip-osteoarthritis")
    relation = {
        "kind": "tell_apart_from",
        "other": hip.pk,
        "basis": "editorial",
        "quote": "",
        "qualifier": "",
    }
    response = editor_client.post(
        admin_url(models.Condition, "add"), condition_form(rows={"relations": [relation]})
    )

    assert response.status_code == 302
    condition = models.Condition.objects.working().get(slug="knee-pain")
    assert condition.status == "draft"
    assert [(r.kind, r.other.slug, r.basis) for r in condition.relations.all()] == [
        ("tell_apart_from", "hip-osteoarthritis", "editorial")
    ]
    assert api.get(url("conditions", "knee-pain")).status_code == 404


def test_a_quote_the_source_does_not_have_is_a_plain_error_beside_the_link(editor_client, seed):
    """A link stated by the source must quote it word for word: the editor sees why it is refused."""
    hip = models.Condition.objects.working().get(slug="hip-osteoarthritis")
    article = models.Source.objects.working().get(title__startswith="Hip Pain")
    relation = {
        "kind": "can_lead_to",
        "other": hip.pk,
        "basis": "source",
        "source": article.pk,
        "qualifier": "",
    }
    rows = {"relations": [{**relation, "quote": "Knee pain always leads to hip osteoarthritis."}]}

    response = editor_client.post(admin_url(models.Condition, "add"), condition_form(rows=rows))

    assert response.status_code == 200
    formsets = {inline.formset.prefix: inline.formset for inline in response.context["inline_admin_formsets"]}
    assert formsets["relations"].errors == [
        {"quote": ["The quote does not occur word for word in the stored text of the cited source."]}
    ]
    assert not models.Condition.objects.filter(slug="knee-pain").exists()

    rows = {"relations": [{**relation, "quote": "Tears can result from trauma or FAI"}]}
    response = editor_client.post(admin_url(models.Condition, "add"), condition_form(rows=rows))
    assert response.status_code == 302


def test_only_a_clinical_reviewer_sets_a_red_flags_urgency(editor_client, reviewer_client, seed):
    red_flag = models.RedFlag.objects.working().get(slug="leg-or-foot-weakness-numbness-tingling")

    as_editor = editor_client.get(admin_url(models.RedFlag, "change", red_flag.pk)).context["adminform"].form
    as_reviewer = (
        reviewer_client.get(admin_url(models.RedFlag, "change", red_flag.pk)).context["adminform"].form
    )

    assert "urgency" not in as_editor.fields and "urgency_basis" not in as_editor.fields
    assert {"urgency", "urgency_basis", "urgency_source", "urgency_quote"} <= set(as_reviewer.fields)
    assert red_flag.urgency == "not_assessed"


def test_a_taken_slug_is_a_plain_form_error(editor_client, seed):
    response = editor_client.post(admin_url(models.Condition, "add"), condition_form(slug="labral-tears"))

    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [
        "Another item already has this slug. Choose another."
    ]


def test_the_buttons_take_an_item_from_draft_to_published(editor_client, reviewer_client, api, seed):
    editor_client.post(admin_url(models.Condition, "add"), condition_form())
    condition = models.Condition.objects.working().get(slug="knee-pain")
    workflow_url = admin_url(models.Condition, "workflow", condition.pk)

    page = editor_client.get(admin_url(models.Condition, "change", condition.pk)).content
    assert b'value="submit"' in page and b'value="approve"' not in page
    editor_client.post(workflow_url, {"transition": "submit"})
    editor_client.post(workflow_url, {"transition": "approve"})  # refused: editors cannot publish
    condition.refresh_from_db()
    assert condition.status == "in_review"

    page = reviewer_client.get(admin_url(models.Condition, "change", condition.pk)).content
    assert b'value="approve"' in page and b'value="send_back"' in page
    response = reviewer_client.post(
        workflow_url,
        {"transition": "approve", "comment": "Checked.", "version": versions.version_of(condition)},
    )
    assert response.status_code == 302
    assert api.get(url("conditions", "knee-pain")).json()["reviewed_by"]["name"] == "Dr Ada Reviewer"


def test_sending_back_without_a_comment_says_why(reviewer_client, editor, seed):
    condition = models.Condition.objects.working().get(slug="labral-tears")
    workflow.record_edit(item=condition, by=editor)
    workflow.submit_for_review(item=condition, by=editor)

    response = reviewer_client.post(
        admin_url(models.Condition, "workflow", condition.pk), {"transition": "send_back"}, follow=True
    )

    assert "Say what needs to change: a comment is required when sending back." in response.content.decode()
    condition.refresh_from_db()
    assert condition.status == "in_review"


def test_saving_a_published_item_makes_it_a_draft_and_keeps_the_api_on_the_approved_version(
    editor_client, api, seed
):
    condition = models.Condition.objects.working().get(slug="hamstring-origin-tendinopathy")
    approved = condition.summary
    form = condition_form(name=condition.name, slug=condition.slug, summary="An unreviewed edit.")

    assert editor_client.post(admin_url(models.Condition, "change", condition.pk), form).status_code == 302

    condition.refresh_from_db()
    assert condition.status == "draft"
    assert api.get(url("conditions", condition.slug)).json()["summary"] == approved


def test_the_preview_is_the_json_approval_would_publish(editor_client, reviewer, editor, api, seed):
    condition = models.Condition.objects.working().get(slug="labral-tears")
    condition.summary = "Previewed text."
    condition.save()

    response = editor_client.get(admin_url(models.Condition, "preview", condition.pk))

    preview = json.loads(response.content)
    assert response["Content-Type"] == "application/json"
    assert api.get(url("conditions", "labral-tears")).json()["summary"] != "Previewed text."
    workflow.record_edit(item=condition, by=editor)
    workflow.submit_for_review(item=condition, by=editor)
    workflow.approve(item=condition, by=reviewer)
    published = api.get(url("conditions", "labral-tears")).json()
    # review_state follows reviewed_by: the preview is not approved yet.
    volatile = ("updated_at", "created_at", "last_reviewed", "reviewed_by", "next_review_due", "review_state")
    assert {k: v for k, v in preview.items() if k not in volatile} == {
        k: v for k, v in published.items() if k not in volatile
    }


def test_the_dashboard_lists_what_waits_and_what_is_due(reviewer_client, editor, seed):
    condition = models.Condition.objects.working().get(slug="labral-tears")
    workflow.record_edit(item=condition, by=editor)
    workflow.submit_for_review(item=condition, by=editor)

    response = reviewer_client.get(reverse("review-dashboard"))

    assert response.status_code == 200
    assert [row["item"] for row in response.context["waiting"]] == [condition]
    # The seed was published without a clinical review: all of it is due today.
    assert len(response.context["due_soon"]) == sum(
        model.objects.working().count() for model in [*PUBLISHABLE, models.Mechanism]
    )
    assert response.context["overdue"] == []


def test_the_review_due_filter_finds_overdue_items(reviewer_client, seed):
    models.Condition.objects.working().filter(slug="labral-tears").update(next_review_due="2020-01-01")

    response = reviewer_client.get(admin_url(models.Condition, "changelist") + "?review=overdue")

    assert [item.slug for item in response.context["cl"].result_list] == ["labral-tears"]


def test_an_editor_cannot_delete_published_content(editor_client, seed):
    condition = models.Condition.objects.working().get(slug="myofascial-trigger-points")
    assert editor_client.get(admin_url(models.Condition, "delete", condition.pk)).status_code == 403


def test_deleted_items_are_listed_and_restored(reviewer_client, seed):
    red_flag = models.RedFlag.objects.working().get(slug="persistent-pain")
    red_flag.topic_links.all().delete()
    reviewer_client.post(admin_url(models.RedFlag, "delete", red_flag.pk), {"post": "yes"})

    listing = reviewer_client.get(admin_url(models.RedFlag, "deleted"))
    [record] = listing.context["records"]
    response = reviewer_client.post(admin_url(models.RedFlag, "restore", record.history_id))

    restored = models.RedFlag.objects.working().get(slug="persistent-pain")
    assert response["Location"] == admin_url(models.RedFlag, "change", restored.pk)
    assert restored.status == "draft"


def test_the_history_page_shows_each_change(editor_client, seed):
    condition = models.Condition.objects.working().get(slug="labral-tears")
    form = condition_form(name=condition.name, slug=condition.slug, summary="Changed in the admin.")
    editor_client.post(admin_url(models.Condition, "change", condition.pk), form)

    response = editor_client.get(admin_url(models.Condition, "history", condition.pk))

    assert response.status_code == 200
    assert "Changed in the admin." in response.content.decode()
    assert response.context["page_obj"][0].history_user.username == "editor"
