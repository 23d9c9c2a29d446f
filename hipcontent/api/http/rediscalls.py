"""Django's cache get, get_many and set (`get`, `get_many`, `put`) as an uncached read calls them, for less
than Django's own cost.

On Redis (the default cache when REDIS_URL is set):
- through a kept client (`kept_client`): Django's `get_client()` makes a new redis client on every
  call, which cost more than the round trip it sends;
- a kept representation is sent without waiting for Redis's reply (`put_later`): the bytes are on their way
  when the response leaves, and the reply ("OK") is read from the socket when this thread next talks to
  Redis (`settle()`), by when it has long arrived. An uncached read saves the round trip of its largest
  write (issue 15 point 1); the representation is still stored before anything this process reads next.

Elsewhere (local memory, dummy) each is Django's own call. Errors are Django's: the callers go through
outage.shared_cache, and a SET's failure read later is reported to it then (the entry was not kept).
"""

import os
import threading
import weakref

from django.core.cache import cache
from django.core.cache.backends.redis import RedisCacheClient

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


def _redis():
    backend = getattr(cache, "_cache", None)
    return backend if isinstance(backend, RedisCacheClient) else None


def get(key, version=None):
    if (backend := _redis()) is None:
        return cache.get(key, version=version)
    settle()
    value = kept_client(backend, write=False).get(cache.make_and_validate_key(key, version=version))
    return None if value is None else backend._serializer.loads(value)


def get_many(keys):
    if (backend := _redis()) is None or not keys:
        return cache.get_many(keys)
    settle()
    values = kept_client(backend, write=False).mget([cache.make_and_validate_key(key) for key in keys])
    return {
        key: backend._serializer.loads(value)
        for key, value in zip(keys, values, strict=True)
        if value is not None
    }


def put(key, value, timeout, version=None):
    if (backend := _redis()) is None or not timeout:
        return cache.set(key, value, timeout, version=version)
    settle()
    name = cache.make_and_validate_key(key, version=version)
    kept_client(backend).set(name, backend._serializer.dumps(value), ex=cache.get_backend_timeout(timeout))


class _Sent(threading.local):
    # The pool and connection a SET was sent on whose reply is still unread, and the process that sent it.
    pool = connection = pid = None


_sent = _Sent()


def put_later(key, value, timeout):
    """`put(key, value, timeout)`, its reply read by the next `settle()` in this thread."""
    if (backend := _redis()) is None or not timeout:
        return put(key, value, timeout)
    settle()
    name = cache.make_and_validate_key(key)
    command = ("SET", name, backend._serializer.dumps(value), "EX", cache.get_backend_timeout(timeout))
    pool = backend._get_connection_pool(write=True)
    # Taken from the pool as any command takes it (connected, checked for a closed socket), and returned to it
    # once the reply is read: never with a reply unread, which the next command would take for its own.
    connection = pool.get_connection()
    try:
        connection.send_command(*command)
    except BaseException:
        pool.release(connection)  # send_command disconnected it
        raise
    _sent.pool, _sent.connection, _sent.pid = pool, connection, os.getpid()


def settle():
    """Read the reply of the SET `put_later` sent, if any: from here on, Redis has it. Never raises: a failed
    SET is reported to shared_cache as a failure to store a representation."""
    pool, connection = _sent.pool, _sent.connection
    if connection is None:
        return
    _sent.pool = _sent.connection = None
    if _sent.pid != os.getpid():
        return  # sent by the parent of this forked process: its socket is not this process's to read
    try:
        connection.read_response()
    except CACHE_ERRORS as error:
        connection.disconnect()
        shared_cache.failed("store a representation", error)
    finally:
        pool.release(connection)
