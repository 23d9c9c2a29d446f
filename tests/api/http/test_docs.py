"""The docs pages (v1's Swagger UI and ReDoc, routes every version shares) load every script, stylesheet and
font from this server."""

from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.test.utils import override_settings


class AssetParser(HTMLParser):
    """The URLs of the scripts, stylesheets, icons and preconnects an HTML page loads."""

    def __init__(self):
        super().__init__()
        self.assets = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("src"):
            self.assets.append(attrs["src"])
        if tag == "link" and attrs.get("href"):
            self.assets.append(attrs["href"])


def assets_of(html):
    parser = AssetParser()
    parser.feed(html)
    return parser.assets


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory):
    """collectstatic, as `make serve` runs it: the docs use the hashed names of the manifest storage."""
    root = tmp_path_factory.mktemp("staticfiles")
    with override_settings(STATIC_ROOT=root):
        call_command("collectstatic", interactive=False, verbosity=0)
    return root


@pytest.fixture
def static_root(collected_static, settings):
    settings.STATIC_ROOT = collected_static
    return collected_static


def render(api, path):
    response = api.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    return response.content.decode()


def assert_served_locally(assets, static_root):
    assert assets
    for asset in assets:
        assert asset.startswith("/static/"), asset
        assert (static_root / asset.removeprefix("/static/")).is_file(), asset


def test_swagger_ui_renders_with_local_assets_only(api, db, static_root):
    html = render(api, "/api/v1/docs/")

    assert "SwaggerUIBundle" in html
    assert '"/api/v1/schema/"' in html
    assert_served_locally(assets_of(html), static_root)
    assert "http://" not in html
    assert "https://" not in html
    assert "cdn.jsdelivr" not in html


def test_redoc_renders_with_local_assets_only(api, db, static_root):
    html = render(api, "/api/v1/redoc/")

    assert '<redoc spec-url="/api/v1/schema/">' in html
    assert_served_locally(assets_of(html), static_root)
    assert "http://" not in html
    assert "https://" not in html
    assert "cdn.jsdelivr" not in html
    assert "fonts.googleapis" not in html
