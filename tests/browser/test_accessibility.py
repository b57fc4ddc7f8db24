"""axe-core in a real browser finds no WCAG 2.1 AA violation on any page type, at phone and
desktop widths, in the normal and the elderly-friendly reading mode."""

import pytest
from wagtail.rich_text import RichText

from home.demo.site import home_blocks
from home.models import ContentPage
from news.models import ColumnPage

from .conftest import DESKTOP, PHONE

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def pages(home, news_column, notice_column, report_column, make_article, make_notice, make_report):
    columns = {"news": news_column, "notices": notice_column, "work-reports": report_column}
    columns["delegate-work"] = ColumnPage(
        title="代表工作", slug="delegate-work", show_in_menus=True
    )
    home.add_child(instance=columns["delegate-work"])
    about = ContentPage(
        title="本会简介",
        slug="about",
        body=[
            ("paragraph", RichText("<p>区人大常委会是区人民代表大会的常设机关。</p>")),
            (
                "table",
                {
                    "data": [["街道", "代表人数"], ["东城街道", "21"]],
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "table_caption": "代表分布",
                },
            ),
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
    return {
        "home": "/",
        "column": news_column.url,
        "article": article.url,
        "notice": notice.url,
        "report": report.url,
        "content": about.url,
        "feeds": "/feeds/",
        "search": "/search/?q=代表",
        "not_found": "/no-such-page/",
    }


@pytest.mark.parametrize("elder", [False, True], ids=["standard", "elder"])
def test_no_axe_violations(live_server, page, axe, pages, elder):
    if elder:
        page.goto(f"{live_server.url}/reading-mode/?elder=1&next=/")
    problems = {}
    for name, url in pages.items():
        for size in (PHONE, DESKTOP):
            page.set_viewport_size(size)
            page.goto(live_server.url + url)
            violations = axe(page)
            if violations:
                problems[f"{name}@{size['width']}"] = violations
    assert problems == {}
