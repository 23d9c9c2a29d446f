"""`make bench`: the service as `make serve` runs it, under load from wrk, measured against its own /healthz.

1. A fresh PostgreSQL database (BENCH_DATABASE_URL, default hipcontent_bench, dropped and created again so
   every run starts from the same data) and its own Redis database (BENCH_REDIS_URL, default /3, emptied).
2. migrate, load_seed, collectstatic, then gunicorn with DEBUG off on BENCH_PORT (8200), WEB_CONCURRENCY
   workers. The anonymous rate limit is set out of reach (API_ANON_RATE=1000000000/minute), so wrk measures
   the service, not 429s; access logging is off, as it would measure the terminal.
3. Seed size: each endpoint for BENCH_SECONDS with wrk, /healthz first; "uncached" rows add a query parameter
   that is new on every request, so each one renders as the first request after a publish does.
4. Scale: `manage.py scale_data` (10,000 conditions, 50,000 FAQs), then list and search again, then every
   endpoint mixed at 200 connections for 30 s, counting errors.
5. Queries per request, counted in-process with the test client on the same database (bench/queries.py).

Every row starts on a server doing only that row's work (`settle`): the requests the previous row left
queued are answered first, then the row's own load runs for WARM_SECONDS unmeasured.

The server runs with bench/settings.py, which adds the plain-DRF peers of the v1 topic (bench/peer.py), of the
v1 condition detail and of the v1 condition list (bench/peer_conditions.py): each phase renders each of the
three uncached on both, and each ratio peer ÷ ours is a target (issue 15 point 1). BENCH_PHASES=render
measures only that: the seed topic and condition, then a generated topic with 40 links and 20 FAQs and a
generated condition (scale_data at a small size); it prints its table and targets and leaves
docs/benchmarks.md alone.

Prints the table and writes it to docs/benchmarks.md with the machine and the date.
"""

