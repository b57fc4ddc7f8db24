"""The texts of the e-mails to senders (plain text, Simplified Chinese)."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

CONFIRM = "confirm"
RECEIVED = "received"
PROGRESS = "progress"


def absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL + path


def compose(kind: str, opinion, token: str = "") -> tuple[str, str]:
    site = settings.WAGTAIL_SITE_NAME
    name = opinion.sender.name or _("居民")
    if kind == CONFIRM:
        subject = _("请确认您提交的意见")
        body = _(
            "%(name)s，您好：\n\n您通过网上联络站提交了一条意见。请在 %(days)s 天内打开下面的链接"
            "并点击“确认提交”，我们收到确认后才会受理：\n\n%(link)s\n\n"
            "如果这不是您本人的操作，请忽略本邮件。"
        ) % {
            "name": name,
            "days": settings.VOICES_CONFIRM_DAYS,
            "link": absolute(reverse("voices:confirm", args=[token])),
        }
    elif kind == RECEIVED:
        subject = _("您的意见已收到（受理编号 %(number)s）") % {"number": opinion.number}
        body = _(
            "%(name)s，您好：\n\n您的意见已收到，受理编号 %(number)s。您可以通过下面的专属链接"
            "查看办理进度、补充材料和评价答复。请妥善保存，不要转发给他人：\n\n%(link)s\n"
        ) % {
            "name": name,
            "number": opinion.number,
            "link": absolute(reverse("voices:track", args=[token])),
        }
    else:
        subject = _("您的意见有新的进展（受理编号 %(number)s）") % {"number": opinion.number}
        body = _(
            "%(name)s，您好：\n\n您的意见（受理编号 %(number)s）当前状态：%(status)s。"
            "请通过您收到的专属查询链接查看详情。\n"
        ) % {"name": name, "number": opinion.number, "status": opinion.get_status_display()}
    return f"【{site}】{subject}", body
