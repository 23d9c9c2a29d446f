"""App API keys: which app is calling, found once per request.

An app sends its key as `X-Api-Key: <key>` (the API_KEY_CUSTOM_HEADER setting) or as
`Authorization: Api-Key <key>`. No key at all is an anonymous caller, which is allowed (at the anonymous
rate). A key that is sent but is unknown, revoked or expired is a 401: it is never quietly treated as
anonymous, so an app learns at once that its key stopped working instead of being throttled at the lower
anonymous rate.

`resolve_app_key()` does the one database lookup a request needs and keeps the answer on the request, so
`AppKeyAuthentication` (which sets `request.auth` to the AppKey) and the throttle share it. The throttle calls
it too, so keys are checked even in a view whose authentication classes leave the authenticator out.
The documentation pages (drf-spectacular's views) ignore keys entirely.
"""

from django.conf import settings
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions, status
from rest_framework.authentication import BaseAuthentication

from hipcontent.api.http.state import UNRESOLVED, state

AUTHORIZATION_KEYWORD = "Api-Key"
WWW_AUTHENTICATE = f'{AUTHORIZATION_KEYWORD} realm="api"'
INVALID_KEY = "This API key is not valid: it is unknown, revoked or expired."
TWO_KEYS = "Two different API keys were sent: send the key in X-Api-Key or in Authorization, not both."


class InvalidAPIKey(exceptions.APIException):
    """401 for a key that was sent but cannot be used.

    Not a subclass of AuthenticationFailed on purpose: DRF turns that into a 403 in views without an
    authenticator, and the throttle raises this too. `auth_header` gives the 401 its WWW-Authenticate.
    """

    status_code = status.HTTP_401_UNAUTHORIZED
    default_detail = INVALID_KEY
    default_code = "invalid_api_key"
    auth_header = WWW_AUTHENTICATE


def key_from_request(request):
    """The key string the client sent, or None when it sent none. Raises InvalidAPIKey if the two disagree."""
    header_name = getattr(settings, "API_KEY_CUSTOM_HEADER", "HTTP_X_API_KEY")
    from_header = request.META.get(header_name, "").strip() or None

    from_authorization = None
    keyword, _, credentials = request.META.get("HTTP_AUTHORIZATION", "").strip().partition(" ")
    if keyword.lower() == AUTHORIZATION_KEYWORD.lower():
        # "Authorization: Api-Key" with nothing after it is a key that is not valid, not a missing one.
        from_authorization = credentials.strip()

    if from_header and from_authorization and from_authorization != from_header:
        raise InvalidAPIKey(TWO_KEYS)
    if from_header:
        return from_header
    return from_authorization


def is_exempt(view):
    """The documentation pages (schema, Swagger UI, ReDoc) are never throttled and ignore API keys."""
    # Not imported at the top: DRF imports this module while rest_framework.views is still loading.
    from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

    return isinstance(view, SpectacularAPIView | SpectacularSwaggerView | SpectacularRedocView)


def resolve_app_key(request):
    """The AppKey of the key this request sent, None for an anonymous request; InvalidAPIKey for a bad key.

    Looks the key up at most once per request: the answer is kept in the request's state.
    """
    known = state(request)
    if known.app_key is UNRESOLVED:
        key = key_from_request(request)
        known.app_key = None if key is None else _lookup(key)
    app_key = known.app_key
    if app_key is False:
        raise InvalidAPIKey()
    return app_key


def _lookup(key):
    """The usable AppKey with this key, or False if there is none (unknown, revoked or expired)."""
    from conditions.models import AppKey  # not at import time: DRF imports this module with its settings

    # A key we issue is printable ASCII; anything else (a NUL above all, which PostgreSQL text cannot hold: a
    # 500) is not one of ours, and is refused before it reaches the database.
    if not key or not (key.isascii() and key.isprintable()):
        return False
    try:
        app_key = AppKey.objects.get_from_key(key)  # excludes revoked keys and checks the hash
    except AppKey.DoesNotExist:
        return False
    return False if app_key.has_expired else app_key


class AppKeyAuthentication(BaseAuthentication):
    """`request.auth` is the calling app's AppKey; no key is anonymous (None); a bad key is a 401.

    `request.user` stays None (UNAUTHENTICATED_USER): a key names an app, never a user.
    """

    def authenticate(self, request):
        view = (getattr(request, "parser_context", None) or {}).get("view")
        if is_exempt(view):
            return None
        app_key = resolve_app_key(request)
        return None if app_key is None else (None, app_key)

    def authenticate_header(self, request):
        return WWW_AUTHENTICATE


class AppKeyAuthenticationScheme(OpenApiAuthenticationExtension):
    """Documents the key in the OpenAPI schema (security scheme `ApiKeyAuth`); optional on every operation."""

    target_class = AppKeyAuthentication
    name = "ApiKeyAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "X-Api-Key",
            "description": (
                "An app's API key, for that app's own rate limit. `Authorization: Api-Key <key>` works too. "
                "Without a key the API is open at the lower anonymous rate, per IP address; an unknown, "
                "revoked or expired key is a 401."
            ),
        }
