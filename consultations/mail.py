"""The e-mail to a resident who commented by e-mail: the confirmation link."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from voices.mail import absolute


def compose_confirm(comment, token: str) -> tuple[str, str]:
    facts = {
        "name": comment.name or _("居民"),
        "title": comment.consultation.title,
        "target": comment.target_label,
        "days": settings.VOICES_CONFIRM_DAYS,
        "link": absolute(reverse("consultations:confirm", args=[token])),
    }
    subject = _("请确认您对《%(title)s》提出的意见") % facts
    body = (
        _(
            "%(name)s，您好：\n\n您对《%(title)s》（%(target)s）提出了意见。请在 %(days)s 天内"
            "打开下面的链接并点击“确认提交”，确认后意见才会提交审核：\n\n%(link)s\n\n"
            "如果这不是您本人的操作，请忽略本邮件。"
        )
        % facts
    )
    return f"【{settings.WAGTAIL_SITE_NAME}】{subject}", body
