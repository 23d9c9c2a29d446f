import re
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command

OPENAPI = Path(__file__).resolve().parents[3] / "openapi"


@pytest.mark.parametrize("version", ["v1", "v2", "v3", "v4"])
def test_committed_schema_matches_the_code(version):
    # --fail-on-warn raises on any warning, so this also proves the schema is warning-free.
    out = StringIO()
    call_command("spectacular", "--api-version", version, "--validate", "--fail-on-warn", stdout=out)
    committed = (OPENAPI / f"{version}.yaml").read_text()
    assert out.getvalue() == committed, (
        f"openapi/{version}.yaml is stale: run `make schema` and review the diff"
    )


@pytest.mark.parametrize("version", ["v1", "v2", "v3", "v4"])
def test_every_component_name_is_one_openapi_allows(version):
    # OpenAPI: component keys match ^[a-zA-Z0-9.\-_]+$; orval refuses a schema with any other.
    schema = yaml.safe_load((OPENAPI / f"{version}.yaml").read_text())
    for kind, components in schema["components"].items():
        for name in components:
            assert re.fullmatch(r"[a-zA-Z0-9.\-_]+", name), f"components.{kind}.{name}"
