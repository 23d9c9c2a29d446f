"""The docs pages render in a real browser under their Content-Security-Policy, with no violation reported.

Headless Debian Chromium (/usr/bin/chromium) through Playwright, as tests/e2e/ drive it; skipped where it is
missing (CI installs it). Every version in ALLOWED_VERSIONS is checked, so a new version's docs are too.
"""

import pytest
from django.conf import settings as django_settings

from tests.browser import CHROMIUM

VERSIONS = django_settings.REST_FRAMEWORK["ALLOWED_VERSIONS"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (apt-get install chromium)"),
]

# Recorded in the page before any of its scripts run: every CSP violation, as the browser reports it.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI}`);
});
"""


@pytest.fixture
def open_docs(browser, live_server):
    """Open `path` and return the page, its console messages, and the response that served it."""
    contexts = []

    def open_page(path):
        context = browser.new_context(base_url=live_server.url)
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        page.add_init_script(RECORD_VIOLATIONS)
        console = []
        page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
        response = page.goto(path)
        return page, console, response

    yield open_page
    for context in contexts:
        context.close()


# ReDoc's bundle always shows its vendor's logo from a CDN (and hides it when it fails to load). The docs
# make no third-party requests, so the policy blocks it: the one violation expected, and the only one allowed.
REDOC_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"


def assert_no_violations(page, console, expected=()):
    assert page.evaluate("window.__cspViolations") == [f"img-src blocked {url}" for url in expected]
    reported = [line for line in console if "Content Security Policy" in line]
    assert len(reported) == len(expected)


@pytest.mark.parametrize("version", VERSIONS)
def test_swagger_ui_renders_under_its_policy(open_docs, version):
    from playwright.sync_api import expect

    page, console, response = open_docs(f"/api/{version}/docs/")

    policy = response.headers["content-security-policy"]
    assert "script-src 'self' 'nonce-" in policy
    assert "'unsafe-eval'" not in policy
    # The schema was fetched and rendered: the title and the operations are on the page.
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("hipcontent API")
    expect(page.locator(".opblock").first).to_be_visible()
    assert_no_violations(page, console)


@pytest.mark.parametrize("version", VERSIONS)
def test_redoc_renders_under_its_policy(open_docs, version):
    from playwright.sync_api import expect

    page, console, response = open_docs(f"/api/{version}/redoc/")

    assert "script-src 'self' 'nonce-" in response.headers["content-security-policy"]
    expect(page.locator("h1").first).to_contain_text("hipcontent API")
    expect(page.locator(".menu-content")).to_be_visible()
    # The operations were rendered from the schema, with their own sections.
    expect(page.locator("[data-section-id^='tag/']").first).to_be_attached()
    page.wait_for_function("window.__cspViolations.length > 0")  # the logo, blocked once it is rendered
    assert_no_violations(page, console, expected=[REDOC_LOGO])


def test_an_inline_script_without_the_nonce_is_blocked(open_docs):
    # The policy is enforced, not just sent: a script injected without the nonce does not run.
    page, _, _ = open_docs("/api/v1/docs/")
    page.wait_for_function("typeof SwaggerUIBundle !== 'undefined'")

    page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.__injected = true";
          document.body.appendChild(script);
        }"""
    )

    assert page.evaluate("window.__injected === undefined")
    page.wait_for_function("window.__cspViolations.length > 0")
    assert page.evaluate("window.__cspViolations")[0].startswith("script-src")
