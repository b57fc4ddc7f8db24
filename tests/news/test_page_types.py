"""Each page type can be created, published and rendered with its content visible."""

import pytest
from wagtail.rich_text import RichText

from home.models import ContentPage
from news.models import ColumnPage, ReportPage

pytestmark = pytest.mark.django_db


def test_article_renders_its_fields(client, make_article):
    article = make_article(
        title="区人大代表深入联络站开展接访",
        editor="代表工作委员会",
        source="江滨区人大常委会",
        body=[("paragraph", RichText("<p>代表们认真听取群众对加装电梯的意见。</p>"))],
        tags=["接访", "联络站"],
    )
    html = client.get(article.url).content.decode()
    # The last two characters stay together on the last line of the title.
    assert '<h1>区人大代表深入联络站开展<span class="keep">接访</span></h1>' in html
    assert "责任编辑：代表工作委员会" in html
    assert "来源：江滨区人大常委会" in html
    assert "代表们认真听取群众对加装电梯的意见。" in html
    assert "?tag=%E6%8E%A5%E8%AE%BF" in html  # tag links back to the filtered column
    assert f"{article.date.year}年{article.date.month}月{article.date.day}日" in html


def test_notice_shows_document_number_and_issuer(client, make_notice):
    notice = make_notice(document_number="江人大常〔2025〕12号", issuing_body="江滨区人大常委会")
    html = client.get(notice.url).content.decode()
    assert "江人大常〔2025〕12号" in html
    assert "发布机关" in html and "江滨区人大常委会" in html
    assert "已于" not in html  # not expired


def test_report_shows_kind_year_and_issuer(client, make_report):
    report = make_report(
        title="张子平代表2025年度述职报告",
        report_kind=ReportPage.Kind.DUTY,
        year=2025,
        issuing_body="张子平代表",
        body=[("paragraph", RichText("<p>一年来，我认真履行代表职责。</p>"))],
    )
    html = client.get(report.url).content.decode()
    assert "述职报告" in html
    assert "2025年" in html
    assert "张子平代表" in html
    assert "一年来，我认真履行代表职责。" in html


def test_content_page_and_column_links(client, home):
    column = ColumnPage(title="人大简介", slug="about", show_in_menus=True)
    home.add_child(instance=column)
    page = ContentPage(
        title="本会简介",
        slug="intro",
        body=[("paragraph", RichText("<p>区人大常委会是区人民代表大会的常设机关。</p>"))],
    )
    column.add_child(instance=page)
    assert "区人民代表大会的常设机关" in client.get(page.url).content.decode()
    column_html = client.get(column.url).content.decode()
    assert 'href="/about/intro/"' in column_html
    home_html = client.get("/").content.decode()
    assert 'href="/about/"' in home_html  # the column is in the site navigation


def test_breadcrumbs_and_open_graph(client, make_article):
    article = make_article(title="代表视察民生实事项目")
    html = client.get(article.url).content.decode()
    assert 'aria-label="当前位置"' in html
    assert '<a href="/news/">工作动态</a>' in html
    assert '<meta property="og:title" content="代表视察民生实事项目">' in html
    assert '<meta property="og:type" content="article">' in html
    assert 'lang="zh-Hans"' in html


def test_report_year_is_validated(report_column):
    from django.core.exceptions import ValidationError

    report = ReportPage(title="报告", summary="摘要", year=1800, issuing_body="区人大常委会")
    with pytest.raises(ValidationError) as excinfo:
        report_column.add_child(instance=report)
    assert "年度" in str(excinfo.value)
