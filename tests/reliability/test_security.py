"""Production settings pass `manage.py check --deploy`, and every response carries the security headers."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings

ROOT = Path(__file__).resolve().parents[2]
VERSIONS = django_settings.REST_FRAMEWORK["ALLOWED_VERSIONS"]

# The environment docs/production-settings.md tells operators to set.
PRODUCTION_ENV = {
    "DEBUG": "0",
    "ALLOWED_HOSTS": "api.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://api.example.org",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
    "SECURE_HSTS_PRELOAD": "1",
    "BEHIND_TLS_PROXY": "1",
}


def run_deploy_check(**env):
    """`manage.py check --deploy` in a fresh process, so settings.py reads these variables itself."""
    environment = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/tmp"),
        "SECRET_KEY": secrets.token_urlsafe(50),
        **PRODUCTION_ENV,
        **env,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check():
    result = run_deploy_check()

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."
    assert result.stderr == ""


def test_the_deploy_check_catches_a_missing_https_setting():
    # The check above passes because of the settings, not because it checks nothing.
    result = run_deploy_check(SECURE_HSTS_SECONDS="0", SECURE_SSL_REDIRECT="0")

    assert result.returncode == 1
    assert "security.W004" in result.stderr  # no HSTS
    assert "security.W008" in result.stderr  # no redirect to HTTPS


def test_production_refuses_to_start_without_a_secret_key():
    result = run_deploy_check(SECRET_KEY="")

    assert result.returncode == 1
    assert "SECRET_KEY must be set when DEBUG is off." in result.stderr


# ------------------------------------------------------------------------------------ headers

COMMON_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
API_POLICY = "default-src 'none'; frame-ancestors 'none'"


def assert_common_headers(response):
    for name, value in COMMON_HEADERS.items():
        assert response[name] == value, name


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize(
    ("path", "status"),
    [("topics/", 200), ("topics/hip-pain-buttock-discomfort/", 200), ("topics/nope/", 404), ("schema/", 200)],
)
def test_api_responses_carry_the_security_headers_and_a_strict_policy(seed, client, version, path, status):
    response = client.get(f"/api/{version}/{path}")

    assert response.status_code == status
    assert_common_headers(response)
    assert response["Content-Security-Policy"] == API_POLICY
    # HSTS only where it is configured, and only over HTTPS.
    assert "Strict-Transport-Security" not in response


@pytest.mark.parametrize("version", VERSIONS)
# Swagger UI starts from one inline script; ReDoc, without REDOC_UI_SETTINGS, from none (<redoc spec-url>).
@pytest.mark.parametrize(("page", "inline_scripts"), [("docs", 1), ("redoc", 0)])
def test_docs_pages_get_a_policy_with_a_fresh_nonce_for_their_inline_script(
    client, version, page, inline_scripts
):
    first, second = client.get(f"/api/{version}/{page}/"), client.get(f"/api/{version}/{page}/")

    assert first.status_code == 200
    assert_common_headers(first)
    nonces = []
    for response in (first, second):
        policy = dict(
            directive.split(" ", 1) for directive in response["Content-Security-Policy"].split("; ")
        )
        assert set(policy) == {
            "default-src",
            "script-src",
            "style-src",
            "img-src",
            "font-src",
            "connect-src",
            "worker-src",
            "base-uri",
            "form-action",
            "frame-ancestors",
        }
        assert policy["default-src"] == "'none'"
        assert policy["frame-ancestors"] == "'none'"
        nonce = policy["script-src"].removeprefix("'self' 'nonce-").removesuffix("'")
        assert len(nonce) >= 22
        # Every inline script on the page carries it; scripts from files come from our own static files.
        html = response.content.decode()
        assert html.count("<script>") == 0
        assert html.count(f'<script nonce="{nonce}">') == inline_scripts
        nonces.append(nonce)
    assert nonces[0] != nonces[1]


def test_the_admin_and_probes_are_left_without_the_api_policy(db, client):
    for path in ("/admin/login/", "/healthz", "/readyz"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert_common_headers(response)
        assert "Content-Security-Policy" not in response, path


def test_hsts_is_sent_over_https_when_configured(seed, client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True

    response = client.get("/api/v1/topics/", secure=True)

    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert "Strict-Transport-Security" not in client.get("/api/v1/topics/")


def test_probes_are_not_redirected_to_https(db, client, settings):
    settings.SECURE_SSL_REDIRECT = True

    assert client.get("/api/v1/topics/").status_code == 301
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 200
