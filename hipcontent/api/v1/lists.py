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

from types import SimpleNamespace

from django.db import router
from django.db.models import F, lookups
from django.db.models.expressions import RawSQL
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError

from conditions.models import Condition, ConditionCode
from hipcontent.api.http import cache
from hipcontent.api.http.ordering import OrderingFilter
from hipcontent.api.http.pagination import ReadsItsPages
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
    def count_key(request, view):
        """The cache key of the count `pages(request, view)` would keep, known before DRF's Request is
        (`request` may be Django's: the fast path's), or None: the rate limiter reads it in its round trip
        (collections.py `reads_with_rate_limit`)."""
        try:
            queries = _queries(getattr(request, "query_params", request.GET), view)
        except ValidationError:
            return None  # an unknown ordering: DRF answers its 400
        return None if queries is None else cache.count_key(ConditionPages(request, queries))


def _queries(params, view):
    # ConditionPages.queries of the request with these query parameters, if they read the whole list.
    if set(view.filter_backends) != BACKENDS or view.paginator.page_size is None:
        return None
    if view.filterset_class.requested(params) or SearchFilter.search_param in params:
        return None
    asked = SimpleNamespace(query_params=params)  # all that OrderingFilter reads of a request
    ordering = OrderingFilter().get_ordering(asked, None, view) or Condition._meta.ordering
    return ConditionPages.queries(tuple(ordering))


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
    `rows(limit, offset)`. Django writes a slice into the SQL as numbers, so every page would be a statement
    of its own; here they are the statement's parameters, and one statement serves every page."""

    def __init__(self, build):
        super().__init__(build, LIMIT, OFFSET)

    def _compile(self, queryset, alias, connection):
        queryset = queryset if queryset is not None else self.build(*self.placeholders)
        compiler = queryset.query.get_compiler(using=alias, connection=connection)
        sql, params = compiler.as_sql()
        before, found, after = sql.partition(connection.ops.limit_offset_sql(OFFSET, OFFSET + LIMIT))
        if not found or found in after:
            raise ValueError(f"{queryset.model.__name__}'s query has no slice, or more than one")
        index = before.count("%s")  # the slice's parameters go between those before and those after it
        params = (*params[:index], LIMIT, OFFSET, *params[index:])
        fields = [selected[0] for selected in compiler.select[: compiler.col_count]]
        converters = compiler.get_converters(fields)
        sql = f"{before}LIMIT %s OFFSET %s{after}"
        return connection, sql, params, [(index, 0), (index + 1, 1)], converters, fields


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
    return Condition.objects.published().order_by(*ordering).values("pk")[OFFSET : OFFSET + LIMIT]


def _page(ordering):
    return PageQuery(
        lambda limit, offset: (
            Condition.objects.published()
            .filter(InPage(F("pk"), _page_ids(ordering)))
            .order_by(*ordering)
            .values_list(*SUMMARY)
        )
    )


def _codes(ordering):
    # The codes in the order the list's prefetch reads them (conditions/models/content.py `codes()`).
    return PageQuery(
        lambda limit, offset: (
            ConditionCode.objects.filter(InPage(F("condition_id"), _page_ids(ordering)))
            .order_by(*ConditionCode._meta.ordering)
            .values_list(*CODES)
        )
    )


class ConditionPages(ReadsItsPages):
    """The published conditions in one order, as a paginator reads them (pagination.py ReadsItsPages)."""

    # Ordering (fields as order_by() takes them) → (count, page, codes, the count's key); made on first use.
    # Only orderings that name each field once are kept: the ways to order by two fields are few.
    _known = {}

    @classmethod
    def queries(cls, ordering):
        found = cls._known.get(ordering)
        if found is None:
            if len({field.lstrip("-") for field in ordering}) < len(ordering):
                return None
            # Kept under the key the view's QuerySet counts under (cache.count_per_revision): the same list.
            key = Condition.objects.for_list().order_by(*ordering).query.sql_with_params()
            found = cls._known[ordering] = (COUNT, _page(ordering), _codes(ordering), key)
        return found

    def __init__(self, request, queries):
        self.request = request
        self.counted, self.paged, self.coded, key = queries
        self.sql_with_params = lambda: key
        self.query = self  # what cache.count_per_revision reads the key from
        self.db = router.db_for_read(Condition)
        self.kept = None

    def expect(self, offset, limit):
        # The page the paginator will read is sent now, ahead of its count: it comes back in the round trip
        # of the revision (when that is still pending, conditional.py), else of the count, else on its own.
        expected = (limit, offset)
        self.kept = (offset, Ahead(self.paged, expected), Ahead(self.coded, expected))

    def count(self):
        return self.counted.rows()[0]

    def page(self, offset, limit):
        if limit == 0:  # page 1 of an empty list: nothing to read
            for ahead in (self.kept or ())[1:]:
                ahead.cancel()
            rows, codes = [], []
        elif self.kept is not None and self.kept[0] == offset:
            _offset, rows, codes = self.kept
            rows, codes = rows.rows()[:limit], codes.rows()  # the last page: the rows the count says
        else:
            rows, codes = run_together([(self.paged, (limit, offset)), (self.coded, (limit, offset))])
        return summaries(self.request, rows, codes)
