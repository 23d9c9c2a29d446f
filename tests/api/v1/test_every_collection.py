"""What every v1 collection does alike, checked once for all seven: a slug no published item has is a 404,
lists and details show published items only, and a list page costs the same queries for 3 items or 30.
"""

import pytest

from tests import factories
from tests.api.v1.collections import COLLECTIONS, FACTORIES, NOUNS, UNPUBLISHED
from tests.api.v1.queries import LIST_QUERIES
from tests.payloads import get_json, get_problem, not_found, url


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_an_unknown_slug_is_a_json_404(api, seed, collection):
    assert get_problem(api, url(collection, "no-such-item"), 404) == {
        "type": "about:blank",
        "title": "Not Found",
        "status": 404,
        "detail": f"No published {NOUNS[collection]} has the slug 'no-such-item'.",
    }


# ------------------------------------------------------------------------------ published only


@pytest.mark.parametrize("status", UNPUBLISHED)
@pytest.mark.parametrize("collection", COLLECTIONS)
def test_it_hides_unpublished_items_from_the_list(api, db, collection, status):
    shown = FACTORIES[collection]()
    FACTORIES[collection](status=status)

    data = get_json(api, url(collection))

    assert [item["slug"] for item in data["results"]] == [shown.slug]
    assert data["count"] == 1


# Topics: test_topics.py unpublishes the seed article, and checks its list and its working row too.
@pytest.mark.parametrize("status", UNPUBLISHED)
@pytest.mark.parametrize("collection", [collection for collection in COLLECTIONS if collection != "topics"])
def test_an_unpublished_item_is_a_404(api, db, collection, status):
    hidden = FACTORIES[collection](status=status)

    assert get_problem(api, url(collection, hidden.slug), 404) == not_found(NOUNS[collection], hidden.slug)


# ------------------------------------------------------------------------------------ query counts


def conditions_with_two_codes(n):
    for condition in factories.ConditionFactory.create_batch(n):
        factories.add_code(condition, "M16", position=1)
        factories.add_code(condition, "M70.6", position=2)


def red_flags_with_three_professionals(n):
    for _ in range(n):
        factories.RedFlagFactory(professionals=factories.ProfessionalFactory.create_batch(3))


def structures_with_parents(n):
    for _ in range(n):
        factories.AnatomicalStructureFactory(parent=factories.AnatomicalStructureFactory())


def treatments_with_parents(n):
    for _ in range(n):
        factories.TreatmentFactory(parent=factories.TreatmentFactory())


def questions_of_a_new_topic(n):
    factories.QuestionFactory.create_batch(n, topic=factories.TopicFactory())


# How each list grows by n items, the items that adds (a part and its parent are both listed), and what
# every listed item must embed: each list's prefetches and JOINs at work.
GROWTH = {
    "topics": (factories.TopicFactory.create_batch, 1, None),
    "conditions": (conditions_with_two_codes, 1, lambda item: len(item["codes"]) == 2),
    "mechanisms": (factories.MechanismFactory.create_batch, 1, None),
    "anatomy": (structures_with_parents, 2, None),
    "red-flags": (red_flags_with_three_professionals, 1, lambda item: len(item["professionals"]) == 3),
    "treatments": (treatments_with_parents, 2, None),
    "faqs": (questions_of_a_new_topic, 1, None),
}


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_the_list_query_count_does_not_grow_with_the_number_of_items(
    api, db, collection, django_assert_num_queries
):
    grow, items_per_step, embeds = GROWTH[collection]

    for step, total in [(3, 3), (27, 30)]:
        grow(step)
        with django_assert_num_queries(LIST_QUERIES[collection]):
            data = get_json(api, url(collection) + "?page_size=100")
        assert data["count"] == total * items_per_step
        if embeds:
            assert data["results"] and all(embeds(item) for item in data["results"]), data["results"]
