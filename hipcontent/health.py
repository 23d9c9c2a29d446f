"""The probes: liveness (`/healthz`) and readiness (`/readyz`), answered whatever the Host.

`/healthz` touches nothing: a slow database must never get the process restarted. `/readyz`
(readiness) asks the database, and the shared cache when REDIS_URL is set, so a load balancer stops sending
traffic to a process that cannot answer, and sends it again as soon as they are back: nothing is cached
between calls, and a broken database connection is dropped so the next call opens a fresh one.

Only the database makes a process unready (503). Redis is a cache and a counter store the API answers without
(hipcontent/api/http/outage.py); a Redis outage is the same for every replica, so a 503 for it would drain
them all at once. It is reported as `degraded`, still a 200, with the checks saying what is down.

Compose healthchecks, Kubernetes and load balancers address an instance by its IP, not by a host name in
ALLOWED_HOSTS: `ProbeMiddleware` answers the two probe paths before anything validates the Host, so the
probes work under the production ALLOWED_HOSTS. They reveal nothing a Host check would protect.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from hipcontent.api.http.errors import PROBLEM_CONTENT_TYPE, problem
from hipcontent.api.http.outage import shared_cache

logger = logging.getLogger(__name__)


def _database():
    connection = connections["default"]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        # Drop the broken connection (conn_max_age would keep it), so the next probe connects afresh.
        connection.close()
        raise


def _cache():
    key = "readyz:probe"
    try:
        cache.set(key, "1", timeout=5)
        if cache.get(key) != "1":
            raise RuntimeError("the cache did not return what was stored")
    except Exception as error:
        shared_cache.failed("answer the readiness probe", error)
        raise
    shared_cache.succeeded()  # an idle process learns here that Redis is back (and drops the revision)


# Down, they make the process unready; the others only degrade it.
REQUIRED = {"database"}


def checks():
    """What readiness depends on: the database, and the shared cache when there is one (Redis)."""
    found = {"database": _database}
    if settings.REDIS_URL:
        found["cache"] = _cache
    return found


def healthz(request):
    """Liveness: the process answers. It touches no database, so a slow database never restarts it."""
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request):
    """Readiness: 200 while the database answers (`degraded` if the cache does not), else a 503 problem."""
    results = {}
    for name, check in checks().items():
        try:
            check()
        except Exception as error:
            logger.warning("readyz: %s is unavailable: %s", name, error)
            results[name] = "unavailable"
        else:
            results[name] = "ok"
    down = sorted(name for name, result in results.items() if result != "ok")
    if not down:
        return JsonResponse({"status": "ready", "checks": results})
    if not REQUIRED.intersection(down):
        detail = f"Degraded: {', '.join(down)} unavailable; serving without it."
        return JsonResponse({"status": "degraded", "detail": detail, "checks": results})
    body = problem(503, f"Not ready: {', '.join(down)} unavailable.", checks=results)
    return JsonResponse(body, status=503, content_type=PROBLEM_CONTENT_TYPE)


PROBES = {"/healthz": healthz, "/readyz": readyz}


class ProbeMiddleware:
    """Answers the probes before CommonMiddleware validates the Host (listed before it in settings.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        probe = PROBES.get(request.path_info)
        if probe is not None and request.method in ("GET", "HEAD"):
            return probe(request)
        return self.get_response(request)
