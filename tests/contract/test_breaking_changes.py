"""The breaking-change gate (scripts/contract_check.py) on deliberate changes to a copy of released v1.

Each case edits a copy of openapi/released/v1.yaml the way a careless change to the code would change the
schema, then asks the gate. Breaking changes name the check that caught them; additive changes pass.
"""

import copy
import importlib.util
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "contract_check.py"
RELEASED = ROOT / "openapi" / "released"

if not (ROOT / "node_modules" / ".bin" / "oasdiff").exists():
    pytest.skip(
        "node_modules/.bin/oasdiff is missing: `make test` installs it (npm install)", allow_module_level=True
    )

_spec = importlib.util.spec_from_file_location("contract_check", SCRIPT)
contract_check = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(contract_check)

V1 = yaml.safe_load((RELEASED / "v1.yaml").read_text())
# v2 wraps every enum with a description in allOf, where a renamed component once hid a changed enum.
V2 = (RELEASED / "v2.yaml").read_text()


def schemas(doc):
    return doc["components"]["schemas"]


def parameter(doc, path, name):
    return next(p for p in doc["paths"][path]["get"]["parameters"] if p["name"] == name)


def remove_optional_field(doc):
    assert "function" not in schemas(doc)["Anatomy"]["required"]
    del schemas(doc)["Anatomy"]["properties"]["function"]


def remove_required_field(doc):
    del schemas(doc)["Anatomy"]["properties"]["description"]
    schemas(doc)["Anatomy"]["required"].remove("description")


def rename_field(doc):
    anatomy = schemas(doc)["Anatomy"]
    anatomy["properties"]["about"] = anatomy["properties"].pop("description")
    anatomy["required"] = ["about" if name == "description" else name for name in anatomy["required"]]


def remove_response_enum_value(doc):
    schemas(doc)["UrgencyEnum"]["enum"].remove("soon")


def remove_parameter_enum_value(doc):
    parameter(doc, "/api/v1/conditions/", "code_system")["schema"]["enum"].remove("snomedct")


def remove_ordering_value(doc):
    parameter(doc, "/api/v1/anatomy/", "ordering")["schema"]["items"]["enum"].remove("-name")


def remove_path(doc):
    del doc["paths"]["/api/v1/mechanisms/{slug}/"]


def rename_path(doc):
    doc["paths"]["/api/v1/body-parts/"] = doc["paths"].pop("/api/v1/anatomy/")


def rename_parameter(doc):
    parameter(doc, "/api/v1/anatomy/", "parent")["name"] = "parent_slug"


def add_required_parameter(doc):
    doc["paths"]["/api/v1/anatomy/"]["get"]["parameters"].append(
        {"in": "query", "name": "lang", "required": True, "schema": {"type": "string"}}
    )


def narrow_parameter_type(doc):
    parameter(doc, "/api/v1/anatomy/", "parent")["schema"]["type"] = "integer"


def narrow_parameter_length(doc):
    parameter(doc, "/api/v1/anatomy/", "search")["schema"]["maxLength"] = 50


def change_field_type(doc):
    schemas(doc)["Anatomy"]["properties"]["function"]["type"] = "integer"


def change_field_format(doc):
    schemas(doc)["Anatomy"]["properties"]["updated_at"]["format"] = "date"


def field_becomes_nullable(doc):
    schemas(doc)["Anatomy"]["properties"]["description"]["nullable"] = True


def add_optional_field(doc):
    schemas(doc)["Anatomy"]["properties"]["synonyms"] = {
        "type": "array",
        "items": {"type": "string"},
        "readOnly": True,
    }


def add_optional_parameter(doc):
    doc["paths"]["/api/v1/anatomy/"]["get"]["parameters"].append(
        {"in": "query", "name": "lang", "required": False, "schema": {"type": "string"}}
    )


def add_path(doc):
    doc["paths"]["/api/v1/glossary/"] = copy.deepcopy(doc["paths"]["/api/v1/anatomy/"])
    doc["paths"]["/api/v1/glossary/"]["get"]["operationId"] = "glossary_list"


def add_parameter_enum_value(doc):
    parameter(doc, "/api/v1/conditions/", "code_system")["schema"]["enum"].append("icd11")


