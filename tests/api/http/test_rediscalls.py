"""hipcontent/api/http/rediscalls.py: an uncached read keeps its representation without waiting for Redis's
reply, which the thread's next call to Redis reads; the connection it was sent on goes back to the pool only
then. On the local-memory cache each call is Django's own (the Redis tests skip there)."""

import pytest
from django.core.cache import cache
from redis.exceptions import ConnectionError as RedisConnectionError

from hipcontent.api.http import rediscalls
from hipcontent.api.http.outage import shared_cache
from tests.payloads import url

on_redis = pytest.mark.skipif(
    type(cache._cache).__name__ != "RedisCacheClient", reason="replies read later: the Redis cache"
)
ENTRY = ("validity", b'{"a":1}', "application/json", {"Vary": "Accept"})


@pytest.fixture(autouse=True)
def _nothing_unread():
    rediscalls.settle()
    yield
    rediscalls.settle()


def test_what_is_put_later_is_read_back_as_django_would_store_it():
    rediscalls.put_later("rediscalls-test", ENTRY, 60)

    assert rediscalls.get("rediscalls-test") == ENTRY
    assert cache.get("rediscalls-test") == ENTRY
    assert rediscalls.get_many(["rediscalls-test", "absent"]) == {"rediscalls-test": ENTRY}


def test_a_count_put_under_a_version_is_djangos_entry_of_that_version():
    rediscalls.put("rediscalls-count", 42, 60, version=7)

    assert rediscalls.get("rediscalls-count", version=7) == cache.get("rediscalls-count", version=7) == 42
    assert rediscalls.get("rediscalls-count", version=8) is None


@on_redis
def test_the_reply_is_read_by_the_next_call_and_only_then_the_connection_goes_back_to_the_pool():
    rediscalls.put_later("rediscalls-test", ENTRY, 60)
    connection, pool = rediscalls._sent.connection, rediscalls._sent.pool

    assert connection is not None and connection not in pool._available_connections
    assert rediscalls.get("rediscalls-test") == ENTRY
    assert rediscalls._sent.connection is None
    assert connection in pool._available_connections and not connection.can_read()
    key = cache.make_and_validate_key("rediscalls-test")
    assert 0 < cache._cache.get_client(key).ttl(key) <= 60


@on_redis
def test_a_set_that_failed_is_reported_when_its_reply_is_read(monkeypatch):
    rediscalls.put_later("rediscalls-test", ENTRY, 60)
    connection, pool = rediscalls._sent.connection, rediscalls._sent.pool

    def lost(*_args, **_kwargs):
        raise RedisConnectionError("connection lost")

    monkeypatch.setattr(connection, "read_response", lost)
    rediscalls.settle()  # never raises

    assert shared_cache.down
    assert connection in pool._available_connections and connection._sock is None  # disconnected


@on_redis
@pytest.mark.usefixtures("seed")
def test_a_miss_is_answered_before_redis_replies_to_its_set_and_the_next_read_is_a_hit(
    api, settings, django_assert_num_queries
):
    settings.CONTENT_REVISION_CACHE = True
    topic = url("topics", "hip-pain-buttock-discomfort")
    miss = api.get(topic)

    assert rediscalls._sent.connection is not None  # the representation's SET, its reply not yet read
    with django_assert_num_queries(0):
        hit = api.get(topic)
    assert hit.content == miss.content and hit["ETag"] == miss["ETag"]
