"""Anatomy and treatments are trees: an item has a parent and parts, and conditions link to it. Both show only
the published part of the tree, parts in their own order, and read it in a fixed number of queries."""

import datetime

import pytest

from tests import factories
from tests.api.v1.collections import UNPUBLISHED
from tests.api.v1.queries import DETAIL_QUERIES
from tests.payloads import get_json, link, url

# The factory of each collection's items, the Condition field that links conditions to them, and the field
# that orders an item's parts (a structure's position; a treatment's order of care).
TREES = {
    "anatomy": (factories.AnatomicalStructureFactory, "anatomy", "position"),
    "treatments": (factories.TreatmentFactory, "treatments", "order_of_care"),
}


@pytest.mark.parametrize("status", UNPUBLISHED)
@pytest.mark.parametrize("collection", TREES)
def test_an_unpublished_parent_is_null_in_the_list_and_the_detail(api, db, collection, status):
    factory, _, _ = TREES[collection]
    parent = factory(status=status)
    part = factory(parent=parent)

    [listed] = get_json(api, url(collection))["results"]
    detail = get_json(api, url(collection, part.slug))

    assert listed["slug"] == part.slug
    assert listed["parent"] is None
    assert detail["parent"] is None


@pytest.mark.parametrize("status", UNPUBLISHED)
@pytest.mark.parametrize("collection", TREES)
def test_it_leaves_out_unpublished_parts_and_conditions(api, db, collection, status):
    factory, linked_by, _ = TREES[collection]
    item = factory()
    part = factory(parent=item)
    factory(parent=item, status=status)
    condition = factories.ConditionFactory(**{linked_by: [item]})
    factories.ConditionFactory(**{linked_by: [item]}, status=status)

    data = get_json(api, url(collection, item.slug))

    assert data["parts"] == [link(collection, part.slug, part.name)]
    assert data["conditions"] == [link("conditions", condition.slug, condition.name)]


@pytest.mark.parametrize("collection", TREES)
def test_parts_come_in_their_own_order_not_by_name(api, db, collection):
    factory, _, order = TREES[collection]
    item = factory()
    second = factory(parent=item, name="A part", **{order: 2})
    first = factory(parent=item, name="B part", **{order: 1})

    data = get_json(api, url(collection, item.slug))

    assert [part["slug"] for part in data["parts"]] == [first.slug, second.slug]


@pytest.mark.parametrize("collection", TREES)
def test_the_detail_query_count_does_not_grow_with_parts_and_conditions(
    api, db, collection, django_assert_num_queries
):
    factory, linked_by, _ = TREES[collection]
    reviewer = factories.ReviewerProfileFactory()
    item = factory(parent=factory(), reviewed_by=reviewer.user, last_reviewed=datetime.date(2025, 3, 1))

    def add(n):
        item.sources.add(*factories.SourceFactory.create_batch(n))
        factory.create_batch(n, parent=item)
        factories.ConditionFactory.create_batch(n, **{linked_by: [item]})

    def counts(data):
        return (len(data["parts"]), len(data["conditions"]), len(data["sources"]))

    add(3)
    with django_assert_num_queries(DETAIL_QUERIES[collection]):
        data = get_json(api, url(collection, item.slug))
    assert counts(data) == (3, 3, 3)
    add(27)
    with django_assert_num_queries(DETAIL_QUERIES[collection]):
        data = get_json(api, url(collection, item.slug))
    assert counts(data) == (30, 30, 30)
    assert data["parent"] is not None
    assert data["reviewed_by"] == {"name": reviewer.display_name, "credentials": reviewer.credentials}
