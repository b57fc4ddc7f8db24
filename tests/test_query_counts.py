"""Every page type runs a bounded number of SQL queries, whatever the amount of content.

Each page is rendered once with a little content and once with much more; the count must not
grow, and stays under the bound recorded here (the closing note of the foundation issue lists
these numbers)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.rich_text import RichText

from home.demo.site import home_blocks
from home.models import ContentPage
from news.models import ColumnPage

pytestmark = pytest.mark.django_db

# An uncached page as most visitors get it: what pages share (menu, site, a column's filter
# choices, the home page's blocks) is already made.
BOUNDS = {
    "home": 1,
    "column": 3,
    "article": 4,
    "notice": 4,
    "report": 4,
    "content": 3,
    "feed": 3,
    "feed_index": 1,
    "search": 6,
}
# The first visit after a publish or a cache flush: nothing shared is kept.
COLD_BOUNDS = {
    "home": 10,
    "column": 9,
    "article": 7,
    "notice": 7,
    "report": 7,
    "content": 5,
    # The site lookup reads the root page (as its specific type, a HomePage) with the site and
    # its 网站设置, in one query for every page.
    "feed": 4,
    "feed_index": 3,
    "search": 8,
}


def count_queries(client, url, cold=False):
    client.get(url)  # import code paths, warm the caches that every request shares
    if cold:
        cache.clear()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def assert_bounded(client, grow, urls, bounds):
    """Render every page with 2 and then 22 items: the count stays under its bound and does
    not grow with the content."""
    grow(2)
    small = {name: count_queries(client, url) for name, url in urls().items()}
    grow(20)
    large = {name: count_queries(client, url) for name, url in urls().items()}
    print("\nqueries per page (2 items → 22 items):", {k: (small[k], large[k]) for k in small})
    for name in small:
        assert large[name] <= bounds[name], f"{name}: {large[name]} queries"
        assert large[name] <= small[name] + 1, f"{name} grows with content: {small} → {large}"


@pytest.fixture
def site(home, news_column, notice_column, report_column, make_article, make_notice, make_report):
    columns = {"news": news_column, "notices": notice_column, "work-reports": report_column}
    for slug, title in [("about", "人大简介"), ("delegate-work", "代表工作")]:
        columns[slug] = ColumnPage(title=title, slug=slug, show_in_menus=True)
        home.add_child(instance=columns[slug])
    about = ContentPage(
        title="本会简介", slug="intro", body=[("paragraph", RichText("<p>简介</p>"))]
    )
    columns["about"].add_child(instance=about)

    def grow(n):
        for i in range(n):
            make_article(title=f"新闻{i}", tags=["代表工作", f"标签{i}"])
            make_notice(title=f"公告{i}")
            make_report(title=f"报告{i}")
        home.body = home_blocks(columns, list(report_column.get_children().live()[:3]))
        home.save_revision().publish()

    def urls():
        article = news_column.get_children().live().first()
        notice = notice_column.get_children().live().first()
        report = report_column.get_children().live().first()
        return {
            "home": "/",
            "column": news_column.url,
            "article": article.url,
            "notice": notice.url,
            "report": report.url,
            "content": about.url,
            "feed": "/feeds/rss.xml",
            "feed_index": "/feeds/",
            "search": "/search/?q=新闻",
        }

    return grow, urls


def test_query_counts_are_bounded_and_do_not_grow(client, site):
    grow, urls = site
    assert_bounded(client, grow, urls, BOUNDS)


SUGGESTION_BOUNDS = {
    "suggestions": 10,
    "suggestions_filtered": 10,
    "suggestion": 8,
    "suggestion_feed": 4,
    "suggestion_csv": 4,
    "suggestion_json": 4,
    "bodies": 4,
    "body": 8,
    "delegate": 11,
}


def test_suggestion_query_counts_are_bounded_and_do_not_grow(
    client, make_suggestion, make_delegate, handling_body
):
    from motions.models import BodyRole
    from voices.models import HandlingBody

    assist = HandlingBody.objects.create(name="区民政局")
    delegates = [make_delegate(name=f"代表{i}") for i in range(3)]

    def grow(n):
        for i in range(n):
            make_suggestion(
                lead_delegate=delegates[i % 3],
                cosigners=[delegates[(i + 1) % 3], "赵六"],
                bodies=[(handling_body, BodyRole.LEAD), (assist, BodyRole.ASSIST)],
                assigned_on="2025-02-01",
                answered_on="2025-03-01" if i % 2 else None,
                reply="<p>答复</p>" if i % 2 else "",
            )

    def urls():
        from motions.models import SuggestionPage

        first = SuggestionPage.objects.live().first()
        return {
            "suggestions": "/suggestions/",
            "suggestions_filtered": f"/suggestions/?status=answered&body={handling_body.pk}"
            f"&delegate={delegates[1].pk}&sort=answered",
            "suggestion": first.url,
            "suggestion_feed": "/suggestions/rss/",
            "suggestion_csv": "/suggestions/csv/",
            "suggestion_json": "/suggestions/json/",
            "bodies": "/suggestions/bodies/",
            "body": f"/suggestions/bodies/{handling_body.pk}/",
            "delegate": delegates[0].url,
        }

    assert_bounded(client, grow, urls, SUGGESTION_BOUNDS)


def test_query_counts_of_the_first_visit_after_a_publish_are_bounded(client, site):
    grow, urls = site
    grow(20)
    cold = {name: count_queries(client, url, cold=True) for name, url in urls().items()}
    print("\nqueries per page, nothing shared kept:", cold)
    for name, count in cold.items():
        assert count <= COLD_BOUNDS[name], f"{name}: {count} queries"