import datetime
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import scale_reads

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
PORT = int(os.environ.get("BENCH_PORT", "8200"))
BASE = f"http://127.0.0.1:{PORT}"
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/hipcontent_bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/3")
SECONDS = int(os.environ.get("BENCH_SECONDS", "8"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
WORKERS = os.environ.get("WEB_CONCURRENCY", "2")
# BENCH_PHASES=render: only the peer-versus-ours render rows. BENCH_PHASES=seed: only the seed phase's hot
# rows (healthz, cached, 304), printed as ratios. Neither writes the report: they measure one thing without
# the whole hour-long run.
PHASES = os.environ.get("BENCH_PHASES", "all")
SCALE = {
    "conditions": int(os.environ.get("BENCH_CONDITIONS", "10000")),
    "faqs": int(os.environ.get("BENCH_FAQS", "50000")),
    "topics": 2500,  # 20 FAQs and 20 linked conditions per topic
}
RATE = "1000000000/minute"
# Enough for scale-topic-00000 (20 conditions, 20 other links, 20 FAQs: 1,000 FAQs over 50 topics).
RENDER_SCALE = {"conditions": 200, "faqs": 1000, "topics": 50}
RENDER_TARGET = 5.0  # the peer's first render ÷ ours, p50 (issue 15 point 1)
RENDER_ROUNDS = 20  # bench/render_all.py: rounds of 4 requests of ours and 1 of the peer's per page

ENV = {
    **os.environ,
    # The project's settings plus the peer's URL (bench/peer.py); production URLs never include it.
    "DJANGO_SETTINGS_MODULE": "bench.settings",
    "PYTHONPATH": str(ROOT),  # bench/queries.py runs as a script: `bench` is importable from the root
    "DATABASE_URL": DATABASE_URL,
    "REDIS_URL": REDIS_URL,
    "DEBUG": "0",
    "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only-not-secret"),
    "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "API_ANON_RATE": RATE,
    "API_KEY_RATE": RATE,
    "LOG_LEVEL": "WARNING",
    "SECURE_COOKIES": "0",
    # The bench's own snapshot files (hipcontent/api/snapshot.py), emptied by each measurement.
    "API_SNAPSHOT_DIR": str(Path(tempfile.gettempdir()) / "hipcontent-bench-snapshots"),
}

TOPIC = "/api/v1/topics/hip-pain-buttock-discomfort/"
SCALE_TOPIC = "/api/v1/topics/scale-topic-00000/"
PEER_TOPIC = "/bench/peer/v1/topics/hip-pain-buttock-discomfort/"
PEER_SCALE_TOPIC = "/bench/peer/v1/topics/scale-topic-00000/"
PEER_LABEL = "peer (plain DRF) topic, first render"
# The condition detail and list against their plain-DRF peers (bench/peer_conditions.py), as the topic.
CONDITION = "/api/v1/conditions/piriformis-syndrome/"
SCALE_CONDITION = "/api/v1/conditions/scale-condition-00000/"
PEER_CONDITION = "/bench/peer/v1/conditions/piriformis-syndrome/"
PEER_SCALE_CONDITION = "/bench/peer/v1/conditions/scale-condition-00000/"
PEER_CONDITIONS = "/bench/peer/v1/conditions/"
CONDITION_LABEL = "condition detail, first after a change"
PEER_CONDITION_LABEL = "peer (plain DRF) condition detail, first render"
LIST_LABEL = "condition list, uncached"
PEER_LIST_LABEL = "peer (plain DRF) condition list, first render"
CONDITIONS = "/api/v1/conditions/"
SEARCH = "/api/v1/search/?q=labral"
CHANGES = "/api/v1/changes/?limit=100"

# Each request a new URL: nothing is cached for it yet, as for the first request after a publish. BENCH_RUN
# is replaced by a token of its own for every wrk run (`wrk()`): no run, a warm-up included, repeats another
# run's URLs.
UNCACHED_LUA = """
local threads = 0
function setup(thread) threads = threads + 1; thread:set("tid", threads) end
local n = 0
function request()
  n = n + 1
  local sep = string.find(wrk.path, "?", 1, true) and "&" or "?"
  return wrk.format(nil, wrk.path .. sep .. "bench_nocache=BENCH_RUN-" .. tid .. "-" .. n)
end
"""
# Before each measured row: its own load, unmeasured (see `settle()`).
WARM_SECONDS = 1

MIX_LUA = """
local paths = {%s}
local n = 0
function request()
  n = n + 1
  return wrk.format(nil, paths[(n %% #paths) + 1])
end
"""


RESULTS = Path(tempfile.gettempdir()) / "hipcontent-bench-results.json"


def main():
    if sys.argv[1:] == ["--report"]:
        document, found = report(*json.loads(RESULTS.read_text()))
        print(document)
        fail_on_missed(found)
        return
    ensure_wrk()
    fresh_database()
    fresh_redis()
    for args in (
        ("migrate", "--noinput", "-v0"),
        ("load_seed", "-v0"),
        ("collectstatic", "--noinput", "-v0"),
    ):
        manage(*args)
    if PHASES == "render":
        render_only()
        return
    server = start_server()
    if PHASES == "seed":
        try:
            measure_hot()
        finally:
            server.terminate()
            server.wait(timeout=30)
        return
    try:
        rows, queries = [], {}
        seed = measure_seed(rows, queries)
        reads = {"seed": scale_reads.measure(BASE, ENV, server.pid)}
        started = time.monotonic()
        manage("scale_data", *(f"--{name}={n}" for name, n in SCALE.items()), "--links=500")
        queries["scale_data seconds"] = time.monotonic() - started
        scale = measure_scale(rows, queries)
        reads["scale"] = scale_reads.measure(BASE, ENV, server.pid)
        load = wrk(200, "/healthz", seconds=30, script=mix_script())
    finally:
        server.terminate()
        server.wait(timeout=30)
    details = render_all()
    # Kept so the report can be written again without a run: python bench/run.py --report
    RESULTS.write_text(json.dumps([rows, queries, seed, scale, load, reads, details]))
    written = ROOT / "docs" / "benchmarks.md"
    document, found = report(rows, queries, seed, scale, load, reads, details)
    document += scale_reads.growth(written.read_text())
    print(document)
    written.write_text(document)
    fail_on_missed(found)


def render_all():
    """Every v1 detail with a peer and the condition list, ours against the peer's, in-process on the scale
    phase's database with the server stopped (bench/render_all.py)."""
    command = [sys.executable, str(ROOT / "bench" / "render_all.py"), "--json", str(RENDER_ROUNDS)]
    done = subprocess.run(command, env=ENV, cwd=ROOT, check=True, capture_output=True, text=True)
    return json.loads(done.stdout)


def fail_on_missed(found):
    """`make bench` fails when a target is missed, after the report is written, naming each one."""
    missed = [text for ok, text in found if not ok]
    if missed:
        print(f"\n{len(missed)} benchmark target(s) missed:", *missed, sep="\n- ", file=sys.stderr)
        raise SystemExit(1)


# ---- the measurements


def measure_seed(rows, queries):
    etag = fetch(TOPIC).headers["ETag"]
    runs = [
        ("/healthz", "/healthz", {}, None),
        ("topic detail, repeated", TOPIC, {}, None),
        ("topic detail, first after a change", TOPIC, {}, UNCACHED_LUA),
        (PEER_LABEL, PEER_TOPIC, {}, UNCACHED_LUA),
        ("304 revalidation (topic)", TOPIC, {"If-None-Match": etag}, None),
        ("condition list, repeated", CONDITIONS, {}, None),
        *condition_runs(CONDITION, PEER_CONDITION),
        ("search, repeated", SEARCH, {}, None),
        ("search, uncached", SEARCH, {}, UNCACHED_LUA),
        ("changes feed", CHANGES, {}, None),
    ]
    results = run_all("seed", runs, rows)
    queries.update(count_queries("seed", [TOPIC, CONDITIONS, CONDITION, SEARCH, CHANGES, TOPIC + " (304)"]))
    return results


def measure_hot():
    """The seed phase's hot rows only, each as a ratio to /healthz. On a shared machine the load changes
    from one row to the next, so each row is measured right after a /healthz of its own, BENCH_REPEAT times,
    and the median of those ratios is printed."""
    etag = fetch(TOPIC).headers["ETag"]
    fetch(CONDITIONS)
    runs = [
        ("topic detail, repeated", TOPIC, {}),
        ("304 revalidation (topic)", TOPIC, {"If-None-Match": etag}),
        ("condition list, repeated", CONDITIONS, {}),
    ]
    ratios = {label: [] for label, _path, _headers in runs}
    for _ in range(int(os.environ.get("BENCH_REPEAT", "3"))):
        for label, path, headers in runs:
            healthz = measured("/healthz")
            result = measured(path, headers=headers)
            ratios[label].append(result["rps"] / healthz["rps"])
            print(
                f"{label:30} {result['rps']:6.0f} req/s, p99 {result['p99']:6.2f} ms; /healthz "
                f"{healthz['rps']:6.0f} req/s, p99 {healthz['p99']:6.2f} ms; errors "
                f"{result['errors'] + healthz['errors']}",
                file=sys.stderr,
            )
    for label, found in ratios.items():
        found.sort()
        listed = ", ".join(f"{ratio:.2f}" for ratio in found)
        print(f"{label:40} {found[len(found) // 2]:5.2f}x healthz (median; each: {listed})")


def measure_scale(rows, queries):
    runs = [
        ("/healthz", "/healthz", {}, None),
        ("topic detail (40 links, 20 FAQs), first after a change", SCALE_TOPIC, {}, UNCACHED_LUA),
        (PEER_LABEL + " (40 links, 20 FAQs)", PEER_SCALE_TOPIC, {}, UNCACHED_LUA),
        ("condition list, repeated", CONDITIONS, {}, None),
        *condition_runs(SCALE_CONDITION, PEER_SCALE_CONDITION),
        ("search, repeated", SEARCH, {}, None),
        ("search, uncached", SEARCH, {}, UNCACHED_LUA),
    ]
    results = run_all("scale", runs, rows)
    queries.update(count_queries("scale", [SCALE_TOPIC, CONDITIONS, SCALE_CONDITION, SEARCH]))
    return results


def render_only():
    """BENCH_PHASES=render: the first render of the topic, the condition detail and the condition list, ours
    and the peer's, at seed size and with 40 links (the list: RENDER_SCALE's conditions)."""
    server = start_server()
    rows = []
    try:
        label = "topic detail, first after a change"
        seed = run_all("seed", render_runs(TOPIC, PEER_TOPIC, label, CONDITION, PEER_CONDITION), rows)
        manage("scale_data", *(f"--{name}={n}" for name, n in RENDER_SCALE.items()), "--links=100", "-v0")
        label = "topic detail (40 links, 20 FAQs), first after a change"
        runs = render_runs(SCALE_TOPIC, PEER_SCALE_TOPIC, label, SCALE_CONDITION, PEER_SCALE_CONDITION)
        scale = run_all("scale", runs, rows)
    finally:
        server.terminate()
        server.wait(timeout=30)
    lines = [
        "| phase | endpoint | req/s | p50 ms | p99 ms | errors |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    lines += [
        f"| {phase} | {label} (`{path}`) | {r['rps']:.0f} | {r['p50']:.2f} | {r['p99']:.2f} | {r['errors']} |"
        for phase, label, path, r in rows
    ]
    found = render_targets(seed, scale)
    lines += ["", *(f"- {'met' if ok else '**not met**'}: {text}" for ok, text in found)]
    print("\n".join(lines))
    fail_on_missed(found)


def render_runs(ours, peer, label, condition, peer_condition):
    return [
        ("/healthz", "/healthz", {}, None),
        (label, ours, {}, UNCACHED_LUA),
        (PEER_LABEL, peer, {}, UNCACHED_LUA),
        *condition_runs(condition, peer_condition),
    ]


def condition_runs(condition, peer_condition):
    """The condition list and a condition's detail, uncached, each followed by its plain-DRF peer."""
    return [
        (LIST_LABEL, CONDITIONS, {}, UNCACHED_LUA),
        (PEER_LIST_LABEL, PEER_CONDITIONS, {}, UNCACHED_LUA),
        (CONDITION_LABEL, condition, {}, UNCACHED_LUA),
        (PEER_CONDITION_LABEL, peer_condition, {}, UNCACHED_LUA),
    ]


def render_targets(seed, scale):
    """Our first renders against the peers', each pair measured one after the other in the same run."""
    found = []
    for phase, results, ours, peer_label in (
        ("seed topic", seed, "topic detail, first after a change", PEER_LABEL),
        (
            "topic with 40 links and 20 FAQs",
            scale,
            "topic detail (40 links, 20 FAQs), first after a change",
            PEER_LABEL,
        ),
        ("seed condition detail", seed, CONDITION_LABEL, PEER_CONDITION_LABEL),
        ("generated condition detail", scale, CONDITION_LABEL, PEER_CONDITION_LABEL),
        ("condition list (seed)", seed, LIST_LABEL, PEER_LIST_LABEL),
        ("condition list (at scale)", scale, LIST_LABEL, PEER_LIST_LABEL),
    ):
        peer = next(r for label, r in results.items() if label.startswith(peer_label))
        ratio, throughput = peer["p50"] / results[ours]["p50"], results[ours]["rps"] / peer["rps"]
        found.append(
            (
                ratio >= RENDER_TARGET,
                f"first render of the {phase} ≥ {RENDER_TARGET:.0f}x faster than the plain-DRF peer (p50 "
                f"peer ÷ ours): {ratio:.2f}x ({throughput:.2f}x its throughput)",
            )
        )
    return found


def run_all(phase, runs, rows):
    results = {}
    for label, path, headers, script in runs:
        result = measured(path, headers=headers, script=script)
        results[label] = result
        rows.append((phase, label, path, result))
        print(
            f"{phase:5} {label:58} {result['rps']:9.0f} req/s  p50 {result['p50']:7.2f} ms", file=sys.stderr
        )
    return results


def measured(path, *, headers=None, script=None):
    """One row: `path` under CONNECTIONS for SECONDS, after `settle()`."""
    settle(path, headers, script)
    return wrk(CONNECTIONS, path, headers=headers, script=script)


def settle(path, headers, script):
    """Start a row on a server that is doing only this row's work.

    wrk closes its connections when its time is up, but the requests it had sent are still queued in the
    listen backlog, and gunicorn's sync workers answer each one: after a slow row (a first render at 16
    connections) that is up to two seconds of work, which the next row waited behind and was charged for
    (the 304 row, which followed the peer's first render, had a p99 of 475 ms). A /healthz request sent now
    is accepted after every request queued before it; what a worker is still answering then ends within
    the short unmeasured run of the row's own load that follows. Every row, /healthz included, starts so."""
    fetch("/healthz", timeout=60)  # queued behind up to one request per wrk connection, each maybe slow
    wrk(CONNECTIONS, path, headers=headers, script=script, seconds=WARM_SECONDS)


_runs = itertools.count(1)


def wrk(connections, path, *, headers=None, script=None, seconds=SECONDS):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as lua:
        if script:
            lua.write(script.replace("BENCH_RUN", f"{os.getpid()}.{next(_runs)}"))
            lua.flush()
            command += ["-s", lua.name]
        output = subprocess.run([*command, BASE + path], capture_output=True, text=True, check=True).stdout
    return parse_wrk(output)


def parse_wrk(output):
    def number(pattern, default=0.0):
        match = re.search(pattern, output)
        return float(match[1]) if match else default

    def latency(percentile):
        match = re.search(rf"^\s+{percentile}%\s+([\d.]+)(us|ms|s)\b", output, re.MULTILINE)
        value, unit = float(match[1]), match[2]
        return value * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return {
        "rps": number(r"Requests/sec:\s+([\d.]+)"),
        "requests": int(number(r"(\d+) requests in")),
        "p50": latency(50),
        "p99": latency(99),
        "errors": int(number(r"Non-2xx or 3xx responses: (\d+)"))
        + sum(map(int, socket.groups() if socket else ())),
    }


def mix_script():
    paths = [TOPIC, SCALE_TOPIC, CONDITIONS, SEARCH, CHANGES, "/healthz", CONDITIONS + "?page=3"]
    return MIX_LUA % ", ".join(f'"{p}"' for p in paths)


def count_queries(phase, paths):
    spec = [(phase, path) for path in paths]
    output = subprocess.run(
        [BIN / "python", ROOT / "bench" / "queries.py"],
        input=json.dumps(spec),
        capture_output=True,
        text=True,
        check=True,
        env=ENV,
        cwd=ROOT,
    ).stdout
    return json.loads(output)


# ---- setting up


def ensure_wrk():
    if shutil.which("wrk"):
        return
    print("Installing wrk (Debian package)...", file=sys.stderr)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "wrk"],
        check=True,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
    )


