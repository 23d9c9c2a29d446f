"""Hostile and malformed input, for every API version: each answer is a 4xx RFC 9457 problem document with the
documented Problem shape (never a 500, never an HTML page).

Which parameters a version has is read from its own OpenAPI schema, so a case runs wherever its parameter
exists (v1 pages by number, v2 by cursor) and a new version is covered as soon as it is routed.
"""

import base64
from functools import cache
from http import HTTPStatus
from urllib.parse import quote, urlencode

import pytest
from django.conf import settings as django_settings
from drf_spectacular.generators import SchemaGenerator

VERSIONS = django_settings.REST_FRAMEWORK["ALLOWED_VERSIONS"]
COLLECTIONS = ["topics", "conditions", "mechanisms", "anatomy", "red-flags", "treatments", "faqs"]
PROBLEM_KEYS = {"type", "title", "status", "detail"}
TEN_KB = "a" * 10_240

# Path segments as they arrive on the wire: raw, or already percent-encoded.
HOSTILE_SLUGS = {
    "sql": quote("' OR 1=1--"),
    "sql-raw-quote": "'%20OR%20'1'='1",
    "traversal": "..%2F..%2Fetc%2Fpasswd",
    "encoded-traversal": "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "nul": "%00",
    "nul-inside": "hip%00pain",
    "10kB": TEN_KB,
    "emoji": quote("hip-\U0001f600"),
    "rtl-override": quote("\u202ehip-pain"),
    "arabic": quote("ألم-الورك"),
    "combining": quote("hi\u0301p-pai\u0308n"),
    "lone-surrogate": "%ED%A0%80",
    "overlong-utf8": "%C0%AE%C0%AE%2F",
    "newline": "hip%0Apain",
}

# Values for any parameter, percent-encoded as they travel in a query string.
HOSTILE_VALUES = {
    "sql": quote("' OR 1=1--", safe=""),
    "traversal": quote("../../etc/passwd", safe=""),
    "encoded-traversal": "%2e%2e%2f",
    "nul": "%00",
    "10kB": TEN_KB,
    "lone-surrogate": "%ED%A0%80",
    "rtl-override": quote("\u202e1", safe=""),
}
# Text parameters: any text within their limits is valid, and matched with bound SQL parameters it simply
# finds nothing. A topic's `category` is free text matched exactly (no length limit); search text is at most
# 200 characters. NUL is refused everywhere.
HARMLESS_AS_TEXT = {"sql", "traversal", "encoded-traversal", "rtl-override", "lone-surrogate"}
TEXT_PARAMETERS = {
    ("topics/", "category"): HARMLESS_AS_TEXT | {"10kB"},
    **{(f"{c}/", "search"): HARMLESS_AS_TEXT for c in COLLECTIONS},
    ("search/", "q"): HARMLESS_AS_TEXT,
}


@cache
def schema(version):
    return SchemaGenerator(api_version=version).get_schema(request=None, public=True)


def list_parameters(version, path):
    """The query parameters the version documents for GET `path` (empty if it has no such path)."""
    operation = schema(version)["paths"].get(f"/api/{version}/{path}", {}).get("get", {})
    return {parameter["name"]: parameter for parameter in operation.get("parameters", [])}


def assert_problem(response, status):
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert PROBLEM_KEYS <= set(body) <= PROBLEM_KEYS | {"errors"}
    assert body["status"] == status
    assert body["title"] == HTTPStatus(status).phrase
    assert body["type"] == "about:blank"
    assert isinstance(body["detail"], str) and body["detail"]
    if "errors" in body:
        assert body["errors"] and all(
            isinstance(messages, list) and all(isinstance(m, str) for m in messages)
            for messages in body["errors"].values()
        )
    return body


# ------------------------------------------------------------------------------------ slugs


@pytest.mark.django_db
@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("collection", COLLECTIONS)
def test_a_hostile_slug_is_a_404_problem(client, subtests, version, collection):
    # Subtests, not parameters: one database setup for the whole list keeps the module fast in CI.
    for kind, slug in HOSTILE_SLUGS.items():
        with subtests.test(slug=kind):
            assert_problem(client.get(f"/api/{version}/{collection}/{slug}/"), 404)


