"""A resident on a phone writes to their station from its page, without JavaScript-only parts,
and follows the opinion through the private link; the form and tracking page pass axe."""

import re

import pytest

from voices.models import Opinion, OpinionTopic

from .conftest import PHONE

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_write_and_track_on_a_phone(live_server, page, axe, settings, make_station):
    settings.VOICES_MIN_FILL_SECONDS = 0
    OpinionTopic.objects.get_or_create(name="环境卫生")
    station = make_station(title="东城街道人大代表联络站")
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + station.url)
    page.get_by_role("link", name="网上联络站：给联络站写信").first.click()
    assert page.locator("select[name=station]").input_value() == str(station.pk)
    assert axe(page) == []

    page.get_by_label("意见类别").select_option(label="环境卫生")
    page.get_by_label("意见内容").fill("小区门口的垃圾桶满了三天没人清运，气味很大。")
    page.get_by_label("姓名").fill("李居民")
    page.get_by_label("手机号码").fill("13900001111")
    page.get_by_role("button", name="提交").click()
    # Forgot the privacy notice: the message says so and the text is still there.
    assert page.get_by_text("请阅读并同意个人信息处理说明后再提交。").is_visible()
    assert "垃圾桶满了三天" in page.get_by_label("意见内容").input_value()

    page.get_by_label("我已阅读并同意《个人信息处理说明》").check()
    page.get_by_role("button", name="提交").click()
    assert page.get_by_role("heading", name="意见已提交").is_visible()
    link = page.locator("a[href*='/voices/track/']").first
    assert re.search(r"/voices/track/[\w-]+/$", link.get_attribute("href"))
    link.click()
    assert page.get_by_role("heading", name="意见办理进度").is_visible()
    assert page.get_by_text("待核实").first.is_visible()
    assert axe(page) == []
    assert Opinion.objects.get().station_id == station.pk


def test_an_approved_answer_on_the_public_list_on_a_phone(
    live_server, page, axe, admin_user, make_station
):
    from voices import publication, workflow
    from voices.choices import Verification
    from voices.models import HandlingBody, OpinionSender, token_digest

    station = make_station(title="西城街道人大代表联络站")
    topic = OpinionTopic.objects.get_or_create(name="交通出行")[0]
    body = HandlingBody.objects.create(name="区交通运输局")
    text = "建议在西城小学门口增设护学岗，上下学时段车辆很多，孩子过马路很危险。"
    opinion = Opinion.objects.create(
        topic=topic,
        text=text,
        station=station,
        publish_consent=True,
        verification=Verification.EMAIL,
        form_token="browser-form",
        text_hash=token_digest(text),
    )
    OpinionSender.objects.create(opinion=opinion, name="赵大海", email="zhao@example.com")
    opinion, _token = workflow.confirm(opinion)
    workflow.assign(workflow.accept(opinion, admin_user), admin_user, body=body)
    workflow.answer(opinion, admin_user, "区交通运输局已在校门口设置护学岗，每天上下学时段值守。")
    publication.publish(opinion, admin_user, "建议在西城小学门口增设护学岗。")

    page.set_viewport_size(PHONE)
    page.goto(live_server.url + station.url)
    page.get_by_role("link", name="查看本站公开的意见答复").click()
    card = page.locator(".voices-answer-card").first
    assert card.get_by_text("建议在西城小学门口增设护学岗。").is_visible()
    assert card.get_by_text("每天上下学时段值守").is_visible()
    assert card.get_by_text("赵**").is_visible()
    assert card.get_by_text(opinion.number).first.is_visible()
    content = page.content()
    assert "赵大海" not in content and "zhao@example.com" not in content and text not in content
    # Phone first: nothing wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert axe(page) == []

    card.get_by_role("link").first.click()
    assert page.get_by_role("heading", name=f"群众意见答复 {opinion.number}").is_visible()
    assert axe(page) == []
