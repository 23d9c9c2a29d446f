"""Our first render of each v1 detail (and of the condition list) against its plain-DRF peer, in-process and
interleaved, as a markdown table (issue 15 point 1 asks every detail and list page to be 5x faster than its
peer). `make bench` runs it after its scale phase and writes the table into docs/benchmarks.md.

For each kind: the seed item with the most links, and one `manage.py scale_data` generated (where it generates
that kind), each measured by bench/render_ratio.py's `measure()`. Pages that are not there (no scale data
loaded) are left out of the table and said so. Then the floor (FLOOR, bench/floor.py): what any answer costs
in the same process, beside which each page's 5x budget (its peer's time ÷ 5) is read. Run with the bench
server's environment, as render_ratio.py:

    .venv/bin/python bench/render_all.py [--json] [rounds] [collection ...]

The seed and `scale_data --conditions 200 --faqs 1000 --topics 50 --links 100` (bench/run.py's render phase)
make every page below.
"""

import json
import logging
import statistics
import sys
import time

import django

from bench.render_ratio import measure

# (collection, slug): the seed item of each kind with the most links, then a generated one.
PAGES = [
    ("topics", "hip-pain-buttock-discomfort"),
    ("topics", "scale-topic-00000"),
    ("conditions", "piriformis-syndrome"),
    ("conditions", "scale-condition-00000"),
    ("mechanisms", "nerve-entrapment-or-irritation"),
    ("mechanisms", "scale-mechanism-00000"),
    ("anatomy", "gluteal-muscles"),  # its parent-less structure with parts and a condition
    ("anatomy", "scale-structure-00000"),
    ("red-flags", "persistent-pain"),  # three professionals
    ("red-flags", "scale-red-flag-00000"),
    ("treatments", "physical-therapy"),  # four parts, four conditions
    ("treatments", "scale-treatment-00000"),
    ("faqs", "which-hip-conditions-cause-buttock-discomfort"),
    ("faqs", "scale-faq-00000"),
]
# The list pages with a peer: the condition list's first page (bench/peer_conditions.py).
LISTS = ["conditions"]
# What any answer costs here, beside which a small detail's 5x budget is read: (what, path, status).
FLOOR = [
    ("a Django view answering `{}`, through our middleware", "/bench/floor/django/", 200),
    ("a DRF view answering `{}`, with our API key check and rate limit", "/bench/floor/drf/", 200),
    ("our 404 on a detail route: a detail's statements, no row", "/api/v1/mechanisms/no-such-item/", 404),
]


def exists(page):
    from django.test import Client

    return Client().get(f"/bench/peer/v1/{page}").status_code == 200


def measure_all(rounds, collections):
    """[(page, measure()'s figures)] for every page there is: `collection/slug/` or `collection/`."""
    django.setup()
    pages = [f"{collection}/{slug}/" for collection, slug in PAGES] + [f"{name}/" for name in LISTS]
    found = []
    for page in pages:
        if collections and page.split("/")[0] not in collections:
            continue
        if not exists(page):
            print(f"(no {page}: left out)", file=sys.stderr)
            continue
        found.append((page, measure(f"/api/v1/{page}", f"/bench/peer/v1/{page}", rounds)))
        print(table(found[-1:])[-1], file=sys.stderr)  # progress: a row as it is measured
    return found


def measure_floor(rounds):
    """[(what, median wall seconds)] of each FLOOR answer, interleaved, 4 requests each a round."""
    from django.test import Client

    client = Client()
    # Not the 404's warning line on stderr: a detail's first render writes none.
    logging.getLogger("django.request").setLevel(logging.ERROR)
    for _what, path, status in FLOOR:
        for i in range(5):  # warm, as measure() does
            assert client.get(f"{path}?warm={time.time_ns()}-{i}").status_code == status
    walls = {path: [] for _what, path, _status in FLOOR}
    for _round in range(rounds * 4):
        for _what, path, status in FLOOR:
            started = time.perf_counter()
            assert client.get(f"{path}?uncached={time.time_ns()}").status_code == status
            walls[path].append(time.perf_counter() - started)
    return [(what, statistics.median(walls[path])) for what, path, _status in FLOOR]


def table(found):
    lines = [
        "| page | queries | ours ms | peer ms | peer ÷ ours (wall) | peer ÷ ours (CPU) | 5x budget ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for page, figures in found:
        ours, peer = figures["ours"]["wall"] * 1000, figures["peer"]["wall"] * 1000
        lines.append(
            f"| `/api/v1/{page}` | {figures['queries']} | {ours:.2f} | {peer:.2f} "
            f"| {figures['ratio']:.2f}x | {figures['cpu_ratio']:.2f}x | {peer / 5:.2f} |"
        )
    return lines


def floor_table(floor):
    return ["| answer | ms |", "| --- | ---: |", *(f"| {what} | {wall * 1000:.2f} |" for what, wall in floor)]


def main(args):
    # --json: the figures and the table for bench/run.py, which writes them into docs/benchmarks.md.
    as_json = "--json" in args
    args = [arg for arg in args if arg != "--json"]
    rounds = int(args[0]) if args else 20
    found = measure_all(rounds, set(args[1:]))
    floor = measure_floor(rounds)
    if as_json:
        figures = {"pages": found, "table": table(found), "floor": floor, "floor_table": floor_table(floor)}
        print(json.dumps(figures))
    else:
        print("\n".join([*table(found), "", *floor_table(floor)]))


if __name__ == "__main__":
    main(sys.argv[1:])
