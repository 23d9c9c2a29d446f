"""/api/v1/treatments/: treatments, with their category, order of care, parent, parts and conditions.

What every collection does alike is in test_every_collection.py; what treatments share with anatomy (a
tree of parents and parts) in test_parents_and_parts.py.
"""

import pytest

from conditions.models import Status, Treatment
from tests import factories
from tests.api.v1.expected import LIST_ORDER, TREATMENT_LINKS
from tests.api.v1.queries import DETAIL_QUERIES, LIST_QUERIES
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
    url,
    without_timestamps,
)
from tests.seed_content import TREATMENTS, seed_review

# ------------------------------------------------------------------------------------ seed payloads


def test_the_list_is_every_seed_treatment_in_name_order(api, seed, django_assert_num_queries):
    with django_assert_num_queries(LIST_QUERIES["treatments"]):
        data = get_json(api, url("treatments"))

    assert without_timestamps(data) == page([TREATMENTS[slug] for slug in LIST_ORDER["treatments"]])


def test_list_objects_have_exactly_the_v1_keys(api, seed):
    data = get_json(api, url("treatments"))

    assert_keys(data, PAGE_KEYS)
    assert len(data["results"]) == 10
    for item in data["results"]:
        assert_keys(item, TREATMENT_SUMMARY_KEYS)
        assert_links(item["parent"], nullable=True)


@pytest.mark.parametrize("slug", list(TREATMENT_LINKS))
def test_the_detail_is_the_summary_plus_parts_and_conditions(api, seed, slug, django_assert_num_queries):
    with django_assert_num_queries(DETAIL_QUERIES["treatments"]):
        data = get_json(api, url("treatments", slug))

    assert without_timestamps(data) == {**TREATMENTS[slug], **TREATMENT_LINKS[slug], **seed_review()}
    assert_timestamps_match(data, Treatment.objects.get(is_live=True, slug=slug))


@pytest.mark.parametrize("slug", list(TREATMENT_LINKS))
def test_detail_objects_have_exactly_the_v1_keys(api, seed, slug):
    data = get_json(api, url("treatments", slug))

    assert_keys(data, TREATMENT_DETAIL_KEYS)
    assert_review_keys(data)
    assert_links(data["parent"], nullable=True)
    assert_links(data["parts"])
    assert_links(data["conditions"])


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
