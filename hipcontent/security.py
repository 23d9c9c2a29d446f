"""Content-Security-Policy for what the API serves (Django 5.2 has no CSP of its own; 6.0 will).

- The docs pages (`/api/vN/docs/` Swagger UI, `/api/vN/redoc/` ReDoc) load their scripts and styles from our
  own static files (drf-spectacular-sidecar). Their one inline script each carries a per-request nonce (see
  the templates in hipcontent/templates/drf_spectacular/). Styles may be inline: both UIs write <style>
  elements and style attributes at run time, and ReDoc's styled-components cannot be given a nonce from
  outside its bundle. ReDoc renders its side menu's icons from `data:` URLs and runs its search in a worker
  made from a `blob:` URL.
- Everything else under /api/ is JSON: it may load nothing and be framed by nobody.

The admin is left to Django's own headers: its templates were not written for a CSP.
"""

import re
import secrets

DOCS_PATH = re.compile(r"^/api/v[0-9]+/(docs|redoc)/$")
API_POLICY = "default-src 'none'; frame-ancestors 'none'"


def docs_policy(nonce):
    return "; ".join(
        [
            "default-src 'none'",
            f"script-src 'self' 'nonce-{nonce}'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "worker-src 'self' blob:",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
        ]
    )


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        docs = DOCS_PATH.match(request.path)
        if docs:
            # Read by the docs templates as {{ request.csp_nonce }}.
            request.csp_nonce = secrets.token_urlsafe(18)
        response = self.get_response(request)
        if docs:
            response.setdefault("Content-Security-Policy", docs_policy(request.csp_nonce))
            # drf-spectacular relaxes this for Swagger UI's OAuth2 pop-up; our only auth is an API key.
            response["Cross-Origin-Opener-Policy"] = "same-origin"
        elif request.path.startswith("/api/"):
            response.setdefault("Content-Security-Policy", API_POLICY)
        return response


def client_address(request):
    """The client's address for the admin's sign-in limit (django-axes), read as the API's rate limiter reads
    it, so both agree behind a proxy."""
    from hipcontent.api.http.throttling import AppRateThrottle

    return AppRateThrottle().get_ident(request)
