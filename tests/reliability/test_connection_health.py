"""The PostgreSQL backend's health check (hipcontent/postgresql/base.py): a quiet connection is reused with no
query of the check's own, and a connection whose server process was terminated while idle is still replaced
before the request's first query, as Django's `SELECT 1` check replaced it."""

import select
import time
from unittest import mock

import pytest
from django.db import connection
from django.db.utils import OperationalError, load_backend

from hipcontent.env import envdatabase
from hipcontent.postgresql.base import DatabaseWrapper

pytestmark = pytest.mark.django_db


def test_a_postgres_url_gets_this_backend_and_a_sqlite_url_django_s():
    assert envdatabase("DATABASE_URL", "postgres://u@db:5432/content")["ENGINE"] == "hipcontent.postgresql"
    assert envdatabase("DATABASE_URL", "sqlite:///db.sqlite3")["ENGINE"] == "django.db.backends.sqlite3"


postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="the PostgreSQL backend")


@pytest.fixture
def own_connection():
    """A connection of its own to the test database, with health checks on, as settings.py makes them (the
    test's own connection is inside the test's transaction, where Django never checks)."""
    settings_dict = {**connection.settings_dict, "CONN_HEALTH_CHECKS": True}
    made = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, "health-check-test")
    made.ensure_connection()
    yield made
    made.close()


def terminated(made):
    """Terminates `made`'s server process from the test's connection and waits until its socket says so."""
    pid = made.connection.info.backend_pid
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    poller = select.poll()
    poller.register(made.connection.fileno(), select.POLLIN)
    deadline = time.monotonic() + 10
    while not poller.poll(50):
        assert time.monotonic() < deadline, "the terminated backend's socket never became readable"
    made.health_check_done = False  # a new request: Django's request_started does this
    return pid


def backend_pid(made):
    with made.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


@postgres_only
def test_it_is_this_backend(own_connection):
    assert isinstance(own_connection, DatabaseWrapper)


@postgres_only
def test_a_quiet_connection_is_reused_without_a_query(own_connection):
    raw = own_connection.connection
    own_connection.health_check_done = False
    with mock.patch.object(DatabaseWrapper, "is_usable", side_effect=AssertionError("SELECT 1 was sent")):
        own_connection.close_if_health_check_failed()
    assert own_connection.connection is raw
    assert own_connection.health_check_done


@postgres_only
def test_a_connection_the_server_terminated_is_replaced_before_the_first_query(own_connection):
    old = terminated(own_connection)
    assert backend_pid(own_connection) not in (None, old)


@postgres_only
def test_without_the_check_the_same_termination_fails_the_query(own_connection):
    # The control: the termination above is one the request's query would have failed on.
    own_connection.health_check_enabled = False
    terminated(own_connection)
    with pytest.raises(OperationalError):
        backend_pid(own_connection)
