"""What every page shares is made once and kept (home.cache.shared): the main menu and the
site a host name serves. A change to a column, the home page or a site shows at once; pages
are routed in one query for the whole path (home.routing)."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site
from wagtail.rich_text import RichText

from home.models import ContentPage
from tests.conftest import make_column

pytestmark = pytest.mark.django_db


def menu(client, url):
    html = BeautifulSoup(client.get(url).content, "html.parser")
    return [(a.get_text(), a.get("aria-current")) for a in html.select("nav.main-menu a")]


def test_menu_marks_the_column_of_each_page(client, news_column, notice_column, make_notice):
    notice = make_notice(title="一则公告")
    assert menu(client, "/") == [("首页", "page"), ("工作动态", None), ("通知公告", None)]
    expected = [("首页", None), ("工作动态", None), ("通知公告", "page")]
    assert menu(client, notice_column.url) == expected
    assert menu(client, notice.url) == expected  # shared by the column's pages
    assert menu(client, news_column.url) == [
        ("首页", None),
        ("工作动态", "page"),
        ("通知公告", None),
    ]


def test_a_renamed_or_hidden_column_shows_on_every_page_at_once(
    client, news_column, notice_column, make_notice, committed
):
    notice = make_notice(title="一则公告")
    assert ("工作动态", None) in menu(client, notice.url)
    with committed():
        news_column.title = "人大要闻"
        news_column.save_revision().publish()
    assert ("人大要闻", None) in menu(client, notice.url)
    with committed():
        news_column.unpublish()
    assert [label for label, _ in menu(client, notice.url)] == ["首页", "通知公告"]


def test_a_changed_site_is_looked_up_again(client, home, committed):
    assert client.get("/").status_code == 200
    with committed():
        site = Site.objects.get()
        site.root_page = make_column(home, "另一个首页", "elsewhere")
        site.save()
    html = BeautifulSoup(client.get("/").content, "html.parser")
    assert html.h1.get_text(strip=True) == "另一个首页"


def test_a_deep_page_is_routed_in_one_query_for_its_path(client, home):
    about = make_column(home, "人大简介", "about")
    parent = about.add_child(instance=ContentPage(title="机构设置", slug="organs"))
    page = parent.add_child(instance=ContentPage(title="办公室", slug="office"))
    client.get(page.url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page.url)
    assert "办公室" in response.content.decode()
    routing = [q["sql"] for q in queries if '"wagtailcore_page"."url_path" IN' in q["sql"]]
    assert len(routing) == 1
    # Wagtail's descent would read each level's base and specific rows.
    assert sum('FROM "wagtailcore_page"' in q["sql"] for q in queries) < 2 * page.depth - 2


@pytest.mark.parametrize(
    "path",
    ["/about/missing/", "/missing/", "/about/organs/office/extra/", "/a/b/c/d/e/f/g/h/i/j/"],
)
def test_unknown_paths_are_not_found(client, home, path):
    about = make_column(home, "人大简介", "about")
    about.add_child(instance=ContentPage(title="机构设置", slug="organs")).add_child(
        instance=ContentPage(title="办公室", slug="office")
    )
    assert client.get(path).status_code == 404


def test_a_draft_page_is_not_served_though_its_column_is(client, home):
    about = make_column(home, "人大简介", "about")
    draft = about.add_child(instance=ContentPage(title="草稿", slug="draft", live=False))
    assert Page.objects.get(pk=draft.pk).live is False
    assert client.get("/about/draft/").status_code == 404
    assert client.get("/about/").status_code == 200


def test_a_columns_filter_choices_follow_what_is_published_in_it(
    client, news_column, make_article, committed
):
    make_article(title="旧闻", tags=["人大要闻"], days=400)

    def choices():
        html = BeautifulSoup(client.get(news_column.url).content, "html.parser")
        years = [o.get_text() for o in html.select("#filter-year option")][1:]
        return years, [a.get_text() for a in html.select(".tag-cloud a")]

    before = choices()
    assert before[1] == ["人大要闻"] and len(before[0]) == 1
    with committed():
        make_article(title="新闻", tags=["代表履职"], days=0)
    years, tags = choices()
    assert sorted(tags) == ["人大要闻", "代表履职"]
    assert len(years) == (1 if before[0][0] == years[0] else 2)


def latest_news_block(column):
    return [("latest", {"heading": "工作动态", "column": column, "count": 5})]


def test_home_blocks_show_what_is_published_at_once(client, home, news_column, committed):
    home.body = latest_news_block(news_column)
    home.save_revision().publish()
    assert "刚刚发布的新闻" not in client.get("/").content.decode()
    with committed():
        publish_article(news_column, "刚刚发布的新闻")
    assert "刚刚发布的新闻" in client.get("/").content.decode()


def test_a_preview_of_the_home_page_is_rendered_and_never_shared(client, home, news_column):
    home.body = latest_news_block(news_column)
    home.save_revision().publish()
    public = client.get("/").content.decode()
    assert "草稿版块" not in public

    home.body = [("text", RichText("<p>草稿版块</p>")), *latest_news_block(news_column)]
    preview = home.make_preview_request().content.decode()
    assert "草稿版块" in preview  # the draft, not the shared published body
    assert "草稿版块" not in client.get("/").content.decode()


def publish_article(column, title):
    from news.models import ArticlePage
    from tests.conftest import days_ago, publish

    return publish(column, ArticlePage(title=title, date=days_ago(0), summary="摘要"))
