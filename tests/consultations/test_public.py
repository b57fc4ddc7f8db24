"""The public side: the consultation page (articles by chapter, counts of shown comments, the
status), the list, the feed — and what never shows: contacts, unshown comments, unpublished
consultations."""

import pytest
from django.urls import reverse

from consultations.choices import CommentStatus
from consultations.models import Comment

pytestmark = pytest.mark.django_db


def test_page_shows_chapters_articles_and_the_open_status(client, consultation):
    html = client.get(consultation.url).content.decode()
    assert "征求意见中" in html
    assert "江州市人大常委会法制工作委员会" in html and "江滨区人大常委会基层立法联系点" in html
    assert "起草说明" in html and "修订草案重点完善了绿地率和养护责任" in html
    assert "<h3>第二章 规划和建设</h3>" in html
    assert '<h4 class="consult-section">第一节 规划</h4>' in html
    assert 'id="art-13"' in html
    assert html.count("对本条提意见") == 21
    assert f"/consultations/comment/{consultation.pk}/?article=art-13" in html
    assert '<li><a href="#art-6">第二章 规划和建设</a></li>' in html  # the chapter list


def test_counts_and_list_show_approved_comments_only(client, consultation, make_comment):
    make_comment(consultation, "第十三条", text="建议缩短为六个月。", name="王建国")
    make_comment(consultation, "第十三条", text="同意缩短期限。", name="")
    make_comment(consultation, None, text="总体赞成。")
    make_comment(consultation, "第十三条", status=CommentStatus.MODERATION, text="待审核的意见")
    make_comment(consultation, "第十三条", status=CommentStatus.REJECTED, text="广告内容")
    make_comment(consultation, "第十三条", status=CommentStatus.PENDING, text="未确认的意见")
    html = client.get(consultation.url).content.decode()
    assert 'data-count="2">本条意见 2 条' in html
    assert "共收到并公开意见 3 条，其中针对草案整体 1 条" in html
    assert "建议缩短为六个月。" in html and "同意缩短期限。" in html and "总体赞成。" in html
    assert "王**" in html and "王建国" not in html and "匿名" in html
    for hidden in ("待审核的意见", "广告内容", "未确认的意见"):
        assert hidden not in html
    assert "@example.com" not in html and "wang.jianguo" not in html
    filtered = client.get(consultation.url + "?article=art-13").content.decode()
    assert "对第十三条的意见" in filtered and "总体赞成。" not in filtered


def test_closed_consultation_says_so_and_offers_no_form(client, make_consultation):
    page = make_consultation(opens=-40, closes=-1, adoption_note="<p>采纳了缩短期限的意见。</p>")
    html = client.get(page.url).content.decode()
    assert "已截止" in html and "不再接受意见" in html
    assert "对本条提意见" not in html and "对草案整体提意见" not in html
    assert "采纳情况" in html and "采纳了缩短期限的意见。" in html


def test_upcoming_consultation(client, make_consultation):
    page = make_consultation(opens=3, closes=30)
    html = client.get(page.url).content.decode()
    assert "未开始" in html and "将于" in html and "对本条提意见" not in html


def test_is_open_counts_both_end_days(make_consultation):
    assert make_consultation(opens=0, closes=0).is_open
    assert not make_consultation(opens=1, closes=3).is_open
    assert not make_consultation(opens=-3, closes=-1).is_open


def test_index_lists_open_and_closed_with_counts(
    client, consultation_index, make_consultation, make_comment
):
    open_page = make_consultation(title="开放中的草案")
    make_consultation(title="已截止的草案", opens=-40, closes=-2)
    make_consultation(title="未发布的草案", publish=False)
    make_comment(open_page, "第一条")
    make_comment(open_page, "第一条", status=CommentStatus.MODERATION)
    html = client.get(consultation_index.url).content.decode()
    assert "开放中的草案" in html and "已截止的草案" in html
    assert "未发布的草案" not in html
    assert "公开意见 1 条" in html
    assert html.index("开放中的草案") < html.index("已截止的草案")


def test_feed_lists_open_visible_consultations_without_comments(
    client, make_consultation, make_comment
):
    open_page = make_consultation(title="开放中的草案")
    make_consultation(title="已截止的草案", opens=-40, closes=-2)
    make_consultation(title="未发布的草案", publish=False)
    make_comment(open_page, "第一条", text="一条公开的意见")
    xml = client.get(reverse("consultations:rss")).content.decode()
    assert "开放中的草案" in xml and "江州市人大常委会法制工作委员会" in xml
    assert "已截止的草案" not in xml and "未发布的草案" not in xml
    assert "@example.com" not in xml and "一条公开的意见" not in xml


def test_unpublished_or_restricted_consultation_is_invisible_everywhere(
    client, consultation, make_comment
):
    from wagtail.models import PageViewRestriction

    make_comment(consultation, "第一条", text="公开过的意见")
    assert Comment.objects.shown().count() == 1
    PageViewRestriction.objects.create(
        page=consultation, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert Comment.objects.shown().count() == 0
    assert client.get(reverse("consultations:comment", args=[consultation.pk])).status_code == 404
    assert consultation.title not in client.get(reverse("consultations:rss")).content.decode()
    assert consultation.title not in client.get(consultation.get_parent().url).content.decode()
    PageViewRestriction.objects.all().delete()
    consultation.unpublish()
    assert Comment.objects.shown().count() == 0
    assert client.get(consultation.url or "/consultations/draft-1/").status_code == 404
    assert client.get(reverse("consultations:comment", args=[consultation.pk])).status_code == 404


def test_page_queries_do_not_grow_with_comments(
    client, consultation, make_comment, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_comment(consultation, "第一条")
    client.get(consultation.url)  # warm Wagtail's site and locale caches
    with CaptureQueriesContext(connection) as few:
        client.get(consultation.url)
    for n in range(2, 12):
        make_comment(consultation, f"第{'二三四五六七八九十'[n % 9]}条")
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(consultation.url).content.decode()
    assert "共收到并公开意见 11 条" in html
