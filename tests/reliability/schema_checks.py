"""Two of schemathesis's checks, made to judge the request the app really received:

- positive_data_acceptance (ST202: a request the schema allows must not be refused), narrowed to what a
  schema can say;
- negative_data_rejection (ST201: a request the schema forbids must be refused), on the request schemathesis
  meant to send. Its WSGI transport (4.32) sends a query parameter it generated as an object as the object's
  Python repr (`search={'\\x1c': ['null']}`, a valid string), while it records and prints as curl the
  object's key (`search=%1C`, a control character): the app accepted a valid request, and schemathesis
  reports the invalid one as accepted. When what the app received differs from what was recorded, the
  recorded request is sent again as recorded, and must be refused.
"""

import threading
from urllib.parse import parse_qsl, urlsplit

import schemathesis
from schemathesis.core.transport import Response
from werkzeug.test import Client

RECEIVED = threading.local()


def recording(application):
    """The WSGI app, noting the query string of each request it receives."""

    def app(environ, start_response):
        RECEIVED.query_string = environ.get("QUERY_STRING", "")
        return application(environ, start_response)

    RECEIVED.app = app
    return app


# A filter that names a published item by slug (`?parent=`, `?topic=`: "The slug of a published ...") and a
# v2/v3 `cursor` take values no schema can list: which slugs are published changes with every publish, and a
# cursor is valid only if the list issued it. A well-formed value naming nothing is a documented 400. Every
# other value the schema allows must be accepted: limits and patterns the server enforces are declared (the
# released versions took them through openapi/accepted-narrowings.yaml).
NOT_PUBLISHED = "Select a valid choice. That choice is not one of the available choices."
# Django's forms refuse NUL in any text before looking the slug up: a slug with one names nothing either.
NUL = "Null characters are not allowed."
NOT_ISSUED = "Not a cursor from this list"
# changes/?since: a cursor this feed issued, or an ISO 8601 time.
NOT_ISSUED_SINCE = "Give a cursor from this feed or an ISO 8601 time"


def rejected_only_for_unknown_references(case, response):
    if response.status_code != 400:
        return False
    errors = response.json().get("errors")
    if not errors:
        return False
    references = {
        parameter.name
        for parameter in case.operation.query
        if (parameter.definition.get("description") or "").startswith("The slug of a published ")
    }
    for name, messages in errors.items():
        if name in references and len(messages) == 1 and messages[0] in (NOT_PUBLISHED, NUL):
            continue
        if name == "cursor" and len(messages) == 1 and messages[0].startswith(NOT_ISSUED):
            continue
        if name == "since" and len(messages) == 1 and messages[0].startswith(NOT_ISSUED_SINCE):
            continue
        return False
    return True


def positive_data_acceptance_but_for_unknown_references(ctx, response, case):
    """schemathesis's positive_data_acceptance, except for a 400 that names only unknown references."""
    if rejected_only_for_unknown_references(case, response):
        return None
    return schemathesis.checks.positive_data_acceptance(ctx, response, case)


def replayed_as_recorded(response):
    """When the app received another query than schemathesis recorded for `response`: the app's answer to
    the request as recorded (same method, path and headers). Otherwise None."""
    received = getattr(RECEIVED, "query_string", None)
    recorded = urlsplit(response.request.url)
    if received is None or parse_qsl(received, keep_blank_values=True) == parse_qsl(
        recorded.query, keep_blank_values=True
    ):
        return None
    again = Client(RECEIVED.app).open(
        recorded.path,
        method=response.request.method,
        query_string=recorded.query,
        headers=dict(response.request.headers),
    )
    return Response.from_wsgi(again)


def negative_data_rejection_as_recorded(ctx, response, case):
    """schemathesis's negative_data_rejection, on the request it recorded when the app received another."""
    return schemathesis.checks.negative_data_rejection(ctx, replayed_as_recorded(response) or response, case)
