"""What the keys-and-limits tests share: the limits this package sets, a clock to drive the throttle, and
how to issue a key and read the RateLimit-* headers and problem documents of an answer."""

from conditions.models import AppKey

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
