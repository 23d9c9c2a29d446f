"""API v1's condition list page as plain data, read with `values_list()` queries: the same results, byte for
byte, as `serializers.ConditionSummary(page, many=True)` renders from model instances
(tests/api/v1/test_condition_list_document.py proves it for every filter, order, search and page), at a
fraction of its time (issue 15: the uncached list at scale).

Why: the seed has 10 conditions, a list at 64,000 items a full page of 20, and the page's rendering was
what grew with it: under cProfile, DRF's serializers took 21 ms of an uncached list request's 54 at scale
(11 of 57 at seed size), building model instances and prefetching their codes most of the rest of the
page's share. Rows as tuples and dicts built here skip both. `serializers.ConditionSummary` stays what the
schema is generated from: a field added there must be added here too, or the test fails.

Two ways in. A filtered or searched list stays the view's and its paginator's (its page arrives as their
QuerySet: `condition_summaries(request, page)`, the queries `Condition.objects.for_list()` runs: the page,
then its codes). The whole list in one of its orders (no filter, no search: most requests) is read by
prepared statements instead (`condition_summaries.pages`): profiled, building the filterset's form and
compiling the count's, the page's and the codes' QuerySets cost more than the rest of the page together
(issue 15). Its count, page and codes are each one statement compiled once per connection, the page's
slice a parameter, and are sent together: one round trip, none for a count kept at this revision.
"""

import datetime
from types import SimpleNamespace

from django.db import connections, router
from django.db.models import F, lookups
from django.db.models.expressions import RawSQL
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError

from conditions.models import Condition, ConditionCode
from hipcontent.api.http import cache, seek
from hipcontent.api.http.ordering import OrderingFilter
from hipcontent.api.http.pagination import MAX_PAGE_SIZE, ReadsItsPages
from hipcontent.api.http.state import state
from hipcontent.api.prepared import Ahead, PreparedQuery, run_together
from hipcontent.api.search import SearchFilter
from hipcontent.api.v1.document_context import Context
from hipcontent.api.v1.document_parts import CODE, CONDITION_FIELDS, code, condition_fields

# The columns a summary reads are those a topic reads of its conditions, and the id its codes are found by.
SUMMARY = ("id", *CONDITION_FIELDS)
# A summary's codes: CODE's columns after the id of their condition.
CODES = ("condition_id", *CODE)
# Placeholders of a page's slice (PageQuery): numbers no other parameter of its queries equals.
LIMIT, OFFSET = 918_273, 7_364_519
# The filter backends whose requests `pages` knows to answer as they would (settings.py's defaults).
BACKENDS = {DjangoFilterBackend, SearchFilter, OrderingFilter}
# Placeholders of a page mark's value (seek.py), by the type of the ordering's first field: values no other
# parameter of the page's queries equals. An ordering by a field of another type keeps the plain OFFSET.
MARK_VALUES = {
    "CharField": "<mark>",
    "SlugField": "<mark>",
    "DateTimeField": datetime.datetime(1901, 2, 3, 4, 5, 6, 789_012, tzinfo=datetime.UTC),
}


