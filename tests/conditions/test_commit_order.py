"""Overlapping publishes on PostgreSQL: change events commit in id order, so a reader following the changes
feed (`since` = the last id it read) never steps past an event that was still in flight. Two real
transactions, in two threads, each on its own connection."""

import threading
import types

import pytest
from django.db import connection, transaction

from conditions import changes
from conditions.models import ChangeEvent
from tests.payloads import API

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite lets one writer at a time anyway"),
]

WAIT = 10  # seconds: far more than any step needs, so only a deadlock would reach it


def item(slug):
    return types.SimpleNamespace(api_name="condition", slug=slug)


def publish_in_thread(slug, *, wrote=None, release=None, done):
    def run():
        from django.db import connection as own

        try:
            with transaction.atomic():
                changes.record(ChangeEvent.Kind.CREATED, item(slug))
                if wrote is not None:
                    wrote.set()
                    assert release.wait(WAIT)
        finally:
            own.close()
            done.set()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def follow(api, cursor):
    """Read the feed from `cursor` to its end: (slugs read, the next cursor)."""
    slugs = []
    while True:
        page = api.get(f"{API}/changes/", {"since": cursor}).json()
        slugs += [change["slug"] for change in page["results"]]
        cursor = page["next_cursor"]
        if not page["has_more"]:
            return slugs, cursor


def test_a_reader_following_the_feed_never_skips_a_slower_publish(api):
    changes.record(ChangeEvent.Kind.CREATED, item("before"))
    _, cursor = follow(api, "0")
    slow_wrote, slow_release, slow_done, fast_done = (threading.Event() for _ in range(4))

    slow = publish_in_thread("slow", wrote=slow_wrote, release=slow_release, done=slow_done)
    assert slow_wrote.wait(WAIT)  # the slow publish holds the lower id, not committed yet
    fast = publish_in_thread("fast", done=fast_done)
    # Without the change log's lock the fast publish commits the higher id now, and the reader steps past
    # the slow one's; with it, the fast one waits for the slow one to commit.
    fast_done.wait(1)
    read_while_in_flight, cursor = follow(api, cursor)
    slow_release.set()
    slow.join(WAIT)
    fast.join(WAIT)
    read_after, _ = follow(api, cursor)

    assert read_while_in_flight + read_after == ["slow", "fast"]
    assert list(ChangeEvent.objects.values_list("slug", flat=True)) == ["before", "slow", "fast"]