@pytest.mark.django_db
@pytest.mark.parametrize("version", VERSIONS)
def test_a_raw_traversal_in_the_path_is_a_404_problem(client, version):
    # Sent as is, without percent-encoding: nothing outside the API is reached.
    assert_problem(client.get(f"/api/{version}/topics/../../../etc/passwd/"), 404)
    assert_problem(client.get(f"/api/{version}/../../etc/passwd/"), 404)


# ------------------------------------------------------------------------------------ parameters


def parameter_cases():
    """(version, path, parameter) for every query parameter of every list, search and feed."""
    for version in VERSIONS:
        for path in [*(f"{c}/" for c in COLLECTIONS), "search/", "changes/"]:
            for name in list_parameters(version, path):
                yield pytest.param(version, path, name, id=f"{version}-{path}{name}")


@pytest.mark.django_db
@pytest.mark.parametrize(("version", "path", "name"), list(parameter_cases()))
def test_a_hostile_parameter_value_is_a_400_naming_it(client, subtests, version, path, name):
    for kind, value in HOSTILE_VALUES.items():
        with subtests.test(value=kind):
            query = f"{name}={value}"
            if path == "search/" and name != "q":
                query += "&q=hip"
            response = client.get(f"/api/{version}/{path}?{query}")

            if kind in TEXT_PARAMETERS.get((path, name), ()):
                assert response.status_code == 200
                assert response["Content-Type"] == "application/json"
            else:
                body = assert_problem(response, 400)
                assert list(body["errors"]) == [name]


@pytest.mark.django_db
@pytest.mark.parametrize("version", VERSIONS)
def test_unknown_query_parameters_are_ignored(client, version):
    # What v1 has always done, kept: a parameter an API version does not know changes nothing.
    plain = client.get(f"/api/{version}/topics/")
    extra = client.get(f"/api/{version}/topics/", {"foo": "bar", "' OR 1=1--": "x", "limit": "abc"})

    assert plain.status_code == extra.status_code == 200
    assert (
        extra.json()["results" if "results" in plain.json() else "itemListElement"]
        == (plain.json()["results" if "results" in plain.json() else "itemListElement"])
    )


# ------------------------------------------------------------------------------------ pagination

BAD_NUMBERS = ["0", "-1", "1e9", "abc", "1.5", "", " 1", "²", "99999999999999999999999", TEN_KB]


def paginated(version):
    return list_parameters(version, "topics/")


@pytest.mark.django_db
@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("value", [*BAD_NUMBERS, "101"], ids=[*BAD_NUMBERS[:-1], "10kB", "101"])
def test_a_bad_page_size_is_a_400(client, version, value):
    body = assert_problem(client.get(f"/api/{version}/topics/", {"page_size": value}), 400)
    assert list(body["errors"]) == ["page_size"]


@pytest.mark.django_db
@pytest.mark.parametrize("version", [v for v in VERSIONS if "page" in paginated(v)])
@pytest.mark.parametrize("value", BAD_NUMBERS, ids=[*BAD_NUMBERS[:-1], "10kB"])
def test_a_malformed_page_number_is_a_400(client, version, value):
    if value == "99999999999999999999999":
        # Well formed, but past the last page: a 404, as the README says.
        assert_problem(client.get(f"/api/{version}/topics/", {"page": value}), 404)
        return
    body = assert_problem(client.get(f"/api/{version}/topics/", {"page": value}), 400)
    assert list(body["errors"]) == ["page"]


@pytest.mark.django_db
@pytest.mark.parametrize("version", [v for v in VERSIONS if "page" in paginated(v)])
def test_a_page_past_the_end_is_a_404(client, version):
    assert_problem(client.get(f"/api/{version}/topics/", {"page": "1000000000"}), 404)


