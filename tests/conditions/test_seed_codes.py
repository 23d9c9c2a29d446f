"""Every ICD-10-CM code in the seed is checked against the CDC's own tabular list, not against memory.

simple-icd-10-cm carries the CDC's April 1, 2026 update of ICD-10-CM FY2026 (the release the fixture cites,
in effect from October 1, 2025). A code's `display` must be the list's title word for word, and its `kind`
must say what the list says: `billable` for a code with no codes under it, `category` for a header.
"""

import importlib

import pytest

from conditions.seed import read_fixture

SEED = read_fixture("hip-pain-buttock-discomfort")
CODES = [
    (condition["slug"], code)
    for condition in SEED["conditions"]
    for code in condition.get("codes", [])
    if code["system"] == "icd10cm"
]


def test_the_seed_has_codes_to_check():
    assert [(slug, code["code"]) for slug, code in CODES] == [
        ("hip-osteoarthritis", "M16"),
        ("greater-trochanteric-pain-syndrome", "M70.6"),
        ("greater-trochanteric-pain-syndrome", "M76.0"),
    ]


@pytest.fixture(scope="module")
def icd():
    # Imported here, not at collection: the package parses its 10 MB list on import, in every xdist worker.
    return importlib.import_module("simple_icd_10_cm")


@pytest.mark.parametrize(("slug", "code"), CODES, ids=[code["code"] for _slug, code in CODES])
def test_each_code_is_in_the_cited_release_with_its_title_and_kind(icd, slug, code):
    assert icd.is_valid_item(code["code"]), f"{slug}: {code['code']} is not in ICD-10-CM"
    assert code["display"] == icd.get_description(code["code"])
    assert code["kind"] == ("billable" if icd.is_leaf(code["code"]) else "category")
    assert code["release"] == "FY2026"
    assert "FY2026" in SEED["code_sets"]["icd10cm"]["note"]


def test_a_category_header_has_the_billable_codes_under_it(icd):
    # What "category" promises apps: the codes to report are its children.
    assert icd.get_children("M70.6") == ["M70.60", "M70.61", "M70.62"]
    assert icd.get_children("M76.0") == ["M76.00", "M76.01", "M76.02"]
