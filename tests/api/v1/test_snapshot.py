"""/api/v1/snapshot/: every published item at once, each as its detail serves it, with the content version."""

import pytest

from tests.api.v1.collections import COLLECTIONS
from tests.payloads import get_json, url

pytestmark = pytest.mark.usefixtures("seed")


def test_the_snapshot_holds_every_published_item_as_its_detail_serves_it(api, django_assert_max_num_queries):
    # The first request builds the file (the seed is small): the revision, at most 7 bounded counts, the
    # revision again in the build's transaction, then each collection's detail queries per batch of 100.
    with django_assert_max_num_queries(50):
        snapshot = get_json(api, url("snapshot"))

    assert set(snapshot) == {
        "content_version",
        "generated_at",
        *(c.replace("-", "_") for c in COLLECTIONS),
    }
    assert snapshot["content_version"] == int(api.get(url("snapshot"))["ETag"].split("-")[1])
    for collection in COLLECTIONS:
        listed = get_json(api, f"{url(collection)}?page_size=100")["results"]
        assert (
            snapshot[collection.replace("-", "_")] == [get_json(api, item["url"]) for item in listed]
            or not listed
        )
