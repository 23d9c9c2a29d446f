"""Read replicas: with DATABASE_REPLICA_URLS set, each API read is served from one replica.

`ReplicaReadsMiddleware` gives every API GET or HEAD one replica, chosen at random when the request arrives,
and every read of content made while serving it goes to that replica: one response never mixes what two
replicas hold, and the check before caching it (hipcontent/api/http/cache.py) asks the same replica
(`read_alias()`). Everything else uses the primary (`default`): every write, the admin (editors must see
what they just saved), anything inside a transaction, API keys and webhooks (a revoked key must stop working
at once, not when a replica catches up). Which models are content, and which are read on the primary only,
is said once, by the models (`conditions.models.CONTENT_APPS` and `INTEGRATION_ROWS`).

A replica may lag behind the primary. Cached representations never keep what a lagging replica rendered
under a newer revision (cache.py checks that the request's replica has the revision before storing); a
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

# The replica the API read being served was given; None outside API reads.
_replica = contextvars.ContextVar("replica", default=None)


def replica_aliases():
    return [alias for alias in settings.DATABASES if alias.startswith(REPLICA_PREFIX)]


@contextmanager
def api_reads():
    """Reads of content in this block go to one replica, chosen once here, as in an API GET."""
    aliases = replica_aliases()
    token = _replica.set(random.choice(aliases) if aliases else None)
    try:
        yield
    finally:
        _replica.reset(token)


def read_alias():
    """Where reads of content go now: the replica this API read was given, else the primary (outside API
    reads, without replicas, and inside a transaction, which may have written what it reads)."""
    alias = _replica.get()
    if alias is None or transaction.get_connection(DEFAULT_DB_ALIAS).in_atomic_block:
        return DEFAULT_DB_ALIAS
    return alias


def _read_from_replicas(model):
    meta = model._meta
    return meta.app_label in CONTENT_APPS and meta.label not in INTEGRATION_ROWS


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return read_alias() if _read_from_replicas(model) else DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # every database holds the same rows

    def allow_migrate(self, db, app_label, **hints):
        return db == DEFAULT_DB_ALIAS  # replicas replay the primary's schema


class ReplicaReadsMiddleware:
    """Gives each API GET and HEAD request one replica, which all its reads of content go to."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and request.path.startswith("/api/"):
            with api_reads():
                return self.get_response(request)
        return self.get_response(request)
