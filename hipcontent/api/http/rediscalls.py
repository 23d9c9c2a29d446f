"""Django's cache get, get_many and set (`get`, `get_many`, `put`) as an uncached read calls them, for less
than Django's own cost.

On Redis (the default cache when REDIS_URL is set):
- through a kept client (`kept_client`): Django's `get_client()` makes a new redis client on every
  call, which cost more than the round trip it sends;
- a kept representation is sent without waiting for Redis's reply (`put_later`): the bytes are on their way
  when the response leaves, and the reply ("OK") is read from the socket when this thread next talks to
  Redis (`settle()`), by when it has long arrived. An uncached read saves the round trip of its largest
  write (issue 15 point 1); the representation is still stored before anything this process reads next.
  That connection, and the rate limiter's, stays with the thread for its next command here (once the
  reply is read, and checked as the pool checks one) instead of going back to the pool and being taken
  again: redis-py's pool costs more per turn than reading a reply. `settle()` hands it back;
- the rate limiter's MULTI/EXEC (`transaction`) is written on a connection as redis-py's transaction pipeline
  writes it, without building a pipeline object, which cost more than the round trip;
- keys are made as Django makes them (`made_key`), and checked for what Django warns of only when a quick
  look at the whole key cannot rule it out;
- the cache object is looked up once per thread (`default_cache`), not by `cache`, the proxy, on every
  attribute (a lookup that costs ten times the make_key it precedes).

Elsewhere (local memory, dummy) each is Django's own call. Errors are Django's: the callers go through
outage.shared_cache, and a SET's failure read later is reported to it then (the entry was not kept).
"""

import os
import threading
import weakref

from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.base import MEMCACHE_MAX_KEY_LENGTH
from django.core.cache.backends.redis import RedisCacheClient
from django.core.signals import setting_changed
from django.dispatch import receiver

from hipcontent.api.http.outage import CACHE_ERRORS, shared_cache

_CLIENTS = weakref.WeakKeyDictionary()  # redis connection pool → its client, see kept_client()


def kept_client(backend, *, write=True):
    """The redis client of Django's Redis cache `backend` (for writes, or for reads), made once per connection
    pool: Django's `get_client()` makes a new one on every call, and making one costs more than the round
    trip it sends."""
    pool = backend._get_connection_pool(write=write)
    client = _CLIENTS.get(pool)
    if client is None:
        client = _CLIENTS[pool] = backend._client(connection_pool=pool)
    return client


class _Default(threading.local):
    cache = None
    generation = -1


_default = _Default()
_generation = 0  # moves on when CACHES changes: every thread looks its default cache up again


def default_cache():
    """This thread's `caches["default"]`: the object `cache` forwards every attribute to, after a lookup in
    Django's context-local storage on each one."""
    if _default.generation != _generation:
        _default.cache, _default.generation = caches[DEFAULT_CACHE_ALIAS], _generation
    return _default.cache


@receiver(setting_changed)
def _forget_default_cache(setting, **_kwargs):
    global _generation
    if setting == "CACHES":  # Django makes new cache objects (tests point CACHES at another server)
        _generation += 1


def made_key(key, version=None, using=None):
    """`using.make_and_validate_key(key, version)` (the default cache's when None), with the same warnings,
    for less: Django's check walks the key a character at a time in Python, and warns only of a key longer
    than 250 characters or one with a space or a control character, which C-speed string tests rule out for
    every key this API makes."""
    using = default_cache() if using is None else using
    name = using.make_key(key, version=version)
    if len(name) > MEMCACHE_MAX_KEY_LENGTH or not name.isascii() or not name.isprintable() or " " in name:
        using.validate_key(name)  # maybe harmless (non-ASCII), maybe not: Django's own check and warning
    return name


def _redis():
    backend = getattr(default_cache(), "_cache", None)
    return backend if isinstance(backend, RedisCacheClient) else None


def get(key, version=None):
    if (backend := _redis()) is None:
        return cache.get(key, version=version)
    settle()
    value = kept_client(backend, write=False).get(made_key(key, version=version))
    return None if value is None else backend._serializer.loads(value)


def get_many(keys):
    if (backend := _redis()) is None or not keys:
        return cache.get_many(keys)
    settle()
    values = kept_client(backend, write=False).mget([made_key(key) for key in keys])
    return {
        key: backend._serializer.loads(value)
        for key, value in zip(keys, values, strict=True)
        if value is not None
    }


