"""The shared cache on Redis, as an accelerator whose outage costs speed, never the site.

``FailSoftRedisCache`` is Django's Redis backend with three changes:

- It keeps one redis-py client per connection pool. Django's backend builds a new client object
  for every call, and that constructor was a third of the cost of a cached page.
- A Redis error (unreachable, timed out, out of memory) is logged and answered as a miss: ``get``
  returns the default, ``set`` stores nothing, ``incr`` finds no key. After an error the cache is
  not asked again for ``CACHE_RETRY_AFTER_MS``, so a Redis that does not answer costs one
  request per process a short timeout, not every request.
- It records, for the whole process, that the content generation's copy in Redis may have missed a
  raise: after an error, and whenever a connection to Redis had to be made again (Redis came
  back, or restarted). serving/generation.py then raises the copy to the database's number
  before it trusts it again.
"""

import logging
import os
import threading
import time
from urllib.parse import urlsplit

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.connection import Connection, SSLConnection
from redis.exceptions import ConnectionError, RedisError, ResponseError

from serving.metrics import count_redis_error

logger = logging.getLogger(__name__)


class SharedCacheHealth:
    """What this process knows about Redis: whether to ask it, and whether to resynchronise."""

    def __init__(self):
        self.retry_after = 1.0
        self.down_until = 0.0  # time.monotonic() before which Redis is not asked
        self.down = False
        self.resync_needed = False
        self._lock = threading.Lock()

    def may_ask(self):
        """True when Redis may be asked now; after an outage, only one thread at a time retries."""
        if not self.down:
            return True
        with self._lock:
            now = time.monotonic()
            if now < self.down_until:
                return False
            self.down_until = now + self.retry_after  # this thread probes; the others skip
            return True

    def failed(self, error):
        self.resync_needed = True
        count_redis_error()
        with self._lock:
            self.down_until = time.monotonic() + self.retry_after
            if self.down:
                return
            self.down = True
        logger.warning("The shared cache is unreachable, serving without it: %s", error)

    def answered(self):
        if self.down:
            with self._lock:
                self.down = False
            logger.warning("The shared cache answers again")

    def reconnected(self):
        self.resync_needed = True


HEALTH = SharedCacheHealth()


class _ReconnectNoticing:
    """A connection that tells HEALTH when it had to connect again (Redis lost it)."""

    def on_connect_check_health(self, *args, **kwargs):
        if getattr(self, "_connected_before", False):
            HEALTH.reconnected()
        self._connected_before = True
        return super().on_connect_check_health(*args, **kwargs)


class NoticingConnection(_ReconnectNoticing, Connection):
    pass


class NoticingSSLConnection(_ReconnectNoticing, SSLConnection):
    pass


class ReusedClient(RedisCacheClient):
    """Django's client wrapper, with one redis-py client per pool instead of one per call, and
    reads on a connection of its own.

    Django makes one cache backend, so one of these, per thread: the connection that ``get``
    uses is never shared. Sending on it directly skips redis-py's per-command pool, retry and
    metrics machinery, which cost more than the round trip itself on every page-cache hit.
    """

    def __init__(self, servers, **options):
        super().__init__(servers, **options)
        self._clients = {}
        self._reader = None
        self._reader_pid = None

    def get(self, key, default):
        value = self._read("GET", key)
        return default if value is None else self._serializer.loads(value)

    def _read(self, *command):
        if self._reader is None or self._reader_pid != os.getpid():
            pool = self._get_connection_pool(write=False)
            self._reader = pool.connection_class(**pool.connection_kwargs)
            self._reader_pid = os.getpid()
        connection = self._reader
        for attempt in (1, 2):
            was_connected = connection._sock is not None
            try:
                connection.send_command(*command)
                return connection.read_response()
            except ResponseError:
                raise  # the whole answer was read: the connection is still usable
            except ConnectionError:
                connection.disconnect()
                # Redis closed a connection that had been idle (it restarted, or timed it
                # out): once more on a new one, as redis-py's pool does, before giving up.
                if not was_connected or attempt == 2:
                    raise
            except BaseException:
                connection.disconnect()
                raise
        raise AssertionError("unreachable")

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._client(connection_pool=self._get_connection_pool(write))
            self._clients[index] = client
        return client

    def raise_to(self, key, number):
        """Set the integer at ``key`` to ``number`` unless it is already higher; the result."""
        client = self.get_client(key, write=True)
        return int(client.eval(_RAISE_TO, 1, key, number))


# Atomic in Redis: two processes publishing 5 and 6 in either order leave 6.
_RAISE_TO = """
local current = tonumber(redis.call('GET', KEYS[1]))
local wanted = tonumber(ARGV[1])
if current == nil or current < wanted then
  redis.call('SET', KEYS[1], ARGV[1])
  return wanted
end
return current
"""


class FailSoftRedisCache(RedisCache):
    """Django's RedisCache that keeps its client and treats Redis errors as misses."""

    # Whether what this backend stores is shared by every process (serving/checks.py).
    shared = True

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClient
        options = dict(self._options)
        retry_after = options.pop("retry_after", None)
        if retry_after is not None:
            HEALTH.retry_after = retry_after
        scheme = urlsplit(self._servers[0]).scheme
        if scheme in ("redis", "rediss"):
            options.setdefault(
                "connection_class",
                NoticingSSLConnection if scheme == "rediss" else NoticingConnection,
            )
        self._options = options

    def _call(self, default, method, *args):
        if not HEALTH.may_ask():
            return default
        try:
            result = method(*args)
        except RedisError as error:
            HEALTH.failed(error)
            return default
        if HEALTH.down:
            HEALTH.answered()
        return result

    def get(self, key, default=None, version=None):
        key = self.make_and_validate_key(key, version=version)
        return self._call(default, self._cache.get, key, default)

    def get_many(self, keys, version=None):
        key_map = {self.make_and_validate_key(key, version=version): key for key in keys}
        found = self._call({}, self._cache.get_many, list(key_map))
        return {key_map[k]: v for k, v in found.items()}

    def has_key(self, key, version=None):
        key = self.make_and_validate_key(key, version=version)
        return self._call(False, self._cache.has_key, key)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        return self._call(False, self._cache.add, key, value, self.get_backend_timeout(timeout))

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        self._call(None, self._cache.set, key, value, self.get_backend_timeout(timeout))

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        if not data:
            return []
        safe = {self.make_and_validate_key(k, version=version): v for k, v in data.items()}
        failed = self._call(False, self._cache.set_many, safe, self.get_backend_timeout(timeout))
        return list(data) if failed is False else []

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        return self._call(False, self._cache.touch, key, self.get_backend_timeout(timeout))

    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        missing = object()
        result = self._call(missing, self._cache.incr, key, delta)
        if result is missing:  # unreachable: like a key that expired (callers start again)
            raise ValueError(f"Key '{key}' not found (the shared cache is unreachable).")
        return result

    def delete(self, key, version=None):
        key = self.make_and_validate_key(key, version=version)
        return self._call(False, self._cache.delete, key)

    def delete_many(self, keys, version=None):
        if keys:
            safe = [self.make_and_validate_key(key, version=version) for key in keys]
            self._call(None, self._cache.delete_many, safe)

    def clear(self):
        from serving.pagecache import RECENT_PAGES

        RECENT_PAGES.clear()
        return self._call(False, self._cache.clear)

    def raise_to(self, key, number, version=None):
        """Raise the integer at ``key`` to at least ``number``: the value now there, or None
        if Redis could not be reached."""
        key = self.make_and_validate_key(key, version=version)
        return self._call(None, self._cache.raise_to, key, number)
