"""The clients `make clients` generates work against the running service, through every version.

A Python client is generated per version (openapi-python-client, any warning fails: a schema warning is a bug
in our product), and reads the seed content from a live server with typed models. The TypeScript types
(openapi-typescript) of every version type-check the committed examples in clients/typescript/ with tsc.
"""

import importlib
import importlib.util
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from conditions.models import AppKey, Condition, Topic

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("clients_script", ROOT / "scripts" / "clients.py")
clients = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(clients)

TOPIC = "hip-pain-buttock-discomfort"
PAGE_SIZE = 3


def served_versions():
    """Versions the service answers that have a committed schema."""
    return [v for v in settings.REST_FRAMEWORK["ALLOWED_VERSIONS"] if v in clients.versions()]


# How each version's generated models spell what the test reads. A new version fails the test until it is
# added here: its generated client must be proven like the others.
READS = {
    "v1": {
        "topic": ("Topic", lambda topic: (topic.slug, topic.title)),
        "page": ("PaginatedConditionSummaryList", lambda page: (page.results, page.next_)),
        "condition": ("Condition", lambda item: (item.slug, item.name)),
    },
    "v2": {
        "topic": ("MedicalWebPage", lambda topic: (topic.identifier, topic.name)),
        "page": ("PaginatedMedicalConditionSummaryList", lambda page: (page.item_list_element, page.next_)),
        "condition": ("MedicalCondition", lambda item: (item.identifier, item.name)),
    },
    "v3": {
        "topic": ("MedicalWebPage", lambda topic: (topic.identifier, topic.name)),
        "page": ("PaginatedMedicalConditionSummaryList", lambda page: (page.item_list_element, page.next_)),
        "condition": ("MedicalCondition", lambda item: (item.identifier, item.name)),
    },
    "v4": {
        "topic": ("MedicalWebPage", lambda topic: (topic.identifier, topic.name)),
        "page": ("PaginatedMedicalConditionSummaryList", lambda page: (page.item_list_element, page.next_)),
        "condition": ("MedicalCondition", lambda item: (item.identifier, item.name)),
    },
}


@pytest.fixture(scope="module")
def python_clients(tmp_path_factory):
    """Each served version's generated Python package, importable as hipcontent_<version>."""
    out = tmp_path_factory.mktemp("python-clients")
    packages = {}
    for version in served_versions():
        clients.python_client(version, out / version)  # raises on any generator warning
        sys.path.insert(0, str(out / version))
        packages[version] = importlib.import_module(f"hipcontent_{version}")
    yield packages
    for version in packages:
        sys.path.remove(str(out / version))
        for name in [
            m for m in sys.modules if m == f"hipcontent_{version}" or m.startswith(f"hipcontent_{version}.")
        ]:
            del sys.modules[name]


def test_every_served_version_has_a_schema_and_a_typescript_example():
    assert served_versions() == settings.REST_FRAMEWORK["ALLOWED_VERSIONS"]
    for version in served_versions():
        assert (clients.EXAMPLES / f"{version}.ts").exists(), f"clients/typescript/{version}.ts is missing"


