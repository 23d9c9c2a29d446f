"""Hot anonymous reads replayed before any middleware (hipcontent/api/http/replay.py): the same status, bytes
and headers as the full stack, fresh after a publish's commit, within the rate limit, and never a 500.

They need Redis (REDIS_URL set, as in CI): the invalidations travel by pub/sub. On the local-memory cache
they skip.
"""

import time

import pytest
from django.core.cache import cache

from conditions import workflow
from conditions.models import Condition
from hipcontent.api.http import invalidation, leases, replay
from hipcontent.api.http.outage import shared_cache
from hipcontent.health import ProbeMiddleware
from tests.api.http.keys_and_limits.helpers import issue

pytestmark = [
    pytest.mark.usefixtures("seed"),
    pytest.mark.skipif(
        type(cache._cache).__name__ != "RedisCacheClient", reason="replay needs Redis (pub/sub)"
    ),
]

TOPIC = "/api/v1/topics/hip-pain-buttock-discomfort/"
ENDPOINTS = [
    TOPIC,
    "/api/v1/conditions/?page_size=2&page=2",
    "/api/v2/topics/hip-pain-buttock-discomfort/",
    "/api/v2/conditions/?limit=2",
    "/api/v3/conditions/labral-tears/",
    "/api/v3/conditions/?limit=2",
]
ORIGIN = "https://app.example.org"


def wait_for(condition, seconds=5.0):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


@pytest.fixture
def replaying(settings, seed):
    settings.API_REPLAY = True
    leases.forget()
    replay.store.clear()
    # Loading the seed publishes inside the test's transaction, which never commits: its hold lapses.
    wait_for(lambda: invalidation.listener.current() is not None, invalidation.HOLD_SECONDS + 5)
    yield
    leases.forget()


@pytest.fixture
def full_stack_runs(monkeypatch):
    """The paths that went past the replay middleware, in order (the probe middleware sees every one)."""
    seen = []
    original = ProbeMiddleware.__call__

    def call(self, request):
        seen.append(request.path)
        return original(self, request)

    monkeypatch.setattr(ProbeMiddleware, "__call__", call)
    return seen


def full_answer(api, settings, method, path, **headers):
    settings.API_REPLAY = False
    try:
        return getattr(api, method)(path, **headers)
    finally:
        settings.API_REPLAY = True


def assert_same_answer(full, replayed):
    assert replayed.status_code == full.status_code
    assert replayed.content == full.content
    # Every header, in order; the remaining count comes from the replaying process's lease, and the window's
    # end may have come a second nearer between the two requests.
    assert 0 <= int(replayed["RateLimit-Remaining"]) <= int(full["RateLimit-Limit"])
    assert int(full["RateLimit-Reset"]) - int(replayed["RateLimit-Reset"]) in (0, 1)
    per_request = ("RateLimit-Remaining", "RateLimit-Reset")
    assert list(replayed.items()) == [
        (name, replayed[name] if name in per_request else value) for name, value in full.items()
    ]


def recorded_then_replayed(api, settings, full_stack_runs, path, method="get", **headers):
    """(the full stack's answer, the replayed one) of one request, checking which path answered."""
    getattr(api, method)(path, **headers)  # recorded
    full = full_answer(api, settings, method, path, **headers)
    full_stack_runs.clear()
    replayed = getattr(api, method)(path, **headers)
    assert full_stack_runs == []
    return full, replayed


@pytest.mark.usefixtures("replaying")
@pytest.mark.parametrize("path", ENDPOINTS)
def test_a_hot_read_is_replayed_as_the_full_stack_answers_it(
    api, settings, path, full_stack_runs, django_assert_num_queries
):
    full, replayed = recorded_then_replayed(api, settings, full_stack_runs, path)
    with django_assert_num_queries(0):
        api.get(path)

    assert replayed.status_code == 200
    assert_same_answer(full, replayed)
    assert {"ETag", "Last-Modified", "Content-Security-Policy", "RateLimit-Reset"} <= set(replayed.headers)


@pytest.mark.usefixtures("replaying")
@pytest.mark.parametrize("path", ENDPOINTS)
def test_a_304_is_replayed_as_the_full_stack_answers_it(api, settings, path, full_stack_runs):
    etag = api.get(path)["ETag"]
    full, replayed = recorded_then_replayed(api, settings, full_stack_runs, path, HTTP_IF_NONE_MATCH=etag)

    assert replayed.status_code == 304
    assert replayed.content == b""
    assert_same_answer(full, replayed)
    # A 304 is kept apart from the 200: without the condition, the body.
    assert api.get(path).content == api.get(path, HTTP_ACCEPT_ENCODING="gzip").content != b""


