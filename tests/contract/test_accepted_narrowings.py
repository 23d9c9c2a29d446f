"""Narrowings the breaking-change gate accepts (openapi/accepted-narrowings.yaml), and the proof behind each:
the server refuses every value the narrowing excludes, with a 400 problem naming the parameter, and accepts
the bound itself. So declaring the bound changes no answer; it only says what the server always did.

The gate's side is proved on copies of released v1, as tests/contract/test_breaking_changes.py does: only a
listed narrowing, of that version, operation, parameter and bound, passes; anything else still fails.
"""

import copy
import re

import pytest
import yaml

from tests.contract.test_breaking_changes import RELEASED, ROOT, V1, contract_check, parameter

ACCEPTED = contract_check.load_accepted_narrowings()
REASON = "the server already refused these values"


def entry_id(entry):
    return f"{entry['version']}-{entry['parameter']}-{entry['check']}"


def is_minimum(entry):
    return entry["check"] in ("request-parameter-min-set", "request-parameter-min-increased")


BOUNDS = [entry for entry in ACCEPTED if entry["check"] != "request-parameter-pattern-added"]
PATTERNS = [entry for entry in ACCEPTED if entry["check"] == "request-parameter-pattern-added"]
LISTS = ("anatomy", "conditions", "faqs", "mechanisms", "red-flags", "topics", "treatments")
VERSIONS = ("v1", "v2", "v3")


def test_the_list_accepts_the_limits_and_the_search_patterns_of_every_released_version():
    bounds = {(entry["version"], entry["path"], entry["parameter"], entry["bound"]) for entry in BOUNDS}
    assert bounds == {(v, f"/api/{v}/changes/", "limit", bound) for v in VERSIONS for bound in (1, 1000)}
    patterned = {(entry["version"], entry["path"], entry["parameter"]) for entry in PATTERNS}
    lists = {(v, f"/api/{v}/{name}/", "search") for v in VERSIONS for name in LISTS}
    codes = {(v, f"/api/{v}/conditions/", "code") for v in VERSIONS}
    categories = {(v, f"/api/{v}/topics/", "category") for v in VERSIONS}
    assert patterned == lists | codes | categories | {("v1", "/api/v1/search/", "q")}
    assert {entry["reason"] for entry in ACCEPTED} == {REASON}


def declared_schema(entry):
    schema = yaml.safe_load((ROOT / "openapi" / f"{entry['version']}.yaml").read_text())
    operation = schema["paths"][entry["path"]][entry["method"].lower()]
    return next(p for p in operation["parameters"] if p["name"] == entry["parameter"])["schema"]


@pytest.mark.parametrize("entry", ACCEPTED, ids=entry_id)
def test_each_accepted_bound_is_the_one_the_committed_schema_declares(entry):
    key = "pattern" if entry in PATTERNS else "minimum" if is_minimum(entry) else "maximum"
    assert declared_schema(entry)[key] == entry["bound"]


def assert_refused(response, parameter):
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert (body["title"], body["detail"], list(body["errors"])) == (
        "Bad Request",
        "Invalid request parameters.",
        [parameter],
    )


@pytest.mark.django_db
@pytest.mark.parametrize("entry", BOUNDS, ids=entry_id)
def test_the_server_refuses_every_value_outside_each_accepted_bound_and_serves_the_bound(client, entry):
    outside = entry["bound"] - 1 if is_minimum(entry) else entry["bound"] + 1
    refused = client.get(entry["path"], {entry["parameter"]: outside})

    assert_refused(refused, entry["parameter"])
    assert refused.json()["errors"] == {"limit": ["Must be a whole number from 1 to 1000."]}
    assert client.get(entry["path"], {entry["parameter"]: entry["bound"]}).status_code == 200


