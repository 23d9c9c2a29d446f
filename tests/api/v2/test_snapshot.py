"""/api/v2/snapshot/: every published item at once, each as its v2 detail serves it (a schema.org Dataset)."""

import pytest

from tests.api.v2.expected import url
from tests.payloads import get_json

pytestmark = pytest.mark.usefixtures("seed")

SNAPSHOT_COLLECTIONS = {
    "hc:topics": "topics",
    "hc:conditions": "conditions",
    "hc:mechanisms": "mechanisms",
    "hc:anatomy": "anatomy",
    "hc:redFlags": "red-flags",
    "hc:treatments": "treatments",
    "hc:faqs": "faqs",
}


def test_the_snapshot_holds_every_published_item_as_its_v2_detail(api, django_assert_max_num_queries):
    # As v1's: one query for the revision, then each collection's detail queries, whatever the content.
    with django_assert_max_num_queries(40):
        response = api.get(url("snapshot"))
    snapshot = response.json()

    assert set(snapshot) == {"@context", "@id", "@type", "version", "dateCreated", *SNAPSHOT_COLLECTIONS}
    assert (snapshot["@type"], snapshot["@id"]) == ("Dataset", url("snapshot"))
    assert snapshot["version"] == int(response["ETag"].split("-")[1])
    for key, collection in SNAPSHOT_COLLECTIONS.items():
        listed = get_json(api, f"{url(collection)}?page_size=100")["itemListElement"]
        assert listed
        assert snapshot[key] == [get_json(api, item["@id"]) for item in listed]
