"""Apps with keys: each key has its own rate, counted per key and apart from anonymous traffic, sent in
X-Api-Key or `Authorization: Api-Key`; a key that is sent but cannot be used is a 401, never anonymous."""

from datetime import timedelta

import pytest
from django.utils import timezone

from conditions.models import AppKey
from hipcontent.api.http.keys import INVALID_KEY, TWO_KEYS
from tests.api.http.keys_and_limits.helpers import (
    ANON_LIMIT,
    CONDITIONS,
    KEY_LIMIT,
    assert_not_counted,
    assert_problem,
    issue,
    limits,
)


def test_a_keyed_app_has_its_own_rate_counted_apart_from_anonymous_traffic(api, content):
    _, key = issue()
    for _ in range(ANON_LIMIT):
        api.get(CONDITIONS)
    assert api.get(CONDITIONS).status_code == 429  # the address is spent for anonymous callers...

    remaining = []
    for _ in range(KEY_LIMIT):
        response = api.get(CONDITIONS, HTTP_X_API_KEY=key)  # ...but not for the app on the same address
        assert response.status_code == 200
        assert limits(response)[::2] == (KEY_LIMIT, 60)
        remaining.append(limits(response)[1])
    assert remaining == [4, 3, 2, 1, 0]

    response = api.get(CONDITIONS, HTTP_X_API_KEY=key)
    assert_problem(
        response,
        429,
        "Rate limit exceeded: 5 requests per minute for this app's API key. Try again in 60 seconds.",
    )
    assert response["Retry-After"] == "60"
    assert api.get(CONDITIONS).status_code == 429  # the app's requests never reset the anonymous counter


def test_an_app_keys_own_rate_overrides_the_default(api, content):
    _, key = issue(rate="2/hour")
    assert limits(api.get(CONDITIONS, HTTP_X_API_KEY=key)) == (2, 1, 3600)
    assert limits(api.get(CONDITIONS, HTTP_X_API_KEY=key)) == (2, 0, 3600)
    response = api.get(CONDITIONS, HTTP_X_API_KEY=key)
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert response.json()["detail"].startswith(
        "Rate limit exceeded: 2 requests per hour for this app's API key."
    )


def test_a_malformed_rate_on_a_key_falls_back_to_the_default(api, content, caplog):
    app_key, key = issue(rate="lots")
    assert limits(api.get(CONDITIONS, HTTP_X_API_KEY=key))[0] == KEY_LIMIT
    assert app_key.prefix in caplog.text


def test_keys_are_counted_per_key_not_per_address(api, content):
    _, first = issue()
    _, second = issue(app_name="Other app")
    for address in ("203.0.113.1", "203.0.113.2"):
        api.get(CONDITIONS, HTTP_X_API_KEY=first, REMOTE_ADDR=address)
    assert limits(api.get(CONDITIONS, HTTP_X_API_KEY=first, REMOTE_ADDR="203.0.113.3"))[1] == KEY_LIMIT - 3
    assert limits(api.get(CONDITIONS, HTTP_X_API_KEY=second, REMOTE_ADDR="203.0.113.1"))[1] == KEY_LIMIT - 1


@pytest.mark.parametrize("keyword", ["Api-Key", "api-key"])
def test_both_header_forms_name_the_same_key(api, content, keyword):
    _, key = issue()
    assert limits(api.get(CONDITIONS, HTTP_X_API_KEY=key))[:2] == (KEY_LIMIT, 4)
    assert limits(api.get(CONDITIONS, HTTP_AUTHORIZATION=f"{keyword} {key}"))[:2] == (KEY_LIMIT, 3)
    both = {"HTTP_X_API_KEY": key, "HTTP_AUTHORIZATION": f"{keyword} {key}"}
    assert limits(api.get(CONDITIONS, **both))[:2] == (KEY_LIMIT, 2)


@pytest.mark.parametrize(
    "headers",
    [{}, {"HTTP_X_API_KEY": ""}, {"HTTP_AUTHORIZATION": "Bearer something"}, {"HTTP_AUTHORIZATION": ""}],
    ids=["no header", "empty X-Api-Key", "another Authorization scheme", "empty Authorization"],
)
def test_without_a_key_a_caller_is_anonymous(api, content, headers):
    response = api.get(CONDITIONS, **headers)
    assert response.status_code == 200
    assert limits(response)[0] == ANON_LIMIT


def unknown(db):
    return "abcd1234.thiskeywasneverissuedbyanyonexyz"


def wrong_secret(db):
    app_key, _ = issue()
    return f"{app_key.prefix}.thisisnotthesecretofthiskeyatall"


def revoked(db):
    app_key, key = issue()
    app_key.revoked = True  # as the admin's "revoked" box does
    app_key.save()
    return key


def expired(db):
    _, key = issue(expiry_date=timezone.now() - timedelta(minutes=1))
    return key


@pytest.mark.parametrize("make_key", [unknown, wrong_secret, revoked, expired, lambda db: "garbage"])
@pytest.mark.parametrize("form", ["X-Api-Key", "Authorization"])
def test_a_key_that_cannot_be_used_is_a_401_never_anonymous(api, content, make_key, form):
    key = make_key(None)
    headers = {"HTTP_X_API_KEY": key} if form == "X-Api-Key" else {"HTTP_AUTHORIZATION": f"Api-Key {key}"}
    response = api.get(CONDITIONS, **headers)
    assert_problem(response, 401, INVALID_KEY)
    assert response.json()["title"] == "Unauthorized"
    assert response["WWW-Authenticate"].startswith("Api-Key")
    assert_not_counted(response)
    assert limits(api.get(CONDITIONS))[1] == ANON_LIMIT - 1  # nor did it use up the address's counter


def test_an_authorization_header_with_the_keyword_and_no_key_is_a_401(api, content):
    assert_problem(api.get(CONDITIONS, HTTP_AUTHORIZATION="Api-Key "), 401, INVALID_KEY)


def test_two_different_keys_are_a_401(api, content):
    _, first = issue()
    _, second = issue(app_name="Other app")
    response = api.get(CONDITIONS, HTTP_X_API_KEY=first, HTTP_AUTHORIZATION=f"Api-Key {second}")
    assert_problem(response, 401, TWO_KEYS)


def test_a_key_that_expires_later_works_until_then(api, content):
    _, key = issue(expiry_date=timezone.now() + timedelta(days=1))
    assert api.get(CONDITIONS, HTTP_X_API_KEY=key).status_code == 200


def test_a_key_is_looked_up_once_per_request(api, content, monkeypatch):
    _, key = issue()
    manager = type(AppKey.objects)
    original = manager.get_from_key
    calls = []

    def get_from_key(self, key):
        calls.append(key)
        return original(self, key)

    monkeypatch.setattr(manager, "get_from_key", get_from_key)
    api.get(CONDITIONS, HTTP_X_API_KEY=key)
    api.get(f"/api/v1/topics/{content.slug}/", HTTP_X_API_KEY=key)
    api.get(CONDITIONS)
    assert calls == [key, key]
