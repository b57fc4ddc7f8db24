"""What a resident does, in a real browser: read a notice from the home page, search, switch
the elderly-friendly mode on and keep it, and use the menu with the keyboard alone."""

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def content(home, notice_column, news_column, make_notice, make_article):
    from home.demo.site import home_blocks

    notice = make_notice(
        title="关于召开区第十六届人民代表大会第五次会议的公告",
        document_number="江人大常〔2025〕12号",
    )
    article = make_article(title="代表走进联络站倾听群众意见")
    columns = {"notices": notice_column, "news": news_column, "delegate-work": news_column}
    home.body = home_blocks(columns, [article])
    home.save_revision().publish()
    return notice, article


def test_home_to_notice(live_server, page, content):
    notice, _ = content
    page.goto(live_server.url + "/")
    page.get_by_role("link", name=notice.title).first.click()
    page.wait_for_url(f"**{notice.url}")
    assert page.locator("h1").inner_text() == notice.title
    assert "江人大常〔2025〕12号" in page.content()


def test_search_a_chinese_word(live_server, page, content):
    _, article = content
    page.goto(live_server.url + "/")
    box = page.get_by_label("站内搜索")  # the header's box, the site's only one
    box.fill("联络站")
    box.press("Enter")
    page.wait_for_url("**/search/?q=*")
    page.get_by_role("link", name=article.title).click()
    page.wait_for_url(f"**{article.url}")


def test_elder_mode_persists(live_server, page, content):
    notice, _ = content
    page.goto(live_server.url + "/")
    normal_size = page.evaluate("getComputedStyle(document.body).fontSize")
    page.get_by_role("link", name="长者模式（大字号）").click()
    page.goto(live_server.url + notice.url)
    assert page.evaluate("document.documentElement.classList.contains('elder')")
    assert page.evaluate("getComputedStyle(document.body).fontSize") > normal_size
    later = page.context.new_page()  # a later visit in the same browser keeps the mode
    later.goto(live_server.url + "/")
    assert later.get_by_role("link", name="标准模式").is_visible()
    assert later.evaluate("document.documentElement.classList.contains('elder')")


def test_menu_by_keyboard(live_server, page, content):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "跳到正文"
    assert skip.is_visible()  # the skip link shows itself when focused
    focused = []
    for _ in range(12):
        page.keyboard.press("Tab")
        focused.append(page.evaluate("document.activeElement.textContent.trim()"))
    assert "通知公告" in focused
    while page.evaluate("document.activeElement.textContent.trim()") != "通知公告":
        page.keyboard.press("Shift+Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # a visible focus indicator
    page.keyboard.press("Enter")
    page.wait_for_url("**/notices/")
    assert page.locator("h1").inner_text() == "通知公告"


def test_community_to_station_to_disclosures(live_server, page, sample_pages):
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="联络站").click()
    page.get_by_role("link", name="查找最近的联络站").click()
    page.get_by_label("选择您所在的社区（村）").select_option(label="向阳社区")
    page.get_by_role("button", name="查找", exact=True).click()
    page.wait_for_url("**/stations/locator/?*")
    page.locator(".locator-list > li h3 a").first.click()
    page.wait_for_url(f"**{sample_pages['station']}")
    assert page.locator("h1").inner_text() == "东城街道人大代表联络站"
    headings = page.locator("h2").all_inner_texts()
    for disclosure in ("代表名录", "代表接访预安排表", "规章制度", "代表履职情况", "代表述职报告"):
        assert any(disclosure in heading for heading in headings), (disclosure, headings)
    assert "张子平" in page.content()
