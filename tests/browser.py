"""Debian's Chromium for the browser tests (tests/e2e/, tests/reliability/test_docs_csp.py), via Playwright.

Playwright never downloads a browser here. tests/conftest.py loads this module as a plugin, so every test
module can ask for `browser`: one headless Chromium per module.
"""

from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API drives the browser from an asyncio event loop that it runs in the test's own
    # thread. Django refuses ORM calls from a thread with a running event loop (SynchronousOnlyOperation), so
    # the test's own database work (seed, users, the transactional flush at teardown) would fail. Nothing
    # here is async code sharing a connection: the ORM is used synchronously from the test thread, and the
    # live server answers the browser from its own thread. So the check is relaxed while the loop exists.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        )
        yield browser
        browser.close()
