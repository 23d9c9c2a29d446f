"""The TypeScript fetch clients apps generate most, orval's and @hey-api/openapi-ts's, for every version.

Each is generated from the committed schema (any generator warning fails: a schema warning is a bug in our
product) and type-checked with `tsc --strict`. The @hey-api client then reads the seed from the live service
in node (its fetch), through the typed reads in tests/clients/heyapi/<version>.ts.
"""

import importlib.util
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from conditions.models import AppKey, Condition, Topic

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("clients_script", ROOT / "scripts" / "clients.py")
clients = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(clients)

READS = Path(__file__).with_name("heyapi")
URGENCY_READ = {"v4"}  # the versions whose typed reads include a red flag's hc:assessedUrgency
TOPIC = "hip-pain-buttock-discomfort"
RED_FLAG = "persistent-pain"  # not assessed, as every seed red flag
PAGE_SIZE = 3

pytestmark = pytest.mark.skipif(
    not (clients.NODE_BIN / "orval").exists(), reason="node_modules is missing: `make test` installs it"
)


def served_versions():
    return [v for v in settings.REST_FRAMEWORK["ALLOWED_VERSIONS"] if v in clients.versions()]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Every version's orval and @hey-api clients (the latter with its typed reads beside it), type-checked
    together, and the JavaScript tsc made of them."""
    root = tmp_path_factory.mktemp("typescript-clients")
    sources, javascript = root / "src", root / "js"
    for version in served_versions():
        clients.orval_client(version, sources / "orval" / version)  # raises on any warning
        clients.heyapi_client(version, sources / "hey-api" / version / "generated")
        reads = READS / f"{version}.ts"
        assert reads.exists(), f"tests/clients/heyapi/{version}.ts is missing: read {version} like the others"
        shutil.copy(reads, sources / "hey-api" / version / "read.ts")
    clients.typecheck_generated(sources, out_dir=javascript)  # raises with tsc's errors
    return sources, javascript


def test_every_version_generates_both_clients_which_type_check_strictly(built):
    sources, javascript = built
    for version in served_versions():
        assert (sources / "orval" / version / "client.ts").stat().st_size > 0
        assert (sources / "hey-api" / version / "generated" / "sdk.gen.ts").stat().st_size > 0
        assert (javascript / "hey-api" / version / "read.js").exists()


def test_tsc_really_checks_the_generated_clients_strictly(built, tmp_path):
    # The control for the test above: the same options reject an implicit any and a field the schema lacks.
    sources, _ = built
    version = served_versions()[0]
    shutil.copytree(sources / "hey-api" / version / "generated", tmp_path / "generated")
    (tmp_path / "wrong.ts").write_text(
        'import type { Problem } from "./generated";\n'
        "export const untyped = (value) => value;\n"
        "export const wrong = (p: Problem): string => p.no_such_field;\n"
    )
    with pytest.raises(clients.GenerationError) as raised:
        clients.typecheck_generated(tmp_path)
    assert "TS7006" in str(raised.value)  # implicitly has an 'any' type: --strict is on
    assert "no_such_field" in str(raised.value)


# transaction=True: the live server reads the database from its own thread, so the seed must be committed.
# serialized_rollback: the editorial groups from a data migration come back for the tests after this one.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("version", served_versions())
def test_the_heyapi_client_reads_the_seed_in_node(built, live_server, version):
    call_command("load_seed", verbosity=0)
    _, key = AppKey.objects.create_key(name="client test", app_name="client test", rate="7/minute")
    _, javascript = built
    script = "require(process.argv[1]).read(process.argv[2], process.argv[3], Number(process.argv[4]), "
    script += "process.argv[5], process.argv[6]).then((result) => console.log(JSON.stringify(result)))"
    read = javascript / "hey-api" / version / "read.js"
    result = subprocess.run(
        ["node", "-e", script, str(read), live_server.url, TOPIC, str(PAGE_SIZE), key, RED_FLAG],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    read = json.loads(result.stdout)

    published = dict(Condition.objects.published().values_list("slug", "name"))
    assert len(published) > PAGE_SIZE  # so this is one page of several
    assert read["topic"] == [TOPIC, Topic.objects.published().get(slug=TOPIC).title]
    assert len(read["conditions"]) == PAGE_SIZE
    assert all(published[slug] == name for slug, name in read["conditions"])
    assert read["next"].startswith(f"{live_server.url}/api/{version}/conditions/?")
    assert read["condition"] == read["conditions"][0]
    assert read["missing"] == [404, 404]  # the status, and the problem document's
    assert read["revalidated"] == 304
    assert read["keyed"] == [200, "7"]  # the app's own rate: the key was sent
    # From v4 on, a red flag's urgency can say that no clinical reviewer has assessed it (earlier: `soon`).
    if version in URGENCY_READ:
        assert read.pop("urgency") == [RED_FLAG, "not_assessed", True]
    assert len(read) == 7
