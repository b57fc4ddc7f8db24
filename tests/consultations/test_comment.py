"""A resident comments on one article or the whole draft, confirms by the e-mail link; only
confirmed comments reach moderation; closed or not yet open consultations refuse."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from consultations.choices import CommentStatus
from consultations.models import Comment

pytestmark = pytest.mark.django_db


def url(page):
    return reverse("consultations:comment", args=[page.pk])


def confirm_path(body):
    return re.search(r"https?://[^\s/]+(/consultations/confirm/[^\s]+/)", body).group(1)


def test_form_quotes_the_article_and_preselects_it(client, consultation):
    response = client.get(url(consultation) + "?article=art-13")
    html = response.content.decode()
    assert "第十三条" in html and "任何单位和个人不得擅自改变绿地性质" in html
    assert '<option value="art-13" selected>' in html
    assert "个人信息保护法" in html
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_comment_by_email_is_confirmed_then_moderated(
    client, consultation, comment_form, committed
):
    with committed():
        response = client.post(url(consultation), comment_form())
    assert "请查收确认邮件" in response.content.decode()
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.PENDING and comment.by_email
    assert comment.article.label == "第十三条" and comment.contact == "li.xiuying@example.com"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["li.xiuying@example.com"] and "请确认" in message.subject
    assert "第十三条" in message.body
    path = confirm_path(message.body)
    # GET only shows a button (mail scanners follow links).
    page = client.get(path)
    assert "确认提交" in page.content.decode()
    assert Comment.objects.get().status == CommentStatus.PENDING
    done = client.post(path)
    assert "意见已确认" in done.content.decode()
    comment.refresh_from_db()
    assert comment.status == CommentStatus.MODERATION and comment.confirmed_at
    # Not shown before a moderator approves it.
    assert "临时占用绿地一年的期限偏长" not in client.get(consultation.url).content.decode()
    # The link works once.
    assert client.post(path).status_code == 404


def test_comment_on_the_whole_draft_by_mobile_goes_to_moderation(
    client, consultation, comment_form, committed
):
    with committed():
        response = client.post(
            url(consultation), comment_form(article="", email="", mobile="139 1234 5678", name="")
        )
    assert "已提交审核" in response.content.decode()
    comment = Comment.objects.get()
    assert comment.article is None and comment.contact == "13912345678"
    assert comment.status == CommentStatus.MODERATION and not comment.by_email
    assert mail.outbox == []


def test_contact_is_required_and_errors_are_in_chinese(client, consultation, comment_form):
    response = client.post(url(consultation), comment_form(email="", mobile=""))
    assert "请至少填写手机号码或电子邮箱中的一项" in response.content.decode()
    response = client.post(url(consultation), comment_form(text="好"))
    assert "意见内容太短" in response.content.decode()
    response = client.post(url(consultation), comment_form(article="art-999"))
    assert "请选择草案中的条文" in response.content.decode()
    assert not Comment.objects.exists()


def test_article_anchor_is_looked_up_in_this_draft(client, make_consultation, comment_form):
    first, second = make_consultation(), make_consultation()
    other = second.articles.get(label="第一条")
    data = comment_form(article=other.anchor)  # anchors repeat across drafts: by this draft's
    client.post(url(first), data)
    assert Comment.objects.get().article.consultation_id == first.pk


def test_same_form_twice_makes_one_comment_and_one_mail(
    client, consultation, comment_form, committed
):
    data = comment_form()
    with committed():
        client.post(url(consultation), data)
        client.post(url(consultation), data)
    assert Comment.objects.count() == 1 and len(mail.outbox) == 1


def test_robots_filling_the_honeypot_are_refused(client, consultation, comment_form):
    client.post(url(consultation), comment_form(website="http://spam.example"))
    assert not Comment.objects.exists()


@pytest.mark.parametrize("opens, closes", [(-30, -1), (2, 30)])
def test_closed_or_not_yet_open_refuse_on_get_and_post(
    client, make_consultation, comment_form, opens, closes
):
    page = make_consultation(opens=opens, closes=closes)
    html = client.get(url(page)).content.decode()
    assert "不在征求意见期内" in html and "<form" not in html.split("<main")[-1]
    response = client.post(url(page), comment_form())
    assert response.status_code == 403
    assert ("已于" in response.content.decode()) == (closes < 0)
    assert not Comment.objects.exists()


def test_unknown_or_hidden_consultation_is_404(client, make_consultation):
    page = make_consultation(publish=False)
    assert client.get(url(page)).status_code == 404
    assert client.get(reverse("consultations:comment", args=[999999])).status_code == 404


def test_rate_limit_per_contact(client, consultation, comment_form, settings):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "consultations_contact": "1/d"}
    client.post(url(consultation), comment_form(text="第一条意见，内容足够长。"))
    response = client.post(url(consultation), comment_form(text="第二条意见，内容也足够长。"))
    assert response.status_code == 429
    assert "同一联系方式今天提交的意见已达上限" in response.content.decode()
    assert Comment.objects.count() == 1


def test_invalid_confirmation_link(client):
    response = client.get(reverse("consultations:confirm", args=["nope"]))
    assert response.status_code == 404 and "确认链接无效" in response.content.decode()


def test_over_the_address_limit_the_form_asks_a_question(
    client, consultation, comment_form, settings
):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "consultations": "1/h"}
    client.post(url(consultation), comment_form(text="第一条意见，内容足够长。"))
    response = client.post(url(consultation), comment_form(text="第二条意见，内容也足够长。"))
    html = response.content.decode()
    assert response.status_code == 429
    assert "确认是您本人操作" in html and "第二条意见，内容也足够长。" in html
    assert Comment.objects.count() == 1
