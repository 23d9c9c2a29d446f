"""Queries per request for each benchmarked endpoint, counted in-process with the test client.

Run by bench/run.py with the bench server's environment (same database and Redis), so the counts are those
the server pays. `cold` is the first request after a change: no representation or count is cached at the
current revision, while the revision itself is (a publish stores it in Redis when it commits). `repeated` is
the same request again. A path ending in " (304)" is revalidated with the ETag of a first request.
Reads [[phase, path], ...] as JSON on stdin; prints {"phase: path": {"cold": n, "repeated": n}}.
"""

import json
import os
import sys

import django

REVALIDATE = " (304)"


def main(spec):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hipcontent.settings")
    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from hipcontent.api.http.cache import content_revision

    client = Client()
    counts = {}
    for phase, label in spec:
        path = label.removesuffix(REVALIDATE)
        headers = {}
        if label.endswith(REVALIDATE):
            headers["If-None-Match"] = client.get(path)["ETag"]
        counts[f"{phase}: {label}"] = found = {}
        for name in ("cold", "repeated"):
            if name == "cold":
                _drop_representations()
                content_revision()  # as after a publish's commit
            with CaptureQueriesContext(connection) as captured:
                response = client.get(path, headers=headers)
            if response.status_code not in (200, 304):
                raise SystemExit(f"{path}: {response.status_code}")
            found[name] = len(captured.captured_queries)
    print(json.dumps(counts))


def _drop_representations():
    from django.core.cache import cache

    # Redis: delete the representation and count keys only (the revision and rate counters stay).
    client = getattr(cache, "_cache", None)
    if client is None or not hasattr(client, "get_client"):
        cache.clear()
        return
    redis = client.get_client(write=True)
    for pattern in ("*:scoped:*", "*:count:*"):  # hipcontent/api/http/cache.py's key prefixes
        for key in redis.scan_iter(match=pattern):
            redis.delete(key)


if __name__ == "__main__":
    main(json.loads(sys.stdin.read()))
