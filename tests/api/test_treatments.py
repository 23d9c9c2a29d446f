"""/api/v1/treatments/: treatments, with their category, order of care, parent, parts and conditions."""

import datetime

import pytest

from conditions.models import Status, Treatment
from tests import factories
from tests.keys import TREATMENT_DETAIL_KEYS, TREATMENT_SUMMARY_KEYS, assert_review_keys
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
from tests.seed_content import TREATMENTS, condition_link, seed_review, treatment_link

# What a live row (the row the API reads) can be when it is hidden: a placeholder for an item never
# approved, or a withdrawn item. Only working rows go through review.
UNPUBLISHED = [Status.DRAFT, Status.UNPUBLISHED]

# 1. the newest change event (the content revision, for ETag and Last-Modified)
# 2. COUNT(*) of published treatments  3. the page of treatments, parent LEFT JOINed
LIST_QUERIES = 3
# 1. the newest change event (the content revision, for ETag and Last-Modified)
# 2. the treatment, its reviewer, the reviewer's profile and its parent LEFT JOINed  3. its sources
# 4. its published conditions  5. its published parts
DETAIL_QUERIES = 5

# Name order (the model's ordering), not the order of care.
LIST_ORDER = [
    "accurate-diagnosis",
    "activity-modification",
    "injections",
    "manual-therapy",
    "movement-pattern-retraining",
    "pain-management",
    "patient-education",
    "physical-therapy",
    "surgical-intervention",
    "therapeutic-exercises",
]

NO_LINKS = {"parts": [], "conditions": []}
# The management of hip-related buttock pain, linked (editorially) to the four hip pathologies.
HIP_PATHOLOGIES = [
    condition_link("femoroacetabular-impingement"),
    condition_link("greater-trochanteric-pain-syndrome"),
    condition_link("hip-osteoarthritis"),
    condition_link("labral-tears"),
]
MANAGEMENT = {"parts": [], "conditions": HIP_PATHOLOGIES}
DETAIL_LINKS = {
    "accurate-diagnosis": MANAGEMENT,
    "pain-management": MANAGEMENT,
    "physical-therapy": {
        # In the order of care, then by name: the article states no order among the program's parts.
        "parts": [
            treatment_link("manual-therapy"),
            treatment_link("movement-pattern-retraining"),
            treatment_link("patient-education"),
            treatment_link("therapeutic-exercises"),
        ],
        "conditions": HIP_PATHOLOGIES,
    },
    "manual-therapy": NO_LINKS,
    "therapeutic-exercises": NO_LINKS,
    "movement-pattern-retraining": NO_LINKS,
    "patient-education": NO_LINKS,
    "activity-modification": MANAGEMENT,
    "injections": NO_LINKS,
    "surgical-intervention": {
        "parts": [],
        "conditions": [
            condition_link("femoroacetabular-impingement"),
            condition_link("hip-osteoarthritis"),
            condition_link("labral-tears"),
        ],
    },
}


# ------------------------------------------------------------------------------------ seed payloads


def test_the_list_is_every_seed_treatment_in_name_order(api, seed, django_assert_num_queries):
    with django_assert_num_queries(LIST_QUERIES):
        data = get_json(api, url("treatments"))

    assert without_timestamps(data) == page([TREATMENTS[slug] for slug in LIST_ORDER])


def test_list_objects_have_exactly_the_v1_keys(api, seed):
    data = get_json(api, url("treatments"))

    assert_keys(data, PAGE_KEYS)
    assert len(data["results"]) == 10
    for item in data["results"]:
        assert_keys(item, TREATMENT_SUMMARY_KEYS)
        assert_links(item["parent"], nullable=True)


@pytest.mark.parametrize("slug", list(DETAIL_LINKS))
def test_the_detail_is_the_summary_plus_parts_and_conditions(api, seed, slug, django_assert_num_queries):
    with django_assert_num_queries(DETAIL_QUERIES):
        data = get_json(api, url("treatments", slug))

    assert without_timestamps(data) == {**TREATMENTS[slug], **DETAIL_LINKS[slug], **seed_review()}
    assert_timestamps_match(data, Treatment.objects.get(is_live=True, slug=slug))


@pytest.mark.parametrize("slug", list(DETAIL_LINKS))
def test_detail_objects_have_exactly_the_v1_keys(api, seed, slug):
    data = get_json(api, url("treatments", slug))

    assert_keys(data, TREATMENT_DETAIL_KEYS)
    assert_review_keys(data)
    assert_links(data["parent"], nullable=True)
    assert_links(data["parts"])
    assert_links(data["conditions"])


def test_unknown_slug_is_a_json_404(api, seed):
    assert get_problem(api, url("treatments", "no-such-treatment"), 404) == problem(
        404, "No published treatment has the slug 'no-such-treatment'."
    )


def test_categories_are_the_stored_codes(api, seed):
    data = get_json(api, url("treatments"))

    # No seed treatment is `medication`: pain management's sentence names self-care first (editorial).
    assert {item["category"] for item in data["results"]} == {
        "diagnostic",
        "rehabilitation",
        "self_care",
        "interventional",
        "surgical",
    }


# ------------------------------------------------------------------------------ published only


@pytest.mark.parametrize("status", UNPUBLISHED)
def test_it_hides_unpublished_treatments_from_the_list(api, db, status):
    shown = factories.TreatmentFactory()
    factories.TreatmentFactory(status=status)

    data = get_json(api, url("treatments"))

    assert [item["slug"] for item in data["results"]] == [shown.slug]
    assert data["count"] == 1


