"""The anonymous rate limit for replayed answers (replay.py), without a Redis round trip per request.

A process takes tokens from the window's shared counter (the one AppRateThrottle counts in, throttling.py) in
blocks: one INCRBY of max(1, limit // 100), never more than the limit minus the count it last saw, and spends
them locally. Enforcement stays exact or conservative: the counter counts every token leased, spent or not,
so no more than the limit is ever served in a window; a process's unspent tokens are lost when the window
ends, so a client spread over P processes may be refused up to P blocks (P% of the limit) early. With a
limit under 200 a block is one token: one round trip per request, exactly as AppRateThrottle counts.

RateLimit-Remaining is the limit minus the counter at the last lease, plus this process's unspent tokens.
When the lease cannot be had (the limit is reached, Redis is down) the request takes the full path, which
counts it again and answers its 429 or counts in memory (outage.py): never more than the limit either.
"""

import threading

from django.core.cache import cache
from django.core.cache.backends.redis import RedisCacheClient

from hipcontent.api.http.outage import CACHE_ERRORS, shared_cache
from hipcontent.api.http.rediscalls import made_key, transaction
from hipcontent.api.http.throttling import AppRateThrottle, RateLimit, anonymous_rate

BLOCK_DIVISOR = 100
MAX_LEASES = 10_000

_leases = {}  # counter key → [counter value after the lease, tokens left]
_lock = threading.Lock()
_throttle = AppRateThrottle()


def spend(request):
    """A RateLimit for one anonymous request, its token spent; None: let the full path count it."""
    backend = getattr(cache, "_cache", None)
    if not isinstance(backend, RedisCacheClient) or not shared_cache.available():
        return None
    # Both parsed once per value by the throttle (throttling.py): the setting, and the client's address.
    limit, period = anonymous_rate()
    key, reset = _throttle.counter("anon", _throttle.get_ident(request), period, _throttle.timer())
    with _lock:
        lease = _leases.get(key)
        if lease is None or lease[1] == 0:
            lease = _take(backend, key, limit, reset + 1, lease[0] if lease else 0)
            if lease is None:
                return None
        lease[1] -= 1
        return RateLimit(limit, max(0, limit - lease[0]) + lease[1], reset)


def _take(backend, key, limit, timeout, seen):
    if seen >= limit:
        return None
    block = max(1, min(limit // BLOCK_DIVISOR, limit - seen))
    name = made_key(key)
    try:
        # The throttle's own round trip (throttling.py `_hit_redis`), INCRBY a block in place of INCR.
        _, total = transaction(backend, [("SET", name, 0, "EX", timeout, "NX"), ("INCRBY", name, block)])
    except CACHE_ERRORS as error:
        shared_cache.failed("lease rate-limit tokens", error)
        return None
    shared_cache.succeeded()
    if len(_leases) >= MAX_LEASES:
        _leases.clear()  # unspent tokens are lost: conservative
    # Tokens past the limit were leased by nobody: the counter went over, they are not ours to spend.
    lease = _leases[key] = [total, max(0, block - max(0, total - limit))]
    return lease if lease[1] > 0 else None


def forget():
    """Drop every lease (tests; unspent tokens are simply not served)."""
    with _lock:
        _leases.clear()
