"""A version's schema is built once per process and served with an ETag: building it costs 0.2 to 0.75 s of
CPU, and a few clients fetching it in a loop used to starve the API."""

import pytest
import yaml
from drf_spectacular.generators import SchemaGenerator

from hipcontent.api.http.schema import SchemaView

pytestmark = pytest.mark.django_db

JSON = "application/vnd.oai.openapi+json"


@pytest.fixture(autouse=True)
def builds(monkeypatch):
    """How many times a schema was built."""
    SchemaView._built.clear()
    count = []
    build = SchemaGenerator.get_schema

    def counted(self, *args, **kwargs):
        count.append(self.api_version)
        return build(self, *args, **kwargs)

    monkeypatch.setattr(SchemaGenerator, "get_schema", counted)
    yield count
    SchemaView._built.clear()


@pytest.mark.parametrize("version", ["v1", "v2"])
def test_the_schema_is_built_once_and_is_the_committed_one(client, builds, version):
    first = client.get(f"/api/{version}/schema/")
    second = client.get(f"/api/{version}/schema/?lang=xx-unknown")

    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    assert builds == [version]
    with open(f"openapi/{version}.yaml") as committed:
        assert yaml.safe_load(first.content) == yaml.safe_load(committed)
    assert first["ETag"] == second["ETag"]
    assert first["Cache-Control"] == "public, max-age=60"
    assert "Accept" in first["Vary"]


def test_a_revalidation_is_a_304_with_the_etag(client, builds):
    etag = client.get("/api/v1/schema/")["ETag"]

    response = client.get("/api/v1/schema/", HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert builds == ["v1"]


def test_each_format_has_its_own_bytes_and_etag(client):
    yaml_response = client.get("/api/v1/schema/")
    json_response = client.get("/api/v1/schema/", HTTP_ACCEPT=JSON)

    assert json_response["Content-Type"] == JSON
    assert yaml_response["Content-Type"] == "application/vnd.oai.openapi; charset=utf-8"
    assert yaml_response["ETag"] != json_response["ETag"]
    assert json_response.json() == yaml.safe_load(yaml_response.content)
    assert (
        client.get("/api/v1/schema/", HTTP_ACCEPT=JSON, HTTP_IF_NONE_MATCH=yaml_response["ETag"]).status_code
        == 200
    )


def test_every_process_of_a_release_sends_the_same_etag(client):
    etag = client.get("/api/v2/schema/")["ETag"]
    SchemaView._built.clear()  # as another process would build it

    assert client.get("/api/v2/schema/")["ETag"] == etag
