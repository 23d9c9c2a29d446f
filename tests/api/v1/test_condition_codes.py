"""Codes on conditions, and look-up by code as MedlinePlus Connect does: children and parents match."""

import pytest

from tests.payloads import get_json, url
from tests.seed_content import CODE_CLAIM

pytestmark = pytest.mark.usefixtures("seed")

ICD10CM_SOURCE = {
    "title": "ICD-10-CM Tabular List of Diseases and Injuries",
    "publisher": "CDC National Center for Health Statistics",
    "url": "",
    "accessed": None,
    "note": (
        "Release FY2026 (in effect from October 1, 2025). Each code given on a condition says its release, "
        "whether it is billable or a category header, and whether it names the condition exactly, more "
        "broadly, or one of its components."
    ),
}


def by_code(api, query):
    return [item["slug"] for item in get_json(api, f"{url('conditions')}?{query}")["results"]]


def test_coded_conditions_carry_their_codes_and_cite_the_code_set(api):
    data = get_json(api, url("conditions", "greater-trochanteric-pain-syndrome"))
    assert data["codes"] == [
        {
            "system": "icd10cm",
            "code": "M70.6",
            "display": "Trochanteric bursitis",
            "release": "FY2026",
            "kind": "category",  # a header: M70.60-M70.62 are the billable codes
            "match": "component",  # GTPS encompasses trochanteric bursitis
            "claim": CODE_CLAIM,
        },
        {
            "system": "icd10cm",
            "code": "M76.0",
            "display": "Gluteal tendinitis",
            "release": "FY2026",
            "kind": "category",
            "match": "component",
            "claim": CODE_CLAIM,
        },
    ]
    assert ICD10CM_SOURCE in data["sources"]
    assert get_json(api, url("conditions", "hip-osteoarthritis"))["codes"] == [
        {
            "system": "icd10cm",
            "code": "M16",
            "display": "Osteoarthritis of hip",
            "release": "FY2026",
            "kind": "category",
            "match": "exact",
            "claim": CODE_CLAIM,
        }
    ]


def test_conditions_without_an_exact_code_have_none(api):
    listed = get_json(api, f"{url('conditions')}?page_size=100")["results"]
    coded = {item["slug"] for item in listed if item["codes"]}
    assert coded == {"hip-osteoarthritis", "greater-trochanteric-pain-syndrome"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("code=M16", ["hip-osteoarthritis"]),
        ("code=M16.11", ["hip-osteoarthritis"]),  # a child code finds the page coded with its parent
        ("code=m16.1&code_system=icd10cm", ["hip-osteoarthritis"]),
        ("code=M70", ["greater-trochanteric-pain-syndrome"]),  # a parent code finds its children
        ("code=M76.02", ["greater-trochanteric-pain-syndrome"]),
        ("code=M16&code_system=snomedct", []),
        ("code=S73.1", []),
    ],
)
def test_look_up_by_code(api, query, expected):
    assert by_code(api, query) == expected
