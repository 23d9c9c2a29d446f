"""Callers without a key: API_ANON_RATE per address (an IPv6 /64), told where they stand on every counted
answer and when to come back after a 429. The docs, the schema and /healthz are never counted."""

import pytest

from tests.api.http.keys_and_limits.helpers import (
    ANON_LIMIT,
    CONDITIONS,
    assert_not_counted,
    assert_problem,
    limits,
)


def test_an_anonymous_read_is_allowed_and_says_where_it_stands(api, content):
    response = api.get(CONDITIONS)
    assert response.status_code == 200
    assert limits(response) == (ANON_LIMIT, ANON_LIMIT - 1, 60)

    response = api.get(f"/api/v1/topics/{content.slug}/")
    assert response.status_code == 200
    assert limits(response) == (ANON_LIMIT, ANON_LIMIT - 2, 60)


def test_a_burst_over_the_anonymous_rate_is_a_429_until_the_window_resets(api, content, clock):
    assert [limits(api.get(CONDITIONS))[1] for _ in range(ANON_LIMIT)] == [2, 1, 0]

    clock.advance(15)
    response = api.get(CONDITIONS)
    assert_problem(
        response,
        429,
        "Rate limit exceeded: 3 requests per minute for anonymous callers from one IP address; "
        "an app API key has a higher limit. Try again in 45 seconds.",
    )
    assert response["Retry-After"] == "45"
    assert limits(response) == (ANON_LIMIT, 0, 45)
    assert response.json()["title"] == "Too Many Requests"

    clock.advance(44.5)  # half a second left: still limited, and "1 second", never "0"
    response = api.get(CONDITIONS)
    assert response.status_code == 429
    assert response["Retry-After"] == "1"
    assert response.json()["detail"].endswith("Try again in 1 second.")

    clock.advance(0.5)  # the next minute: a new window
    response = api.get(CONDITIONS)
    assert response.status_code == 200
    assert limits(response) == (ANON_LIMIT, ANON_LIMIT - 1, 60)


def test_a_304_is_counted_and_carries_the_headers(api, content):
    etag = api.get(CONDITIONS)["ETag"]
    response = api.get(CONDITIONS, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert limits(response) == (ANON_LIMIT, ANON_LIMIT - 2, 60)


def test_errors_after_the_throttle_carry_the_headers_too(api, db):
    response = api.get("/api/v1/topics/no-such-topic/")
    assert response.status_code == 404
    assert limits(response) == (ANON_LIMIT, ANON_LIMIT - 1, 60)


def test_anonymous_callers_are_counted_per_address_and_x_forwarded_for_is_not_trusted(api, content):
    for _ in range(ANON_LIMIT):
        api.get(CONDITIONS, REMOTE_ADDR="203.0.113.7")
    # A made-up X-Forwarded-For does not buy a fresh counter: without NUM_PROXIES it is not read at all.
    assert (
        api.get(CONDITIONS, REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 429
    )
    response = api.get(CONDITIONS, REMOTE_ADDR="203.0.113.8")
    assert response.status_code == 200
    assert limits(response)[1] == ANON_LIMIT - 1


def test_behind_a_proxy_num_proxies_says_which_forwarded_address_is_the_client(api, content, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for _ in range(ANON_LIMIT):
        api.get(CONDITIONS, HTTP_X_FORWARDED_FOR="spoofed, 203.0.113.7", **proxy)
    assert api.get(CONDITIONS, HTTP_X_FORWARDED_FOR="other, 203.0.113.7", **proxy).status_code == 429
    response = api.get(CONDITIONS, HTTP_X_FORWARDED_FOR="203.0.113.8", **proxy)
    assert limits(response)[1] == ANON_LIMIT - 1


def test_an_ipv6_client_is_counted_by_its_64_network(api, content):
    for n in range(ANON_LIMIT):
        api.get(CONDITIONS, REMOTE_ADDR=f"2001:db8:1:2::{n + 1}")
    assert api.get(CONDITIONS, REMOTE_ADDR="2001:db8:1:2:ffff::9").status_code == 429
    assert api.get(CONDITIONS, REMOTE_ADDR="2001:db8:1:3::1").status_code == 200


def test_rates_are_read_from_settings_on_every_request(api, content, settings):
    assert limits(api.get(CONDITIONS))[0] == ANON_LIMIT
    settings.API_ANON_RATE = "100/hour"
    assert limits(api.get(CONDITIONS)) == (100, 99, 3600)


# ---- never counted


@pytest.mark.parametrize("path", ["/api/v1/schema/", "/api/v1/docs/", "/api/v1/redoc/", "/healthz"])
def test_the_docs_schema_and_health_check_are_never_throttled_and_ignore_keys(api, content, settings, path):
    settings.API_ANON_RATE = "1/minute"
    api.get(CONDITIONS)
    assert api.get(CONDITIONS).status_code == 429  # this address is spent

    for headers in ({}, {"HTTP_X_API_KEY": "not-a-key"}, {}):
        response = api.get(path, **headers)
        assert response.status_code == 200, (path, headers)
        assert_not_counted(response)
