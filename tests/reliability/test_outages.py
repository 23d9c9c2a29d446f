"""Redis down does not take the API down: reads keep answering 200 (the revision from the database, no cached
representations, rate limits counted per process), a reviewer can still approve and unpublish, and when Redis
is back the processes use it again without a restart. Each test starts its own redis-server and breaks it;
the shared Redis at 6379 is never touched."""

import logging
import time

import pytest

from conditions import workflow
from conditions.models import Condition, Topic
from hipcontent.api.http import cache as api_cache
from hipcontent.api.http.outage import shared_cache
from hipcontent.api.http.throttling import _FALLBACK_COUNTERS
from tests.reliability.faults import Load, OwnRedis, redis_caches
from tests.reliability.test_readyz import unreachable_database

# transaction=True: the live server reads from its own thread, and publishing runs its on_commit callbacks;
# serialized_rollback: the editorial groups from a data migration come back after the flush.
pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("seed"),
]

OUTAGE_LOGGER = "hipcontent.api.http.outage"


@pytest.fixture(autouse=True)
def _direct_content_writes_drop_cached_representations():
    # Overrides tests/conftest.py's hook, which empties the cache on every content write: with Redis down
    # that would raise in the test's own hook. Here content changes only through the workflow, whose change
    # events move the revision as in production.
    yield


@pytest.fixture
def own_redis(settings):
    redis = OwnRedis()
    redis.start()
    _FALLBACK_COUNTERS.clear()  # another test's outage counted in this process too
    try:
        settings.REDIS_URL = redis.url
        settings.CACHES = redis_caches(redis.url)
        settings.CONTENT_REVISION_CACHE = True
        yield redis
    finally:
        redis.kill()


def reads():
    """A mix of uncached-looking reads: lists and details of both versions."""
    topic = Topic.objects.published().first().slug
    conditions = list(Condition.objects.published().values_list("slug", flat=True)[:3])
    paths = ["topics/", "conditions/", "faqs/", f"topics/{topic}/"]
    paths += [f"conditions/{slug}/" for slug in conditions]
    return [f"/api/{version}/{path}" for version in ("v1", "v2") for path in paths]


def ratio_ok(statuses):
    return sum(status == 200 for status in statuses) / len(statuses)


def test_reads_keep_answering_while_redis_is_killed_and_use_it_again_when_it_is_back(
    own_redis, live_server, caplog
):
    caplog.set_level(logging.WARNING, logger=OUTAGE_LOGGER)
    with Load(live_server.url, reads()) as load:
        load.wait_for(100)
        killed = time.monotonic()
        own_redis.kill()
        load.wait_for(400)
        restarted = time.monotonic()
        own_redis.start()  # empty, on the same port
        load.wait_for(50)
        recovered = time.monotonic()
        load.wait_for(100)

    before, down = load.between(0, killed), load.between(killed, restarted)
    after = load.between(recovered)
    print(f"before: {len(before)}, down: {len(down)} ({ratio_ok(down):.2%} 200), after: {len(after)}")
    assert len(down) >= 400
    assert ratio_ok(before) == 1.0
    assert ratio_ok(down) >= 0.99, sorted(set(down))
    assert ratio_ok(after) == 1.0
    # Back in use without a restart: the revision and the rate-limit counters are in the new Redis again.
    keys = {key.decode() for key in own_redis.client().keys("*")}
    assert any(api_cache.REVISION_KEY in key for key in keys), keys
    assert any(":ratelimit:" in key for key in keys), keys
    # Warned, not flooded: one warning when it went down (then at most one per 30 s), one when it was back.
    outage = [r.getMessage() for r in caplog.records if r.name == OUTAGE_LOGGER]
    assert 2 <= len(outage) <= 6, outage
    assert "unavailable" in outage[0] and "back" in outage[-1]


