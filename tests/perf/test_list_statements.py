"""v1's condition list reads a page with two prepared statements (hipcontent/api/v1/lists.py): its rows and
their codes, each finding the page's ids in the list's index first. Run as PostgreSQL runs them (one generic
plan per connection, hipcontent/postgresql/base.py), each reads only the page's own rows from the table,
whatever the page and the list's size. Written as `IN (subquery)`, the same statement read every published
condition to find the page's 20."""

import json
import re

import pytest
from django.db import connection

from conditions import models
from hipcontent.api.v1 import lists
from tests.perf.test_deep_pages import PAGE_SIZE, fill, rows_read_in_plan

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only: plans by EXPLAIN ANALYZE"),
    pytest.mark.django_db(transaction=True),
]

TOTAL = 300


def rows_read(query, values, table):
    """Rows the prepared statement of `query` (a PreparedQuery), run with `values`, reads from `table`'s heap:
    EXPLAIN ANALYZE of its generic plan, the plan the API's connections run it with."""
    _connection, sql, params, _conversion = query.statement(values)
    numbers = iter(range(1, len(params) + 1))
    server_sql = re.sub(r"%s", lambda _match: f"${next(numbers)}", sql).replace("%%", "%")
    with connection.cursor() as cursor:
        cursor.execute("SHOW plan_cache_mode")
        assert cursor.fetchone()[0] == "force_generic_plan"
        cursor.execute(f"PREPARE list_page({', '.join(['bigint'] * len(params))}) AS {server_sql}")
        try:
            cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE list_page({', '.join(map(str, params))})")
            found = cursor.fetchone()[0]
            [plan] = json.loads(found) if isinstance(found, str) else found
        finally:
            cursor.execute("DEALLOCATE list_page")
    return rows_read_in_plan(plan, table)


@pytest.fixture
def listed():
    fill(TOTAL)
    with connection.cursor() as cursor:  # as autovacuum leaves a table: statistics and a visibility map
        cursor.execute(f'VACUUM ANALYZE "{models.Condition._meta.db_table}"')


@pytest.mark.parametrize("ordering", [("name", "slug"), ("-updated_at", "slug")])
@pytest.mark.parametrize("offset", [0, 200])
def test_a_page_reads_only_its_own_rows(listed, ordering, offset):
    _count, page, codes, *_rest = lists.ConditionPages.queries(ordering)
    table = models.Condition._meta.db_table

    assert rows_read(page, (PAGE_SIZE, offset), table) == PAGE_SIZE
    assert rows_read(codes, (PAGE_SIZE, offset), table) == 0


def test_written_as_in_the_same_page_reads_every_row(listed):
    # The control: the statement as it was, `pk IN (the page's ids)`, planned the same way.
    ordering = ("name", "slug")
    as_it_was = lists.PageQuery(
        lambda limit, offset: (
            models.Condition.objects.published()
            .filter(pk__in=lists._page_ids(ordering)())
            .order_by(*ordering)
            .values_list(*lists.SUMMARY)
        )
    )

    assert rows_read(as_it_was, (PAGE_SIZE, 0), models.Condition._meta.db_table) >= TOTAL
