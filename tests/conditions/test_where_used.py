"""Every item's change page says where it is used: the topics, conditions and questions that link it, each a
link to its own page (read-only: links are edited where they are made)."""

import pytest
from django.urls import reverse

from conditions.models import Condition, RedFlag, Topic
from faq.models import Question

pytestmark = pytest.mark.django_db

TOPIC = "Hip Pain: Its Connection to Buttock Discomfort, Causes, and Treatments"
QUESTION = "What specific hip conditions cause buttock discomfort?"


def change_url(item):
    return reverse(f"admin:{item._meta.app_label}_{item._meta.model_name}_change", args=[item.pk])


def test_a_condition_names_the_topic_and_the_question_that_link_it(editor_client, seed):
    condition = Condition.objects.working().get(slug="greater-trochanteric-pain-syndrome")
    topic = Topic.objects.working().get()
    question = Question.objects.working().get(question=QUESTION)

    response = editor_client.get(change_url(condition))

    assert response.context["where_used"] == [
        {"name": TOPIC, "url": change_url(topic)},
        {"name": f"FAQ {QUESTION}", "url": change_url(question)},
    ]
    page = response.content.decode()
    assert f'<li><a href="{change_url(topic)}">{TOPIC}</a></li>' in page
    assert f'<li><a href="{change_url(question)}">FAQ {QUESTION}</a></li>' in page


def test_a_condition_linked_by_other_conditions_names_them(reviewer_client, seed):
    tendinopathy = Condition.objects.working().get(slug="hamstring-origin-tendinopathy")

    used = reviewer_client.get(change_url(tendinopathy)).context["where_used"]

    assert [entry["name"] for entry in used] == [
        TOPIC,
        "FAQ Can buttock pain originate from sources other than the hip?",
        "condition Femoroacetabular Impingement",
        "condition Greater Trochanteric Pain Syndrome",
        "condition Hip Osteoarthritis",
        "condition Labral Tears",
    ]
    labral_tears = Condition.objects.working().get(slug="labral-tears")
    assert used[-1]["url"] == change_url(labral_tears)  # the working row editors edit, not the live copy


def test_an_item_nothing_links_says_so(editor_client, seed):
    lonely = RedFlag.objects.create(slug="lonely", sign="Nobody links me", action="Rest.")

    response = editor_client.get(change_url(lonely))

    assert response.context["where_used"] == []
    assert '<p data-testid="where-used">No topic or condition links it.</p>' in response.content.decode()