@pytest.mark.usefixtures("replaying")
def test_head_gzip_json_ld_and_cors_are_each_replayed_as_themselves(api, settings, full_stack_runs):
    cases = [
        ("head", {}),
        ("get", {"HTTP_ACCEPT_ENCODING": "gzip, deflate"}),
        ("get", {"HTTP_ACCEPT": "application/ld+json"}),
        ("get", {"HTTP_ORIGIN": ORIGIN}),
    ]
    path = "/api/v2/conditions/labral-tears/"
    answers = []
    for method, headers in cases:
        full, replayed = recorded_then_replayed(api, settings, full_stack_runs, path, method, **headers)
        assert_same_answer(full, replayed)
        answers.append(replayed)

    head, _gzip, json_ld, cors = answers
    assert head.content == b""
    assert json_ld["Content-Type"] == "application/ld+json"
    assert cors["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Origin" not in api.get(path)


@pytest.mark.usefixtures("replaying")
def test_a_deprecated_versions_headers_are_replayed(api, settings, full_stack_runs):
    settings.API_DEPRECATED_VERSIONS = {
        "v1": {"deprecated": "2027-01-04", "sunset": "2028-01-04", "link": "/api/v2/redoc/"}
    }
    full, replayed = recorded_then_replayed(api, settings, full_stack_runs, TOPIC)

    assert_same_answer(full, replayed)
    assert replayed["Deprecation"] == "@1799020800"
    assert "<http://testserver/api/v2/redoc/>" in replayed["Link"]


@pytest.mark.usefixtures("replaying")
def test_the_host_is_part_of_the_key(api, settings, full_stack_runs):
    settings.ALLOWED_HOSTS = ["testserver", "127.0.0.1"]
    api.get(TOPIC)
    full_stack_runs.clear()
    other = api.get(TOPIC, HTTP_HOST="127.0.0.1")

    assert full_stack_runs == [TOPIC]
    assert other.json()["url"].startswith("http://127.0.0.1/")


@pytest.mark.usefixtures("replaying")
@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_X_API_KEY": "key"},
        {"HTTP_AUTHORIZATION": "Api-Key key"},
        {"HTTP_COOKIE": "sessionid=abc"},
        {"HTTP_RANGE": "bytes=0-10"},
        {"HTTP_X_SOMETHING_NEW": "1"},
    ],
    ids=["x-api-key", "authorization", "cookie", "range", "unknown-header"],
)
def test_a_request_with_a_key_a_cookie_or_any_other_header_is_never_replayed(api, headers, full_stack_runs):
    _app, key = issue()
    keyed = ("HTTP_X_API_KEY", "HTTP_AUTHORIZATION")
    headers = {name: value.replace("key", key) if name in keyed else value for name, value in headers.items()}
    for _ in range(3):
        assert api.get(TOPIC, **headers).status_code == 200
    assert full_stack_runs == [TOPIC] * 3


@pytest.mark.usefixtures("replaying")
def test_an_unpublished_item_is_gone_from_the_next_request_after_the_commit(
    api, reviewer, full_stack_runs, django_capture_on_commit_callbacks
):
    path = "/api/v1/conditions/labral-tears/"
    api.get(path)
    assert api.get(path).status_code == 200
    full_stack_runs.clear()
    assert api.get(path).status_code == 200
    assert full_stack_runs == []  # replayed

    with django_capture_on_commit_callbacks(execute=True):
        workflow.unpublish(item=Condition.objects.working().get(slug="labral-tears"), by=reviewer)

    assert api.get(path).status_code == 404
    topic = api.get(TOPIC).json()
    assert "labral-tears" not in str(topic)


@pytest.mark.usefixtures("replaying")
def test_another_process_stops_replaying_before_the_commit_and_starts_again_after_it(
    django_capture_on_commit_callbacks,
):
    # A second listener, with its own thread and connection: what another gunicorn worker runs.
    other = invalidation.Listener()
    wait_for(lambda: other.current() is not None)
    before = other.current()

    try:
        with django_capture_on_commit_callbacks(execute=True):
            invalidation.revision_changed()
            # The hold was acknowledged before revision_changed returned: nothing is replayed from here on.
            assert other.current() is None
            assert invalidation.listener.current() is None

        # The release too: replaying again, only what is recorded from now on.
        after = other.current()
        assert after is not None and after != before
    finally:
        other._location = None  # its thread ends


