"""Rate limits: anonymous callers per IP address, apps per API key, counted in Django's default cache.

- No key: API_ANON_RATE per client IP address (IPv6 addresses by their /64 network).
- A valid key: the key's own `rate`, or API_KEY_RATE when that is blank, counted per key (not per address),
  so an app's traffic never shares a counter with anonymous traffic from the same address.
- An unknown, revoked or expired key: 401 (see hipcontent/api/http/keys.py), never the anonymous rate.
- The documentation pages (schema, Swagger UI, ReDoc) are never throttled; /healthz is not a DRF view at all.

Rates are read from settings on every request ("60/minute": a number, "/", and second, minute, hour or day),
so a changed setting applies at once. Counters are fixed windows aligned to the clock (a "/minute" window
resets at each full minute), kept in the default cache with an atomic add + incr (on Redis, one MULTI/EXEC
round trip): with REDIS_URL set they are shared by every process; the local-memory cache counts per process.
A replayed anonymous read (replay.py) counts in the same counter, but takes its tokens in blocks (INCRBY of
API_ANON_RATE's limit // 100, never more than what was left) and spends them in the process (leases.py): never
more than the limit is served in a window, but a client spread over P processes may be refused up to P blocks
(about P % of the limit) early, and its RateLimit-Remaining is the process's view (the counter at its last
lease plus its unspent tokens). Below 200 requests per window a block is one token: counted exactly.
While Redis cannot be reached the counters fall back to this process's memory (logged, see outage.py): each
process then allows the full rate, so the limit is looser by the number of processes, never an outage.

The client's address is REMOTE_ADDR. Behind a reverse proxy or load balancer, REMOTE_ADDR is the proxy's, so
either the proxy sets REMOTE_ADDR (e.g. gunicorn's --forwarded-allow-ips with a proxy that overwrites
X-Forwarded-For) or REST_FRAMEWORK["NUM_PROXIES"] says how many proxies append to X-Forwarded-For, and the
client address is taken that many entries from the right. X-Forwarded-For is never read while NUM_PROXIES is
unset: a client could write anything there and get a fresh counter for every request.

Every throttled response (200, 304, 404, 429...) gets RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset
(seconds until the window resets) from `RateLimitHeadersMixin`; a 429 also gets Retry-After (seconds) and a
problem document naming the limit.
"""

import ipaddress
import logging
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCacheClient
from django.core.exceptions import ImproperlyConfigured
from rest_framework.exceptions import Throttled
from rest_framework.settings import api_settings
from rest_framework.throttling import BaseThrottle

from conditions.models.integrations import PERIODS, parse_rate
from hipcontent.api.http.keys import is_exempt, resolve_app_key
from hipcontent.api.http.outage import CACHE_ERRORS, shared_cache
from hipcontent.api.http.rediscalls import default_cache, made_key, transaction
from hipcontent.api.http.state import state

logger = logging.getLogger(__name__)

# The counters while Redis is down: this process's own.
_FALLBACK_COUNTERS = LocMemCache("hipcontent-ratelimit-fallback", {"OPTIONS": {"MAX_ENTRIES": 10_000}})


# Parsed once per value (a setting is read on every request, so a change still applies at once).
_SETTING_RATES = {}  # (setting, its value) → (limit, period)
# Parsing the address is most of what get_ident costs: once per client. Its inputs → the ident.
_IDENTS = {}
MAX_IDENTS = 10_000


def _setting_rate(name):
    value = getattr(settings, name)
    found = _SETTING_RATES.get((name, value))
    if found is None:
        try:
            found = _SETTING_RATES[name, value] = parse_rate(value)
        except ValueError as error:
            raise ImproperlyConfigured(f"{name}: {error}") from None
    return found


def anonymous_rate():
    return _setting_rate("API_ANON_RATE")


def key_rate(app_key):
    """The app's own rate, or API_KEY_RATE when it has none (or, logged, when its own is malformed)."""
    if app_key.rate:
        try:
            return parse_rate(app_key.rate)
        except ValueError:
            logger.error(
                "App key %s has a malformed rate %r; using API_KEY_RATE.", app_key.prefix, app_key.rate
            )
    return _setting_rate("API_KEY_RATE")


def describe_rate(limit, period):
    noun = "request" if limit == 1 else "requests"
    name = next((name for name, seconds in PERIODS.items() if seconds == period), f"{period} seconds")
    return f"{limit} {noun} per {name}"


@dataclass(frozen=True)
class RateLimit:
    """What the headers say: the limit, what is left of it, and seconds until the window resets."""

    limit: int
    remaining: int
    reset: int

    def headers(self):
        return {
            "RateLimit-Limit": str(self.limit),
            "RateLimit-Remaining": str(self.remaining),
            "RateLimit-Reset": str(self.reset),
        }


class RateLimitExceeded(Throttled):
    """429 with Retry-After (DRF's exception handler sets it from `wait`) and a detail naming the limit."""

    default_detail = "Rate limit exceeded."
    extra_detail_singular = "Try again in {wait} second."
    extra_detail_plural = "Try again in {wait} seconds."
    default_code = "rate_limit_exceeded"


def rate_limit_of(request):
    """The RateLimit the throttle recorded for this request, or None when it was not throttled (docs)."""
    return state(request).rate_limit


def read_with_rate_limit(request, keys):
    """{key: value} of the cache keys found, if the throttle read these keys first for this request (a
    view's `reads_with_rate_limit(request)` names them, and may name more after them), else None: read
    them yourself."""
    read = state(request).read_with_rate_limit
    keys = tuple(keys)
    if read is None or read[0][: len(keys)] != keys:
        return None
    return read[1]


