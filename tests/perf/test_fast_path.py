"""The cached read and the 304 are cheap: a hit sends the bytes rendered on the miss, and on Redis the rate
counter, the content revision and the cached representation come back in one round trip.

The round-trip tests need the Redis cache (REDIS_URL set, as in CI); on the local-memory cache they skip.
"""

import pytest
from django.core.cache import cache
from redis.connection import AbstractConnection

from hipcontent.api.http.throttling import AppRateThrottle
from tests.payloads import url

pytestmark = pytest.mark.usefixtures("seed")

TOPIC = url("topics", "hip-pain-buttock-discomfort")
ENDPOINTS = [
    TOPIC,
    url("conditions") + "?page_size=2&page=2",  # with the pagination's Link header
    "/api/v2/conditions/labral-tears/",
    "/api/v2/conditions/?limit=2",
    url("changes") + "?limit=5",
]
# Per request by design: the counter moves, and the window's end comes nearer.
PER_REQUEST = {"RateLimit-Remaining", "RateLimit-Reset"}

on_redis = pytest.mark.skipif(
    type(cache._cache).__name__ != "RedisCacheClient", reason="round trips are counted on the Redis cache"
)


@pytest.fixture(params=[False, True], ids=["revision-queried", "revision-cached"])
def revision_cache(request, settings):
    settings.CONTENT_REVISION_CACHE = request.param
    return request.param


@pytest.fixture
def round_trips(monkeypatch):
    """How many times a request was sent to Redis: one per command, one per pipeline."""
    sent = []
    original = AbstractConnection.send_packed_command

    def send_packed_command(self, command, check_health=True):
        sent.append(command)
        return original(self, command, check_health)

    monkeypatch.setattr(AbstractConnection, "send_packed_command", send_packed_command)
    return sent


def headers_of(response):
    return {name: value for name, value in response.items() if name not in PER_REQUEST}


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_a_hit_sends_the_bytes_and_headers_of_the_miss(api, endpoint, revision_cache):
    miss = api.get(endpoint)
    hit = api.get(endpoint)

    assert miss.status_code == hit.status_code == 200
    assert hit.content == miss.content
    assert headers_of(hit) == headers_of(miss)
    assert set(hit.headers) >= PER_REQUEST | {
        "ETag",
        "Last-Modified",
        "Cache-Control",
        "Vary",
        "Content-Type",
    }
    assert hit["Content-Type"] == "application/json"


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_a_stale_revalidation_gets_the_cached_bytes(api, endpoint, revision_cache, django_assert_num_queries):
    fresh = api.get(endpoint)

    # The revision only, when it is not in the cache: the representation is the one kept on the first read.
    with django_assert_num_queries(0 if revision_cache else 1):
        stale = api.get(endpoint, HTTP_IF_NONE_MATCH='"v1-0-0000000000000000"')

    assert stale.status_code == 200
    assert stale.content == fresh.content
    assert headers_of(stale) == headers_of(fresh)


def test_304s_are_counted_by_the_rate_limit(api, settings, revision_cache):
    settings.API_ANON_RATE = "50/minute"
    etag = api.get(TOPIC)["ETag"]

    answers = [api.get(TOPIC, HTTP_IF_NONE_MATCH=etag) for _ in range(3)]

    assert [a.status_code for a in answers] == [304, 304, 304]
    assert [a["RateLimit-Remaining"] for a in answers] == ["48", "47", "46"]
    assert {a["ETag"] for a in answers} == {etag}


def test_a_cached_read_after_the_limit_is_a_429(api, settings, revision_cache):
    settings.API_ANON_RATE = "2/minute"
    assert [api.get(TOPIC).status_code for _ in range(3)] == [200, 200, 429]


@on_redis
def test_a_hit_and_a_304_are_one_round_trip_to_redis(api, settings, round_trips):
    settings.CONTENT_REVISION_CACHE = True
    etag = api.get(TOPIC)["ETag"]  # the miss: renders, keeps the revision and the representation

    round_trips.clear()
    assert api.get(TOPIC).status_code == 200
    # MULTI, SET NX + INCR of the rate counter, MGET of the revision and the representation, EXEC
    assert len(round_trips) == 1

    round_trips.clear()
    assert api.get(TOPIC, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert len(round_trips) == 1


@on_redis
def test_the_rate_counter_on_redis_counts_and_expires_with_its_window():
    throttle = AppRateThrottle()
    counts = [throttle.hit("ratelimit:test:one:60:1", timeout=5)[0] for _ in range(3)]

    assert counts == [1, 2, 3]
    assert cache.get("ratelimit:test:one:60:1") == 3  # readable through Django's cache, as before
    key = cache.make_and_validate_key("ratelimit:test:one:60:1")
    assert 0 < cache._cache.get_client(key).ttl(key) <= 5
