"""The factories build valid, published items with unique slugs, so the API tests start from real data."""

import pytest

from conditions.models import Status
from tests import factories

PUBLISHABLE = [
    factories.AnatomicalStructureFactory,
    factories.MechanismFactory,
    factories.TreatmentFactory,
    factories.RedFlagFactory,
    factories.ConditionFactory,
    factories.TopicFactory,
    factories.QuestionFactory,
]
LINKS = [
    factories.KeyTakeawayFactory,
    factories.TopicAnatomyFactory,
    factories.TopicMechanismFactory,
    factories.TopicConditionFactory,
    factories.TopicRedFlagFactory,
    factories.TopicTreatmentFactory,
]


@pytest.mark.parametrize("factory", PUBLISHABLE, ids=lambda f: f.__name__)
def test_items_are_valid_published_and_uniquely_slugged(db, factory):
    items = factory.create_batch(3)

    for item in items:
        item.full_clean()
    assert {item.status for item in items} == {Status.PUBLISHED}
    assert len({item.slug for item in items}) == 3


@pytest.mark.parametrize("factory", PUBLISHABLE, ids=lambda f: f.__name__)
def test_the_draft_and_in_review_traits_unpublish(db, factory):
    assert factory(draft=True).status == Status.DRAFT
    assert factory(in_review=True).status == Status.IN_REVIEW


@pytest.mark.parametrize("factory", [factories.ProfessionalFactory, *LINKS], ids=lambda f: f.__name__)
def test_other_rows_are_valid(db, factory):
    for row in factory.create_batch(3):
        row.full_clean()


def test_many_to_many_links_are_set_from_lists(db):
    professionals = factories.ProfessionalFactory.create_batch(2)
    mechanism = factories.MechanismFactory()

    red_flag = factories.RedFlagFactory(professionals=professionals)
    condition = factories.ConditionFactory(mechanisms=[mechanism])
    question = factories.QuestionFactory(conditions=[condition])

    assert set(red_flag.professionals.all()) == set(professionals)
    assert list(condition.mechanisms.all()) == [mechanism]
    assert list(question.conditions.all()) == [condition]
