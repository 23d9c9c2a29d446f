"""Conditional GET: validators come from the content revision of what the representation shows (its scope,
see hipcontent/api/http/cache.py), so a 304 costs one small query (none when the representation is cached
and nothing was published since it was last found valid, with the revision cache on).

The revision is the id of the newest ChangeEvent in the view's scope (`revision_scope()`: a detail's own item,
a list's collections, all content): every publish, unpublish and deletion writes one for the item and for
every item that shows it, in its own transaction. So a representation can only change when its revision
does, and the ETag (revision, version, host and the full path with its query) is known before any
serialization; so is the cached representation. A publish leaves the ETags of everything else unchanged.

Preconditions are evaluated only once the answer is known to be a 200 (RFC 9110 section 13.2.1: a response
that would not be 2xx ignores them): an unknown slug, a bad `page` or a garbage cursor stays a 404 or 400
whatever If-None-Match, If-Modified-Since or If-Match say. The answer is known to be a 200 when a
representation is cached for the request at this revision (read in the same round trip as the revision, so a
304 still costs no serialization); otherwise the view renders first. A failed If-Match is a 412 problem.
"""

import hashlib

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from rest_framework.response import Response

from hipcontent.api.http import cache
from hipcontent.api.http.errors import PROBLEM_CONTENT_TYPE, problem
from hipcontent.api.http.state import host, state
from hipcontent.api.http.throttling import read_with_rate_limit


def find_validators(request, version=None, *, later=False):
    """The revision, the cached representation and (ETag, Last-Modified) of a GET or HEAD, found once per
    request and kept in its state. `version`: the fast path's (hipcontent/api/http/fast.py), on Django's
    request; else DRF's `request.version`. `later`: the view renders with prepared queries only
    (`reads_revision_later()`), so a revision to be read from the database may be read in their round trip
    (cache.revision_and_representation): the state then finds the rest when they are first read."""
    version = request.version if version is None else version
    read = read_with_rate_limit(request, cache.keys_read(request))
    known = state(request)
    # The revision the ETag names is the one the cached representation is looked up under.
    revision, changed_at, known.cached_representation = cache.revision_and_representation(
        request, read, later=later
    )
    if isinstance(revision, cache.Pending):
        known.pending = lambda: _found(request, version, *revision.read())
    else:
        _found(request, version, revision, changed_at)


def _found(request, version, revision, changed_at):
    known = state(request)
    known.revision, known.changed_at = revision, changed_at
    # The time too: SQLite reuses a rolled-back id (hipcontent/api/http/cache.py).
    key = f"{version}|{host(request)}|{request.get_full_path()}|{revision}|{changed_at}"
    etag = f'"{version}-{revision}-{hashlib.sha256(key.encode()).hexdigest()[:16]}"'
    # Whole seconds: HTTP dates have no fractions, so If-Modified-Since could never match otherwise.
    known.validators = etag, int(changed_at.timestamp()) if changed_at else None


class ConditionalGetMixin:
    """For read-only API views: ETag, Last-Modified and Cache-Control on 200s; 304 before serializing."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        known = state(request)
        if request.method in ("GET", "HEAD"):
            if not known.has_validators():  # else found by the fast path, which fell through (a 412, say)
                known.revision_scope = self.revision_scope(request)
                find_validators(request, later=self.reads_revision_later(request))
        else:
            known.validators = None

    def reads_revision_later(self, request):
        """Whether this request's content is read with prepared queries only (prepared.run_together), so
        its revision can be read in their round trip. A view that reads anything else says no."""
        return False

    def revision_scope(self, request):
        """Which change events can change this view's representations (a conditions.changes.Scope); None:
        all of them. Views that show less say so: their ETags then outlive publishes of anything else."""
        return None

    def reads_with_rate_limit(self, request):
        """What the rate limiter reads from the cache in its round trip: what `find_validators()` needs."""
        if request.method not in ("GET", "HEAD"):
            return []
        return cache.keys_read(request)

    def dispatch_conditional(self, request):
        """A 304 (or a 412 problem) when the preconditions say so, else None. Only for an answer known to be a
        200: a view whose answer may be a 400 or 404 calls `conditional_or_cached`."""
        found = state(request).validators
        if not found:
            return None
        etag, last_modified = found
        response = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if response is not None and response.status_code == 412:
            detail = "If-Match names no current representation of this resource."
            return JsonResponse(problem(412, detail), status=412, content_type=PROBLEM_CONTENT_TYPE)
        return response

    def conditional_or_cached(self, request, render, *args, **kwargs):
        """The bytes rendered earlier at this content revision, or `render(request, ...)`, kept; a 304 (or a
        412) instead once the answer is known to be a 200."""
        known = state(request)
        # None too while the revision is pending: nothing is cached for the request then.
        entry = known.cached_representation
        if entry is not None and known.revision is not None:
            if response := self.dispatch_conditional(request):
                return response
            _revision, content, content_type, headers = entry
            return HttpResponse(content, content_type=content_type, headers=headers)
        response = render(request, *args, **kwargs)  # a bad parameter or an unknown slug raises here
        revision = known.revision  # read with the render's queries when it was pending
        if revision is not None and isinstance(response, Response) and response.status_code == 200:
            # Rendered here rather than after finalize_response, so the bytes can be kept; finalize_response
            # only adds headers, and Django does not render a response twice.
            response.accepted_renderer = request.accepted_renderer
            response.accepted_media_type = request.accepted_media_type
            response.renderer_context = self.get_renderer_context()
            response.render()
            cache.store_representation(request, revision, response, known.changed_at)
        if response.status_code == 200 and (not_modified := self.dispatch_conditional(request)):
            return not_modified
        return response

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        # Status first: an error's answer must not read a revision still pending (the database may be down).
        found = response.status_code in (200, 304) and state(request).validators
        if found:
            etag, last_modified = found
            response["ETag"] = etag
            if last_modified is not None:
                response["Last-Modified"] = http_date(last_modified)
            patch_cache_control(response, public=True, max_age=settings.API_CACHE_MAX_AGE)
        patch_vary_headers(response, ["Accept"])
        return response
