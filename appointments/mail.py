"""The texts of the e-mails to residents who booked (plain text, Simplified Chinese). The
confirmation and the reminder carry the session as an `.ics` file (delegates/ical.py)."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from voices.mail import absolute

CONFIRMED = "confirmed"
REMINDER = "reminder"
CANCELLED = "cancelled"
WITH_CALENDAR = (CONFIRMED, REMINDER)


def when(session) -> str:
    start, end = timezone.localtime(session.start), timezone.localtime(session.end)
    return f"{start:%Y-%m-%d %H:%M}—{end:%H:%M}"


def compose(kind: str, appointment, token: str = "") -> tuple[str, str]:
    session = appointment.session
    facts = {
        "name": appointment.contact.name or _("居民"),
        "station": session.station.title,
        "when": when(session),
        "place": session.display_place,
        "people": appointment.people,
        "phone": session.display_phone,
    }
    if kind == CONFIRMED:
        subject = _("约访预约成功：%(station)s") % facts
        body = _(
            "%(name)s，您好：\n\n您已预约%(station)s的代表接访：\n\n"
            "时间：%(when)s\n地点：%(place)s\n"
            "人数：%(people)s 人\n\n附件是这次接访的日历文件，可导入手机日历。"
            "接访前一天我们会再发邮件提醒您。如需查看或取消预约，请打开下面的专属链接"
            "（请妥善保存，不要转发给他人）：\n\n"
            "%(link)s\n\n如有疑问，请致电联络站：%(phone)s"
        ) % {**facts, "link": absolute(reverse("appointments:manage", args=[token]))}
    elif kind == REMINDER:
        subject = _("明天接访提醒：%(station)s") % facts
        body = (
            _(
                "%(name)s，您好：\n\n提醒您，您预约的代表接访在明天：\n\n"
                "时间：%(when)s\n地点：%(place)s\n"
                "人数：%(people)s 人\n\n如不能前来，请通过预约成功邮件中的专属链接取消，"
                "把名额留给其他居民；或致电联络站：%(phone)s"
            )
            % facts
        )
    else:
        subject = _("约访预约已取消：%(station)s") % facts
        body = (
            _(
                "%(name)s，您好：\n\n您预约的%(station)s代表接访（%(when)s）已取消。"
                "如有疑问，请致电联络站：%(phone)s"
            )
            % facts
        )
    return f"【{settings.WAGTAIL_SITE_NAME}】{subject}", body
