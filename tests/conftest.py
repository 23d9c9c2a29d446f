import os
import shutil

import pytest
from rest_framework.test import APIClient

from tests import seed_cache

pytest_plugins = ["tests.browser"]  # the `browser` fixture of the browser tests


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def seed(db):
    """The real seed article, loaded as `make run` loads it (later tests get the first load's rows back)."""
    seed_cache.load()


@pytest.fixture(scope="session", autouse=True)
def _own_redis_database_per_worker():
    # `make test` runs tests in parallel (pytest-xdist). Each test empties the cache, and on Redis that
    # empties the whole database, so each worker gets its own: gw0 → 10, gw1 → 11, …
    from urllib.parse import urlsplit

    from django.conf import settings
    from django.test.utils import override_settings

    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    cache = settings.CACHES["default"]
    if not (worker.startswith("gw") and str(cache.get("LOCATION", "")).startswith("redis://")):
        yield
        return
    location = urlsplit(cache["LOCATION"])._replace(path=f"/{10 + int(worker[2:])}").geturl()
    with override_settings(CACHES={"default": {**cache, "LOCATION": location}}):
        yield


@pytest.fixture(autouse=True)
def _generous_rate_limits(settings):
    # Tests make many requests from one address; tests/api/http/keys_and_limits/ sets its own limits.
    settings.API_ANON_RATE = "100000/minute"
    settings.API_KEY_RATE = "100000/minute"


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Rate-limit counters live in the cache (Redis in CI): no test may inherit another's.
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _no_inherited_outage():
    # A test that makes a Redis call fail without changing CACHES (a monkeypatched client) leaves this
    # process's outage tracker (hipcontent/api/http/outage.py) saying "leave Redis alone for RETRY_SECONDS",
    # as production should: the test that ran next then kept nothing in the cache, and its second read
    # rendered again (11 queries where 1 is pinned) whenever it started within that second.
    from hipcontent.api.http.outage import database, shared_cache

    shared_cache.reset()
    database.reset()


@pytest.fixture(autouse=True)
def _revision_from_the_database(settings):
    # Query counts pinned in tests include the revision query, with or without REDIS_URL (CI sets it);
    # tests/perf/ turns the cached revision on where it tests it.
    settings.CONTENT_REVISION_CACHE = False


@pytest.fixture(autouse=True)
def _no_replay(settings):
    # Replayed answers (hipcontent/api/http/replay.py) live in the process across tests and are invalidated
    # by publishes, not by the factories' direct writes: tests/perf/test_replay.py turns them on.
    settings.API_REPLAY = False


@pytest.fixture(autouse=True)
def _own_snapshot_files(settings, tmp_path):
    # Snapshot files (hipcontent/api/snapshot.py) are kept per revision on disk: each test starts without any.
    settings.API_SNAPSHOT_DIR = tmp_path / "snapshots"


@pytest.fixture(autouse=True)
def _direct_content_writes_drop_cached_representations(_own_snapshot_files):
    # Factories write live rows directly, without the change event a publish writes, so the content revision
    # (the key version of cached representations, hipcontent/api/http/cache.py) does not move when a test adds
    # items between two requests. Drop the cache on such writes; a publish needs no help (tests/perf/).
    # Editorial records, integration rows and history change no representation (conditions/models/).
    from django.conf import settings
    from django.core.cache import cache
    from django.db.models import signals

    from conditions.models import CONTENT_APPS, EDITORIAL_RECORDS, INTEGRATION_ROWS

    not_content = {*EDITORIAL_RECORDS, *INTEGRATION_ROWS}

    def drop(sender, **kwargs):
        meta = sender._meta
        content = meta.app_label in CONTENT_APPS and meta.label not in not_content
        if content and not meta.object_name.startswith("Historical"):
            cache.clear()
            shutil.rmtree(settings.API_SNAPSHOT_DIR, ignore_errors=True)  # built per revision too

    hooks = (signals.post_save, signals.post_delete, signals.m2m_changed)
    for hook in hooks:
        hook.connect(drop, dispatch_uid="tests-drop-representations")
    yield
    for hook in hooks:
        hook.disconnect(dispatch_uid="tests-drop-representations")


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    # Production serves hashed files from collectstatic's manifest; tests don't run collectstatic.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


# ---- personas: who uses the admin, and how apps reach the API


def _staff(django_user_model, username, group):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(
        username, f"{username}@example.com", "unused-pass-83", is_staff=True
    )
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(db, django_user_model):
    """Writes and submits content; cannot publish."""
    return _staff(django_user_model, "editor", "Editors")


@pytest.fixture
def reviewer(db, django_user_model):
    """A clinical reviewer: approves, sends back, unpublishes. Apps see their name and credentials."""
    from conditions.models import ReviewerProfile

    user = _staff(django_user_model, "reviewer", "Clinical reviewers")
    ReviewerProfile.objects.create(user=user, display_name="Dr Ada Reviewer", credentials="PT, DPT")
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def reviewer_client(reviewer):
    from django.test import Client

    client = Client()
    client.force_login(reviewer)
    return client


def pytest_collection_modifyitems(items):
    """Every transactional test (transaction=True, live_server, transactional_db) rolls back by serialization.

    Such a test ends by flushing every table. Without serialized rollback Django then lets post_migrate make
    the content types and permissions again, and the next serialized test, loading the migrated state back,
    fails on rows that exist (IntegrityError on django_content_type): whether it does depended on which tests
    xdist gave one worker. With it, every flush restores the migrated state (the editorial groups included),
    so the order of tests never matters.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        options = dict(marker.kwargs) if marker else {}
        transactional = (
            options.get("transaction")
            or options.get("reset_sequences")
            or {"transactional_db", "live_server"} & set(item.fixturenames)
        )
        if transactional and not options.get("serialized_rollback"):
            item.add_marker(
                pytest.mark.django_db(**{**options, "transaction": True, "serialized_rollback": True}),
                append=False,
            )


@pytest.fixture(scope="session", autouse=True)
def _serialized_rollback_starts_from_empty_tables():
    """Restoring the migrated state (serialized rollback) first empties the tables.

    Django loads the state into whatever the previous test left, assuming its flush left nothing; but a flush
    that lets post_migrate run (or a test that changed the connection) leaves content types behind, and the
    load then fails on django_content_type's unique key. A full PostgreSQL run hit that in 16 tests, in an
    order only xdist produced.
    """
    from django.core.management import call_command
    from django.db.backends.base.creation import BaseDatabaseCreation

    original = BaseDatabaseCreation.deserialize_db_from_string

    def deserialize(self, data):
        alias = self.connection.alias
        call_command("flush", database=alias, interactive=False, inhibit_post_migrate=True, verbosity=0)
        return original(self, data)

    BaseDatabaseCreation.deserialize_db_from_string = deserialize
    yield
    BaseDatabaseCreation.deserialize_db_from_string = original
