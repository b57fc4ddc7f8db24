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


def test_tokens_are_added_and_values_stored_in_one_round_trip_each(redis_cache, monkeypatch):
    """home.cache creates missing generation tokens with add_many and stores what a request
    shares with set_many: one round trip each, whatever the number of keys."""
    from redis.connection import Connection

    sent = []
    send = Connection.send_packed_command
    monkeypatch.setattr(
        Connection,
        "send_packed_command",
        lambda self, *args, **kwargs: sent.append(1) or send(self, *args, **kwargs),
    )
    redis_cache.set("first", "theirs", None)
    sent.clear()
    added = redis_cache.add_many({"first": "mine", "second": "mine", "third": 3}, None)
    assert added == {"first": "theirs", "second": "mine", "third": 3}
    redis_cache.set_many({"a": 1, "b": ["二"], "c": "三"}, 60)
    assert len(sent) == 2
    assert redis_cache.get_many(["first", "second", "third", "a", "b", "c"]) == {
        "first": "theirs",
        "second": "mine",
        "third": 3,
        "a": 1,
        "b": ["二"],
        "c": "三",
    }
    client = redis_cache._cache.get_client(write=True)
    assert client.ttl(redis_cache.make_key("second")) == -1  # no expiry
    assert 0 < client.ttl(redis_cache.make_key("b")) <= 60
    redis_cache.set_many({"b": 2}, 0)
    assert redis_cache.get("b", "gone") == "gone"

    assert redis("stop").returncode == 0
    assert redis_cache.add_many({"first": "mine"}, None) == {"first": "mine"}
