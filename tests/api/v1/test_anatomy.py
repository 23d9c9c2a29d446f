"""/api/v1/anatomy/: anatomical structures, with their parent, parts and the conditions that involve them."""

import datetime

import pytest

from conditions.models import AnatomicalStructure, Status
from tests import factories
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
    problem,
    url,
    without_timestamps,
)
from tests.seed_content import ANATOMY, condition_link, seed_review, structure_link

# What a live row (the row the API reads) can be when it is hidden: a placeholder for an item never
# approved, or a withdrawn item. Only working rows go through review.
UNPUBLISHED = [Status.DRAFT, Status.UNPUBLISHED]

# 1. the newest change event (the content revision, for ETag and Last-Modified)
# 2. COUNT(*) of published structures  3. the page of structures, parent LEFT JOINed
LIST_QUERIES = 3
# 1. the newest change event (the content revision, for ETag and Last-Modified)
# 2. the structure, its reviewer, the reviewer's profile and its parent LEFT JOINed  3. its sources
# 4. its published conditions  5. its published parts
DETAIL_QUERIES = 5

# Name order (the model's ordering), not the article's order.
LIST_ORDER = [
    "deep-external-rotators",
    "gluteal-muscles",
    "gluteus-maximus",
    "gluteus-medius-and-minimus",
    "hip-joint",
    "sciatic-nerve",
]

# What each detail adds to the summary. Parts and conditions come in name order.
DETAIL_LINKS = {
    "hip-joint": {
        "parts": [],
        "conditions": [
            condition_link("femoroacetabular-impingement"),
            condition_link("hip-osteoarthritis"),
            condition_link("labral-tears"),
        ],
    },
    "gluteal-muscles": {
        "parts": [structure_link("gluteus-maximus"), structure_link("gluteus-medius-and-minimus")],
        "conditions": [condition_link("myofascial-trigger-points")],
    },
    "gluteus-maximus": {"parts": [], "conditions": []},
    "gluteus-medius-and-minimus": {
        "parts": [],
        "conditions": [condition_link("greater-trochanteric-pain-syndrome")],
    },
    "deep-external-rotators": {
        "parts": [],
        "conditions": [condition_link("deep-gluteal-syndrome"), condition_link("piriformis-syndrome")],
    },
    "sciatic-nerve": {
        "parts": [],
        "conditions": [condition_link("deep-gluteal-syndrome"), condition_link("piriformis-syndrome")],
    },
}


# ------------------------------------------------------------------------------------ seed payloads


def test_the_list_is_every_seed_structure_in_name_order(api, seed, django_assert_num_queries):
    with django_assert_num_queries(LIST_QUERIES):
        data = get_json(api, url("anatomy"))

    assert without_timestamps(data) == page([ANATOMY[slug] for slug in LIST_ORDER])


def test_list_objects_have_exactly_the_v1_keys(api, seed):
    data = get_json(api, url("anatomy"))

    assert_keys(data, PAGE_KEYS)
    assert len(data["results"]) == 6
    for item in data["results"]:
        assert_keys(item, ANATOMY_SUMMARY_KEYS)
        assert_links(item["parent"], nullable=True)


@pytest.mark.parametrize("slug", list(DETAIL_LINKS))
def test_the_detail_is_the_summary_plus_parts_and_conditions(api, seed, slug, django_assert_num_queries):
    with django_assert_num_queries(DETAIL_QUERIES):
        data = get_json(api, url("anatomy", slug))

    assert without_timestamps(data) == {**ANATOMY[slug], **DETAIL_LINKS[slug], **seed_review()}
    assert_timestamps_match(data, AnatomicalStructure.objects.get(is_live=True, slug=slug))


@pytest.mark.parametrize("slug", list(DETAIL_LINKS))
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


def test_unknown_slug_is_a_json_404(api, seed):
    assert get_problem(api, url("anatomy", "no-such-structure"), 404) == problem(
        404, "No published anatomical structure has the slug 'no-such-structure'."
    )


# ------------------------------------------------------------------------------ published only