class ConditionSummaries:
    """`(request, page)` → the v1 list results of `page` (the list's QuerySet, filtered, ordered and sliced),
    as `serializers.ConditionSummary(page, many=True).data` has them; `pages(request, view)`: the whole list
    read by prepared statements, when the request asks for it (else None)."""

    def __call__(self, request, conditions):
        rows = list(conditions.prefetch_related(None).values_list(*SUMMARY))
        ids = [row[0] for row in rows]
        found = []
        if ids:
            codes = ConditionCode.objects.filter(condition_id__in=ids)
            found = codes.order_by(*ConditionCode._meta.ordering).values_list(*CODES)
        return summaries(request, rows, found)

    @staticmethod
    def pages(request, view):
        """The list as `ConditionPages` reads it when the request has no filter parameter (blank or not)
        and no search, in an order they know; else None: the view filters its QuerySet. An unknown
        ordering is the same 400 as filtering gives (the filters before it cannot fail without
        parameters)."""
        queries = _queries(request.query_params, view)
        return None if queries is None else ConditionPages(request, queries)

    @staticmethod
    def keys_read(request, view):
        """The cache keys `pages(request, view)` reads, known before DRF's Request is (`request` may be
        Django's: the fast path's): its count's and, for a page past the first mark, that mark's. The rate
        limiter reads them in its round trip (collections.py `reads_with_rate_limit`)."""
        params = getattr(request, "query_params", request.GET)
        try:
            queries = _queries(params, view)
        except ValidationError:
            return []  # an unknown ordering: DRF answers its 400
        if queries is None:
            return []
        pages = ConditionPages(request, queries)
        keys = [cache.count_key(pages)]
        number = _offset(params, view) // seek.STRIDE
        if number and pages.seeks():
            keys.append(pages.mark_key(number))
        return keys


def _queries(params, view):
    # ConditionPages.queries of the request with these query parameters, if they read the whole list.
    if set(view.filter_backends) != BACKENDS or view.paginator.page_size is None:
        return None
    if view.filterset_class.requested(params) or SearchFilter.search_param in params:
        return None
    asked = SimpleNamespace(query_params=params)  # all that OrderingFilter reads of a request
    ordering = OrderingFilter().get_ordering(asked, None, view) or Condition._meta.ordering
    return ConditionPages.queries(tuple(ordering))


def _offset(params, view):
    # The offset of the page the parameters ask for; 0 when they are not whole numbers (the paginator's 400).
    page, size = params.get("page", "1"), params.get("page_size") or str(view.paginator.page_size)
    if not (page.isascii() and page.isdigit() and size.isascii() and size.isdigit()):
        return 0
    return max(int(page) - 1, 0) * min(int(size), MAX_PAGE_SIZE)


condition_summaries = ConditionSummaries()


def summaries(request, rows, code_rows):
    """Summaries of SUMMARY `rows`, each with its codes from CODES `code_rows` (in their order)."""
    codes = {}
    for condition_id, *code_row in code_rows:
        codes.setdefault(condition_id, []).append(code(*code_row))
    context = Context(request)
    return [
        {**condition_fields(context, fields), "codes": codes.get(condition_id, [])}
        for condition_id, *fields in rows
    ]


class PageQuery(PreparedQuery):
    """A PreparedQuery of a QuerySet sliced `[OFFSET:OFFSET + LIMIT]` (itself or a subquery of it), run with
    `rows(limit, offset, *values)`. Django writes a slice into the SQL as numbers, so every page would be a
    statement of its own; here they are the statement's parameters, and one statement serves every page.
    `placeholders`: any more, as PreparedQuery's (a page mark's value)."""

    def __init__(self, build, *placeholders):
        super().__init__(build, LIMIT, OFFSET, *placeholders)

    def _compile(self, queryset, alias, connection):
        queryset = queryset if queryset is not None else self.build(*self.placeholders)
        compiler = queryset.query.get_compiler(using=alias, connection=connection)
        sql, params = compiler.as_sql()
        before, found, after = sql.partition(connection.ops.limit_offset_sql(OFFSET, OFFSET + LIMIT))
        if not found or found in after:
            raise ValueError(f"{queryset.model.__name__}'s query has no slice, or more than one")
        index = before.count("%s")  # the slice's parameters go between those before and those after it
        params = (*params[:index], LIMIT, OFFSET, *params[index:])
        positions = [(index, 0), (index + 1, 1)]
        for place, placeholder in enumerate(self.placeholders[2:], start=2):
            found = [
                at
                for at, param in enumerate(params)
                if at not in (index, index + 1) and param == placeholder and type(param) is type(placeholder)
            ]
            if len(found) != 1:
                name = queryset.model.__name__
                raise ValueError(f"A placeholder of {name}'s query is not one of its parameters, or not once")
            positions.append((found[0], place))
        fields = [selected[0] for selected in compiler.select[: compiler.col_count]]
        converters = compiler.get_converters(fields)
        sql = f"{before}LIMIT %s OFFSET %s{after}"
        return connection, sql, params, positions, converters, fields


