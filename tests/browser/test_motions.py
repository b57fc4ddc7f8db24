"""A resident on a phone filters the list of delegates' suggestions, opens one and reads its
progress and the answer; the list and the page fit the screen and pass axe."""

import datetime

import pytest

from .conftest import PHONE

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

D = datetime.date


@pytest.fixture
def axe_if_installed(request):
    """The axe check when axe-core is installed (npm ci), else nothing: the journey itself
    still runs."""
    try:
        return request.getfixturevalue("axe")
    except pytest.skip.Exception:
        return lambda page: []


def test_filter_and_open_a_suggestion_on_a_phone(
    live_server, page, axe_if_installed, make_suggestion, make_delegate
):
    axe = axe_if_installed
    wang = make_delegate(name="王建国")
    make_suggestion(title="关于增设社区老年食堂晚餐供应的建议", lead_delegate=wang)
    make_suggestion(
        title="关于优化中心城区公交线路的议案",
        kind="motion",
        lead_delegate=wang,
        assigned_on=D(2025, 2, 1),
        due_on=D(2025, 5, 1),
        answered_on=D(2025, 4, 20),
        reply="<p>区交通运输局已调整12路、25路公交线路，并新增两处站点。</p>",
    )
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/suggestions/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.locator(".suggestion-card").count() == 2
    assert axe(page) == []

    page.get_by_label("类别").select_option(label="议案")
    page.get_by_label("办理状态").select_option(label="已答复")
    page.get_by_role("button", name="筛选").click()
    page.wait_for_url("**/suggestions/?*kind=motion*")
    cards = page.locator(".suggestion-card")
    assert cards.count() == 1
    assert "已答复" in cards.first.inner_text()
    assert page.get_by_role("link", name="清除筛选").is_visible()

    page.get_by_role("link", name="关于优化中心城区公交线路的议案").click()
    assert page.get_by_role("heading", name="关于优化中心城区公交线路的议案").is_visible()
    timeline = page.locator(".suggestion-timeline li")
    assert timeline.count() == 3
    assert "答复" in timeline.nth(2).inner_text()
    assert page.get_by_text("区交通运输局已调整12路、25路公交线路").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert axe(page) == []
    page.get_by_role("link", name="王建国").first.click()
    assert page.get_by_role("heading", name="代表建议").is_visible()
