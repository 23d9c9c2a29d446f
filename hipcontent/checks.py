"""System checks for the settings hipcontent reads from the environment (README: configuration).

`manage.py check`, `migrate` and `runserver` (so `make run`) stop on an error here, naming the setting and
what is wrong with it, instead of a server that starts and then answers 500s. Values that cannot even be
parsed into settings (a word for a number, an unknown database scheme) fail earlier, in hipcontent/env.py.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured

from conditions.models.integrations import parse_rate
from hipcontent.api.http import deprecation
from hipcontent.api.http.pagination import MAX_PAGE_SIZE

REDIS_SCHEMES = {"redis", "rediss", "unix"}


def _error(number, setting, problem, hint=None):
    return Error(f"{setting}: {problem}", hint=hint, id=f"hipcontent.E{number:03d}")


@register()
def rates(app_configs, **kwargs):
    errors = []
    for number, name in ((1, "API_ANON_RATE"), (2, "API_KEY_RATE")):
        try:
            parse_rate(getattr(settings, name))
        except ValueError as problem:
            errors.append(_error(number, name, str(problem)))
    return errors


@register()
def deprecated_versions(app_configs, **kwargs):
    errors = []
    versions = settings.REST_FRAMEWORK.get("ALLOWED_VERSIONS", [])
    for version in settings.API_DEPRECATED_VERSIONS:
        if version not in versions:
            errors.append(
                _error(
                    3,
                    "API_DEPRECATED_VERSIONS",
                    f"{version!r} is not an API version ({', '.join(versions)}).",
                )
            )
            continue
        try:
            deprecation.policy(version)
        except ImproperlyConfigured as problem:
            errors.append(_error(3, "API_DEPRECATED_VERSIONS", str(problem)))
    return errors


@register()
def numbers(app_configs, **kwargs):
    # (setting, value, smallest allowed, largest allowed or None)
    page_size = settings.REST_FRAMEWORK.get("PAGE_SIZE")
    bounds = [
        ("API_CACHE_MAX_AGE", settings.API_CACHE_MAX_AGE, 0, None),
        ("API_REPRESENTATION_CACHE_SECONDS", settings.API_REPRESENTATION_CACHE_SECONDS, 1, None),
        ("API_PAGE_SIZE", page_size, 1, MAX_PAGE_SIZE),
        ("REVIEW_INTERVAL_DAYS", settings.REVIEW_INTERVAL_DAYS, 1, None),
        ("SECURE_HSTS_SECONDS", settings.SECURE_HSTS_SECONDS, 0, None),
        ("API_SNAPSHOT_BUILD_ON_REQUEST", settings.API_SNAPSHOT_BUILD_ON_REQUEST, 0, None),
    ]
    max_age = settings.DATABASES["default"].get("CONN_MAX_AGE")
    if max_age is not None:  # None: connections are kept for ever, which Django allows
        bounds.append(("DATABASE_CONN_MAX_AGE", max_age, 0, None))
    errors = []
    for name, value, low, high in bounds:
        if value < low or (high is not None and value > high):
            allowed = f"from {low} to {high}" if high is not None else f"{low} or more"
            errors.append(_error(4, name, f"must be {allowed}, got {value}."))
    return errors


@register()
def redis_url(app_configs, **kwargs):
    url = settings.REDIS_URL
    if url and urlsplit(url).scheme not in REDIS_SCHEMES:
        return [
            _error(
                5,
                "REDIS_URL",
                f"{url!r} is not a Redis URL.",
                hint="Write redis://host:6379/0 (rediss:// for TLS, unix:// for a socket) or leave it out.",
            )
        ]
    return []


@register()
def vocabulary_iri(app_configs, **kwargs):
    iri = settings.HC_VOCABULARY_IRI
    parts = urlsplit(iri) if isinstance(iri, str) else None
    if parts and parts.scheme in ("http", "https") and parts.netloc and iri[-1] in "#/":
        return []
    return [
        _error(
            6,
            "HC_VOCABULARY_IRI",
            f"{iri!r} is not an absolute http(s) namespace IRI ending in # or /.",
            hint='e.g. "https://w3id.org/hipcontent/vocab#": the same in every deployment.',
        )
    ]


@register()
def self_approval(app_configs, **kwargs):
    value = settings.REVIEW_ALLOW_SELF_APPROVAL
    if not isinstance(value, bool):
        return [_error(7, "REVIEW_ALLOW_SELF_APPROVAL", f"must be True or False, got {value!r}.")]
    return []


@register()
def snapshot_dir(app_configs, **kwargs):
    # The web process and the worker write snapshot files there (hipcontent/api/snapshot.py): a directory
    # that cannot be written would only show as 500s on /snapshot/ later.
    directory = Path(settings.API_SNAPSHOT_DIR)
    existing = next((path for path in (directory, *directory.parents) if path.exists()), None)
    if existing is not None and existing.is_dir() and os.access(existing, os.W_OK | os.X_OK):
        return []
    return [
        _error(
            8,
            "API_SNAPSHOT_DIR",
            f"{str(directory)!r} is not a directory this process can write to, or create.",
            hint="Point it at a writable directory that the web processes and the worker share.",
        )
    ]
