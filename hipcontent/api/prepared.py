"""QuerySets compiled to SQL once, then run with new values: for the reads a first render repeats each time.

Profiled, building a QuerySet and compiling it to SQL (filters, joins, ordering, select list) cost more than
running it and reading its rows: about 1 ms of Python per query, ten queries per topic (issue 15 point 1).
A PreparedQuery builds its QuerySet once per database connection with placeholder values, keeps the SQL and
the converters Django would apply to each column (dates on SQLite, JSON), and then only executes: same SQL,
same parameters, same values as the QuerySet's `values_list()` would give, through Django's cursor (so query
counting, the database router and the error wrapping are Django's).

On PostgreSQL with psycopg 3 the query also runs with server-side binding and is prepared on the server the
first time it runs on a connection: PostgreSQL then neither parses nor plans it again. Planning was most of
the database's own time for a topic: 2.5 ms of planning against 0.7 ms of execution for its queries
(EXPLAIN ANALYZE, 40 links; issue 15). Django's cursors bind client-side, which never prepares (its
`server_side_binding` option is off by default), and Django turns psycopg's preparing off on its connections
(`prepare_threshold` None) to keep connection poolers working; only the server-binding cursors made here
prepare, as they set the threshold to 0 on the connection. An explicit `"prepare_threshold"` in the
database's OPTIONS is left as it is: None keeps these queries unprepared (e.g. behind a PgBouncer in
transaction mode older than 1.21). The values are the same either way.
"""

import json
import re
import threading

from django.core.signals import request_started
from django.db import connections, router
from django.db.models import JSONField
from django.dispatch import receiver


class PreparedQuery:
    """`build(*placeholders)` returns a `values_list()` QuerySet; `rows(*values)` runs it with each
    placeholder's parameter replaced by the value in its place. A placeholder must be a value no other
    parameter of the query equals (e.g. a negative id)."""

    def __init__(self, build, *placeholders, flat=False):
        self.build, self.placeholders, self.flat = build, placeholders, flat
        self._compiled = {}  # alias → (connection, sql, params, positions, converters, fields)

    def rows(self, *values):
        return run_together([(self, values)])[0]

    def model(self):
        model = getattr(self, "_model", None)
        if model is None:
            model = self._model = self.build(*self.placeholders).model
        return model

    def statement(self, values):
        """(connection, SQL, parameters, conversion) that run this query with `values` in the placeholders'
        places; `conversion` is what `result()` needs of the compiled query."""
        queryset = None
        model = getattr(self, "_model", None)
        if model is None:
            queryset = self.build(*self.placeholders)
            model = self._model = queryset.model
        alias = router.db_for_read(model)
        connection = connections[alias]
        compiled = self._compiled.get(alias)
        if compiled is None or compiled[0] is not connection:  # a connection per thread: compile per thread
            *compiled, converters, fields = _constants_written(*self._compile(queryset, alias, connection))
            compiled = self._compiled[alias] = (*compiled, _json_apart(converters), fields)
        _connection, sql, params, positions, converters, fields = compiled
        params = list(params)
        for index, place in positions:
            params[index] = values[place]
        return connection, sql, params, (converters, fields)

    def result(self, connection, conversion, rows):
        """The fetched `rows` as `values_list()` gives them: each column converted as Django would."""
        (converters, json_columns), fields = conversion
        if json_columns and rows:
            rows = _json_parsed(rows, json_columns, connection)
        if converters:
            rows = [self._convert(row, converters, fields, connection) for row in rows]
        return [row[0] for row in rows] if self.flat else rows

    def _compile(self, queryset, alias, connection):
        queryset = queryset if queryset is not None else self.build(*self.placeholders)
        compiler = queryset.query.get_compiler(using=alias, connection=connection)
        sql, params = compiler.as_sql()
        positions = [
            (index, self.placeholders.index(param))
            for index, param in enumerate(params)
            if any(
                param == placeholder and type(param) is type(placeholder) for placeholder in self.placeholders
            )
        ]
        if len(positions) < len(self.placeholders):
            raise ValueError(
                f"A placeholder of {queryset.model.__name__}'s query is not among its parameters"
            )
        fields = [selected[0] for selected in compiler.select[: compiler.col_count]]
        converters = compiler.get_converters(fields)
        return connection, sql, tuple(params), positions, converters, fields

    @staticmethod
    def _convert(row, converters, fields, connection):
        row = list(row)
        for position, (functions, expression) in converters.items():
            value = row[position]
            for function in functions:
                value = function(value, expression, connection)
            row[position] = value
        return tuple(row)


def _json_apart(converters):
    """(converters, JSON columns): the columns whose only conversion is a JSONField's own `from_db_value`
    (json.loads, no decoder of its own) taken out of `converters` (position → (functions, expression)), to be
    parsed together (`_json_parsed`)."""
    json_columns, rest = {}, {}
    for position, (functions, expression) in converters.items():
        field = getattr(functions[0], "__self__", None)
        if (
            len(functions) == 1
            and type(field) is JSONField
            and field.decoder is None
            and getattr(functions[0], "__func__", None) is JSONField.from_db_value
        ):
            json_columns[position] = (functions, expression)
        else:
            rest[position] = (functions, expression)
    return rest, json_columns


