"""GIN indexes for full-text search, on PostgreSQL only (SQLite has no text search: nothing to do there).

Each index is on the weighted tsvector conditions.search.search_vector() builds, the expression the search
queries match, so PostgreSQL can answer them from the index. The fields are frozen here, as a migration
freezes a model: conditions.search.SEARCHED held the same when this was written. If SEARCHED changes, add a
migration that drops and recreates the changed indexes; tests/api/test_search.py checks on PostgreSQL that
every search query still uses its index.
"""

from django.db import migrations

from conditions.search import Searched, search_index

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


def indexes(apps):
    for (app_label, model_name), searched in SEARCHED.items():
        model = apps.get_model(app_label, model_name)
        yield model, search_index(model, searched)


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, index in indexes(apps):
        schema_editor.add_index(model, index)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, index in indexes(apps):
        schema_editor.remove_index(model, index)


class Migration(migrations.Migration):
    dependencies = [
        ("conditions", "0003_consumers"),
        ("faq", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]
