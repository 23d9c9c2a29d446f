"""Hot anonymous reads answered first, from a per-process recording of the full stack's last answer.

A cached read through the fast path (fast.py) still runs every middleware and one Redis round trip; /healthz
runs almost none. `ReplayMiddleware` is the outermost middleware: it records the final response (status,
body, every header as the whole stack made it) of an anonymous GET or HEAD of an API read, and answers the
same request again with a copy of it, before any other middleware runs. Per request it recomputes only what
varies: the RateLimit-* headers (a token from this process's lease, leases.py).

What the recording is keyed by is everything a middleware or view reads from such a request: method, path,
query string, scheme, Host (JSON-LD @ids and links are absolute), X-Forwarded-Host and -Proto, Accept,
Accept-Encoding, Origin (CORS), If-None-Match and If-Modified-Since (so a 304 is a recording of its own).
A request with any other header (Authorization, X-Api-Key, Cookie for an editor's preview, Range, If-Match...)
is never replayed nor recorded: the allow-list below names the headers that are either in the key or read by
nothing but the rate limiter (X-Forwarded-For).

A recording is replayed only in the generation of invalidation.py's listener it was recorded in: a new
generation starts with every publish (before its commit and after it) and every reconnection, and there is
none while Redis cannot be reached. It is recorded only if the generation did not change while the request
ran, and only for a response that read a revision (`validators` in the request's state) and was counted by
the anonymous rate limit. API_FAST_PATH = False or API_REPLAY = False turns it off.
"""

import time

from django.conf import settings
from django.http import HttpResponse
from django.http.response import ResponseHeaders

from hipcontent.api.http import leases
from hipcontent.api.http.cache import REVISION_TTL
from hipcontent.api.http.fast import READS
from hipcontent.api.http.invalidation import listener
from hipcontent.api.http.state import state

# Request headers: those in the key, then those nothing but the rate limiter or the server reads.
KEYED = (
    "HTTP_HOST",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_ACCEPT",
    "HTTP_ACCEPT_ENCODING",
    "HTTP_ORIGIN",
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
)
ALLOWED = frozenset(
    (*KEYED, "HTTP_X_FORWARDED_FOR", "HTTP_USER_AGENT", "HTTP_CONNECTION", "HTTP_ACCEPT_LANGUAGE")
)
MAX_ENTRIES = 2048
MAX_BYTES = 32 * 1024 * 1024


class Recording:
    __slots__ = ("generation", "recorded_at", "template")

    def __init__(self, generation, response):
        self.generation = generation
        self.recorded_at = time.monotonic()
        # A response of our own, with the recorded headers already validated: a replay copies its attributes
        # and its header store instead of setting (and validating) each header again. So does recording:
        # the response's headers were validated as they were set (every uncached read is recorded).
        template = HttpResponse(response.content, status=response.status_code)
        template.headers = ResponseHeaders.__new__(ResponseHeaders)
        template.headers._store = dict(response.headers._store)
        self.template = template

    @property
    def content(self):
        return self.template.content

    def answer(self, rate_limit):
        response = HttpResponse.__new__(HttpResponse)
        response.__dict__.update(self.template.__dict__)
        response._resource_closers = []
        headers = response.headers = ResponseHeaders.__new__(ResponseHeaders)
        headers._store = self.template.headers._store.copy()
        # Plain ASCII digits: nothing to validate.
        headers._store["ratelimit-limit"] = ("RateLimit-Limit", str(rate_limit.limit))
        headers._store["ratelimit-remaining"] = ("RateLimit-Remaining", str(rate_limit.remaining))
        headers._store["ratelimit-reset"] = ("RateLimit-Reset", str(rate_limit.reset))
        return response


class Store:
    """This process's recordings, bounded in number and bytes (when full, it starts again)."""

    def __init__(self):
        self.entries = {}
        self.size = 0

    def get(self, key, generation):
        found = self.entries.get(key)
        if found is None or found.generation != generation:
            return None
        if time.monotonic() - found.recorded_at > REVISION_TTL:
            return None
        return found

    def put(self, key, recording):
        if len(self.entries) >= MAX_ENTRIES or self.size + len(recording.content) > MAX_BYTES:
            self.clear()
        self.entries[key] = recording
        self.size += len(recording.content)

    def clear(self):
        self.entries = {}
        self.size = 0


store = Store()
listener.on_change.append(store.clear)


def replay_key(request):
    """What the recording of this request is kept under, or None when the request must not be replayed."""
    meta = request.META
    for name in meta:
        # An empty Cookie header (Django's test client sends one) carries nothing a view could read.
        if name.startswith("HTTP_") and name not in ALLOWED and (name != "HTTP_COOKIE" or meta[name]):
            return None
    return (
        request.method,
        request.path,
        meta.get("QUERY_STRING", ""),
        meta.get("wsgi.url_scheme"),
        meta.get("SERVER_NAME"),  # the host when the request has no Host header
        meta.get("SERVER_PORT"),
        *(meta.get(name) for name in KEYED),
    )


class ReplayMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method not in READS
            or not request.path.startswith("/api/")
            or not (settings.API_REPLAY and settings.API_FAST_PATH)
        ):
            return self.get_response(request)
        key = replay_key(request)
        generation = listener.current() if key is not None else None
        if generation is None:
            return self.get_response(request)
        recording = store.get(key, generation)
        if recording is not None:
            rate_limit = leases.spend(request)
            if rate_limit is not None:
                return recording.answer(rate_limit)
        response = self.get_response(request)
        if _recordable(request, response) and listener.current() == generation:
            store.put(key, Recording(generation, response))
        return response


def _recordable(request, response):
    if response.status_code not in (200, 304) or response.streaming or response.cookies:
        return False
    known = state(request)
    # A read that named its revision and was counted, anonymously, by the rate limit (throttling.py).
    return (
        known.replayable
        and known.validators is not None
        and known.rate_limit is not None
        and known.app_key is None
    )
