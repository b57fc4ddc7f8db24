"""Django's Redis cache, made to degrade to "no cache" while Redis is unreachable.

Wagtail reads the default cache on every page (site root paths, image renditions) without
handling errors, so a Redis outage would otherwise fail every request. Here, the first error
opens a short circuit: for `RETRY_AFTER` seconds this process treats every read as a miss and
every write as done, without touching the network; then it tries Redis again.

It also keeps one Redis client per connection pool: Django's client makes a new `redis.Redis`
for every cache call, and building one (its table of ~170 response callbacks) cost more CPU
than the rest of an anonymous cache hit together."""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_AFTER = 5.0


class ReusedClientRedisCacheClient(RedisCacheClient):
    """One `redis.Redis` per connection pool, made on first use. A client holds no connection
    of its own (each command borrows one from the pool), so threads can share it, and after a
    fork the pool notices the new process and opens new connections."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

    def set_many(self, data, timeout):
        """One SET with its expiry per key, all in one round trip: Django sends MSET and an
        EXPIRE per key inside MULTI/EXEC, twice the commands, for an atomicity no caller needs."""
        pipeline = self.get_client(None, write=True).pipeline(transaction=False)
        for key, value in data.items():
            if timeout == 0:
                pipeline.delete(key)
            else:
                pipeline.set(key, self._serializer.dumps(value), ex=timeout)
        pipeline.execute()


class ResilientRedisCache(RedisCache):
    _down_until = 0.0  # per process, shared by every instance

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient

    def _call(self, name, fallback, *args, **kwargs):
        if time.monotonic() < ResilientRedisCache._down_until:
            return fallback
        try:
            method = name if callable(name) else getattr(super(), name)
            return method(*args, **kwargs)
        except RedisError as error:
            ResilientRedisCache._down_until = time.monotonic() + RETRY_AFTER
            logger.warning(
                "Redis unavailable, serving without cache for %ss: %s", RETRY_AFTER, error
            )
            return fallback

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", False, key, value, timeout, version)

    def add_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        """``add()`` of every key in one round trip; returns each key's value as it now is (the
        one given, or the one another process added first). See `add_many` below."""
        return self._call(self._add_many, dict(data), data, timeout, version)

    def _add_many(self, data, timeout, version):
        keys = {self.make_and_validate_key(key, version=version): key for key in data}
        timeout = self.get_backend_timeout(timeout)
        client = self._cache.get_client(None, write=True)
        serializer = self._cache._serializer
        pipeline = client.pipeline(transaction=False)
        for key, name in keys.items():
            if timeout == 0:  # stored and gone at once, as add() would
                continue
            pipeline.set(key, serializer.dumps(data[name]), ex=timeout, nx=True)
        for key in keys:
            pipeline.get(key)
        now = pipeline.execute()[-len(keys) :] if keys else []
        return {
            name: data[name] if value is None else serializer.loads(value)
            for name, value in zip(keys.values(), now, strict=True)
        }

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", list(data), data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, keys, version)

    def incr(self, key, delta=1, version=None):
        return self._call("incr", delta, key, delta, version)

    def clear(self):
        return self._call("clear", False)


def add_many(cache, data, timeout=DEFAULT_TIMEOUT) -> dict:
    """``cache.add()`` of every key: in one round trip on Redis, one call per key elsewhere.
    Returns each key's value as it now is (the one given, unless another process added one
    first)."""
    together = getattr(cache, "add_many", None)  # `cache` may be django.core.cache's proxy
    if together is not None:
        return together(data, timeout)
    return {
        key: value if cache.add(key, value, timeout) else cache.get(key, value)
        for key, value in data.items()
    }
