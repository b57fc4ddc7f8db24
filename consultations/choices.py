from django.db import models
from django.utils.translation import gettext_lazy as _


class CommentStatus(models.TextChoices):
    """A comment's way: the resident confirms it (link by e-mail), a moderator approves it
    (shown on the page) or rejects it (kept for the record, never shown)."""

    PENDING = "pending", _("待确认")
    MODERATION = "moderation", _("待审核")
    APPROVED = "approved", _("已公开")
    REJECTED = "rejected", _("未公开")


class Phase(models.TextChoices):
    """Where a consultation stands, by its dates (Beijing time)."""

    UPCOMING = "upcoming", _("未开始")
    OPEN = "open", _("征求意见中")
    CLOSED = "closed", _("已截止")
