"""Queries per request for each benchmarked endpoint, counted in-process with the test client.

Run by bench/run.py with the bench server's environment (same database and Redis), so the counts are those
the server pays: `cold` is the first request after a change (nothing cached at this revision), `repeated`
the same request again. Prints JSON: {label: {"cold": n, "repeated": n}}.
"""

import json
import os
import sys

import django


def main(spec):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hipcontent.settings")
    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    counts = {}
    for label, path, headers in spec:
        # Cold: no representation or count is cached at this revision (keys are versioned, so this is what
        # the first request after a publish finds). The revision itself stays cached, as after a commit.
        counts[label] = {}
        for name in ("cold", "repeated"):
            if name == "cold":
                _drop_representations(cache)
            with CaptureQueriesContext(connection) as captured:
                response = client.get(path, headers=headers)
            if response.status_code not in (200, 304):
                raise SystemExit(f"{path}: {response.status_code}")
            counts[label][name] = len(captured.captured_queries)
    print(json.dumps(counts))


def _drop_representations(cache):
    # Redis: delete our representation and count keys only (the revision and rate counters stay).
    client = getattr(cache, "_cache", None)
    if client is not None and hasattr(client, "get_client"):
        redis = client.get_client(write=True)
        for pattern in ("*:repr:*", "*:count:*"):
            for key in redis.scan_iter(match=pattern):
                redis.delete(key)
    else:
        cache.clear()


if __name__ == "__main__":
    main(json.loads(sys.stdin.read()))
