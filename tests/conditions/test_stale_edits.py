"""Concurrent edits: a change form saved after someone else saved the item is refused, saying what they
changed, and keeps the typing; nothing anyone saved is silently overwritten."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from conditions.models import Condition, Topic
from tests.conftest import _staff

pytestmark = pytest.mark.django_db


def admin_url(model, name, *args):
    return reverse(f"admin:conditions_{model._meta.model_name}_{name}", args=args)


@pytest.fixture
def second_editor(django_user_model):
    client = Client()
    client.force_login(_staff(django_user_model, "second-editor", "Editors"))
    return client


@pytest.fixture
def condition(seed):
    return Condition.objects.working().get(slug="labral-tears")


def opened(client, item):
    """The change form as `client`'s browser would post it back, with the version its page shows."""
    response = client.get(admin_url(type(item), "change", item.pk))
    form = response.context["adminform"].form
    fields = {name: form[name].value() for name in form.fields}
    assert f'name="seen_version" value="{fields["seen_version"]}"' in response.content.decode()
    # Fields with a callable default (the JSON lists) post their initial value beside them, as browsers do.
    fields |= {
        f"initial-{name}": form[name].value()
        for name, field in form.fields.items()
        if field.show_hidden_initial
    }
    # Each inline's rows as the page shows them (a condition's link, relation and code rows), unchanged.
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        fields |= {f"{formset.prefix}-{key}": value for key, value in formset.management_form.initial.items()}
        for row in formset.initial_forms:
            fields |= {row.add_prefix(name): row[name].value() for name in row.fields}
    return {name: value for name, value in fields.items() if value is not None}


def test_the_second_save_from_a_stale_copy_is_refused_and_says_what_changed(
    editor_client, second_editor, condition
):
    first, second = opened(editor_client, condition), opened(second_editor, condition)

    saved = editor_client.post(admin_url(Condition, "change", condition.pk), {**first, "summary": "First."})
    refused = second_editor.post(
        admin_url(Condition, "change", condition.pk), {**second, "summary": "Second."}
    )

    assert saved.status_code == 302
    assert refused.status_code == 200
    errors = " ".join(refused.context["adminform"].form.non_field_errors())
    assert errors.startswith("Not saved: Labral Tears changed since you opened it (summary: “")
    assert "→ “First.”" in errors
    assert "Your changes are still below" in errors
    assert "Second.</textarea>" in refused.content.decode()  # the typing is kept
    condition.refresh_from_db()
    assert condition.summary == "First."


def test_saving_again_after_the_refusal_keeps_the_second_editors_text(
    editor_client, second_editor, condition
):
    first, second = opened(editor_client, condition), opened(second_editor, condition)
    editor_client.post(admin_url(Condition, "change", condition.pk), {**first, "summary": "First."})
    refused = second_editor.post(
        admin_url(Condition, "change", condition.pk), {**second, "summary": "Second."}
    )
    now_seen = re.search(r'name="seen_version" value="(\d+)"', refused.content.decode())[1]

    again = second_editor.post(
        admin_url(Condition, "change", condition.pk),
        {**second, "summary": "Second.", "seen_version": now_seen},
    )

    assert again.status_code == 302
    condition.refresh_from_db()
    assert condition.summary == "Second."


def test_a_save_from_a_current_copy_goes_through_and_an_unchanged_one_stays_published(
    editor_client, condition
):
    form = opened(editor_client, condition)

    assert editor_client.post(admin_url(Condition, "change", condition.pk), form).status_code == 302
    condition.refresh_from_db()
    assert condition.status == "published"  # nothing changed: not a new draft

    form = opened(editor_client, condition)
    assert (
        editor_client.post(
            admin_url(Condition, "change", condition.pk), {**form, "summary": "Edited."}
        ).status_code
        == 302
    )
    condition.refresh_from_db()
    assert (condition.summary, condition.status) == ("Edited.", "draft")


def test_a_save_made_elsewhere_since_opening_is_a_change_too(editor_client, condition):
    form = opened(editor_client, condition)
    condition.summary = "Saved elsewhere."
    condition.save()

    refused = editor_client.post(admin_url(Condition, "change", condition.pk), {**form, "summary": "Mine."})

    assert refused.status_code == 200
    errors = " ".join(refused.context["adminform"].form.non_field_errors())
    assert "changed since you opened it (summary: " in errors and "→ “Saved elsewhere.”" in errors


def test_the_topic_page_carries_its_version_for_its_inline_rows_too(editor_client, seed):
    topic = Topic.objects.working().first()
    page = editor_client.get(admin_url(Topic, "change", topic.pk)).content.decode()
    assert re.search(r'name="seen_version" value="\d+"', page)
