"""hipcontent/api/prepared.py: a PreparedQuery gives what its QuerySet's `values_list()` gives, one counted
query per run, and on PostgreSQL runs as a statement prepared on the server (unless the database's OPTIONS
say `prepare_threshold: None`)."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.utils import load_backend
from django.test.utils import CaptureQueriesContext

from conditions.models import Condition, Status
from hipcontent.api.prepared import Ahead, PreparedQuery, run_together
from tests import factories

pytestmark = pytest.mark.django_db

SLUG = "prepared-query-test-placeholder"
COLUMNS = ("slug", "name", "other_names", "updated_at", "created_at")


def build(slug):
    # JSON and dates: the columns whose values Django converts (JSON always, dates on SQLite).
    return Condition.objects.filter(slug=slug, status=Status.PUBLISHED, is_live=True).values_list(*COLUMNS)


def test_its_rows_are_the_querysets_with_each_value_in_place(django_assert_num_queries):
    condition = factories.ConditionFactory(other_names=["coxarthrosis", 3, {"a": None}])
    other = factories.ConditionFactory()
    query = PreparedQuery(build, SLUG)

    for found in (condition, other, condition):
        with django_assert_num_queries(1):
            rows = query.rows(found.slug)
        assert rows == list(build(found.slug)) and len(rows) == 1
    assert query.rows("no-such-slug") == []


def test_the_json_columns_of_many_rows_are_what_values_list_gives_each(django_assert_num_queries):
    # Parsed together (prepared.py `_json_parsed`): values of every JSON type, text with commas and brackets,
    # an empty list; and a key of a JSON column, which Django converts per value.
    values = [["a, b", "[c]"], [3, 4.5, True, None], [{"k": ["v", {"w": 'é\u2028"}'}]}], []]
    for index, other_names in enumerate(values):
        factories.ConditionFactory(other_names=other_names, slug=f"json-{index}", abbreviation="JSON")
    factories.ConditionFactory(abbreviation="OTHER")

    def many(abbreviation):
        listed = Condition.objects.filter(abbreviation=abbreviation, status=Status.PUBLISHED, is_live=True)
        return listed.order_by("slug").values_list("slug", "other_names", "pain_locations", "other_names__0")

    query = PreparedQuery(many, SLUG)
    with django_assert_num_queries(1):
        rows = query.rows("JSON")

    assert rows == list(many("JSON"))
    assert [row[1] for row in rows] == values


def test_json_texts_that_are_not_one_value_each_are_converted_one_by_one_as_django_does():
    # Not storable through Django (JSON_VALID on SQLite, jsonb on PostgreSQL), but never misread: "1,2" alone
    # is no JSON, and from_db_value returns it as it is, where joined with the others it would be two values.
    from hipcontent.api.prepared import _json_parsed

    field = Condition._meta.get_field("other_names")
    columns = {1: ([field.from_db_value], None)}
    rows = [("a", "1,2"), ("b", "3"), ("c", None), ("d", '{"k": [1]}')]

    assert _json_parsed(rows, columns, connection) == [("a", "1,2"), ("b", 3), ("c", None), ("d", {"k": [1]})]
    assert _json_parsed(rows[1:], columns, connection) == [("b", 3), ("c", None), ("d", {"k": [1]})]


def prepared_statements(sql):
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE statement = %s", [sql])
        return cursor.fetchone()[0]


def server_sql(query):
    # psycopg sends Django's %s placeholders as $1, $2, …
    sql, params = query._compiled[connection.alias][1:3]
    return sql % tuple(f"${number}" for number in range(1, len(params) + 1))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="server-side prepared statements: PostgreSQL")
def test_on_postgresql_it_is_prepared_on_the_server_once_per_connection():
    condition = factories.ConditionFactory()
    query = PreparedQuery(build, SLUG)

    assert query.rows(condition.slug) == list(build(condition.slug))
    assert query.rows(condition.slug) == list(build(condition.slug))
    assert prepared_statements(server_sql(query)) == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="server-side prepared statements: PostgreSQL")
def test_prepare_threshold_none_in_the_options_keeps_it_unprepared(monkeypatch):
    condition = factories.ConditionFactory()
    monkeypatch.setitem(connection.settings_dict["OPTIONS"], "prepare_threshold", None)
    connection.connection.prepare_threshold = None  # as a connection opened with that option has it
    query = PreparedQuery(build, SLUG)

    assert query.rows(condition.slug) == list(build(condition.slug))
    assert query.rows(condition.slug) == list(build(condition.slug))
    assert prepared_statements(server_sql(query)) == 0


def by_name(name):
    return Condition.objects.filter(name=name, is_live=True).values_list("slug", "other_names")


def test_queries_run_together_give_each_its_own_rows_each_counted(django_assert_num_queries):
    conditions = factories.ConditionFactory.create_batch(3)
    slugs, names = PreparedQuery(build, SLUG), PreparedQuery(by_name, "prepared-query-test-name")
    runs = [(slugs, (conditions[0].slug,)), (names, (conditions[1].name,)), (slugs, ("no-such-slug",))]

    with django_assert_num_queries(3):  # on PostgreSQL in one pipeline: still three queries
        found = run_together(runs)

    assert found == [list(build(conditions[0].slug)), list(by_name(conditions[1].name)), []]
    assert found == [query.rows(*values) for query, values in runs]


def test_each_query_is_logged_with_its_sql_and_values(django_assert_num_queries):
    # Bound on the server, a statement has no text psycopg keeps: Django alone would log its SQL as None.
    condition = factories.ConditionFactory()
    slugs, names = PreparedQuery(build, SLUG), PreparedQuery(by_name, "prepared-query-test-name")

    with django_assert_num_queries(2) as captured:
        run_together([(slugs, (condition.slug,)), (names, (condition.name,))])

    logged = [query["sql"] for query in captured.captured_queries]
    assert [sql.startswith("SELECT ") for sql in logged] == [True, True]
    assert f"'{condition.slug}'" in logged[0] and SLUG not in logged[0]
    assert f"'{condition.name}'" in logged[1]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the pipeline: PostgreSQL")
def test_a_failing_query_in_the_pipeline_raises_djangos_error_not_the_drivers():
    # Raised when the pipeline syncs, outside any cursor's execute: Django's wrapping still applies, so the
    # API's handlers (a 503 for an outage) see the errors they know.
    ids = PreparedQuery(lambda pk: Condition.objects.filter(pk=pk).values_list("slug"), -918_273)
    runs = [(PreparedQuery(build, SLUG), ("any",)), (ids, ("not a number",))]

    with pytest.raises(DatabaseError) as raised, transaction.atomic():
        run_together(runs)
    assert type(raised.value).__module__ == "django.db.utils"


def test_a_query_sent_ahead_runs_first_in_the_next_run_together():
    first, second = factories.ConditionFactory(), factories.ConditionFactory()
    query = PreparedQuery(build, SLUG)
    expected = list(build(first.slug)), list(build(second.slug))

    with CaptureQueriesContext(connection) as captured:
        ahead = Ahead(query, (first.slug,))
        assert len(captured) == 0  # sent with the next statements, not on its own
        assert run_together([(query, (second.slug,))]) == [expected[1]]
        assert ahead.rows() == expected[0]
    assert len(captured) == 2
    assert first.slug in captured[0]["sql"] and second.slug in captured[1]["sql"]


def test_a_query_sent_ahead_runs_before_any_other_statement_on_its_connection():
    first = factories.ConditionFactory()
    query = PreparedQuery(build, SLUG)

    with CaptureQueriesContext(connection) as captured:
        ahead = Ahead(query, (first.slug,))
        assert Condition.objects.filter(slug=first.slug).count() == 1
    assert len(captured) == 2
    assert first.slug in captured[0]["sql"] and "COUNT" in captured[1]["sql"].upper()
    with CaptureQueriesContext(connection) as captured:
        assert ahead.rows()[0][0] == first.slug  # read already: no query more
    assert len(captured) == 0


def test_a_query_sent_ahead_and_never_read_is_not_the_next_requests(client):
    query = PreparedQuery(build, SLUG)
    Ahead(query, ("never-read",))

    client.get("/healthz")

    with CaptureQueriesContext(connection) as captured:
        assert run_together([(query, ("other",))]) == [[]]
    assert len(captured) == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="generic plans: PostgreSQL")
def test_on_postgresql_constants_are_written_in_so_the_statement_is_planned_once():
    condition = factories.ConditionFactory()
    query = PreparedQuery(build, SLUG)

    for _ in range(8):  # PostgreSQL weighs a generic plan after five custom ones
        assert query.rows(condition.slug) == list(build(condition.slug))

    sql, params = query._compiled[connection.alias][1:3]
    assert "'published'" in sql and list(params) == [SLUG]  # the slug alone is bound
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generic_plans FROM pg_prepared_statements WHERE statement = %s", [server_sql(query)]
        )
        assert cursor.fetchone()[0] >= 1


def plan_cache_mode(made):
    with made.cursor() as cursor:
        cursor.execute("SHOW plan_cache_mode")
        return cursor.fetchone()[0]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="generic plans: PostgreSQL")
def test_on_postgresql_every_connection_plans_a_prepared_statement_once():
    # Not after five custom plans, and not never: a list page's LIMIT and OFFSET made PostgreSQL plan each
    # run afresh (hipcontent/postgresql/base.py).
    assert plan_cache_mode(connection) == "force_generic_plan"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="generic plans: PostgreSQL")
def test_an_explicit_prepare_threshold_leaves_the_plan_cache_mode_as_the_server_has_it():
    options = {**connection.settings_dict["OPTIONS"], "prepare_threshold": None}
    settings_dict = {**connection.settings_dict, "OPTIONS": options}
    made = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, "unprepared")
    try:
        assert plan_cache_mode(made) == "auto"
    finally:
        made.close()


def test_a_constant_with_a_percent_sign_is_written_in_as_itself():
    named = factories.ConditionFactory(name="Hip pain 50% of days")
    factories.ConditionFactory(name="Hip pain 50 of days")

    def containing(slug):
        return Condition.objects.filter(name__contains="50%").exclude(slug=slug).values_list("slug", "name")

    query = PreparedQuery(containing, SLUG)

    assert query.rows("another-slug") == list(containing("another-slug")) == [(named.slug, named.name)]


def test_a_query_sent_ahead_and_cancelled_is_not_run():
    query = PreparedQuery(build, SLUG)
    ahead = Ahead(query, ("cancelled",))

    ahead.cancel()

    with CaptureQueriesContext(connection) as captured:
        assert run_together([(query, ("other",))]) == [[]]
        assert Condition.objects.filter(slug="other").count() == 0
    assert len(captured) == 2 and "cancelled" not in str(captured.captured_queries)


def test_a_query_sent_ahead_inside_an_execute_wrapper_block_leaves_that_block_whole():
    query = PreparedQuery(build, SLUG)
    seen = []

    def record(execute, sql, params, many, context):
        seen.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        ahead = Ahead(query, ("inside",))
    # The block took its own wrapper off, not the one running the query sent ahead first.
    assert record not in connection.execute_wrappers
    with CaptureQueriesContext(connection) as captured:
        assert Condition.objects.filter(slug="inside").count() == 0
    assert "inside" in captured[0]["sql"] and ahead.rows() == [] and seen == []
