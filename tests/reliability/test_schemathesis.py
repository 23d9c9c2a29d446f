"""Property-based tests of every operation of every API version against its own OpenAPI schema.

schemathesis reads each version's schema from the running app (over WSGI, no server), generates requests
from it, valid and invalid, and checks each answer with every check it runs by default (the CLI's `--checks
all`): never a server error; status code, content type, headers and body exactly as the schema documents them;
a value the schema forbids refused (ST201), and a value it allows accepted (ST202). The one narrowing, in
tests/reliability/schema_checks.py: a 400 naming only a slug that names nothing published, or a cursor the
list never issued, is not an ST202, as no schema can list which slugs are published. Versions come from
ALLOWED_VERSIONS, so a new version is fuzzed as soon as it is routed.

The seed article is loaded once for the module (in a transaction rolled back at its end), so that slugs
and filters the generator picks up from the schema's examples can hit real content, not only 404s.
"""

import os

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core import signals
from django.core.management import call_command
from django.db import close_old_connections, transaction
from django.test import override_settings
from hypothesis import HealthCheck, settings

from hipcontent.wsgi import application
from tests.reliability.schema_checks import (
    negative_data_rejection_as_recorded,
    positive_data_acceptance_but_for_unknown_references,
    recording,
)

VERSIONS = django_settings.REST_FRAMEWORK["ALLOWED_VERSIONS"]

# Small enough to keep the whole suite inside CI's budget (see the module's share measured in the report),
# large enough that each operation sees valid and invalid values of every parameter.
# SCHEMATHESIS_MAX_EXAMPLES raises it for a deeper local run.
MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "25"))


def _load(version):
    # schemathesis's WSGI client sends `Host: localhost`, which only this module allows (see _seeded_db).
    with override_settings(ALLOWED_HOSTS=["localhost"]):
        return schemathesis.openapi.from_wsgi(f"/api/{version}/schema/", recording(application))


# Loaded at collection, so that each operation is its own test: `test_...[v1-GET /api/v1/topics/]`.
schema = schemathesis.pytest.parametrize(**{version: _load(version) for version in VERSIONS})


@pytest.fixture(scope="module")
def _seed_once(django_db_setup, django_db_blocker):
    # Requests go through the real WSGI handler, whose request_started/finished signals close the database
    # connection (close_old_connections): inside the test transaction that would drop the seed and the test
    # database connection (PostgreSQL). Django's test client unhooks them the same way for its requests.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        with django_db_blocker.unblock(), transaction.atomic():
            call_command("load_seed", verbosity=0)
            yield
            transaction.set_rollback(True)
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def _seeded_db(_seed_once, db, settings):
    # `db` nests each test in a savepoint inside the module's seeded transaction.
    settings.ALLOWED_HOSTS = ["localhost"]


@schema
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    # The same cases on every run: CI fails on a bug, never on a draw. Raise MAX_EXAMPLES locally to dig.
    derandomize="SCHEMATHESIS_MAX_EXAMPLES" not in os.environ,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.function_scoped_fixture,
    ],
)
def test_every_operation_conforms_to_its_schema(case):
    # Every check schemathesis runs by default, which is all of its response checks (the CLI's `--checks
    # all`), two of them judging the request the app received (tests/reliability/schema_checks.py).
    case.call_and_validate(
        # schemathesis's WSGI transport hands a body over as sent, where an HTTP client would undo
        # `Content-Encoding: gzip` (the snapshot file's); tests/api/v1/test_snapshot_file.py checks that one.
        headers={"Accept-Encoding": "identity"},
        excluded_checks=[
            schemathesis.checks.positive_data_acceptance,
            schemathesis.checks.negative_data_rejection,
        ],
        additional_checks=[
            positive_data_acceptance_but_for_unknown_references,
            negative_data_rejection_as_recorded,
        ],
    )
