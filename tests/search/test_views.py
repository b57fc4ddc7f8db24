"""The search page, the suggest endpoint, editors' promotions and query statistics, and
Wagtail's admin search (which must find Chinese pages by a word of the title)."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from search.models import QueryStat

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return response.content.decode()


def test_search_page_shows_hits_with_kind_date_breadcrumb_and_facets(
    search, client, make_article, make_notice
):
    make_article("人大代表视察老旧小区改造", summary="代表们察看了老旧小区加装电梯。")
    make_article("老旧小区停车难问题专题调研")
    make_notice("关于老旧小区改造意见征集的公告")
    search.refresh()
    response = client.get("/search/", {"q": "老旧小区"})
    assert response.status_code == 200
    html = text_of(response)
    assert "找到与“老旧小区”相关的结果 3 条" in html
    assert "<mark>老旧小区</mark>" in html
    assert '新闻动态 <span class="facet__count">(2)</span>' in html
    assert '通知公告 <span class="facet__count">(1)</span>' in html
    assert "工作动态" in html and "通知公告" in html  # breadcrumbs
    assert re.search(r"<time datetime=\"\d{4}-\d\d-\d\d", html)
    filtered = text_of(client.get("/search/", {"q": "老旧小区", "kind": "notice"}))
    assert "相关的结果 1 条" in filtered


def test_query_present_means_noindex_and_never_cache(search, client):
    response = client.get("/search/", {"q": "人大"})
    assert response["X-Robots-Tag"] == "noindex"
    assert "no-store" in response["Cache-Control"]
    assert "X-Robots-Tag" not in client.get("/search/")


@pytest.mark.parametrize(
    "params, message",
    [
        ({"q": "长" * 101}, "搜索词太长"),
        ({"q": "人大", "page": "abc"}, "页码不正确"),
        ({"q": "人大", "page": "-3"}, "页码不正确"),
        ({"q": "人大", "page": "100000"}, "最多显示前"),
        ({"q": "人大", "kind": "nonsense"}, "不支持所选的内容类别"),
        ({"q": "人大", "year": "20x5"}, "年份不正确"),
        ({"q": "人大", "sort": "random"}, "排序方式不正确"),
        ({"q": "！？。"}, "请输入要查找的字词"),
    ],
)
def test_bad_input_gets_a_chinese_message_not_an_error(search, client, params, message):
    response = client.get("/search/", params)
    assert response.status_code == 200
    assert message in text_of(response)


def test_script_in_content_and_query_is_escaped(search, client, make_article):
    make_article("<script>alert('t')</script>代表接访", summary="<script>alert(1)</script>接访")
    search.refresh()
    html = text_of(client.get("/search/", {"q": "<script>alert(2)</script>接访"}))
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(2)" in html or "&lt;<mark>script</mark>&gt;" in html


def test_a_word_that_matches_nothing_does_not_empty_the_page(search, client, make_article):
    make_article("代表接访安排")
    search.refresh()
    html = text_of(client.get("/search/", {"q": "接访 火星探测"}))
    assert "接访</mark>安排" in html
    stat = QueryStat.objects.get(query_string="接访 火星探测")
    assert (stat.searches, stat.zero_results) == (1, 0)


def test_zero_results_offer_suggestions_and_are_logged(search, client, make_article):
    make_article("代表接访安排")
    search.refresh()
    html = text_of(client.get("/search/", {"q": "火星探测"}))
    assert "没有找到与“火星探测”相关的内容" in html
    stat = QueryStat.objects.get(query_string="火星探测")
    assert (stat.searches, stat.zero_results) == (1, 1)
    client.get("/search/", {"q": "接访"})
    assert Query.get("接访").hits == 1


def test_promoted_results_come_first(search, client, make_article):
    make_article("代表建议办理情况通报")
    promoted = make_article("如何向人大代表提出意见", summary="联系代表的几种方式。")
    query = Query.get("代表建议")
    SearchPromotion.objects.create(query=query, page=promoted, sort_order=0, description="推荐")
    search.refresh()
    html = text_of(client.get("/search/", {"q": "代表建议"}))
    first = html.index("search-result--promoted")
    assert html.index("如何向人大代表提出意见") > first
    assert html.index("如何向人大代表提出意见") < html.index("代表建议</mark>办理情况通报")


def test_suggest_endpoint_returns_json(search, client, make_article):
    make_article("人大代表联络站集中接访")
    search.refresh()
    response = client.get(reverse("search:suggest"), {"q": "人大代表"})
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["suggestions"][0]["text"] == "人大代表联络站集中接访"
    assert data["suggestions"][0]["url"].startswith("/news/")
    assert client.get(reverse("search:suggest"), {"q": ""}).json()["suggestions"] == []


def test_header_search_box_works_without_javascript(client, home):
    html = text_of(client.get("/"))
    assert 'action="/search/"' in html and 'name="q"' in html
    assert 'data-suggest-url="/search/suggest/"' in html
    assert "search-suggest.js" in html and "<script>" not in html.replace("<script src", "")


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("editor", "e@example.com", "pw-Secret-1")
    client.force_login(user)
    return client


def test_admin_page_search_finds_chinese_pages_by_a_word_of_the_title(admin_client, make_article):
    make_article("区人大代表视察老旧小区改造")
    make_article("常委会召开主任会议")
    response = admin_client.get(reverse("wagtailadmin_pages:search"), {"q": "老旧小区"})
    html = text_of(response)
    assert "区人大代表视察老旧小区改造" in html
    assert "常委会召开主任会议" not in html
    assert "区人大代表视察老旧小区改造" in text_of(
        admin_client.get(reverse("wagtailadmin_pages:search"), {"q": "視察"})
    )


def test_admin_report_lists_popular_and_zero_result_queries(admin_client, search, make_article):
    make_article("代表接访安排")
    search.refresh()
    for q in ("接访", "接访", "不存在的词语组合"):
        admin_client.get("/search/", {"q": q})
    html = text_of(admin_client.get(reverse("portal_search_terms_report")))
    zero = html[html.index('id="zero-result-queries"') : html.index('id="popular-queries"')]
    assert "不存在的词语组合" in zero and "接访" not in zero
    popular = html[html.index('id="popular-queries"') :]
    assert popular.index("接访") < popular.index("不存在的词语组合")


def test_search_falls_back_to_the_embedded_index_when_elasticsearch_is_down(
    client, settings, make_article
):
    from search.backends import reset_backend

    settings.PORTAL_SEARCH = {
        **settings.PORTAL_SEARCH,
        "BACKEND": "elasticsearch",
        "ELASTICSEARCH_URL": "http://127.0.0.1:9",  # nothing listens there
        "ELASTICSEARCH_TIMEOUT": 1,
    }
    reset_backend()
    try:
        make_article(title="代表走进联络站倾听民意")  # indexed into the embedded index first
        response = client.get("/search/", {"q": "联络站"})
        assert response.status_code == 200
        html = response.content.decode()
        assert "全文检索服务暂时不可用，以下是简化检索的结果" in html
        assert "代表走进<mark>联络站</mark>倾听民意" in html or "代表走进联络站倾听民意" in html
        suggest = client.get("/search/suggest/", {"q": "代表"}).json()
        assert suggest["suggestions"], suggest
    finally:
        reset_backend()


def test_zero_result_suggestions_never_show_other_visitors_queries(search, client, make_article):
    make_article("人大代表联络站集中接访")
    promoted = make_article("如何联系人大代表", summary="联系代表的几种方式。")
    SearchPromotion.objects.create(query=Query.get("联系代表"), page=promoted, sort_order=0)
    search.refresh()
    # Another visitor's queries: one found nothing, one found something (now popular).
    for _ in range(5):
        client.get("/search/", {"q": "cxy"})
        client.get("/search/", {"q": "人大 cxy zxj"})
    assert QueryStat.objects.filter(query_string__contains="cxy").count() == 2
    html = text_of(client.get("/search/", {"q": "火星探测"}))
    assert "没有找到与“火星探测”相关的内容" in html
    assert "cxy" not in html and "zxj" not in html
    assert ">联系代表</a>" in html  # editors' promoted query


def test_every_search_is_counted_once_in_both_query_logs(search, client, make_article):
    make_article("代表接访安排")
    search.refresh()
    for q in ("接访", "  接访 ", "接访"):  # normalised as Wagtail's query log does it
        client.get("/search/", {"q": q})
    client.get("/search/", {"q": "火星探测"})
    client.get("/search/", {"q": "火星探测"})
    assert Query.get("接访").hits == 3
    assert Query.get("火星探测").hits == 2
    assert Query.objects.filter(query_string__in=["接访", "火星探测"]).count() == 2
    stats = {s.query_string: (s.searches, s.zero_results) for s in QueryStat.objects.all()}
    assert stats == {"接访": (3, 0), "火星探测": (2, 2)}
    # Filtered searches and later pages are not counted again.
    client.get("/search/", {"q": "接访", "kind": "news"})
    assert QueryStat.objects.get(query_string="接访").searches == 3
