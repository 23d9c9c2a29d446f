"""v2 keeps everything v1 has: the changes feed and snapshot (v2 nodes and @ids), search across collections,
conditional GET, rate-limit headers and problem errors. /api/v9/ is no version."""

import pytest

from conditions import workflow
from conditions.models import Condition, Mechanism, RedFlag
from tests.api.v2.expected import PAGE_CONTEXT, PAGE_KEYS, TYPES, VOCAB, url
from tests.payloads import get_json, get_problem, invalid_parameters, problem

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
SNAPSHOT_COLLECTIONS = {
    "hc:topics": "topics",
    "hc:conditions": "conditions",
    "hc:mechanisms": "mechanisms",
    "hc:anatomy": "anatomy",
    "hc:redFlags": "red-flags",
    "hc:treatments": "treatments",
    "hc:faqs": "faqs",
}


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


def test_search_across_collections_gives_typed_nodes_page_by_page(api):
    first = get_json(api, f"{url('search')}?q=piriformis&page_size=2")
    second = get_json(api, first["next"])

    assert set(first) == PAGE_KEYS
    assert first["@context"] == PAGE_CONTEXT
    hits = first["itemListElement"] + second["itemListElement"]
    for hit in hits:
        assert set(hit) == {"@id", "@type", "identifier", "name", "hc:rank", "hc:snippet"}
        assert hit["@id"] == url(COLLECTION_OF_TYPE[hit["@type"]], hit["identifier"])
        assert "piriformis" in (hit["name"] + hit["hc:snippet"]).lower() or hit["@type"] == "MedicalWebPage"
    v1 = get_json(api, "/api/v1/search/?q=piriformis&page_size=100")["results"]
    everything = hits
    if second["next"]:
        everything += get_json(api, second["next"])["itemListElement"]
    assert [h["identifier"] for h in everything[: len(v1)]] == [h["slug"] for h in v1]
    assert get_json(api, second["previous"])["itemListElement"] == first["itemListElement"]


@pytest.mark.parametrize(
    ("query", "errors"),
    [
        (
            "q=hip&cursor=nonsense",
            {
                "cursor": [
                    "Not a cursor from this list: follow `next` or `previous` as given, or start without one."
                ]
            },
        ),
        ("q=", {"q": ["Required: the text to search for."]}),
        (
            "q=hip&type=nothing",
            {
                "type": [
                    "Unknown type 'nothing'; use one of "
                    "topic, condition, mechanism, anatomy, red-flag, treatment, faq."
                ]
            },
        ),
    ],
)
def test_bad_search_parameters_are_400s_naming_them(api, query, errors):
    assert get_problem(api, f"{url('search')}?{query}", 400) == invalid_parameters(errors)


ENDPOINTS = [
    url("topics"),
    url("topics", "hip-pain-buttock-discomfort"),
    url("conditions") + "?page_size=3",
    url("conditions", "labral-tears"),
    url("changes"),
    url("snapshot"),
    url("search") + "?q=hip",
    url("vocab"),
]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_every_v2_read_has_validators_and_a_304_costs_one_query(api, endpoint, django_assert_num_queries):
    response = api.get(endpoint)
    assert response.status_code == 200
    assert response["ETag"].startswith('"v2-')
    assert response["Last-Modified"].endswith(" GMT")
    assert {"RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"} <= set(response.headers)

    # 1. SELECT the newest change event (the content revision)
    with django_assert_num_queries(1):
        again = api.get(endpoint, HTTP_IF_NONE_MATCH=response["ETag"])

    assert (again.status_code, again.content) == (304, b"")


def test_the_same_path_has_another_etag_in_each_version(api):
    v1 = api.get("/api/v1/conditions/labral-tears/")["ETag"]
    v2 = api.get(url("conditions", "labral-tears"))["ETag"]

    assert v1 != v2
    assert api.get(url("conditions", "labral-tears"), HTTP_IF_NONE_MATCH=v1).status_code == 200


@pytest.mark.parametrize(
    "path", ["/api/v9/", "/api/v9/topics/", "/api/v9/topics/hip-pain-buttock-discomfort/"]
)
def test_an_unknown_version_is_a_404_problem(api, path):
    assert get_problem(api, path, 404) == problem(404, f"No API resource at {path}.")


def test_writes_are_405_problems(api):
    response = api.post(url("conditions"), {"name": "x"}, format="json")
    assert response.status_code == 405
    assert response["Content-Type"] == "application/problem+json"


INDEX_TERMS = {
    "topics": "hc:topicList",
    "conditions": "hc:conditionList",
    "mechanisms": "hc:mechanismList",
    "anatomy": "hc:anatomyList",
    "red-flags": "hc:redFlagList",
    "treatments": "hc:treatmentList",
    "faqs": "hc:faqList",
}


def test_the_root_is_a_json_ld_web_api_listing_the_v2_collections(api):
    assert get_json(api, "/api/v2/") == {
        "@context": [
            "https://schema.org",
            {
                "hc": VOCAB + "#",
                **{key: {"@id": term, "@type": "@id"} for key, term in INDEX_TERMS.items()},
            },
        ],
        "@id": "http://testserver/api/v2/",
        "@type": "WebAPI",
        "name": "hipcontent API v2",
        "documentation": url("docs"),
        "topics": url("topics"),
        "conditions": url("conditions"),
        "mechanisms": url("mechanisms"),
        "anatomy": url("anatomy"),
        "red-flags": url("red-flags"),
        "treatments": url("treatments"),
        "faqs": url("faqs"),
    }


def test_v2_has_its_own_schema_and_docs(api):
    schema = api.get(url("schema"))
    assert schema.status_code == 200
    assert b"version: 2.0.0" in schema.content
    assert b"/api/v2/conditions/{slug}/:" in schema.content
    assert b"/api/v1/" not in schema.content
    for page_ in ("docs", "redoc"):
        response = api.get(url(page_))
        assert (response.status_code, response["Content-Type"]) == (200, "text/html; charset=utf-8")
        assert b"/api/v2/schema/" in response.content