def _json_parsed(rows, json_columns, connection):
    """`rows` with their JSON columns parsed, all of them in one json.loads: a page of 20 conditions has 100,
    and parsing each on its own (JSONField.from_db_value) cost more Python around the parse than the parse
    (cProfile: most of the time reading the page's rows took in Python; issue 15). Each value is json.loads's
    of its text either way: a text is one JSON value, and their texts joined by commas in brackets are the
    list of them. None stays None, as from_db_value keeps it."""
    texts = [row[position] for row in rows for position in json_columns if row[position] is not None]
    parsed = _parsed_together(texts)
    if parsed is None:  # as Django does, value by value
        return [PreparedQuery._convert(row, json_columns, None, connection) for row in rows]
    parsed = iter(parsed)
    found = []
    for row in rows:
        row = list(row)
        for position in json_columns:
            if row[position] is not None:
                row[position] = next(parsed)
        found.append(tuple(row))
    return found


def _parsed_together(texts):
    """The value of each JSON text, or None when they are not all one JSON text each (a driver that parsed
    them already; a text that is not JSON, which from_db_value returns as it is)."""
    if not all(type(text) is str for text in texts):
        return None
    try:
        parsed = json.loads(f"[{','.join(texts)}]")
    except ValueError:
        return None
    return parsed if len(parsed) == len(texts) else None


class Ahead:
    """A query sent ahead of whatever this thread reads next on its connection: its rows come back in the
    same round trip as the first `run_together` after it, as its first statement, or on their own when
    anything else is about to run there first, or when they are asked for (`rows()`).

    Why: an uncached read asks for its scope's revision, then renders from the content's queries; the two
    are known one after the other but need not be two round trips (issue 15: each round trip is a wake-up
    to be scheduled, ~0.3-0.5 ms on a busy machine, more than running the query). Whatever runs, the
    query runs before any other statement of this thread on the connection: the revision is never read
    after the content it names (hipcontent/api/http/cache.py).
    """

    def __init__(self, query, values):
        self.query, self.values = query, values
        self.connection = connections[router.db_for_read(query.model())]
        self._rows = None
        _ahead.queries.append(self)
        if _run_ahead_first not in self.connection.execute_wrappers:
            # First, not last: Django's `execute_wrapper()` blocks pop the last wrapper when they end, which
            # would take this one off in their place had it been added inside one.
            self.connection.execute_wrappers.insert(0, _run_ahead_first)

    def cancel(self):
        """Not needed after all: not run, unless it has run already."""
        if self in _ahead.queries:
            _ahead.queries.remove(self)
            if not any(query.connection is self.connection for query in _ahead.queries):
                _unwrap(self.connection)

    def rows(self):
        if self._rows is None and self in _ahead.queries:
            run_together([])
        if self._rows is None:  # its round trip failed (and raised there): run it now
            self._rows = run_together([(self.query, self.values)])[0]
        return self._rows


class _Ahead(threading.local):
    queries = ()

    def __init__(self):
        self.queries = []


_ahead = _Ahead()


def _take_ahead():
    queries = _ahead.queries
    if queries:
        _ahead.queries = []
        for query in queries:
            _unwrap(query.connection)
    return queries


def _unwrap(connection):
    if _run_ahead_first in connection.execute_wrappers:
        connection.execute_wrappers.remove(_run_ahead_first)


def _run_ahead_first(execute, sql, params, many, context):
    # Another statement is about to run on the connection before any run_together: the queries sent ahead
    # go first, in their own round trip.
    if _ahead.queries:
        run_together([])
    return execute(sql, params, many, context)


@receiver(request_started)
def _forget_ahead(**_signal):
    # A query sent ahead by a request that never read it (an error answered first) is not the next
    # request's to run.
    _take_ahead()


# The parameters written into a prepared statement's SQL as literals: what PostgreSQL plans by.
CONSTANT_TYPES = (str, int, bool)


def _constants_written(connection, sql, params, positions, converters, fields):
    """The compiled query with every parameter that is not a placeholder's written into the SQL as a literal,
    on PostgreSQL: they are the same on every run (a published status, a live flag, a kind), and a statement
    that binds them can never be planned once for all its runs. PostgreSQL plans a prepared statement
    afresh on each run while a plan for any value of its parameters (a generic plan) would be worse, and one
    that cannot know the status is "published" cannot use the partial indexes of the published rows
    (conditions/models/base.py `list_indexes`): the condition list's page was planned on every run, three
    times the time it took to run (EXPLAIN ANALYZE; issue 15). Written in, the plan is made once per
    connection. A literal is what psycopg itself writes for the value (`compose_sql`)."""
    if connection.vendor != "postgresql":
        return connection, sql, params, positions, converters, fields
    placeholder_of = dict(positions)
    pieces, kept, kept_positions, index = [], [], [], 0
    for piece in _PARAMETER.split(sql):
        if piece != "%s":
            pieces.append(piece)
            continue
        value = params[index]
        if index in placeholder_of or not isinstance(value, CONSTANT_TYPES):
            if index in placeholder_of:
                kept_positions.append((len(kept), placeholder_of[index]))
            kept.append(value)
            pieces.append(piece)
        else:
            # As text, then written in: "%" is the driver's placeholder sign, so a literal's own is doubled.
            literal = connection.ops.compose_sql("%s", [_plain(value)])
            pieces.append(literal.replace("%", "%%"))
        index += 1
    return connection, "".join(pieces), tuple(kept), kept_positions, converters, fields


