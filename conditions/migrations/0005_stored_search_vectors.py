"""Stored search vectors and partial GIN indexes, on PostgreSQL only (SQLite has no text search: no-op).

Why (docs/benchmarks.md): with 0004's expression indexes, ranking recomputed `to_tsvector` for every match,
so a word most items contain took seconds at 60,000 items; and for small tables the planner preferred the
`is_live` b-tree and recomputed `to_tsvector` for every row. Now each table has a `search_vector` column,
`GENERATED ALWAYS AS (<the weighted vector conditions.search.search_vector() builds>) STORED`, that search
matches and ranks; its GIN index is partial, on exactly the rows search reads (published live rows, the
WHERE of `published()`), so it is smaller and the planner has no better choice. 0004's expression indexes
are dropped (same names, reused here); reversing restores them.

The column is invisible to Django (no model field): conditions.search reads it by name on PostgreSQL only.
Adding a stored column rewrites each table once, under an exclusive lock: seconds for these tables.
The fields are frozen as in 0004; tests/api/test_search.py checks that this matches conditions.search.SEARCHED
and that every stored vector equals the expression.
"""

from django.db import migrations
from django.db.models.sql import Query

from conditions.search import COLUMN, Searched, index_name, search_index, search_vector

# app label, model name -> the fields searched, as conditions.search.SEARCHED had them.
SEARCHED = {
    ("conditions", "Topic"): Searched(names=("title", "question"), prose=("summary", "short_answer")),
    ("conditions", "Condition"): Searched(names=("name", "abbreviation", "other_names"), prose=("summary",)),
    ("conditions", "Mechanism"): Searched(names=("name",), prose=("description",)),
    ("conditions", "AnatomicalStructure"): Searched(names=("name",), prose=("description", "function")),
    ("conditions", "RedFlag"): Searched(names=("sign",), prose=("action",)),
    ("conditions", "Treatment"): Searched(names=("name",), prose=("description",)),
    ("faq", "Question"): Searched(names=("question",), prose=("answer",)),
}
# The WHERE of PublishableQuerySet.published(): a partial index serves only queries that imply it.
PUBLISHED = "is_live AND status = 'published'"


def vector_sql(model, searched, schema_editor):
    """search_vector(searched) as SQL with unqualified columns, as a generated column needs (how Django
    compiles a GeneratedField's expression)."""
    connection = schema_editor.connection
    query = Query(model, alias_cols=False)
    compiler = query.get_compiler(connection=connection)
    sql, params = search_vector(searched).resolve_expression(query).as_sql(compiler, connection)
    return sql % tuple(schema_editor.quote_value(param) for param in params)


def tables(apps, schema_editor):
    """Each model, its frozen fields, and its table and search index names quoted for SQL."""
    quote = schema_editor.quote_name
    for (app_label, model_name), searched in SEARCHED.items():
        model = apps.get_model(app_label, model_name)
        yield model, searched, quote(model._meta.db_table), quote(index_name(model))


def add_columns(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, searched, table, index in tables(apps, schema_editor):
        schema_editor.execute(f"DROP INDEX IF EXISTS {index}")
        schema_editor.execute(
            f"ALTER TABLE {table} ADD COLUMN {COLUMN} tsvector "
            f"GENERATED ALWAYS AS ({vector_sql(model, searched, schema_editor)}) STORED"
        )
        schema_editor.execute(f"CREATE INDEX {index} ON {table} USING gin ({COLUMN}) WHERE {PUBLISHED}")


def drop_columns(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, searched, table, index in tables(apps, schema_editor):
        schema_editor.execute(f"DROP INDEX IF EXISTS {index}")
        schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS {COLUMN}")
        schema_editor.add_index(model, search_index(model, searched))  # 0004's expression index


class Migration(migrations.Migration):
    dependencies = [
        ("conditions", "0004_search_indexes"),
    ]

    operations = [
        migrations.RunPython(add_columns, drop_columns, elidable=False),
    ]
