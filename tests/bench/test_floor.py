"""The bench's floor views (bench/floor.py) are what its in-process table says: a Django view's `{}` through
the project's middleware, and a DRF view's `{}` that passes the API's key check and rate limit, as every API
view does (issue 15: the floor a small detail's 5x budget is read against)."""

import pytest

pytestmark = [pytest.mark.urls("bench.urls"), pytest.mark.django_db]


def test_the_django_view_answers_an_empty_object_through_the_middleware(client):
    response = client.get("/bench/floor/django/")

    assert (response.status_code, response.json()) == (200, {})
    assert response["X-Frame-Options"] == "DENY"  # set by a middleware


def test_the_drf_view_is_rate_limited_as_the_api_is(client, settings):
    settings.API_ANON_RATE = "2/minute"

    statuses = [client.get("/bench/floor/drf/").status_code for _ in range(3)]

    assert statuses == [200, 200, 429]
    assert client.get("/bench/floor/django/").status_code == 200  # the plain view counts nothing


def test_the_drf_view_checks_the_api_key(client):
    assert client.get("/bench/floor/drf/").json() == {}
    assert client.get("/bench/floor/drf/", HTTP_X_API_KEY="not-a-key").status_code == 401
