"""A cached read and a 304 are answered before DRF's dispatch (hipcontent/api/http/fast.py) with exactly the
status, bytes and headers DRF's path sends; anything the fast path is not sure of goes to DRF.

Each comparison makes the DRF answer with API_FAST_PATH off and the fast one with it on, on the same cached
representation; `drf_dispatches` says which path answered.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.views import APIView

from tests.api.http.keys_and_limits.helpers import issue

pytestmark = pytest.mark.usefixtures("seed")

TOPIC = "/api/v1/topics/hip-pain-buttock-discomfort/"
ENDPOINTS = [
    TOPIC,
    "/api/v1/conditions/?page_size=2&page=2",  # with the pagination's Link header
    "/api/v2/conditions/labral-tears/",
    "/api/v2/conditions/?limit=2",
    "/api/v3/conditions/labral-tears/",
    "/api/v3/conditions/?limit=2",
]
PROBLEM = "application/problem+json"
NOTES = "https://docs.example.org/migrating-v1-to-v2"


@pytest.fixture
def drf_dispatches(monkeypatch):
    """The paths DRF's dispatch ran for (its `initial()`), in order."""
    seen = []
    original = APIView.initial

    def initial(self, request, *args, **kwargs):
        seen.append(request.path)
        return original(self, request, *args, **kwargs)

    monkeypatch.setattr(APIView, "initial", initial)
    return seen


@pytest.fixture(params=[False, True], ids=["revision-queried", "revision-cached"])
def revision_cache(request, settings):
    settings.CONTENT_REVISION_CACHE = request.param
    return request.param


def drf_answer(api, settings, path, **headers):
    """DRF's answer, after a first read has kept the representation; the fast path is on afterwards."""
    settings.API_FAST_PATH = False
    api.get(path, **{name: value for name, value in headers.items() if name != "HTTP_IF_NONE_MATCH"})
    drf = api.get(path, **headers)
    settings.API_FAST_PATH = True
    return drf


def drf_then_fast(api, settings, path, **headers):
    """(DRF's answer, the fast answer) of one request."""
    drf = drf_answer(api, settings, path, **headers)
    return drf, api.get(path, **headers)


def assert_same_answer(drf, fast):
    assert fast.status_code == drf.status_code
    assert fast.content == drf.content
    # Every header (the test client sends no Date); the counter moved by the one request between them.
    assert int(fast["RateLimit-Remaining"]) == int(drf["RateLimit-Remaining"]) - 1
    # The seconds to the window's end may tick between the two requests on a busy machine.
    assert int(drf["RateLimit-Reset"]) - int(fast["RateLimit-Reset"]) in (0, 1)
    moved = {name: fast[name] for name in ("RateLimit-Remaining", "RateLimit-Reset")}
    assert dict(fast.items()) == {**dict(drf.items()), **moved}


@pytest.mark.parametrize("path", ENDPOINTS)
def test_a_cached_read_is_answered_before_drf_as_drf_answers_it(
    api, settings, path, revision_cache, drf_dispatches, django_assert_num_queries
):
    drf = drf_answer(api, settings, path)
    drf_dispatches.clear()

    # The scope's revision, unless the revision cache says nothing was published since the entry was kept.
    with django_assert_num_queries(0 if revision_cache else 1):
        fast = api.get(path)

    assert drf_dispatches == []
    assert fast.status_code == 200
    assert_same_answer(drf, fast)
    assert {"ETag", "Last-Modified", "Cache-Control", "Vary", "Allow", "RateLimit-Limit"} <= set(fast.headers)


@pytest.mark.parametrize("path", ENDPOINTS)
def test_a_304_is_answered_before_drf_as_drf_answers_it(
    api, settings, path, revision_cache, drf_dispatches, django_assert_num_queries
):
    etag = api.get(path)["ETag"]
    drf = drf_answer(api, settings, path, HTTP_IF_NONE_MATCH=etag)
    drf_dispatches.clear()

    with django_assert_num_queries(0 if revision_cache else 1):
        fast = api.get(path, HTTP_IF_NONE_MATCH=etag)

    assert drf_dispatches == []
    assert fast.status_code == 304
    assert fast.content == b""
    assert_same_answer(drf, fast)
    assert fast["ETag"] == etag