BAD_CURSORS = {
    "garbage": "garbage",
    "nul": "%00",
    "10kB": "A" * 10_240,
    "not-base64": "%25%25%25",
    "sql": quote("' OR 1=1--", safe=""),
    "lone-surrogate": "%ED%A0%80",
    "utf8-not-ascii": quote("é"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("version", [v for v in VERSIONS if "cursor" in paginated(v)])
@pytest.mark.parametrize("value", BAD_CURSORS.values(), ids=BAD_CURSORS.keys())
def test_a_cursor_that_is_not_ours_is_a_400(client, version, value):
    body = assert_problem(client.get(f"/api/{version}/topics/?cursor={value}"), 400)
    assert list(body["errors"]) == ["cursor"]


# -------------------------------------------------------------------------------- versions, methods, Accept


@pytest.mark.django_db
@pytest.mark.parametrize("version", VERSIONS)
def test_an_unknown_format_override_is_a_404_problem(client, version):
    # DRF's `?format=` picks a renderer; JSON is the only one.
    assert_problem(client.get(f"/api/{version}/topics/", {"format": "xml"}), 404)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["/api/v9/", "/api/v0/topics/", "/api/v9/topics", "/api/V1/topics/", "/api/v1.0/topics/", "/api/latest/"],
)
def test_an_unknown_version_is_a_404_problem(client, path):
    # Without the slash, APPEND_SLASH redirects first; the page it leads to is the problem.
    assert_problem(client.get(path, follow=True), 404)


def detail_and_list_paths():
    for version in VERSIONS:
        for collection in COLLECTIONS:
            yield pytest.param(f"/api/{version}/{collection}/", id=f"{version}-{collection}-list")
            yield pytest.param(f"/api/{version}/{collection}/any-slug/", id=f"{version}-{collection}-detail")
        for path in ("search/", "changes/", "snapshot/"):
            yield pytest.param(f"/api/{version}/{path}", id=f"{version}-{path}")


@pytest.mark.django_db
@pytest.mark.parametrize("path", list(detail_and_list_paths()))
def test_any_write_is_a_405_problem(client, subtests, path):
    for method in ("post", "put", "patch", "delete"):
        with subtests.test(method=method):
            response = getattr(client, method)(path, data='{"slug": "x"}', content_type="application/json")

            assert_problem(response, 405)
            assert "GET" in response["Allow"]


@pytest.mark.django_db
@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("accept", ["text/html", "application/xml", "image/png", "garbage;;;q=x"])
def test_an_accept_header_we_cannot_serve_is_a_406_problem(client, version, accept):
    assert_problem(client.get(f"/api/{version}/topics/", HTTP_ACCEPT=accept), 406)


@pytest.mark.django_db
@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_IF_NONE_MATCH": '"\x00garbage'},
        {"HTTP_IF_MODIFIED_SINCE": "' OR 1=1--"},
        {"HTTP_IF_MODIFIED_SINCE": TEN_KB},
        {"HTTP_ACCEPT": "*/*;q=abc"},
    ],
    ids=["if-none-match", "if-modified-since-sql", "if-modified-since-10kB", "accept-bad-q"],
)
def test_malformed_conditional_and_accept_headers_are_ignored_as_http_says(client, version, headers):
    # RFC 9110: a conditional header that does not parse is ignored; the full answer follows.
    response = client.get(f"/api/{version}/topics/", **headers)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/")


@pytest.mark.django_db
@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("key", ["' OR 1=1--", TEN_KB, "\x00"], ids=["sql", "10kB", "nul"])
def test_a_hostile_api_key_is_a_401_problem(client, version, key):
    assert_problem(client.get(f"/api/{version}/topics/", HTTP_X_API_KEY=key), 401)


# ------------------------------------------------------------------------------------ times


