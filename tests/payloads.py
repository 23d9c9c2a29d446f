"""Helpers to compare API payloads: absolute URLs, links, timestamps, exact key sets and problem documents."""

import json
from datetime import datetime

API = "http://testserver/api/v1"

TIMESTAMPS = ("updated_at", "created_at")

# The keys of a reference to another item, wherever one appears.
LINK_KEYS = {"slug", "name", "url"}
PAGE_KEYS = {"count", "next", "previous", "results"}

# Successful reads are JSON; every error under /api/ is an RFC 9457 problem document.
JSON = "application/json"
PROBLEM = "application/problem+json"
ERROR_KEYS = {"type", "title", "status", "detail"}
PARAMETER_ERROR_KEYS = {*ERROR_KEYS, "errors"}  # a 400 for bad parameters names each one in `errors`
INVALID_PARAMETERS = "Invalid request parameters."
# The HTTP reason phrase of each status the API answers with, as a problem's `title`.
TITLES = {
    400: "Bad Request",
    401: "Unauthorized",
    404: "Not Found",
    405: "Method Not Allowed",
    416: "Requested Range Not Satisfiable",
    429: "Too Many Requests",
    500: "Internal Server Error",
    503: "Service Unavailable",
}


def url(collection, slug=None):
    """The absolute URL of a collection, or of one item in it."""
    return f"{API}/{collection}/" if slug is None else f"{API}/{collection}/{slug}/"


def link(collection, slug, name):
    return {"slug": slug, "name": name, "url": url(collection, slug)}


def page(results, *, count=None, next=None, previous=None):
    return {
        "count": len(results) if count is None else count,
        "next": next,
        "previous": previous,
        "results": results,
    }


def parse_timestamp(value):
    """The datetime an API timestamp stands for; fails unless it is an ISO 8601 string with a time zone."""
    assert isinstance(value, str), value
    parsed = datetime.fromisoformat(value)
    assert parsed.tzinfo is not None, value
    return parsed


def without_timestamps(data):
    """A copy of `data` without `updated_at`/`created_at`, after checking each one is an ISO timestamp."""
    if isinstance(data, list):
        return [without_timestamps(item) for item in data]
    if isinstance(data, dict):
        for key in TIMESTAMPS:
            if key in data:
                parse_timestamp(data[key])
        return {key: without_timestamps(value) for key, value in data.items() if key not in TIMESTAMPS}
    return data


def assert_timestamps_match(payload, obj, keys=TIMESTAMPS):
    """The payload's timestamps are the model's own values."""
    for key in keys:
        assert parse_timestamp(payload[key]) == getattr(obj, key), key


def assert_keys(obj, keys):
    assert isinstance(obj, dict), obj
    assert set(obj) == set(keys), f"extra: {set(obj) - set(keys)}, missing: {set(keys) - set(obj)}"


def assert_links(links, *, nullable=False):
    """Every link (a list of them, or one, or None where allowed) has exactly slug, name and url."""
    if links is None:
        assert nullable
        return
    for item in links if isinstance(links, list) else [links]:
        assert_keys(item, LINK_KEYS)


def string_values(data):
    """Every string anywhere in a JSON payload."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from string_values(value)
    elif isinstance(data, list):
        for value in data:
            yield from string_values(value)


def body(response):
    """The bytes of a response, streamed (the snapshot is sent from a file in blocks) or not."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def json_of(response):
    return json.loads(body(response))


def get_json(api, path, status=200):
    response = api.get(path)
    assert response.status_code == status, (response.status_code, body(response)[:500])
    assert response["Content-Type"] == JSON
    return json_of(response)


def problem(status, detail, **members):
    """The whole problem document of an error: `type`, `title`, `status`, `detail` (and `errors`)."""
    return {"type": "about:blank", "title": TITLES[status], "status": status, "detail": detail, **members}


def invalid_parameters(errors):
    """The whole problem document of a 400 for bad parameters; `errors` maps each to its problems."""
    return problem(400, INVALID_PARAMETERS, errors=errors)


def problem_of(response, status):
    """The problem document of an error `response`: checks its status, content type and exact keys."""
    assert response.status_code == status, (response.status_code, body(response)[:500])
    assert response["Content-Type"] == PROBLEM
    data = json_of(response)
    assert_keys(data, PARAMETER_ERROR_KEYS if status == 400 else ERROR_KEYS)
    assert (data["type"], data["title"], data["status"]) == ("about:blank", TITLES[status], status), data
    return data


def get_problem(api, path, status):
    """GET `path`, which must fail with `status`; its problem document (see problem_of)."""
    return problem_of(api.get(path), status)


def not_found(noun, slug):
    """The 404 problem for a slug that no published item of a collection has ("red flag", "FAQ"...)."""
    return problem(404, f"No published {noun} has the slug {slug!r}.")


def bad_request(api, path, params):
    """The 400 for `params` on `path`, whose `errors` name exactly the parameters at fault."""
    response = api.get(path, params)
    assert response.status_code == 400, (response.status_code, response.content[:500])
    assert response["Content-Type"] == PROBLEM
    data = response.json()
    assert set(data) >= PARAMETER_ERROR_KEYS
    return data["errors"]
