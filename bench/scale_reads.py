"""The reads that must not grow with the content (issue 15, points 4 and 5), measured on a running server:
the snapshot (build time, first byte, size, the web workers' peak memory), a deep page of a v1 list against
page 1, and `q=hip` search. bench/run.py calls `measure()` at seed size and at scale; run alone it measures
the server at --base and prints JSON (what docs/benchmarks.md's growth table was measured with):

    DATABASE_URL=... python bench/scale_reads.py --base http://127.0.0.1:8215 --server-pid <gunicorn master>

Requests are sequential on one connection each, as an app's would be, a page 1 and its deep page in turn;
every list and search request adds a query parameter never used before, so each one renders from the
database (the first request after a publish).
"""

import argparse
import http.client
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from itertools import count
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
REPEAT = int(os.environ.get("BENCH_SCALE_REPEAT", "31"))
DEEP_PAGE = 400
# name → (what it is, a v1 list sorted by date, newest first, its deep page)
BY_DATE = {
    "conditions_by_date": ("the condition list", "/api/v1/conditions/?ordering=-updated_at", DEEP_PAGE),
    "faqs_by_date": ("the FAQ list", "/api/v1/faqs/?ordering=-updated_at", 2000),
}
_fresh = count()


def get(base, path, headers=None, *, fresh=False):
    """(seconds to the first body byte, seconds in all, bytes, status) of one GET on a new connection."""
    if fresh:
        path += ("&" if "?" in path else "?") + f"bench_nocache={time.time_ns()}-{next(_fresh)}"
    where = urlsplit(base)
    connection = http.client.HTTPConnection(where.hostname, where.port, timeout=600)
    started = time.perf_counter()
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    first = response.read(1)
    first_byte = time.perf_counter() - started
    size = len(first)
    while block := response.read(64 * 1024):
        size += len(block)
    total = time.perf_counter() - started
    connection.close()
    return first_byte, total, size, response.status


def median_ms(base, path, *, fresh=True, repeat=REPEAT):
    return medians_ms(base, [path], fresh=fresh, repeat=repeat)[0]


def medians_ms(base, paths, *, fresh=True, repeat=REPEAT):
    """The median time of each of `paths`, requested in turn `repeat` times: interleaved, so a burst of the
    machine's other work falls on all of them, not on one (a ratio of two is what is read)."""
    times = [[] for _ in paths]
    for _ in range(repeat):
        for path, found in zip(paths, times, strict=True):
            _first, total, _size, status = get(base, path, fresh=fresh)
            assert status == 200, (path, status)
            found.append(total * 1000)
    return [statistics.median(found) for found in times]


