"""The site chrome at phone width: the most-used entries first, one search box per page, a menu
that opens without JavaScript, a favicon."""

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db

SHORTCUTS = ["找联络站", "找代表", "通知公告", "接访安排"]


@pytest.fixture
def sections(home, notice_column, news_column, station_index, delegate_index):
    return {"notices": notice_column, "stations": station_index, "delegates": delegate_index}


def soup(client, url):
    response = client.get(url)
    assert response.status_code in (200, 404)
    return BeautifulSoup(response.content, "html.parser")


def test_shortcuts_lead_to_the_real_pages(client, sections, make_notice):
    make_notice(title="关于召开区人民代表大会的公告")
    html = soup(client, "/")
    shortcuts = html.select("header nav.shortcuts a")
    assert [a.get_text() for a in shortcuts] == SHORTCUTS
    stations, delegates = sections["stations"], sections["delegates"]
    assert [a["href"] for a in shortcuts] == [
        stations.url + stations.reverse_subpage("locator"),
        delegates.url,
        sections["notices"].url,
        stations.url + stations.reverse_subpage("receptions"),
    ]
    for a in shortcuts:
        assert client.get(a["href"]).status_code == 200, a["href"]


def test_notices_shortcut_finds_the_column_of_notices_under_any_name(
    client, home, notice_column, make_notice
):
    notice_column.title = "公告公示"
    notice_column.save_revision().publish()
    make_notice()
    html = soup(client, "/")
    assert [(a.get_text(), a["href"]) for a in html.select("nav.shortcuts a")] == [
        ("通知公告", notice_column.url)
    ]


def test_shortcuts_leave_out_hidden_sections(client, sections):
    sections["stations"].unpublish()
    html = soup(client, "/")
    assert [a.get_text() for a in html.select("nav.shortcuts a")] == ["找代表"]


def test_main_menu_is_a_named_nav_inside_a_details_button(client, sections):
    html = soup(client, "/")
    details = html.select_one("header details.menu-toggle")
    assert details is not None and not details.has_attr("open")
    assert details.find("summary", recursive=False).get_text(strip=True) == "全部栏目"
    nav = details.select_one("nav.main-menu")
    assert nav["aria-label"] == "主导航"
    assert [a.get_text() for a in nav.select("a")] == [
        "首页",
        "通知公告",
        "工作动态",
        "联络站",
        "代表名录",
    ]
    # The shortcuts are a second, separately named navigation, outside the collapsed menu.
    assert html.select_one("nav.shortcuts")["aria-label"] == "常用入口"
    assert not details.select("nav.shortcuts")


def search_boxes(html):
    return html.select('input[type="search"][name="q"]')


@pytest.mark.parametrize("url", ["/", "/feeds/", "/sitemap/", "/news/"])
def test_one_search_box_on_a_page(client, sections, url):
    boxes = search_boxes(soup(client, url))
    assert [box["id"] for box in boxes] == ["site-search-q"]


def test_home_page_made_of_the_demo_blocks_has_one_search_box(client, sections, make_notice):
    from home.demo.site import home_blocks

    notices = sections["notices"]
    columns = {slug: notices for slug in ("notices", "news", "delegate-work")}
    home = notices.get_parent().specific
    home.body = home_blocks(columns, [make_notice()])
    home.save_revision().publish()
    html = soup(client, "/")
    assert len(search_boxes(html)) == 1
    assert html.select(".home-block--quick_entries")


@pytest.mark.parametrize("url", ["/search/?q=代表", "/no-such-page/"])
def test_pages_with_their_own_search_form_leave_out_the_header_box(client, sections, url):
    html = soup(client, url)
    boxes = search_boxes(html)
    assert len(boxes) == 1
    assert boxes[0].find_parent("header") is None
    assert html.select_one("header nav.shortcuts")  # the rest of the header is still there


def static_bytes(url):
    from django.conf import settings
    from django.contrib.staticfiles import finders

    assert url.startswith(settings.STATIC_URL), url
    path = finders.find(url.removeprefix(settings.STATIC_URL))
    assert path, f"{url} is not a static file"
    with open(path, "rb") as f:
        return f.read()


def test_favicon_is_linked_and_served(client, sections):
    html = soup(client, "/")
    icons = {link["href"].rsplit(".", 1)[-1]: link for link in html.select('link[rel="icon"]')}
    assert set(icons) == {"svg", "ico"}
    assert icons["svg"]["type"] == "image/svg+xml"
    assert static_bytes(icons["svg"]["href"]).startswith(b"<svg")
    assert static_bytes(icons["ico"]["href"])[:4] == b"\x00\x00\x01\x00"  # the ICO header

    # Browsers that ask /favicon.ico themselves are sent to the same icon, not to a 404.
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == icons["ico"]["href"]


def test_print_button_is_hidden_in_print(client, sections):
    from django.contrib.staticfiles import finders

    css = Path(finders.find("css/print.css")).read_text(encoding="utf-8")
    hidden = css.split("{ display: none !important; }")[0]
    assert "[data-print]" in hidden


def test_footer_shows_the_settings_given_and_leaves_out_the_empty_ones(client, home):
    from wagtail.models import Site

    from home.models import SiteSettings

    settings = SiteSettings.for_site(Site.objects.get())
    settings.footer_text = "第一行<注>\r\n第二行"
    settings.contact_email = "rd@example.cn"
    settings.contact_phone = ""
    settings.contact_address = ""
    settings.icp_number = ""
    settings.public_security_number = "公网安备 33050202000001号"
    settings.save()
    footer = soup(client, "/").select_one("footer.site-footer")
    assert "第一行&lt;注&gt;<br/>第二行" in str(footer.select("p")[1])
    assert footer.select_one('address a[href="mailto:rd@example.cn"]').get_text() == "rd@example.cn"
    assert "电话" not in footer.address.get_text() and "地址" not in footer.address.get_text()
    assert not footer.select('a[href^="https://beian"]')
    assert "公网安备 33050202000001号" in footer.get_text()
    links = footer.select(".site-footer__links a")
    assert [a.get_text() for a in links] == ["订阅本站", "网站地图"]


def test_menu_titles_are_escaped(client, home):
    from tests.conftest import make_column

    make_column(home, "代表<工作>&联络", "delegate-work")
    nav = soup(client, "/").select_one("nav.main-menu")
    assert [a.get_text() for a in nav.select("a")] == ["首页", "代表<工作>&联络"]
    assert "代表&lt;工作&gt;&amp;联络" in str(nav)
