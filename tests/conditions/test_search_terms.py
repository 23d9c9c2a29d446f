"""SearchTerm (migration 0018): each published item's rank for a search of each of its words alone, kept by
triggers through publish, edit, unpublish and delete; and the pages of one-word searches read from it, which
must be the hits, order, ranks and snippets of ranking every match (`Hits.ranked`). PostgreSQL only: SQLite
has no text search, and there search ranks as before.
"""

import importlib
import random
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from conditions import publishing, search
from conditions.models import Condition, SearchTerm, Status
from tests import factories

TERMS = importlib.import_module("conditions.migrations.0018_i15_search_terms")

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL only: SQLite has no full-text search (set DATABASE_URL to run it)",
)

# Few words, repeated: many items tie in rank, and some in name too (then the slug decides).
WORDS = ["hip", "hips", "buttock", "labral", "tear", "gluteal", "pain", "the", "o'brien", "back\\slash"]


def text(rng, low, high):
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))


def fill(n, seed=15):
    """n published items in every collection, each with its working row, named and written in WORDS."""
    rng = random.Random(seed)
    topic = factories.TopicFactory()
    for model, factory in factories.FACTORIES.items():
        searched = search.SEARCHED[model]
        extra = {"topic": topic} if model is search.BY_TYPE["faq"] else {}
        live = []
        for _ in range(n):
            fields = {
                searched.names[0]: text(rng, 1, 2),
                **{name: text(rng, 0, 6) for name in searched.prose},
            }
            live.append(factory.build(**fields, **extra))
        working = [factory.build(working=True, slug=item.slug, **extra) for item in live]
        model.objects.bulk_create(live + working)


def stored():
    """{(kind, item id, term as text): rank} for every SearchTerm row."""
    return {(row.kind, row.item_id, str(row.term)): row.rank for row in SearchTerm.objects.all()}


def expected():
    """What SearchTerm must hold, computed here: for each published live item and each lexeme of its stored
    vector, ts_rank of the vector for that lexeme alone."""
    found = {}
    with connection.cursor() as cursor:
        for model in search.SEARCHED:
            cursor.execute(
                f"SELECT item.id, words.lexeme, ts_rank(item.search_vector, words.term) "
                f'FROM "{model._meta.db_table}" AS item, LATERAL ('
                "  SELECT lexeme, ('''' || replace(replace(lexeme, E'\\\\', E'\\\\\\\\'), '''', '''''') "
                "  || '''')::tsquery AS term FROM unnest(tsvector_to_array(item.search_vector)) AS lexeme"
                ") AS words WHERE item.is_live AND item.status = 'published'"
            )
            for item_id, lexeme, rank in cursor.fetchall():
                quoted = lexeme.replace("\\", "\\\\").replace("'", "''")
                found[(model.api_name, item_id, f"'{quoted}'")] = rank
    return found


def terms_of(item):
    return {term for kind, item_id, term in stored() if (kind, item_id) == (item.api_name, item.pk)}


def test_the_migration_does_nothing_on_sqlite():
    editor = SimpleNamespace(connection=SimpleNamespace(vendor="sqlite"))  # no methods: any use would fail

    TERMS.create(apps, editor)
    TERMS.drop(apps, editor)


def test_the_migration_keeps_the_searched_tables_and_kinds():
    assert {model._meta.db_table: model.api_name for model in search.SEARCHED} == TERMS.KINDS


@postgres_only
def test_every_published_word_has_its_rank_and_drafts_have_none(db):
    fill(12)

    rows = stored()
    assert rows == expected()
    assert {kind for kind, _, _ in rows} == set(search.BY_TYPE)
    working = {
        (model.api_name, pk)
        for model in search.SEARCHED
        for pk in model.objects.working().values_list("pk", flat=True)
    }
    assert not {(kind, item_id) for kind, item_id, _ in rows} & working
    # Each term is what search builds for the text of that one word: the fast path finds exactly these.
    with connection.cursor() as cursor:
        for word in ["hip", "hips", "buttock", "labral"]:
            cursor.execute("SELECT websearch_to_tsquery('english', %s)::text", [word])
            [(term,)] = cursor.fetchall()
            assert any(row_term == term for _, _, row_term in rows), word


