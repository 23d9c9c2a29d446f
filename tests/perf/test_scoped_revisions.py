"""A publish changes the ETags and cached bytes of what it changed, and of nothing else (issue 15).

A representation's revision is the newest change event of what it shows (hipcontent/api/http/cache.py): a
detail's own item, which gets an event whenever something it embeds changes (conditions/changes.py); a
list's collection and those its filters read. Here only a publish, through the workflow services, changes
content: tests/conftest.py's cache drop on direct writes is off, as in test_representation_cache.py.
"""

import pytest
from django.core.cache import cache
from django.db.models import signals

from conditions import history, workflow
from conditions.models import AnatomicalStructure, Condition, Topic
from faq.models import Question

pytestmark = pytest.mark.usefixtures("seed")

VERSIONS = ["v1", "v2", "v3", "v4"]
TOPIC = "hip-pain-buttock-discomfort"
FAQ = "how-does-hip-pain-lead-to-buttock-pain"  # shown by the topic only
COLLECTIONS = {
    Topic: "topics",
    Condition: "conditions",
    AnatomicalStructure: "anatomy",
    Question: "faqs",
}


@pytest.fixture(autouse=True)
def _only_publishes_change_content():
    for hook in (signals.post_save, signals.post_delete, signals.m2m_changed):
        hook.disconnect(dispatch_uid="tests-drop-representations")


@pytest.fixture(params=[False, True], ids=["revision-queried", "revision-cached"])
def revision_cache(request, settings):
    settings.CONTENT_REVISION_CACHE = request.param
    return request.param


@pytest.fixture
def publish(editor, reviewer, django_capture_on_commit_callbacks):
    """Approve a working item as edited by `change(item)`, committed (the new revision is stored)."""

    def publish(model, slug, change=lambda item: None):
        item = model.objects.working().get(slug=slug)
        change(item)
        item.save()
        with django_capture_on_commit_callbacks(execute=True):
            workflow.record_edit(item=item, by=editor)
            workflow.submit_for_review(item=item, by=editor)
            workflow.approve(item=item, by=reviewer)

    return publish


def detail(version, collection, slug):
    return f"/api/{version}/{collection}/{slug}/"


def edited(field):
    def change(item):
        setattr(item, field, getattr(item, field) + " (edited)")

    return change


@pytest.mark.parametrize("version", VERSIONS)
def test_a_publish_leaves_an_unrelated_items_etag_and_cached_bytes_unchanged(
    api, publish, version, revision_cache, django_assert_num_queries
):
    unrelated = detail(version, "mechanisms", "referred-pain")
    changed = detail(version, "faqs", FAQ)
    embedding = detail(version, "topics", TOPIC)
    before = {path: api.get(path) for path in (unrelated, changed, embedding)}

    publish(Question, FAQ, edited("question"))

    # 1. the mechanism's revision: a publish happened, so its entry is checked against the database once
    with django_assert_num_queries(1):
        revalidated = api.get(unrelated, HTTP_IF_NONE_MATCH=before[unrelated]["ETag"])
    assert revalidated.status_code == 304
    assert revalidated["ETag"] == before[unrelated]["ETag"]
    # The bytes kept before the publish, with no render: no query at all when the revision is cached.
    with django_assert_num_queries(0 if revision_cache else 1):
        again = api.get(unrelated)
    assert (again.status_code, again["ETag"]) == (200, before[unrelated]["ETag"])
    assert again.content == before[unrelated].content
    assert again["Last-Modified"] == before[unrelated]["Last-Modified"]

    for path in (changed, embedding):  # the FAQ, and the topic that embeds it
        response = api.get(path, HTTP_IF_NONE_MATCH=before[path]["ETag"])
        assert response.status_code == 200, path
        assert response["ETag"] != before[path]["ETag"]
        assert b"(edited)" in response.content and b"(edited)" not in before[path].content


@pytest.mark.parametrize("version", VERSIONS)
def test_a_lists_etag_changes_when_a_member_changes_and_not_for_other_collections(api, publish, version):
    conditions, faqs = f"/api/{version}/conditions/", f"/api/{version}/faqs/"
    by_mechanism = f"{conditions}?mechanism=referred-pain"  # reads the mechanisms too
    etags = {path: api.get(path)["ETag"] for path in (conditions, faqs, by_mechanism)}

    publish(Question, FAQ, edited("question"))

    assert api.get(conditions, HTTP_IF_NONE_MATCH=etags[conditions]).status_code == 304
    assert api.get(by_mechanism, HTTP_IF_NONE_MATCH=etags[by_mechanism]).status_code == 304
    faq_list = api.get(faqs, HTTP_IF_NONE_MATCH=etags[faqs])
    assert faq_list.status_code == 200 and faq_list["ETag"] != etags[faqs]
    assert b"(edited)" in faq_list.content

    publish(Condition, "hip-osteoarthritis", edited("name"))  # a member of both lists

    for path in (conditions, by_mechanism):
        response = api.get(path, HTTP_IF_NONE_MATCH=etags[path])
        assert response.status_code == 200, path
        assert response["ETag"] != etags[path]
        assert b"(edited)" in response.content


