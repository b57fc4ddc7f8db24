"""The Redis cache against a real Redis server: it works, and while Redis is down the site
keeps serving (reads miss, writes are dropped) instead of failing every request."""

import os
import shutil
import subprocess

import pytest
from django.core.cache import caches

from portal import cache_backends

pytestmark = pytest.mark.django_db

PORT = "6391"
SCRIPT = ["bash", "scripts/redis.sh"]


def redis(action):
    env = {**os.environ, "REDIS_PORT": PORT}
    return subprocess.run([*SCRIPT, action], env=env, capture_output=True, text=True, timeout=60)


@pytest.fixture
def redis_cache(settings, monkeypatch):
    if not shutil.which("redis-server"):
        if os.environ.get("CI"):
            pytest.fail("redis-server is missing (apt-get install redis-server)")
        pytest.skip("redis-server is not installed")
    assert redis("start").returncode == 0
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "portal.cache_backends.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{PORT}/0",
            "KEY_PREFIX": "test",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        },
    }
    monkeypatch.setattr(cache_backends, "RETRY_AFTER", 0.0)
    cache_backends.ResilientRedisCache._down_until = 0.0
    cache = caches["default"]
    cache.clear()
    yield cache
    redis("start")
    cache.clear()
    redis("stop")


def test_cache_works_and_survives_an_outage(client, redis_cache, home, make_article, settings):
    settings.PAGE_CACHE_SECONDS = 300
    make_article(title="缓存中的新闻")
    redis_cache.set("greeting", "你好")
    assert redis_cache.get("greeting") == "你好"
    assert client.get("/news/")["X-Cache"] == "MISS"
    assert client.get("/news/")["X-Cache"] == "HIT"

    assert redis("stop").returncode == 0
    assert redis_cache.get("greeting", "missing") == "missing"
    assert redis_cache.add("other", 1) is False
    redis_cache.set("other", 1)  # dropped, no error
    for url in ("/", "/news/", "/feeds/rss.xml", "/search/?q=新闻"):
        response = client.get(url)
        assert response.status_code == 200, url
    assert "缓存中的新闻" in client.get("/news/").content.decode()

    assert redis("start").returncode == 0
    redis_cache.set("greeting", "又见面了")
    assert redis_cache.get("greeting") == "又见面了"


def test_one_redis_client_serves_every_call(redis_cache):
    """Django makes a new redis.Redis for every call; ours keeps one per connection pool
    (building one cost more CPU than the rest of a cached page), and it survives an outage."""
    client = redis_cache._cache.get_client()
    assert redis_cache._cache.get_client(write=True) is client
    redis_cache.set_many({"a": 1, "b": "二"})
    assert redis_cache.get_many(["a", "b"]) == {"a": 1, "b": "二"}
    assert redis("stop").returncode == 0
    assert redis_cache.get("a", "missing") == "missing"
    assert redis("start").returncode == 0
    redis_cache.set("a", 3)
    assert redis_cache.get("a") == 3 and redis_cache._cache.get_client() is client