def put(key, value, timeout, version=None):
    if (backend := _redis()) is None or not timeout:
        return cache.set(key, value, timeout, version=version)
    settle()
    using = default_cache()
    name = made_key(key, version=version, using=using)
    kept_client(backend).set(name, backend._serializer.dumps(value), ex=using.get_backend_timeout(timeout))


class _Sent(threading.local):
    # The connection this thread keeps out of the pool between two of its commands here (the reply of a SET
    # sent on it still unread, or not), the pool it came from, and the process that took it.
    pool = connection = pid = None
    unread = False


_sent = _Sent()


def put_later(key, value, timeout):
    """`put(key, value, timeout)`, its reply read by the next `settle()` in this thread."""
    if (backend := _redis()) is None or not timeout:
        return put(key, value, timeout)
    using = default_cache()
    name = made_key(key, using=using)
    command = ("SET", name, backend._serializer.dumps(value), "EX", using.get_backend_timeout(timeout))
    pool = backend._get_connection_pool(write=True)
    connection = _connection(pool)
    try:
        connection.send_command(*command)
    except BaseException:
        pool.release(connection)  # send_command disconnected it
        raise
    _hold(pool, connection, unread=True)


def transaction(backend, commands):
    """The replies to `commands` ((name, *arguments) each), run as one MULTI/EXEC on Django's Redis cache
    `backend`: what `pipeline(transaction=True)` sends, in one write and one round trip, and its replies as
    Redis sends them (a command's error is raised; no redis-py reply callbacks: SET says b"OK" or None).
    The connection is kept for this thread's next command here (an uncached read's `put_later`), not handed
    back to the pool and taken again."""
    pool = backend._get_connection_pool(write=True)
    connection = _connection(pool)
    try:
        connection.send_packed_command(connection.pack_commands([("MULTI",), *commands, ("EXEC",)]))
        for _queued in range(len(commands) + 1):
            connection.read_response()  # OK, then QUEUED for each command (an error raises: EXECABORT)
        replies = connection.read_response()
    except BaseException:
        connection.disconnect()  # replies may be left unread: it never goes back to the pool with one
        pool.release(connection)
        raise
    _hold(pool, connection, unread=False)
    for reply in replies:
        if isinstance(reply, Exception):
            raise reply
    return replies


def settle():
    """Read the reply of the SET `put_later` sent, if any: from here on, Redis has it, and the connection is
    back in the pool. Never raises: a failed SET is reported to shared_cache as a failure to store a
    representation."""
    pool, connection = _settled()
    if connection is not None:
        pool.release(connection)


def _hold(pool, connection, *, unread):
    _sent.pool, _sent.connection, _sent.pid, _sent.unread = pool, connection, os.getpid(), unread


def _connection(pool):
    """A connection of `pool` ready for a command: the one this thread kept, once the reply of what was sent
    on it is read, checked as the pool checks one (nothing more to read, not closed by Redis); else the
    pool's."""
    held_pool, connection = _settled()
    if connection is not None:
        if held_pool is pool:
            try:
                if not connection.can_read():
                    return connection
                connection.disconnect()  # Redis closed it (or sent what nobody asked for)
            except CACHE_ERRORS:
                pass  # can_read() disconnected it
        held_pool.release(connection)
    # Taken from the pool as any command takes it (connected, checked for a closed socket), and returned to it
    # once the reply is read: never with a reply unread, which the next command would take for its own.
    return pool.get_connection()


def _settled():
    # (pool, connection) this thread kept, the reply of a SET sent on it read; (None, None) if none was kept,
    # or it was kept by the parent of this forked process, or the SET failed (reported, the connection back
    # in the pool).
    pool, connection = _sent.pool, _sent.connection
    if connection is None:
        return None, None
    _sent.pool = _sent.connection = None
    if _sent.pid != os.getpid():
        return None, None  # kept by this forked process's parent: its socket is not this process's to use
    if not _sent.unread:
        return pool, connection
    try:
        connection.read_response()
    except CACHE_ERRORS as error:
        connection.disconnect()
        pool.release(connection)
        shared_cache.failed("store a representation", error)
        return None, None
    except BaseException:
        pool.release(connection)
        raise
    return pool, connection
