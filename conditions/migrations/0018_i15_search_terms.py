"""Each published item's rank for a search of each of its words alone, kept by triggers (PostgreSQL only).

Why (docs/benchmarks.md, issue 15): a search for one common word (`q=hip`: 48,000 of 64,000 items at scale)
computed `ts_rank` for every match to order them before taking a page. For a query of one lexeme, ts_rank
depends only on the item's stored vector, so it can be computed when the item changes: one row per
(published live item, lexeme of its `search_vector`) with `ts_rank(search_vector, that lexeme)`, indexed by
(term, kind, rank DESC) so a page reads its rows in rank order (conditions/search.py, Hits.best).

The table is invisible to editors and written only here: an AFTER trigger on each searched table rewrites an
item's rows on insert, delete, and any update that changes its vector, `is_live` or `status`; a TRUNCATE
empties its kind. Rows exist only for `is_live AND status = 'published'` (PublishableQuerySet.published()).
SQLite has no text search: there the model is state only and search ranks as before.

The term is the lexeme as a one-operand tsquery, built by quoting the lexeme (tsquery input doubles quotes
and backslashes), so `term = websearch_to_tsquery('english', text)` holds exactly when the text is that one
word; tests/conditions/test_search_terms.py checks both, ranks included, against ts_rank.
"""

import django.contrib.postgres.search
from django.db import migrations, models

TABLE = "conditions_search_term"
# Each searched table and its items' kind (the model's api_name), frozen as they are now.
KINDS = {
    "conditions_topic": "topic",
    "conditions_condition": "condition",
    "conditions_mechanism": "mechanism",
    "conditions_anatomicalstructure": "anatomy",
    "conditions_redflag": "red-flag",
    "conditions_treatment": "treatment",
    "faq_question": "faq",
}

CREATE = rf"""
CREATE TABLE {TABLE} (
    kind varchar(20) NOT NULL,
    item_id bigint NOT NULL,
    term tsquery NOT NULL,
    rank real NOT NULL
);

CREATE FUNCTION {TABLE}_of(lexeme text) RETURNS tsquery
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN ('''' || replace(replace(lexeme, E'\\', E'\\\\'), '''', '''''') || '''')::tsquery;

CREATE FUNCTION {TABLE}_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        DELETE FROM {TABLE} WHERE kind = TG_ARGV[0];
        RETURN NULL;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        DELETE FROM {TABLE} WHERE item_id = OLD.id AND kind = TG_ARGV[0];
    END IF;
    IF TG_OP <> 'DELETE' THEN
        IF NEW.is_live AND NEW.status = 'published' THEN
            INSERT INTO {TABLE} (kind, item_id, term, rank)
            SELECT TG_ARGV[0], NEW.id, words.term, ts_rank(NEW.search_vector, words.term)
            FROM (SELECT {TABLE}_of(lexeme) AS term FROM unnest(NEW.search_vector)) AS words;
        END IF;
    END IF;
    RETURN NULL;
END
$$;
"""

FILL = f"""
INSERT INTO {TABLE} (kind, item_id, term, rank)
SELECT %s, item.id, words.term, ts_rank(item.search_vector, words.term)
FROM {{table}} AS item,
    LATERAL (SELECT {TABLE}_of(lexeme) AS term FROM unnest(item.search_vector)) AS words
WHERE item.is_live AND item.status = 'published'
"""

TRIGGERS = f"""
CREATE TRIGGER {TABLE}_write AFTER INSERT OR DELETE ON {{table}}
    FOR EACH ROW EXECUTE FUNCTION {TABLE}_sync(%(kind)s);
CREATE TRIGGER {TABLE}_update AFTER UPDATE ON {{table}}
    FOR EACH ROW
    WHEN (
        OLD.search_vector IS DISTINCT FROM NEW.search_vector
        OR OLD.is_live IS DISTINCT FROM NEW.is_live
        OR OLD.status IS DISTINCT FROM NEW.status
        OR OLD.id IS DISTINCT FROM NEW.id
    )
    EXECUTE FUNCTION {TABLE}_sync(%(kind)s);
CREATE TRIGGER {TABLE}_truncate AFTER TRUNCATE ON {{table}}
    FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_sync(%(kind)s);
"""

INDEXES = f"""
CREATE INDEX {TABLE}_rank ON {TABLE} (term, kind, rank DESC);
CREATE INDEX {TABLE}_item ON {TABLE} (item_id);
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CREATE)
    for table, kind in KINDS.items():
        quoted = schema_editor.quote_name(table)
        # The trigger first: creating it locks out writes to the table until the migration commits, so the
        # fill (a statement later, seeing every committed row) misses no item written meanwhile. Trigger
        # arguments are literals, not parameters.
        schema_editor.execute(TRIGGERS.format(table=quoted) % {"kind": schema_editor.quote_value(kind)})
        schema_editor.execute(FILL.format(table=quoted), [kind])
    # Built after the fill: one sort instead of a row at a time.
    schema_editor.execute(INDEXES)
    schema_editor.execute(f"ANALYZE {TABLE}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in KINDS:
        quoted = schema_editor.quote_name(table)
        for trigger in ("write", "update", "truncate"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_{trigger} ON {quoted}")
    schema_editor.execute(f"DROP TABLE IF EXISTS {TABLE}")
    schema_editor.execute(f"DROP FUNCTION IF EXISTS {TABLE}_sync(), {TABLE}_of(text)")


class Migration(migrations.Migration):
    dependencies = [
        ("conditions", "0017_shared_rows_and_review_stamp"),
        ("faq", "0005_shared_rows_and_review_stamp"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchTerm",
            fields=[
                (
                    "pk",
                    models.CompositePrimaryKey(
                        "kind", "item_id", "term", blank=True, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("kind", models.CharField(max_length=20)),
                ("item_id", models.BigIntegerField()),
                ("term", django.contrib.postgres.search.SearchQueryField()),
                ("rank", models.FloatField()),
            ],
            options={
                "db_table": "conditions_search_term",
                "managed": False,
            },
        ),
        migrations.RunPython(create, drop, elidable=False),
    ]
