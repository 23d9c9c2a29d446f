"""App API keys and rate limits, through the HTTP API: who may call, how often, and what the answers say.

Anonymous callers get API_ANON_RATE per address; an app's key gets its own rate, counted per key; a key that
is sent but unknown, revoked or expired is a 401, never anonymous. Every counted response says where the
caller stands (RateLimit-*); a 429 says when to come back (Retry-After). The docs and /healthz are never
counted.

The throttle's clock is frozen at the start of a day, so every window starts with the test and
RateLimit-Reset is exact; `clock.advance()` moves it. Each test runs twice: with the key checked by the
throttle alone (today's settings) and with AppKeyAuthentication as the authentication class.
"""

import re
from datetime import timedelta

import pytest
from django.contrib.admin.utils import quote
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from rest_framework.views import APIView

from conditions.models import AppKey
from hipcontent.api.collections import ContentViewSet
from hipcontent.api.http.keys import INVALID_KEY, TWO_KEYS, AppKeyAuthentication
from hipcontent.api.http.throttling import AppRateThrottle, RateLimitHeadersMixin, add_rate_limit_headers
from tests import factories

CONDITIONS = "/api/v1/conditions/"
ANON_LIMIT = 3
KEY_LIMIT = 5
DAY_START = 1_799_971_200.0  # a multiple of 86400: every second/minute/hour/day window starts here
PROBLEM = "application/problem+json"


class Clock:
    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now

    def advance(self, seconds):
        self.now += seconds


@pytest.fixture(autouse=True)
def _clean_counters():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    clock = Clock(DAY_START)
    monkeypatch.setattr(AppRateThrottle, "timer", clock)
    return clock


@pytest.fixture(autouse=True)
def _rates(settings):
    settings.API_ANON_RATE = f"{ANON_LIMIT}/minute"
    settings.API_KEY_RATE = f"{KEY_LIMIT}/minute"


@pytest.fixture(autouse=True, params=["throttle-only", "authenticator"])
def wiring(request, monkeypatch):
    """Check keys with the throttle alone, and with AppKeyAuthentication as the authentication class."""
    # Not imported at the top: importing drf_spectacular.views before rest_framework.views is circular.
    from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

    classes = [AppKeyAuthentication] if request.param == "authenticator" else []
    for view in (APIView, SpectacularAPIView, SpectacularSwaggerView, SpectacularRedocView):
        monkeypatch.setattr(view, "authentication_classes", classes)
    return request.param


@pytest.fixture(autouse=True)
def _rate_limit_headers(monkeypatch):
    # Until ContentViewSet has RateLimitHeadersMixin among its bases, add the headers as the mixin would.
    if issubclass(ContentViewSet, RateLimitHeadersMixin):
        return

    def finalize_response(self, request, response, *args, **kwargs):
        response = super(ContentViewSet, self).finalize_response(request, response, *args, **kwargs)
        return add_rate_limit_headers(request, response)

    monkeypatch.setattr(ContentViewSet, "finalize_response", finalize_response)


@pytest.fixture
def content(db):
    factories.ConditionFactory()
    return factories.TopicFactory()


def issue(**fields):
    fields = {"name": "Test app", "app_name": "Test app", **fields}
    app_key, key = AppKey.objects.create_key(**fields)
    return app_key, key


def limits(response):
    return tuple(
        int(response[name]) for name in ("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset")
    )


def assert_not_counted(response):
    assert not any(name.lower().startswith("ratelimit-") for name in response.headers), response.headers


def assert_problem(response, status, detail):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["status"] == status
    assert body["detail"] == detail
    assert {"type", "title", "status", "detail"} <= body.keys()


# ---- anonymous callers


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


# ---- apps with keys


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


# ---- the admin


@pytest.fixture
def add_url():
    return reverse("admin:conditions_appkey_add")


def form_data(**fields):
    return {
        "app_name": "Hip app",
        "name": "",
        "contact": "dev@hipapp.example",
        "rate": "",
        "expiry_date_0": "",
        "expiry_date_1": "",
        **fields,
    }


def issue_in_admin(admin_client, add_url, **fields):
    response = admin_client.post(add_url, form_data(**fields), follow=True)
    assert response.status_code == 200
    shown = [str(message) for message in response.context["messages"]]
    match = re.search(r"is: ([A-Za-z0-9]{8}\.[A-Za-z0-9]+)\. Please store it", " ".join(shown))
    assert match, shown
    return match[1]


def test_the_admin_issues_a_key_shown_once_that_works_at_its_rate(admin_client, api, content, add_url):
    key = issue_in_admin(admin_client, add_url, rate="7/minute")

    app_key = AppKey.objects.get()
    assert (app_key.app_name, app_key.name, app_key.rate) == ("Hip app", "Hip app", "7/minute")
    assert key not in app_key.id  # only the hash is stored
    assert limits(api.get(CONDITIONS, HTTP_X_API_KEY=key)) == (7, 6, 60)

    changelist = admin_client.get(reverse("admin:conditions_appkey_changelist"), {"q": "Hip"})
    assert changelist.status_code == 200
    page = changelist.content.decode()
    assert app_key.prefix in page and "Hip app" in page
    assert key not in page  # shown once, on creation, never again
    change = admin_client.get(reverse("admin:conditions_appkey_change", args=[quote(app_key.pk)]))
    assert key not in change.content.decode()


def test_the_admin_rejects_a_malformed_rate(admin_client, db, add_url):
    response = admin_client.post(add_url, form_data(rate="lots"))
    assert response.status_code == 200
    assert "is not a rate" in response.content.decode()
    assert not AppKey.objects.exists()


def test_the_admin_revokes_a_key(admin_client, api, content, add_url):
    key = issue_in_admin(admin_client, add_url)
    assert api.get(CONDITIONS, HTTP_X_API_KEY=key).status_code == 200
    app_key = AppKey.objects.get()

    url = reverse("admin:conditions_appkey_change", args=[quote(app_key.pk)])
    response = admin_client.post(url, form_data(name="Hip app", revoked="on"))
    assert response.status_code == 302, response.content
    assert AppKey.objects.get().revoked
    assert_problem(api.get(CONDITIONS, HTTP_X_API_KEY=key), 401, INVALID_KEY)


def test_the_admin_revokes_keys_in_bulk(admin_client, api, content):
    revoked_key, key = issue()
    _, kept = issue(app_name="Kept app")
    response = admin_client.post(
        reverse("admin:conditions_appkey_changelist"),
        {"action": "revoke", "_selected_action": [revoked_key.pk]},
        follow=True,
    )
    assert "Revoked 1 key." in response.content.decode()
    assert api.get(CONDITIONS, HTTP_X_API_KEY=key).status_code == 401
    assert api.get(CONDITIONS, HTTP_X_API_KEY=kept).status_code == 200
