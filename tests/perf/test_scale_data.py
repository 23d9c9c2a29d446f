"""`manage.py scale_data`: published items with links, as approval leaves them, served by the API."""

import pytest
from django.core.management import CommandError, call_command

from conditions import models
from faq.models import Question
from tests.payloads import url

SIZES = {"conditions": 20, "faqs": 30, "topics": 2, "links": 5}


@pytest.fixture
def scaled(db):
    call_command("scale_data", **SIZES, verbosity=0)


@pytest.mark.usefixtures("scaled")
@pytest.mark.parametrize(
    ("model", "count"),
    [
        (models.Condition, 20),
        (Question, 30),
        (models.Topic, 2),
        (models.Mechanism, 5),
        (models.AnatomicalStructure, 5),
        (models.Treatment, 5),
        (models.RedFlag, 5),
    ],
)
def test_each_item_is_a_published_live_row_with_its_working_row(model, count):
    live = model.objects.published()
    assert live.count() == count
    assert model.objects.working().filter(status=models.Status.PUBLISHED).count() == count
    assert set(live.values_list("working_copy__slug", flat=True)) == set(live.values_list("slug", flat=True))


@pytest.mark.usefixtures("scaled")
def test_live_rows_link_only_to_live_rows_and_working_rows_to_working_rows():
    for condition in models.Condition.objects.all():
        related = [relation.other for relation in condition.relations.all()]
        linked = [*condition.mechanisms.all(), *condition.anatomy.all(), *related]
        assert linked, condition.slug
        assert {item.is_live for item in linked} == {condition.is_live}
    for question in Question.objects.all():
        assert question.topic.is_live == question.is_live
        assert {c.is_live for c in question.conditions.all()} == {question.is_live}


@pytest.mark.usefixtures("scaled")
def test_every_live_item_has_a_created_change_event():
    assert models.ChangeEvent.objects.filter(kind="created").count() == 20 + 30 + 2 + 4 * 5


@pytest.mark.usefixtures("scaled")
def test_the_api_serves_them_with_their_links(api):
    assert api.get(url("conditions")).json()["count"] == 20
    assert api.get(url("faqs")).json()["count"] == 30

    topic = api.get(url("topics", "scale-topic-00000")).json()
    linked = topic["conditions"]["items"] + topic["differentials"]["items"]
    assert len(linked) == 20
    for section in ("anatomy", "mechanisms", "red_flags", "treatments"):
        assert len(topic[section]["items"]) == 5, section
    assert all(
        item["url"].startswith("http://testserver/api/v1/conditions/scale-condition-") for item in linked
    )

    condition = api.get(url("conditions", "scale-condition-00001")).json()
    assert condition["mechanisms"] and condition["anatomy"] and condition["treatments"]
    assert len(condition["summary"].split()) >= 20  # a few sentences, as in the seed


@pytest.mark.usefixtures("scaled")
def test_a_prefix_in_use_is_refused():
    with pytest.raises(CommandError, match="prefix 'scale'"):
        call_command("scale_data", **SIZES, verbosity=0)


@pytest.mark.django_db
def test_a_dry_run_writes_nothing():
    call_command("scale_data", **SIZES, dry_run=True, verbosity=0)
    assert not models.Condition.objects.exists()
    assert not models.ChangeEvent.objects.exists()
