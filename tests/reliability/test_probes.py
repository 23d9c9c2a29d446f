"""Probes answer whatever the Host: under the production ALLOWED_HOSTS (docs/production-settings.md), the
compose healthcheck, Kubernetes and load balancers address each instance by its IP. Any other request with a
Host outside ALLOWED_HOSTS is still refused: under /api/ with a problem document."""

import pytest

pytestmark = pytest.mark.django_db

INSTANCE_IP = "10.0.3.17:8000"


@pytest.fixture(autouse=True)
def production_hosts(settings):
    settings.ALLOWED_HOSTS = ["api.example.org"]
    settings.REDIS_URL = ""  # readiness asks only the database here


@pytest.mark.parametrize("host", [INSTANCE_IP, "[fd00::17]:8000", "api.example.org", "evil.example"])
def test_liveness_answers_whatever_the_host(client, host):
    response = client.get("/healthz", HTTP_HOST=host)

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.parametrize("host", [INSTANCE_IP, "api.example.org"])
def test_readiness_answers_whatever_the_host(client, host):
    response = client.get("/readyz", HTTP_HOST=host)

    assert response.status_code == 200
    assert response.json() == {"status": "ready", "checks": {"database": "ok"}}
    assert "no-cache" in response["Cache-Control"]


def test_the_probes_keep_the_security_headers(client):
    response = client.get("/healthz", HTTP_HOST=INSTANCE_IP)

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def test_a_disallowed_host_under_the_api_is_a_400_problem(client):
    response = client.get("/api/v1/topics/", HTTP_HOST=INSTANCE_IP)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json() == {
        "type": "about:blank",
        "title": "Bad Request",
        "status": 400,
        "detail": "Bad request: the Host header or the request is not acceptable.",
    }


def test_an_allowed_host_is_served(client):
    assert client.get("/api/v1/topics/", HTTP_HOST="api.example.org").status_code == 200


def test_a_disallowed_host_elsewhere_gets_djangos_page(client):
    response = client.get("/admin/login/", HTTP_HOST=INSTANCE_IP)

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")


def test_only_reads_of_the_probe_paths_skip_the_host_check(client):
    assert client.post("/healthz", HTTP_HOST=INSTANCE_IP).status_code == 400
