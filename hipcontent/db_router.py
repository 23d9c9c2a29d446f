"""Read replicas: with DATABASE_REPLICA_URLS set, the API's reads of content go to a replica.

Only reads made while serving an API GET or HEAD go to a replica (`ReplicaReadsMiddleware` marks them), and
only reads of content models. Everything else uses the primary (`default`): every write, the admin (editors
must see what they just saved), anything inside a transaction, API keys and webhooks (a revoked key must stop
working at once, not when a replica catches up). Which models are content, and which are read on the primary
only, is said once, by the models (`conditions.models.CONTENT_APPS` and `INTEGRATION_ROWS`).

A replica may lag behind the primary. Cached representations never keep what a lagging replica rendered
under a newer revision (hipcontent/api/http/cache.py checks the replica has the revision before storing); a
request served from a lagging replica may itself show the content from before a publish, for as long as
the lag lasts.
"""

import contextvars
import random
from contextlib import contextmanager

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, transaction

from conditions.models import CONTENT_APPS, INTEGRATION_ROWS

REPLICA_PREFIX = "replica"

_api_read = contextvars.ContextVar("api_read", default=False)


def replica_aliases():
    return [alias for alias in settings.DATABASES if alias.startswith(REPLICA_PREFIX)]


@contextmanager
def api_reads():
    """Reads of content in this block may go to a replica, as in an API GET."""
    token = _api_read.set(True)
    try:
        yield
    finally:
        _api_read.reset(token)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        meta = model._meta
        if not _api_read.get() or meta.app_label not in CONTENT_APPS or meta.label in INTEGRATION_ROWS:
            return DEFAULT_DB_ALIAS
        aliases = replica_aliases()
        if not aliases or transaction.get_connection(DEFAULT_DB_ALIAS).in_atomic_block:
            return DEFAULT_DB_ALIAS
        return random.choice(aliases)

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # every database holds the same rows

    def allow_migrate(self, db, app_label, **hints):
        return db == DEFAULT_DB_ALIAS  # replicas replay the primary's schema


class ReplicaReadsMiddleware:
    """Marks API GET and HEAD requests, whose reads of content may go to a replica."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and request.path.startswith("/api/"):
            with api_reads():
                return self.get_response(request)
        return self.get_response(request)
