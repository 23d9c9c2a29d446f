"""An uncached read of a plain-data detail reads its scope's revision in the round trip of its document's
queries, as their first statement (cache.Pending, prepared.Ahead): one round trip less, and the same answer,
ETag and validators as when the revision is read on its own first (issue 15)."""

import psycopg
import pytest
from django.core.cache import cache
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext

from conditions.models import Condition
from hipcontent.api.collections import ContentViewSet
from hipcontent.api.http.cache import content_revision
from hipcontent.api.v1 import details
from tests.payloads import url

pytestmark = pytest.mark.usefixtures("seed")

MECHANISM = url("mechanisms", "nerve-entrapment-or-irritation")
PATHS = [
    MECHANISM,
    url("topics", "hip-pain-buttock-discomfort"),
    url("conditions", "piriformis-syndrome"),
    url("faqs", "which-hip-conditions-cause-buttock-discomfort"),
    # The list that reads its own pages: its page is sent with the revision (lists.py ConditionPages).
    url("conditions"),
    url("conditions") + "?page=2&page_size=3",
    url("conditions") + "?ordering=-updated_at&page_size=4",
    url("conditions") + "?page=3&page_size=4",  # the last page, shorter
    # Filtered: the revision is read on its own before the list's queries.
    url("conditions") + "?category=hip",
]
VALIDATORS = ("ETag", "Last-Modified", "Cache-Control", "Vary")


@pytest.fixture(autouse=True)
def revision_cached(settings):
    # The revision is read later only when the global one is kept in the cache (the default with Redis).
    settings.CONTENT_REVISION_CACHE = True


def uncached():
    """Nothing rendered is kept; the global revision is (as between two publishes)."""
    cache.clear()
    content_revision()


def read_at_once(monkeypatch, client, path):
    with monkeypatch.context() as patch:
        patch.setattr(ContentViewSet, "reads_revision_later", lambda self, request: False)
        uncached()
        return client.get(path)


@pytest.mark.parametrize("path", PATHS)
def test_the_answer_and_its_validators_are_those_of_the_revision_read_first(monkeypatch, client, path):
    first = read_at_once(monkeypatch, client, path)
    uncached()

    later = client.get(path)

    assert later.status_code == first.status_code == 200
    assert later.content == first.content
    assert {name: later[name] for name in VALIDATORS} == {name: first[name] for name in VALIDATORS}
    again = client.get(path)  # kept under the revision it named
    assert again.content == first.content and again["ETag"] == first["ETag"]


def test_the_revision_is_the_first_statement_and_the_count_is_unchanged(monkeypatch, client):
    with monkeypatch.context() as patch:
        patch.setattr(ContentViewSet, "reads_revision_later", lambda self, request: False)
        uncached()
        with CaptureQueriesContext(connection) as at_once:
            client.get(MECHANISM + "?n=1")
    uncached()

    with CaptureQueriesContext(connection) as later:
        assert client.get(MECHANISM + "?n=1").status_code == 200

    assert len(later) == len(at_once) == 4
    assert "conditions_changeevent" in later[0]["sql"]
    assert not any("conditions_changeevent" in query["sql"] for query in later[1:])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the pipeline: PostgreSQL")
def test_on_postgresql_revision_and_document_are_one_pipeline(monkeypatch, client):
    pipelines = []
    original = psycopg.Connection.pipeline

    def pipeline(self):
        pipelines.append(self)
        return original(self)

    monkeypatch.setattr(psycopg.Connection, "pipeline", pipeline)
    uncached()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(MECHANISM + "?n=2").status_code == 200
    assert len(pipelines) == 1 and len(captured) == 4


def test_a_matching_etag_is_a_304_on_an_uncached_read(monkeypatch, client):
    etag = read_at_once(monkeypatch, client, MECHANISM)["ETag"]
    uncached()

    response = client.get(MECHANISM, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304 and response["ETag"] == etag and response.content == b""


def test_an_unknown_slug_is_the_404_problem_without_validators(client):
    response = client.get(url("mechanisms", "no-such-mechanism"))

    assert response.status_code == 404
    assert response.json()["detail"] == "No published mechanism has the slug 'no-such-mechanism'."
    assert "ETag" not in response and "Last-Modified" not in response


def test_a_database_error_while_rendering_is_the_503_problem_and_the_next_read_is_whole(monkeypatch, client):
    def unreachable(runs):
        raise OperationalError("connection refused")

    with monkeypatch.context() as patch:
        patch.setattr(details, "run_together", unreachable)
        response = client.get(MECHANISM + "?n=3")
    assert response.status_code == 503 and "ETag" not in response

    with CaptureQueriesContext(connection) as captured:
        assert client.get(MECHANISM + "?n=3").status_code == 200
    assert len(captured) == 4  # the failed read's revision query was not left for this one


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the pipeline: PostgreSQL")
def test_on_postgresql_the_lists_revision_and_page_are_one_pipeline_once_counted(monkeypatch, client):
    pipelines = []
    original = psycopg.Connection.pipeline

    def pipeline(self):
        pipelines.append(self)
        return original(self)

    uncached()
    assert client.get(url("conditions") + "?n=1").status_code == 200  # counts the list at this revision
    monkeypatch.setattr(psycopg.Connection, "pipeline", pipeline)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url("conditions") + "?n=2")
    assert response.status_code == 200 and response.json()["count"] == Condition.objects.published().count()
    assert len(pipelines) == 1 and len(captured) == 3
    assert "conditions_changeevent" in captured[0]["sql"]


def test_a_page_past_the_end_is_the_404_problem(client):
    response = client.get(url("conditions") + "?page=99")

    assert response.status_code == 404 and "ETag" not in response
    assert response.json()["detail"] == "Invalid page."
