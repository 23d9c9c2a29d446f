"""hipcontent/api/http/rediscalls.py: an uncached read keeps its representation without waiting for Redis's
reply, which the thread's next call to Redis reads; the connection it was sent on goes back to the pool only
then. On the local-memory cache each call is Django's own (the Redis tests skip there)."""

import pytest
from django.core.cache import CacheKeyWarning, cache, caches
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import ResponseError

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


def test_keys_are_djangos_and_a_key_django_warns_of_still_warns():
    for key in ("scoped:" + "0" * 64, "ratelimit:anon:127.0.0.1:60:123", "clé"):
        assert rediscalls.made_key(key) == cache.make_and_validate_key(key)
    assert rediscalls.made_key("count", version=7) == cache.make_and_validate_key("count", version=7)

    with pytest.warns(CacheKeyWarning):
        rediscalls.made_key("a key with spaces")
    with pytest.warns(CacheKeyWarning):
        rediscalls.made_key("x" * 300)


def test_the_default_cache_follows_a_change_of_caches(settings):
    assert rediscalls.default_cache() is caches["default"]

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

    assert rediscalls.default_cache() is caches["default"]
    assert type(rediscalls.default_cache()).__name__ == "LocMemCache"


@on_redis
def test_a_transaction_replies_as_a_transaction_pipeline_does():
    key = cache.make_and_validate_key("rediscalls-counter")
    cache.delete("rediscalls-counter")
    commands = [("SET", key, 0, "EX", 60, "NX"), ("INCR", key), ("MGET", key, "absent")]

    first = rediscalls.transaction(cache._cache, commands)
    with rediscalls.kept_client(cache._cache).pipeline(transaction=True) as pipe:
        pipe.set(key, 0, ex=60, nx=True)
        pipe.incr(key)
        pipe.mget([key, "absent"])
        second = pipe.execute()

    assert first == [b"OK", 1, [b"1", None]]
    assert second == [None, 2, [b"2", None]]
    assert cache.get("rediscalls-counter") == 2  # Django reads the counter as the int it writes


@on_redis
def test_a_command_that_fails_in_a_transaction_raises_and_the_next_one_works():
    cache.set("rediscalls-text", "not a number", 60)
    key = cache.make_and_validate_key("rediscalls-text")

    with pytest.raises(ResponseError):
        rediscalls.transaction(cache._cache, [("INCR", key)])
    with pytest.raises(ResponseError):
        rediscalls.transaction(cache._cache, [("INCR",)])  # refused while queued: EXECABORT

    assert rediscalls.transaction(cache._cache, [("GET", key)]) == [
        cache._cache._serializer.dumps("not a number")
    ]


@on_redis
def test_the_rate_limiters_connection_is_kept_for_the_set_and_the_next_round_trip(monkeypatch):
    rediscalls.transaction(cache._cache, [("PING",)])
    connection, pool = rediscalls._sent.connection, rediscalls._sent.pool
    taken = []
    monkeypatch.setattr(pool, "get_connection", lambda *a, **k: taken.append(1) or connection)

    rediscalls.put_later("rediscalls-test", ENTRY, 60)
    assert rediscalls._sent.connection is connection and rediscalls._sent.unread
    rediscalls.transaction(cache._cache, [("PING",)])  # reads the SET's reply first, on the same connection

    assert taken == [] and rediscalls._sent.connection is connection and not rediscalls._sent.unread
    monkeypatch.undo()
    assert rediscalls.get("rediscalls-test") == ENTRY
    assert rediscalls._sent.connection is None and connection in pool._available_connections


@on_redis
def test_a_kept_connection_that_redis_closed_is_replaced_by_one_from_the_pool():
    rediscalls.transaction(cache._cache, [("PING",)])
    connection = rediscalls._sent.connection
    connection.send_command("CLIENT", "ID")
    rediscalls.kept_client(cache._cache).client_kill_filter(_id=connection.read_response())
    killed = connection._sock

    assert rediscalls.transaction(cache._cache, [("PING",)]) == [b"PONG"]
    assert rediscalls._sent.connection._sock not in (None, killed)  # connected afresh, by the pool
