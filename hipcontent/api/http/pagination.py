from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property
from rest_framework import pagination
from rest_framework.exceptions import ValidationError

from hipcontent.api.http import cache, seek
from hipcontent.api.http.state import state

MAX_PAGE_SIZE = 100
# Rows skipped from which a page finds its ids first (CountPerRevision.page): below it, OFFSET costs nothing.
DEEP_OFFSET = 200


def _positive_int(request, name, maximum=None):
    """The query parameter `name` as a whole number ≥ 1 (≤ maximum), None if absent, else a 400."""
    raw = request.query_params.get(name)
    if raw is None:
        return None
    # isascii(): str.isdigit() also accepts digits such as "²" that int() rejects.
    if not (raw.isascii() and raw.isdigit()) or int(raw) < 1:
        raise ValidationError({name: ["Must be a whole number of 1 or more."]})
    value = int(raw)
    if maximum is not None and value > maximum:
        raise ValidationError({name: [f"Must be {maximum} or less."]})
    return value


class ReadsItsPages:
    """A list that reads its own pages, for a view with a faster way to them than a QuerySet (e.g.
    hipcontent/api/v1/lists.py ConditionPages): the paginator says which page it will read (`expect`), asks
    for `count()` (which may read that page in the same round trip), then for `page(offset, limit)`, the
    page's results. `query.sql_with_params()` and `db` name what the count is kept under, as a QuerySet's
    do (cache.count_per_revision)."""

    query = db = None

    def expect(self, offset, limit):
        pass

    def count(self):
        raise NotImplementedError

    def page(self, offset, limit):
        raise NotImplementedError


class CountPerRevision(Paginator):
    """Django's paginator, counting each list (its query, filters included) once per content revision.

    v1 promises an exact `count`, so it is not capped; instead the COUNT(*) is paid once per revision and
    list, not on every page of it (hipcontent/api/http/cache.py keeps it).
    """

    def __init__(self, object_list, per_page, *, read=None, request=None):
        super().__init__(object_list, per_page)
        # The request whose revision to count at (none: counted afresh), read when the count is: a revision
        # still pending (conditional.py) is then read in the round trip of the page the list was told of.
        self.request = request
        # The page's QuerySet → its rows as the page holds them (None: model instances); see
        # PageNumberPagination.read_page.
        self.read = read

    @cached_property
    def count(self):
        count = lambda: Paginator.count.func(self)  # noqa: E731
        if self.request is None:
            return count()
        known = state(self.request)
        revision, changed_at = known.revision, known.changed_at
        read = known.read_with_rate_limit
        return cache.count_per_revision(self.object_list, revision, count, changed_at, self.sql, read)

    @cached_property
    def sql(self):
        # What the count and the deep pages' marks are kept under: compiling it costs as much as running it.
        return cache.list_sql(self.object_list)

    def page(self, number):
        """Django's page; from a deep offset, in one query that finds the page's ids in the list's index first
        (an index-only read past the skipped rows: conditions/models/base.py `list_indexes`) and then reads
        only those rows, in the list's order. The same rows as the plain OFFSET, which reads every row it
        skips from the table: page 400 took 2.6 times page 1's time at 64,000 items (issue 15). The index
        scan starts at the mark before the page, kept per revision (seek.py), so it skips at most a stride
        of entries, not all of them. A list that reads its own pages (ReadsItsPages) is told the page before
        it is counted, then asked for it."""
        own = isinstance(self.object_list, ReadsItsPages)
        if own:  # `number` is a whole number ≥ 1: PageNumberPagination checked it
            self.object_list.expect((int(number) - 1) * self.per_page, self.per_page)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        if own:
            return self._get_page(self.object_list.page(bottom, top - bottom), number, self)
        rows = self.object_list[bottom:top]
        query = getattr(self.object_list, "query", None)
        # A QuerySet only: search hits (conditions.search.Hits) have a query to count by, not filter().
        plain = isinstance(self.object_list, QuerySet) and not query.distinct and not query.combinator
        if bottom >= DEEP_OFFSET and plain:
            ids = seek.page_ids(self.object_list, bottom, top, self.request, self.sql)
            rows = self.object_list.filter(pk__in=ids)
        if self.read is not None:
            rows = self.read(rows)
        return self._get_page(rows, number, self)


class PageNumberPagination(pagination.PageNumberPagination):
    """Page numbers with `page_size` up to 100; a malformed `page` or `page_size` is a 400, not ignored."""

    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    request = None
    # Set by a view that reads a page's results itself (ContentViewSet.summaries): the page's QuerySet, its
    # filters, order and slice applied, → the results. The page then holds them rather than model instances.
    read_page = None

    def django_paginator_class(self, object_list, per_page):
        return CountPerRevision(object_list, per_page, read=self.read_page, request=self.request)

    def paginate_queryset(self, queryset, request, view=None):
        _positive_int(request, self.page_query_param)
        self.request = request  # DRF's sets it too, but only after making the paginator
        return super().paginate_queryset(queryset, request, view)

    def get_page_size(self, request):
        return _positive_int(request, self.page_size_query_param, self.max_page_size) or self.page_size

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["maximum"] = self.max_page_size
        return parameters
