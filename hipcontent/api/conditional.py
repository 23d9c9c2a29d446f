"""Conditional GET: validators come from the content revision, so a 304 costs one small query (none when
the revision is cached in Redis, see hipcontent/api/cache.py).

The revision is the id of the newest ChangeEvent: every publish, unpublish and deletion writes one, in its own
transaction. So a representation can only change when the revision does, and the ETag (revision, version,
host and the full path with its query) is known before any serialization; so is the cached representation.
"""

import hashlib

from django.conf import settings
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from rest_framework.response import Response

from hipcontent.api import cache
from hipcontent.api.cache import content_revision

__all__ = ["ConditionalGetMixin", "content_revision", "validators"]


def validators(request):
    revision, changed_at = content_revision()
    # The revision the ETag names is the one the cached representation is looked up under.
    request.content_revision = revision
    key = f"{request.version}|{request.get_host()}|{request.get_full_path()}|{revision}"
    etag = f'"{request.version}-{revision}-{hashlib.sha256(key.encode()).hexdigest()[:16]}"'
    # Whole seconds: HTTP dates have no fractions, so If-Modified-Since could never match otherwise.
    return etag, int(changed_at.timestamp()) if changed_at else None


class ConditionalGetMixin:
    """For read-only API views: ETag, Last-Modified and Cache-Control on 200s; 304 before serializing."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        request.validators = validators(request) if request.method in ("GET", "HEAD") else None

    def dispatch_conditional(self, request):
        """A 304 response when the client's copy is current, else None."""
        if not request.validators:
            return None
        etag, last_modified = request.validators
        return get_conditional_response(request, etag=etag, last_modified=last_modified)

    def conditional_or_cached(self, request, render, *args, **kwargs):
        """A 304, the data rendered earlier at this content revision, or `render(request, ...)`, kept."""
        if response := self.dispatch_conditional(request):
            return response
        revision = getattr(request, "content_revision", None)
        if revision is None:
            return render(request, *args, **kwargs)
        if (entry := cache.cached_data(request, revision)) is not None:
            data, headers = entry
            return Response(data, headers=headers)
        response = render(request, *args, **kwargs)
        cache.store_data(request, revision, response)
        return response

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        validators_ = getattr(request, "validators", None)
        if validators_ and response.status_code in (200, 304):
            etag, last_modified = validators_
            response["ETag"] = etag
            if last_modified is not None:
                response["Last-Modified"] = http_date(last_modified)
            patch_cache_control(response, public=True, max_age=settings.API_CACHE_MAX_AGE)
        patch_vary_headers(response, ["Accept"])
        return response
