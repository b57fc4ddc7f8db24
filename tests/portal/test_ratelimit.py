"""Rate limits belong to the views (search, suggest, locator, delegate directory), not to URL
prefixes: they hold after a page slug is renamed and under a SCRIPT_NAME prefix."""

import pytest
from django.urls import set_script_prefix

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _reset_script_prefix():
    yield
    set_script_prefix("/")


def statuses(client, url, params, times=4, **extra):
    return [client.get(url, params, **extra).status_code for _ in range(times)]


def assert_limited_page(response):
    assert response.status_code == 429
    assert "访问过于频繁" in response.content.decode()
    assert response["Retry-After"] == "60"
    assert "no-store" in response["Cache-Control"]


def test_delegate_directory_name_search_is_limited(client, settings, make_delegate):
    settings.PORTAL_RATE_LIMITS = {"directory": "3/m"}
    zhang = make_delegate(name="张子平")
    url = zhang.get_parent().url
    assert statuses(client, url, {"q": "张"}, 3) == [200, 200, 200]
    assert "张子平" in client.get(url).content.decode()  # the bare directory is not counted
    assert_limited_page(client.get(url, {"q": "张"}))
    assert client.get("/search/", {"q": "张"}).status_code == 200  # another group


def test_directory_limit_defaults_to_the_search_limit():
    from django.conf import settings

    assert settings.PORTAL_RATE_LIMITS["directory"] == settings.PORTAL_RATE_LIMITS["search"]


def test_locator_limit_follows_a_renamed_index(client, settings, station_index, make_station):
    settings.PORTAL_RATE_LIMITS = {"locator": "2/m"}
    make_station(title="东城街道人大代表联络站", communities=["东风社区"])
    station_index.slug = "lianluozhan"
    station_index.save_revision().publish()
    station_index.refresh_from_db()
    url = station_index.url + station_index.reverse_subpage("locator")
    assert url == "/lianluozhan/locator/"
    assert statuses(client, url, {"q": "东风社区"}, 3) == [200, 200, 429]


def test_search_and_suggest_share_a_limit_under_a_script_name(client, settings, home):
    settings.PORTAL_RATE_LIMITS = {"search": "3/m"}
    set_script_prefix("/portal/")
    mounted = {"SCRIPT_NAME": "/portal"}
    assert client.get("/search/", {"q": "代表"}, **mounted).status_code == 200
    assert client.get("/search/suggest/", {"q": "代表"}, **mounted).status_code == 200
    assert client.get("/search/", {"q": "代表"}, **mounted).status_code == 200
    assert_limited_page(client.get("/search/", {"q": "代表"}, **mounted))
    assert client.get("/search/suggest/", {"q": "代"}, **mounted).status_code == 429


def test_limits_are_per_client_behind_the_proxy(client, settings, home):
    settings.PORTAL_RATE_LIMITS = {"search": "2/m"}
    settings.RATELIMIT_IP_META_KEY = "HTTP_X_REAL_IP"
    one = {"REMOTE_ADDR": "10.0.0.5", "HTTP_X_REAL_IP": "203.0.113.7"}
    other = {"REMOTE_ADDR": "10.0.0.5", "HTTP_X_REAL_IP": "198.51.100.20"}
    assert statuses(client, "/search/", {"q": "代表"}, 3, **one) == [200, 200, 429]
    assert client.get("/search/", {"q": "代表"}, **other).status_code == 200


def test_a_cache_outage_serves_instead_of_refusing(client, settings, home, monkeypatch):
    import portal.ratelimit

    def down(*args, **kwargs):
        raise ConnectionError("redis down")

    settings.PORTAL_RATE_LIMITS = {"search": "1/m"}
    monkeypatch.setattr(portal.ratelimit, "is_ratelimited", down)
    assert statuses(client, "/search/", {"q": "代表"}, 3) == [200, 200, 200]