def test_rate_limits_are_counted_per_process_while_redis_is_down(own_redis, client, settings, caplog):
    settings.API_ANON_RATE = "5/minute"
    own_redis.kill()
    statuses = [client.get("/api/v1/topics/").status_code for _ in range(6)]

    assert statuses == [200] * 5 + [429]
    assert any("unavailable" in r.getMessage() for r in caplog.records if r.name == OUTAGE_LOGGER)


def test_a_reviewer_approves_and_unpublishes_while_redis_is_down(own_redis, client, editor, reviewer):
    item = Condition.objects.create(slug="knee-pain", name="Knee Pain", summary="Version one.")
    workflow.submit_for_review(item=item, by=editor)
    assert client.get("/api/v1/conditions/knee-pain/").status_code == 404  # cached at this revision
    own_redis.kill()

    workflow.approve(item=item, by=reviewer)
    assert client.get("/api/v1/conditions/knee-pain/").status_code == 200
    workflow.unpublish(item=item, by=reviewer)
    assert client.get("/api/v1/conditions/knee-pain/").status_code == 404

    own_redis.start()
    time.sleep(shared_cache.retry_seconds)
    assert client.get("/api/v1/conditions/knee-pain/").status_code == 404
    assert client.get("/api/v2/conditions/knee-pain/").status_code == 404


def test_a_revision_that_could_not_be_dropped_is_dropped_when_redis_answers_again(
    own_redis, client, reviewer, monkeypatch
):
    # Redis keeps its data, but the unpublish cannot reach it (a network partition, a failover): the revision
    # cached before would come back with it, and with it the representations rendered before it, the
    # withdrawn content included. (A paused Redis would not do: it runs the buffered DEL when resumed.)
    import redis
    from django.core.cache.backends.redis import RedisCacheClient

    slug = Condition.objects.published().first().slug
    path = f"/api/v1/conditions/{slug}/"
    assert client.get(path).status_code == 200  # now cached, with the revision
    stale = own_redis.client().keys(f"*{api_cache.REVISION_KEY}")
    assert stale

    def unreachable(*args, **kwargs):
        raise redis.ConnectionError("Error 113 connecting to 127.0.0.1. No route to host.")

    with monkeypatch.context() as patched:
        patched.setattr(RedisCacheClient, "delete", unreachable)
        workflow.unpublish(item=Condition.objects.get(slug=slug, is_live=False), by=reviewer)
    assert own_redis.client().keys(f"*{api_cache.REVISION_KEY}") == stale  # still there, stale
    assert client.get(path).status_code == 404  # Redis left alone for a moment: from the database
    time.sleep(shared_cache.retry_seconds)

    assert client.get(path).status_code == 404  # the first call after the outage dropped the revision
    assert client.get(path).status_code == 404  # and from the revision cached afresh


# ------------------------------------------------------------------------------------ the database


def assert_unavailable(response):
    assert response.status_code == 503, response.content[:300]
    assert response["Content-Type"] == "application/problem+json"
    assert response["Retry-After"] == "5"
    assert response.json() == {
        "type": "about:blank",
        "title": "Service Unavailable",
        "status": 503,
        "detail": "The service is temporarily unavailable. Try again later.",
    }


def test_a_read_that_needs_the_database_is_a_503_while_it_is_down_and_works_again_after(client):
    with unreachable_database():
        # A v1 detail's first render is tried before DRF (fast.py), and DRF answers the 503.
        details = (
            "/api/v1/topics/hip-pain-buttock-discomfort/",
            "/api/v1/mechanisms/nerve-entrapment-or-irritation/",
        )
        for path in ("/api/v1/topics/", "/api/v2/conditions/", "/api/v1/changes/", *details):
            assert_unavailable(client.get(path))

    assert client.get("/api/v1/topics/").status_code == 200


def test_cached_representations_keep_serving_while_the_database_is_down(own_redis, client):
    cached = "/api/v1/topics/"
    assert client.get(cached).status_code == 200  # cached, with the revision in Redis
    with unreachable_database():
        assert client.get(cached).status_code == 200
        assert_unavailable(client.get("/api/v1/conditions/"))

    assert client.get("/api/v1/conditions/").status_code == 200
