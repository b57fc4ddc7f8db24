"""Column lists: newest first, paginated, filterable by tag, year and kind; expired notices."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from news.models import ArticlePage, ReportPage
from tests.conftest import publish

pytestmark = pytest.mark.django_db


def titles_in(html, candidates):
    return [title for title in candidates if title in html]


def test_list_is_newest_first_and_paginates(client, settings, make_article, news_column):
    settings.PORTAL_PAGE_SIZE = 3
    titles = [f"工作动态第{i}条" for i in range(7)]
    for days, title in enumerate(titles):
        make_article(title=title, days=days + 1)

    first = client.get(news_column.url).content.decode()
    assert titles_in(first, titles) == titles[:3]
    assert first.index(titles[0]) < first.index(titles[1]) < first.index(titles[2])
    assert "第 1 页，共 3 页，7 条" in first
    assert 'rel="next"' in first

    third = client.get(news_column.url, {"page": 3}).content.decode()
    assert titles_in(third, titles) == titles[6:]
    # Malformed or out-of-range page numbers fall back instead of failing.
    assert (
        titles_in(client.get(news_column.url, {"page": "abc"}).content.decode(), titles)
        == (titles[:3])
    )
    assert (
        titles_in(client.get(news_column.url, {"page": 99}).content.decode(), titles)
        == (titles[6:])
    )


def test_filters_by_tag_and_year(client, make_article, news_column):
    make_article(title="代表接访活动", days=2, tags=["接访"])
    make_article(title="执法检查活动", days=3, tags=["执法检查"])
    old = make_article(title="去年的视察活动", days=400, tags=["接访"])

    html = client.get(news_column.url, {"tag": "接访"}).content.decode()
    assert "代表接访活动" in html and "去年的视察活动" in html
    assert "执法检查活动" not in html
    assert "标签“接访”下的内容" in html

    html = client.get(news_column.url, {"year": old.date.year}).content.decode()
    assert "去年的视察活动" in html
    assert "执法检查活动" not in html
    # Nonsense filters are ignored, not errors.
    assert "执法检查活动" in client.get(news_column.url, {"year": "abc"}).content.decode()


def test_filters_by_kind(client, home, make_report, report_column):
    make_report(title="常委会工作报告", report_kind=ReportPage.Kind.WORK)
    make_report(title="某代表述职报告", report_kind=ReportPage.Kind.DUTY)
    html = client.get(report_column.url, {"kind": "duty"}).content.decode()
    assert "某代表述职报告" in html
    assert "常委会工作报告" not in html
    assert (
        '<option value="duty">述职报告（1）</option>'
        in client.get(report_column.url).content.decode()
    )


def test_expired_notice_leaves_lists_but_stays_reachable(client, make_notice, notice_column):
    today = timezone.localdate()
    current = make_notice(title="仍然有效的公告", valid_until=today + datetime.timedelta(days=3))
    expired = make_notice(title="已经过期的公告", valid_until=today - datetime.timedelta(days=1))

    listing = client.get(notice_column.url).content.decode()
    assert current.title in listing
    assert expired.title not in listing
    assert expired.title not in client.get("/feeds/rss.xml").content.decode()

    page = client.get(expired.url)
    assert page.status_code == 200
    assert "本公告已于" in page.content.decode() and "到期，仅供查阅" in page.content.decode()
    assert "到期，仅供查阅" not in client.get(current.url).content.decode()


def test_related_articles_share_tags(client, make_article):
    article = make_article(title="代表视察老旧小区改造", tags=["民生实事"])
    make_article(title="民生实事项目推进会", days=2, tags=["民生实事"])
    html = client.get(article.url).content.decode()
    assert "相关阅读" in html
    assert "民生实事项目推进会" in html


def test_related_reading_never_repeats_a_title(make_article, notice_column):
    article = make_article(title="代表视察老旧小区改造", tags=["民生实事"])
    make_article(title="民生实事项目推进会", days=2, tags=["民生实事"])
    # The same item reposted in another column, and another with this article's own title.
    repost = ArticlePage(title="民生实事项目推进会", date=article.date, summary="转载。")
    publish(notice_column, repost, ["民生实事"])
    make_article(title="代表视察老旧小区改造", days=3, tags=["民生实事"])
    make_article(title="街道议事会", days=4)

    titles = [item.title for item in article.related_publications()]
    assert titles == ["民生实事项目推进会", "街道议事会"]


def test_related_reading_lists_an_item_sharing_several_tags_once(make_article):
    """Items tagged with any of the article's tags (three: padded to four in the prepared
    query), each once however many tags it shares, newest first; then the column's newest."""
    article = make_article(title="代表视察老旧小区改造", tags=["民生实事", "城市更新", "视察"])
    make_article(title="城市更新推进会", days=2, tags=["民生实事", "城市更新"])
    make_article(title="视察小结", days=3, tags=["视察"])
    make_article(title="别的标签", days=1, tags=["立法"])

    titles = [item.title for item in article.related_publications()]
    assert titles == ["城市更新推进会", "视察小结", "别的标签"]


