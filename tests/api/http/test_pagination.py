"""Page-number pagination (hipcontent/api/http/pagination.py), as v1's lists and search use it: pages link to
each other, page sizes have a default and a limit, and a bad page parameter is a 400 naming it.
"""

import pytest
from rest_framework.test import APIClient

from tests import factories
from tests.api.v1.collections import COLLECTIONS
from tests.payloads import (
    PAGE_KEYS,
    assert_keys,
    get_json,
    get_problem,
    invalid_parameters,
    problem,
    problem_of,
    url,
)

NOT_A_WHOLE_NUMBER = "Must be a whole number of 1 or more."


def test_pages_link_to_the_next_and_previous_page(api, seed):
    base = url("conditions")

    pages = [get_json(api, f"{base}?page={number}&page_size=3") for number in (1, 2, 3, 4)]

    assert [(data["count"], data["next"], data["previous"]) for data in pages] == [
        (10, f"{base}?page=2&page_size=3", None),
        (10, f"{base}?page=3&page_size=3", f"{base}?page_size=3"),
        (10, f"{base}?page=4&page_size=3", f"{base}?page=2&page_size=3"),
        (10, None, f"{base}?page=3&page_size=3"),
    ]
    assert [len(data["results"]) for data in pages] == [3, 3, 3, 1]
    assert [item["slug"] for data in pages for item in data["results"]] == [
        item["slug"] for item in get_json(api, base)["results"]
    ]
    for data in pages:
        assert_keys(data, PAGE_KEYS)


def test_the_default_page_size_is_20(api, db):
    factories.MechanismFactory.create_batch(25)
    base = url("mechanisms")

    first = get_json(api, base)
    second = get_json(api, first["next"])

    assert (first["count"], len(first["results"]), first["next"], first["previous"]) == (
        25,
        20,
        f"{base}?page=2",
        None,
    )
    assert (len(second["results"]), second["next"], second["previous"]) == (5, None, base)


def test_page_size_100_is_allowed(api, db):
    factories.MechanismFactory.create_batch(101)
    base = url("mechanisms")

    data = get_json(api, f"{base}?page_size=100")

    assert (data["count"], len(data["results"]), data["next"]) == (101, 100, f"{base}?page=2&page_size=100")


def test_an_empty_collection_is_one_empty_page(api, db):
    assert get_json(api, url("topics")) == {"count": 0, "next": None, "previous": None, "results": []}


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_a_page_beyond_the_end_is_a_json_404(api, seed, collection):
    assert get_problem(api, f"{url(collection)}?page=99", 404) == problem(404, "Invalid page.")


@pytest.mark.parametrize(
    ("query", "errors"),
    [
        ("page=abc", {"page": [NOT_A_WHOLE_NUMBER]}),
        ("page=0", {"page": [NOT_A_WHOLE_NUMBER]}),
        ("page=-1", {"page": [NOT_A_WHOLE_NUMBER]}),
        ("page=1.5", {"page": [NOT_A_WHOLE_NUMBER]}),
        ("page=", {"page": [NOT_A_WHOLE_NUMBER]}),
        ("page_size=0", {"page_size": [NOT_A_WHOLE_NUMBER]}),
        ("page_size=101", {"page_size": ["Must be 100 or less."]}),
        ("page_size=abc", {"page_size": [NOT_A_WHOLE_NUMBER]}),
        ("page_size=", {"page_size": [NOT_A_WHOLE_NUMBER]}),
    ],
)
def test_a_malformed_page_parameter_is_a_400_naming_it(api, seed, query, errors):
    data = get_problem(api, f"{url('conditions')}?{query}", 400)

    assert data == {
        "type": "about:blank",
        "title": "Bad Request",
        "status": 400,
        "detail": "Invalid request parameters.",
        "errors": errors,
    }
    assert data == invalid_parameters(errors)


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_every_list_rejects_a_malformed_page_size(api, db, collection):
    assert get_problem(api, f"{url(collection)}?page_size=0", 400) == invalid_parameters(
        {"page_size": [NOT_A_WHOLE_NUMBER]}
    )


@pytest.mark.parametrize("parameter", ["page", "page_size"])
def test_a_non_ascii_digit_is_a_400_not_a_500(db, parameter):
    client = APIClient(raise_request_exception=False)  # answer the 500 instead of raising it here

    response = client.get(f"{url('conditions')}?{parameter}=²")

    assert problem_of(response, 400) == invalid_parameters({parameter: [NOT_A_WHOLE_NUMBER]})