def add_rate_limit_headers(request, response):
    state = rate_limit_of(request)
    if state is not None:
        for name, value in state.headers().items():
            response[name] = value
    return response


class RateLimitHeadersMixin:
    """For API views: RateLimit-* headers on every response the throttle counted, 304s and 429s included."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        return add_rate_limit_headers(request, response)


class AppRateThrottle(BaseThrottle):
    """The API's throttle (DEFAULT_THROTTLE_CLASSES): anonymous per address, apps per key; see above."""

    cache = cache
    timer = time.time
    key_prefix = "ratelimit"

    def allow_request(self, request, view):
        if is_exempt(view):
            return True
        known = state(request)
        if known.rate_limit is not None:
            # Counted already, by the fast path (hipcontent/api/http/fast.py) before it fell through to DRF.
            if known.rate_limit_refusal is not None:
                raise known.rate_limit_refusal
            return True
        app_key = resolve_app_key(request)  # InvalidAPIKey (401) for a key that cannot be used
        if app_key is None:
            scope, ident = "anon", self.get_ident(request)
            limit, period = anonymous_rate()
            whose = "for anonymous callers from one IP address; an app API key has a higher limit"
        else:
            scope, ident = "key", app_key.prefix
            limit, period = key_rate(app_key)
            whose = "for this app's API key"

        key, reset = self.counter(scope, ident, period, self.timer())
        # What the view will read from the cache next (the content revision, a cached representation) is
        # read in the same round trip as the counter; see `read_with_rate_limit()`.
        reads = getattr(view, "reads_with_rate_limit", None)
        count, found = self.hit(
            key,
            timeout=reset + 1,
            also_read=tuple(reads(request)) if reads else (),
        )
        if found is not None:
            known.read_with_rate_limit = found
        known.rate_limit = RateLimit(limit, max(0, limit - count), reset)
        if count > limit:
            known.rate_limit_refusal = RateLimitExceeded(
                wait=reset, detail=f"Rate limit exceeded: {describe_rate(limit, period)} {whose}."
            )
            raise known.rate_limit_refusal
        return True

    def counter(self, scope, ident, period, now):
        """(The key of the window's counter, seconds until the window resets). The replay's leases
        (leases.py) take their tokens from the same counter, so both must name it the same way."""
        window = int(now // period)
        reset = max(1, math.ceil((window + 1) * period - now))
        return f"{self.key_prefix}:{scope}:{ident}:{period}:{window}", reset

    def hit(self, key, timeout, also_read=()):
        """Count one request in this window's counter, atomically (Redis INCR; a lock in local memory).

        (count, what was read): on Redis the cache keys `also_read` are read in the same round trip, and
        what was read is (those keys, {key: value} of the ones found); elsewhere it is None.
        """
        # The cache object itself: `cache`, the default proxy, looks it up again on every attribute.
        using = default_cache() if self.cache is cache else self.cache
        if not isinstance(getattr(using, "_cache", None), RedisCacheClient):
            return _hit_local(using, key, timeout), None
        if shared_cache.available():
            try:
                count, found = self._hit_redis(using, key, timeout, also_read)
            except CACHE_ERRORS as error:
                shared_cache.failed("count a request for the rate limit", error)
            else:
                if shared_cache.succeeded():
                    # The first round trip after an outage: what it read may predate a publish made during
                    # the outage (the recovery has just dropped the revision); let the view read afresh.
                    found = None
                return count, found
        return _hit_local(_FALLBACK_COUNTERS, key, timeout), None

    def _hit_redis(self, using, key, timeout, also_read):
        # The same add + incr as above, in one round trip instead of two: MULTI/EXEC runs both at once, so
        # the counter cannot expire between them. Written as Django's cache writes an int (plain digits).
        backend = using._cache
        key = made_key(key, using=using)
        read_keys = [made_key(name, using=using) for name in also_read]
        # The SET a previous request sent (rediscalls.put_later) is settled first: a representation this
        # thread sent is stored before this round trip reads any.
        commands = [("SET", key, 0, "EX", timeout, "NX"), ("INCR", key)]
        if read_keys:
            commands.append(("MGET", *read_keys))
        _, count, *values = transaction(backend, commands)
        if not read_keys:
            return count, None
        found = {
            name: backend._serializer.loads(value)
            for name, value in zip(also_read, values[0], strict=True)
            if value is not None
        }
        return count, (also_read, found)

    def get_ident(self, request):
        """The client: REMOTE_ADDR, or X-Forwarded-For as NUM_PROXIES says; an IPv6 client by its /64."""
        meta, proxies = request.META, api_settings.NUM_PROXIES
        forwarded = None if proxies is None else meta.get("HTTP_X_FORWARDED_FOR")
        raw = (meta.get("REMOTE_ADDR"), forwarded, proxies)
        found = _IDENTS.get(raw)
        if found is None:
            if len(_IDENTS) >= MAX_IDENTS:
                _IDENTS.clear()
            found = _IDENTS[raw] = self._parse_ident(request)
        return found

    def _parse_ident(self, request):
        if api_settings.NUM_PROXIES is None:
            ident = request.META.get("REMOTE_ADDR") or ""
        else:
            ident = super().get_ident(request) or ""
        try:
            address = ipaddress.ip_address(ident)
        except ValueError:
            return ident[:64] or "unknown"
        if address.version == 6:
            if address.ipv4_mapped:
                return str(address.ipv4_mapped)
            return str(ipaddress.ip_network(f"{address}/64", strict=False))
        return str(address)


def _hit_local(counters, key, timeout):
    counters.add(key, 0, timeout=timeout)
    try:
        return counters.incr(key)
    except ValueError:  # the counter expired between add and incr: this is the window's first request
        counters.set(key, 1, timeout=timeout)
        return 1