@postgres_only
def test_publish_edit_unpublish_and_delete_keep_the_terms(db):
    working = factories.ConditionFactory(working=True, name="Piriformis syndrome", summary="Buttock pain.")
    assert terms_of(working) == set()  # a draft is never searched

    live = publishing.publish(working)
    assert {"'piriformi'", "'syndrom'", "'buttock'", "'pain'"} == terms_of(live)
    assert stored() == expected()

    working.summary = "Deep gluteal ache."
    working.save()
    assert "'gluteal'" not in terms_of(live)  # the working row changed, the live row did not
    publishing.publish(working)
    assert {"'piriformi'", "'syndrom'", "'deep'", "'gluteal'", "'ach'"} == terms_of(live)
    assert stored() == expected()

    Condition.objects.filter(pk=live.pk).update(name="Renamed")  # any write, not only the workflow's
    assert "'renam'" in terms_of(live) and "'piriformi'" not in terms_of(live)

    publishing.withdraw(working)
    live.refresh_from_db()
    assert live.status == Status.UNPUBLISHED
    assert terms_of(live) == set()

    publishing.publish(working)
    assert terms_of(live)
    live.delete()
    assert terms_of(live) == set()
    assert stored() == expected()


@postgres_only
def test_the_migration_fills_the_terms_of_existing_items_and_reverses(db):
    fill(5)
    before = stored()

    with connection.schema_editor() as editor:
        TERMS.drop(apps, editor)
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('conditions_search_term')")
        assert cursor.fetchone() == (None,)
    with connection.schema_editor() as editor:
        TERMS.create(apps, editor)

    assert stored() == before == expected()


TEXTS = [
    "hip",
    "hips",  # the same lexeme as hip
    "buttock",
    "Labral",
    "the",  # a stop word: no query, no hit
    "o'brien",  # two words for the parser
    "back\\slash",
    "gluteal.",
    "zzz",  # no hit
    "hip pain",
    "-hip",
    '"hip pain"',
    "hip or labral",
]


@postgres_only
@pytest.mark.parametrize("text", TEXTS)
def test_a_page_is_the_page_of_ranking_every_match(db, text):
    fill(40)
    for models in [list(search.SEARCHED), [search.BY_TYPE["faq"]], [search.BY_TYPE["red-flag"]]]:
        hits = search.Hits(text, models)
        everything = list(hits.ranked)
        ranks = [row["hit_rank"] for row in everything]
        assert ranks == sorted(ranks, reverse=True)
        if text in {"hip", "buttock"} and len(models) > 1:
            assert len(set(ranks)) < len(ranks) - 20  # ties, broken by name and slug
        for start, stop in [(0, 1), (0, 20), (20, 40), (37, 60), (0, 400)]:
            page = list(hits.best(stop)[start:stop])
            assert page == everything[start:stop], (text, start, stop)
            assert hits[start:stop] == [
                {
                    "type": row["hit_type"],
                    "slug": row["hit_slug"],
                    "name": row["hit_name"],
                    "rank": round(float(row["hit_rank"]), 6),
                    "snippet": " ".join((row["hit_snippet"] or "").split()),
                }
                for row in everything[start:stop]
            ]


@postgres_only
@pytest.mark.parametrize("text", ["hip", "the hip!"])
def test_a_one_word_page_reads_its_own_rows_not_every_match(db, text):
    topic = factories.TopicFactory()
    best = factories.QuestionFactory.create_batch(5, topic=topic, question="Hip, hip, hip?")
    factories.QuestionFactory.create_batch(50, topic=topic, question="Back pain?", answer="The hip.")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE conditions_search_term")  # as autovacuum would: the planner knows the ties
    hits = search.Hits(text, [search.BY_TYPE["faq"]])
    assert hits.count() == 55

    plan = hits.best(5)[0:5].explain(analyze=True)

    assert [hit["slug"] for hit in hits[0:5]] == sorted(item.slug for item in best)
    assert "Index Scan using conditions_search_term_rank" in plan, plan
    if text == "hip":  # letters only: the statement has no branch that ranks every match
        assert "ts_rank" not in plan, plan
    else:
        assert "One-Time Filter: false" in plan, plan  # that branch is planned away
    assert "Bitmap Index Scan" not in plan, plan
    # The best rank's 5 rows and the next one, which ends their group: not the 50 that tie below them.
    read = plan.split("Index Scan using conditions_search_term_rank")[1].split("actual time=")[1]
    assert " rows=6 loops=1" in read.split(")")[0] + ")", plan
