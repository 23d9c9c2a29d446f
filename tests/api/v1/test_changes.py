"""/api/v1/changes/: the changes feed (with tombstones and a cursor), as a mirroring app follows it."""

import pytest

from conditions import workflow
from conditions.models import AnatomicalStructure, Condition, Mechanism, RedFlag, Topic
from faq.models import Question
from tests.payloads import get_json, url

pytestmark = pytest.mark.usefixtures("seed")

CHANGE_KEYS = {"cursor", "kind", "type", "slug", "at", "url"}
PAGE_KEYS = {"results", "next_cursor", "has_more", "next"}
COLLECTION_OF = {
    "topic": "topics",
    "condition": "conditions",
    "mechanism": "mechanisms",
    "anatomy": "anatomy",
    "red-flag": "red-flags",
    "treatment": "treatments",
    "faq": "faqs",
}


def replay(api, since=""):
    """What a mirroring app holds after following the feed: {(type, slug): detail} plus the last cursor."""
    mirror, cursor = {}, since
    while True:
        page = get_json(api, f"{url('changes')}?limit=50&since={cursor}")
        assert set(page) == PAGE_KEYS
        for change in page["results"]:
            assert set(change) == CHANGE_KEYS
            key = (change["type"], change["slug"])
            if change["kind"] in ("unpublished", "deleted"):
                assert change["url"] is None
                mirror.pop(key, None)
                continue
            response = api.get(change["url"])
            if response.status_code == 404:
                # Gone since this change: its tombstone comes later in the feed.
                mirror.pop(key, None)
            else:
                mirror[key] = response.json()
        cursor = page["next_cursor"]
        if not page["has_more"]:
            return mirror, cursor


def published(api):
    everything = {}
    for type_, collection in COLLECTION_OF.items():
        for item in get_json(api, f"{url(collection)}?page_size=100")["results"]:
            everything[(type_, item["slug"])] = get_json(api, item["url"])
    return everything


def approve(item, editor, reviewer):
    workflow.record_edit(item=item, by=editor)
    workflow.submit_for_review(item=item, by=editor)
    workflow.approve(item=item, by=reviewer)


def test_replaying_the_feed_from_the_start_gives_exactly_the_published_content(api, editor, reviewer):
    condition = Condition.objects.working().get(slug="labral-tears")
    condition.summary = "Approved later."
    condition.save()
    approve(condition, editor, reviewer)
    workflow.unpublish(item=Mechanism.objects.working().get(slug="referred-pain"), by=reviewer)
    red_flag = RedFlag.objects.working().get(slug="persistent-pain")
    red_flag.topic_links.all().delete()
    workflow.delete(item=red_flag, by=reviewer)
    renamed = Question.objects.working().get(slug="how-does-hip-pain-lead-to-buttock-pain")
    renamed.slug = "how-hip-pain-leads-to-buttock-pain"
    renamed.save()
    approve(renamed, editor, reviewer)

    mirror, _ = replay(api)

    assert mirror == published(api)
    assert ("faq", "how-does-hip-pain-lead-to-buttock-pain") not in mirror
    assert ("faq", "how-hip-pain-leads-to-buttock-pain") in mirror


def test_a_cursor_continues_where_the_app_left_off(api, editor, reviewer):
    _, cursor = replay(api)
    assert get_json(api, f"{url('changes')}?since={cursor}") == {
        "results": [],
        "next_cursor": cursor,
        "has_more": False,
        "next": None,
    }
    approve(Condition.objects.working().get(slug="labral-tears"), editor, reviewer)

    page = get_json(api, f"{url('changes')}?since={cursor}")

    first = page["results"][0]
    assert (first["kind"], first["type"], first["slug"]) == ("updated", "condition", "labral-tears")
    # The topic and the other items that show the condition are updated with it.
    assert ("topic", "hip-pain-buttock-discomfort") in {(c["type"], c["slug"]) for c in page["results"]}


def test_every_item_whose_detail_changed_is_in_the_feed_links_dropped_and_parents_included(
    api, editor, reviewer
):
    mirror, cursor = replay(api)
    # The topic stops linking a condition (whose detail lists its topics) and a structure whose part it
    # still links (a topic shows each structure it links with its parent)...
    topic = Topic.objects.working().get()
    topic.condition_links.filter(condition__slug="sacroiliac-joint-dysfunction").delete()
    topic.anatomy_links.filter(structure__slug="gluteal-muscles").delete()
    approve(topic, editor, reviewer)
    # ... and the structure is renamed.
    parent = AnatomicalStructure.objects.working().get(slug="gluteal-muscles")
    parent.name = "Gluteal Muscles (renamed)"
    parent.save()
    approve(parent, editor, reviewer)

    changed, _ = replay(api, since=cursor)

    assert ("condition", "sacroiliac-joint-dysfunction") in changed
    mirror.update(changed)  # nothing was withdrawn
    assert mirror == published(api)


def test_a_treatment_is_updated_when_a_structure_it_is_given_into_changes(api, editor, reviewer):
    _, cursor = replay(api)
    hip_joint = AnatomicalStructure.objects.working().get(slug="hip-joint")
    hip_joint.name = "Hip Joint (coxofemoral)"
    hip_joint.save()
    approve(hip_joint, editor, reviewer)

    changed = {(c["type"], c["slug"]) for c in get_json(api, f"{url('changes')}?since={cursor}")["results"]}

    # Injections' detail names the hip joint in `anatomy`: a mirror must fetch it again.
    assert {("anatomy", "hip-joint"), ("treatment", "injections")} <= changed
    mirror, _ = replay(api)
    assert mirror == published(api)


def test_unpublishing_is_a_tombstone_with_type_slug_and_time(api, reviewer):
    _, cursor = replay(api)
    workflow.unpublish(item=Topic.objects.working().get(), by=reviewer)

    tombstone, *dependents = get_json(api, f"{url('changes')}?since={cursor}&limit=1000")["results"]

    # The items whose details linked the topic are updated: their `topics` no longer list it.
    assert {change["kind"] for change in dependents} == {"updated"}
    assert tombstone["kind"] == "unpublished"
    assert (tombstone["type"], tombstone["slug"], tombstone["url"]) == (
        "topic",
        "hip-pain-buttock-discomfort",
        None,
    )
    assert tombstone["at"].endswith("Z")


def test_since_accepts_an_iso_time(api):
    assert get_json(api, f"{url('changes')}?since=2999-01-01T00:00:00Z")["results"] == []
    assert len(get_json(api, f"{url('changes')}?since=2000-01-01T00:00:00Z&limit=5")["results"]) == 5


def test_pages_link_to_the_next(api):
    page = get_json(api, f"{url('changes')}?limit=2")
    assert page["has_more"] is True
    assert page["next"] == f"{url('changes')}?since={page['next_cursor']}&limit=2"


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("since=yesterday", "since"),
        ("since=-1", "since"),
        ("limit=0", "limit"),
        ("limit=1001", "limit"),
        ("limit=x", "limit"),
    ],
)
def test_a_malformed_cursor_or_limit_is_a_400(api, query, parameter):
    response = api.get(f"{url('changes')}?{query}")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [parameter]
