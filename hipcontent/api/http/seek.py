"""Deep pages of a v1 list that skip at most STRIDE rows, whatever their page number.

A page found by OFFSET skips every row before it. Reading only the skipped rows' index entries (pagination.py
`page`) made that cheap per row, not free: page 2,000 of 50,000 FAQs by date skipped 50,000 entries, 3-4 ms,
1.7 times page 1's time (issue 15). So every STRIDE-th row of a list is a mark, kept per content revision of
the list like its count (cache.py): the value of the ordering's first field at that row, and how many rows
before it in the list have that value too. A deep page starts at the mark before it (`field <= value`, or
`>=` ascending: a range the list's index starts its scan at) and skips those ties and the rows from the mark
to its own: at most STRIDE - 1 more than the ties.

The page holds the rows a plain OFFSET gives: the order is total (every list's ordering ends in the slug,
unique among its live rows, and the primary key is added after it), the range holds every row from the first
with the mark's value on, and the mark counts the ones before it. A mark is found once per revision: from
the mark before it when that one is kept (an app reading a list page after page skips STRIDE rows per mark)
or else by OFFSET. Its cache key does not name the revision (its entry does), so a list that knows its page
before its revision (v1's condition list, hipcontent/api/v1/lists.py ConditionPages) reads it in the rate
limiter's round trip. A list that ties on its first field for thousands of rows (one bulk load's timestamps)
keeps skipping them, as a plain OFFSET would; one whose ordering cannot be written as a range (a related or
nullable field, an expression) keeps the plain OFFSET.
"""

import hashlib
from functools import reduce
from operator import or_

from django.conf import settings
from django.db.models import Q

from hipcontent.api.http import rediscalls
from hipcontent.api.http.cache import database_has
from hipcontent.api.http.outage import shared_cache
from hipcontent.api.http.state import state

# Rows between two marks: what a deep page skips at most; each mark is one cache entry per list and revision.
STRIDE = 1000


def page_ids(queryset, bottom, top, request, sql):
    """The ids of rows [bottom:top] of the ordered `queryset`, as a subquery (`.values("pk")`); `sql`: the
    list's cache.list_sql(), what its marks are kept under."""
    ordering = seekable_ordering(queryset)
    revision = revision_of(request)
    number = bottom // STRIDE
    if ordering is None or revision is None or number == 0 or sql is None:
        return queryset.values("pk")[bottom:top]
    mark = find_mark(queryset, ordering, number, sql, revision)
    if mark is None:
        return queryset.values("pk")[bottom:top]
    value, ties = mark
    skip = skipped(ties, bottom)
    return from_mark(queryset, ordering, value).values("pk")[skip : skip + top - bottom]


def skipped(ties, bottom):
    """Rows a page starting at offset `bottom` skips from the mark before it, whose value `ties` rows before
    it share."""
    return ties + bottom % STRIDE


def mark_key(db, sql, number):
    """The cache key of mark `number` of the list `sql` (its cache.list_sql()) on database `db`, at any
    revision: its entry, (revision, its time, value, ties), says which. Known before the revision is, so the
    rate limiter can read it in its round trip (hipcontent/api/v1/lists.py `keys_read`)."""
    return f"mark:{hashlib.sha256(f'{db}|{sql}'.encode()).hexdigest()}:{number}"


def kept_mark(entry, revision):
    """(value, ties) of a mark's cache entry when it was found at `revision` ((revision, time), or None: the
    request reads no revision), else None."""
    if entry is None or revision is None or tuple(entry[:2]) != tuple(revision):
        return None
    return tuple(entry[2:])


def seekable_ordering(queryset):
    """The queryset's ordering as [(field name, descending)], its primary key last; None when a seek cannot
    be written for it: an expression, a related or nullable field, or random order."""
    query = queryset.query
    names = query.order_by or (query.get_meta().ordering if query.default_ordering else ())
    if not names:
        return None
    meta, ordering = queryset.model._meta, []
    for name in names:
        if not isinstance(name, str) or name == "?":
            return None
        descending = name.startswith("-")
        field_name = name.lstrip("-")
        field_name = meta.pk.name if field_name == "pk" else field_name
        try:
            field = meta.get_field(field_name)
        except Exception:  # FieldDoesNotExist, or a lookup through a relation ("topic__title")
            return None
        if field.null or not field.concrete or field.is_relation:
            return None
        ordering.append((field.attname, descending))
    if ordering[-1][0] != meta.pk.attname:
        ordering.append((meta.pk.attname, False))
    return ordering


def revision_of(request):
    """(revision, time) of the content `request` reads, None when it reads none (no marks then)."""
    if request is None:
        return None
    known = state(request)
    revision = known.revision  # read before any page: the paginator counts first
    return None if revision is None else (revision, known.changed_at)


def _ordered(queryset, ordering):
    return queryset.order_by(*(("-" if descending else "") + name for name, descending in ordering))


def from_mark(queryset, ordering, value):
    """The queryset's rows from the first whose first ordering field is `value` on, in its order (total)."""
    first, descending = ordering[0]
    return _ordered(queryset.filter(**{f"{first}__{'lte' if descending else 'gte'}": value}), ordering)


def _before(ordering, row):
    """Rows that sort before `row` (a value of each ordering field) and have its first field's value."""
    (first, _descending), *rest = ordering
    alternatives, equal = [], {first: row[0]}
    for (name, descending), value in zip(rest, row[1:], strict=True):
        alternatives.append(Q(**equal, **{f"{name}__{'gt' if descending else 'lt'}": value}))
        equal[name] = value
    return reduce(or_, alternatives)


def find_mark(queryset, ordering, number, sql, revision):
    """(first field's value, rows before it with that value) of the row at offset number * STRIDE of the list
    `sql` at `revision` ((revision, time)); found once per revision and kept. None when there is no such
    row."""
    names = [name for name, _descending in ordering]
    wanted = [mark_key(queryset.db, sql, number)]
    if number > 1:
        wanted.append(mark_key(queryset.db, sql, number - 1))
    found = shared_cache.call("read a page mark", rediscalls.get_many, wanted, fallback={})
    if shared_cache.down:
        return None  # a mark that cannot be kept would be found again on every page: OFFSET costs less
    mark = kept_mark(found.get(wanted[0]), revision)
    if mark is not None:
        return mark
    before = kept_mark(found.get(wanted[1]), revision) if number > 1 else None
    if before is not None:
        value, ties = before
        rows = from_mark(queryset, ordering, value).values_list(*names)[ties + STRIDE : ties + STRIDE + 1]
    else:
        rows = _ordered(queryset, ordering).values_list(*names)[number * STRIDE : number * STRIDE + 1]
    if not rows:  # the list shrank since it was counted (a withdrawal committed meanwhile)
        return None
    row = rows[0]
    # Ordered by its primary key alone, no other row has the mark's value.
    ties = queryset.filter(_before(ordering, row)).order_by().count() if len(ordering) > 1 else 0
    if database_has(revision[0]):
        seconds = settings.API_REPRESENTATION_CACHE_SECONDS
        entry = (*revision, row[0], ties)
        shared_cache.call("store a page mark", rediscalls.put, wanted[0], entry, seconds)
    return row[0], ties