def test_notice_validity_must_follow_effective_date(notice_column):
    from django.core.exceptions import ValidationError

    from news.models import NoticePage

    notice = NoticePage(
        title="公告",
        summary="摘要",
        issuing_body="区人大常委会",
        effective_date=datetime.date(2025, 9, 17),
        valid_until=datetime.date(2025, 9, 1),
    )
    with pytest.raises(ValidationError) as excinfo:
        notice_column.add_child(instance=notice)
    assert "有效期不能早于生效日期" in str(excinfo.value)


def test_a_filtered_page_counts_its_rows_in_the_same_query(
    client, settings, make_article, make_notice, news_column
):
    settings.PORTAL_PAGE_SIZE = 2
    for i in range(5):
        make_article(title=f"接访活动第{i}条", days=i + 1, tags=["接访"])
    make_article(title="执法检查活动", days=9, tags=["执法检查"])
    client.get(news_column.url, {"tag": "接访"})  # the filter choices are now shared
    with CaptureQueriesContext(connection) as queries:
        html = client.get(news_column.url, {"tag": "接访", "page": 2}).content.decode()
    assert "第 2 页，共 3 页，5 条" in html
    assert titles_in(html, [f"接访活动第{i}条" for i in range(5)]) == [
        "接访活动第2条",
        "接访活动第3条",
    ]
    assert not [q for q in queries if "COUNT(*)" in q["sql"] and "OVER" not in q["sql"]]
    # A list shows its rows' fields only: no body, no lead image.
    rows = [q["sql"] for q in queries if "OVER" in q["sql"]]
    assert len(rows) == 1 and '"body"' not in rows[0] and "portalimage" not in rows[0]


def test_each_row_shows_its_own_kind_and_day(client, settings, report_column):
    settings.TIME_ZONE = "Asia/Shanghai"
    late = timezone.make_aware(datetime.datetime(2025, 3, 1, 23, 30), datetime.UTC)
    report = ReportPage(
        title="某代表述职报告", date=late, summary="摘要。", year=2025, issuing_body="张代表"
    )
    publish(report_column, report)
    publish(report_column, ArticlePage(title="报告会新闻", date=late, summary="摘要。"))
    html = BeautifulSoup(client.get(report_column.url).content, "html.parser")
    rows = {
        row.select_one(".publication-list__title").get_text(): row
        for row in html.select(".publication-list__item")
    }
    assert rows["某代表述职报告"].select_one(".tag--kind").get_text() == "报告"
    assert rows["报告会新闻"].select_one(".tag--kind").get_text() == "新闻"
    # 23:30 UTC is the next day in Beijing.
    day = rows["某代表述职报告"].select_one("time")
    assert (day["datetime"], day.get_text()) == ("2025-03-02", "2025年3月2日")


def test_a_publication_shows_its_tags_and_attachments_in_order(client, make_article):
    """Tags in the order they were given and attachments in their editors' order, each read
    with the page (the published rows); a draft's own rows stay out until it is published."""
    from wagtail.documents.models import Document

    from news.models import PublicationAttachment

    article = make_article(title="代表视察", tags=["民生实事", "城市更新"])
    rules = Document.objects.create(title="接待制度", file="documents/rules.pdf")
    plan = Document.objects.create(title="视察方案", file="documents/plan.pdf")
    article.attachments.add(PublicationAttachment(document=plan, sort_order=0))
    article.attachments.add(PublicationAttachment(document=rules, title="制度全文", sort_order=1))
    article.save_revision().publish()
    article.attachments.add(PublicationAttachment(document=rules, title="草稿附件"))
    article.save_revision()  # a draft: not shown

    soup = BeautifulSoup(client.get(article.url).content.decode(), "html.parser")
    attachments = [a.get_text() for a in soup.select(".attachments a")]
    assert attachments == ["视察方案", "制度全文"]
    html = str(soup)
    assert html.index("民生实事") < html.index("城市更新")
