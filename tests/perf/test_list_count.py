"""The condition list's count is kept per revision of the list, one entry per order (hipcontent/api/http/
cache.py `count_per_revision`), and an uncached page reads it in the rate limiter's round trip to Redis
(hipcontent/api/collections.py `reads_with_rate_limit`), not in one of its own."""

import pytest
from django.core.cache import cache

from conditions.models import Condition
from hipcontent.api.http import cache as kept
from hipcontent.api.v1.lists import ConditionPages
from tests.payloads import get_json, url
from tests.perf.test_fast_path import on_redis, round_trips  # noqa: F401 (a fixture)

pytestmark = pytest.mark.usefixtures("seed")


def count_key():
    return kept.count_key(ConditionPages(None, ConditionPages.queries(tuple(Condition._meta.ordering))))


@on_redis
def test_an_uncached_page_reads_the_count_in_the_rate_limiters_round_trip(api, settings, round_trips):  # noqa: F811
    settings.CONTENT_REVISION_CACHE = True
    get_json(api, url("conditions") + "?first=1")  # counted, and the count kept at this revision

    round_trips.clear()
    data = get_json(api, url("conditions") + "?page_size=2&page=2")

    assert data["count"] == Condition.objects.published().count()
    # MULTI (the rate counter; MGET of the revision, the representation and the count) EXEC, then the SET
    # that keeps the representation; the count no longer comes in a GET of its own between them.
    assert len(round_trips) == 2


@pytest.mark.parametrize("revision_cache", [False, True], ids=["revision-queried", "revision-cached"])
def test_the_count_kept_at_the_lists_revision_is_the_one_served_and_no_other(api, settings, revision_cache):
    settings.CONTENT_REVISION_CACHE = revision_cache
    get_json(api, url("conditions") + "?first=1")
    revision, changed_at, counted = cache.get(count_key())
    assert counted == Condition.objects.published().count()

    cache.set(count_key(), (revision, changed_at, 999))
    assert get_json(api, url("conditions") + "?kept=1")["count"] == 999  # read, not counted again

    cache.set(count_key(), (revision - 1, changed_at, 999))
    assert get_json(api, url("conditions") + "?other=1")["count"] == counted  # another revision's: counted
    assert cache.get(count_key()) == (revision, changed_at, counted)
