"""v2 over HTTP, as v1: validators and a one-query 304 on every read (an ETag of its own), rate-limit headers,
problem errors (/api/v9/ is no version), and its own root, schema and docs."""

import pytest

from tests.api.v2.expected import VOCAB, url
from tests.payloads import get_json, get_problem, problem

pytestmark = pytest.mark.usefixtures("seed")

ENDPOINTS = [
    url("topics"),
    url("topics", "hip-pain-buttock-discomfort"),
    url("conditions") + "?page_size=3",
    url("conditions", "labral-tears"),
    url("changes"),
    url("snapshot"),
    url("search") + "?q=hip",
    url("vocab"),
]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_every_v2_read_has_validators_and_a_304_costs_one_query(api, endpoint, django_assert_num_queries):
    response = api.get(endpoint)
    assert response.status_code == 200
    assert response["ETag"].startswith('"v2-')
    assert response["Last-Modified"].endswith(" GMT")
    assert {"RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"} <= set(response.headers)

    # 1. SELECT the newest change event of what it shows (its revision)
    with django_assert_num_queries(1):
        again = api.get(endpoint, HTTP_IF_NONE_MATCH=response["ETag"])

    assert (again.status_code, again.content) == (304, b"")


def test_the_same_path_has_another_etag_in_each_version(api):
    v1 = api.get("/api/v1/conditions/labral-tears/")["ETag"]
    v2 = api.get(url("conditions", "labral-tears"))["ETag"]

    assert v1 != v2
    assert api.get(url("conditions", "labral-tears"), HTTP_IF_NONE_MATCH=v1).status_code == 200


@pytest.mark.parametrize(
    "path", ["/api/v9/", "/api/v9/topics/", "/api/v9/topics/hip-pain-buttock-discomfort/"]
)
def test_an_unknown_version_is_a_404_problem(api, path):
    assert get_problem(api, path, 404) == problem(404, f"No API resource at {path}.")


def test_writes_are_405_problems(api):
    response = api.post(url("conditions"), {"name": "x"}, format="json")
    assert response.status_code == 405
    assert response["Content-Type"] == "application/problem+json"


INDEX_TERMS = {
    "topics": "hc:topicList",
    "conditions": "hc:conditionList",
    "mechanisms": "hc:mechanismList",
    "anatomy": "hc:anatomyList",
    "red-flags": "hc:redFlagList",
    "treatments": "hc:treatmentList",
    "faqs": "hc:faqList",
}


def test_the_root_is_a_json_ld_web_api_listing_the_v2_collections(api):
    assert get_json(api, "/api/v2/") == {
        "@context": [
            "https://schema.org",
            {
                "hc": VOCAB + "#",
                **{key: {"@id": term, "@type": "@id"} for key, term in INDEX_TERMS.items()},
            },
        ],
        "@id": "http://testserver/api/v2/",
        "@type": "WebAPI",
        "name": "hipcontent API v2",
        "documentation": url("docs"),
        "topics": url("topics"),
        "conditions": url("conditions"),
        "mechanisms": url("mechanisms"),
        "anatomy": url("anatomy"),
        "red-flags": url("red-flags"),
        "treatments": url("treatments"),
        "faqs": url("faqs"),
    }


def test_v2_has_its_own_schema_and_docs(api):
    schema = api.get(url("schema"))
    assert schema.status_code == 200
    assert b"version: 2.0.0" in schema.content
    assert b"/api/v2/conditions/{slug}/:" in schema.content
    assert b"/api/v1/" not in schema.content
    for page_ in ("docs", "redoc"):
        response = api.get(url(page_))
        assert (response.status_code, response["Content-Type"]) == (200, "text/html; charset=utf-8")
        assert b"/api/v2/schema/" in response.content