# The whole list's count: what any order of it counts.
COUNT = PreparedQuery(
    lambda: Condition.objects.published().order_by().values_list(RawSQL("COUNT(*)", ())), flat=True
)


class InPage(lookups.In):
    """`InPage(F(field), ids)`: the field is one of a page's `ids` (a sliced subquery), written on PostgreSQL
    as `field = ANY(ARRAY(ids))` rather than `field IN (ids)`.

    Why: PostgreSQL plans `IN (subquery)` as a semi join and may make it a hash join that reads every
    published row to find the page's 20 (EXPLAIN ANALYZE: 0.37 ms at 210 conditions, where 20 primary-key
    probes take 0.05 ms; with the slice's LIMIT and OFFSET as parameters, a plan for any page would read all
    10,000 at scale, 16.7 ms). The array is computed once, first, and the rows it names are found by their
    primary key (or the codes by their condition's index), one probe each, whatever the list's size. Each
    page is one statement, its LIMIT and OFFSET parameters, planned once per connection
    (hipcontent/postgresql/base.py)."""

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)  # "(SELECT ...)"
        return f"{lhs} = ANY(ARRAY{rhs})", (*lhs_params, *rhs_params)


def _page_ids(ordering):
    # The page's ids found in the list's index first, then only those rows read: from a deep offset the
    # plain OFFSET reads every row it skips from the table (hipcontent/api/http/pagination.py `page`).
    return lambda: Condition.objects.published().order_by(*ordering).values("pk")[OFFSET : OFFSET + LIMIT]


def _marked_ids(ordering):
    # As _page_ids, the scan starting at a page mark (seek.py): the rows from its value on, OFFSET counted
    # from there. `ordering`: seek.seekable_ordering's.
    def ids(value):
        listed = seek.from_mark(Condition.objects.published(), ordering, value)
        return listed.values("pk")[OFFSET : OFFSET + LIMIT]

    return ids


def _page(ordering, ids, *placeholders):
    return PageQuery(
        lambda limit, offset, *values: (
            Condition.objects.published()
            .filter(InPage(F("pk"), ids(*values)))
            .order_by(*ordering)
            .values_list(*SUMMARY)
        ),
        *placeholders,
    )


def _codes(ids, *placeholders):
    # The codes in the order the list's prefetch reads them (conditions/models/content.py `codes()`).
    return PageQuery(
        lambda limit, offset, *values: (
            ConditionCode.objects.filter(InPage(F("condition_id"), ids(*values)))
            .order_by(*ConditionCode._meta.ordering)
            .values_list(*CODES)
        ),
        *placeholders,
    )


def _seeking(ordering):
    """(page, codes, seek's ordering) read from a page mark in this order, or None when it has none."""
    seeking = seek.seekable_ordering(Condition.objects.published().order_by(*ordering))
    if seeking is None:
        return None
    value = MARK_VALUES.get(Condition._meta.get_field(seeking[0][0]).get_internal_type())
    if value is None:
        return None
    ids = _marked_ids(seeking)
    return _page(ordering, ids, value), _codes(ids, value), seeking


