"""Typed readers for environment variables that fail loudly on values they cannot parse."""

import os

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def envbool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of {sorted(TRUE_WORDS | FALSE_WORDS - {''})}, got {raw!r}"
    )


def envint(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, got {raw!r}") from None


def envlist(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def envchoice(name: str, default: str, choices: list[str]) -> str:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    if raw.strip().upper() not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {choices}, got {raw!r}")
    return raw.strip().upper()


def envdatabase(name: str, url: str, **options) -> dict:
    """A DATABASES entry from a database URL, or ImproperlyConfigured naming the variable it came from."""
    import dj_database_url

    try:
        found = dj_database_url.parse(url, **options)
    except (ValueError, dj_database_url.UnknownSchemeError) as error:
        raise ImproperlyConfigured(f"{name}: {error}") from None
    if found["ENGINE"] == "django.db.backends.postgresql":
        # Django's, its health check asking the socket before it sends a query, its prepared statements
        # planned once per connection (hipcontent/postgresql).
        found["ENGINE"] = "hipcontent.postgresql"
    return found