# Each end of the two ranges of control characters (Unicode Cc), which the search patterns exclude, and the
# characters just outside them, which they allow.
CONTROL = ["\x00", "\x1f", "\x7f", "\x9f"]
NEXT_TO_CONTROL = [" ", "~", "\xa0"]
# q also needs something besides the spaces the server strips; U+FEFF is not one of them (ECMAScript's \s
# would say it is, hence v1's explicit list).
ONLY_SPACES = [" ", "\u3000", "\u00a0\u2028"]
NOT_ONLY_SPACES = ["\ufeff", "hip"]
# (excluded, allowed) per parameter: just outside and just inside each edge of what the pattern allows.
PROBES = {
    "search": ([f"hip{char}pain" for char in CONTROL], [f"hip{char}pain" for char in NEXT_TO_CONTROL]),
    "q": (
        [f"hip{char}pain" for char in CONTROL] + ONLY_SPACES,
        [f"hip{char}pain" for char in NEXT_TO_CONTROL] + NOT_ONLY_SPACES,
    ),
    # The form strips whitespace first (a space, a newline, an ideographic space; not U+FEFF), and only
    # whitespace means no filter.
    "code": (
        ["M16-1", "M16 1", "M" * 21, "M16é", "/", ":", "@", "[", "`", "{", "\ufeffM16", "M16\x00"],
        ["M16", "m16.1", "Z" * 20, "0.9", " M16", "M16\n", "\u3000M16.1\t", "   "],
    ),
    # Only NUL: every other character, control characters included, is a category that matches nothing.
    "category": (
        ["Musculoskeletal\x00Health", "\x00"],
        ["Musculoskeletal Health", "hip\x01pain", "hip\x1fpain", "hip\x7fpain", "\ufeff"],
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("entry", PATTERNS, ids=lambda entry: f"{entry['version']}-{entry['path']}")
def test_the_server_refuses_what_each_accepted_pattern_excludes_and_serves_what_it_allows(client, entry):
    pattern = re.compile(entry["bound"])
    parameter = entry["parameter"]
    excluded, allowed = PROBES[parameter]
    for value in excluded:
        assert not pattern.search(value), value
        assert_refused(client.get(entry["path"], {parameter: value}), parameter)
    for value in allowed:
        assert pattern.search(value), value
        assert client.get(entry["path"], {parameter: value}).status_code == 200, value


# ------------------------------------------------------------------------------------- the gate's side


def bounded(minimum=None, maximum=None, name="limit", path="/api/v1/changes/"):
    doc = copy.deepcopy(V1)
    schema = parameter(doc, path, name)["schema"]
    if minimum is not None:
        schema["minimum"] = minimum
    if maximum is not None:
        schema["maximum"] = maximum
    return doc


def write(tmp_path, doc):
    path = tmp_path / "changed.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    return path


def listed(**changes):
    entry = {
        "version": "v1",
        "method": "GET",
        "path": "/api/v1/changes/",
        "parameter": "limit",
        "check": "request-parameter-max-set",
        "bound": 1000,
        "reason": REASON,
    }
    return {**entry, **changes}


def test_a_narrowing_nobody_listed_breaks_the_contract(tmp_path):
    findings = contract_check.check(RELEASED / "v1.yaml", write(tmp_path, bounded(maximum=1000)), accepted=[])

    assert len(findings) == 1
    assert findings[0].startswith(
        "warning: in API GET /api/v1/changes/ for the `query` request parameter `limit`"
    )
    assert findings[0].endswith("[request-parameter-max-set]")


def test_a_listed_narrowing_passes_and_is_reported(tmp_path):
    reported = []
    revision = write(tmp_path, bounded(minimum=1, maximum=1000))
    accepted = [listed(), listed(check="request-parameter-min-set", bound=1)]

    assert (
        contract_check.check(RELEASED / "v1.yaml", revision, accepted=accepted, report=reported.append) == []
    )
    assert len(reported) == 2
    assert all(line.startswith(f"  accepted ({REASON}): in API GET /api/v1/changes/") for line in reported)


@pytest.mark.parametrize(
    "entry",
    [
        listed(bound=500),  # another bound than the schema declares
        listed(version="v2"),  # another version's entry
        listed(parameter="since"),
        listed(path="/api/v1/anatomy/"),
        listed(check="request-parameter-min-set"),
    ],
    ids=["bound", "version", "parameter", "path", "check"],
)
def test_an_entry_accepts_only_its_own_version_operation_parameter_check_and_bound(tmp_path, entry):
    findings = contract_check.check(
        RELEASED / "v1.yaml",
        write(tmp_path, bounded(maximum=1000)),
        accepted=[entry],
        report=lambda line: None,
    )

    assert [finding.rsplit(" ", 1)[-1] for finding in findings] == ["[request-parameter-max-set]"]


def test_a_listed_pattern_passes_and_any_other_pattern_does_not(tmp_path):
    doc = copy.deepcopy(V1)
    parameter(doc, "/api/v1/anatomy/", "search")["schema"]["pattern"] = "^[a-z ]*$"
    revision = write(tmp_path, doc)
    entry = listed(path="/api/v1/anatomy/", parameter="search", check="request-parameter-pattern-added")
    entry["bound"] = "^[a-z ]*$"
    base, quiet = RELEASED / "v1.yaml", lambda line: None

    assert contract_check.check(base, revision, accepted=[entry], report=quiet) == []
    other = {**entry, "bound": "^[a-z]*$"}
    findings = contract_check.check(base, revision, accepted=[other], report=quiet)
    assert [finding.rsplit(" ", 1)[-1] for finding in findings] == ["[request-parameter-pattern-added]"]


def test_a_tighter_bound_later_needs_its_own_entry(tmp_path):
    base = write(tmp_path, bounded(maximum=1000))
    tighter = tmp_path / "tighter.yaml"
    tighter.write_text(yaml.safe_dump(bounded(maximum=500), sort_keys=False))
    renamed = tmp_path / "v1.yaml"  # the version is the one the base is named after
    renamed.write_text(base.read_text())

    findings = contract_check.check(renamed, tighter, accepted=[listed()], report=lambda line: None)
    assert [finding.rsplit(" ", 1)[-1] for finding in findings] == ["[request-parameter-max-decreased]"]


@pytest.mark.parametrize(
    "entry",
    [
        listed(reason="clients never send this"),
        listed(check="request-parameter-type-changed"),  # not a narrowing of a bound
        {key: value for key, value in listed().items() if key != "bound"},
    ],
    ids=["another reason", "not a bound", "no bound"],
)
def test_the_gate_refuses_to_run_on_an_entry_it_cannot_accept(tmp_path, entry, capsys):
    path = tmp_path / "accepted-narrowings.yaml"
    path.write_text(yaml.safe_dump([entry]))

    with pytest.raises(SystemExit) as stopped:
        contract_check.load_accepted_narrowings(path)
    assert stopped.value.code == 2
    assert str(path) in capsys.readouterr().err