class ConditionPages(ReadsItsPages):
    """The published conditions in one order, as a paginator reads them (pagination.py ReadsItsPages).

    A page past the first mark (seek.py) is read from the mark before it, as the view's QuerySet pages are
    (pagination.py `page`), on PostgreSQL. The mark comes in the rate limiter's round trip (`keys_read`),
    before the revision it was found at is known: the page is sent ahead from it all the same, and read
    again by the plain OFFSET if the revision turns out to be another (after a publish). With no mark
    kept, the page waits for the revision, finds the mark (once per revision) and is read from it."""

    # Ordering (fields as order_by() takes them) → (count, page, codes, the count's key, seeking); made on
    # first use. `seeking`: _seeking's. Only orderings that name each field once are kept: the ways to order
    # by two fields are few.
    _known = {}

    @classmethod
    def queries(cls, ordering):
        found = cls._known.get(ordering)
        if found is None:
            if len({field.lstrip("-") for field in ordering}) < len(ordering):
                return None
            # Kept under the key the view's QuerySet counts under (cache.count_per_revision): the same list.
            key = Condition.objects.for_list().order_by(*ordering).query.sql_with_params()
            ids = _page_ids(ordering)
            seeking = _seeking(ordering)
            found = (COUNT, _page(ordering, ids), _codes(ids), key, ordering, seeking)
            cls._known[ordering] = found
        return found

    def __init__(self, request, queries):
        self.request = request
        self.counted, self.paged, self.coded, key, self.ordering, self.seeking = queries
        self.sql_with_params = lambda: key
        self.query = self  # what cache.count_per_revision reads the key from
        self.db = router.db_for_read(Condition)
        # (offset, rows, codes, the mark's entry or None) of the page sent ahead.
        self.kept = None

    def seeks(self):
        """Whether a deep page is read from a page mark: on PostgreSQL, in an order that has them."""
        return self.seeking is not None and connections[self.db].vendor == "postgresql"

    def mark_key(self, number):
        return seek.mark_key(self.db, cache.list_sql(self), number)

    def expect(self, offset, limit):
        # The page the paginator will read is sent now, ahead of its count: it comes back in the round trip
        # of the revision (when that is still pending, conditional.py), else of the count, else on its own.
        number = offset // seek.STRIDE
        if number == 0 or not self.seeks():
            paged, coded, entry, values = self.paged, self.coded, None, (limit, offset)
        else:
            entry = self._mark_read(number)
            if entry is None:
                return  # found once the revision is known (`page`)
            paged, coded, _seeking = self.seeking
            value, ties = entry[2:]
            values = (limit, seek.skipped(ties, offset), value)
        self.kept = (offset, Ahead(paged, values), Ahead(coded, values), entry)

    def _mark_read(self, number):
        # The mark's entry the rate limiter read (cache.py count_per_revision reads the count's likewise).
        read = state(self.request).read_with_rate_limit if self.request is not None else None
        key = self.mark_key(number)
        return read[1].get(key) if read is not None and key in read[0] else None

    def count(self):
        return self.counted.rows()[0]

    def page(self, offset, limit):
        kept, self.kept = self.kept, None
        if limit and kept is not None and kept[0] == offset and self._holds(kept[3]):
            _offset, rows, codes, _entry = kept
            rows, codes = rows.rows()[:limit], codes.rows()  # the last page: the rows the count says
        else:
            for ahead in (kept or ())[1:3]:
                ahead.cancel()
            # Page 1 of an empty list (no limit): nothing to read.
            rows, codes = run_together(self._read(offset, limit)) if limit else ([], [])
        return summaries(self.request, rows, codes)

    def _holds(self, entry):
        # Whether the page sent ahead was read from a mark of the revision the request reads (or from none).
        return entry is None or seek.kept_mark(entry, seek.revision_of(self.request)) is not None

    def _read(self, offset, limit):
        # [(query, values)] of the page and its codes, from the mark before it when there is one.
        number = offset // seek.STRIDE
        revision = seek.revision_of(self.request)
        if number and revision is not None and self.seeks():
            paged, coded, seeking = self.seeking
            listed = Condition.objects.published().order_by(*self.ordering)
            mark = seek.find_mark(listed, seeking, number, cache.list_sql(self), revision)
            if mark is not None:
                value, ties = mark
                values = (limit, seek.skipped(ties, offset), value)
                return [(paged, values), (coded, values)]
        return [(self.paged, (limit, offset)), (self.coded, (limit, offset))]
