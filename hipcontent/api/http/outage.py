"""Redis is a cache and a counter store: while it cannot be reached, the API answers without it.

Every call the request path makes to the shared cache goes through `shared_cache.call()`. A connection error
or a timeout (settings.py gives the Redis client short socket timeouts, so a hung Redis cannot hold a request)
is logged as a warning, at most once per LOG_INTERVAL per process with a count of what was not logged, and the
caller gets its fallback instead:

- the rate limiter counts in this process's memory (hipcontent/api/http/throttling.py);
- the content revision is read from the database, and a cached representation is a miss (cache.py);
- a publish or an unpublish commits: dropping the cached revision is the cache's business, not the editor's.

After a failure the process leaves Redis alone for RETRY_SECONDS, then tries again with the next call: a Redis
that drops packets instead of refusing would otherwise cost every request its connect timeout. The first call
that succeeds after an outage runs the recovery hooks (cache.py drops the cached revision there; see why).
Nothing needs a restart.
"""

import logging
import threading
import time

from django.core.signals import setting_changed
from django.dispatch import receiver
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# What an unreachable or failing Redis raises through Django's cache (redis-py wraps socket errors; OSError in
# case one escapes unwrapped).
CACHE_ERRORS = (RedisError, OSError)
RETRY_SECONDS = 1.0
LOG_INTERVAL = 30.0


class Dependency:
    """One process's view of a dependency: up, or down since when, and when to try it again."""

    def __init__(
        self, name, meanwhile, *, retry_seconds=RETRY_SECONDS, log_interval=LOG_INTERVAL, timer=time.monotonic
    ):
        self.name = name
        self.meanwhile = meanwhile
        self.retry_seconds = retry_seconds
        self.log_interval = log_interval
        self.timer = timer
        self._lock = threading.Lock()
        self._down_since = None
        self._retry_at = 0.0
        self._logged_at = 0.0
        self._not_logged = 0
        self._recovery_hooks = []

    @property
    def down(self):
        return self._down_since is not None

    def available(self):
        """False while a recent failure says not to try yet."""
        return self._down_since is None or self.timer() >= self._retry_at

    def on_recovery(self, hook):
        self._recovery_hooks.append(hook)
        return hook

    def failed(self, what, error):
        now = self.timer()
        with self._lock:
            first = self._down_since is None
            if first:
                self._down_since = now
            self._retry_at = now + self.retry_seconds
            log = first or now - self._logged_at >= self.log_interval
            if log:
                not_logged, self._not_logged, self._logged_at = self._not_logged, 0, now
            else:
                self._not_logged += 1
        if log:
            logger.warning(
                "%s unavailable (%s while trying to %s: %s); %s (%d similar failures not logged since the "
                "last warning).",
                self.name,
                type(error).__name__,
                what,
                error,
                self.meanwhile,
                not_logged,
            )

    def succeeded(self):
        """Record a call that worked; True if it ended an outage (the recovery hooks have run then)."""
        if self._down_since is None:
            return False
        with self._lock:
            if self._down_since is None:
                return False
            lasted = self.timer() - self._down_since
            self._down_since = None
            self._not_logged = 0
        logger.warning("%s is back after %.1f s.", self.name, lasted)
        for hook in self._recovery_hooks:
            hook()
        return True

    def reset(self):
        with self._lock:
            self._down_since, self._retry_at, self._not_logged = None, 0.0, 0

    def call(self, what, function, *args, fallback=None, **kwargs):
        """`function(*args, **kwargs)`, or `fallback` when the dependency is down (the failure logged)."""
        if not self.available():
            return fallback
        try:
            result = function(*args, **kwargs)
        except CACHE_ERRORS as error:
            self.failed(what, error)
            return fallback
        self.succeeded()
        return result


shared_cache = Dependency(
    "The shared cache (Redis)",
    "serving without it: rate limits counted per process, the content revision read from the database, "
    "cached representations skipped",
)
# Only for logging (errors.py): a read that needs the database answers 503 meanwhile; it is never skipped,
# so every request tries it and the first after the outage simply works.
database = Dependency(
    "The database", "reads that need it answer 503 with Retry-After; cached representations still serve"
)


@receiver(setting_changed)
def _forget_outages(setting, **_kwargs):
    # Tests point CACHES at another server: what was learned about the previous one no longer holds.
    if setting == "CACHES":
        shared_cache.reset()