_PARAMETER = re.compile(r"(%%|%s)")


def _plain(value):
    # An enum member (a TextChoices status) as the plain value the driver would have bound.
    for kind in (bool, int, str):
        if isinstance(value, kind):
            return kind(value)
    return value


def run_together(runs):
    """The rows of each (PreparedQuery, values) of `runs`, in order, each query counted as Django counts it;
    any query sent `Ahead` in this thread runs first, in the same round trip.

    On PostgreSQL with psycopg 3 they are sent in one pipeline: one round trip for all of them rather than one
    each. A topic's eight lists are known once its row is, and each wait for the database's answer is a
    wake-up to be scheduled on a busy machine (issue 15: 10 round trips per topic became 3)."""
    ahead = _take_ahead()
    if ahead:
        runs = [*((query.query, query.values) for query in ahead), *runs]
        found = run_together(runs)
        for query, rows in zip(ahead, found, strict=False):
            query._rows = rows
        return found[len(ahead) :]
    if not runs:
        return []
    statements = [query.statement(values) for query, values in runs]
    connection = statements[0][0]
    one_connection = all(statement[0] is connection for statement in statements)
    if one_connection:
        cursors = _cursors(connection, len(statements))
    else:
        cursors = [cursor for statement in statements for cursor in _cursors(statement[0], 1)]
    try:
        if len(runs) > 1 and _pipelines(connection) and one_connection:
            # Errors surface when the pipeline syncs, outside any cursor's execute: wrap them as Django does.
            with connection.wrap_database_errors, connection.connection.pipeline():
                for cursor, (_connection, sql, params, _conversion) in zip(cursors, statements, strict=True):
                    cursor.execute(sql, params)
        else:
            for cursor, (_connection, sql, params, _conversion) in zip(cursors, statements, strict=True):
                cursor.execute(sql, params)
        found = [cursor.fetchall() for cursor in cursors]
    finally:
        for cursor in cursors:
            cursor.close()
    if connection.queries_logged:
        _log_sql(connection, statements)
    return [
        query.result(statement[0], statement[3], rows)
        for (query, _values), statement, rows in zip(runs, statements, found, strict=True)
    ]


def _log_sql(connection, statements):
    """The SQL of the statements just run, in Django's query log where it logged None: psycopg keeps no text
    of a statement bound on the server, so Django's debug cursor logs its SQL as None (the query counts).
    Written out with its parameters, as Django logs a query (`last_executed_query`), so that DEBUG pages,
    CaptureQueriesContext and the tests that read the log show what ran."""
    log = connection.queries_log
    first = len(log) - len(statements)
    for index, (_connection, sql, params, _conversion) in enumerate(statements):
        if first + index >= 0 and log[first + index]["sql"] is None:
            log[first + index]["sql"] = connection.ops.compose_sql(sql, params)


def _pipelines(connection):
    if connection.vendor != "postgresql":
        return False
    from django.db.backends.postgresql import psycopg_any

    return psycopg_any.is_psycopg3


def _cursors(connection, count):
    """`count` of Django's cursors, binding on the server on PostgreSQL with psycopg 3: made as
    `connection.cursor()` makes one (health check, connection, time zone, error wrapping, query logging),
    with Django's own server-binding cursor class in place of its client-binding one. The checks are made
    once for all of them: ~11 µs of the ~19 each cursor cost when each was made on its own."""
    if connection.vendor != "postgresql":
        return [connection.cursor() for _ in range(count)]
    from django.db.backends.postgresql import base, psycopg_any

    if not psycopg_any.is_psycopg3:
        return [connection.cursor() for _ in range(count)]
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    with connection.wrap_database_errors:
        raw = connection.connection
        if "prepare_threshold" not in connection.settings_dict["OPTIONS"]:
            raw.prepare_threshold = 0
        loader = raw.adapters.get_loader(base.TIMESTAMPTZ_OID, base.Format.TEXT)
        other_timezone = connection.timezone != loader.timezone
        cursors = []
        for _ in range(count):
            cursor = base.ServerBindingCursor(raw)
            if other_timezone:
                psycopg_any.register_tzloader(connection.timezone, cursor)
            cursors.append(connection._prepare_cursor(cursor))
        return cursors
