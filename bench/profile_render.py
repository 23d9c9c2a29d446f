"""Where an uncached read's time goes: N requests through the test client, each with a new query parameter
(nothing cached at the current revision, as bench/run.py's uncached rows), under cProfile.

Prints the process's own time (CPU) split into what spends it, as fractions, then per phase of the request
(each phase's own and callees' CPU per request: what is left of the whole is the middleware, routing and
DRF), and wall time per request. Run with the server's environment (DATABASE_URL, REDIS_URL or none):

    .venv/bin/python bench/profile_render.py /api/v1/topics/hip-pain-buttock-discomfort/ [N]
"""

import cProfile
import os
import pstats
import sys
import time

import django

# Each function's own time goes to the first bucket whose path fragment its file contains.
BUCKETS = (
    ("database driver (psycopg, waiting for rows)", ("psycopg",)),
    ("SQL compiler and backend", ("django/db/models/sql", "django/db/backends")),
    ("model instances and prefetching", ("django/db/models",)),
    ("URL reversing", ("django/urls", "rest_framework/reverse")),
    ("JSON encoding", ("json/", "rest_framework/renderers", "orjson")),
    (
        "serializers (DRF fields and ours)",
        (
            "rest_framework/serializers",
            "rest_framework/fields",
            "rest_framework/relations",
            "hipcontent/api/v",
        ),
    ),
    ("copying serializer fields", ("copy.py",)),
    ("Redis and the cache", ("redis/", "django/core/cache", "hipcontent/api/http/cache")),
    ("dates and time zones", ("django/utils/timezone", "datetime", "zoneinfo")),
)


# A request's phases, each the cumulative time of the function doing it: (name, (file fragment, function)).
PHASES = (
    ("whole request (test client)", ("django/test/client.py", "request")),
    ("DRF view: dispatch", ("rest_framework/views.py", "dispatch")),
    ("revision and cached representation (validators)", ("hipcontent/api/http/conditional.py", "validators")),
    ("  of which the scope's revision query", ("conditions/changes.py", "newest_change")),
    ("building the document", ("hipcontent/api/collections.py", "render_detail")),
    ("  of which running its queries", ("hipcontent/api/prepared.py", "run_together")),
    ("JSON rendering", ("rest_framework/response.py", "rendered_content")),
    ("keeping the representation", ("hipcontent/api/http/cache.py", "store_representation")),
)


def main(path, n):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hipcontent.settings")
    django.setup()
    from django.test import Client

    client = Client()
    for i in range(10):  # warm: imports, URL resolvers, compiled plans
        assert client.get(f"{path}{sep(path)}warm={i}").status_code == 200
    profile = cProfile.Profile(time.process_time)
    started, cpu = time.perf_counter(), time.process_time()
    profile.enable()
    for i in range(n):
        client.get(f"{path}{sep(path)}profile={i}")
    profile.disable()
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    stats = pstats.Stats(profile).stats
    spent = dict.fromkeys([name for name, _ in BUCKETS] + ["everything else"], 0.0)
    for (filename, _line, _name), (_cc, _nc, own, _cum, _callers) in stats.items():
        bucket = next(
            (name for name, parts in BUCKETS if any(p in filename for p in parts)), "everything else"
        )
        spent[bucket] += own
    total = sum(spent.values())
    print(f"{path}: {n} requests; wall {wall / n * 1000:.1f} ms/request, process CPU {cpu / n * 1000:.1f} ms")
    for name, seconds in sorted(spent.items(), key=lambda item: -item[1]):
        print(f"  {seconds / total:6.1%}  {name}")
    print("per phase, CPU ms per request (under cProfile, which inflates many small calls):")
    for name, (part, function) in PHASES:
        found = [
            cumulative
            for (filename, _line, called), (_cc, _nc, _own, cumulative, _callers) in stats.items()
            if part in filename and called == function
        ]
        if found:
            print(f"  {max(found) / n * 1000:7.2f}  {name}")


def sep(path):
    return "&" if "?" in path else "?"


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 100)