@pytest.mark.parametrize("version", ["v2", "v3", "v4"])
def test_json_ld_is_answered_before_drf_in_its_own_media_type(api, settings, version, drf_dispatches):
    path = f"/api/{version}/conditions/labral-tears/"
    drf, fast = drf_then_fast(api, settings, path, HTTP_ACCEPT="application/ld+json")

    assert drf_dispatches == [path, path]  # the miss and DRF's hit; not the fast one
    assert fast["Content-Type"] == "application/ld+json"
    assert_same_answer(drf, fast)
    # Kept apart from the application/json representation, whose ETag is the same (the same revision).
    assert api.get(path)["Content-Type"] == "application/json"


def test_an_accept_it_does_not_negotiate_goes_to_drf(api, drf_dispatches):
    accept = "application/json;q=0.9, */*;q=0.1"
    first = api.get(TOPIC, HTTP_ACCEPT=accept)
    second = api.get(TOPIC, HTTP_ACCEPT=accept)

    assert drf_dispatches == [TOPIC, TOPIC]
    assert first.status_code == second.status_code == 200
    assert second.content == first.content


def test_format_in_the_query_goes_to_drf(api, drf_dispatches):
    assert [api.get(TOPIC + "?format=json").status_code for _ in range(2)] == [200, 200]
    assert drf_dispatches == [TOPIC, TOPIC]


def test_an_unknown_revoked_or_expired_key_is_still_a_401(api, drf_dispatches):
    from datetime import timedelta

    from django.utils import timezone

    api.get(TOPIC)  # rendered and kept before DRF: a hit for anyone with a usable key
    _revoked, revoked = issue(revoked=True)
    _expired, expired = issue(expiry_date=timezone.now() - timedelta(days=1))

    for key in ("not-a-key", revoked, expired):
        response = api.get(TOPIC, HTTP_X_API_KEY=key)

        assert response.status_code == 401
        assert response["Content-Type"] == PROBLEM
        assert response["WWW-Authenticate"] == 'Api-Key realm="api"'
        assert response.json()["detail"] == "This API key is not valid: it is unknown, revoked or expired."
        assert not any(name.startswith("RateLimit-") for name in response.headers)
    assert drf_dispatches == [TOPIC] * 3


def test_a_usable_key_gets_its_own_limit_before_drf(api, settings, drf_dispatches, django_assert_num_queries):
    _app, key = issue(rate="7/minute")
    drf = drf_answer(api, settings, TOPIC, HTTP_X_API_KEY=key)
    drf_dispatches.clear()

    with django_assert_num_queries(2):  # the key, the topic's revision
        fast = api.get(TOPIC, HTTP_X_API_KEY=key)

    assert drf_dispatches == []
    assert_same_answer(drf, fast)
    assert (fast["RateLimit-Limit"], fast["RateLimit-Remaining"]) == ("7", "4")


def test_each_request_is_counted_once_whichever_path_answers(api, settings, drf_dispatches):
    settings.API_ANON_RATE = "4/minute"
    etag = api.get(TOPIC)["ETag"]  # the miss: fast, a v1 detail
    hit = api.get(TOPIC)  # fast
    unusual = api.get(TOPIC, HTTP_ACCEPT="application/json, */*")  # DRF
    not_modified = api.get(TOPIC, HTTP_IF_NONE_MATCH=etag)  # fast
    refused = api.get(TOPIC)  # over the limit: DRF's problem document, counted once

    assert [hit.status_code, unusual.status_code, not_modified.status_code] == [200, 200, 304]
    assert [r["RateLimit-Remaining"] for r in (hit, unusual, not_modified, refused)] == ["2", "1", "0", "0"]
    assert refused.status_code == 429
    assert refused["Content-Type"] == PROBLEM
    assert refused["Retry-After"] == refused["RateLimit-Reset"]
    assert refused.json()["detail"].startswith("Rate limit exceeded: 4 requests per minute")
    assert drf_dispatches == [TOPIC, TOPIC]


def test_a_deprecated_version_carries_its_headers_on_the_fast_answer(api, settings, drf_dispatches):
    deprecation = {"deprecated": "2027-01-04", "sunset": "2028-01-04", "link": NOTES}
    settings.API_DEPRECATED_VERSIONS = {"v1": deprecation}
    etag = api.get(TOPIC)["ETag"]
    drf, fast = drf_then_fast(api, settings, TOPIC, HTTP_IF_NONE_MATCH=etag)

    assert fast.status_code == 304
    assert_same_answer(drf, fast)
    assert fast["Deprecation"] == "@1799020800"
    assert fast["Sunset"] == "Tue, 04 Jan 2028 00:00:00 GMT"
    assert drf_dispatches == [TOPIC, TOPIC]  # DRF's miss and DRF's 304; not the first read, not the fast 304


