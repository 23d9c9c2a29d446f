"""Browser fixtures for the end-to-end tests: one headless Chromium per module, a fresh context per user.

The browser is Debian's Chromium (/usr/bin/chromium); Playwright never downloads one. Tests here are
skipped where it is missing (tests/e2e/test_*.py check that); CI installs it, so there they always run.
"""

from pathlib import Path

import pytest

VIEWPORT = {"width": 1280, "height": 900}
# Where the tests write the screenshots the README shows.
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PASSWORD = "e2e-Browser-pass-7381"


@pytest.fixture
def new_page(browser, live_server):
    """Open a page in a fresh browser context (its own cookies: one user each); all close after the test."""
    contexts = []

    def open_page():
        context = browser.new_context(base_url=live_server.url, viewport=VIEWPORT)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def login():
    """Log `page` in to the admin as `username`, through the login form."""
    from playwright.sync_api import expect

    def log_in(page, username):
        page.goto("/admin/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        expect(page.locator("#user-tools")).to_contain_text(username)
        return page

    return log_in


@pytest.fixture
def screenshot():
    """Save a PNG of `page` as docs/screenshots/<name>.png: the full page, or what the window shows (where the
    point is at the top of a long page)."""

    def save(page, name, *, full_page=True):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return save