# transaction=True: the live server reads the database from its own thread, so the seed must be committed.
# serialized_rollback: the editorial groups from a data migration come back for the tests after this one.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("version", served_versions())
def test_the_generated_python_client_reads_the_seed(python_clients, live_server, version):
    assert version in READS, f"say in READS how the {version} client's models are read"
    call_command("load_seed", verbosity=0)
    package = python_clients[version]
    topics = importlib.import_module(f"hipcontent_{version}.api.topics.topics_retrieve")
    conditions_list = importlib.import_module(f"hipcontent_{version}.api.conditions.conditions_list")
    condition_detail = importlib.import_module(f"hipcontent_{version}.api.conditions.conditions_retrieve")
    client = package.Client(base_url=live_server.url, raise_on_unexpected_status=True)
    reads = READS[version]
    models = importlib.import_module(f"hipcontent_{version}.models")

    topic = topics.sync_detailed(TOPIC, client=client)
    assert topic.status_code == 200
    model, fields = reads["topic"]
    assert isinstance(topic.parsed, getattr(models, model))
    assert fields(topic.parsed) == (TOPIC, Topic.objects.published().get(slug=TOPIC).title)

    page = conditions_list.sync_detailed(client=client, page_size=PAGE_SIZE)
    assert page.status_code == 200
    model, fields = reads["page"]
    assert isinstance(page.parsed, getattr(models, model))
    items, next_page = fields(page.parsed)
    published = dict(Condition.objects.published().values_list("slug", "name"))
    listed = [reads["condition"][1](item) for item in items]
    assert len(published) > PAGE_SIZE  # so this is one page of several
    assert len(listed) == PAGE_SIZE
    assert all(published[slug] == name for slug, name in listed)
    assert next_page.startswith(f"{live_server.url}/api/{version}/conditions/?")

    slug = listed[0][0]
    condition = condition_detail.sync_detailed(slug, client=client)
    assert condition.status_code == 200
    model, fields = reads["condition"]
    assert isinstance(condition.parsed, getattr(models, model))
    assert fields(condition.parsed) == (slug, published[slug])

    missing = condition_detail.sync_detailed("no-such-condition", client=client)
    assert missing.status_code == 404
    assert isinstance(missing.parsed, models.Problem)
    assert missing.parsed.status == 404

    # Caching as docs/integrators.md shows it: the ETag sent back is a 304, which the client parses as None.
    etag = condition.headers["ETag"]
    revalidated = condition_detail.sync_detailed(slug, client=client.with_headers({"If-None-Match": etag}))
    assert (revalidated.status_code, revalidated.parsed) == (304, None)

    # An app's key, as the guide shows it (`Authorization: Api-Key <key>`): the app's own rate applies.
    _, key = AppKey.objects.create_key(name="client test", app_name="client test", rate="7/minute")
    keyed = package.AuthenticatedClient(base_url=live_server.url, token=key, prefix="Api-Key")
    response = topics.sync_detailed(TOPIC, client=keyed)
    assert (response.status_code, response.headers["RateLimit-Limit"]) == (200, "7")
    refused = topics.sync_detailed(
        TOPIC,
        client=package.AuthenticatedClient(base_url=live_server.url, token="not-a-key", prefix="Api-Key"),
    )
    assert (refused.status_code, refused.parsed.status) == (401, 401)


def test_the_typescript_examples_type_check_against_each_versions_types(tmp_path):
    if not (clients.NODE_BIN / "tsc").exists():
        pytest.skip("node_modules is missing: `make test` installs it (npm install)")
    for version in served_versions():
        clients.typescript_types(version, tmp_path / "types" / f"{version}.ts")

    clients.typecheck(tmp_path / "types")  # raises with tsc's errors


def test_tsc_really_checks_the_examples_against_the_types(tmp_path):
    # The control for the test above: the same setup rejects a field the schema does not have.
    if not (clients.NODE_BIN / "tsc").exists():
        pytest.skip("node_modules is missing: `make test` installs it (npm install)")
    version = served_versions()[0]
    clients.typescript_types(version, tmp_path / "types" / f"{version}.ts")
    examples = tmp_path / "examples"
    examples.mkdir()
    (examples / "tsconfig.json").write_text((clients.EXAMPLES / "tsconfig.json").read_text())
    (examples / "wrong.ts").write_text(
        f'import type {{ components }} from "hipcontent-api/{version}";\n'
        'export const wrong = (p: components["schemas"]["Problem"]): string => p.no_such_field;\n'
    )

    with pytest.raises(clients.GenerationError, match="no_such_field"):
        clients.typecheck(tmp_path / "types", examples=examples)


# The reason v4 exists: its generated client has `not_assessed` in the urgency enum, reads a red flag nobody
# assessed as that value (v3's client can only read `soon` there), and the field is required, not Optional.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_v4s_python_client_reads_an_urgency_nobody_assessed_as_not_assessed(python_clients, live_server):
    call_command("load_seed", verbosity=0)
    package = python_clients["v4"]
    red_flag = importlib.import_module("hipcontent_v4.api.red_flags.red_flags_retrieve")
    urgency = importlib.import_module("hipcontent_v4.models").UrgencyWithNotAssessedEnum
    client = package.Client(base_url=live_server.url, raise_on_unexpected_status=True)

    read = red_flag.sync("persistent-pain", client=client)

    assert {value.value for value in urgency} == {"not_assessed", "emergency", "urgent", "soon", "routine"}
    assert read.hcassessed_urgency is urgency.NOT_ASSESSED
    assert read.additional_properties == {}  # no hc:urgency, no hc:urgencyAssessed beside it
    v3 = importlib.import_module("hipcontent_v3.models").MedicalSignOrSymptom
    assert "hcassessed_urgency" not in v3.__annotations__ and "hcurgency" in v3.__annotations__