def rename_urgency_enum(text, change_values):
    """v2's released schema with its UrgencyEnum component renamed (every reference too), and
    `change_values` applied to the renamed component's values."""
    doc = yaml.safe_load(text.replace("/schemas/UrgencyEnum'", "/schemas/UrgencyWithNotAssessedEnum'"))
    enum = schemas(doc)["UrgencyWithNotAssessedEnum"] = schemas(doc).pop("UrgencyEnum")
    change_values(enum["enum"])
    return doc


def write_v2(tmp_path, change_values):
    path = tmp_path / "v2-changed.yaml"
    path.write_text(yaml.safe_dump(rename_urgency_enum(V2, change_values), sort_keys=False))
    return path


def test_a_value_added_to_a_response_enum_whose_component_is_renamed_is_caught(tmp_path):
    # The change issue 12 first made: `not_assessed` joined the urgency enum, whose component got another
    # name in the same change. oasdiff alone rated that nothing (the control below).
    changed = write_v2(tmp_path, lambda values: values.append("not_assessed"))

    findings = contract_check.check(RELEASED / "v2.yaml", changed)

    added = [f for f in findings if f.endswith("[response-property-enum-value-added]")]
    assert {finding.split(" added the new ")[0].split(" in API ")[1] for finding in added} == {
        "GET /api/v2/red-flags/",
        "GET /api/v2/red-flags/{slug}/",
        "GET /api/v2/snapshot/",
        "GET /api/v2/topics/{slug}/",
    }
    assert all("`not_assessed`" in finding for finding in added)
    assert findings == added
    # The control: oasdiff on the files as written sees no change at all.
    assert contract_check.tool_findings(RELEASED / "v2.yaml", changed) == []


def test_a_value_removed_from_a_response_enum_whose_component_is_renamed_is_caught(tmp_path):
    changed = write_v2(tmp_path, lambda values: values.remove("soon"))

    findings = contract_check.check(RELEASED / "v2.yaml", changed)

    assert len(findings) == 5, findings  # red-flags list and detail, the topic, the snapshot (twice)
    assert all("[response-property-enum-value-removed]" in finding for finding in findings), findings
    assert contract_check.tool_findings(RELEASED / "v2.yaml", changed) == []  # oasdiff alone: nothing


def test_renaming_a_component_alone_keeps_the_contract(tmp_path):
    # A component's name is not on the wire (as when v2's @typeEnum became ItemListType).
    assert contract_check.check(RELEASED / "v2.yaml", write_v2(tmp_path, lambda values: None)) == []


def test_inlining_keeps_a_reference_that_cycles_back():
    doc = {
        "paths": {"/a/": {"get": {"schema": {"$ref": "#/components/schemas/Node"}}}},
        "components": {
            "schemas": {
                "Node": {"type": "object", "properties": {"parent": {"$ref": "#/components/schemas/Node"}}}
            }
        },
    }

    assert contract_check.inlined(doc)["paths"] == {
        "/a/": {
            "get": {
                "schema": {
                    "type": "object",
                    "properties": {"parent": {"$ref": "#/components/schemas/Node"}},
                }
            }
        }
    }


def write(tmp_path, change):
    doc = copy.deepcopy(V1)
    change(doc)
    path = tmp_path / "changed.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    return path


BREAKING = [
    # (change, the check id the gate names: oasdiff's ids, or ours for enum-value-removed and format-changed)
    (remove_optional_field, "[response-optional-property-removed]"),
    (remove_required_field, "[response-required-property-removed]"),
    (rename_field, "[response-required-property-removed]"),
    (remove_response_enum_value, "[response-property-enum-value-removed]"),
    (remove_parameter_enum_value, "[request-parameter-enum-value-removed]"),
    (remove_ordering_value, "[enum-value-removed]"),
    (remove_path, "[api-path-removed-without-deprecation]"),
    (rename_path, "[api-path-removed-without-deprecation]"),
    (rename_parameter, "[request-parameter-removed]"),
    (add_required_parameter, "[new-required-request-parameter]"),
    (narrow_parameter_type, "[request-parameter-type-changed]"),
    (narrow_parameter_length, "[request-parameter-max-length-decreased]"),
    (change_field_type, "[response-property-type-changed]"),
    (change_field_format, "[format-changed]"),
    (field_becomes_nullable, "[response-property-became-nullable]"),
]


@pytest.mark.parametrize(("change", "check_id"), BREAKING, ids=[change.__name__ for change, _ in BREAKING])
def test_it_catches_a_breaking_change(tmp_path, change, check_id):
    findings = contract_check.check(RELEASED / "v1.yaml", write(tmp_path, change))

    assert findings, f"{change.__name__} passed the gate"
    assert any(finding.endswith(check_id) or f"{check_id}." in finding for finding in findings), findings


