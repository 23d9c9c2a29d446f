"""The `seed` fixture's copy of the loaded seed: the first test loads it for real, the rest get its rows back.

Loading the article runs `load_seed` in full (about 3,400 queries: publishing, history, change events).
Hundreds of tests start from that same state, so the first load's rows are kept and written back with one
INSERT per table, as Django's `setUpTestData` keeps class-level data. `load_seed` itself is tested on its own
(tests/conditions/test_seed_loader.py) and by the first test of each run.

A copy is only taken from an empty database (no content rows yet), so a test's own rows never leak into it.
"""

from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone

_rows = None  # [(model, columns, rows)] once a load has been captured
_captured_on = None  # the day that load ran: its rows' dates (a seed item is due for review that day)
loaded_on = None  # the day the seed rows the current test sees were written: today, or the captured day


def _content_models():
    # Every table of the content apps: the seed writes history and change events beside the items.
    from conditions.models import CONTENT_APPS

    # Not unmanaged ones: the database writes them (SearchTerm, from triggers on the items' own rows).
    return [
        m
        for app in CONTENT_APPS
        for m in apps.get_app_config(app).get_models(include_auto_created=True)
        if m._meta.managed
    ]


def _is_empty(models):
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(model._meta.db_table)} LIMIT 1")
            if cursor.fetchone():
                return False
    return True


def _adapt(value):
    # psycopg reads jsonb as Python lists and dicts but will not write them back unwrapped.
    if isinstance(value, (dict, list)):
        from psycopg.types.json import Jsonb

        return Jsonb(value)
    return value


def _capture(models):
    captured = []
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in models:
            # Generated columns (the code look-up key) are computed by the database, never written.
            columns = [f.column for f in model._meta.local_concrete_fields if not f.generated]
            cursor.execute(f"SELECT {', '.join(map(quote, columns))} FROM {quote(model._meta.db_table)}")
            rows = [tuple(map(_adapt, row)) for row in cursor.fetchall()]
            if rows:
                captured.append((model, columns, rows))
    return captured


def _replay(captured):
    quote = connection.ops.quote_name
    # Foreign keys are DEFERRABLE INITIALLY DEFERRED, so table order does not matter inside one transaction
    # (transactional tests have none of their own).
    with transaction.atomic(), connection.cursor() as cursor:
        for model, columns, rows in captured:
            names = ", ".join(quote(c) for c in columns)
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {quote(model._meta.db_table)} ({names}) VALUES ({marks})", rows)
        # PostgreSQL's sequences do not see explicit ids; SQLite's AUTOINCREMENT does.
        for sql in connection.ops.sequence_reset_sql(no_style(), [m for m, _, _ in captured]):
            cursor.execute(sql)


def load():
    """Load the seed article, as `make run` does, or write back the rows the first load produced."""
    global _rows, _captured_on, loaded_on
    models = _content_models()
    if not _is_empty(models):
        loaded_on = timezone.localdate()
        call_command("load_seed", verbosity=0)
        return
    if _rows is None:
        loaded_on = _captured_on = timezone.localdate()
        call_command("load_seed", verbosity=0)
        _rows = _capture(models)
        return
    _replay(_rows)
    # A run that crosses midnight replays the day before's rows.
    loaded_on = _captured_on
