"""Shared fixtures: a small page tree built in each test's transaction."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Page, Site

from home.models import HomePage
from news.models import ArticlePage, ColumnPage, NoticePage, ReportPage

# Delegates and stations factories, shared by their own tests and the site-wide ones.
pytest_plugins = [
    "tests.delegates.fixtures",
    "tests.motions.fixtures",
    "tests.motions.import_fixtures",
    "tests.consultations.fixtures",
]


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def home(db):
    root = Page.get_first_root_node()
    Page.objects.filter(depth=2).delete()
    home = HomePage(title="江滨区人大常委会首页", slug="home")
    root.add_child(instance=home)
    Site.objects.all().delete()
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True)
    return home


def make_column(home, title, slug):
    column = ColumnPage(title=title, slug=slug, show_in_menus=True)
    home.add_child(instance=column)
    return column


@pytest.fixture
def news_column(home):
    return make_column(home, "工作动态", "news")


@pytest.fixture
def notice_column(home):
    return make_column(home, "通知公告", "notices")


@pytest.fixture
def report_column(home):
    return make_column(home, "工作报告", "work-reports")


def days_ago(days, hour=10):
    today = timezone.now().replace(hour=hour, minute=0, second=0, microsecond=0)
    return today - datetime.timedelta(days=days)


def publish(parent, page, tags=()):
    """Add `page` under `parent` and publish it through a revision, as the admin does."""
    for tag in tags:
        page.tags.add(tag)
    page.live = False
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def make_article(news_column):
    def factory(title="区人大代表视察老旧小区改造", days=1, parent=None, tags=(), **extra):
        page = ArticlePage(
            title=title,
            date=days_ago(days),
            summary=extra.pop("summary", f"{title}的摘要。"),
            editor=extra.pop("editor", "研究室新闻宣传处"),
            **extra,
        )
        return publish(parent or news_column, page, tags)

    return factory


@pytest.fixture
def make_notice(notice_column):
    def factory(title="关于召开区第十六届人民代表大会第五次会议的公告", days=1, **extra):
        page = NoticePage(
            title=title,
            date=days_ago(days),
            summary=extra.pop("summary", "公告摘要。"),
            issuing_body=extra.pop("issuing_body", "江滨区人大常委会"),
            **extra,
        )
        return publish(notice_column, page)

    return factory


@pytest.fixture
def make_report(report_column):
    def factory(title="2025年江滨区人大常委会工作报告", days=1, **extra):
        page = ReportPage(
            title=title,
            date=days_ago(days),
            summary=extra.pop("summary", "报告摘要。"),
            year=extra.pop("year", 2025),
            issuing_body=extra.pop("issuing_body", "江滨区人大常委会"),
            **extra,
        )
        return publish(report_column, page)

    return factory


@pytest.fixture(autouse=True)
def _drop_test_search_indices():
    """Elasticsearch indices a test created through ``use_backend`` go when it ends."""
    from tests.search.conftest import drop_test_indices

    yield
    drop_test_indices()


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def sample_pages(
    home,
    news_column,
    notice_column,
    report_column,
    make_article,
    make_notice,
    make_report,
    make_station,
    make_delegate,
    make_session,
    make_record,
    rules,
    station_index,
):
    """One page of every public type, with every body block that renders markup, and a home
    page made of the demo blocks; returns {page type: URL}."""
    from wagtail.rich_text import RichText

    from home.demo.site import home_blocks
    from home.models import ContentPage

    columns = {"news": news_column, "notices": notice_column, "work-reports": report_column}
    columns["delegate-work"] = make_column(home, "代表工作", "delegate-work")
    table = {
        "data": [["街道", "代表人数"], ["东城街道", "21"]],
        "first_row_is_table_header": True,
        "first_col_is_header": False,
        "table_caption": "代表分布",
    }
    about = ContentPage(
        title="本会简介",
        slug="about",
        body=[
            ("paragraph", RichText("<p>区人大常委会是区人民代表大会的常设机关。</p>")),
            ("table", table),
        ],
    )
    home.add_child(instance=about)
    article = make_article(
        title="代表视察老旧小区改造",
        tags=["视察"],
        body=[
            ("paragraph", RichText("<p>代表们深入社区，听取居民意见。</p>")),
            ("quote", {"text": "人民代表为人民", "attribution": "代表誓词"}),
        ],
    )
    for i in range(20):
        make_article(title=f"工作动态{i}", days=i + 2)
    notice = make_notice(
        title="关于召开区人民代表大会的公告", document_number="江人大常〔2025〕1号"
    )
    report = make_report(title="常委会工作报告")
    home.body = home_blocks(columns, [report])
    home.save_revision().publish()
    station = make_station(title="东城街道人大代表联络站", communities=["东风社区", "向阳社区"])
    delegate = make_delegate(name="张子平", station=station)
    make_session(station, delegates=[delegate])
    make_record(delegate)
    base = station_index.url
    return {
        "station": station.url,
        "poster": station.url + station.reverse_subpage("poster"),
        "delegate": delegate.url,
        "directory": delegate.get_parent().url,
        "overview": base + station_index.reverse_subpage("overview"),
        "locator": base + station_index.reverse_subpage("locator") + "?q=东风社区",
        "receptions": base + station_index.reverse_subpage("receptions"),
        "open_data": base + station_index.reverse_subpage("open_data"),
        "home": "/",
        "column": news_column.url,
        "article": article.url,
        "notice": notice.url,
        "report": report.url,
        "content": about.url,
        "feeds": "/feeds/",
        "site_map": "/sitemap/",
        "search": "/search/?q=代表",
        "not_found": "/no-such-page/",
    }


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed(): …` runs what the block schedules for after the commit (cache
    purges) when it ends, as a real commit would; the test's own transaction never commits."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
