"""/api/v2/changes/: v1's changes feed in v2's terms, each change an action on a node with its @id."""

import pytest

from conditions import workflow
from conditions.models import Condition, Mechanism, RedFlag
from tests.api.v2.expected import PAGE_CONTEXT, TYPES, url
from tests.payloads import get_json, get_problem

pytestmark = pytest.mark.usefixtures("seed")

CHANGE_KEYS = {"@type", "hc:cursor", "hc:kind", "endTime", "object"}
CHANGES_PAGE_KEYS = {"@context", "@id", "@type", "itemListElement", "hc:nextCursor", "hc:hasMore", "next"}
ACTIONS = {
    "created": "CreateAction",
    "updated": "UpdateAction",
    "unpublished": "DeleteAction",
    "deleted": "DeleteAction",
}
COLLECTION_OF_TYPE = {schema_type: collection for collection, schema_type in TYPES.items()}


def replay(api, since=""):
    """What a mirroring app holds after following the v2 feed: {@id: detail}, and the last cursor."""
    mirror, cursor = {}, since
    while True:
        page = get_json(api, f"{url('changes')}?limit=50&since={cursor}")
        assert set(page) == CHANGES_PAGE_KEYS
        for change in page["itemListElement"]:
            assert set(change) == CHANGE_KEYS
            assert change["@type"] == ACTIONS[change["hc:kind"]]
            item = change["object"]
            assert item["@id"] == url(COLLECTION_OF_TYPE[item["@type"]], item["identifier"])
            if change["@type"] == "DeleteAction":
                mirror.pop(item["@id"], None)
                continue
            response = api.get(item["@id"])
            if response.status_code == 404:  # gone since: its tombstone comes later in the feed
                mirror.pop(item["@id"], None)
            else:
                mirror[item["@id"]] = response.json()
        cursor = page["hc:nextCursor"]
        if not page["hc:hasMore"]:
            return mirror, cursor


def every_published_detail(api):
    everything = {}
    for collection in TYPES:
        at = f"{url(collection)}?page_size=100"
        while at:
            page = get_json(api, at)
            for item in page["itemListElement"]:
                everything[item["@id"]] = get_json(api, item["@id"])
            at = page["next"]
    return everything


def approve(item, editor, reviewer):
    workflow.record_edit(item=item, by=editor)
    workflow.submit_for_review(item=item, by=editor)
    workflow.approve(item=item, by=reviewer)


def test_replaying_the_v2_feed_gives_exactly_the_published_content(api, editor, reviewer):
    approve(Condition.objects.working().get(slug="labral-tears"), editor, reviewer)
    workflow.unpublish(item=Mechanism.objects.working().get(slug="referred-pain"), by=reviewer)
    red_flag = RedFlag.objects.working().get(slug="persistent-pain")
    red_flag.topic_links.all().delete()
    workflow.delete(item=red_flag, by=reviewer)

    mirror, cursor = replay(api)

    assert mirror == every_published_detail(api)
    assert url("mechanisms", "referred-pain") not in mirror
    assert get_json(api, f"{url('changes')}?since={cursor}") == {
        "@context": [PAGE_CONTEXT[0], {key: PAGE_CONTEXT[1][key] for key in ("hc", "next")}],
        "@id": f"{url('changes')}?since={cursor}",
        "@type": "ItemList",
        "itemListElement": [],
        "hc:nextCursor": cursor,
        "hc:hasMore": False,
        "next": None,
    }


def test_a_tombstone_is_a_delete_action_on_the_item(api, reviewer):
    _, cursor = replay(api)
    workflow.unpublish(item=Mechanism.objects.working().get(slug="referred-pain"), by=reviewer)

    changes = get_json(api, f"{url('changes')}?since={cursor}")["itemListElement"]

    tombstone = next(c for c in changes if c["hc:kind"] == "unpublished")
    assert tombstone["@type"] == "DeleteAction"
    assert tombstone["object"] == {
        "@id": url("mechanisms", "referred-pain"),
        "@type": "MedicalEntity",
        "identifier": "referred-pain",
    }
    assert tombstone["hc:cursor"].isdigit()


def test_a_malformed_since_is_a_400_as_in_v1(api):
    assert list(get_problem(api, f"{url('changes')}?since=yesterday", 400)["errors"]) == ["since"]
