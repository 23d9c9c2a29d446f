"""What the fast path learns about one API request, in one typed object.

Key → rate limit → revision → cached bytes → ETag: each step is done by another module (keys.py,
throttling.py, cache.py, conditional.py), some while DRF's Request exists and some on Django's HttpRequest
before it. They share what they found through this one object, kept on the Django request and read by name.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

# The app key was not looked up yet (None is a looked-up anonymous request; False a key that is not valid).
UNRESOLVED = object()


@dataclass
class RequestState:
    # keys.py: the AppKey the request sent; None when it sent none, False when the key cannot be used.
    app_key: Any = UNRESOLVED
    # throttling.py: what the RateLimit-* headers say (a throttling.RateLimit), when the request was counted.
    rate_limit: Any = None
    # throttling.py: the 429 (a RateLimitExceeded) when the request was counted over the limit.
    rate_limit_refusal: Any = None
    # throttling.py: (cache keys, {key: value found}) read in the rate limiter's round trip for the view.
    read_with_rate_limit: tuple[tuple[str, ...], dict[str, Any]] | None = None
    # cache.py: what the request's representation is cached under, worked out once.
    representation_key: str | None = None
    # conditional.py: which change events can change the representation (conditions.changes.Scope; the
    # view says, None: any).
    revision_scope: Any = None
    # conditional.py: the revision of that scope the ETag names and its time, for a GET or HEAD (properties
    # below: read, they settle a revision still pending).
    _revision: int | None = None
    _changed_at: datetime | None = None
    # cache.py: the newest change of all, (id, time), when that scope's revision was read after it; None when
    # the revision cache is off (the scope's revision is then read on every request).
    checked_at: tuple | None = None
    # conditional.py: (revision, content, content type, headers) rendered earlier at `revision`, if found.
    cached_representation: tuple | None = None
    # conditional.py: (ETag, Last-Modified in Unix seconds or None) for a GET or HEAD.
    _validators: tuple[str, int | None] | None = None
    # conditional.py: what finds the three above when the revision was sent ahead of the view's own queries
    # (cache.Pending): called once, when any of them is first read.
    pending: Callable[[], None] | None = None
    # replay.py: False when the answer can change without a change event (the snapshot's file), so the full
    # stack's answer must not be recorded for replay.
    replayable: bool = True
    # host(): the request's host, as `get_host()` found it.
    host: str | None = None
    # fast.py: the detail's document was read before DRF and there is none: DRF's path answers its 404
    # without reading it again.
    no_document: bool = False

    def settle(self):
        pending, self.pending = self.pending, None
        if pending is not None:
            pending()

    def has_validators(self):
        """Whether the validators were found or are pending, without reading a pending revision."""
        return self._validators is not None or self.pending is not None

    @property
    def revision(self):
        self.settle()
        return self._revision

    @revision.setter
    def revision(self, value):
        self._revision = value

    @property
    def changed_at(self):
        self.settle()
        return self._changed_at

    @changed_at.setter
    def changed_at(self, value):
        self._changed_at = value

    @property
    def validators(self):
        self.settle()
        return self._validators

    @validators.setter
    def validators(self, value):
        self._validators = value


_ATTRIBUTE = "hipcontent_state"


def state(request) -> RequestState:
    """The state of `request` (DRF's Request or Django's HttpRequest: the same object for both)."""
    django_request = getattr(request, "_request", request)
    found = django_request.__dict__.get(_ATTRIBUTE)
    if found is None:
        found = RequestState()
        setattr(django_request, _ATTRIBUTE, found)
    return found


def host(request) -> str:
    """`request.get_host()`, worked out once per request. Django checks the host against ALLOWED_HOSTS on
    every call (~17 µs), and an uncached read asks for it three times: its representation's key, its ETag
    and its URLs. CommonMiddleware asked first, so a host that is not allowed never gets here."""
    known = state(request)
    if known.host is None:
        known.host = request.get_host()
    return known.host