@pytest.mark.django_db
@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize(("path", "name"), [("topics/", "updated_since"), ("changes/", "since")])
def test_a_time_with_any_valid_offset_is_read_in_utc(client, version, path, name):
    # ISO 8601 allows offsets up to ±23:59; PostgreSQL refuses beyond ±15:59, so times are read in UTC first.
    if name not in list_parameters(version, path):
        pytest.skip(f"{version} has no {path}?{name}=")
    response = client.get(f"/api/{version}/{path}", {name: "2026-01-01T00:00:00-23:50"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"


@pytest.mark.django_db
@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize(("path", "name"), [("topics/", "updated_since"), ("changes/", "since")])
@pytest.mark.parametrize("moment", ["9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00+23:59"])
def test_a_time_outside_the_years_1_to_9999_in_utc_is_a_400(client, version, path, name, moment):
    if name not in list_parameters(version, path):
        pytest.skip(f"{version} has no {path}?{name}=")
    body = assert_problem(client.get(f"/api/{version}/{path}", {name: moment}), 400)
    assert list(body["errors"]) == [name]


@pytest.mark.django_db
@pytest.mark.parametrize("version", VERSIONS)
def test_a_since_time_without_an_offset_is_read_as_utc(client, version):
    if "since" not in list_parameters(version, "changes/"):
        pytest.skip(f"{version} has no changes/?since=")
    response = client.get(f"/api/{version}/changes/", {"since": "2026-01-31T00:00"})

    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("version", [v for v in VERSIONS if "cursor" in paginated(v)])
@pytest.mark.parametrize("ordering", ["updated_at", "-updated_at"])
def test_a_cursor_time_with_any_valid_offset_is_read_in_utc(client, version, ordering):
    # A cursor is opaque, but anyone can encode one: its time is read in UTC as `since=` is (PostgreSQL
    # refuses offsets beyond ±15:59; it used to be a 500).
    cursor = base64.b64encode(urlencode({"p": "2026-01-01T00:00:00-23:50"}).encode()).decode()
    response = client.get(f"/api/{version}/topics/", {"ordering": ordering, "cursor": cursor})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"


@pytest.mark.django_db
@pytest.mark.parametrize("version", [v for v in VERSIONS if "cursor" in paginated(v)])
def test_a_cursor_time_outside_the_years_1_to_9999_in_utc_is_a_400(client, version):
    cursor = base64.b64encode(urlencode({"p": "9999-12-31T23:59:59-23:59"}).encode()).decode()
    response = client.get(f"/api/{version}/topics/", {"ordering": "updated_at", "cursor": cursor})

    assert list(assert_problem(response, 400)["errors"]) == ["cursor"]


# ------------------------------------------------------------------------------------ preconditions

# Preconditions apply only to an answer that would be a 200 (RFC 9110 section 13.2.1): they never turn a 404
# or a 400 into a 304.
PRECONDITIONS = {
    "if-none-match-any": {"HTTP_IF_NONE_MATCH": "*"},
    "if-modified-since-future": {"HTTP_IF_MODIFIED_SINCE": "Fri, 01 Jan 2100 00:00:00 GMT"},
}


def bad_requests(version):
    """(path, status) a version answers with a 404 or a 400."""
    yield f"/api/{version}/topics/no-such-topic/", 404
    yield f"/api/{version}/topics/?ordering=nope", 400
    if "page" in paginated(version):
        yield f"/api/{version}/topics/?page=abc", 400
    if "cursor" in paginated(version):
        yield f"/api/{version}/topics/?cursor=%25%25%25", 400


@pytest.mark.django_db
@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("headers", PRECONDITIONS.values(), ids=PRECONDITIONS.keys())
def test_preconditions_never_turn_a_404_or_400_into_a_304(client, subtests, version, headers):
    for path, status in bad_requests(version):
        with subtests.test(path=path):
            client.get(path)  # whatever a first request caches
            assert_problem(client.get(path, **headers), status)


@pytest.mark.django_db
@pytest.mark.parametrize("version", VERSIONS)
def test_if_none_match_any_on_a_published_item_is_a_304(seed, client, version):
    path = f"/api/{version}/topics/hip-pain-buttock-discomfort/"
    assert client.get(path, HTTP_IF_NONE_MATCH="*").status_code == 304
    client.get(path)  # now cached
    assert client.get(path, HTTP_IF_NONE_MATCH="*").status_code == 304


@pytest.mark.django_db
@pytest.mark.parametrize("version", VERSIONS)
def test_an_if_match_that_names_another_version_is_a_412_problem(seed, client, version):
    path = f"/api/{version}/topics/hip-pain-buttock-discomfort/"
    etag = client.get(path)["ETag"]

    assert client.get(path, HTTP_IF_MATCH=etag).status_code == 200
    assert_problem(client.get(path, HTTP_IF_MATCH='"v1-0-0000000000000000"'), 412)
