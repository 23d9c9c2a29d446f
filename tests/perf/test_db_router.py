"""Read replicas: which database each read and write goes to when DATABASE_REPLICA_URLS names replicas.

One API response reads one replica: the middleware picks it when the request arrives, every read of content
made while serving it goes there, and the check before caching what it rendered asks that same replica.
"""

import random
from collections import defaultdict
from contextlib import ExitStack, contextmanager

import pytest
from django.db import connections, router
from django.db.utils import load_backend
from django.test import RequestFactory

from conditions.models import AppKey, ChangeEvent, Condition, ReviewEvent, WebhookDelivery
from faq.models import Question
from hipcontent.api.http import cache as representations
from hipcontent.db_router import ReplicaReadsMiddleware, api_reads, read_alias
from tests.payloads import url

REPLICAS = ("replica1", "replica2")

# The replicas fixture adds them to settings.DATABASES, which Django warns may not reach the connections: the
# fixture makes their connections itself.
pytestmark = pytest.mark.filterwarnings("ignore:Overriding setting DATABASES:UserWarning")


@pytest.fixture
def replicas(settings):
    """Two replicas as settings.py configures DATABASE_REPLICA_URLS in tests: mirrors of the primary, each a
    connection of its own to the test database."""
    default = connections["default"].settings_dict
    configured = {alias: {**default, "TEST": {**default["TEST"], "MIRROR": "default"}} for alias in REPLICAS}
    settings.DATABASES = {**settings.DATABASES, **configured}  # what the router reads
    for alias, settings_dict in configured.items():
        # Made here rather than by the connection handler, which was configured once, from the primary alone:
        # Django's test cases allow queries on such connections.
        connections[alias] = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, alias)
    yield REPLICAS
    for alias in REPLICAS:
        connections[alias].close()
        del connections[alias]


@pytest.fixture
def choose(monkeypatch):
    """Replaces the random choice of a replica: the first choice is the replica at `first`, each later one the
    next replica, so reads that chose more than once would spread over both. Returns the choices made."""
    made = []

    def chooser(first):
        def choice(aliases):
            made.append(aliases[(first + len(made)) % len(aliases)])
            return made[-1]

        monkeypatch.setattr(random, "choice", choice)
        return made

    return chooser


@contextmanager
def queries_by_alias():
    """{alias: [sql, ...]} of every query run on the primary and the replicas in the block."""
    seen = defaultdict(list)
    with ExitStack() as stack:
        for alias in ("default", *REPLICAS):

            def record(execute, sql, params, many, context, alias=alias):
                seen[alias].append(sql)
                return execute(sql, params, many, context)

            stack.enter_context(connections[alias].execute_wrapper(record))
        yield seen


# ---- the router


@pytest.mark.usefixtures("replicas")
@pytest.mark.parametrize("index", [0, 1])
@pytest.mark.parametrize("model", [Condition, Question, ChangeEvent, ReviewEvent])
def test_api_reads_of_content_go_to_the_one_replica_chosen(choose, model, index):
    made = choose(index)
    with api_reads():
        read = {router.db_for_read(model) for _ in range(50)}
    assert made == [REPLICAS[index]]  # chosen once
    assert read == {REPLICAS[index]}


@pytest.mark.usefixtures("replicas")
def test_each_api_read_is_given_a_replica_at_random():
    chosen = set()
    for _ in range(50):
        with api_reads():
            chosen.add(router.db_for_read(Condition))
    assert chosen == set(REPLICAS)


@pytest.mark.usefixtures("replicas")
def test_the_read_alias_is_the_chosen_replica_only_while_serving(choose):
    choose(1)
    assert read_alias() == "default"
    with api_reads():
        assert read_alias() == "replica2"
    assert read_alias() == "default"


@pytest.mark.usefixtures("replicas")
def test_reads_outside_the_api_go_to_the_primary():
    assert router.db_for_read(Condition) == "default"


@pytest.mark.usefixtures("replicas")
@pytest.mark.parametrize("model", [AppKey, WebhookDelivery])
def test_keys_and_webhooks_are_read_from_the_primary(model):
    with api_reads():
        assert router.db_for_read(model) == "default"


