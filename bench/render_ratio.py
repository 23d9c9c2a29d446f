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
    print(f"queries, ours: {len(captured.captured_queries)}")
    wall, cpu = {ours: [], peer: []}, {ours: [], peer: []}
    for _round in range(rounds):
        for path, times in ((ours, 4), (peer, 1)):  # ours is faster: more samples in the same time
            for _ in range(times):
                started, process = time.perf_counter(), time.process_time()
                assert client.get(f"{path}?uncached={time.time_ns()}").status_code == 200
                wall[path].append(time.perf_counter() - started)
                cpu[path].append(time.process_time() - process)
    for name, path in (("ours", ours), ("peer", peer)):
        print(
            f"{name}: wall {statistics.median(wall[path]) * 1000:.2f} ms, "
            f"CPU {statistics.median(cpu[path]) * 1000:.2f} ms (median of {len(wall[path])})"
        )
    ratio = statistics.median(wall[peer]) / statistics.median(wall[ours])
    cpu_ratio = statistics.median(cpu[peer]) / statistics.median(cpu[ours])
    print(f"peer ÷ ours: wall {ratio:.2f}x, CPU {cpu_ratio:.2f}x")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 30)
