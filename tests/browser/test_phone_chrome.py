"""The site chrome on a phone (390 and 360 px), in a browser with JavaScript switched off: the
menu opens, the most-used entries and the notices come first, search results precede the facets,
and titles in the elderly mode never leave one character alone on a line."""

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SCREEN = 844  # a phone screen's height in CSS pixels
SHORTCUTS = ["找联络站", "找代表", "通知公告", "接访安排"]

# The number of characters on each line of an element's text, from the characters' boxes.
LINE_LENGTHS = """element => {
    const lines = new Map();
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (let i = 0; i < node.length; i++) {
            if (!node.data[i].trim()) continue;
            const range = document.createRange();
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            const top = Math.round(range.getBoundingClientRect().top);
            lines.set(top, (lines.get(top) || 0) + 1);
        }
    }
    return [...lines.values()];
}"""


@pytest.fixture(params=[390, 360], ids=["390px", "360px"])
def phone(browser, request):
    context = browser.new_context(
        locale="zh-CN",
        viewport={"width": request.param, "height": SCREEN},
        java_script_enabled=False,
    )
    yield context.new_page()
    context.close()


def top(locator):
    box = locator.bounding_box()
    assert box is not None, locator
    return box["y"]


def test_menu_opens_without_javascript(live_server, phone, sample_pages):
    phone.goto(live_server.url + "/")
    menu = phone.get_by_role("navigation", name="主导航")
    news = menu.get_by_role("link", name="工作动态")
    assert not news.is_visible()
    phone.locator("summary", has_text="全部栏目").click()
    assert news.is_visible()
    news.click()
    phone.wait_for_url("**/news/")
    assert phone.get_by_role("heading", level=1).inner_text() == "工作动态"


def test_most_used_entries_and_notices_come_first(live_server, phone, sample_pages):
    phone.goto(live_server.url + "/")
    shortcuts = phone.get_by_role("navigation", name="常用入口").get_by_role("link")
    assert shortcuts.all_inner_texts() == SHORTCUTS
    for i in range(shortcuts.count()):
        box = shortcuts.nth(i).bounding_box()
        assert box["y"] + box["height"] <= SCREEN, shortcuts.nth(i).inner_text()
    notices = phone.get_by_role("heading", name="通知公告", level=2)
    assert top(notices) < 2 * SCREEN
    first_notice = notices.locator("xpath=..").get_by_role("link").first
    assert top(first_notice) < 2 * SCREEN
    assert phone.evaluate("document.documentElement.scrollWidth") <= phone.viewport_size["width"]


def test_search_results_come_before_the_facets(live_server, phone, sample_pages):
    phone.goto(live_server.url + sample_pages["search"])
    first_result = phone.locator(".search-result").first
    facets = phone.locator("summary", has_text="筛选")
    assert top(first_result) < top(facets)
    assert top(first_result) < SCREEN
    kind = phone.get_by_role("complementary", name="筛选").get_by_role("link", name="全部").first
    assert not kind.is_visible()
    facets.click()  # a <details>: opens without JavaScript
    assert kind.is_visible()


def test_elderly_mode_titles_leave_no_character_alone(live_server, phone, sample_pages):
    phone.goto(f"{live_server.url}/reading-mode/?elder=1&next=/")
    for name in ("article", "notice", "content", "column", "home"):
        phone.goto(live_server.url + sample_pages[name])
        for heading in phone.locator("main h1:visible, main h2").all():
            lengths = heading.evaluate(LINE_LENGTHS)
            assert len(lengths) == 1 or min(lengths) > 1, (name, heading.inner_text(), lengths)