@pytest.mark.parametrize("status", UNPUBLISHED)
def test_an_unpublished_treatment_is_a_404(api, db, status):
    hidden = factories.TreatmentFactory(status=status)

    assert get_problem(api, url("treatments", hidden.slug), 404) == not_found("treatment", hidden.slug)


@pytest.mark.parametrize("status", UNPUBLISHED)
def test_an_unpublished_parent_is_null_in_the_list_and_the_detail(api, db, status):
    parent = factories.TreatmentFactory(status=status)
    part = factories.TreatmentFactory(parent=parent)

    [listed] = get_json(api, url("treatments"))["results"]
    detail = get_json(api, url("treatments", part.slug))

    assert listed["slug"] == part.slug
    assert listed["parent"] is None
    assert detail["parent"] is None


@pytest.mark.parametrize("status", UNPUBLISHED)
def test_it_leaves_out_unpublished_parts_and_conditions(api, db, status):
    treatment = factories.TreatmentFactory()
    part = factories.TreatmentFactory(parent=treatment)
    factories.TreatmentFactory(parent=treatment, status=status)
    condition = factories.ConditionFactory(treatments=[treatment])
    factories.ConditionFactory(treatments=[treatment], status=status)

    data = get_json(api, url("treatments", treatment.slug))

    assert data["parts"] == [link("treatments", part.slug, part.name)]
    assert data["conditions"] == [link("conditions", condition.slug, condition.name)]


def test_working_rows_are_never_served(api, db):
    """Editors' rows are not what apps read, even published ones: approval leaves both rows published."""
    parent = factories.TreatmentFactory(name="Approved parent")
    treatment = factories.TreatmentFactory(name="Approved treatment", parent=parent)
    part = factories.TreatmentFactory(name="Approved part", parent=treatment)
    condition = factories.ConditionFactory(name="Approved condition", treatments=[treatment])
    # The working rows, edited since their approval, linked to each other as editors link them.
    factories.working_copy(parent, name="Edited parent")
    working = factories.working_copy(treatment, name="Edited treatment")
    factories.working_copy(part, name="Edited part")
    factories.working_copy(condition, name="Edited condition", treatments=[working])
    factories.TreatmentFactory(working=True, status=Status.PUBLISHED, parent=working)
    # An item that only ever had a working row.
    never_approved = factories.TreatmentFactory(working=True, status=Status.PUBLISHED)

    listed = get_json(api, url("treatments"))
    data = get_json(api, url("treatments", treatment.slug))

    assert [(item["name"], item["parent"]) for item in listed["results"]] == [
        ("Approved parent", None),
        ("Approved part", link("treatments", treatment.slug, "Approved treatment")),
        ("Approved treatment", link("treatments", parent.slug, "Approved parent")),
    ]
    assert listed["count"] == 3
    assert data["name"] == "Approved treatment"
    assert data["parent"] == link("treatments", parent.slug, "Approved parent")
    assert data["parts"] == [link("treatments", part.slug, "Approved part")]
    assert data["conditions"] == [link("conditions", condition.slug, "Approved condition")]
    assert get_problem(api, url("treatments", never_approved.slug), 404) == not_found(
        "treatment", never_approved.slug
    )
    # Where other items link to the treatment, they link to what was approved, once.
    assert get_json(api, url("conditions", condition.slug))["treatments"] == [
        link("treatments", treatment.slug, "Approved treatment")
    ]


# ------------------------------------------------------------------------------------ query counts


def test_the_list_query_count_does_not_grow_with_the_number_of_treatments(api, db, django_assert_num_queries):
    def add(n):
        for _ in range(n):
            factories.TreatmentFactory(parent=factories.TreatmentFactory())

    add(3)
    with django_assert_num_queries(LIST_QUERIES):
        assert get_json(api, url("treatments") + "?page_size=100")["count"] == 6
    add(27)
    with django_assert_num_queries(LIST_QUERIES):
        assert get_json(api, url("treatments") + "?page_size=100")["count"] == 60


def test_the_detail_query_count_does_not_grow_with_parts_and_conditions(api, db, django_assert_num_queries):
    reviewer = factories.ReviewerProfileFactory()
    treatment = factories.TreatmentFactory(
        parent=factories.TreatmentFactory(),
        reviewed_by=reviewer.user,
        last_reviewed=datetime.date(2025, 3, 1),
    )

    def add(n):
        treatment.sources.add(*factories.SourceFactory.create_batch(n))
        factories.TreatmentFactory.create_batch(n, parent=treatment)
        factories.ConditionFactory.create_batch(n, treatments=[treatment])

    def counts(data):
        return (len(data["parts"]), len(data["conditions"]), len(data["sources"]))

    add(3)
    with django_assert_num_queries(DETAIL_QUERIES):
        data = get_json(api, url("treatments", treatment.slug))
    assert counts(data) == (3, 3, 3)
    add(27)
    with django_assert_num_queries(DETAIL_QUERIES):
        data = get_json(api, url("treatments", treatment.slug))
    assert counts(data) == (30, 30, 30)
    assert data["parent"] is not None
    assert data["reviewed_by"] == {"name": reviewer.display_name, "credentials": reviewer.credentials}


def test_parts_come_in_the_order_of_care(api, db):
    treatment = factories.TreatmentFactory()
    later = factories.TreatmentFactory(parent=treatment, name="A part", order_of_care=2)
    first = factories.TreatmentFactory(parent=treatment, name="B part", order_of_care=1)

    data = get_json(api, url("treatments", treatment.slug))

    assert [part["slug"] for part in data["parts"]] == [first.slug, later.slug]
