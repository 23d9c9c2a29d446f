"""An uncached read checks its host against ALLOWED_HOSTS once (hipcontent/api/http/state.py `host`): Django
checks it again on every `get_host()`, and the read's representation key, ETag and URLs each ask for it."""

import pytest
from django.http import HttpRequest

from tests.payloads import url


@pytest.mark.parametrize("collection", ["conditions", "mechanisms", "topics"])
def test_an_uncached_read_checks_its_host_once_after_common_middleware(api, seed, monkeypatch, collection):
    asked = []
    get_host = HttpRequest.get_host

    def counted(request):
        asked.append(request.path)
        return get_host(request)

    monkeypatch.setattr(HttpRequest, "get_host", counted)
    slug = api.get(url(collection)).json()["results"][0]["slug"]
    api.get(url(collection, slug))  # its URLs' parts are kept per process from here on (document_context.py)
    asked.clear()

    response = api.get(url(collection, slug) + "?fresh=1")

    assert response.status_code == 200
    assert response.json()["url"] == url(collection, slug)
    assert len(asked) == 2  # CommonMiddleware's check, then the read's own


def test_a_host_that_is_not_allowed_is_still_a_400(api, seed):
    response = api.get(url("conditions"), HTTP_HOST="attacker.example")

    assert response.status_code == 400
