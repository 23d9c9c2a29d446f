"""Narrowings the breaking-change gate accepts (openapi/accepted-narrowings.yaml), and the proof behind each:
the server refuses every value the narrowing excludes, with a 400 problem naming the parameter, and accepts
the bound itself. So declaring the bound changes no answer; it only says what the server always did.

The gate's side is proved on copies of released v1, as tests/contract/test_breaking_changes.py does: only a
listed narrowing, of that version, operation, parameter and bound, passes; anything else still fails.
"""

import copy

import pytest
import yaml

from tests.contract.test_breaking_changes import RELEASED, ROOT, V1, contract_check, parameter

ACCEPTED = contract_check.load_accepted_narrowings()
REASON = "the server already refused these values"


def entry_id(entry):
    return f"{entry['version']}-{entry['parameter']}-{entry['check']}"


def is_minimum(entry):
    return entry["check"] in ("request-parameter-min-set", "request-parameter-min-increased")


def test_the_list_accepts_the_changes_limit_bounds_of_every_released_version():
    declared = {(entry["version"], entry["path"], entry["parameter"], entry["bound"]) for entry in ACCEPTED}
    assert declared == {
        (version, f"/api/{version}/changes/", "limit", bound)
        for version in ("v1", "v2", "v3")
        for bound in (1, 1000)
    }
    assert {entry["reason"] for entry in ACCEPTED} == {REASON}


@pytest.mark.parametrize("entry", ACCEPTED, ids=entry_id)
def test_each_accepted_bound_is_the_one_the_committed_schema_declares(entry):
    schema = yaml.safe_load((ROOT / "openapi" / f"{entry['version']}.yaml").read_text())
    operation = schema["paths"][entry["path"]][entry["method"].lower()]
    declared = next(p for p in operation["parameters"] if p["name"] == entry["parameter"])["schema"]

    assert declared["minimum" if is_minimum(entry) else "maximum"] == entry["bound"]


@pytest.mark.django_db
@pytest.mark.parametrize("entry", ACCEPTED, ids=entry_id)
def test_the_server_refuses_every_value_outside_each_accepted_bound_and_serves_the_bound(client, entry):
    outside = entry["bound"] - 1 if is_minimum(entry) else entry["bound"] + 1
    refused = client.get(entry["path"], {entry["parameter"]: outside})

    assert refused.status_code == 400
    assert refused["Content-Type"] == "application/problem+json"
    assert refused.json() == {
        "type": "about:blank",
        "title": "Bad Request",
        "status": 400,
        "detail": "Invalid request parameters.",
        "errors": {"limit": ["Must be a whole number from 1 to 1000."]},
    }
    assert client.get(entry["path"], {entry["parameter"]: entry["bound"]}).status_code == 200


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
