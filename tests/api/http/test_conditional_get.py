"""Conditional GET and the headers of every read: validators from the content revision, cache and rate-limit
headers, a 304 before serialization, none of the validators on an error; CORS for /api/ only."""

import pytest
from django.utils.http import http_date

from conditions import workflow
from conditions.models import ChangeEvent, Condition
from tests.api.v1.collections import COLLECTIONS
from tests.payloads import JSON, problem_of, url

pytestmark = pytest.mark.usefixtures("seed")

ENDPOINTS = [
    url("topics"),
    url("topics", "hip-pain-buttock-discomfort"),
    url("conditions"),
    url("conditions", "labral-tears"),
    url("changes"),
    url("snapshot"),
]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_every_read_carries_validators_and_cache_headers(api, endpoint, settings):
    settings.API_CACHE_MAX_AGE = 120
    response = api.get(endpoint)

    assert response.status_code == 200
    assert response["ETag"].startswith('"v1-')
    assert response["Last-Modified"].endswith(" GMT")
    assert response["Cache-Control"] == "public, max-age=120"
    assert "Accept" in response["Vary"]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_a_current_copy_is_a_304_that_runs_one_query(api, endpoint, django_assert_num_queries):
    etag = api.get(endpoint)["ETag"]

    # 1. SELECT the newest change event of what it shows (its revision)
    with django_assert_num_queries(1):
        response = api.get(endpoint, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_if_modified_since_is_answered_too(api):
    last_modified = api.get(url("conditions"))["Last-Modified"]
    assert api.get(url("conditions"), HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304


def test_a_publish_changes_the_etag_of_an_item_that_shows_the_published_one(api, editor, reviewer):
    # Hamstring origin tendinopathy has a relation with labral tears: its detail shows it (an unrelated item
    # keeps its ETag: tests/perf/test_scoped_revisions.py).
    endpoint = url("conditions", "hamstring-origin-tendinopathy")
    before = api.get(endpoint)["ETag"]
    condition = Condition.objects.working().get(slug="labral-tears")
    workflow.record_edit(item=condition, by=editor)
    workflow.submit_for_review(item=condition, by=editor)
    workflow.approve(item=condition, by=reviewer)

    response = api.get(endpoint, HTTP_IF_NONE_MATCH=before)

    assert response.status_code == 200
    assert response["ETag"] != before


def test_etags_differ_by_path_and_query(api):
    first = api.get(url("conditions") + "?page=1")["ETag"]
    second = api.get(url("conditions") + "?page_size=5")["ETag"]
    detail = api.get(url("conditions", "labral-tears"))["ETag"]
    assert len({first, second, detail}) == 3


def test_errors_carry_no_validators(api):
    response = api.get(url("conditions", "no-such-condition"))
    assert response.status_code == 404
    assert "ETag" not in response


def test_cors_is_open_for_the_api_without_credentials(api):
    response = api.get(url("conditions"), HTTP_ORIGIN="https://app.example.org")

    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    exposed = {h.strip().lower() for h in response["Access-Control-Expose-Headers"].split(",")}
    assert {"etag", "last-modified", "ratelimit-limit", "ratelimit-remaining", "ratelimit-reset"} <= exposed


def test_cors_preflight_allows_conditional_headers(api):
    response = api.options(
        url("conditions"),
        HTTP_ORIGIN="https://app.example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match, x-api-key",
    )
    assert response.status_code == 200
    assert "if-none-match" in response["Access-Control-Allow-Headers"]


def test_cors_is_closed_outside_the_api(client):
    response = client.get("/admin/login/", HTTP_ORIGIN="https://app.example.org")
    assert "Access-Control-Allow-Origin" not in response


# ------------------------------------------------- validators, cache and rate-limit headers on every read


def assert_rate_limited(response):
    """The generous limits of tests/conftest.py, one request counted in this test's first window."""
    assert response["RateLimit-Limit"] == "100000"
    assert response["RateLimit-Remaining"] == "99999"
    assert 1 <= int(response["RateLimit-Reset"]) <= 60


# A seed item of each collection.
SEED_ITEMS = {
    "topics": "hip-pain-buttock-discomfort",
    "conditions": "hip-osteoarthritis",
    "mechanisms": "referred-pain",
    "anatomy": "hip-joint",
    "red-flags": "persistent-pain",
    "treatments": "physical-therapy",
    "faqs": "how-does-hip-pain-lead-to-buttock-pain",
}


@pytest.mark.parametrize("kind", ["list", "detail"])
@pytest.mark.parametrize("collection", COLLECTIONS)
def test_every_read_carries_validators_cache_and_rate_limit_headers(api, seed, settings, collection, kind):
    path = url(collection) if kind == "list" else url(collection, SEED_ITEMS[collection])
    settings.API_CACHE_MAX_AGE = 90
    # The revision of what it shows: the newest change of its collection, or of its own item.
    item_type = "red-flag" if collection == "red-flags" else collection.removesuffix("s")
    events = ChangeEvent.objects.filter(item_type=item_type)
    revision = (events if kind == "list" else events.filter(slug=SEED_ITEMS[collection])).latest("id")

    response = api.get(path)

    assert response.status_code == 200
    assert response["Content-Type"] == JSON
    assert response["ETag"].startswith(f'"v1-{revision.id}-')
    assert response["Last-Modified"] == http_date(int(revision.at.timestamp()))
    assert response["Cache-Control"] == "public, max-age=90"
    assert {value.strip().lower() for value in response["Vary"].split(",")} == {"accept", "origin"}
    assert_rate_limited(response)


@pytest.mark.parametrize(
    ("path", "status"),
    [(url("conditions", "no-such-item"), 404), (f"{url('conditions')}?page_size=0", 400)],
)
def test_an_error_is_rate_limited_but_carries_no_validators(api, seed, path, status):
    response = api.get(path)

    problem_of(response, status)
    assert_rate_limited(response)
    for name in ("ETag", "Last-Modified", "Cache-Control"):
        assert name not in response, name
