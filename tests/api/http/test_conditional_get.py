"""Conditional GET: validators from the content revision, 304 before serialization, CORS for /api/ only."""

import pytest

from conditions import workflow
from conditions.models import Condition
from tests.payloads import url

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

    # 1. SELECT the newest change event (the content revision)
    with django_assert_num_queries(1):
        response = api.get(endpoint, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_if_modified_since_is_answered_too(api):
    last_modified = api.get(url("conditions"))["Last-Modified"]
    assert api.get(url("conditions"), HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304


def test_a_publish_changes_every_etag(api, editor, reviewer):
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