def build_snapshot(base, env):
    """Build the v1 snapshot file for the server's origin as the worker does, in a process of its own:
    (seconds, peak memory of that process in MiB, items), or None when it was built already."""
    code = (
        "import json, resource, sys, time\n"
        "import django; django.setup()\n"
        "from hipcontent.api import snapshot\n"
        "items = snapshot.items_up_to(10**9)\n"
        "started = time.perf_counter()\n"
        f"snapshot.build('v1', 'http', {urlsplit(base).netloc!r})\n"
        "seconds = time.perf_counter() - started\n"
        "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n"
        "print(json.dumps([seconds, peak, items]))\n"
    )
    # The bench's own snapshot directory: start from no file, so the build is measured whole.
    shutil.rmtree(Path(env["API_SNAPSHOT_DIR"]) / "v1", ignore_errors=True)
    env = {**env, "DJANGO_SETTINGS_MODULE": "hipcontent.settings"}
    python = ROOT / ".venv" / "bin" / "python"
    output = subprocess.run(
        [python, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(output.stdout)


def peak_memory_mib(master_pid):
    """The largest peak resident memory (VmHWM) among the server's worker processes, in MiB."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    peaks = []
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                peaks.append(int(line.split()[1]) / 1024)
    return max(peaks)


def measure(base, env, master_pid):
    """Every figure of this module for the content the server at `base` serves now."""
    results = {}
    seconds, builder_mib, items = build_snapshot(base, env)
    results.update(items=items, build_seconds=seconds, builder_peak_mib=builder_mib)
    gzip_first, gzip_total, gzip_size, status = get(base, "/api/v1/snapshot/", {"Accept-Encoding": "gzip"})
    assert status == 200, status
    json_first, json_total, json_size, status = get(base, "/api/v1/snapshot/")
    assert status == 200, status
    results.update(
        snapshot_gzip_first_byte_ms=gzip_first * 1000,
        snapshot_gzip_total_ms=gzip_total * 1000,
        snapshot_gzip_bytes=gzip_size,
        snapshot_json_first_byte_ms=json_first * 1000,
        snapshot_json_total_ms=json_total * 1000,
        snapshot_json_bytes=json_size,
        web_worker_peak_mib=peak_memory_mib(master_pid),
    )
    last_page = max(1, (items_in_list(base) + 19) // 20)
    results["deep_page"] = min(DEEP_PAGE, last_page)
    page_1, deep = (
        "/api/v1/conditions/?page_size=20",
        f"/api/v1/conditions/?page_size=20&page={results['deep_page']}",
    )
    results["page_1_ms"], results["deep_page_ms"] = medians_ms(base, [page_1, deep])
    # Apps that sync sort by date; the largest list goes deepest (issue 15 point 5: every deep page of v1).
    for name, (_label, path, page) in BY_DATE.items():
        last = max(1, (items_in_list(base, path) + 19) // 20)
        results[f"{name}_page"] = min(page, last)
        results[f"{name}_page_1_ms"], results[f"{name}_deep_ms"] = medians_ms(
            base, [f"{path}&page_size=20", f"{path}&page_size=20&page={results[f'{name}_page']}"]
        )
    results["search_hip_ms"] = median_ms(base, "/api/v1/search/?q=hip")
    results["healthz_ms"] = median_ms(base, "/healthz", fresh=False)
    return results


def items_in_list(base, path="/api/v1/conditions/?"):
    where = urlsplit(base)
    connection = http.client.HTTPConnection(where.hostname, where.port, timeout=60)
    connection.request("GET", f"{path}&page_size=1")
    found = json.loads(connection.getresponse().read())["count"]
    connection.close()
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", required=True)
    parser.add_argument("--server-pid", type=int, required=True, help="The gunicorn master's process id.")
    args = parser.parse_args()
    print(json.dumps(measure(args.base, dict(os.environ), args.server_pid), indent=2))


if __name__ == "__main__":
    sys.exit(main())


# ---- in bench/run.py's report

# (figure, its target, what it is): each row is the figure divided by its target, met at ≤ 1.
TARGET_FIRST_BYTE_MS, TARGET_PEAK_MIB, TARGET_DEEP, TARGET_SEARCH_GROWTH = 1000, 256, 1.5, 3.0


def report(seed, scale):
    """(markdown lines, [(met, text)]) for the figures measured at seed size and at scale."""
    deep = scale["deep_page_ms"] / scale["page_1_ms"]
    search = scale["search_hip_ms"] / seed["search_hip_ms"]
    # The same growth with each median first divided by its phase's /healthz: the machine's load changes
    # between phases, and this cancels what it does to every request alike.
    search_relative = search / (scale["healthz_ms"] / seed["healthz_ms"])
    rows = [
        (
            "snapshot: first byte, gzip",
            f"{scale['snapshot_gzip_first_byte_ms']:.0f} ms",
            TARGET_FIRST_BYTE_MS,
            scale["snapshot_gzip_first_byte_ms"] / TARGET_FIRST_BYTE_MS,
        ),
        (
            "snapshot: first byte, JSON (decompressed on the fly)",
            f"{scale['snapshot_json_first_byte_ms']:.0f} ms",
            TARGET_FIRST_BYTE_MS,
            scale["snapshot_json_first_byte_ms"] / TARGET_FIRST_BYTE_MS,
        ),
        (
            "snapshot: web worker peak memory",
            f"{scale['web_worker_peak_mib']:.0f} MiB",
            TARGET_PEAK_MIB,
            scale["web_worker_peak_mib"] / TARGET_PEAK_MIB,
        ),
        (
            f"deep page (page {scale['deep_page']}) vs page 1 of the condition list",
            f"{scale['deep_page_ms']:.0f} ms vs {scale['page_1_ms']:.0f} ms ({deep:.2f}x)",
            TARGET_DEEP,
            deep / TARGET_DEEP,
        ),
        *(
            (
                f"deep page (page {scale[f'{name}_page']}) vs page 1 of {label}, by date (`-updated_at`)",
                f"{scale[f'{name}_deep_ms']:.0f} ms vs {scale[f'{name}_page_1_ms']:.0f} ms "
                f"({scale[f'{name}_deep_ms'] / scale[f'{name}_page_1_ms']:.2f}x)",
                TARGET_DEEP,
                scale[f"{name}_deep_ms"] / scale[f"{name}_page_1_ms"] / TARGET_DEEP,
            )
            for name, (label, _path, _page) in BY_DATE.items()
        ),
        (
            "`q=hip` at scale vs seed size",
            f"{scale['search_hip_ms']:.0f} ms vs {seed['search_hip_ms']:.0f} ms ({search:.2f}x)",
            TARGET_SEARCH_GROWTH,
            search / TARGET_SEARCH_GROWTH,
        ),
    ]
    lines = [
        f"At {scale['items']:,} published items (seed: {seed['items']}); sequential requests (a page 1 "
        f"and its deep page in turn), medians of {REPEAT}, lists and search uncached. Ratio: the figure ÷ "
        "its target (met at ≤ 1).",
        "",
        "| read | measured | target | ratio |",
        "| --- | ---: | ---: | ---: |",
        *(f"| {label} | {value} | {target:g} | {ratio:.2f} |" for label, value, target, ratio in rows),
        "",
        f"The snapshot file: built by the worker in {scale['build_seconds']:.0f} s "
        f"({seed['build_seconds']:.2f} s at seed size), builder peak {scale['builder_peak_mib']:.0f} MiB; "
        f"{scale['snapshot_gzip_bytes'] / 2**20:.1f} MiB gzip, "
        f"{scale['snapshot_json_bytes'] / 2**20:.1f} MiB JSON; the whole gzip download took "
        f"{scale['snapshot_gzip_total_ms']:.0f} ms and the JSON one "
        f"{scale['snapshot_json_total_ms']:.0f} ms. `q=hip` grew {search_relative:.2f}x relative to "
        "/healthz.",
    ]
    found = [
        (ratio <= 1, f"{label}: {value}, {ratio:.2f} of its target ({target:g})")
        for label, value, target, ratio in rows
    ]
    return lines, found


GROWTH = "## Growth toward 1,000,000 items"


def growth(previous):
    """The hand-written section on growth beyond what a run measures, kept from the previous report."""
    found = previous.find(GROWTH)
    return "" if found < 0 else "\n" + previous[found:]
