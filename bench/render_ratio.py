"""The peer's first render ÷ ours, in-process: interleaved uncached requests through the test client (whole
middleware, DRF, Redis when set), each with a new query parameter, as bench/run.py's render rows but with
no wrk, no gunicorn and no other client on the machine's cores to blur the ratio (issue 15).

Run with the bench server's environment (DJANGO_SETTINGS_MODULE=bench.settings, DATABASE_URL, REDIS_URL):

    .venv/bin/python bench/render_ratio.py /api/v1/topics/scale-topic-00000/ \
        /bench/peer/v1/topics/scale-topic-00000/ [rounds]

Prints the queries of our first request, then medians of wall and process CPU time per request.
"""

import statistics
import sys
import time

import django


def main(ours, peer, rounds):
    found = measure(ours, peer, rounds)
    print(f"queries, ours: {found['queries']}")
    for name in ("ours", "peer"):
        print(
            f"{name}: wall {found[name]['wall'] * 1000:.2f} ms, "
            f"CPU {found[name]['cpu'] * 1000:.2f} ms (median of {found[name]['samples']})"
        )
    print(f"peer ÷ ours: wall {found['ratio']:.2f}x, CPU {found['cpu_ratio']:.2f}x")


def measure(ours, peer, rounds):
    """The queries of our first request, medians of wall and CPU seconds per request of each, and the
    peer's ÷ ours (bench/render_all.py runs it for every detail)."""
    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    for path in (ours, peer):
        for i in range(5):  # warm: imports, URL resolvers, compiled and prepared queries
            assert client.get(f"{path}?warm={time.time_ns()}-{i}").status_code == 200
    with CaptureQueriesContext(connection) as captured:
        client.get(f"{ours}?count={time.time_ns()}")
    queries = len(captured.captured_queries)  # now: each request's start empties the connection's log
    wall, cpu = {ours: [], peer: []}, {ours: [], peer: []}
    for _round in range(rounds):
        for path, times in ((ours, 4), (peer, 1)):  # ours is faster: more samples in the same time
            for _ in range(times):
                started, process = time.perf_counter(), time.process_time()
                assert client.get(f"{path}?uncached={time.time_ns()}").status_code == 200
                wall[path].append(time.perf_counter() - started)
                cpu[path].append(time.process_time() - process)
    found = {
        name: {
            "wall": statistics.median(wall[path]),
            "cpu": statistics.median(cpu[path]),
            "samples": len(wall[path]),
        }
        for name, path in (("ours", ours), ("peer", peer))
    }
    return {
        **found,
        "queries": queries,
        "ratio": found["peer"]["wall"] / found["ours"]["wall"],
        "cpu_ratio": found["peer"]["cpu"] / found["ours"]["cpu"],
    }


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 30)
