"""网站地图: an HTML site map for people, and the XML sitemap for crawlers at the public address."""

from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction, Site

from home.views import SITE_MAP_PAGES_PER_SECTION

pytestmark = pytest.mark.django_db


def site_map(client):
    response = client.get("/sitemap/")
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    return {
        section.h2.get_text(strip=True): section
        for section in html.select("main .site-map__section")
    }


def titles(section):
    return [a.get_text() for a in section.select("ul a")]


def test_footer_links_to_the_site_map_page(client, home):
    html = BeautifulSoup(client.get("/").content, "html.parser")
    link = html.select_one("footer").find("a", string="网站地图")
    assert link["href"] == "/sitemap/"


def test_lists_each_section_with_its_newest_pages_and_a_link_to_the_rest(
    client, news_column, notice_column, make_article, make_notice
):
    count = SITE_MAP_PAGES_PER_SECTION + 3
    for i in range(count):
        make_article(title=f"工作动态第{i}条", days=i + 1)  # 第0条 is the newest
    make_notice(title="关于召开代表大会的公告")
    sections = site_map(client)
    assert list(sections)[:2] == ["工作动态", "通知公告"]
    assert sections["工作动态"].h2.a["href"] == news_column.url
    assert titles(sections["工作动态"]) == [
        f"工作动态第{i}条" for i in range(SITE_MAP_PAGES_PER_SECTION)
    ]
    more = sections["工作动态"].select_one(".more a")
    assert more["href"] == news_column.url
    assert more.get_text() == f"工作动态：全部 {count} 项"
    assert titles(sections["通知公告"]) == ["关于召开代表大会的公告"]
    assert sections["通知公告"].select_one(".more") is None
    assert titles(sections["服务"]) == ["站内搜索", "订阅本站"]


def test_pages_the_public_may_not_see_are_left_out(
    client, home, news_column, notice_column, make_article, make_notice
):
    make_article(title="公开的新闻")
    make_article(title="草稿新闻").unpublish()
    make_notice(title="需登录的公告")
    PageViewRestriction.objects.create(
        page=notice_column, restriction_type=PageViewRestriction.LOGIN
    )
    sections = site_map(client)
    assert "通知公告" not in sections
    assert titles(sections["工作动态"]) == ["公开的新闻"]
    body = client.get("/sitemap/").content.decode()
    assert "草稿新闻" not in body and "需登录的公告" not in body


def sitemap_locations(client):
    xml = ElementTree.fromstring(client.get("/sitemap.xml").content)
    return [loc.text for loc in xml.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]


def test_xml_sitemap_uses_base_url_for_a_site_left_at_localhost(
    client, settings, news_column, make_article
):
    settings.WAGTAILADMIN_BASE_URL = "https://rd.example.gov.cn"
    Site.objects.update(hostname="localhost", port=80)
    article = make_article(title="江滨区人大常委会召开会议")
    locations = sitemap_locations(client)
    assert "https://rd.example.gov.cn/" in locations
    assert f"https://rd.example.gov.cn{article.url}" in locations
    assert not [url for url in locations if "localhost" in url]


def test_xml_sitemap_uses_the_sites_own_host_and_port(client, settings, news_column):
    settings.WAGTAILADMIN_BASE_URL = "https://elsewhere.example.gov.cn"
    settings.ALLOWED_HOSTS = ["*"]
    Site.objects.update(hostname="rd.example.gov.cn", port=8443)
    locations = sitemap_locations(client)
    assert "http://rd.example.gov.cn:8443/news/" in locations
    assert all(url.startswith("http://rd.example.gov.cn:8443/") for url in locations)
