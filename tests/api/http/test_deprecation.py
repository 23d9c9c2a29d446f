"""A deprecated version (settings) sends Deprecation, Sunset and Link on every response, errors too."""

from io import StringIO

import pytest
import yaml
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.http import HttpResponse

from hipcontent.api.http.deprecation import DeprecationMiddleware

# No seed: the headers do not depend on content, and an empty list is still a 200 with an ETag.
pytestmark = pytest.mark.django_db

NOTES = "https://docs.example.org/migrating-v1-to-v2"
V1_DEPRECATED = {"v1": {"deprecated": "2027-01-04", "sunset": "2028-01-04", "link": NOTES}}
EXPECTED = {
    "Deprecation": "@1799020800",  # 2027-01-04T00:00:00Z
    "Sunset": "Tue, 04 Jan 2028 00:00:00 GMT",
    "Link": f'<{NOTES}>; rel="deprecation"; type="text/html", <{NOTES}>; rel="sunset"; type="text/html"',
}
DEPRECATION_HEADERS = ("Deprecation", "Sunset", "Link")


def deprecation_headers(response):
    return {name: response[name] for name in DEPRECATION_HEADERS if name in response}


@pytest.fixture
def v1_deprecated(settings):
    settings.API_DEPRECATED_VERSIONS = V1_DEPRECATED


def test_nothing_is_deprecated_by_default(api):
    response = api.get("/api/v1/conditions/")

    assert response.status_code == 200
    assert deprecation_headers(response) == {}


@pytest.mark.usefixtures("v1_deprecated")
@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("get", "/api/v1/conditions/", 200),
        ("get", "/api/v1/", 200),
        ("get", "/api/v1/schema/", 200),
        ("get", "/api/v1/conditions/no-such-condition/", 404),
        ("get", "/api/v1/conditions/?page=0", 400),
        ("post", "/api/v1/conditions/", 405),
        ("get", "/api/v1/no-such-collection/", 404),  # answered by the catch-all, not by a DRF view
        ("get", "/api/v1/conditions", 301),  # the redirect that adds the slash
    ],
)
def test_every_response_of_a_deprecated_version_carries_the_headers(api, method, path, status):
    response = getattr(api, method)(path)

    assert response.status_code == status
    assert deprecation_headers(response) == EXPECTED


@pytest.mark.usefixtures("v1_deprecated")
def test_a_304_carries_them_too(api):
    etag = api.get("/api/v1/conditions/")["ETag"]
    response = api.get("/api/v1/conditions/", HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert deprecation_headers(response) == EXPECTED


@pytest.mark.usefixtures("v1_deprecated")
def test_a_401_for_a_bad_key_carries_them(api):
    response = api.get("/api/v1/conditions/", HTTP_X_API_KEY="not-a-key")

    assert response.status_code == 401
    assert deprecation_headers(response) == EXPECTED


@pytest.mark.usefixtures("v1_deprecated")
@pytest.mark.parametrize("path", ["/healthz", "/api/v9/", "/admin/login/"])
def test_other_paths_carry_none(client, path):
    # /api/v9/ is no version we serve; v2 (when served) is not in the setting, so it is not deprecated either.
    assert deprecation_headers(client.get(path)) == {}


def test_only_the_deprecated_version_carries_them(api, settings):
    settings.API_DEPRECATED_VERSIONS = {"v9": V1_DEPRECATED["v1"]}

    assert deprecation_headers(api.get("/api/v1/conditions/")) == {}


def test_without_a_sunset_there_is_no_sunset_header_or_link(api, settings):
    settings.API_DEPRECATED_VERSIONS = {"v1": {"deprecated": "2027-01-04T12:00:00+01:00", "link": NOTES}}

    assert deprecation_headers(api.get("/api/v1/conditions/")) == {
        "Deprecation": "@1799060400",  # 2027-01-04T11:00:00Z
        "Link": f'<{NOTES}>; rel="deprecation"; type="text/html"',
    }


def test_a_link_given_as_a_path_is_made_absolute(api, settings):
    settings.API_DEPRECATED_VERSIONS = {"v1": {**V1_DEPRECATED["v1"], "link": "/docs/migrating-v1-to-v2"}}

    link = api.get("/api/v1/conditions/")["Link"]

    assert link.startswith('<http://testserver/docs/migrating-v1-to-v2>; rel="deprecation"')


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"deprecated": "2027-01-04"}, "needs link"),
        ({"deprecated": "someday", "link": NOTES}, "not an ISO 8601 date"),
        ({"deprecated": "2028-01-04", "sunset": "2027-01-04", "link": NOTES}, "sunset must follow"),
    ],
)
def test_a_wrong_setting_stops_the_process_from_starting(settings, entry, message):
    settings.API_DEPRECATED_VERSIONS = {"v1": entry}

    with pytest.raises(ImproperlyConfigured, match=message):
        DeprecationMiddleware(lambda request: HttpResponse())


def deprecated_schema(version="v1"):
    out = StringIO()
    call_command("spectacular", "--api-version", version, "--validate", "--fail-on-warn", stdout=out)
    return yaml.safe_load(out.getvalue())


def test_a_deprecated_versions_schema_declares_the_headers_on_every_response(settings):
    settings.API_DEPRECATED_VERSIONS = V1_DEPRECATED
    schema = deprecated_schema()  # --fail-on-warn: still clean

    operations = [op for ops in schema["paths"].values() for op in ops.values()]
    assert len(operations) == len(schema["paths"])  # one GET per path: a read-only API
    for operation in operations:
        assert operation["deprecated"] is True
        assert operation["x-sunset"] == "2028-01-04"
        for response in operation["responses"].values():
            assert set(response["headers"]) == {"Deprecation", "Sunset", "Link"}


def test_a_version_that_is_not_deprecated_declares_none(settings):
    settings.API_DEPRECATED_VERSIONS = {"v9": V1_DEPRECATED["v1"]}
    schema = deprecated_schema()

    operations = [op for ops in schema["paths"].values() for op in ops.values()]
    assert not any("deprecated" in op or "x-sunset" in op for op in operations)
    assert not any("headers" in r for op in operations for r in op["responses"].values())
