"""立法意见征集 on a phone: a resident opens a consultation, reads an article, comments on it,
confirms through the link in the mail (the locmem outbox), and after an editor approves it in
the admin the comment and the article's count show; the pages pass axe."""

import re

import pytest
from django.core import mail

from consultations.choices import CommentStatus
from consultations.models import Comment

from .conftest import PHONE

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_comment_confirm_and_approval_on_a_phone(
    live_server, browser, page, axe, settings, admin_user, make_consultation
):
    settings.VOICES_MIN_FILL_SECONDS = 0
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    consultation = make_consultation()
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + consultation.url)
    assert page.get_by_text("征求意见中").first.is_visible()
    article = page.locator("#art-13")
    article.scroll_into_view_if_needed()
    assert article.get_by_text("任何单位和个人不得擅自改变绿地性质").is_visible()
    assert article.get_by_text("本条暂无公开意见").is_visible()
    assert axe(page) == []
    # No horizontal scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    article.get_by_role("link", name=re.compile("对本条提意见")).click()
    assert page.get_by_role("heading", name="提出意见").is_visible()
    assert page.get_by_label("针对").input_value() == "art-13"
    assert axe(page) == []
    page.get_by_label("意见和建议").fill("临时占用绿地一年的期限偏长，建议缩短为六个月。")
    page.get_by_label("姓名（选填）").fill("李秀英")
    page.get_by_label("电子邮箱").fill("li.xiuying@example.com")
    page.get_by_label("我已阅读并同意《个人信息处理说明》").check()
    page.get_by_role("button", name="提交意见").click()
    assert page.get_by_role("heading", name="请查收确认邮件").is_visible()

    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/consultations/confirm/\S+/", mail.outbox[0].body).group(0)
    page.goto(link)
    page.get_by_role("button", name="确认提交").click()
    assert page.get_by_role("heading", name="意见已确认").is_visible()
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.MODERATION

    # An editor approves it in the admin (another browser session, a desktop).
    editor = browser.new_context(locale="zh-CN")
    admin = editor.new_page()
    admin.goto(live_server.url + "/admin/login/")
    admin.fill("input[name=username]", admin_user.username)
    admin.fill("input[name=password]", "password")
    admin.locator("button[type=submit]").first.click()
    admin.goto(live_server.url + f"/admin/consultations/comments/?consultation={consultation.pk}")
    admin.get_by_role("link", name=re.compile("临时占用绿地一年的期限偏长")).click()
    admin.get_by_role("button", name="公开", exact=True).click()
    admin.wait_for_load_state()
    editor.close()
    comment.refresh_from_db()
    assert comment.status == CommentStatus.APPROVED

    page.goto(live_server.url + consultation.url)
    article = page.locator("#art-13")
    assert article.get_by_role("link", name="本条意见 1 条").is_visible()
    article.get_by_role("link", name="本条意见 1 条").click()
    comments = page.locator("#comments")
    assert comments.get_by_role("heading", name="对第十三条的意见").is_visible()
    assert comments.get_by_text("临时占用绿地一年的期限偏长，建议缩短为六个月。").is_visible()
    assert comments.get_by_text("李**").is_visible()
    assert "li.xiuying" not in page.content()
    assert axe(page) == []
