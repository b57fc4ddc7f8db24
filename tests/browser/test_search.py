"""The search page in a real browser (Chromium through Playwright): suggestions as you type,
results with highlighted, escaped snippets, facets and paging; no script from content runs."""

from __future__ import annotations

import pytest

from tests.conftest import publish

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_search_in_a_browser(page, axe, live_server, news_column):
    from news.models import ArticlePage
    from tests.conftest import days_ago

    for i in range(12):
        publish(
            news_column,
            ArticlePage(
                title=f"人大代表联络站接访活动第{i + 1}期",
                date=days_ago(i + 1),
                summary="<script>alert('xss')</script>代表们在联络站接待选民。",
            ),
        )
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{live_server.url}/")
    box = page.locator("#site-search-q")
    box.fill("人大代表联")
    option = page.locator("#site-search-suggestions option")
    option.first.wait_for(state="attached")  # filled by search-suggest.js from the JSON API
    options = [option.nth(i).get_attribute("value") for i in range(option.count())]
    assert all(o.startswith("人大代表联络站接访活动") for o in options)

    box.fill("联络站 接访")
    box.press("Enter")
    page.wait_for_url("**/search/?q=*")
    assert "相关的结果 12 条" in page.locator(".search-summary").inner_text()
    marks = page.locator(".search-result mark").all_inner_texts()
    assert any("联络站" in m for m in marks) and any("接访" in m for m in marks)
    assert (
        "<script>alert('xss')</script>"
        in page.locator(".search-result__snippet").first.inner_text()
    )
    assert dialogs == []  # the injected script was shown as text, never run
    assert axe(page) == []  # results, facets, highlights: WCAG 2.1 AA
    page.get_by_role("link", name="下一页").click()
    assert page.locator(".search-result").count() == 2
    page.get_by_role("link", name="按时间").click()
    assert "第1期" in page.locator(".search-result__title").first.inner_text()
