"""home.page_urls.page_url: the URL Page.get_url(request) gives, without a reverse() per link."""

import pytest
from django.test import RequestFactory
from wagtail.models import Page, Site

from home.page_urls import page_url
from news.models import ColumnPage


@pytest.fixture
def request_(home):
    return RequestFactory().get("/", HTTP_HOST="testserver")


def test_same_url_as_wagtail_for_pages_of_the_site(home, news_column, request_):
    deeper = ColumnPage(title="代表风采", slug="delegate-news")
    news_column.add_child(instance=deeper)
    for page in (home, news_column, deeper, Page.objects.get(pk=deeper.pk)):
        assert page_url(page, request_) == page.get_url(request_)
    assert page_url(deeper, request_) == f"/{news_column.slug}/delegate-news/"
    # The site's root paths and URL prefix are read once per request.
    assert request_._portal_page_url_base == ("/home/", "/")


def test_script_prefix_is_kept(home, news_column, request_):
    from django.urls import clear_script_prefix, set_script_prefix

    set_script_prefix("/portal/")
    try:
        request = RequestFactory().get("/", HTTP_HOST="testserver")
        assert page_url(news_column, request) == f"/portal/{news_column.slug}/"
        assert page_url(news_column, request) == news_column.get_url(request)
    finally:
        clear_script_prefix()


def test_wagtail_decides_with_several_sites_or_outside_the_site(home, news_column, request_):
    root = Page.get_first_root_node()
    other = ColumnPage(title="另一站点", slug="other-home")
    root.add_child(instance=other)
    # Outside the only site: Wagtail's answer (no URL), not a made-up one.
    assert page_url(other, request_) is None is other.get_url(request_)

    Site.objects.create(hostname="other.example", port=80, root_page=other)
    request = RequestFactory().get("/", HTTP_HOST="testserver")
    assert page_url(other, request) == "http://other.example/"
    assert page_url(news_column, request) == news_column.get_url(request)
    assert request._portal_page_url_base is None


def test_without_request_wagtail_answers(home, news_column):
    assert page_url(news_column) == news_column.get_url()
