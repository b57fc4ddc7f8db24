"""Feed views are single objects shared by every thread that serves them (Django builds them
once, in the URLconf): what one request keeps on the feed (its request, site and site settings)
must not be seen by another request answered at the same time."""

import feedparser
import pytest
from django.test import RequestFactory
from django.urls import resolve
from wagtail.models import Site

from delegates.feeds import ReceptionFeed
from home.models import SiteSettings
from news.feeds import PublicationFeed

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_sites(home, settings, make_article):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "other.example"]
    make_article(title="两个站点都能看到的稿件")
    main = Site.objects.get(hostname="testserver")
    other = Site.objects.create(hostname="other.example", port=80, root_page=home)
    SiteSettings.objects.update_or_create(site=main, defaults={"site_name": "江滨区人大常委会"})
    SiteSettings.objects.update_or_create(site=other, defaults={"site_name": "另一个区人大常委会"})
    return main, other


def interleaved(monkeypatch, feed_class, method, url, first_host, second_host):
    """Answer a request for `url` from `first_host`; while it is between get_object() and
    `method`, a request from `second_host` is answered in full by the same feed object (as
    another thread would). Returns both responses."""
    view = resolve(url).func
    factory = RequestFactory()
    original = getattr(feed_class, method)
    second = {}

    def wrapped(self, obj):  # Feed passes the object only to methods that take two arguments
        if not second:
            second["started"] = True
            second["response"] = view(factory.get(url, HTTP_HOST=second_host))
        return original(self, obj)

    monkeypatch.setattr(feed_class, method, wrapped)
    first = view(factory.get(url, HTTP_HOST=first_host))
    return first, second["response"]


@pytest.mark.parametrize("url", ["/feeds/rss.xml", "/feeds/atom.xml"])
def test_publication_feed_state_belongs_to_each_request(two_sites, monkeypatch, url):
    first, second = interleaved(
        monkeypatch, PublicationFeed, "title", url, "testserver", "other.example"
    )
    first, second = feedparser.parse(first.content), feedparser.parse(second.content)
    assert first.feed.title == "江滨区人大常委会"
    assert second.feed.title == "另一个区人大常委会"
    assert first.entries[0].link.startswith("http://testserver/")
    assert second.entries[0].link.startswith("http://other.example/")


def test_reception_feed_state_belongs_to_each_request(
    settings, monkeypatch, station_index, make_station, make_session
):
    # One site answering under two host names: item GUIDs are built from the request's host.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "other.example"]
    make_session(make_station(title="东城联络站"))
    first, second = interleaved(
        monkeypatch, ReceptionFeed, "items", "/feeds/receptions.xml", "testserver", "other.example"
    )
    assert feedparser.parse(first.content).entries[0].id.startswith("http://testserver/")
    assert feedparser.parse(second.content).entries[0].id.startswith("http://other.example/")


@pytest.mark.parametrize(
    "url", ["/feeds/rss.xml", "/feeds/notices/atom.xml", "/feeds/receptions.xml"]
)
def test_the_shared_feed_object_keeps_no_request_state(client, home, notice_column, url):
    view = resolve(url).func
    assert client.get(url).status_code == 200
    assert not {"request", "site", "site_settings"} & set(vars(view))
