"""Paths and methods the API does not serve: a JSON problem document (RFC 9457), never an HTML page.

Anything under /api/ that no route serves is a 404 problem, even with DEBUG on; a write is a 405 problem (the
API is read-only); a missing trailing slash redirects, as APPEND_SLASH does.
"""

import pytest

from tests.api.v1.collections import COLLECTIONS
from tests.payloads import get_json, problem, problem_of, url


@pytest.mark.parametrize(
    "path",
    [
        "/api/",
        "/api/v9/",
        "/api/v9/topics/",
        "/api/v5/topics/hip-pain-buttock-discomfort/",  # v1 to v4 exist; v5 does not
        "/api/v1/nonsense/",
        "/api/v1/topics/hip-pain-buttock-discomfort/extra/",
        "/api/v1/topics/not%20a%20slug/",
    ],
)
def test_an_unknown_api_path_is_a_json_404(api, db, path):
    response = api.get(path)

    assert problem_of(response, 404) == problem(404, f"No API resource at {response.wsgi_request.path}.")


def test_a_missing_trailing_slash_redirects_to_the_collection(api, db):
    response = api.get("/api/v1/topics")

    assert response.status_code == 301
    assert response["Location"] == "/api/v1/topics/"


# ---------------------------------------------------------------------------------------------------- 405


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("collection", COLLECTIONS)
def test_writing_to_a_collection_is_a_json_405(api, db, collection, method):
    response = getattr(api, method)(url(collection), {"slug": "x"}, format="json")

    assert problem_of(response, 405) == problem(405, f'Method "{method.upper()}" not allowed.')


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("collection", COLLECTIONS)
def test_writing_to_an_item_is_a_json_405(api, seed, collection, method):
    item = get_json(api, url(collection))["results"][0]

    response = getattr(api, method)(item["url"], {"slug": "x"}, format="json")

    assert problem_of(response, 405) == problem(405, f'Method "{method.upper()}" not allowed.')
    assert get_json(api, item["url"])["slug"] == item["slug"]


def test_writing_to_the_root_is_a_json_405(api, db):
    response = api.post("/api/v1/", {}, format="json")

    assert problem_of(response, 405) == problem(405, 'Method "POST" not allowed.')