@pytest.mark.usefixtures("replaying")
def test_a_lost_subscription_stops_replaying(api, full_stack_runs, monkeypatch):
    api.get(TOPIC)
    monkeypatch.setattr(invalidation.listener, "_connected", False)
    full_stack_runs.clear()

    assert api.get(TOPIC).status_code == 200
    assert full_stack_runs == [TOPIC]


def test_leases_never_serve_more_than_the_limit_across_processes(settings, rf):
    settings.API_ANON_RATE = "300/minute"  # blocks of 3
    leases.forget()
    processes = [{}, {}]
    served = 0
    request = rf.get(TOPIC, REMOTE_ADDR="192.0.2.7")
    for turn in range(400):
        leases._leases = processes[turn % 2]  # each process keeps its own leases
        rate_limit = leases.spend(request)
        if rate_limit is not None:
            served += 1
            assert 0 <= rate_limit.remaining <= 300 - served + 3
    leases._leases = {}

    # Exact or conservative: at most the limit, at most one block per process left unspent.
    assert 300 - 2 * 3 <= served <= 300


def test_a_block_is_never_larger_than_what_is_left(settings, rf):
    settings.API_ANON_RATE = "1000/minute"  # blocks of 10
    leases.forget()
    request = rf.get(TOPIC, REMOTE_ADDR="192.0.2.8")
    first = leases.spend(request)
    key = next(iter(leases._leases))
    cache.set(key, 995)  # others took all but 5 meanwhile
    leases._leases[key][1] = 0

    remaining = [leases.spend(request) for _ in range(7)]

    assert first.remaining == 999  # 1000 - 10 leased + 9 unspent
    assert [r.remaining if r else None for r in remaining] == [4, 3, 2, 1, 0, None, None]
    # The 5 tokens past the limit were counted, and are nobody's.
    assert cache.get(key) == 1005


def test_with_a_small_limit_the_replayed_count_is_exact_and_the_429_is_the_full_stacks(
    api, settings, replaying, full_stack_runs
):
    settings.API_ANON_RATE = "4/minute"
    answers = [api.get(TOPIC) for _ in range(5)]

    assert [a.status_code for a in answers] == [200, 200, 200, 200, 429]
    assert [a["RateLimit-Remaining"] for a in answers] == ["3", "2", "1", "0", "0"]
    assert full_stack_runs == [TOPIC, TOPIC]  # the first (recorded), and the 429


def test_redis_down_is_never_a_500(api, settings):
    settings.API_REPLAY = True
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/4",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 0.1, "socket_timeout": 0.1},
        }
    }
    answers = [api.get(TOPIC) for _ in range(3)]

    assert [a.status_code for a in answers] == [200, 200, 200]
    assert invalidation.listener.current() is None


@pytest.mark.usefixtures("replaying")
def test_redis_lost_while_replaying_falls_back_to_the_full_stack(api, monkeypatch, full_stack_runs):
    api.get(TOPIC)
    api.get(TOPIC)
    leases.forget()

    def unreachable(*_args, **_kwargs):
        raise ConnectionError("Redis is gone")

    monkeypatch.setattr(leases, "transaction", unreachable)
    full_stack_runs.clear()

    assert api.get(TOPIC).status_code == 200
    assert full_stack_runs == [TOPIC]
    # This process now leaves Redis alone for a moment, as it should; the next test must not inherit that
    # (tests/conftest.py resets it): it would keep nothing in the cache.
    assert not shared_cache.available()


def test_off_switches(api, settings, full_stack_runs):
    for replay_on, fast_path in ((False, True), (True, False)):
        settings.API_REPLAY, settings.API_FAST_PATH = replay_on, fast_path
        replay.store.clear()
        full_stack_runs.clear()
        for _ in range(3):
            api.get(TOPIC)
        assert full_stack_runs == [TOPIC] * 3


@pytest.mark.usefixtures("replaying")
def test_the_snapshot_is_never_replayed(api, full_stack_runs):
    # Which file answers changes when the worker ends a build, with no change event to announce it.
    path = "/api/v1/snapshot/"
    etag = api.get(path)["ETag"]
    answers = [api.get(path, HTTP_IF_NONE_MATCH=etag).status_code for _ in range(2)]

    assert answers == [304, 304]
    assert full_stack_runs == [path] * 3


def test_a_transaction_holds_once_however_many_changes_it_writes(
    monkeypatch, django_capture_on_commit_callbacks
):
    announced = []
    monkeypatch.setattr(invalidation, "announce", lambda action, hold: announced.append((action, hold)))

    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            invalidation.revision_changed()
        assert [action for action, _hold in announced] == ["hold"]

    [(_, hold), release] = announced
    assert release == ("release", hold)
