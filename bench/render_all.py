"""Our first render of each v1 detail against its plain-DRF peer, in-process and interleaved, as a markdown
table (issue 15 point 1 asks every detail page to be 5x faster than its peer).

For each kind: the seed item with the most links, and one `manage.py scale_data` generated (where it generates
that kind), each measured by bench/render_ratio.py's `measure()`. Pages that are not there (no scale data
loaded) are left out of the table and said so. Run with the bench server's environment, as render_ratio.py:

    .venv/bin/python bench/render_all.py [rounds] [collection ...]

The seed and `scale_data --conditions 200 --faqs 1000 --topics 50 --links 100` (bench/run.py's render phase)
make every page below.
"""

import sys

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


def exists(collection, slug):
    from django.test import Client

    return Client().get(f"/bench/peer/v1/{collection}/{slug}/").status_code == 200


def main(rounds, collections):
    django.setup()
    lines = [
        "| page | queries | ours ms | peer ms | peer ÷ ours (wall) | peer ÷ ours (CPU) |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for collection, slug in PAGES:
        if collections and collection not in collections:
            continue
        if not exists(collection, slug):
            print(f"(no {collection} {slug}: left out)", file=sys.stderr)
            continue
        found = measure(f"/api/v1/{collection}/{slug}/", f"/bench/peer/v1/{collection}/{slug}/", rounds)
        ours, peer = found["ours"]["wall"] * 1000, found["peer"]["wall"] * 1000
        lines.append(
            f"| {collection}/{slug} | {found['queries']} | {ours:.2f} | {peer:.2f} "
            f"| {found['ratio']:.2f}x | {found['cpu_ratio']:.2f}x |"
        )
        print(lines[-1], file=sys.stderr)  # progress: a row as it is measured
    print("\n".join(lines))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20, set(sys.argv[2:]))
