"""v4 ships beside v3 without deprecating it (README: deprecation policy: no earlier than 90 days after v4
ships), with its own docs, and a schema that says what v4 is and sends readers to v4's own vocabulary."""

import pytest
import yaml


@pytest.mark.parametrize("path", ["/api/v3/conditions/", "/api/v4/conditions/", "/api/v4/docs/"])
def test_neither_v3_nor_v4_is_deprecated(api, db, path):
    response = api.get(path)

    assert response.status_code == 200
    assert {"Deprecation", "Sunset", "Link"} & set(response.headers) == set()


def test_v4s_schema_says_what_changed_from_v3_and_points_at_its_own_vocabulary(api, db):
    response = api.get("/api/v4/schema/")
    text = response.content.decode()
    schema = yaml.safe_load(text)

    assert response.status_code == 200
    assert schema["info"]["version"] == "4.0.0"
    assert "## Moving from v3" in schema["info"]["description"]
    assert "hc:assessedUrgency" in schema["info"]["description"]
    assert "/api/v3/" not in text  # no path, no description sends a v4 reader to v3
    assert "see /api/v4/vocab/" in text
    assert "deprecated: true" not in text
    assert "UrgencyEnum:" not in text and "UrgencyWithNotAssessedEnum:" in text


@pytest.mark.parametrize("page", ["docs", "redoc"])
def test_v4_has_its_own_docs_pages_on_its_own_schema(api, db, page):
    response = api.get(f"/api/v4/{page}/")

    assert response.status_code == 200
    assert "/api/v4/schema/" in response.content.decode()