def test_a_filtered_list_changes_when_the_collection_its_filter_reads_does(api, publish):
    by_topic = f"/api/v1/conditions/?topic={TOPIC}&page_size=100"
    before = api.get(by_topic)
    assert "sacroiliac-joint-dysfunction" in {c["slug"] for c in before.json()["results"]}

    publish(
        Topic,
        TOPIC,
        lambda topic: topic.condition_links.filter(condition__slug="sacroiliac-joint-dysfunction").delete(),
    )

    after = api.get(by_topic, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert "sacroiliac-joint-dysfunction" not in {c["slug"] for c in after.json()["results"]}
    assert after.json()["count"] == before.json()["count"] - 1


def test_search_of_one_collection_keeps_its_etag_while_the_feed_and_search_of_all_change(api, publish):
    conditions_only, everything = "/api/v1/search/?q=hip&type=condition", "/api/v2/search/?q=hip"
    feed = "/api/v3/changes/"
    etags = {path: api.get(path)["ETag"] for path in (conditions_only, everything, feed)}

    publish(Question, FAQ, edited("question"))

    assert api.get(conditions_only, HTTP_IF_NONE_MATCH=etags[conditions_only]).status_code == 304
    for path in (everything, feed):
        response = api.get(path, HTTP_IF_NONE_MATCH=etags[path])
        assert (response.status_code, response["ETag"] != etags[path]) == (200, True), path


# ------------------------------------------------------------------ never a stale representation


def every_representation():
    """Each version's lists, and its detail of every item that is or was published."""
    paths = []
    for version in VERSIONS:
        for model, collection in COLLECTIONS.items():
            paths.append(f"/api/{version}/{collection}/?page_size=100")
            paths += [
                detail(version, collection, slug)
                for slug in model.objects.filter(is_live=True).values_list("slug", flat=True)
            ]
    return paths


def rendered(api, paths):
    """Each path rendered afresh: (status, ETag, bytes)."""
    cache.clear()
    answers = {path: api.get(path) for path in paths}
    return {path: (r.status_code, r.get("ETag"), r.content) for path, r in answers.items()}


def unlink_topic_from_parent(publish, **_):
    # The topic then links gluteus maximus but not its parent: it still shows the parent, as the part's.
    publish(
        Topic, TOPIC, lambda topic: topic.anatomy_links.filter(structure__slug="gluteal-muscles").delete()
    )


SCENARIOS = {
    # name: (what happens first, unrecorded; the change; the representations it must change)
    "embedded-item-renamed": (
        None,
        lambda publish, **_: publish(Condition, "labral-tears", edited("name")),
        [detail("v1", "topics", TOPIC), detail("v3", "conditions", "femoroacetabular-impingement")],
    ),
    "parent-of-an-embedded-part-renamed": (
        unlink_topic_from_parent,
        lambda publish, **_: publish(AnatomicalStructure, "gluteal-muscles", edited("name")),
        [detail("v2", "topics", TOPIC), detail("v1", "anatomy", "gluteus-maximus")],
    ),
    "topic-stops-linking-a-condition": (
        None,
        lambda publish, **_: publish(
            Topic,
            TOPIC,
            lambda t: t.condition_links.filter(condition__slug="sacroiliac-joint-dysfunction").delete(),
        ),
        [detail(v, "conditions", "sacroiliac-joint-dysfunction") for v in VERSIONS],
    ),
    "unpublished": (
        None,
        lambda reviewer, **_: workflow.unpublish(
            item=Condition.objects.working().get(slug="labral-tears"), by=reviewer
        ),
        [
            detail("v1", "topics", TOPIC),
            detail("v2", "anatomy", "hip-joint"),
            "/api/v3/conditions/?page_size=100",
        ],
    ),
    "deleted": (
        None,
        lambda reviewer, **_: workflow.delete(item=Question.objects.working().get(slug=FAQ), by=reviewer),
        [detail("v1", "topics", TOPIC), detail("v2", "faqs", FAQ), "/api/v1/faqs/?page_size=100"],
    ),
    "restored-after-deletion": (
        lambda publish, reviewer, **_: workflow.delete(
            item=Question.objects.working().get(slug=FAQ), by=reviewer
        ),
        lambda publish, editor, reviewer, **_: restore(FAQ, publish, editor),
        [detail("v3", "topics", TOPIC), detail("v1", "faqs", FAQ), "/api/v2/faqs/?page_size=100"],
    ),
}


def restore(slug, publish, editor):
    [record] = [r for r in history.deleted_versions(Question) if r.slug == slug]
    history.restore_version(record=record, by=editor)
    publish(Question, slug)


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_no_representation_changes_under_an_unchanged_etag(api, publish, editor, reviewer, scenario):
    before_it, change, must_change = SCENARIOS[scenario]
    if before_it is not None:
        before_it(publish=publish, editor=editor, reviewer=reviewer)
    paths = every_representation()
    before = rendered(api, paths)

    change(publish=publish, editor=editor, reviewer=reviewer)
    after = rendered(api, paths)

    stale = [
        path
        for path in paths
        if after[path][1] is not None and after[path][1] == before[path][1] and after[path] != before[path]
    ]
    assert stale == []
    for path in must_change:
        assert after[path] != before[path] and after[path][1] != before[path][1], path
    kept = [path for path in paths if after[path][1] == before[path][1] is not None]
    assert len(kept) >= len(VERSIONS) * 5, "a change to a few items keeps most representations' ETags"