@pytest.mark.usefixtures("replicas")
def test_writes_and_migrations_go_to_the_primary():
    with api_reads():
        assert router.db_for_write(Condition) == "default"
    assert router.allow_migrate("default", "conditions")
    assert not router.allow_migrate("replica1", "conditions")


@pytest.mark.usefixtures("replicas")
@pytest.mark.django_db
def test_reads_inside_a_transaction_go_to_the_primary():
    # The test runs inside a transaction (pytest-django's db): it may have written what it reads.
    with api_reads():
        assert read_alias() == "default"
        assert router.db_for_read(Condition) == "default"


def test_without_replicas_everything_is_on_the_primary():
    with api_reads():
        assert read_alias() == "default"
        assert router.db_for_read(Condition) == "default"


@pytest.mark.usefixtures("replicas")
@pytest.mark.parametrize(
    ("method", "path", "expected"),
    [
        ("get", "/api/v1/conditions/", {"replica2"}),
        ("head", "/api/v2/topics/", {"replica2"}),
        ("get", "/admin/conditions/condition/", {"default"}),
        ("post", "/api/v1/conditions/", {"default"}),
    ],
)
def test_the_middleware_gives_each_api_read_one_replica(choose, method, path, expected):
    made = choose(1)
    read = set()

    def view(request):
        read.update(router.db_for_read(model) for model in (Condition, Question, ChangeEvent) * 10)

    ReplicaReadsMiddleware(view)(getattr(RequestFactory(), method)(path))
    assert read == expected
    assert made == ([] if expected == {"default"} else ["replica2"])


# ---- whole requests, on real connections to the replicas
#
# transaction=True: a replica is a connection of its own, which sees only committed rows (and reads inside a
# transaction go to the primary anyway). serialized_rollback: the editorial groups come back afterwards.

REQUESTS = [
    url("topics", "hip-pain-buttock-discomfort"),
    url("conditions") + "?page_size=2&page=2",  # the count too
    "/api/v2/conditions/labral-tears/",
]


@pytest.mark.usefixtures("seed", "replicas")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("index", [0, 1])
def test_one_response_reads_all_its_content_from_one_replica(api, choose, index):
    made = choose(index)
    for number, path in enumerate(REQUESTS, start=1):
        with queries_by_alias() as seen:
            assert api.get(path).status_code == 200
        assert len(made) == number, path  # one choice per request, and the only database it reads
        assert {alias for alias, queries in seen.items() if queries} == {made[-1]}, path


@pytest.mark.usefixtures("seed", "replicas")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_keyed_request_reads_its_key_on_the_primary_and_its_content_on_its_replica(api, choose):
    choose(1)
    _app, key = AppKey.objects.create_key(name="app", app_name="An app")

    with queries_by_alias() as seen:
        assert api.get(url("topics", "hip-pain-buttock-discomfort"), HTTP_X_API_KEY=key).status_code == 200

    assert seen["default"] and all('"conditions_appkey"' in sql for sql in seen["default"])
    assert seen["replica2"] and not any('"conditions_appkey"' in sql for sql in seen["replica2"])
    assert not seen["replica1"]


@pytest.mark.usefixtures("seed", "replicas")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("index", [0, 1])
def test_the_stale_cache_guard_asks_the_replica_the_request_read_from(api, settings, choose, index):
    # The revision comes from the shared cache, so the guard is the one query that asks a database whether
    # it has replayed the revision the representation is kept under.
    settings.CONTENT_REVISION_CACHE = True
    revision, _at = representations.content_revision()
    choose(index)

    with queries_by_alias() as seen:
        rendered = api.get(url("topics", "hip-pain-buttock-discomfort"))

    guard = '"conditions_changeevent"."id" >='
    asked = {alias for alias, queries in seen.items() if any(guard in sql for sql in queries)}
    assert asked == {REPLICAS[index]}
    assert {alias for alias, queries in seen.items() if queries} == {REPLICAS[index]}
    # The replica had the revision, so the representation was kept: the next request reads no database.
    with queries_by_alias() as seen:
        again = api.get(url("topics", "hip-pain-buttock-discomfort"))
    assert not any(seen.values())
    assert (again.content, again["ETag"]) == (rendered.content, rendered["ETag"])
    assert f"-{revision}-" in rendered["ETag"]
