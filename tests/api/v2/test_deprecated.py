"""v2 is deprecated by the README's policy now that v3 has shipped (2026-11-30): from no earlier than 90 days
after that, with a sunset no earlier than 12 months after the deprecation. Every v2 response says so, and
points at v3's documentation, whose description says what changed; v1 and v3 carry nothing."""

from datetime import date

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

V3_SHIPPED = date(2026, 11, 30)


def test_the_dates_keep_the_policy():
    entry = settings.API_DEPRECATED_VERSIONS["v2"]
    deprecated, sunset = date.fromisoformat(entry["deprecated"]), date.fromisoformat(entry["sunset"])

    assert (deprecated - V3_SHIPPED).days >= 90
    assert sunset >= deprecated.replace(year=deprecated.year + 1)
    assert set(settings.API_DEPRECATED_VERSIONS) == {"v2"}


@pytest.mark.parametrize("path", ["/api/v2/", "/api/v2/conditions/", "/api/v2/conditions/no-such/"])
def test_every_v2_response_carries_the_deprecation(api, path):
    response = api.get(path)

    assert response["Deprecation"] == "@1803859200"  # 2027-03-01T00:00:00Z
    assert response["Sunset"] == "Wed, 01 Mar 2028 00:00:00 GMT"
    assert response["Link"].startswith('<http://testserver/api/v3/redoc/>; rel="deprecation"')


@pytest.mark.parametrize("path", ["/api/v1/conditions/", "/api/v3/conditions/"])
def test_the_other_versions_carry_none(api, path):
    response = api.get(path)

    assert {"Deprecation", "Sunset"} & set(response.headers) == set()


def test_the_link_leads_to_the_notes_on_moving_from_v2(api):
    schema = api.get("/api/v3/schema/").content.decode()

    assert "## Moving from v2" in schema
