"""Telling every process's replay store (replay.py) that content changed, without a round trip per request.

Each process runs one listener thread subscribed to a Redis pub/sub channel. Whoever writes a change event
(conditions.changes.revision_changed, in its transaction) announces twice, and each announcement waits until
every subscribed listener has acknowledged it:

- `hold`, before the commit: every listener stops replaying (and forgets what it recorded) until the release,
  so from the moment of the commit on, every request takes the full path, which reads the database;
- `release`, after the commit: listeners replay again, only what is recorded from then on.

So a request that starts after the publish's commit is never answered from a recording made before it. A
transaction that rolls back never releases: its hold lapses after HOLD_SECONDS.

A listener that is not connected (Redis down, the connection lost or silent for SILENCE_SECONDS) replays
nothing: `current()` is None and every request takes the full path. Every (re)subscription starts a new
generation, as every announcement does, and recordings are only replayed in the generation they were
recorded in. A publisher that could not reach Redis announces `flush` when it reaches it again (outage.py's
recovery hook); recordings also lapse after cache.REVISION_TTL, the same bound the cached revision has.
"""

import logging
import os
import threading
import time
import uuid
from urllib.parse import urlsplit

import redis
from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.redis import RedisCacheClient
from django.db import transaction

from hipcontent.api.http.outage import CACHE_ERRORS, shared_cache
from hipcontent.api.http.rediscalls import kept_client

logger = logging.getLogger(__name__)

CHANNEL = "hipcontent:replay"
HOLD_SECONDS = 5.0
ACK_SECONDS = 0.3  # per listener; under the Redis client's socket timeout (settings.py)
PING_SECONDS = 1.0
SILENCE_SECONDS = 3.0
RETRY_SECONDS = 1.0


def _location():
    """The Redis URL of the default cache, or None when the cache is not Redis."""
    found = settings.CACHES["default"]
    if not found["BACKEND"].endswith("RedisCache"):
        return None
    location = found["LOCATION"]
    return location[0] if isinstance(location, list | tuple) else location


def channel(location):
    # Pub/sub channels are not per database: the database's number keeps deployments (and test workers)
    # sharing one Redis apart, as their keys are.
    return f"{CHANNEL}:{urlsplit(location).path.strip('/') or '0'}"


class Listener:
    """This process's subscription; `current()` says in which generation recordings may be replayed."""

    def __init__(self):
        self.generation = 0
        self._connected = False
        self._holds = {}  # hold id → when it lapses (time.monotonic())
        self._pid = None
        self._location = None
        self._lock = threading.Lock()
        self.on_change = []  # called (with no arguments) on every new generation

    def current(self):
        """The generation to replay in, or None: do not replay (not listening, or a publish under way)."""
        location = _location()
        if location is None:
            return None
        if self._pid != os.getpid() or self._location != location:
            self._start(location)  # after a fork (each gunicorn worker), or another cache (tests)
            return None
        if not self._connected:
            return None
        if self._holds and not self._held():
            return None
        return self.generation

    def _held(self):
        # False while a hold is active; lapsed holds are dropped.
        now = time.monotonic()
        with self._lock:
            for hold, until in list(self._holds.items()):
                if until <= now:
                    del self._holds[hold]
            return not self._holds

    def _start(self, location):
        with self._lock:
            if self._pid == os.getpid() and self._location == location:
                return
            self._pid, self._location, self._connected = os.getpid(), location, False
            self._new_generation()
        thread = threading.Thread(
            target=self._run, args=(location, os.getpid()), name="replay-invalidation", daemon=True
        )
        thread.start()

    def _mine(self, location, pid):
        return self._location == location and self._pid == pid

    def _new_generation(self):
        self.generation += 1
        for hook in self.on_change:
            hook()

    def _run(self, location, pid):
        while self._mine(location, pid):
            try:
                self._listen(location, pid)
            except Exception as error:  # any failure: stop replaying, subscribe again
                logger.warning("Replay invalidation listener lost Redis (%s); replaying nothing.", error)
            finally:
                with self._lock:
                    if self._mine(location, pid):
                        self._connected = False
                        self._new_generation()
            time.sleep(RETRY_SECONDS)

    def _listen(self, location, pid):
        client = redis.Redis.from_url(location, socket_connect_timeout=0.5, socket_timeout=SILENCE_SECONDS)
        pubsub = client.pubsub()
        try:
            pubsub.subscribe(channel(location))
            heard = pinged = time.monotonic()
            while self._mine(location, pid):
                message = pubsub.get_message(timeout=PING_SECONDS)
                now = time.monotonic()
                if message is not None:
                    heard = now
                    self._receive(client, message)
                if now - heard > SILENCE_SECONDS:
                    raise TimeoutError(f"nothing heard from Redis for {SILENCE_SECONDS} s")
                if now - pinged >= PING_SECONDS:
                    pubsub.ping()  # answered with a "pong" message: proof the subscription is alive
                    pinged = now
        finally:
            pubsub.close()
            client.close()

    def _receive(self, client, message):
        kind = message["type"]
        if kind == "subscribe":
            with self._lock:
                self._holds.clear()  # whatever was announced while not subscribed is unknown
                self._new_generation()
                self._connected = True
            return
        if kind != "message":
            return
        action, hold, ack = message["data"].decode().split(" ")
        with self._lock:
            if action == "hold":
                self._holds[hold] = time.monotonic() + HOLD_SECONDS
            else:
                self._holds.pop(hold, None)
            self._new_generation()
        # Acknowledged once the new generation is in place: the publisher waits for this.
        client.rpush(ack, 1)
        client.expire(ack, 10)


listener = Listener()


# ---- the publisher's side


def _client():
    backend = getattr(cache, "_cache", None)
    return kept_client(backend, write=True) if isinstance(backend, RedisCacheClient) else None


def announce(action, hold):
    """Publish one announcement and wait until every subscribed listener has acknowledged it."""
    client = _client()
    if client is None or not shared_cache.available():
        return
    ack = f"{CHANNEL}:ack:{uuid.uuid4().hex}"
    try:
        receivers = client.publish(channel(_location()), f"{action} {hold} {ack}")
        acknowledged = 0
        deadline = time.monotonic() + ACK_SECONDS * max(1, receivers)
        while acknowledged < receivers and time.monotonic() < deadline:
            if client.blpop([ack], timeout=ACK_SECONDS) is not None:
                acknowledged += 1
        client.delete(ack)
    except CACHE_ERRORS as error:
        shared_cache.failed(f"announce a content change ({action})", error)
        return
    if acknowledged < receivers:
        logger.warning(
            "Replay invalidation: %d of %d listeners did not acknowledge a %s in time.",
            receivers - acknowledged,
            receivers,
            action,
        )


def revision_changed(**_signal):
    """Receives conditions.changes.revision_changed, in the transaction that writes change events."""
    if _client() is None:
        return
    connection = transaction.get_connection()
    pending = getattr(connection, "_replay_release", None)
    if pending is not None and any(func is pending for _sids, func, _robust in connection.run_on_commit):
        return  # this transaction holds already (a bulk load sends this per change event)
    hold = uuid.uuid4().hex
    announce("hold", hold)

    def release():
        announce("release", hold)

    connection._replay_release = release
    transaction.on_commit(release)


@shared_cache.on_recovery
def _flush_after_outage():
    # A publish made while this process could not reach Redis was never announced.
    announce("flush", uuid.uuid4().hex)
