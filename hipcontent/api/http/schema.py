"""How every read-only operation is documented: a summary, its 200, and its error answers as problem
documents; the hooks that make every version's schema one that client generators and linters accept; and the
view that serves a version's schema."""

import contextlib
import hashlib
import threading

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse, extend_schema
from drf_spectacular.views import SCHEMA_KWARGS, SpectacularAPIView

from hipcontent.api.http.errors import PROBLEM_CONTENT_TYPE, ProblemSerializer
from hipcontent.api.http.pagination import PageNumberPagination


def problem(description):
    return OpenApiResponse(ProblemSerializer, description=description)


# Answers every read-only operation can give besides its 200, documented so clients are generated for them.
COMMON_RESPONSES = {
    304: OpenApiResponse(
        description="Not modified: the copy named by If-None-Match / If-Modified-Since is current."
    ),
    (401, PROBLEM_CONTENT_TYPE): problem("The API key sent is unknown, revoked or expired."),
    (429, PROBLEM_CONTENT_TYPE): problem("Rate limit exceeded; Retry-After says when to try again."),
}


class ContentSchema(AutoSchema):
    """Documents a content operation: its 200 in the serializer of the API version the schema is for, and
    its error answers (and a list's 400s for bad parameters) as problem documents."""

    def get_summary(self):
        meta = self.view.model._meta
        if self.view.action == "retrieve":
            return f"Get one published {meta.verbose_name} by its slug"
        return f"List published {meta.verbose_name_plural}"

    def get_response_serializers(self):
        if self.view.action == "retrieve":
            errors = {(404, PROBLEM_CONTENT_TYPE): problem("No published item has this slug.")}
        else:
            errors = {
                (400, PROBLEM_CONTENT_TYPE): problem(
                    "A parameter is not valid: `errors` names it and says why."
                )
            }
            if isinstance(self._get_paginator(), PageNumberPagination):  # a cursor is never past the end
                errors[(404, PROBLEM_CONTENT_TYPE)] = problem("The page is past the last page.")
        return {200: self.view.get_serializer_class(), **errors, **COMMON_RESPONSES}


def declare_servers(result, generator, **kwargs):
    """drf-spectacular hook: `servers` names where each version's paths start, after `info`.

    The URL is the deployment's root, not `/api/vN`: the paths already begin with `/api/vN/` (the released
    contracts hold them so, and generated clients join them to the host they are given), so a server of
    `/api/vN` would make clients that read `servers` call `/api/vN/api/vN/...`. Without any server, clients
    that read it have no base URL at all, and linters flag the schema.
    """
    base = f"/api/{generator.api_version}/"
    servers = [{"url": "/", "description": f"This deployment: every path of this version begins with {base}"}]
    return {**{key: result.pop(key) for key in ("openapi", "info")}, "servers": servers, **result}


class SchemaView(SpectacularAPIView):
    """A version's OpenAPI schema, built once per process (per format and language), with an ETag.

    Building it takes 0.2 to 0.75 s of CPU, and the schema only changes with a deploy: a handful of clients
    fetching it on every request cut the API's throughput by 90 %. The ETag is a hash of the bytes, so every
    process of a release sends the same one and a revalidation is a 304. An unknown `lang` is the default
    language (as it is in drf-spectacular), so a query string cannot make the process build it again.
    """

    _built = {}  # (version, renderer class, language) → (ETag, content, content type, filename)
    _lock = threading.Lock()

    @extend_schema(**SCHEMA_KWARGS)  # as drf-spectacular's own: the schema does not list itself
    def get(self, request, *args, **kwargs):
        version = self.api_version or request.version
        renderer = request.accepted_renderer
        lang = request.query_params.get("lang")
        lang = lang if lang in {code for code, _name in settings.LANGUAGES} else None
        key = (version, type(renderer), lang)
        if (built := self._built.get(key)) is None:
            with self._lock:  # one build per key, not one per waiting request
                if (built := self._built.get(key)) is None:
                    built = self._built[key] = self._build(request, renderer, lang)
        etag, content, content_type, disposition = built
        response = get_conditional_response(request, etag=etag)
        if response is None:
            response = HttpResponse(content, content_type=content_type)
            response["Content-Disposition"] = disposition
        response["ETag"] = etag  # on the 304 too (RFC 9110)
        patch_cache_control(response, public=True, max_age=settings.API_CACHE_MAX_AGE)
        return response

    def _build(self, request, renderer, lang):
        with translation.override(lang) if lang else contextlib.nullcontext():
            response = self._get_schema_response(request)
            content = renderer.render(response.data, renderer.media_type, self.get_renderer_context())
        if isinstance(content, str):
            content = content.encode()
        content_type = renderer.media_type
        if renderer.charset:
            content_type += f"; charset={renderer.charset}"
        etag = f'"schema-{hashlib.sha256(content).hexdigest()[:20]}"'
        return etag, content, content_type, response["Content-Disposition"]

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_vary_headers(response, ["Accept"])
        return response


@receiver(setting_changed)
def _forget_built_schemas(**kwargs):
    # A schema built under overridden settings (a test's REST_FRAMEWORK, say) must not outlive them: it lacked
    # the security scheme once, and every later schema test in that process read the stale build.
    SchemaView._built.clear()
