"""The comments of one consultation as the contact point sends them upward: grouped by article
in the draft's order (the whole draft first), as XLSX rows and as the printable summary's
groups. Genuine comments only — confirmed ones, awaiting moderation or approved; unconfirmed
and rejected ones are left out. Contacts are a column only when asked for by a user with the
permission (the admin view checks it and writes the export to the audit log)."""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import CommentStatus
from .models import Comment

EXPORTED_STATES = (CommentStatus.MODERATION, CommentStatus.APPROVED)


@dataclass
class Group:
    label: str
    chapter: str = ""
    text: str = ""
    comments: list = field(default_factory=list)


def exported_comments(consultation):
    return (
        Comment.objects.filter(consultation=consultation, status__in=EXPORTED_STATES)
        .select_related("article")
        .order_by("created_at", "pk")
    )


def grouped(consultation) -> list[Group]:
    """The whole draft, then every article (with or without comments) in order."""
    groups = {None: Group(_("草案整体"))}
    for article in consultation.articles.all():
        groups[article.pk] = Group(article.label, article.chapter, article.text)
    for comment in exported_comments(consultation):
        groups.setdefault(comment.article_id, Group(comment.target_label)).comments.append(comment)
    return list(groups.values())


def _when(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def comment_rows(consultation, contacts=False) -> list[list]:
    header = [_("条文"), _("章"), _("序号"), _("意见内容"), _("署名"), _("提交时间"), _("状态")]
    if contacts:
        header.append(_("联系方式"))
    rows = [header]
    for group in grouped(consultation):
        for n, comment in enumerate(group.comments, start=1):
            row = [
                group.label,
                group.chapter,
                n,
                comment.text,
                comment.name or _("匿名"),
                _when(comment.created_at),
                comment.get_status_display(),
            ]
            if contacts:
                row.append(comment.contact)
            rows.append(row)
    return rows
