"""Moderation in the admin: permissions (contacts only with their own permission), approve and
reject (one at a time or several), the audit trail, the XLSX export grouped by article and the
printable summary."""

import io

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from wagtail.models import ModelLogEntry, PageLogEntry

from consultations import moderation
from consultations.choices import CommentStatus
from consultations.models import Comment

pytestmark = pytest.mark.django_db


def staff(django_user_model, name, *codenames):
    user = django_user_model.objects.create_user(name, password="x")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="consultations", codename__in=codenames),
    )
    return user


@pytest.fixture
def moderator(django_user_model):
    return staff(django_user_model, "moderator", "view_comment", "change_comment")


@pytest.fixture
def officer(django_user_model):
    """May moderate and see contacts (the contact point's officer)."""
    return staff(
        django_user_model, "officer", "view_comment", "change_comment", "view_comment_contact"
    )


def test_without_permission_the_list_is_refused(client, django_user_model, consultation):
    client.force_login(staff(django_user_model, "someone"))
    response = client.get(reverse("consultations_comments"))
    assert response.status_code in (302, 403)
    assert client.get(reverse("consultations_export", args=[consultation.pk])).status_code in (
        302,
        403,
    )


def test_moderator_approves_and_the_page_shows_it(
    client, moderator, consultation, make_comment, committed
):
    comment = make_comment(
        consultation, "第九条", status=CommentStatus.MODERATION, text="绿地率标准建议保留。"
    )
    client.force_login(moderator)
    listing = client.get(
        reverse("consultations_comments") + f"?consultation={consultation.pk}&status=moderation"
    )
    html = listing.content.decode()
    assert "绿地率标准建议保留。" in html and "wang.jianguo@example.com" not in html
    with committed():
        client.post(reverse("consultations_comment", args=[comment.pk]), {"action": "approve"})
    comment.refresh_from_db()
    assert comment.status == CommentStatus.APPROVED and comment.moderated_by == moderator
    entry = ModelLogEntry.objects.for_instance(comment).get()
    assert entry.action == moderation.APPROVE and entry.user == moderator
    client.logout()
    page = client.get(consultation.url).content.decode()
    assert "绿地率标准建议保留。" in page and 'data-count="1"' in page


def test_bulk_reject_and_pending_comments_cannot_be_moderated(
    client, moderator, consultation, make_comment
):
    first = make_comment(consultation, "第一条", status=CommentStatus.MODERATION)
    second = make_comment(consultation, "第二条", status=CommentStatus.MODERATION)
    pending = make_comment(consultation, "第三条", status=CommentStatus.PENDING)
    client.force_login(moderator)
    client.post(
        reverse("consultations_moderate"),
        {"action": "reject", "ids": [first.pk, second.pk, pending.pk]},
    )
    statuses = dict(Comment.objects.values_list("pk", "status"))
    assert statuses == {
        first.pk: CommentStatus.REJECTED,
        second.pk: CommentStatus.REJECTED,
        pending.pk: CommentStatus.PENDING,
    }


def test_list_filters_by_article_and_whole_draft(client, moderator, consultation, make_comment):
    make_comment(consultation, "第九条", text="关于第九条的意见内容")
    make_comment(consultation, None, text="关于草案整体的意见")
    client.force_login(moderator)
    article = consultation.articles.get(label="第九条")
    base = reverse("consultations_comments") + f"?consultation={consultation.pk}"
    html = client.get(base + f"&article={article.pk}").content.decode()
    assert "关于第九条的意见内容" in html and "关于草案整体的意见" not in html
    html = client.get(base + "&whole=on").content.decode()
    assert "关于第九条的意见内容" not in html and "关于草案整体的意见" in html


def test_contact_only_with_its_permission_and_logged(
    client, moderator, officer, consultation, make_comment
):
    comment = make_comment(consultation, "第一条", status=CommentStatus.MODERATION)
    detail = reverse("consultations_comment", args=[comment.pk])
    client.force_login(moderator)
    assert "wang.jianguo@example.com" not in client.get(detail).content.decode()
    assert client.post(detail, {"action": "contact"}).status_code in (302, 403)
    assert client.get(
        reverse("consultations_export", args=[consultation.pk]) + "?contacts=1"
    ).status_code in (302, 403)
    client.force_login(officer)
    assert "wang.jianguo@example.com" not in client.get(detail).content.decode()
    html = client.post(detail, {"action": "contact"}).content.decode()
    assert "wang.jianguo@example.com" in html
    assert (
        ModelLogEntry.objects.for_instance(comment)
        .filter(action=moderation.VIEW_CONTACT, user=officer)
        .exists()
    )


def test_to_whole_draft(client, moderator, consultation, make_comment):
    comment = make_comment(consultation, "第二十一条")
    client.force_login(moderator)
    client.post(reverse("consultations_comment", args=[comment.pk]), {"action": "whole_draft"})
    comment.refresh_from_db()
    assert comment.article is None
    entry = ModelLogEntry.objects.for_instance(comment).get()
    assert entry.action == moderation.WHOLE_DRAFT and entry.data["article"] == "第二十一条"


def _sheet(response):
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    return [[cell.value for cell in row] for row in book.active.iter_rows()]


def test_export_grouped_by_article_without_contacts(
    client, moderator, officer, consultation, make_comment
):
    make_comment(consultation, "第十三条", text="第十三条的意见")
    make_comment(consultation, "第九条", text="第九条的意见甲", status=CommentStatus.MODERATION)
    make_comment(consultation, "第九条", text='=HYPERLINK("http://x")')
    make_comment(consultation, None, text="整体意见")
    make_comment(consultation, "第一条", text="被拒绝的意见", status=CommentStatus.REJECTED)
    make_comment(consultation, "第一条", text="未确认的意见", status=CommentStatus.PENDING)
    client.force_login(moderator)
    response = client.get(reverse("consultations_export", args=[consultation.pk]))
    rows = _sheet(response)
    assert rows[0][:4] == ["条文", "章", "序号", "意见内容"] and "联系方式" not in rows[0]
    assert [(r[0], r[3]) for r in rows[1:]] == [
        ("草案整体", "整体意见"),
        ("第九条", "第九条的意见甲"),
        ("第九条", '=HYPERLINK("http://x")'),
        ("第十三条", "第十三条的意见"),
    ]
    assert rows[2][1] == "第二章 规划和建设" and rows[3][2] == 2
    flat = repr(rows)
    assert "@example.com" not in flat
    log = PageLogEntry.objects.get(action=moderation.EXPORT)
    assert log.user == moderator and log.data == {"count": 4, "contacts": False}
    client.force_login(officer)
    rows = _sheet(
        client.get(reverse("consultations_export", args=[consultation.pk]) + "?contacts=1")
    )
    assert rows[0][-1] == "联系方式" and rows[1][-1] == "wang.jianguo@example.com"


def test_printable_summary(client, moderator, consultation, make_comment):
    make_comment(consultation, "第十三条", text="第十三条的意见")
    make_comment(consultation, None, text="整体意见", name="")
    make_comment(consultation, "第二条", text="被拒绝的意见", status=CommentStatus.REJECTED)
    client.force_login(moderator)
    html = client.get(reverse("consultations_summary", args=[consultation.pk])).content.decode()
    assert "意见汇总" in html and "共收到有效意见 2 条，涉及条文 1 条" in html
    assert html.index("整体意见") < html.index("第十三条的意见")
    assert "任何单位和个人不得擅自改变绿地性质" in html  # the article's text beside its comments
    assert "被拒绝的意见" not in html and "@example.com" not in html
