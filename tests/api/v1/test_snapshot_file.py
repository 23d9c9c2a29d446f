"""/api/v1/snapshot/ is served from a gzip file built once per content revision (hipcontent/api/snapshot.py):
byte for byte the document the serializers render, gzip to clients that accept it, Range, one ETag per
encoding, the previous revision while the next is being built, and a 503 when nothing was built yet."""

import gzip

import pytest
from django.utils.http import http_date
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.versioning import NamespaceVersioning

from conditions import models, workflow
from faq.models import Question
from hipcontent.api import snapshot
from hipcontent.api.http import files
from hipcontent.api.v1 import serializers as v1
from tests.payloads import body, json_of, problem, problem_of, url

pytestmark = pytest.mark.usefixtures("seed")

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}
SERIALIZERS = {
    "topics": (models.Topic, v1.Topic),
    "conditions": (models.Condition, v1.Condition),
    "mechanisms": (models.Mechanism, v1.Mechanism),
    "anatomy": (models.AnatomicalStructure, v1.Anatomy),
    "red_flags": (models.RedFlag, v1.RedFlag),
    "treatments": (models.Treatment, v1.Treatment),
    "faqs": (Question, v1.Faq),
}


def publish_an_edit(editor, reviewer, slug="labral-tears"):
    condition = models.Condition.objects.working().get(slug=slug)
    workflow.record_edit(item=condition, by=editor)
    workflow.submit_for_review(item=condition, by=editor)
    workflow.approve(item=condition, by=reviewer)


@pytest.fixture(autouse=True)
def _publishes_only():
    # Content here changes only by publishing, which moves the revision: keep the files a test builds
    # (tests/conftest.py drops them on any direct write to content rows).
    from django.db.models import signals

    for hook in (signals.post_save, signals.post_delete, signals.m2m_changed):
        hook.disconnect(dispatch_uid="tests-drop-representations")


def test_the_file_holds_byte_for_byte_what_the_serializers_render(api, rf):
    served = body(api.get(url("snapshot")))

    document = json_of(api.get(url("snapshot")))
    request = Request(rf.get("/api/v1/snapshot/"))
    request.version, request.versioning_scheme = "v1", NamespaceVersioning()
    expected = {"content_version": document["content_version"], "generated_at": document["generated_at"]}
    for name, (model, serializer) in SERIALIZERS.items():
        expected[name] = serializer(model.objects.for_detail(), many=True, context={"request": request}).data
    assert served == JSONRenderer().render(expected)


def test_a_client_that_accepts_gzip_gets_the_file_as_stored(api):
    plain = api.get(url("snapshot"))
    plain_bytes = body(plain)
    compressed = api.get(url("snapshot"), **GZIP)
    compressed_bytes = body(compressed)

    assert (compressed.status_code, compressed["Content-Encoding"]) == (200, "gzip")
    assert int(compressed["Content-Length"]) == len(compressed_bytes)
    assert gzip.decompress(compressed_bytes) == plain_bytes
    assert "Content-Encoding" not in plain
    assert int(plain["Content-Length"]) == len(plain_bytes)
    assert plain["Accept-Ranges"] == compressed["Accept-Ranges"] == "bytes"
    assert {"Accept", "Accept-Encoding"} <= {v.strip() for v in compressed["Vary"].split(",")}
    assert plain["ETag"] != compressed["ETag"]  # two representations, two strong validators


def test_a_client_that_refuses_gzip_gets_json(api):
    response = api.get(url("snapshot"), HTTP_ACCEPT_ENCODING="gzip;q=0, identity")

    assert "Content-Encoding" not in response
    assert json_of(response)["content_version"] > 0


def test_each_encoding_revalidates_with_its_own_etag_in_one_query(api, django_assert_num_queries):
    plain, compressed = api.get(url("snapshot")), api.get(url("snapshot"), **GZIP)

    # 1. SELECT the newest change event (the content revision); the file is found on disk.
    with django_assert_num_queries(1):
        again = api.get(url("snapshot"), HTTP_IF_NONE_MATCH=compressed["ETag"], **GZIP)
    assert (again.status_code, again["ETag"]) == (304, compressed["ETag"])
    assert api.get(url("snapshot"), HTTP_IF_NONE_MATCH=plain["ETag"]).status_code == 304
    assert api.get(url("snapshot"), HTTP_IF_NONE_MATCH=plain["ETag"], **GZIP).status_code == 200


@pytest.mark.parametrize("encoding", [{}, GZIP], ids=["json", "gzip"])
def test_a_range_is_served_as_a_206_of_that_representation(api, encoding):
    whole = api.get(url("snapshot"), **encoding)
    full = body(whole)

    part = api.get(url("snapshot"), HTTP_RANGE="bytes=10-99", **encoding)
    tail = api.get(url("snapshot"), HTTP_RANGE="bytes=-25", **encoding)
    rest = api.get(url("snapshot"), HTTP_RANGE=f"bytes={len(full) - 7}-", **encoding)

    assert (part.status_code, part["Content-Range"]) == (206, f"bytes 10-99/{len(full)}")
    assert (body(part), part["Content-Length"], part["ETag"]) == (full[10:100], "90", whole["ETag"])
    assert (body(tail), tail["Content-Range"]) == (
        full[-25:],
        f"bytes {len(full) - 25}-{len(full) - 1}/{len(full)}",
    )
    assert body(rest) == full[-7:]


