"""Within one request the cache is read once per key and what pages share is written once,
together, at the end (home.cache.request_scope); nothing is kept from one request to the next."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory

from home import cache as page_cache
from home.cache import prefetch_shared, purge_all, read_ahead, request_scope, shared
from portal.cache_backends import add_many

pytestmark = pytest.mark.django_db


@pytest.fixture
def calls(monkeypatch):
    """The cache's methods as the code under test calls them (a spy: the real cache answers;
    calls a method makes to another, as local memory's get_many to get, are not counted)."""
    seen, depth = [], [0]
    for name in ("get", "get_many", "set", "set_many", "add"):
        method = getattr(cache, name)

        def spy(*args, _name=name, _method=method, **kwargs):
            if not depth[0]:
                seen.append(_name)
            depth[0] += 1
            try:
                return _method(*args, **kwargs)
            finally:
                depth[0] -= 1

        monkeypatch.setattr(cache, name, spy)
    return seen


def test_shared_values_are_stored_together_when_the_request_ends(calls):
    cache.clear()
    with request_scope():
        prefetch_shared("a", ("b", "/notices/"))
        assert shared("a", lambda: "A") == "A"
        assert shared("b", lambda: ["B"], path="/notices/") == ["B"]
        assert shared("a", lambda: "again") == "A"  # read from what this request made
        assert shared("b", lambda: ["again"], path="/notices/") == ["B"]
        assert "set" not in calls and "set_many" not in calls
    # One read for both names and their generations, one add per missing generation, one write.
    assert calls == ["get_many", "add", "add", "set_many"]
    calls.clear()
    with request_scope():
        assert shared("a", lambda: "recomputed") == "A"
        assert shared("b", lambda: ["recomputed"], path="/notices/") == ["B"]
    assert calls == ["get_many", "get_many"]


def test_a_shared_value_is_stored_as_it_was_made(calls):
    cache.clear()
    with request_scope():
        rows = shared("rows", lambda: [{"title": "街道"}])
        rows[0]["title"] = "changed by the request afterwards"
    with request_scope():
        assert shared("rows", list) == [{"title": "街道"}]


def test_a_purge_during_the_request_is_seen_by_what_it_shares_afterwards(committed):
    cache.clear()
    with request_scope():
        assert shared("menu", lambda: "old") == "old"
    with request_scope():
        assert shared("menu", lambda: "new") == "old"
        with committed():
            purge_all()
        assert shared("menu", lambda: "new") == "new"
    with request_scope():
        assert shared("menu", lambda: "newer") == "new"


def test_without_a_request_scope_every_call_goes_to_the_cache(calls):
    cache.clear()
    assert shared("a", lambda: "A") == "A"
    assert shared("a", lambda: "B") == "A"
    assert calls == ["get_many", "add", "set", "get_many"]


def test_a_cold_page_reads_and_writes_the_cache_in_few_round_trips(client, home, calls, settings):
    settings.PAGE_CACHE_SECONDS = 300
    client.get("/")
    cache.clear()
    calls.clear()
    assert client.get("/").status_code == 200
    # The page's tokens (and adds for the two missing ones), what the last request for "/"
    # shared (the site, the menu, the footer, the home page's body: read ahead together),
    # and one write.
    assert calls == ["get_many", "add", "add", "get_many", "set_many"], calls


def test_a_cold_page_asks_for_nothing_it_did_not_read_ahead(client, home, calls):
    client.get("/")  # uncached (PAGE_CACHE_SECONDS = 0): the view runs every time
    cache.clear()
    client.get("/")  # the generation tokens, made again
    for key in list(page_cache._KEYS_BY_ROUTE[("testserver", "/")]):
        if "shared" in key:
            cache.delete(key)
    calls.clear()
    assert client.get("/").status_code == 200
    assert calls == ["get_many", "set_many"], calls


def _request(path="/columns/"):
    return RequestFactory().get(path, HTTP_HOST="testserver")


def test_what_is_read_ahead_is_still_checked_against_the_current_generation(committed):
    cache.clear()
    with request_scope():
        read_ahead(_request())
        assert shared("menu", lambda: "old") == "old"
        assert shared("site", lambda: {"name": "old"}) == {"name": "old"}
    with committed():
        purge_all()
    with request_scope():
        read_ahead(_request())  # reads the menu and the site stored before the purge
        assert shared("site", lambda: {"name": "new"}) == {"name": "new"}
        assert shared("menu", lambda: "new") == "new"
    with request_scope():
        read_ahead(_request())
        assert shared("menu", lambda: "newer") == "new"
        assert shared("site", dict) == {"name": "new"}


def test_routes_are_remembered_by_host_and_path_and_forgotten_when_too_many(monkeypatch):
    cache.clear()
    monkeypatch.setattr(page_cache, "_KEYS_BY_ROUTE", {})
    monkeypatch.setattr(page_cache, "MAX_ROUTES", 2)
    for path in ("/a/", "/b/", "/c/"):
        with request_scope():
            read_ahead(_request(path))
            shared(f"fragment{path}", lambda: "x")
    assert list(page_cache._KEYS_BY_ROUTE) == [("testserver", "/c/")]
    with request_scope():
        read_ahead(_request("/d/"))  # asks for nothing: nothing to remember
    assert ("testserver", "/d/") not in page_cache._KEYS_BY_ROUTE


def test_add_many_keeps_what_another_process_added_first():
    cache.clear()
    cache.set("first", "theirs", None)
    assert add_many(cache, {"first": "mine", "second": "mine"}, None) == {
        "first": "theirs",
        "second": "mine",
    }
    assert cache.get_many(["first", "second"]) == {"first": "theirs", "second": "mine"}


def test_renditions_are_read_and_stored_with_what_the_request_shares(calls):
    from django.core.cache import caches

    renditions = caches["renditions"]
    cache.clear()
    with request_scope():
        read_ahead(_request("/news/photo/"))
        assert renditions.get("wagtail-rendition-1", "missing") == "missing"
        renditions.set("wagtail-rendition-1", {"width": 800})
        renditions.set_many({"wagtail-rendition-2": {"width": 400}})
        assert renditions.get_many(["wagtail-rendition-1", "wagtail-rendition-2"]) == {
            "wagtail-rendition-1": {"width": 800},
            "wagtail-rendition-2": {"width": 400},
        }
        assert cache.get("wagtail-rendition-1") is None  # stored when the request ends
    assert calls[-1] == "set_many"
    calls.clear()
    with request_scope():
        read_ahead(_request("/news/photo/"))  # both, in the one read
        assert renditions.get("wagtail-rendition-2") == {"width": 400}
        renditions.delete("wagtail-rendition-2")
        assert renditions.get("wagtail-rendition-2") is None
    assert calls == ["get_many"]
    assert cache.get("wagtail-rendition-1") == {"width": 800}
    renditions.set("outside", 1)  # outside a request: the default cache at once
    assert cache.get("outside") == 1 and renditions.get("outside") == 1