ADDITIVE = [add_optional_field, add_optional_parameter, add_path, add_parameter_enum_value]


@pytest.mark.parametrize("change", ADDITIVE, ids=[change.__name__ for change in ADDITIVE])
def test_it_passes_an_additive_change(tmp_path, change):
    assert contract_check.check(RELEASED / "v1.yaml", write(tmp_path, change)) == []


def run_gate(*args):
    return subprocess.run(
        [sys.executable, str(SCRIPT), *map(str, args)], capture_output=True, text=True, check=False
    )


def test_the_command_exits_1_on_a_breaking_change_and_0_on_an_additive_one(tmp_path):
    broken = run_gate("--base", RELEASED / "v1.yaml", "--revision", write(tmp_path, remove_path))
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert "breaks the released contract" in broken.stdout
    assert "/api/v1/mechanisms/{slug}/" in broken.stdout

    added = run_gate("--base", RELEASED / "v1.yaml", "--revision", write(tmp_path, add_optional_field))
    assert added.returncode == 0, added.stdout + added.stderr
    assert "keeps the released contract" in added.stdout


def test_the_committed_schemas_keep_every_released_contract():
    # What `make check` runs: openapi/vN.yaml against openapi/released/vN.yaml for every released N.
    result = run_gate()
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("version", settings.REST_FRAMEWORK["ALLOWED_VERSIONS"])
def test_every_served_version_has_a_released_contract(version):
    # A version the service answers is a version apps use: its contract is frozen from the day it ships.
    assert (RELEASED / f"{version}.yaml").exists(), (
        f"{version} is served but openapi/released/{version}.yaml is missing: cut its release "
        f"(README, 'Releasing a contract': make release-contract V={version})"
    )


def test_deprecating_a_version_keeps_its_contract(tmp_path, settings):
    # Deprecation adds headers, `deprecated` and `x-sunset` to every operation of the schema: all additions.
    settings.API_DEPRECATED_VERSIONS = {
        "v1": {"deprecated": "2027-03-01", "sunset": "2028-03-01", "link": "/docs/migrating-v1-to-v2"}
    }
    out = StringIO()
    call_command("spectacular", "--api-version", "v1", "--validate", "--fail-on-warn", stdout=out)
    deprecated = tmp_path / "v1-deprecated.yaml"
    deprecated.write_text(out.getvalue())
    assert "x-sunset: '2028-03-01'" in out.getvalue()

    assert contract_check.check(ROOT / "openapi" / "v1.yaml", deprecated) == []


def v4_with(tmp_path, change):
    doc = yaml.safe_load((RELEASED / "v4.yaml").read_text())
    change(doc)
    path = tmp_path / "v4-changed.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    return path


def v4_red_flag_operations(findings, check_id):
    return {
        finding.split(" in API ")[1].split(" ")[0] + " " + finding.split(" in API ")[1].split(" ")[1]
        for finding in findings
        if finding.endswith(f"[{check_id}]")
    }


RED_FLAG_OPERATIONS = {
    "GET /api/v4/red-flags/",
    "GET /api/v4/red-flags/{slug}/",
    "GET /api/v4/snapshot/",
    "GET /api/v4/topics/{slug}/",
}


def test_v4s_released_contract_keeps_not_assessed_in_the_urgency_enum(tmp_path):
    # v4 was released with `not_assessed`: taking it out again (back to v3's four values) is a break.
    changed = v4_with(
        tmp_path, lambda doc: schemas(doc)["UrgencyWithNotAssessedEnum"]["enum"].remove("not_assessed")
    )

    findings = contract_check.check(RELEASED / "v4.yaml", changed)

    assert findings
    assert v4_red_flag_operations(findings, "response-property-enum-value-removed") == RED_FLAG_OPERATIONS


def test_v4s_released_contract_keeps_the_urgency_required_and_never_null(tmp_path):
    def nullable(doc):
        for name in ("MedicalSignOrSymptomSummary", "MedicalSignOrSymptom"):
            schemas(doc)[name]["properties"]["hc:assessedUrgency"]["nullable"] = True

    findings = contract_check.check(RELEASED / "v4.yaml", v4_with(tmp_path, nullable))

    assert v4_red_flag_operations(findings, "response-property-became-nullable") == RED_FLAG_OPERATIONS
