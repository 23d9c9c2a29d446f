"""A collection's revision is the newest change event of its collections (conditions/changes.py
`newest_change`), found in one query whatever the number of newer events of other collections.

At 64,000 items the condition list's revision took 15 ms: PostgreSQL walked back along the primary key through
the 52,500 FAQ events written after the newest condition's, where the index on (collection, id) has it in one
step (issue 15: the uncached list at scale).
"""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conditions.changes import EVERYTHING, Scope, newest_change
from conditions.models import ChangeEvent
from hipcontent.api.http.cache import newest_in

SCOPES = [
    EVERYTHING,
    Scope(("condition",)),
    Scope(("faq",)),
    Scope(("condition", "topic")),
    Scope(("condition", "faq", "topic")),
    Scope(("mechanism",)),  # nothing in it
    Scope(("condition", "mechanism")),
    Scope(("condition",), "c-1"),
]


def write_events(conditions, faqs):
    """Conditions' events first, then many FAQs' (as scale_data writes them), then one topic's."""
    kind = ChangeEvent.Kind.CREATED
    events = [ChangeEvent(kind=kind, item_type="condition", slug=f"c-{n}") for n in range(conditions)]
    events += [ChangeEvent(kind=kind, item_type="faq", slug=f"f-{n}") for n in range(faqs)]
    events += [ChangeEvent(kind=kind, item_type="topic", slug="t-0")]
    ChangeEvent.objects.bulk_create(events)


def expected(scope):
    """What the newest event of `scope` is, by its definition: filter, then the highest id."""
    events = ChangeEvent.objects.all()
    if scope.item_types is not None:
        events = events.filter(item_type__in=scope.item_types)
    if scope.slug is not None:
        events = events.filter(slug=scope.slug)
    return max(events.values_list("id", "at"), default=(0, None))


@pytest.mark.django_db
@pytest.mark.parametrize("scope", SCOPES, ids=str)
def test_the_newest_event_of_each_scope_in_one_query(scope):
    write_events(conditions=5, faqs=50)

    with CaptureQueriesContext(connection) as queries:
        found = newest_change(scope)

    assert tuple(found) == expected(scope)
    assert len(queries) == 1


@pytest.mark.django_db
@pytest.mark.parametrize("scope", SCOPES, ids=str)
def test_the_api_reads_the_same_revision_with_its_compiled_query(scope):
    write_events(conditions=5, faqs=50)

    # Twice: compiled (and prepared, on PostgreSQL) the first time, run again with the same values after.
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            found = newest_in(scope)
        assert found == newest_change(scope) == expected(scope)
        assert len(queries) == 1


@pytest.mark.django_db
def test_the_compiled_query_of_a_kind_of_scope_serves_each_scope_of_that_kind():
    write_events(conditions=5, faqs=50)

    for scope in (Scope(("condition",), "c-1"), Scope(("faq",), "f-7"), Scope(("condition",), "f-7")):
        assert newest_in(scope) == expected(scope)
    assert newest_in(Scope(("condition", "mechanism"))) == expected(Scope(("condition",)))
    assert newest_in(Scope(("mechanism", "topic"))) == expected(Scope(("topic",)))


@pytest.mark.django_db
def test_before_any_event_a_scope_has_revision_0():
    assert newest_change(Scope(("condition", "topic"))) == (0, None)
    assert newest_change(Scope(("condition",))) == (0, None)
    assert newest_in(Scope(("condition", "topic"))) == newest_in(Scope(("condition",), "c-1")) == (0, None)


def rows_read(sql):
    """Rows every scan of the change log read, by EXPLAIN ANALYZE (index entries too)."""
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}")
        [[plan]] = cursor.fetchone()
    if isinstance(plan, str):
        plan = json.loads(plan)[0]
    total, nodes = 0, [plan["Plan"]]
    while nodes:
        node = nodes.pop()
        nodes.extend(node.get("Plans", []))
        if node.get("Relation Name") == ChangeEvent._meta.db_table:
            total += (node["Actual Rows"] + node.get("Rows Removed by Filter", 0)) * node["Actual Loops"]
    return total


# scale_data's change log at 64,000 items, in its order: PostgreSQL chose the primary key from about here.
SCALE_LOG = [
    ("mechanism", 500),
    ("anatomy", 500),
    ("treatment", 500),
    ("red-flag", 500),
    ("condition", 10000),
    ("topic", 2500),
    ("faq", 50000),
]


def write_scale_log():
    table = ChangeEvent._meta.db_table
    with connection.cursor() as cursor:
        for item_type, n in SCALE_LOG:
            cursor.execute(
                f'INSERT INTO "{table}" (kind, item_type, slug, at) '
                "SELECT 'created', %s, %s || n, now() FROM generate_series(1, %s) AS n",
                [item_type, f"{item_type}-", n],
            )
        # As autovacuum leaves a table: statistics and a visibility map.
        cursor.execute(f'VACUUM ANALYZE "{table}"')


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only: reads by EXPLAIN ANALYZE")
@pytest.mark.django_db(transaction=True)
def test_a_collections_revision_does_not_read_the_newer_events_of_others():
    write_scale_log()

    for scope in [Scope(("condition",)), Scope(("condition", "topic")), Scope(("mechanism", "condition"))]:
        with CaptureQueriesContext(connection) as queries:
            found = newest_change(scope)

        assert tuple(found) == expected(scope)
        # One index entry per collection (and the event's row): not the 52,500 newer events of others.
        assert rows_read(queries[0]["sql"]) <= len(scope.item_types) + 1, scope
