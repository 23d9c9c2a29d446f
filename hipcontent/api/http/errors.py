"""Every API error is an RFC 9457 problem: `application/problem+json` with type, title, status and detail.

A bad parameter adds `errors`: each parameter's problems. v1 clients that read `detail` and `errors` see
what they always did; the other members were added.

A database that cannot be reached (refused, gone away, failing over) is a 503 with Retry-After, not a 500:
the request was fine and will work again. Reads that need no database (a representation cached at the
revision kept in Redis) keep answering 200 meanwhile.
"""

from http import HTTPStatus

from django.db import InterfaceError, OperationalError
from django.http import JsonResponse
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.views import exception_handler as drf_exception_handler

from hipcontent.api.http.outage import database

PROBLEM_CONTENT_TYPE = "application/problem+json"
INVALID_PARAMETERS = "Invalid request parameters."
# Seconds a client should wait before retrying while the database is unavailable.
DATABASE_RETRY_AFTER = 5


class ProblemSerializer(serializers.Serializer):
    type = serializers.CharField(
        help_text='A URI reference naming the kind of problem; "about:blank" for plain HTTP.'
    )
    title = serializers.CharField(help_text="A short summary of the kind of problem.")
    status = serializers.IntegerField(help_text="The HTTP status code.")
    detail = serializers.CharField(help_text="What went wrong this time, in plain words.")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="For invalid parameters: each parameter's problems.",
    )


def problem(status, detail, **members):
    return {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        **members,
    }


# What a database that cannot be reached raises: answered as a 503 problem (database_unavailable), here and by
# the fast path's hand-over to DRF (fast.py), which must agree on it.
DATABASE_UNREACHABLE = (OperationalError, InterfaceError)


def exception_handler(exc, context):
    if isinstance(exc, DATABASE_UNREACHABLE):
        return database_unavailable(exc)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # a 500: Django's handler500 answers it
    if isinstance(exc, ValidationError) and not (
        isinstance(response.data, dict) and "detail" in response.data
    ):
        errors = response.data if isinstance(response.data, dict) else {"non_field_errors": response.data}
        response.data = problem(response.status_code, INVALID_PARAMETERS, errors=errors)
    else:
        response.data = problem(response.status_code, str(response.data.get("detail", "")))
    response.content_type = PROBLEM_CONTENT_TYPE
    return response


def database_unavailable(exc):
    # Logged at most every 30 s. The broken connection is closed when the request finishes (Django closes a
    # connection that had errors and is no longer usable), so the next request connects afresh.
    database.failed("answer a read", exc)
    detail = "The service is temporarily unavailable. Try again later."
    response = _problem_response(503, detail)
    response["Retry-After"] = str(DATABASE_RETRY_AFTER)
    return response


def _problem_response(status, detail):
    return JsonResponse(problem(status, detail), status=status, content_type=PROBLEM_CONTENT_TYPE)


def not_found(request, exception=None):
    """JSON 404 for any path under /api/ that no route matches (an unknown version, a typo)."""
    return _problem_response(404, f"No API resource at {request.path}.")


def bad_request(request, exception):
    """handler400 (a Host not in ALLOWED_HOSTS, a suspicious request): under /api/ a problem document;
    elsewhere Django's own page."""
    if request.path.startswith("/api/"):
        return _problem_response(400, "Bad request: the Host header or the request is not acceptable.")
    from django.views.defaults import bad_request as django_bad_request

    return django_bad_request(request, exception)


def page_not_found(request, exception):
    """handler404: under /api/ a problem document (e.g. /api/v1/topics/x without the slash, when no route
    answers it); elsewhere Django's own page."""
    if request.path.startswith("/api/"):
        return not_found(request)
    from django.views.defaults import page_not_found as django_page_not_found

    return django_page_not_found(request, exception)


def server_error(request):
    """A 500 under /api/ is a problem document too; elsewhere (the admin) Django's own page."""
    if request.path.startswith("/api/"):
        return _problem_response(500, "Something went wrong on our side. It has been logged.")
    from django.views.defaults import server_error as django_server_error

    return django_server_error(request)
