"""The search page in a real browser (Chromium through Playwright): suggestions as you type,
results with highlighted, escaped snippets, facets and paging; no script from content runs."""

from __future__ import annotations

import os
import shutil

import pytest

from tests.conftest import publish

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def chromium_path() -> str | None:
    return (
        os.environ.get("CHROMIUM_PATH")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
    )


@pytest.fixture
def browser_page(monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the ORM calls made by the test
    # itself are still synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    sync_api = pytest.importorskip("playwright.sync_api")
    path = chromium_path()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is required in CI (apt-get install chromium)")
        pytest.skip("no Chromium found (set CHROMIUM_PATH)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=["--no-sandbox"])
        page = browser.new_page(locale="zh-CN")
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.dialogs = dialogs
        yield page
        browser.close()


def test_search_in_a_browser(browser_page, live_server, news_column, settings):
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
    page = browser_page
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
    assert page.dialogs == []  # the injected script was shown as text, never run
    page.get_by_role("link", name="下一页").click()
    assert page.locator(".search-result").count() == 2
    page.get_by_role("link", name="按时间").click()
    assert "第1期" in page.locator(".search-result__title").first.inner_text()
