"""Anonymous page cache with exact purging.

Public HTML (and feeds, sitemap) for visitors without a session is kept in the default cache.
Every path has a generation token, and the whole site has one; a stored page remembers the two
tokens it was made under and is served only while both are still current. Purging a path (or
everything) replaces its token, which makes every stored variant of it (?page=2, ?tag=…, the
elderly-friendly mode) unusable at once. Tokens are random, so if the cache evicts one, the
entries made under it can never match again: never stale, only cold. A hit costs one round trip
to the cache (the two tokens and the page are read together).

Within one request (`request_scope`, which the middleware opens for every request) what was
read from the cache is remembered, and what pages share (`shared`) is written once, together,
when the response is ready: a cold request, which misses every key, then pays one round trip
per fragment it reads and one for all it stores, not one per key each way. Nothing is kept
from one request to the next."""

import contextlib
import contextvars
import gzip
import hashlib
import logging
import pickle
import re
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

from portal.cache_backends import add_many

logger = logging.getLogger(__name__)

BYPASS_PREFIXES = (
    "/admin/",
    "/documents/",
    "/static/",
    "/media/",
    "/search/",
    "/reading-mode/",
    "/healthz/",
    "/readyz/",
)
CACHEABLE_TYPES = (
    "text/html",
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/calendar",
    "text/plain",
)
ALL_PATHS = "*"
# Not a URL: a generation token that every publish (and everything that purges the whole site)
# replaces. Shared values made from what any page may list (related reading) are kept under it.
EVERY_PUBLISH = "*publish"


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()


_GENERATION_PREFIX = "pagecache:gen:"


def _generation_key(path: str) -> str:
    return f"{_GENERATION_PREFIX}{_digest(path)}"


_SITE_GENERATION_KEY = _generation_key(ALL_PATHS)


def _current_generations(keys, found) -> tuple[str, ...]:
    """The generation tokens of `keys` as `found` holds them, with fresh tokens for the missing
    ones (unless another process created one meanwhile), created in one round trip."""
    missing = [key for key in keys if not found.get(key)]
    if missing:
        created = add_many(cache, {key: uuid.uuid4().hex for key in missing}, None)
        scope = _scope.get()
        if scope is not None:
            scope.known.update(created)
        found = {**found, **created}
    return tuple(found[key] for key in keys)


_MISSING = object()


class _Scope:
    """What one request has read from the cache (`known`: key -> value, _MISSING for a miss),
    the shared values it will store (`pending`: timeout -> {key: value}) and, once it reads
    ahead (`read_ahead`), the keys it asks for and under what it remembers them."""

    __slots__ = ("known", "pending", "asked", "route")

    def __init__(self):
        self.known, self.pending, self.asked, self.route = {}, {}, None, None


_scope: contextvars.ContextVar[_Scope | None] = contextvars.ContextVar(
    "pagecache_scope", default=None
)


@contextlib.contextmanager
def request_scope():
    """Remember cache reads and gather shared writes for the duration of one request, then
    store the writes with one call per timeout. Nested scopes join the outer one."""
    if _scope.get() is not None:
        yield
        return
    scope = _Scope()
    token = _scope.set(scope)
    try:
        yield
    finally:
        _scope.reset(token)
        for seconds, values in scope.pending.items():
            try:
                cache.set_many(values, seconds)
            except Exception as error:  # noqa: BLE001
                logger.warning("shared cache store failed: %s", error)
        if scope.asked:
            _remember_keys(scope.route, scope.asked)


# Per host and URL path, the keys of what the last request for it shared (its shared values
# and their generation tokens), as a hint: the next request for it reads them all in one round
# trip before its view runs, instead of one round trip per fragment as the view asks. Only keys
# are kept, never values: each value is still checked against the generation tokens this
# request reads, so a hint can cost a wasted read, never a stale value.
_KEYS_BY_ROUTE: dict[tuple[str, str], tuple[str, ...]] = {}
MAX_ROUTES = 4096  # then forgotten all at once (a few hundred kB at most)


def _remember_keys(route, keys) -> None:
    if len(_KEYS_BY_ROUTE) >= MAX_ROUTES:
        _KEYS_BY_ROUTE.clear()
    _KEYS_BY_ROUTE[route] = tuple(dict.fromkeys(keys))


def read_ahead(request) -> None:
    """Read in one round trip what the last request for this host and path shared, and note
    what this one asks for (see _KEYS_BY_ROUTE). Called once per request, before the view."""
    scope = _scope.get()
    if scope is None or settings.CHROME_CACHE_SECONDS <= 0:
        return
    meta = request.META
    scope.route = (meta.get("HTTP_HOST") or meta.get("SERVER_NAME", ""), request.path)
    scope.asked = []
    keys = _KEYS_BY_ROUTE.get(scope.route)
    if keys:
        try:
            _fetch(scope, keys)
            # Tokens the cache lost (evicted, flushed): made again together, not one by one.
            lost = [
                key
                for key in keys
                if key.startswith(_GENERATION_PREFIX) and scope.known[key] is _MISSING
            ]
            _current_generations(lost, {})
        except Exception as error:  # noqa: BLE001 - shared() reads (or computes) them itself
            logger.warning("shared cache unavailable: %s", error)


