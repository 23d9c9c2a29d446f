"""A deep page of a v1 list seeks to the mark before it, kept per revision, and skips at most STRIDE rows
from there (hipcontent/api/http/seek.py): every page holds the rows a plain OFFSET gives, in every order,
before and after a publish moves an item, and once the marks are kept no statement skips STRIDE rows or more.
"""

import datetime
import re

import pytest
from django.db import connection
from django.db.models import signals
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conditions import workflow
from faq.models import Question
from hipcontent.api.http import seek
from hipcontent.api.http.outage import shared_cache
from hipcontent.api.http.pagination import CountPerRevision
from hipcontent.api.http.state import state
from tests import factories
from tests.payloads import get_json, url

STRIDE = 30
PAGE_SIZE = 20
TOTAL = 230  # pages 1-12, the last one short; marks 1-7
# Every order the FAQ list takes: the default (position, slug) and OrderingFilter's (the slug last).
ORDERINGS = [None, "-updated_at", "updated_at", "name", "-name", "-updated_at,name"]


@pytest.fixture(autouse=True)
def _short_strides(monkeypatch):
    monkeypatch.setattr(seek, "STRIDE", STRIDE)
    monkeypatch.setattr("hipcontent.api.http.pagination.DEEP_OFFSET", PAGE_SIZE)


@pytest.fixture(autouse=True)
def _only_publishes_change_content():
    # As tests/perf/test_scoped_revisions.py: the publish below must reach the lists through its revision,
    # not through the tests' cache drop on every direct write.
    for hook in (signals.post_save, signals.post_delete, signals.m2m_changed):
        hook.disconnect(dispatch_uid="tests-drop-representations")


@pytest.fixture
def faqs(db):
    """TOTAL published FAQs (each with its working copy) whose dates and positions tie in runs of 7 and 5."""
    topic = factories.TopicFactory()
    live = factories.QuestionFactory.build_batch(TOTAL, topic=topic)
    for index, item in enumerate(live):
        item.position = index // 5
    working = [
        factories.QuestionFactory.build(topic=topic, working=True, slug=item.slug, question=item.question)
        for item in live
    ]
    Question.objects.bulk_create(live + working)
    tie_dates(Question, live)
    return live


def tie_dates(model, live):
    """The `live` rows' dates set to tie in runs of 7, out of slug order (auto_now gave each its own)."""
    start = timezone.now() - datetime.timedelta(days=1)
    for index, item in enumerate(live):
        model.objects.filter(pk=item.pk).update(
            updated_at=start + datetime.timedelta(minutes=(index * 3) % 7)
        )


def backwards(start, stop):
    """Page numbers last first: each page's mark is found by OFFSET, none from the one before it."""
    return reversed(range(start, stop))


def pages(api, ordering, walk, order=range, collection="faqs"):
    """The slugs of every page of `collection` in `ordering`, read in `order`, put back in page order."""
    query = f"?page_size={PAGE_SIZE}&walk={walk}" + (f"&ordering={ordering}" if ordering else "")
    found = {}
    for page in order(1, TOTAL // PAGE_SIZE + 2):
        found[page] = [
            item["slug"] for item in get_json(api, url(collection) + f"{query}&page={page}")["results"]
        ]
    return [slug for page in sorted(found) for slug in found[page]]


def plain(ordering):
    fields = ordering.replace("name", "question").split(",") if ordering else ["position"]
    return list(Question.objects.published().order_by(*fields, "slug").values_list("slug", flat=True))


@pytest.mark.parametrize("ordering", ORDERINGS)
def test_every_page_holds_the_rows_of_a_plain_offset_marks_found_by_offset_or_from_the_one_before(
    api, faqs, ordering
):
    assert pages(api, ordering, "backwards", backwards) == plain(ordering)
    assert pages(api, ordering, "forwards") == plain(ordering)  # kept marks


def test_a_page_after_a_publish_seeks_by_the_new_revisions_marks(
    api, faqs, editor, reviewer, django_capture_on_commit_callbacks
):
    before = pages(api, "-updated_at", "before")
    moved = before[-1]  # the oldest: the publish makes it the newest, and every page shifts by one
    item = Question.objects.working().get(slug=moved)
    item.answer += " (edited)"
    item.save()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.record_edit(item=item, by=editor)
        workflow.submit_for_review(item=item, by=editor)
        workflow.approve(item=item, by=reviewer)

    after = pages(api, "-updated_at", "after")

    assert after == plain("-updated_at") == [moved, *before[:-1]]


def offsets(queries):
    return [int(found) for query in queries for found in re.findall(r"OFFSET (\d+)", query["sql"])]


def test_once_its_mark_is_kept_a_deep_page_skips_fewer_rows_than_a_stride_in_the_queries_of_page_1(api, faqs):
    # By question: no two FAQs tie on it, so nothing before a mark shares its value.
    query = url("faqs") + f"?ordering=name&page_size={PAGE_SIZE}"
    deep = TOTAL // PAGE_SIZE + 1  # the last page: offset 220, mark 7
    get_json(api, query + "&first=1")  # the count is kept from here on
    with CaptureQueriesContext(connection) as first:
        get_json(api, query + "&first=2")
    with CaptureQueriesContext(connection) as finding:
        get_json(api, query + f"&page={deep}")
    with CaptureQueriesContext(connection) as kept:
        get_json(api, query + f"&page={deep}&again=1")

    assert max(offsets(finding)) == 7 * STRIDE  # the mark, found by OFFSET once, and its ties counted
    assert len(finding) == len(first) + 2
    assert offsets(kept) == [(deep - 1) * PAGE_SIZE - 7 * STRIDE]
    assert len(kept) == len(first)


def test_an_order_with_no_seek_keeps_the_plain_offset(faqs):
    listed = Question.objects.published()
    assert seek.seekable_ordering(listed.order_by("topic__title", "slug")) is None
    assert seek.seekable_ordering(listed.order_by("?")) is None
    assert seek.seekable_ordering(listed.order_by("-updated_at", "slug")) == [
        ("updated_at", True),
        ("slug", False),
        ("id", False),
    ]


def test_a_list_ordered_by_its_primary_key_alone_has_no_ties_to_count(faqs, rf):
    # Its first field is its whole key: nothing before a mark shares its value.
    request = rf.get("/")
    known = state(request)
    known.revision, known.changed_at = 1, None
    listed = Question.objects.published().order_by("pk")
    page = TOTAL // PAGE_SIZE  # offset 200: mark 6

    found = CountPerRevision(listed, PAGE_SIZE, request=request).page(page).object_list

    plain = listed[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    assert [item.slug for item in found] == [item.slug for item in plain]


def test_while_the_shared_cache_is_out_a_deep_page_is_read_by_offset_in_the_queries_of_page_1(api, faqs):
    # A mark that cannot be kept would cost its queries on every deep page.
    query = url("faqs") + f"?ordering=name&page_size={PAGE_SIZE}"
    shared_cache.failed("read a page mark", ConnectionError("test: Redis is out"))
    with CaptureQueriesContext(connection) as first:
        get_json(api, query)
    with CaptureQueriesContext(connection) as deep:
        data = get_json(api, query + f"&page={TOTAL // PAGE_SIZE + 1}")

    assert [item["slug"] for item in data["results"]] == plain("name")[TOTAL // PAGE_SIZE * PAGE_SIZE :]
    assert len(deep) == len(first)
    assert max(offsets(deep)) == TOTAL // PAGE_SIZE * PAGE_SIZE
