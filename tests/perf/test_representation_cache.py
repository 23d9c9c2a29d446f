"""Rendered representations are cached per content revision; a publish is visible on the very next request.

tests/conftest.py drops the cache when a test writes content rows directly (factories write no change event).
These tests switch that off: here only a publish, through the workflow services, may change what is served.
"""

import pytest
from django.db.models import signals

from conditions import workflow
from conditions.models import Condition
from hipcontent.api.http import cache as representations
from hipcontent.api.http.throttling import AppRateThrottle
from tests.api.http.keys_and_limits.helpers import DAY_START, Clock
from tests.api.v1.queries import DETAIL_QUERIES
from tests.payloads import url

pytestmark = pytest.mark.usefixtures("seed")

TOPIC = url("topics", "hip-pain-buttock-discomfort")
CONDITION = url("conditions", "labral-tears")
CONDITIONS = url("conditions") + "?page_size=100"
V2_CONDITION = "/api/v2/conditions/labral-tears/"


@pytest.fixture(autouse=True)
def _only_publishes_change_content():
    for hook in (signals.post_save, signals.post_delete, signals.m2m_changed):
        hook.disconnect(dispatch_uid="tests-drop-representations")


@pytest.fixture(params=[False, True], ids=["revision-queried", "revision-cached"])
def revision_cache(request, settings):
    """Both ways the revision is found: a query per request (local memory), or the shared cache (Redis)."""
    settings.CONTENT_REVISION_CACHE = request.param
    return request.param


def rename(editor, reviewer, slug, name):
    condition = Condition.objects.working().get(slug=slug)
    condition.name = name
    condition.save()
    workflow.record_edit(item=condition, by=editor)
    workflow.submit_for_review(item=condition, by=editor)
    workflow.approve(item=condition, by=reviewer)


def names_in_topic(topic):
    return {c["name"] for c in topic["conditions"]["items"]}


def names_in_list(page):
    return {c["name"] for c in page["results"]}


@pytest.mark.parametrize("commit", [False, True], ids=["in-transaction", "after-commit"])
def test_a_publish_shows_at_once_in_detail_list_and_embedding_topic(
    api, editor, reviewer, revision_cache, commit, django_capture_on_commit_callbacks
):
    for endpoint in (TOPIC, CONDITION, CONDITIONS, V2_CONDITION):  # rendered and cached
        assert api.get(endpoint).status_code == 200
        assert api.get(endpoint).status_code == 200
    assert "Labral Tears" in names_in_topic(api.get(TOPIC).json())

    # execute=True runs the on-commit callbacks as a real commit would: the new revision is stored.
    with django_capture_on_commit_callbacks(execute=commit):
        rename(editor, reviewer, "labral-tears", "Labral Tears (renamed)")

    assert api.get(CONDITION).json()["name"] == "Labral Tears (renamed)"
    assert api.get(V2_CONDITION).json()["name"] == "Labral Tears (renamed)"
    assert "Labral Tears (renamed)" in names_in_list(api.get(CONDITIONS).json())
    assert "Labral Tears" not in names_in_list(api.get(CONDITIONS).json())
    topic = api.get(TOPIC).json()
    assert "Labral Tears (renamed)" in names_in_topic(topic)
    assert "Labral Tears" not in names_in_topic(topic)


@pytest.mark.parametrize("endpoint", [TOPIC, CONDITION, CONDITIONS, V2_CONDITION, url("search") + "?q=hip"])
def test_a_repeated_request_is_served_from_the_cache(
    api, endpoint, revision_cache, django_assert_num_queries
):
    first = api.get(endpoint)

    # 1. SELECT the newest change event of what it shows (its revision), unless the cached entry was
    #    found valid at the global revision the shared cache holds
    with django_assert_num_queries(0 if revision_cache else 1):
        again = api.get(endpoint)

    assert again.status_code == 200
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]
    assert again["Content-Type"] == first["Content-Type"]


def test_rate_limit_headers_stay_per_request(api, settings, monkeypatch):
    # The clock stands still at the start of a minute: a run that crossed a minute's end would start a new
    # window and count from 49 again.
    monkeypatch.setattr(AppRateThrottle, "timer", Clock(DAY_START))
    settings.API_ANON_RATE = "50/minute"
    remaining = [int(api.get(TOPIC)["RateLimit-Remaining"]) for _ in range(3)]
    assert remaining == [49, 48, 47]


def test_representations_differ_by_host_and_query(api, settings):
    settings.ALLOWED_HOSTS = ["testserver", "127.0.0.1"]
    default = api.get(CONDITIONS).json()
    other_host = api.get(CONDITIONS, HTTP_HOST="127.0.0.1").json()
    small = api.get(url("conditions") + "?page_size=2").json()

    assert default["results"][0]["url"].startswith("http://testserver/")
    assert other_host["results"][0]["url"].startswith("http://127.0.0.1/")
    assert len(small["results"]) == 2 and len(default["results"]) > 2


def test_errors_are_not_cached(api, django_assert_num_queries):
    missing = url("conditions", "no-such-condition")
    api.get(missing)
    # 1. the revision  2. the condition by slug, with its lists in the same pipeline (DETAIL_QUERIES: v1's
    # condition document reads them together, and a slug with no row finds them empty)
    with django_assert_num_queries(DETAIL_QUERIES["conditions"]):
        assert api.get(missing).status_code == 404


def test_a_revision_change_in_a_transaction_drops_the_cached_revision(settings):
    settings.CONTENT_REVISION_CACHE = True
    before = representations.content_revision()
    assert representations.cache.get(representations.REVISION_KEY) == before

    representations.revision_changed()

    # Until the commit stores the new revision, readers ask the database.
    assert representations.cache.get(representations.REVISION_KEY) is None


def test_the_revision_stored_after_commit_is_the_newest(
    settings, editor, reviewer, django_capture_on_commit_callbacks
):
    settings.CONTENT_REVISION_CACHE = True
    # A slower publisher's stale revision in the cache is replaced by the newest committed one.
    representations.cache.set(representations.REVISION_KEY, (1, None))
    with django_capture_on_commit_callbacks(execute=True):
        rename(editor, reviewer, "labral-tears", "Labral Tears (renamed)")

    assert representations.cache.get(representations.REVISION_KEY) == representations.newest_change()


def test_a_list_is_counted_once_per_revision(api, django_assert_num_queries):
    api.get(url("conditions") + "?page_size=2")

    # 1. the revision  2. the page of conditions  3. their codes; no COUNT(*): kept
    with django_assert_num_queries(3) as captured:
        page = api.get(url("conditions") + "?page_size=2&page=2").json()

    assert not any("COUNT(" in query["sql"].upper() for query in captured.captured_queries)
    assert page["count"] == Condition.objects.published().count()


@pytest.mark.parametrize(("ahead", "kept"), [(0, True), (1, False)])
def test_with_replicas_nothing_is_kept_under_a_revision_the_database_lacks(api, settings, ahead, kept):
    # A replica that has not replayed the publish renders old content: it must not be kept as the new one.
    settings.DATABASES = {**settings.DATABASES, "replica1": {**settings.DATABASES["default"]}}
    revision = representations.newest_change()[0] + ahead
    request = api.get(CONDITION).wsgi_request
    request.version = "v1"

    class Rendered:
        status_code, content = 200, b'{"name": "rendered"}'

        def items(self):
            return [("Content-Type", "application/json")]

        def __getitem__(self, name):
            return dict(self.items())[name]

    representations.store_representation(request, revision, Rendered())
    assert (representations.cached_representation(request, revision) is not None) is kept