class _Pickled:
    """A value pickled once, when a request shares it: the cache stores the pickled bytes as
    they are, and unpickling the cache's copy gives the value back (not the wrapper)."""

    __slots__ = ("data",)

    def __init__(self, value):
        self.data = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)

    def __reduce__(self):
        return pickle.loads, (self.data,)

    def value(self):
        return pickle.loads(self.data)


def _read(keys) -> dict:
    """``cache.get_many(keys)``, asking the cache only for keys this request has not read yet."""
    scope = _scope.get()
    if scope is None:
        return cache.get_many(keys)
    if scope.asked is not None:
        scope.asked += keys
    _fetch(scope, keys)
    values = {key: scope.known[key] for key in keys}
    return {
        key: value.value() if isinstance(value, _Pickled) else value
        for key, value in values.items()
        if value is not _MISSING
    }


def _fetch(scope, keys) -> None:
    wanted = [key for key in keys if key not in scope.known]
    if wanted:
        found = cache.get_many(wanted)
        for key in wanted:
            scope.known[key] = found.get(key, _MISSING)


def _store(key, value, seconds, snapshot=True) -> None:
    """``cache.set``, gathered until the end of the request when one is open: of the value as
    it is now (pickled now, as the cache would keep it), not as the request may change it
    later (attributes set on a page, the site's settings)."""
    scope = _scope.get()
    if scope is None:
        cache.set(key, value, seconds)
        return
    if snapshot and not isinstance(value, (str, bytes)):
        value = _Pickled(value)
    scope.known[key] = value
    scope.pending.setdefault(seconds, {})[key] = value


class RequestScopedCache(BaseCache):
    """The default cache as seen from inside a request: reads join what the request reads
    (and what it reads ahead), writes are stored with what it shares when it ends. Wagtail's
    image renditions use it (CACHES["renditions"]): a page's images then cost no round trip
    of their own. Outside a request it is the default cache itself."""

    def __init__(self, location, params):
        super().__init__(params)

    def get(self, key, default=None, version=None):
        if _scope.get() is None:
            return cache.get(key, default, version)
        return _read([key]).get(key, default)

    def get_many(self, keys, version=None):
        if _scope.get() is None:
            return cache.get_many(keys, version)
        return _read(list(keys))

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self.set_many({key: value}, timeout)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        if timeout is DEFAULT_TIMEOUT:  # stored with the shared values of the same timeout
            timeout = cache.default_timeout
        for key, value in data.items():
            _store(key, value, timeout)
        return []

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return cache.add(key, value, timeout, version)

    def delete(self, key, version=None):
        scope = _scope.get()
        if scope is not None:
            scope.known[key] = _MISSING
            for values in scope.pending.values():
                values.pop(key, None)
        return cache.delete(key, version)

    def clear(self):
        return cache.clear()


def purge_paths(paths) -> None:
    """Make every cached variant of these URL paths stale once the current transaction
    commits (at once outside one); `ALL_PATHS` purges the whole site.

    After the commit, not before: a purge inside the transaction would let a concurrent
    request render the old content and cache it again before the change becomes visible; a
    transaction that rolls back purges nothing."""
    paths = set(paths)
    if paths:
        transaction.on_commit(lambda: _purge_now(paths))


def _purge_now(paths) -> None:
    scope = _scope.get()
    if scope is not None:  # what this request read may be stale from now on
        scope.known.clear()
    try:
        cache.set_many({_generation_key(path): uuid.uuid4().hex for path in paths}, None)
    except Exception:  # noqa: BLE001 - a cache outage must never break publishing
        logger.exception("page cache purge failed for %s", paths)


def purge_all() -> None:
    purge_paths([ALL_PATHS])


def _shared_keys(name: str, path: str | None) -> tuple[list[str], str]:
    generation_keys = [_SITE_GENERATION_KEY] + ([_generation_key(path)] if path else [])
    return generation_keys, f"pagecache:shared:{_digest(name)}"


def prefetch_shared(*names) -> None:
    """Read what `shared` will ask for these names — each a name or a (name, path) pair — in
    one round trip, ahead of the calls (a view that shares several values asks once)."""
    if settings.CHROME_CACHE_SECONDS <= 0 or _scope.get() is None:
        return
    keys = []
    for name in names:
        generation_keys, key = _shared_keys(*(name if isinstance(name, tuple) else (name, None)))
        keys += [*generation_keys, key]
    try:
        _read(list(dict.fromkeys(keys)))
    except Exception as error:  # noqa: BLE001 - shared() computes when the cache is down
        logger.warning("shared cache unavailable: %s", error)