def fresh_database():
    import psycopg

    url = urlsplit(DATABASE_URL)
    name = url.path.lstrip("/")
    admin = url._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def fresh_redis():
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()  # the bench's own database number only


def manage(*args):
    subprocess.run([BIN / "python", "manage.py", *args], check=True, env=ENV, cwd=ROOT)


def start_server():
    command = [BIN / "gunicorn", "hipcontent.wsgi", "--config", ROOT / "bench" / "gunicorn.bench.conf.py"]
    command += ["--bind", f"127.0.0.1:{PORT}", "--workers", WORKERS]
    server = subprocess.Popen(command, env=ENV, cwd=ROOT)
    for _ in range(100):
        try:
            fetch("/healthz")
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not answer /healthz")


def fetch(path, timeout=10):
    with urllib.request.urlopen(BASE + path, timeout=timeout) as response:
        response.read()
        return response


# ---- the report


def machine():
    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = re.search(r"model name\s*:\s*(.*)", cpuinfo)
    memory = int(re.search(r"MemTotal:\s+(\d+) kB", Path("/proc/meminfo").read_text())[1])
    cpu = model[1] if model else "unknown CPU"
    return f"{cpu}, {os.cpu_count()} cores, {memory / 1024 / 1024:.1f} GiB memory"


def report(rows, queries, seed, scale, load, reads, details=None):
    lines = [
        "# Benchmarks",
        "",
        f"Run by `make bench` (bench/run.py) on {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC.",
        f"Machine: {machine()}. PostgreSQL and Redis on the same machine; gunicorn with {WORKERS} workers,",
        f"`DEBUG` off; wrk with 2 threads and {CONNECTIONS} connections for {SECONDS} s per row. The",
        f"anonymous rate limit was set to {RATE} for the bench server, so no request was throttled.",
        "",
        "Each figure is also given as a ratio to `/healthz` measured in the same phase of the same run",
        "(throughput: endpoint ÷ healthz, higher is better; latency: endpoint ÷ healthz, lower is better).",
        "Uncached rows add a query parameter that is new on every request, so every request renders from the",
        "database, as the first request after a publish does.",
        "",
        "| phase | endpoint | req/s | x healthz | p50 ms | x healthz | p99 ms | x healthz | errors |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for phase, label, path, result in rows:
        base = (seed if phase == "seed" else scale)["/healthz"]
        lines.append(
            f"| {phase} | {label} (`{path}`) | {result['rps']:.0f} | {result['rps'] / base['rps']:.2f} "
            f"| {result['p50']:.2f} | {result['p50'] / base['p50']:.1f} | {result['p99']:.2f} "
            f"| {result['p99'] / base['p99']:.1f} | {result['errors']} |"
        )
    loading = queries.pop("scale_data seconds")
    lines += ["", "Queries per request (counted in-process on the same database, test client):", ""]
    lines += ["| request | first after a change | repeated |", "| --- | ---: | ---: |"]
    lines += [f"| `{label}` | {n['cold']} | {n['repeated']} |" for label, n in queries.items()]
    sizes = ", ".join(f"{n:,} {name}" for name, n in SCALE.items())
    lines += [
        "",
        f"`manage.py scale_data` ({sizes}, 500 of each linked kind) took {loading:.0f} s in this run.",
    ]
    read_lines, read_targets = scale_reads.report(reads["seed"], reads["scale"])
    lines += ["", "## Snapshot, deep pages and search at scale", "", *read_lines]
    lines += ["", "## Every v1 detail and the condition list against its peer, in-process", ""]
    lines += DETAILS_INTRO
    lines += ["", *(details["table"] if details else ["(not measured in this run)"])]
    if details and details.get("floor_table"):
        lines += ["", *FLOOR_INTRO, "", *details["floor_table"]]
    found = [*targets(seed, scale, load, queries), *read_targets, *detail_targets(details)]
    lines += ["", "## Targets", ""]
    lines += [f"- {'met' if ok else '**not met**'}: {text}" for ok, text in found]
    lines += ["", "## Notes", "", *NOTES]
    return "\n".join(lines) + "\n", found


DETAILS_INTRO = [
    "Each page's first render (a new query parameter on every request) and its plain-DRF peer's,",
    "interleaved in one process through Django's test client (bench/render_all.py,",
    f"{RENDER_ROUNDS} rounds of 4 requests of ours and 1 of the peer's; medians), on the scale phase's",
    "database once the server has stopped: no wrk, no gunicorn, no network. The topic and condition rows",
    "repeat the wrk rows above as a cross-check; for the other pages this is the only measurement.",
]


FLOOR_INTRO = [
    "What any answer costs on the same stack, measured the same way in the same process (bench/floor.py;",
    "medians, interleaved): the floor a small detail's first render stands on. A first render does all a",
    "404 does (the same statements) and more (it renders and keeps its bytes), so a page whose 5x budget",
    "(its peer's time ÷ 5, the last column above) is at or below the 404's time cannot meet it here.",
]


def detail_targets(details):
    return [
        (
            figures["ratio"] >= RENDER_TARGET,
            f"first render of `/api/v1/{page}` ≥ {RENDER_TARGET:.0f}x faster than its plain-DRF peer, "
            f"in-process (median wall peer ÷ ours): {figures['ratio']:.2f}x "
            f"({figures['cpu_ratio']:.2f}x CPU)",
        )
        for page, figures in (details["pages"] if details else [])
    ]


def targets(seed, scale, load, queries):
    def ratio(result, base, key="rps"):
        return result[key] / base[key]

    health, topic = seed["/healthz"], seed["topic detail, repeated"]
    not_modified = seed["304 revalidation (topic)"]
    topic_queries = queries[f"seed: {TOPIC}"]["cold"], queries[f"scale: {SCALE_TOPIC}"]["cold"]
    found = [
        *render_targets(seed, scale),
        (
            ratio(topic, health) >= 0.8,
            f"topic detail ≥ 0.8x /healthz throughput: {ratio(topic, health):.2f}x",
        ),
        (
            ratio(not_modified, health) >= 0.9,
            f"304 ≥ 0.9x /healthz throughput: {ratio(not_modified, health):.2f}x",
        ),
        (
            max(topic_queries) <= 10 and topic_queries[0] == topic_queries[1],
            f"topic detail ≤ 10 queries, constant in linked items: {topic_queries[0]} (seed topic), "
            f"{topic_queries[1]} (a generated topic with 20 conditions, 20 other links and 20 FAQs), "
            "first request after a change",
        ),
    ]
    for label in (
        "condition list, repeated",
        "condition list, uncached",
        "search, repeated",
        "search, uncached",
    ):
        growth = scale[label]["p50"] / seed[label]["p50"]
        # The same, each p50 first divided by its phase's /healthz p50: the machine's load changes between
        # phases, and this cancels what it does to every request alike.
        relative = (scale[label]["p50"] / scale["/healthz"]["p50"]) / (seed[label]["p50"] / health["p50"])
        found.append(
            (
                growth <= 1.5,
                f"{label}: p50 at 10,000 conditions and 50,000 FAQs ≤ 1.5x seed size: {growth:.2f}x "
                f"({relative:.2f}x relative to /healthz in each phase)",
            )
        )
    found.append(
        (
            load["errors"] == 0 and load["requests"] > 0,
            f"zero errors at 200 connections for 30 s (every endpoint mixed): {load['errors']} errors "
            f"in {load['requests']} requests",
        )
    )
    return found


NOTES = [
    "- The machine is shared: other work used the same 2 CPU cores during the run, so absolute figures are",
    "  noisy; the ratios to /healthz, measured minutes apart in the same run, are the figures to compare.",
    "- wrk, gunicorn, PostgreSQL and Redis share the machine's cores, which caps every figure, /healthz too.",
    "- Each row starts once the requests the row before it left queued are answered, and after",
    f"  {WARM_SECONDS} s of its own load that is not measured (`settle` in bench/run.py).",
    '- Queries per request: "first after a change" has nothing cached at the current revision except the',
    '  revision itself (stored in Redis by the publish\'s commit); "repeated" is the same request again.',
]


if __name__ == "__main__":
    main()
