"""A resident on a phone books a place at a reception from the station page, without
JavaScript-only parts, then cancels through the private link; every page passes axe."""

import re

import pytest

from appointments.models import Appointment

from .conftest import PHONE

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_book_and_cancel_on_a_phone(live_server, page, axe, settings, make_station, make_session):
    settings.VOICES_MIN_FILL_SECONDS = 0
    station = make_station(title="东城街道人大代表联络站")
    make_session(station, capacity=2, place="东城街道代表之家二楼")
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + station.url)
    assert page.get_by_text("可预约，余 2 个名额").is_visible()
    page.get_by_role("link", name=re.compile("^预约")).first.click()
    assert page.get_by_role("heading", name="预约代表接访").is_visible()
    assert page.get_by_text("东城街道代表之家二楼").is_visible()
    assert axe(page) == []

    page.get_by_label("来访人数").select_option("2")
    page.get_by_label("想反映的问题").fill("小区加装电梯的补贴政策")
    page.get_by_label("姓名").fill("李居民")
    page.get_by_label("手机号码").fill("13900001111")
    page.get_by_role("button", name="提交预约").click()
    # Forgot the privacy notice: the message says so and the text is still there.
    assert page.get_by_text("请阅读并同意个人信息处理说明后再提交。").is_visible()
    assert page.get_by_label("想反映的问题").input_value() == "小区加装电梯的补贴政策"

    page.get_by_label("我已阅读并同意《个人信息处理说明》").check()
    page.get_by_role("button", name="提交预约").click()
    assert page.get_by_role("heading", name="预约成功").is_visible()
    assert axe(page) == []
    link = page.locator("a[href*='/appointments/manage/']").first
    assert re.search(r"/appointments/manage/[\w-]+/$", link.get_attribute("href"))
    link.click()
    assert page.get_by_role("heading", name="我的约访预约").is_visible()
    assert axe(page) == []
    page.get_by_role("button", name="取消预约").click()
    assert page.get_by_text("已取消").is_visible()
    assert not Appointment.objects.get().is_active

    page.goto(live_server.url + station.url)
    assert page.get_by_text("可预约，余 2 个名额").is_visible()