def test_a_range_past_the_end_is_a_416_problem(api):
    size = int(api.get(url("snapshot"))["Content-Length"])

    response = api.get(url("snapshot"), HTTP_RANGE=f"bytes={size}-")

    detail = f"The range asked for starts past the end of this {size}-byte representation."
    assert problem_of(response, 416) == problem(416, detail)
    assert response["Content-Range"] == f"bytes */{size}"


def test_if_range_resumes_only_the_same_representation(api):
    whole = api.get(url("snapshot"))
    full = body(whole)

    same = api.get(url("snapshot"), HTTP_RANGE="bytes=5-9", HTTP_IF_RANGE=whole["ETag"])
    by_date = api.get(url("snapshot"), HTTP_RANGE="bytes=5-9", HTTP_IF_RANGE=whole["Last-Modified"])
    other = api.get(url("snapshot"), HTTP_RANGE="bytes=5-9", HTTP_IF_RANGE='"v1-1-0000000000000000"')

    assert (same.status_code, body(same)) == (206, full[5:10])
    assert (by_date.status_code, body(by_date)) == (206, full[5:10])
    assert (other.status_code, body(other)) == (200, full)


def test_several_ranges_or_a_malformed_one_get_the_whole_document(api):
    full = body(api.get(url("snapshot")))

    for header in ("bytes=0-1,5-6", "bytes=9-3", "lines=1-2"):
        response = api.get(url("snapshot"), HTTP_RANGE=header)
        assert (response.status_code, body(response)) == (200, full), header


def test_head_says_the_length_without_a_body(api):
    size = len(body(api.get(url("snapshot"))))

    response = api.head(url("snapshot"))

    assert (response.status_code, response["Content-Length"], response.content) == (200, str(size), b"")


def test_the_web_process_sends_the_file_in_blocks_of_64_kib(api, settings):
    response = api.get(url("snapshot"))

    blocks = list(response.streaming_content)
    assert response.streaming
    assert len(blocks) > 1  # the seed's document is over 64 KiB
    assert max(map(len, blocks)) <= files.BLOCK == 64 * 1024


def test_a_publish_builds_the_next_revision_and_keeps_two_files(api, editor, reviewer):
    first = json_of(api.get(url("snapshot")))["content_version"]
    folder = snapshot.directory("v1", "http", "testserver")
    (folder / ".building-left-by-a-dead-worker").write_bytes(b"\x1f\x8b")
    publish_an_edit(editor, reviewer)
    second = json_of(api.get(url("snapshot")))["content_version"]
    publish_an_edit(editor, reviewer, slug="hip-osteoarthritis")
    third = json_of(api.get(url("snapshot")))["content_version"]

    assert first < second < third
    built = snapshot.built("v1", "http", "testserver")
    assert [f.revision for f in built] == [third, second]
    assert sorted(path.name for path in folder.iterdir()) == sorted([".lock", *(f.path.name for f in built)])


def test_above_the_request_limit_the_worker_builds_while_the_last_file_is_served(
    api, editor, reviewer, settings, monkeypatch
):
    old = api.get(url("snapshot"))  # built on the request: the seed is small
    settings.API_SNAPSHOT_BUILD_ON_REQUEST = 5
    asked = []
    monkeypatch.setattr(snapshot, "build_task", lambda *where: asked.append(where))
    publish_an_edit(editor, reviewer)

    meanwhile = api.get(url("snapshot"))
    again = api.get(url("snapshot"))

    # The previous revision, as itself: its own content version, ETag and Last-Modified.
    assert (body(meanwhile), meanwhile["ETag"], meanwhile["Last-Modified"]) == (
        body(old),
        old["ETag"],
        old["Last-Modified"],
    )
    assert asked == [("v1", "http", "testserver")]  # once per revision, not once per request
    assert again["ETag"] == old["ETag"]

    snapshot.build(*asked[0])  # what the worker's task does
    current = api.get(url("snapshot"))
    assert json_of(current)["content_version"] == models.ChangeEvent.objects.latest("id").id
    assert current["ETag"] != old["ETag"]


def test_with_nothing_built_and_much_content_it_is_a_503_with_retry_after(api, settings, monkeypatch):
    settings.API_SNAPSHOT_BUILD_ON_REQUEST = 5
    asked = []
    monkeypatch.setattr(snapshot, "build_task", lambda *where: asked.append(where))

    response = api.get(url("snapshot"))

    detail = "The snapshot is being built for the first time; try again after Retry-After seconds."
    assert problem_of(response, 503) == problem(503, detail)
    assert response["Retry-After"] == "30"
    assert "ETag" not in response
    assert asked == [("v1", "http", "testserver")]


def test_the_worker_refreshes_every_origin_that_has_files(api, editor, reviewer, settings):
    settings.ALLOWED_HOSTS = ["testserver", "api.example.org"]
    api.get(url("snapshot"))
    api.get(url("snapshot"), HTTP_HOST="api.example.org", secure=True)
    publish_an_edit(editor, reviewer)

    snapshot.refresh_task.call_local()

    newest = models.ChangeEvent.objects.latest("id").id
    for origin in (("http", "testserver"), ("https", "api.example.org")):
        [current, _previous] = snapshot.built("v1", *origin)
        assert current.revision == newest
    document = json_of(api.get(url("snapshot"), HTTP_HOST="api.example.org", secure=True))
    assert document["conditions"][0]["url"].startswith("https://api.example.org/api/v1/conditions/")


def test_last_modified_is_the_time_of_the_revision(api):
    response = api.get(url("snapshot"))
    change = models.ChangeEvent.objects.latest("id")

    assert response["Last-Modified"] == http_date(int(change.at.timestamp()))
