"""Search backends: one interface (``base.SearchBackend``), two implementations.

``get_backend()`` returns the configured one: Elasticsearch when ``ELASTICSEARCH_URL`` is set
(or ``SEARCH_BACKEND=elasticsearch``), otherwise the embedded database backend.
"""

from __future__ import annotations

from django.conf import settings

from .base import SearchBackend, SearchUnavailable

__all__ = [
    "SearchBackend",
    "SearchUnavailable",
    "get_backend",
    "get_fallback_backend",
    "reset_backend",
]

_cache: dict[tuple, SearchBackend] = {}


def search_config() -> dict:
    return dict(getattr(settings, "PORTAL_SEARCH", {}))


def backend_name(config: dict | None = None) -> str:
    config = config if config is not None else search_config()
    if config.get("BACKEND"):
        return config["BACKEND"]
    return "elasticsearch" if config.get("ELASTICSEARCH_URL") else "embedded"


def get_backend(name: str | None = None) -> SearchBackend:
    config = search_config()
    name = name or backend_name(config)
    cache_key = (name, config.get("ELASTICSEARCH_URL"), config.get("INDEX_PREFIX"))
    backend = _cache.get(cache_key)
    if backend is None:
        if name == "elasticsearch":
            from .elasticsearch import ElasticsearchBackend

            backend = ElasticsearchBackend(config)
        else:
            from .embedded import EmbeddedBackend

            backend = EmbeddedBackend(config)
        _cache[cache_key] = backend
    return backend


def get_fallback_backend() -> SearchBackend | None:
    """The embedded backend when Elasticsearch is the primary one, else None.

    It is kept up to date beside Elasticsearch (same documents, written first, in the
    database), so that search keeps answering — more simply — while Elasticsearch is down."""
    if backend_name() == "elasticsearch":
        return get_backend("embedded")
    return None


def reset_backend() -> None:
    _cache.clear()
