import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from conditions import models
from faq.models import Question

CHANGELISTS = [
    "conditions_topic",
    "conditions_condition",
    "conditions_anatomicalstructure",
    "conditions_mechanism",
    "conditions_treatment",
    "conditions_redflag",
    "conditions_professional",
    "faq_question",
]


@pytest.fixture
def editor_client(client, db):
    client.force_login(User.objects.create_superuser("editor", "editor@example.com", "unused-password-1"))
    return client


def test_anonymous_gets_the_login_page(client, db):
    response = client.get(reverse("admin:conditions_condition_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("name", CHANGELISTS)
def test_every_list_shows_the_seed_content(editor_client, seed, name):
    response = editor_client.get(reverse(f"admin:{name}_changelist"))
    assert response.status_code == 200
    model = response.context["cl"].model
    assert response.context["cl"].result_count == model.objects.count() > 0


@pytest.mark.parametrize(
    "model",
    [models.Topic, models.Condition, models.AnatomicalStructure, models.Treatment, models.RedFlag, Question],
)
def test_every_edit_page_opens(editor_client, seed, model):
    obj = model.objects.first()
    opts = model._meta
    response = editor_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]))
    assert response.status_code == 200


def test_topic_page_orders_its_links_inline(editor_client, seed):
    topic = models.Topic.objects.get()
    response = editor_client.get(reverse("admin:conditions_topic_change", args=[topic.pk]))
    formset = next(
        f for f in response.context["inline_admin_formsets"] if f.formset.model is models.TopicCondition
    )
    positions = [form.instance.position for form in formset.formset.forms]
    assert positions == sorted(positions) == list(range(1, 11))


def test_an_editor_adds_a_condition_as_a_draft(editor_client, seed):
    response = editor_client.post(
        reverse("admin:conditions_condition_add"),
        {
            "name": "Knee Pain",
            "slug": "knee-pain",
            "status": "draft",
            "abbreviation": "",
            "other_names": "[]",
            "summary": "A second topic's condition, written by an editor.",
            "pain_locations": "[]",
            "pain_character": "[]",
            "aggravating_factors": "[]",
            "associated_signs": "[]",
            "differentials": [models.Condition.objects.get(slug="hip-osteoarthritis").pk],
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    condition = models.Condition.objects.get(slug="knee-pain")
    assert condition.status == "draft"
    assert list(condition.differentials.values_list("slug", flat=True)) == ["hip-osteoarthritis"]


def test_a_bad_list_field_is_a_plain_error_not_a_crash(editor_client, seed):
    response = editor_client.post(
        reverse("admin:conditions_condition_add"),
        {"name": "X", "slug": "x", "status": "draft", "summary": "x", "other_names": "not json"},
    )
    assert response.status_code == 200
    assert "other_names" in response.context["adminform"].form.errors
