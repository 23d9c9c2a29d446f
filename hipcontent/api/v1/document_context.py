"""What the values of a plain-data document (hipcontent/api/v1/documents.py) depend on besides its rows: the
request's URLs and time zone, worked out once per request, and the URLs' parts once per kind of request.

Why: profiled under the bench server's settings (bench/profile_render.py), DRF's reverse() and Django's
time zone lookup (a thread-local read per date) took ~20% of an uncached topic's own CPU time (issue 15).
"""

import datetime as dt

from django.urls import get_script_prefix, get_urlconf
from django.utils import timezone
from rest_framework.fields import DateTimeField
from rest_framework.reverse import reverse
from rest_framework.settings import api_settings

from hipcontent.api.http.state import host
from hipcontent.api.links import detail_route

# DRF's own conversion (time zone, ISO 8601 with "Z"): the dates must be the serializers' to the character.
_drf_datetime = DateTimeField().to_representation


class Context:
    """What a document's values depend on besides its rows: this request's URLs and time zone, found once."""

    PLACEHOLDER = "slug-placeholder-0"

    def __init__(self, request):
        self.request, self.prefixes = request, {}
        # The database's times are UTC (USE_TZ): in the UTC time zone, DRF's conversion is an isoformat() with
        # "Z", in a tenth of its time. Asked once: each ask is a thread-local lookup, ~60 per topic.
        self.utc = timezone.get_current_timezone_name() == "UTC"
        self.shape = None

    def url(self, model, slug):
        """The detail URL of `slug` in `model`'s collection: reversed once per collection, then filled."""
        found = self.prefixes.get(model)
        if found is None:
            found = self.prefixes[model] = detail_url_parts(model, self._shape(), self.request)
        return f"{found[0]}{slug}{found[1]}"

    def _shape(self):
        # Everything DRF's reverse() reads from the request and the thread: the version's namespace, the
        # URLconf and script prefix, scheme and host, and the ?format= it carries over.
        if self.shape is None:
            request = self.request
            override = api_settings.URL_FORMAT_OVERRIDE
            self.shape = (
                type(getattr(request, "versioning_scheme", None)),
                getattr(request, "version", None),
                get_urlconf(),
                get_script_prefix(),
                request.scheme,
                host(request),
                request.GET.get(override) if override else None,
            )
        return self.shape

    def datetime(self, value):
        if self.utc and value.tzinfo is dt.UTC:
            return value.isoformat().replace("+00:00", "Z")
        return _drf_datetime(value)


# (model, request shape) → (before, after) the slug. Bounded: the host is the client's (within ALLOWED_HOSTS).
_URL_PARTS = {}
_URL_PARTS_KEPT = 512


def detail_url_parts(model, shape, request):
    """(before, after) the slug in a detail URL of `model` for requests of that `shape`. Reversing costs
    ~0.1 ms, seven per topic (issue 15): the parts are kept per shape, across requests."""
    found = _URL_PARTS.get((model, shape))
    if found is None:
        url = reverse(detail_route(model), kwargs={"slug": Context.PLACEHOLDER}, request=request)
        found = tuple(url.split(Context.PLACEHOLDER, 1))
        if len(_URL_PARTS) >= _URL_PARTS_KEPT:
            _URL_PARTS.clear()
        _URL_PARTS[(model, shape)] = found
    return found
