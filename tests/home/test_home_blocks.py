"""The home page's blocks read their chosen pages by prepared queries, as Wagtail's chooser
would give them, and the lists of publications are written by a tag."""

import pytest
from bs4 import BeautifulSoup
from django.template import engines
from django.test import RequestFactory
from wagtail.models import Page

from home.blocks import FeaturedPagesBlock, LatestPublicationsBlock
from news.models import ColumnPage, Publication

pytestmark = pytest.mark.django_db


def test_chosen_pages_come_in_order_with_gaps_and_repeats_as_wagtail_gives_them(
    news_column, notice_column
):
    chooser = FeaturedPagesBlock().child_blocks["pages"].child_block
    ids = [notice_column.pk, None, news_column.pk, notice_column.pk, 987654]
    pages = chooser.bulk_to_python(ids)
    assert [page and page.pk for page in pages] == [notice_column.pk, None, news_column.pk] + [
        notice_column.pk,
        None,
    ]
    assert all(type(page) is Page for page in pages if page)
    assert pages[0] is not pages[3]  # a page chosen twice: two instances, as Wagtail's
    assert pages[0].title == notice_column.title
    assert chooser.bulk_to_python([None, None]) == [None, None]


def test_a_column_is_read_as_its_page_type(news_column):
    chooser = LatestPublicationsBlock().child_blocks["column"]
    [column] = chooser.bulk_to_python([news_column.pk])
    assert type(column) is ColumnPage and column.path == news_column.path


def render_list(items, show_summary=False):
    template = engines["django"].from_string(
        "{% load portal_tags %}{% publication_list items show_summary=show_summary %}"
    )
    request = RequestFactory().get("/")
    html = template.render({"items": items, "show_summary": show_summary, "request": request})
    return BeautifulSoup(html, "html.parser")


def test_a_publication_list_shows_title_kind_date_and_a_short_summary(make_article, make_notice):
    make_article(title="新闻<一>", summary="<b>摘要</b>" + "长" * 100)
    make_notice(title="公告二")
    items = list(Publication.objects.live().order_by("title"))
    items[0].summary = ""  # none shown
    html = render_list(items, show_summary=True)
    rows = html.select("li.publication-list__item")
    assert [row.select_one("a").get_text() for row in rows] == ["公告二", "新闻<一>"]
    assert [row.select_one("a")["href"] for row in rows] == [item.url for item in items]
    assert [row.select_one(".tag--kind").get_text() for row in rows] == ["公告", "新闻"]
    assert rows[0].select_one("time")["datetime"] == items[0].date.strftime("%Y-%m-%d")
    assert rows[0].select_one(".publication-list__summary") is None
    summary = rows[1].select_one(".publication-list__summary").get_text()
    assert summary.startswith("<b>摘要</b>长") and len(summary) <= 90  # escaped, cut short
    assert len(items[1].summary) > 90
    assert render_list(items).select(".publication-list__summary") == []


def test_an_empty_publication_list_says_so(home):
    html = render_list([])
    assert html.select_one("li.publication-list__empty").get_text() == "暂无内容。"
