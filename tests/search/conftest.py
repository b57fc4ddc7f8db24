"""Search fixtures: the same tests run against the embedded backend and a real Elasticsearch.

Elasticsearch is found at ``TEST_ELASTICSEARCH_URL`` (else ``ELASTICSEARCH_URL``, else
http://127.0.0.1:9200; start one with ``scripts/elasticsearch.sh start``). When it cannot be
reached, Elasticsearch tests are skipped with a loud message locally and FAIL when ``CI`` is set.
Every test gets its own index prefix, so parallel runs on one node do not collide; the indices
under it are deleted when the test ends (``drop_test_indices``, called by an autouse fixture in
tests/conftest.py, so tests outside tests/search that call ``use_backend`` are covered too).
"""

from __future__ import annotations

import os
import uuid
import warnings

import pytest
from elasticsearch import Elasticsearch

from search.backends import get_backend, reset_backend

BACKENDS = ["embedded", "elasticsearch"]

# (url, prefix) of every Elasticsearch index prefix handed out during the current test.
_test_prefixes: set[tuple[str, str]] = set()


def elasticsearch_url() -> str:
    return (
        os.environ.get("TEST_ELASTICSEARCH_URL")
        or os.environ.get("ELASTICSEARCH_URL")
        or "http://127.0.0.1:9200"
    )


def elasticsearch_reachable(url: str) -> bool:
    try:
        client = Elasticsearch(url, request_timeout=3, max_retries=0)
        return client.cluster.health(timeout="2s")["status"] in ("green", "yellow")
    except Exception:
        return False


def require_elasticsearch(url: str | None = None) -> str:
    """Skip (locally) or fail (CI) when no Elasticsearch answers."""
    url = url or elasticsearch_url()
    if elasticsearch_reachable(url):
        return url
    message = (
        f"\n\n*** Elasticsearch is not reachable at {url}: search tests against it are "
        "NOT RUN. Start it with `scripts/elasticsearch.sh start`. ***\n"
    )
    if os.environ.get("CI"):
        pytest.fail(message + "CI is set, so this is a failure.", pytrace=False)
    warnings.warn(message, stacklevel=2)
    pytest.skip(message)


def use_backend(settings, name: str, url: str | None = None, prefix: str | None = None):
    """Point the portal at one backend for this test; returns the backend."""
    config = dict(settings.PORTAL_SEARCH)
    config["BACKEND"] = name
    if name == "elasticsearch":
        config["ELASTICSEARCH_URL"] = url or require_elasticsearch()
        config["INDEX_PREFIX"] = prefix or f"test-{uuid.uuid4().hex[:10]}"
        _test_prefixes.add((config["ELASTICSEARCH_URL"], config["INDEX_PREFIX"]))
        config["REFRESH_ON_WRITE"] = True
    settings.PORTAL_SEARCH = config
    reset_backend()
    return get_backend()


def drop_test_indices() -> None:
    """Delete every index under the prefixes ``use_backend`` handed out in this test."""
    while _test_prefixes:
        url, prefix = _test_prefixes.pop()
        try:
            client = Elasticsearch(url, request_timeout=10, max_retries=0)
            # Names, not a wildcard: deleting by wildcard is refused by default (8.x).
            names = list(client.indices.get(index=f"{prefix}-documents*", ignore_unavailable=True))
            if names:
                client.indices.delete(index=",".join(names), ignore_unavailable=True)
        except Exception:  # a stopped node (outage tests) keeps its indices; nothing to do
            pass


class SearchHelper:
    """What a search test needs: the backend, a forced refresh and a rebuild."""

    def __init__(self, backend):
        self.backend = backend
        self.name = backend.name

    def refresh(self):
        self.backend.refresh()

    def rebuild(self):
        from search.documents import registry

        stats = self.backend.rebuild(registry.iter_all(), expected=len(registry.expected_keys()))
        self.refresh()
        return stats

    def search(self, query, **kwargs):
        from search.backends.base import SearchRequest

        self.refresh()
        return self.backend.search(SearchRequest(query=query, **kwargs))

    def titles(self, query, **kwargs):
        return [hit.title for hit in self.search(query, per_page=50, **kwargs).hits]

    def keys(self, query, **kwargs):
        return {hit.key for hit in self.search(query, per_page=50, **kwargs).hits}


@pytest.fixture(params=BACKENDS)
def search(request, settings, db):
    """The conformance fixture: each test using it runs once per backend."""
    backend = use_backend(settings, request.param)
    backend.clear()
    yield SearchHelper(backend)
    if request.param == "elasticsearch":
        backend.clear()
    reset_backend()


@pytest.fixture
def es_search(settings, db):
    backend = use_backend(settings, "elasticsearch")
    yield SearchHelper(backend)
    backend.clear()
    reset_backend()
