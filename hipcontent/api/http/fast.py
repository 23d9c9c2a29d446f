"""Hot reads answered before DRF: a representation-cache hit and a 304 of a collection's list or detail, and
the first render of a detail read as plain data (v1's documents).

DRF's dispatch (its Request, content negotiation, authentication, permissions, throttles) cost more than the
rest of a cached read together (issue 15). The fast path runs in the view function the router calls, so every
Django middleware (security headers, CSP, CORS, deprecation, Content-Length) sees its answer exactly as it
sees DRF's, and does only what a hit needs, with the same code DRF's path runs:

- the API key (keys.py: an unknown, revoked or expired key is DRF's 401), the rate limit (throttling.py, in
  the same Redis round trip as the revision and the representation), the scope's revision and the ETag
  (conditional.py, cache.py), the 304, and the view's own `finalize_response` (Allow, Vary, ETag,
  Last-Modified, Cache-Control, RateLimit-*);
- what it learns it keeps in the request's state, so when it is not sure it falls through to DRF without
  counting the request twice or reading anything twice: a miss (but a v1 detail's, below), a bad key, a
  429, a 412, an Accept that is not exactly one of the view's media types (or `?format=`), a method other
  than GET and HEAD, and with Redis down any read but a v1 detail's first render (no representation is
  read then).

A miss of a detail whose view reads it as plain data (ContentViewSet.document: v1's) is rendered here too, as
`conditional_or_cached` renders it on DRF's path: the document, DRF's renderer, the representation kept, the
same finalize_response. Measured in-process, DRF's dispatch around a render was ~10% of a small detail's
first render (issue 15). A detail with no item falls through, and DRF answers its 404 without reading it
again; so does anything the render raises (a 503 when the database is down).

API_FAST_PATH = False turns it off (every read goes through DRF, as before).
"""

from functools import wraps

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from rest_framework.exceptions import APIException
from rest_framework.settings import api_settings

from hipcontent.api.http import cache
from hipcontent.api.http.conditional import find_validators
from hipcontent.api.http.errors import DATABASE_UNREACHABLE
from hipcontent.api.http.state import state
from hipcontent.api.http.throttling import AppRateThrottle

READS = ("GET", "HEAD")


def before_drf(view):
    """Wraps the view function DRF's `as_view()` made for a ConditionalGetMixin viewset."""

    @wraps(view)  # keeps cls, initkwargs, actions and csrf_exempt, which the router and the schema read
    def answer(request, *args, **kwargs):
        if settings.API_FAST_PATH and request.method in READS:
            response = cached_answer(view, request, args, kwargs)
            if response is not None:
                return response
        return view(request, *args, **kwargs)

    return answer


def cached_answer(view_function, request, args, kwargs):
    """The cached 200 or the 304 DRF's path would send, or None: let DRF answer."""
    cls = view_function.cls
    if api_settings.URL_FORMAT_OVERRIDE and api_settings.URL_FORMAT_OVERRIDE in request.GET:
        return None
    media_type = _media_type(cls.renderer_classes, request.META.get("HTTP_ACCEPT", ""))
    if media_type is None:
        return None
    view = _view(view_function, request, args, kwargs)
    try:
        version = view.versioning_class().determine_version(request, *args, **kwargs)
        known = state(request)
        known.representation_key = cache.representation_key_of(request, version, media_type)
        for throttle in view.get_throttles():
            if not isinstance(throttle, AppRateThrottle):
                return None  # a throttle this path does not know of
            throttle.allow_request(request, view)  # keeps the count in the state: DRF does not count again
        known.revision_scope = view.revision_scope(request)
        find_validators(request, version, later=view.reads_revision_later(request))
    except APIException:
        return None  # DRF answers with its problem document (401, 404, 429), from the same state
    except DATABASE_UNREACHABLE:
        return None  # the database is down: DRF's path answers its 503 problem (errors.py)
    entry = known.cached_representation
    rendered = None
    if entry is None:
        rendered = first_render(view, request, version, media_type)  # kept: next time, `entry`
        if rendered is None:
            return None
    etag, last_modified = known.validators
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None and rendered is not None:
        response = rendered
    elif response is None:
        _revision, content, content_type, headers = entry
        response = HttpResponse(content, content_type=content_type, headers=headers)
    elif response.status_code != 304:
        return None  # a 412: DRF's problem document
    view.headers = view.default_response_headers
    return view.finalize_response(request, response, *args, **kwargs)


def first_render(view, request, version, media_type):
    """The 200 of a detail read as plain data (`view.document`), rendered and kept as DRF's path does
    (conditional.py `conditional_or_cached`), or None: DRF answers."""
    document = getattr(view, "document", None)
    if view.action != "retrieve" or document is None:
        return None
    # What the document's URLs are reversed by, as DRF's Request has them (v1 document_context.Context).
    request.version, request.versioning_scheme = version, view.versioning_class()
    known = state(request)
    try:
        data = document(request, view.kwargs[view.lookup_field])
        revision = known.revision  # read with the document's queries when it was pending
    except (APIException, *DATABASE_UNREACHABLE):
        return None  # DRF's path reads it again and answers its problem document
    if data is None:
        known.no_document = True
        return None
    renderer = next(found for found in view.renderer_classes if found.media_type == media_type)()
    context = {"view": view, "args": view.args, "kwargs": view.kwargs, "request": request}
    content = renderer.render(data, media_type, context)
    content_type = f"{media_type}; charset={renderer.charset}" if renderer.charset else media_type
    response = HttpResponse(content, content_type=content_type)
    if revision is not None:
        cache.store_representation(request, revision, response, known.changed_at)
    return response


def _media_type(renderers, accept):
    """The media type DRF's negotiation would pick, when the answer is simple: no Accept, */*, or exactly one
    of the renderers' own media types. None otherwise (DRF negotiates)."""
    accept = accept.strip()
    if accept in ("", "*/*"):
        return renderers[0].media_type
    return accept if any(renderer.media_type == accept for renderer in renderers) else None


def _view(view_function, request, args, kwargs):
    # What DRF's ViewSetMixin.as_view() sets up before dispatch, minus DRF's Request.
    view = view_function.cls(**view_function.initkwargs)
    actions = dict(view_function.actions)
    actions.setdefault("head", actions.get("get"))
    view.action_map = actions
    for method, action in actions.items():
        setattr(view, method, getattr(view, action))
    view.action = actions[request.method.lower()]
    view.request, view.args, view.kwargs = request, args, kwargs
    view.format_kwarg = None
    return view
