"""A malformed setting stops `manage.py check` (and so `migrate`, `runserver`, `make run`) by name, instead
of a server that starts and answers 500s."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

ROOT = Path(__file__).resolve().parent.parent


def check_errors():
    """The messages `manage.py check` stops with, or [] when it passes."""
    try:
        call_command("check", stdout=open(os.devnull, "w"))  # noqa: SIM115
    except SystemCheckError as error:
        return [line.strip() for line in str(error).splitlines() if "hipcontent.E" in line]
    return []


def test_the_project_settings_pass():
    assert check_errors() == []


@pytest.mark.parametrize(
    ("setting", "value", "expected"),
    [
        (
            "API_ANON_RATE",
            "sixty",
            "?: (hipcontent.E001) API_ANON_RATE: 'sixty' is not a rate: write a number of requests per "
            'second, minute, hour or day, "60/minute".',
        ),
        (
            "API_KEY_RATE",
            "600/fortnight",
            "?: (hipcontent.E002) API_KEY_RATE: '600/fortnight' is not a rate: write a number of "
            'requests per second, minute, hour or day, "60/minute".',
        ),
        ("API_CACHE_MAX_AGE", -1, "?: (hipcontent.E004) API_CACHE_MAX_AGE: must be 0 or more, got -1."),
        (
            "API_REPRESENTATION_CACHE_SECONDS",
            0,
            "?: (hipcontent.E004) API_REPRESENTATION_CACHE_SECONDS: must be 1 or more, got 0.",
        ),
        ("REVIEW_INTERVAL_DAYS", 0, "?: (hipcontent.E004) REVIEW_INTERVAL_DAYS: must be 1 or more, got 0."),
        ("SECURE_HSTS_SECONDS", -5, "?: (hipcontent.E004) SECURE_HSTS_SECONDS: must be 0 or more, got -5."),
        (
            "API_SNAPSHOT_BUILD_ON_REQUEST",
            -1,
            "?: (hipcontent.E004) API_SNAPSHOT_BUILD_ON_REQUEST: must be 0 or more, got -1.",
        ),
        (
            "REDIS_URL",
            "localhost:6379",
            "?: (hipcontent.E005) REDIS_URL: 'localhost:6379' is not a Redis URL.",
        ),
        (
            "API_DEPRECATED_VERSIONS",
            {"v9": {"deprecated": "2027-01-01", "link": "/x"}},
            "?: (hipcontent.E003) API_DEPRECATED_VERSIONS: 'v9' is not an API version (v1, v2, v3, v4).",
        ),
        (
            "API_DEPRECATED_VERSIONS",
            {"v1": {"deprecated": "soon", "link": "/x"}},
            "?: (hipcontent.E003) API_DEPRECATED_VERSIONS: API_DEPRECATED_VERSIONS['v1']['deprecated'] "
            "is not an ISO 8601 date: 'soon'",
        ),
        (
            "API_DEPRECATED_VERSIONS",
            {"v1": {"deprecated": "2027-01-01"}},
            "?: (hipcontent.E003) API_DEPRECATED_VERSIONS: API_DEPRECATED_VERSIONS['v1'] needs link",
        ),
    ],
)
def test_a_malformed_setting_fails_the_check_by_name(setting, value, expected):
    with override_settings(**{setting: value}):
        assert check_errors() == [expected]


def test_a_page_size_beyond_the_maximum_fails_the_check(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "PAGE_SIZE": 1000}
    assert check_errors() == ["?: (hipcontent.E004) API_PAGE_SIZE: must be from 1 to 100, got 1000."]


def test_a_snapshot_directory_that_cannot_be_made_fails_the_check(settings, tmp_path):
    (tmp_path / "a-file").write_text("")
    settings.API_SNAPSHOT_DIR = tmp_path / "a-file" / "snapshots"

    assert check_errors() == [
        f"?: (hipcontent.E008) API_SNAPSHOT_DIR: '{tmp_path}/a-file/snapshots' is not a directory this "
        "process can write to, or create."
    ]


def test_a_snapshot_directory_still_to_be_made_passes(settings, tmp_path):
    settings.API_SNAPSHOT_DIR = tmp_path / "var" / "snapshots"

    assert check_errors() == []


def manage(*args, **env):
    """Run manage.py in a fresh process with `env` added to a clean, DEBUG-off environment."""
    base = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "REDIS_URL"}}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, "SECRET_KEY": "test-only", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_check_command_exits_non_zero_naming_the_setting():
    result = manage("check", API_ANON_RATE="60 per minute")
    assert result.returncode == 1
    assert "(hipcontent.E001) API_ANON_RATE: '60 per minute' is not a rate" in result.stderr


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        (
            "LOG_LEVEL",
            "LOUD",
            "LOG_LEVEL must be one of ['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL'], got 'LOUD'",
        ),
        ("DATABASE_URL", "mysqlx://db/x", "DATABASE_URL: Scheme 'mysqlx://' is unknown."),
        ("API_CACHE_MAX_AGE", "a minute", "API_CACHE_MAX_AGE must be a whole number, got 'a minute'"),
    ],
)
def test_a_value_that_cannot_be_read_stops_the_process_by_name(variable, value, expected):
    result = manage("check", **{variable: value})
    assert result.returncode == 1
    assert f"django.core.exceptions.ImproperlyConfigured: {expected}" in result.stderr
