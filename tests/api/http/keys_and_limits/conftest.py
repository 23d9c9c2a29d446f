"""App API keys and rate limits, through the HTTP API: who may call, how often, and what the answers say.
This package's fixtures set small limits and a frozen clock for every test in it.

Anonymous callers get API_ANON_RATE per address; an app's key gets its own rate, counted per key; a key that
is sent but unknown, revoked or expired is a 401, never anonymous. Every counted response says where the
caller stands (RateLimit-*); a 429 says when to come back (Retry-After). The docs and /healthz are never
counted.

The throttle's clock is frozen at the start of a day, so every window starts with the test and
RateLimit-Reset is exact; `clock.advance()` moves it. Each test runs twice: with the key checked by the
throttle alone (today's settings) and with AppKeyAuthentication as the authentication class.
"""

import pytest
from django.core.cache import cache
from rest_framework.views import APIView

from hipcontent.api.collections import ContentViewSet
from hipcontent.api.http.keys import AppKeyAuthentication
from hipcontent.api.http.throttling import AppRateThrottle, RateLimitHeadersMixin, add_rate_limit_headers
from tests import factories
from tests.api.http.keys_and_limits.helpers import ANON_LIMIT, DAY_START, KEY_LIMIT, Clock


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