@pytest.mark.parametrize("status", UNPUBLISHED)
def test_it_hides_unpublished_structures_from_the_list(api, db, status):
    shown = factories.AnatomicalStructureFactory()
    factories.AnatomicalStructureFactory(status=status)

    data = get_json(api, url("anatomy"))

    assert [item["slug"] for item in data["results"]] == [shown.slug]
    assert data["count"] == 1


@pytest.mark.parametrize("status", UNPUBLISHED)
def test_an_unpublished_structure_is_a_404(api, db, status):
    hidden = factories.AnatomicalStructureFactory(status=status)

    assert get_problem(api, url("anatomy", hidden.slug), 404) == not_found(
        "anatomical structure", hidden.slug
    )


@pytest.mark.parametrize("status", UNPUBLISHED)
def test_an_unpublished_parent_is_null_in_the_list_and_the_detail(api, db, status):
    parent = factories.AnatomicalStructureFactory(status=status)
    part = factories.AnatomicalStructureFactory(parent=parent)

    [listed] = get_json(api, url("anatomy"))["results"]
    detail = get_json(api, url("anatomy", part.slug))

    assert listed["slug"] == part.slug
    assert listed["parent"] is None
    assert detail["parent"] is None


@pytest.mark.parametrize("status", UNPUBLISHED)
def test_it_leaves_out_unpublished_parts_and_conditions(api, db, status):
    structure = factories.AnatomicalStructureFactory()
    part = factories.AnatomicalStructureFactory(parent=structure)
    factories.AnatomicalStructureFactory(parent=structure, status=status)
    condition = factories.ConditionFactory(anatomy=[structure])
    factories.ConditionFactory(anatomy=[structure], status=status)

    data = get_json(api, url("anatomy", structure.slug))

    assert data["parts"] == [link("anatomy", part.slug, part.name)]
    assert data["conditions"] == [link("conditions", condition.slug, condition.name)]


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


def test_parts_come_in_their_position_order(api, db):
    structure = factories.AnatomicalStructureFactory()
    second = factories.AnatomicalStructureFactory(parent=structure, name="A part", position=2)
    first = factories.AnatomicalStructureFactory(parent=structure, name="B part", position=1)

    data = get_json(api, url("anatomy", structure.slug))

    assert [part["slug"] for part in data["parts"]] == [first.slug, second.slug]


# ------------------------------------------------------------------------------------ query counts


def test_the_list_query_count_does_not_grow_with_the_number_of_structures(api, db, django_assert_num_queries):
    def add(n):
        for _ in range(n):
            factories.AnatomicalStructureFactory(parent=factories.AnatomicalStructureFactory())

    add(3)
    with django_assert_num_queries(LIST_QUERIES):
        assert get_json(api, url("anatomy") + "?page_size=100")["count"] == 6
    add(27)
    with django_assert_num_queries(LIST_QUERIES):
        assert get_json(api, url("anatomy") + "?page_size=100")["count"] == 60


def test_the_detail_query_count_does_not_grow_with_parts_and_conditions(api, db, django_assert_num_queries):
    reviewer = factories.ReviewerProfileFactory()
    structure = factories.AnatomicalStructureFactory(
        parent=factories.AnatomicalStructureFactory(),
        reviewed_by=reviewer.user,
        last_reviewed=datetime.date(2025, 3, 1),
    )

    def add(n):
        structure.sources.add(*factories.SourceFactory.create_batch(n))
        factories.AnatomicalStructureFactory.create_batch(n, parent=structure)
        factories.ConditionFactory.create_batch(n, anatomy=[structure])

    def counts(data):
        return (len(data["parts"]), len(data["conditions"]), len(data["sources"]))

    add(3)
    with django_assert_num_queries(DETAIL_QUERIES):
        data = get_json(api, url("anatomy", structure.slug))
    assert counts(data) == (3, 3, 3)
    add(27)
    with django_assert_num_queries(DETAIL_QUERIES):
        data = get_json(api, url("anatomy", structure.slug))
    assert counts(data) == (30, 30, 30)
    assert data["parent"] is not None
    assert data["reviewed_by"] == {"name": reviewer.display_name, "credentials": reviewer.credentials}
