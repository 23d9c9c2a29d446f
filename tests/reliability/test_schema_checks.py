"""The narrowed positive_data_acceptance check lets through only a 400 that names unknown references: any
other refusal of a value the schema allows is still a finding. The negative_data_rejection check judges the
request schemathesis recorded when the app received another, sent again."""

import json
from types import SimpleNamespace

import pytest
from django.core import signals
from django.db import close_old_connections

from hipcontent.wsgi import application
from tests.reliability.schema_checks import (
    NOT_PUBLISHED,
    RECEIVED,
    recording,
    rejected_only_for_unknown_references,
    replayed_as_recorded,
)

CASE = SimpleNamespace(
    operation=SimpleNamespace(
        query=[
            SimpleNamespace(name="parent", definition={"description": "The slug of a published treatment."}),
            SimpleNamespace(name="topic", definition={"description": "The slug of a published topic."}),
            SimpleNamespace(name="search", definition={"description": "Full-text search of names and text."}),
            SimpleNamespace(name="cursor", definition={"description": "A cursor from this list."}),
            SimpleNamespace(name="limit", definition={}),
        ]
    )
)
NOT_ISSUED = "Not a cursor from this list: follow `next` or `previous`."
HOST = "http://localhost"


def response(status, errors=None):
    body = {
        "type": "about:blank",
        "title": "Bad Request",
        "status": status,
        "detail": "Invalid request parameters.",
    }
    if errors is not None:
        body["errors"] = errors
    return SimpleNamespace(status_code=status, json=lambda: body)


@pytest.mark.parametrize(
    "errors",
    [
        {"parent": [NOT_PUBLISHED]},
        {"parent": [NOT_PUBLISHED], "topic": [NOT_PUBLISHED]},
        {"cursor": [NOT_ISSUED]},
        {"topic": ["Null characters are not allowed."]},
        {"since": ["Give a cursor from this feed or an ISO 8601 time, e.g. 2026-01-31T00:00Z."]},
    ],
    ids=["one slug", "two slugs", "cursor", "NUL in a slug", "since"],
)
def test_a_400_naming_only_unknown_references_is_let_through(errors):
    assert rejected_only_for_unknown_references(CASE, response(400, errors)) is True


@pytest.mark.parametrize(
    ("status", "errors"),
    [
        (400, {"limit": ["Must be a whole number from 1 to 1000."]}),
        (400, {"search": ["Must not contain control characters."]}),
        (400, {"parent": [NOT_PUBLISHED], "limit": ["Must be a whole number from 1 to 1000."]}),
        (400, {"parent": ["Some other reason."]}),
        (400, {"search": [NOT_PUBLISHED]}),  # not a reference, whatever the message
        (400, {"cursor": ["Some other reason."]}),
        (400, None),
        (404, {"parent": [NOT_PUBLISHED]}),
    ],
    ids=[
        "limit",
        "search",
        "slug and limit",
        "slug, other reason",
        "not a reference",
        "cursor, other",
        "no errors",
        "404",
    ],
)
def test_any_other_refusal_is_still_a_finding(status, errors):
    assert rejected_only_for_unknown_references(CASE, response(status, errors)) is False


def recorded(url):
    return SimpleNamespace(request=SimpleNamespace(url=url, method="GET", headers={"Host": "localhost"}))


@pytest.fixture
def _through_the_wsgi_handler():
    # The replay goes through Django's WSGI handler, whose request signals would close the test transaction's
    # connection (PostgreSQL); the test client unhooks them the same way, as test_schemathesis.py does.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.django_db
@pytest.mark.usefixtures("_through_the_wsgi_handler")
def test_a_request_the_app_received_otherwise_than_recorded_is_sent_again_as_recorded(settings):
    settings.ALLOWED_HOSTS = ["localhost"]
    recording(application)
    RECEIVED.query_string = "search=%7B%27%5Cx1c%27%3A+%5B%27null%27%5D%7D"  # the repr the app got: valid

    again = replayed_as_recorded(recorded(f"{HOST}/api/v1/topics/?search=%1C"))
    assert again.status_code == 400  # as recorded, with a control character: refused
    assert json.loads(again.content)["errors"] == {"search": ["Must not contain control characters."]}

    RECEIVED.query_string = "search=%1C"  # received as recorded: nothing to send again
    assert replayed_as_recorded(recorded(f"{HOST}/api/v1/topics/?search=%1C")) is None
