"""RSS 2.0 and Atom feeds validate, with absolute links, dates and summaries."""

import feedparser
import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(make_article, make_notice):
    article = make_article(title="区人大常委会召开主任会议", days=2, tags=["监督工作"])
    notice = make_notice(title="关于召开区人民代表大会的公告", days=1)
    return article, notice


@pytest.mark.parametrize("url", ["/feeds/rss.xml", "/feeds/atom.xml"])
def test_site_feed_is_valid_and_complete(client, content, url):
    article, notice = content
    response = client.get(url)
    assert response["Content-Type"].startswith(
        "application/rss+xml" if "rss" in url else "application/atom+xml"
    )
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert [entry.title for entry in feed.entries] == [notice.title, article.title]
    first = feed.entries[0]
    assert first.link == f"http://testserver{notice.url}"
    assert first.summary == notice.summary
    assert first.published_parsed[:3] == notice.date.utctimetuple()[:3]
    assert feed.feed.title == "某某区人大常委会"
    second = feed.entries[1]
    assert [tag.term for tag in second.tags] == ["监督工作"]


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_column_feed_has_only_that_column(client, content, kind):
    article, notice = content
    feed = feedparser.parse(client.get(f"/feeds/notices/{kind}.xml").content)
    assert not feed.bozo
    assert [entry.title for entry in feed.entries] == [notice.title]
    assert "通知公告" in feed.feed.title


def test_unknown_column_feed_is_404(client, content):
    assert client.get("/feeds/no-such-column/rss.xml").status_code == 404


def test_feed_index_and_alternate_links(client, content, notice_column):
    html = client.get("/feeds/").content.decode()
    assert "http://testserver/feeds/notices/rss.xml" in html
    assert "通知公告" in html
    column_html = client.get(notice_column.url).content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in column_html
    assert 'href="/feeds/notices/rss.xml"' in column_html
