from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    PENDING = "pending", _("待确认")
    RECEIVED = "received", _("已收到")
    ACCEPTED = "accepted", _("已受理")
    DECLINED = "declined", _("不予受理")
    MERGED = "merged", _("已合并")
    ASSIGNED = "assigned", _("已交办")
    IN_PROGRESS = "in_progress", _("办理中")
    ANSWERED = "answered", _("已答复")
    CLOSED = "closed", _("已办结")


class Rating(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    BASICALLY = "basically", _("基本满意")
    DISSATISFIED = "dissatisfied", _("不满意")


class Verification(models.TextChoices):
    """How the sender is confirmed to be real: a link in an e-mail, or a call by the liaison."""

    EMAIL = "email", _("邮件确认")
    PHONE = "phone", _("待电话核实")
    CONFIRMED = "confirmed", _("已核实")


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", _("提交")
    CONFIRMED = "confirmed", _("确认")
    ACCEPTED = "accepted", _("受理")
    DECLINED = "declined", _("不予受理")
    MERGED = "merged", _("合并")
    ASSIGNED = "assigned", _("交办")
    STARTED = "started", _("办理")
    NOTE = "note", _("内部备注")
    SUPPLEMENT = "supplement", _("补充材料")
    ANSWERED = "answered", _("答复")
    RATED = "rated", _("评价")
    REOPENED = "reopened", _("重新办理")
    CLOSED = "closed", _("办结")
    ANONYMISED = "anonymised", _("个人信息删除")
