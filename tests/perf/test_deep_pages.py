"""A deep page of a v1 list finds its rows' ids in the list's index, then reads only those rows
(hipcontent/api/http/pagination.py): the same rows as a plain OFFSET, in as many queries as page 1, and on
PostgreSQL without reading the skipped rows from the table (a plain OFFSET reads every one of them)."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conditions import models
from hipcontent.api.http.pagination import DEEP_OFFSET, CountPerRevision
from tests import factories
from tests.payloads import get_json, url

PAGE_SIZE = 20


def fill(n):
    live = factories.ConditionFactory.build_batch(n)
    working = [factories.ConditionFactory.build(working=True, slug=item.slug) for item in live]
    models.Condition.objects.bulk_create(live + working)


def deep_page(total):
    """A page number whose rows start past DEEP_OFFSET and end before the last page."""
    page = DEEP_OFFSET // PAGE_SIZE + 3
    assert (page - 1) * PAGE_SIZE >= DEEP_OFFSET and page * PAGE_SIZE < total
    return page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("ordering", "fields"),
    [(None, ["name", "slug"]), ("-name", ["-name", "slug"]), ("updated_at", ["updated_at", "slug"])],
)
def test_a_deep_page_holds_the_rows_a_plain_offset_reads(api, ordering, fields):
    fill(DEEP_OFFSET + 200)
    page = deep_page(DEEP_OFFSET + 200)
    query = f"?page_size={PAGE_SIZE}&page={page}" + (f"&ordering={ordering}" if ordering else "")

    served = get_json(api, url("conditions") + query)["results"]

    bottom = (page - 1) * PAGE_SIZE
    expected = models.Condition.objects.for_list().order_by(*fields).values_list("slug", flat=True)
    assert [item["slug"] for item in served] == list(expected[bottom : bottom + PAGE_SIZE])


@pytest.mark.django_db
def test_a_deep_page_costs_the_queries_of_page_1(api):
    fill(DEEP_OFFSET + 200)
    get_json(api, url("conditions"))  # the count is kept per revision from here on

    with CaptureQueriesContext(connection) as first:
        get_json(api, url("conditions") + f"?page_size={PAGE_SIZE}")
    with CaptureQueriesContext(connection) as deep:
        get_json(api, url("conditions") + f"?page_size={PAGE_SIZE}&page={deep_page(DEEP_OFFSET + 200)}")

    assert len(deep) == len(first)


def rows_read_from_the_table(queryset, table):
    """Rows a query reads from `table`'s heap, by EXPLAIN ANALYZE: what each node on it read (for an index-
    only scan, the rows it still had to fetch from the table)."""
    [plan] = json.loads(queryset.explain(format="json", analyze=True))
    return rows_read_in_plan(plan, table)


def rows_read_in_plan(plan, table):
    """Rows an EXPLAIN ANALYZE plan (FORMAT JSON) read from `table`'s heap, as rows_read_from_the_table()."""
    total, nodes = 0, [plan["Plan"]]
    while nodes:
        node = nodes.pop()
        nodes.extend(node.get("Plans", []))
        if node.get("Relation Name") != table:
            continue
        if node["Node Type"] == "Index Only Scan":
            total += node["Heap Fetches"] * node["Actual Loops"]
        else:
            read = node["Actual Rows"] + node.get("Rows Removed by Filter", 0)
            total += read * node["Actual Loops"]
    return total


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only: reads by EXPLAIN ANALYZE")
@pytest.mark.django_db(transaction=True)
# Every order a list takes (OrderingFilter: the slug ascending last). By date, a deep page used to read every
# skipped row from the table: the plain index on updated_at holds working copies too.
@pytest.mark.parametrize("ordering", ["name", "-name", "updated_at", "-updated_at"])
def test_a_deep_page_reads_only_its_own_rows_from_the_table(ordering):
    fill(3000)
    table = models.Condition._meta.db_table
    with connection.cursor() as cursor:  # as autovacuum leaves a table: statistics and a visibility map
        cursor.execute(f'VACUUM ANALYZE "{table}"')
    listed = models.Condition.objects.for_list().order_by(ordering, "slug")
    page = 2000 // PAGE_SIZE

    deep = CountPerRevision(listed, PAGE_SIZE).page(page).object_list
    plain = listed[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]

    assert [c.slug for c in deep] == [c.slug for c in plain]
    assert rows_read_from_the_table(deep, table) <= 2 * PAGE_SIZE
    assert rows_read_from_the_table(plain, table) >= (page - 1) * PAGE_SIZE  # what it saves
