"""/api/v1/: the root of v1, which lists its seven collections, each of them a working list."""

import pytest

from tests.api.v1.collections import COLLECTIONS
from tests.payloads import PAGE_KEYS, assert_keys, get_json


def test_the_root_lists_exactly_the_seven_collections(api, db, django_assert_num_queries):
    with django_assert_num_queries(0):  # the root reads no content
        data = get_json(api, "/api/v1/")

    assert data == {
        "topics": "http://testserver/api/v1/topics/",
        "conditions": "http://testserver/api/v1/conditions/",
        "mechanisms": "http://testserver/api/v1/mechanisms/",
        "anatomy": "http://testserver/api/v1/anatomy/",
        "red-flags": "http://testserver/api/v1/red-flags/",
        "treatments": "http://testserver/api/v1/treatments/",
        "faqs": "http://testserver/api/v1/faqs/",
    }


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_every_collection_the_root_lists_answers(api, db, collection):
    root = get_json(api, "/api/v1/")

    assert_keys(get_json(api, root[collection]), PAGE_KEYS)