def test_cors_headers_are_the_same_on_the_fast_answer(api, settings):
    drf, fast = drf_then_fast(api, settings, TOPIC, HTTP_ORIGIN="https://app.example.org")

    assert fast["Access-Control-Allow-Origin"] == "*"  # CORS_ALLOW_ALL_ORIGINS
    assert_same_answer(drf, fast)


def test_a_failed_if_match_is_drfs_412(api, drf_dispatches):
    api.get(TOPIC)
    response = api.get(TOPIC, HTTP_IF_MATCH='"v1-0-0000000000000000"')

    assert response.status_code == 412
    assert response["Content-Type"] == PROBLEM
    assert drf_dispatches == [TOPIC]


def test_other_methods_go_to_drf(api, drf_dispatches):
    api.get(TOPIC)
    response = api.post(TOPIC, {}, format="json")

    assert response.status_code == 405
    assert response["Content-Type"] == PROBLEM
    assert drf_dispatches == [TOPIC]


# ------------------------------------------------------------------ a v1 detail's first render

# A detail of each collection v1 reads as plain data (hipcontent/api/v1/urls.py DOCUMENTS).
DETAILS = [
    TOPIC,
    "/api/v1/conditions/piriformis-syndrome/",
    "/api/v1/mechanisms/nerve-entrapment-or-irritation/",
    "/api/v1/anatomy/gluteal-muscles/",
    "/api/v1/red-flags/persistent-pain/",
    "/api/v1/treatments/physical-therapy/",
    "/api/v1/faqs/which-hip-conditions-cause-buttock-discomfort/",
]


def first_renders(api, settings, path, **headers):
    """(DRF's first render, the fast path's first render, what the fast one kept) of one request: the
    representation cache emptied before each (the revision and rate counter with it)."""
    from django.core.cache import cache

    found = []
    for fast in (False, True):
        settings.API_FAST_PATH = fast
        cache.clear()
        found.append(api.get(path, **headers))
    return (*found, api.get(path, **headers))


def without_rate_limit(response):
    return {name: value for name, value in response.items() if not name.startswith("RateLimit-")}


@pytest.mark.parametrize("path", DETAILS)
def test_a_v1_details_first_render_is_answered_before_drf_as_drf_renders_it(
    api, settings, path, revision_cache, drf_dispatches
):
    drf, fast, kept = first_renders(api, settings, path)

    assert drf_dispatches == [path]  # DRF's own render only
    assert fast.status_code == drf.status_code == kept.status_code == 200
    assert fast.content == drf.content == kept.content
    assert without_rate_limit(fast) == without_rate_limit(drf) == without_rate_limit(kept)
    assert fast["RateLimit-Remaining"] == drf["RateLimit-Remaining"]


@pytest.mark.parametrize("path", DETAILS[:2])
def test_a_first_render_in_a_media_type_asked_for_by_name_is_the_same(api, settings, path, drf_dispatches):
    drf, fast, kept = first_renders(api, settings, path, HTTP_ACCEPT="application/json")

    assert drf_dispatches == [path]
    assert fast.content == drf.content == kept.content
    assert fast["Content-Type"] == drf["Content-Type"] == "application/json"


def test_a_first_render_asked_with_its_etag_is_drfs_304(api, settings, drf_dispatches):
    etag = api.get(TOPIC)["ETag"]

    drf, fast, kept = first_renders(api, settings, TOPIC, HTTP_IF_NONE_MATCH=etag)

    assert fast.status_code == drf.status_code == kept.status_code == 304
    assert without_rate_limit(fast) == without_rate_limit(drf)
    assert drf_dispatches == [TOPIC]


def test_a_detail_with_no_item_is_drfs_404_read_once(
    api, settings, drf_dispatches, django_assert_num_queries
):
    path = "/api/v1/mechanisms/no-such-mechanism/"
    settings.API_FAST_PATH = False
    api.get(path)
    with CaptureQueriesContext(connection) as drf_queries:
        drf = api.get(path)
    settings.API_FAST_PATH = True

    with django_assert_num_queries(len(drf_queries)):
        fast = api.get(path)

    assert fast.status_code == drf.status_code == 404
    assert fast.content == drf.content
    assert fast["Content-Type"] == PROBLEM
    assert drf_dispatches == [path, path, path]  # DRF answers every 404, the fast path's without a read
