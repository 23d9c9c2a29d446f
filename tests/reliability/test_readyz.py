"""/readyz answers 503 while the database cannot be reached and 200 again once it can, without a restart;
/healthz (liveness) never asks the database."""

from contextlib import contextmanager

import pytest
from django.db import connections

# Nothing listens here (this helper's port range): connecting to it is refused.
CLOSED_PORT = "8399"


@contextmanager
def unreachable_database():
    """Point the default connection at a database that cannot be opened, and drop the open connection, so the
    next query really tries to connect and fails; put everything back afterwards."""
    connection = connections["default"]
    connection.ensure_connection()
    kept = connection.connection
    original = dict(connection.settings_dict)
    connection.connection = None
    if connection.vendor == "sqlite":
        # A file in a folder that does not exist: sqlite3 cannot open it.
        connection.settings_dict["NAME"] = "/nonexistent-hipcontent-dir/db.sqlite3"
    else:
        connection.settings_dict.update(HOST="127.0.0.1", PORT=CLOSED_PORT)
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(original)
        if connection.vendor == "sqlite":
            # SQLite's in-memory test database lives in that connection: put it back.
            connection.connection = kept
        else:
            # PostgreSQL: a fresh connection is opened on the next query, as it would be in production.
            kept.close()


@pytest.fixture
def probe(client):
    def get(path="/readyz"):
        response = client.get(path)
        return response, response.json()

    return get


@pytest.mark.django_db(transaction=True)
def test_it_is_ready_when_the_database_answers(probe, settings):
    settings.REDIS_URL = ""
    response, body = probe()

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert body == {"status": "ready", "checks": {"database": "ok"}}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db(transaction=True)
def test_it_is_unready_while_the_database_is_unreachable_and_recovers(probe, settings):
    settings.REDIS_URL = ""
    with unreachable_database():
        response, body = probe()

        assert response.status_code == 503
        assert response["Content-Type"] == "application/problem+json"
        assert body == {
            "type": "about:blank",
            "title": "Service Unavailable",
            "status": 503,
            "detail": "Not ready: database unavailable.",
            "checks": {"database": "unavailable"},
        }
        # Still down on the next probe: nothing is remembered, each probe tries again.
        assert probe()[0].status_code == 503
        # Liveness does not depend on the database.
        liveness, body = probe("/healthz")
        assert (liveness.status_code, body) == (200, {"status": "ok"})

    response, body = probe()
    assert response.status_code == 200
    assert body == {"status": "ready", "checks": {"database": "ok"}}


def redis_cache(settings, url):
    settings.REDIS_URL = url
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}}


@pytest.mark.django_db(transaction=True)
def test_it_checks_the_cache_when_redis_is_configured(probe, settings):
    import redis

    url = "redis://127.0.0.1:6379/5"
    try:
        redis.Redis.from_url(url).ping()
    except redis.ConnectionError:
        pytest.skip("no Redis at 127.0.0.1:6379 (CI starts one)")
    redis_cache(settings, url)
    response, body = probe()

    assert response.status_code == 200
    assert body == {"status": "ready", "checks": {"database": "ok", "cache": "ok"}}


@pytest.mark.django_db(transaction=True)
def test_it_is_degraded_not_unready_when_the_cache_is_unreachable(probe, settings):
    # A Redis cache at a closed port: the probe's write fails, but the API answers without Redis, and a 503
    # here would drain every replica at once.
    redis_cache(settings, f"redis://127.0.0.1:{CLOSED_PORT}/5")
    response, body = probe()

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert body == {
        "status": "degraded",
        "detail": "Degraded: cache unavailable; serving without it.",
        "checks": {"database": "ok", "cache": "unavailable"},
    }


@pytest.mark.django_db(transaction=True)
def test_it_is_unready_when_the_database_is_down_whatever_the_cache(probe, settings):
    redis_cache(settings, f"redis://127.0.0.1:{CLOSED_PORT}/5")
    with unreachable_database():
        response, body = probe()

    assert response.status_code == 503
    assert body["detail"] == "Not ready: cache, database unavailable."
    assert body["checks"] == {"database": "unavailable", "cache": "unavailable"}


def test_healthz_answers_ok_without_touching_the_database(api):
    # No `db` fixture: pytest-django fails the test if the view touches the database.
    response = api.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok"}
