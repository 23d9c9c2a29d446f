"""Deprecation headers for API versions marked deprecated in settings.API_DEPRECATED_VERSIONS.

    API_DEPRECATED_VERSIONS = {
        "v1": {"deprecated": "2027-03-01", "sunset": "2028-03-01", "link": "https://…/migrating-v1-to-v2"},
    }

Every response under /api/<version>/ then carries
    Deprecation: @<unix seconds>                 (RFC 9745)
    Sunset: <HTTP-date>                          (RFC 8594; only when a sunset is set)
    Link: <link>; rel="deprecation", <link>; rel="sunset"

It is a middleware, not a DRF mixin, because "every response" includes the ones no API view makes: the JSON
404 for an unknown path under the version, the redirect that adds a trailing slash, a 500, and the schema
and docs pages. It sits just inside SecurityMiddleware, so it sees the final response of all of them,
304s included. `document_headers` declares the same headers in a deprecated version's OpenAPI schema, on
every response of every operation: an addition, which the breaking-change gate lets through.

The settings are read on every request (a dict lookup when nothing is deprecated), so override_settings
in tests and a settings change at deploy both apply at once; they are also checked when the middleware
loads, so a typo stops the process from starting rather than sending a wrong header.
"""

import re
from datetime import UTC, date, datetime, time

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.http import http_date

VERSION_IN_PATH = re.compile(r"^/api/(v\d+)/")


def _moment(value, name, version):
    """A date or ISO 8601 date-time (UTC unless it says otherwise) as a UTC datetime."""
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime.combine(value, time.min)
    else:
        try:
            moment = datetime.fromisoformat(str(value))
        except ValueError:
            raise ImproperlyConfigured(
                f"API_DEPRECATED_VERSIONS[{version!r}][{name!r}] is not an ISO 8601 date: {value!r}"
            ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def policy(version):
    """(deprecated, sunset or None, link) for a deprecated `version`, or None when it is not deprecated."""
    entry = settings.API_DEPRECATED_VERSIONS.get(version)
    if entry is None:
        return None
    missing = {"deprecated", "link"} - set(entry)
    if missing:
        raise ImproperlyConfigured(f"API_DEPRECATED_VERSIONS[{version!r}] needs {', '.join(sorted(missing))}")
    deprecated = _moment(entry["deprecated"], "deprecated", version)
    sunset = _moment(entry["sunset"], "sunset", version) if entry.get("sunset") else None
    if sunset and sunset <= deprecated:
        raise ImproperlyConfigured(
            f"API_DEPRECATED_VERSIONS[{version!r}]: the sunset must follow the deprecation"
        )
    return deprecated, sunset, entry["link"]


def headers(version, request):
    """The deprecation headers of `version` ({} when it is not deprecated)."""
    found = policy(version)
    if found is None:
        return {}
    deprecated, sunset, link = found
    # A path (/docs/...) is made absolute: Link targets are URI references, but apps resolve them less often.
    link = request.build_absolute_uri(link) if link.startswith("/") else link
    values = {"Deprecation": f"@{int(deprecated.timestamp())}"}
    links = [f'<{link}>; rel="deprecation"; type="text/html"']
    if sunset:
        values["Sunset"] = http_date(sunset.timestamp())
        links.append(f'<{link}>; rel="sunset"; type="text/html"')
    values["Link"] = ", ".join(links)
    return values


class DeprecationMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        for version in settings.API_DEPRECATED_VERSIONS:
            policy(version)

    def __call__(self, request):
        response = self.get_response(request)
        match = VERSION_IN_PATH.match(request.path_info)
        if match:
            for name, value in headers(match.group(1), request).items():
                # Keep any Link the view set (none does today): Link is a list.
                response[name] = (
                    f"{response[name]}, {value}" if name == "Link" and name in response else value
                )
        return response


HEADER_DOCS = {
    "Deprecation": "RFC 9745: when this API version was (or will be) deprecated, as `@` and Unix seconds.",
    "Sunset": "RFC 8594: the HTTP date after which this API version may stop answering.",
    "Link": 'The migration notes, as `rel="deprecation"` (and `rel="sunset"`).',
}


def document_headers(result, generator, **kwargs):
    """drf-spectacular hook: a deprecated version's schema declares its deprecation headers on every response.

    A version that is not deprecated is left exactly as it was, so its committed schema does not change.
    """
    found = policy(generator.api_version) if generator.api_version else None
    if found is None:
        return result
    _, sunset, _ = found
    names = [name for name in HEADER_DOCS if name != "Sunset" or sunset]
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            operation["deprecated"] = True
            if sunset:
                # oasdiff reads x-sunset: removing the path before that date is then an error of its own.
                operation["x-sunset"] = sunset.date().isoformat()
            for response in operation["responses"].values():
                headers = response.setdefault("headers", {})
                for name in names:
                    headers[name] = {"schema": {"type": "string"}, "description": HEADER_DOCS[name]}
    return result
