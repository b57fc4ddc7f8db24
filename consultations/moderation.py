"""Moderating comments: approve (shown on the page), reject (never shown), or turn a comment on
an article into one on the whole draft. Each change is one conditional UPDATE (two moderators
cannot both act on the same state) and is written to Wagtail's audit log with the moderator
(the comment's history in the admin, 报告 → 站点历史)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .cache import purge_comment_paths
from .choices import CommentStatus
from .models import Comment

APPROVE = "consultations.approve"
REJECT = "consultations.reject"
WHOLE_DRAFT = "consultations.whole_draft"
VIEW_CONTACT = "consultations.view_contact"
EXPORT = "consultations.export"

MODERATABLE = {
    # action: (target status, states it may come from)
    APPROVE: (CommentStatus.APPROVED, (CommentStatus.MODERATION, CommentStatus.REJECTED)),
    REJECT: (CommentStatus.REJECTED, (CommentStatus.MODERATION, CommentStatus.APPROVED)),
}


class ModerationError(Exception):
    pass


def moderate(comment: Comment, action: str, user) -> Comment:
    status, sources = MODERATABLE[action]
    with transaction.atomic():
        done = Comment.objects.filter(pk=comment.pk, status__in=sources).update(
            status=status, moderated_at=timezone.now(), moderated_by=user
        )
        if not done:
            raise ModerationError(_("这条意见的状态已经改变（或尚未确认），请刷新后再操作。"))
        comment.refresh_from_db()
        log(instance=comment, action=action, user=user, data={"status": status})
        purge_comment_paths(comment)
    return comment


def to_whole_draft(comment: Comment, user) -> Comment:
    """The comment stays, about the whole draft (so its article may be re-parsed away)."""
    with transaction.atomic():
        label = comment.article.label if comment.article_id else ""
        Comment.objects.filter(pk=comment.pk).update(article=None)
        comment.refresh_from_db()
        log(instance=comment, action=WHOLE_DRAFT, user=user, data={"article": label})
        purge_comment_paths(comment)
    return comment
