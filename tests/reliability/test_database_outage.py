"""PostgreSQL killed under load, with the app served as in production (gunicorn with the repository's config,
DEBUG off, Redis for the revision and the cached representations, persistent database connections):

- while the database is down, a read that needs it is a 503 problem document with Retry-After, never a 500,
  and a representation cached at the revision kept in Redis keeps answering 200;
- once the database is back, every read answers 200 again, from the same gunicorn workers: no restart.

The test starts its own PostgreSQL cluster (initdb into a temporary folder, on a free port) and its own Redis,
and removes both afterwards, failed or not. The shared cluster on 5432 and the shared Redis are never touched.
"""

import json
import time
import urllib.request

import pytest

from tests.reliability.faults import Gunicorn, Load, OwnPostgres, OwnRedis

UNAVAILABLE = {
    "type": "about:blank",
    "title": "Service Unavailable",
    "status": 503,
    "detail": "The service is temporarily unavailable. Try again later.",
}


@pytest.fixture
def own_postgres():
    postgres = OwnPostgres()
    try:
        postgres.create()
        yield postgres
    finally:
        postgres.remove()


@pytest.fixture
def own_redis():
    redis = OwnRedis()
    redis.start()
    try:
        yield redis
    finally:
        redis.kill()


@pytest.fixture
def served(own_postgres, own_redis):
    own_postgres.createdb("hipcontent")
    server = Gunicorn(
        {
            "SECRET_KEY": "test-only-not-secret",
            "DATABASE_URL": own_postgres.url("hipcontent"),
            "REDIS_URL": own_redis.url,
            "ALLOWED_HOSTS": "127.0.0.1",
            # The load is one client; the rate limit is not what this test is about.
            "API_ANON_RATE": "1000000/minute",
            "HUEY_IMMEDIATE": "1",
        }
    )
    try:
        server.manage("migrate", "--noinput", "--verbosity", "0")
        server.manage("load_seed", "--verbosity", "0")
        server.start()
        yield server
    finally:
        server.stop()


def get_json(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, json.load(response)


def status_of(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def ratio(answers, status=200):
    return sum(answer.status == status for answer in answers) / len(answers)


def test_a_killed_database_is_503_for_uncached_reads_and_cached_ones_keep_serving_until_it_is_back(
    served, own_postgres
):
    listing = "/api/v1/conditions/?page_size=50"
    status, page = get_json(served.url + listing)
    assert status == 200
    slugs = [item["slug"] for item in page["results"]]
    assert len(slugs) >= 6
    topic = get_json(served.url + "/api/v1/topics/")[1]["results"][0]["slug"]
    # Read (so cached at the current revision) before the database goes, and only those.
    cached = [listing, "/api/v1/topics/", f"/api/v1/topics/{topic}/", "/api/v2/conditions/"]
    cached += [f"/api/v1/conditions/{slug}/" for slug in slugs[:3]]
    # Never read before the database goes: they need it.
    uncached = ["/api/v1/faqs/", "/api/v3/conditions/", "/api/v1/changes/", f"/api/v2/topics/{topic}/"]
    uncached += [f"/api/v2/conditions/{slug}/" for slug in slugs[3:6]]
    mixed = [path for pair in zip(cached, uncached, strict=False) for path in pair]
    mixed += cached[len(uncached) :] + uncached[len(cached) :]
    workers = served.workers()

    with Load(served.url, cached, threads=4, limit=5000, seconds=45) as load:
        load.wait_for(100)
        killing = time.monotonic()
        own_postgres.stop()
        killed = time.monotonic()
        load.paths = mixed
        load.wait_for(400)
        readyz_down, healthz_down = status_of(served.url + "/readyz"), status_of(served.url + "/healthz")
        restarting = time.monotonic()
        own_postgres.start()
        restarted = time.monotonic()
        load.wait_for(300)

    before, after = load.answers_between(0, killing), load.answers_between(restarted)
    down = load.answers_between(killed, restarting)
    down_cached = [answer for answer in down if answer.path in cached]
    down_uncached = [answer for answer in down if answer.path in uncached]
    print(
        f"before: {len(before)} ({ratio(before):.2%} 200); down: {len(down_cached)} cached "
        f"({ratio(down_cached):.2%} 200) and {len(down_uncached)} uncached "
        f"({ratio(down_uncached, 503):.2%} 503); "
        f"after: {len(after)} ({ratio(after):.2%} 200); outage {restarting - killed:.1f} s"
    )
    assert ratio(before) == 1.0
    assert len(down_cached) >= 150 and len(down_uncached) >= 150
    assert ratio(down_cached) == 1.0, sorted({(a.path, a.status) for a in down_cached if a.status != 200})
    assert ratio(down_uncached, 503) == 1.0, sorted({(a.path, a.status) for a in down_uncached})
    for answer in down_uncached:
        assert answer.content_type == "application/problem+json"
        assert answer.retry_after == "5"
        assert json.loads(answer.body) == UNAVAILABLE
    # Not one 500 or dropped connection, not even for requests in flight while it was killed or restarted.
    assert {answer.status for answer in load.answers} <= {200, 503}
    assert (readyz_down, healthz_down) == (503, 200)

    # Recovered without a restart: every read answers again, the uncached ones too, from the same workers.
    assert len(after) >= 300
    assert ratio(after) == 1.0, sorted({(a.path, a.status) for a in after if a.status != 200})
    assert {answer.path for answer in after} >= set(uncached)
    assert status_of(served.url + "/readyz") == 200
    assert served.workers() == workers