def shared(name: str, compute, path: str | None = None):
    """A value pages share (the rendered main menu, the site a host name serves, a column's
    filter choices), kept in the cache until the next site-wide purge — or, with `path`, the
    next purge of that URL path — or CHROME_CACHE_SECONDS, whichever comes first; `compute()`
    makes it on a miss. One round trip to the cache; without a cache (or with
    CHROME_CACHE_SECONDS = 0) it is computed every time."""
    seconds = settings.CHROME_CACHE_SECONDS
    if seconds <= 0:
        return compute()
    generation_keys, key = _shared_keys(name, path)
    try:
        found = _read([*generation_keys, key])
        generations = _current_generations(generation_keys, found)
    except Exception as error:  # noqa: BLE001 - compute when the cache is down
        logger.warning("shared cache unavailable: %s", error)
        return compute()
    stored = found.get(key)
    if stored is not None and stored[0] == generations:
        return stored[1]
    value = compute()
    try:
        _store(key, (generations, value), seconds)
    except Exception as error:  # noqa: BLE001
        logger.warning("shared cache store failed: %s", error)
    return value


# What a stored page holds (its generations, body, compressed body, headers). Part of every
# page key: a change to it (2: headers include the Content-Security-Policy, the CSP middleware
# now running inside this one) leaves the entries of the code before unread, never misread.
ENTRY_FORMAT = 2


def _page_key(request) -> str:
    elder = request.COOKIES.get(settings.ELDER_MODE_COOKIE) == "1"
    variant = f"{request.get_host()}|{request.get_full_path()}|{int(elder)}"
    return f"pagecache:page{ENTRY_FORMAT}:{_digest(variant)}"


def _lookup(request) -> tuple[str, tuple[str, str], tuple | None]:
    """The page's cache key, the current generation tokens (site, path) and the stored
    response if it was made under them — all in one round trip to the cache. (Nothing else
    is read with them: a hit would pay for reading and unpickling it.)"""
    key = _page_key(request)
    site_key, path_key = _SITE_GENERATION_KEY, _generation_key(request.path)
    found = _read([site_key, path_key, key])
    generations = _current_generations((site_key, path_key), found)
    stored = found.get(key)
    if stored is not None and stored[0] != generations:
        stored = None  # made before a purge
    return key, generations, stored


def _request_is_cacheable(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        # path_info: the path as the URL resolver sees it, without a SCRIPT_NAME prefix.
        and not request.path_info.startswith(BYPASS_PREFIXES)
        and settings.PAGE_CACHE_SECONDS > 0
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path_info.startswith(f"/{settings.WAGTAIL_ADMIN_PATH}/")
    )


def _response_is_cacheable(response) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and response.get("Content-Type", "").startswith(CACHEABLE_TYPES)
        and not any(word in cache_control for word in ("private", "no-cache", "no-store"))
    )


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with request_scope():
            return self._respond(request)

    def _respond(self, request):
        if not _request_is_cacheable(request):
            read_ahead(request)
            return self.get_response(request)
        try:
            key, generations, stored = _lookup(request)
        except Exception as error:  # noqa: BLE001 - serve uncached when the cache is down
            logger.warning("page cache unavailable: %s", error)
            read_ahead(request)
            return self.get_response(request)
        if stored is not None:
            return _cached_response(request, stored)
        read_ahead(request)
        response = self.get_response(request)
        if _response_is_cacheable(response):
            patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_BROWSER_SECONDS)
            patch_vary_headers(response, ["Cookie", "Accept-Encoding"])
            headers = [(k, v) for k, v in response.items() if k.lower() != "content-length"]
            content = response.content
            entry = (generations, content, _gzip(content), headers)
            try:
                _store(key, entry, settings.PAGE_CACHE_SECONDS, snapshot=False)
            except Exception as error:  # noqa: BLE001
                logger.warning("page cache store failed: %s", error)
            response["X-Cache"] = "MISS"
        return response


GZIP_MIN_BYTES = 1024
_ACCEPTS_GZIP_RE = re.compile(r"\bgzip\b")


def _gzip(content: bytes) -> bytes | None:
    """The body compressed once, when stored, so that hits never compress. Public anonymous
    pages carry no secrets (no CSRF token, no session), so compression cannot leak one (BREACH)."""
    if len(content) < GZIP_MIN_BYTES:
        return None
    return gzip.compress(content, compresslevel=6, mtime=0)


def _cached_response(request, stored) -> HttpResponse:
    _generations, content, compressed, headers = stored
    # META, not request.headers: that would build a dict of every header for this one.
    accepts_gzip = _ACCEPTS_GZIP_RE.search(request.META.get("HTTP_ACCEPT_ENCODING", ""))
    body = compressed if compressed is not None and accepts_gzip else content
    response = HttpResponse(body)
    for name, value in headers:
        response[name] = value
    if body is compressed:
        response["Content-Encoding"] = "gzip"
    response["Content-Length"] = str(len(body))
    response["X-Cache"] = "HIT"
    return response
