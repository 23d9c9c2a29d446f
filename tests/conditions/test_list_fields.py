"""List fields (other names, pain locations, …) are edited one item per line, not as JSON."""

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from conditions.admin.fields import LinesField
from conditions.models import Condition
from tests.conditions.test_admin import condition_form
from tests.conditions.test_stale_edits import opened

pytestmark = pytest.mark.django_db

LIST_FIELDS = ("other_names", "pain_locations", "pain_character", "aggravating_factors", "associated_signs")


def change_url(item):
    return reverse("admin:conditions_condition_change", args=[item.pk])


def test_each_line_is_an_item_and_empty_lines_are_dropped():
    field = LinesField(required=False)

    assert field.clean("Deep buttock pain\n\n  Outer hip  \r\n   \nGroin\n") == [
        "Deep buttock pain",
        "Outer hip",
        "Groin",
    ]
    assert field.clean("") == []
    assert field.prepare_value(["Deep buttock pain", "Groin"]) == "Deep buttock pain\nGroin"
    assert field.clean(field.prepare_value(["a, b", '"quoted"', "[not json]"])) == [
        "a, b",
        '"quoted"',
        "[not json]",
    ]


def test_a_required_list_needs_one_line_with_text():
    with pytest.raises(Exception) as refused:
        LinesField(required=True).clean("\n  \n")

    assert refused.value.messages == ["This field is required."]


def test_an_editor_types_a_list_one_item_per_line(editor_client, seed):
    form = condition_form(pain_locations="Outer hip\n\nButtock\n", other_names="Knee ache")

    response = editor_client.post(reverse("admin:conditions_condition_add"), form)

    assert response.status_code == 302
    condition = Condition.objects.working().get(slug="knee-pain")
    assert condition.pain_locations == ["Outer hip", "Buttock"]
    assert condition.other_names == ["Knee ache"]
    assert condition.pain_character == []


def test_the_change_page_shows_each_list_one_item_per_line(editor_client, seed):
    condition = Condition.objects.working().get(slug="labral-tears")
    assert condition.pain_locations  # the seed's own list

    form = editor_client.get(change_url(condition)).context["adminform"].form

    for name in LIST_FIELDS:
        assert form[name].value() == "\n".join(getattr(condition, name))
        assert str(form[name]).startswith(f'<textarea name="{name}"')


def test_a_list_posted_back_unchanged_is_not_an_edit(editor_client, seed):
    condition = Condition.objects.working().get(slug="labral-tears")
    response = editor_client.post(change_url(condition), opened(editor_client, condition))

    assert response.status_code == 302
    condition.refresh_from_db()
    assert condition.status == "published"  # no edit recorded: still the approved version
    assert LogEntry.objects.get().get_change_message() == "No fields changed."
