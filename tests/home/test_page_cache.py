"""The anonymous page cache serves repeat visits from memory, and publishing purges it."""

import gzip

import pytest
from django.contrib.auth.models import User
from wagtail.models import Site

from home.models import SiteSettings

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300


def test_second_visit_is_a_cache_hit(client, make_article, news_column):
    make_article(title="第一条新闻")
    first = client.get(news_column.url)
    second = client.get(news_column.url)
    assert first["X-Cache"] == "MISS" and second["X-Cache"] == "HIT"
    assert second.content == first.content
    assert "public" in second["Cache-Control"] and "max-age=60" in second["Cache-Control"]
    assert "Cookie" in second["Vary"]


def test_hits_are_served_compressed_to_browsers_that_accept_it(client, make_article, news_column):
    make_article(title="第一条新闻")
    plain = client.get(news_column.url)
    compressed = client.get(news_column.url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    again_plain = client.get(news_column.url)
    assert compressed["X-Cache"] == "HIT" and compressed["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed.content) == plain.content
    assert int(compressed["Content-Length"]) == len(compressed.content) < len(plain.content) / 2
    assert "Accept-Encoding" in compressed["Vary"]
    assert not again_plain.has_header("Content-Encoding")
    assert again_plain.content == plain.content
    assert int(again_plain["Content-Length"]) == len(plain.content)


def test_publishing_is_visible_at_once(client, make_article, news_column, committed):
    make_article(title="第一条新闻")
    client.get(news_column.url)
    client.get("/")
    client.get("/feeds/rss.xml")
    assert client.get(news_column.url)["X-Cache"] == "HIT"

    with committed():
        make_article(title="刚刚发布的新闻")
    for url in (news_column.url, "/feeds/rss.xml", "/feeds/news/rss.xml"):
        response = client.get(url)
        assert response["X-Cache"] == "MISS", url
        assert "刚刚发布的新闻" in response.content.decode(), url


def test_unpublishing_is_visible_at_once(client, make_article, news_column, committed):
    article = make_article(title="即将撤下的新闻")
    assert "即将撤下的新闻" in client.get(news_column.url).content.decode()
    client.get(article.url)
    with committed():
        article.unpublish()
    assert "即将撤下的新闻" not in client.get(news_column.url).content.decode()
    assert client.get(article.url).status_code == 404


def test_purge_is_exact(client, make_article, home):
    from tests.conftest import make_column

    other = make_column(home, "通知公告", "notices")
    client.get(other.url)
    make_article(title="只影响工作动态")
    assert client.get(other.url)["X-Cache"] == "HIT"  # an unrelated column stays cached


def test_settings_change_purges_every_page(client, home, committed):
    client.get("/")
    settings = SiteSettings.for_site(Site.objects.get())
    settings.icp_number = "浙ICP备99999999号"
    with committed():
        settings.save()
    assert "浙ICP备99999999号" in client.get("/").content.decode()


def test_logged_in_editors_never_see_or_fill_the_cache(client, make_article, news_column):
    make_article(title="公开内容")
    client.get(news_column.url)  # cached for anonymous visitors
    editor = User.objects.create_superuser("editor", "e@example.org", "pw-123456-abc")
    client.force_login(editor)
    response = client.get(news_column.url)
    assert "X-Cache" not in response
    assert 'class="w-userbar' in response.content.decode() or "userbar" in (
        response.content.decode()
    )


def test_preview_is_never_cached(client, make_article):
    article = make_article(title="预览测试")
    editor = User.objects.create_superuser("editor", "e@example.org", "pw-123456-abc")
    client.force_login(editor)
    response = client.get(f"/admin/pages/{article.pk}/edit/preview/")
    assert "X-Cache" not in response


def test_reading_mode_is_a_separate_variant(client, make_article, news_column):
    make_article(title="长者模式")
    client.get(news_column.url)
    client.cookies["elder_mode"] = "1"
    response = client.get(news_column.url)
    assert response["X-Cache"] == "MISS"
    assert 'class="elder"' in response.content.decode()


def test_station_changes_purge_district_views(
    client, make_station, make_delegate, station_index, committed
):
    station = make_station(title="东城联络站")
    delegate = make_delegate(name="张子平", station=station)
    overview = station_index.url + station_index.reverse_subpage("overview")
    for url in (overview, station.url, delegate.url):
        client.get(url)
        assert client.get(url)["X-Cache"] == "HIT"

    station.title = "东城街道人大代表之家"
    with committed():
        station.save_revision().publish()
    for url in (overview, station.url, delegate.url):
        response = client.get(url)
        assert response["X-Cache"] == "MISS", url
        assert "东城街道人大代表之家" in response.content.decode(), url


def test_star_assessment_purges_the_station(client, make_station, committed):
    import datetime

    from delegates.models import StarAssessment

    station = make_station(title="东城联络站")
    client.get(station.url)
    with committed():
        StarAssessment.objects.create(
            station=station, date=datetime.date(2026, 1, 5), stars=5, reason="六有全部达标"
        )
    response = client.get(station.url)
    assert response["X-Cache"] == "MISS"
    assert "六有全部达标" in response.content.decode()


def test_purge_waits_for_the_commit(client, make_article, news_column, committed):
    """Inside the publishing transaction the cached page still serves (a purge there would
    let a concurrent visitor cache the old page again); after the commit it is gone, and a
    rolled-back change purges nothing."""
    from django.db import transaction

    make_article(title="第一条新闻")
    client.get(news_column.url)
    with committed():
        make_article(title="提交后才清除")
        assert client.get(news_column.url)["X-Cache"] == "HIT"
    assert client.get(news_column.url)["X-Cache"] == "MISS"

    class RolledBack(Exception):
        pass

    with pytest.raises(RolledBack), committed(), transaction.atomic():
        make_article(title="回滚的发布")
        raise RolledBack
    assert client.get(news_column.url)["X-Cache"] == "HIT"


def test_making_a_page_private_purges_it(client, make_article, news_column, committed):
    from wagtail.models import PageViewRestriction

    article = make_article(title="即将设为私密的新闻")
    for url in (article.url, news_column.url):
        client.get(url)
        assert client.get(url)["X-Cache"] == "HIT"
    with committed():
        PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(article.url).status_code == 302  # to the login page
    assert "即将设为私密的新闻" not in client.get(news_column.url).content.decode()


def test_a_hit_carries_the_headers_of_the_page_it_was_stored_from(
    client, make_article, news_column
):
    """The cache answers before the CSP middleware: a hit must still send the page's
    Content-Security-Policy (stored with the page) and every other header of the miss."""
    make_article(title="安全头")
    miss = client.get(news_column.url)
    hit = client.get(news_column.url)
    assert miss["X-Cache"] == "MISS" and hit["X-Cache"] == "HIT"
    assert "default-src 'self'" in miss["Content-Security-Policy"]
    varying = {"x-cache", "content-length"}
    assert {k: v for k, v in hit.items() if k.lower() not in varying} == {
        k: v for k, v in miss.items() if k.lower() not in varying
    }


def test_static_files_and_bad_requests_bypass_the_cache(client, home, settings):
    """Static files (served behind the cache) keep their CSP header and are never stored;
    a path with control characters is still refused (behind the cache), and never stored."""
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    for _ in range(2):
        css = client.get("/static/css/portal.css")
        assert css.status_code == 200 and "X-Cache" not in css
        assert "default-src 'self'" in css["Content-Security-Policy"]
        refused = client.get("/news/", {"q": "a\x00b"})
        assert refused.status_code == 400 and "X-Cache" not in refused
        assert "无效字符" in b"".join(refused).decode()


def test_a_session_cookie_is_never_answered_from_the_cache(
    client, make_article, news_column, settings
):
    """Anyone with a session (signed in, or half-way through the two-factor login) gets the
    page rendered for them: the cache in front of the session middleware only answers
    visitors without one."""
    make_article(title="公开内容")
    client.get(news_column.url)
    assert client.get(news_column.url)["X-Cache"] == "HIT"
    client.cookies[settings.SESSION_COOKIE_NAME] = "not-a-real-session"
    response = client.get(news_column.url)
    assert "X-Cache" not in response and response.status_code == 200
