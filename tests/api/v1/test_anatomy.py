"""/api/v1/anatomy/: anatomical structures, with their parent, parts and the conditions that involve them.

What every collection does alike is in test_every_collection.py; what anatomy shares with treatments (a
tree of parents and parts) in test_parents_and_parts.py.
"""

import pytest

from conditions.models import AnatomicalStructure, Status
from tests import factories
from tests.api.v1.expected import ANATOMY_LINKS, LIST_ORDER
from tests.api.v1.queries import DETAIL_QUERIES, LIST_QUERIES
from tests.keys import ANATOMY_DETAIL_KEYS, ANATOMY_SUMMARY_KEYS, assert_review_keys
from tests.payloads import (
    PAGE_KEYS,
    assert_keys,
    assert_links,
    assert_timestamps_match,
    get_json,
    get_problem,
    link,
    not_found,
    page,
    url,
    without_timestamps,
)
from tests.seed_content import ANATOMY, seed_review

# ------------------------------------------------------------------------------------ seed payloads


def test_the_list_is_every_seed_structure_in_name_order(api, seed, django_assert_num_queries):
    with django_assert_num_queries(LIST_QUERIES["anatomy"]):
        data = get_json(api, url("anatomy"))

    assert without_timestamps(data) == page([ANATOMY[slug] for slug in LIST_ORDER["anatomy"]])


def test_list_objects_have_exactly_the_v1_keys(api, seed):
    data = get_json(api, url("anatomy"))

    assert_keys(data, PAGE_KEYS)
    assert len(data["results"]) == 6
    for item in data["results"]:
        assert_keys(item, ANATOMY_SUMMARY_KEYS)
        assert_links(item["parent"], nullable=True)


@pytest.mark.parametrize("slug", list(ANATOMY_LINKS))
def test_the_detail_is_the_summary_plus_parts_and_conditions(api, seed, slug, django_assert_num_queries):
    with django_assert_num_queries(DETAIL_QUERIES["anatomy"]):
        data = get_json(api, url("anatomy", slug))

    assert without_timestamps(data) == {**ANATOMY[slug], **ANATOMY_LINKS[slug], **seed_review()}
    assert_timestamps_match(data, AnatomicalStructure.objects.get(is_live=True, slug=slug))


@pytest.mark.parametrize("slug", list(ANATOMY_LINKS))
def test_detail_objects_have_exactly_the_v1_keys(api, seed, slug):
    data = get_json(api, url("anatomy", slug))

    assert_keys(data, ANATOMY_DETAIL_KEYS)
    assert_review_keys(data)
    assert_links(data["parent"], nullable=True)
    assert_links(data["parts"])
    assert_links(data["conditions"])


def test_a_part_links_to_its_parent(api, seed):
    data = get_json(api, url("anatomy", "gluteus-maximus"))

    assert data["parent"] == link("anatomy", "gluteal-muscles", "Gluteal Muscles")


# ------------------------------------------------------------------------------ published only


def test_working_rows_are_never_served(api, db):
    """Editors' rows are not what apps read, even published ones: approval leaves both rows published."""
    parent = factories.AnatomicalStructureFactory(name="Approved parent")
    structure = factories.AnatomicalStructureFactory(name="Approved structure", parent=parent)
    part = factories.AnatomicalStructureFactory(name="Approved part", parent=structure)
    condition = factories.ConditionFactory(name="Approved condition", anatomy=[structure])
    # The working rows, edited since their approval, linked to each other as editors link them.
    factories.working_copy(parent, name="Edited parent")
    working = factories.working_copy(structure, name="Edited structure")
    factories.working_copy(part, name="Edited part")
    factories.working_copy(condition, name="Edited condition", anatomy=[working])
    factories.AnatomicalStructureFactory(working=True, status=Status.PUBLISHED, parent=working)
    # An item that only ever had a working row.
    never_approved = factories.AnatomicalStructureFactory(working=True, status=Status.PUBLISHED)

    listed = get_json(api, url("anatomy"))
    data = get_json(api, url("anatomy", structure.slug))

    assert [(item["name"], item["parent"]) for item in listed["results"]] == [
        ("Approved parent", None),
        ("Approved part", link("anatomy", structure.slug, "Approved structure")),
        ("Approved structure", link("anatomy", parent.slug, "Approved parent")),
    ]
    assert listed["count"] == 3
    assert data["name"] == "Approved structure"
    assert data["parent"] == link("anatomy", parent.slug, "Approved parent")
    assert data["parts"] == [link("anatomy", part.slug, "Approved part")]
    assert data["conditions"] == [link("conditions", condition.slug, "Approved condition")]
    assert get_problem(api, url("anatomy", never_approved.slug), 404) == not_found(
        "anatomical structure", never_approved.slug
    )
    # Where other items link to the structure, they link to what was approved, once.
    assert get_json(api, url("conditions", condition.slug))["anatomy"] == [
        link("anatomy", structure.slug, "Approved structure")
    ]
