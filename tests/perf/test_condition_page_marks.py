"""v1's condition list, read with prepared statements (hipcontent/api/v1/lists.py ConditionPages), reads a
deep page from the page mark before it (hipcontent/api/http/seek.py), as the lists read through a QuerySet
do (tests/perf/test_page_marks.py): every page holds the rows a plain OFFSET gives, before and after a
publish, and once its mark is kept a deep page skips fewer than a stride of rows, in the statements and the
round trips to Redis of page 1 (the mark comes with the rate limit)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conditions import workflow
from conditions.models import Condition
from hipcontent.api.http import seek
from hipcontent.api.http.outage import shared_cache
from hipcontent.api.v1.lists import ConditionPages
from tests import factories
from tests.payloads import get_json, url
from tests.perf import test_page_marks as page_marks
from tests.perf.test_fast_path import on_redis, round_trips  # noqa: F401 (a fixture)
from tests.perf.test_page_marks import _only_publishes_change_content, offsets, tie_dates  # noqa: F401

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL only: SQLite lists keep the plain OFFSET"
)

STRIDE = 30
# As test_page_marks.py's, whose `pages` reads every page.
PAGE_SIZE = page_marks.PAGE_SIZE  # 20
TOTAL = page_marks.TOTAL  # 230: pages 1-12, the last one short; marks 1-7
# Every order the condition list takes: the default (name, slug) and OrderingFilter's (the slug last).
ORDERINGS = [None, "-updated_at", "updated_at", "name", "-name", "-updated_at,name"]


@pytest.fixture(autouse=True)
def _short_strides(monkeypatch):
    monkeypatch.setattr(seek, "STRIDE", STRIDE)


@pytest.fixture
def conditions(db):
    """TOTAL published conditions (each with its working copy) whose names tie in runs of 3 and dates in
    runs of 7, out of slug order."""
    live = factories.ConditionFactory.build_batch(TOTAL)
    for index, item in enumerate(live):
        item.name = f"Condition {(index * 7) % TOTAL // 3:03d}"
    working = [
        factories.ConditionFactory.build(working=True, slug=item.slug, name=item.name) for item in live
    ]
    Condition.objects.bulk_create(live + working)
    tie_dates(Condition, live)
    return live


def pages(api, ordering, walk, order=range):
    return page_marks.pages(api, ordering, walk, order, collection="conditions")


def plain(ordering):
    fields = ordering.split(",") if ordering else ["name"]
    return list(Condition.objects.published().order_by(*fields, "slug").values_list("slug", flat=True))


@pytest.mark.parametrize("ordering", ORDERINGS)
def test_every_page_holds_the_rows_of_a_plain_offset_marks_found_by_offset_or_from_the_one_before(
    api, conditions, ordering
):
    assert pages(api, ordering, "backwards", page_marks.backwards) == plain(ordering)
    assert pages(api, ordering, "forwards") == plain(ordering)  # marks read with the rate limit


@pytest.mark.parametrize("ordering", ["-updated_at", None])
def test_a_page_after_a_publish_is_read_from_the_new_revisions_marks_not_the_kept_ones(
    api, conditions, ordering, editor, reviewer, django_capture_on_commit_callbacks
):
    before = pages(api, ordering, "before")
    moved = before[-1]  # the newest after the publish, by date; renamed first, by name
    item = Condition.objects.working().get(slug=moved)
    item.name = "A condition renamed"
    item.save()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.record_edit(item=item, by=editor)
        workflow.submit_for_review(item=item, by=editor)
        workflow.approve(item=item, by=reviewer)

    after = pages(api, ordering, "after")

    assert after == plain(ordering) == [moved, *before[:-1]]


@on_redis
def test_once_its_mark_is_kept_a_deep_page_costs_the_statements_and_round_trips_of_page_1(
    api,
    conditions,
    settings,
    round_trips,  # noqa: F811
):
    settings.CONTENT_REVISION_CACHE = True
    query = url("conditions") + f"?ordering=-updated_at&page_size={PAGE_SIZE}"
    deep = TOTAL // PAGE_SIZE + 1  # the last page: offset 220, mark 7
    get_json(api, query + "&first=1")  # the count is kept from here on
    round_trips.clear()
    with CaptureQueriesContext(connection) as first:
        get_json(api, query + "&first=2")
    first_trips, _ = len(round_trips), round_trips.clear()
    with CaptureQueriesContext(connection) as finding:
        get_json(api, query + f"&page={deep}")
    round_trips.clear()
    with CaptureQueriesContext(connection) as kept:
        data = get_json(api, query + f"&page={deep}&again=1")

    assert [item["slug"] for item in data["results"]] == plain("-updated_at")[(deep - 1) * PAGE_SIZE :]
    assert max(offsets(finding)) == 7 * STRIDE  # the mark, found by OFFSET once, and its ties counted
    skipped = offsets(kept)
    assert len(skipped) == 2 and skipped[0] == skipped[1] < STRIDE + 7  # the page and its codes
    assert len(kept) == len(first)
    assert len(round_trips) == first_trips


def test_a_kept_mark_of_another_revision_is_not_read_from(api, conditions):
    # As after a publish: the mark's entry names the revision it was found at, and a wrong value kept under
    # another revision is not used.
    query = url("conditions") + f"?ordering=name&page_size={PAGE_SIZE}&page=12"
    expected = plain("name")[11 * PAGE_SIZE :]
    assert [item["slug"] for item in get_json(api, query)["results"]] == expected
    key = ConditionPages(None, ConditionPages.queries(("name", "slug"))).mark_key(7)
    revision, changed_at, value, ties = cache.get(key)
    cache.set(key, (revision - 1, changed_at, "Condition 000", 0))

    assert [item["slug"] for item in get_json(api, query + "&other=1")["results"]] == expected
    assert cache.get(key) == (revision, changed_at, value, ties)  # found again, at this revision


def test_while_the_shared_cache_is_out_a_deep_page_is_read_by_offset_in_the_queries_of_page_1(
    api, conditions
):
    query = url("conditions") + f"?ordering=name&page_size={PAGE_SIZE}"
    shared_cache.failed("read a page mark", ConnectionError("test: Redis is out"))
    with CaptureQueriesContext(connection) as first:
        get_json(api, query)
    with CaptureQueriesContext(connection) as deep:
        data = get_json(api, query + "&page=12")

    assert [item["slug"] for item in data["results"]] == plain("name")[11 * PAGE_SIZE :]
    assert len(deep) == len(first)
    assert max(offsets(deep)) == 11 * PAGE_SIZE
