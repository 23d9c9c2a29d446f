"""/api/v2/snapshot/: every published item at once, each as its v2 detail serves it (a schema.org Dataset)."""

import pytest

from tests.api.v2.expected import url
from tests.payloads import body, get_json, json_of

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
    # As v1's: the first request builds the file (the revision, counts, each collection's detail queries).
    with django_assert_max_num_queries(50):
        response = api.get(url("snapshot"))
    snapshot = json_of(response)

    assert set(snapshot) == {"@context", "@id", "@type", "version", "dateCreated", *SNAPSHOT_COLLECTIONS}
    assert (snapshot["@type"], snapshot["@id"]) == ("Dataset", url("snapshot"))
    assert snapshot["version"] == int(response["ETag"].split("-")[1])
    for key, collection in SNAPSHOT_COLLECTIONS.items():
        listed = get_json(api, f"{url(collection)}?page_size=100")["itemListElement"]
        assert listed
        assert snapshot[key] == [get_json(api, item["@id"]) for item in listed]


LD = "application/ld+json"


@pytest.mark.parametrize("version", ["v2", "v3", "v4"])
def test_the_snapshot_is_served_as_json_ld_on_request_with_its_own_etag(api, version):
    path = f"/api/{version}/snapshot/"
    as_json = api.get(path, HTTP_ACCEPT="application/json")
    as_ld = api.get(path, HTTP_ACCEPT=f'{LD};profile="http://www.w3.org/ns/json-ld#compacted"')
    as_ld_gzip = api.get(path, HTTP_ACCEPT=LD, HTTP_ACCEPT_ENCODING="gzip")

    assert (as_json["Content-Type"], as_ld["Content-Type"], as_ld_gzip["Content-Type"]) == (
        "application/json",
        LD,
        LD,
    )
    assert body(as_json) == body(as_ld)  # the same file: the same document, dateCreated included
    assert as_ld_gzip["Content-Encoding"] == "gzip"
    assert len({as_json["ETag"], as_ld["ETag"], as_ld_gzip["ETag"]}) == 3
    # A copy revalidates only as the media type it was served in.
    assert api.get(path, HTTP_ACCEPT=LD, HTTP_IF_NONE_MATCH=as_ld["ETag"]).status_code == 304
    assert api.get(path, HTTP_ACCEPT=LD, HTTP_IF_NONE_MATCH=as_json["ETag"]).status_code == 200
    assert "Accept" in as_ld["Vary"] and "Accept-Encoding" in as_ld["Vary"]
