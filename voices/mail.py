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


# Mail to staff: what the opinion is and where to handle it — never the sender's name or
# contacts (those stay behind the audited "查看联系方式" button in the admin).


def admin_link(opinion) -> str:
    return absolute(reverse("voices_opinion", args=[opinion.pk]))


def _facts(opinion, *, assignment=False) -> str:
    rows = [
        (_("受理编号"), opinion.number),
        (_("类别"), opinion.topic.name),
        (_("联络站"), opinion.station.title if opinion.station else "—"),
    ]
    if opinion.delegate:
        rows.append((_("写给代表"), opinion.delegate.title))
    if opinion.community:
        rows.append((_("所在社区（村）"), opinion.community))
    if assignment:
        rows += [
            (_("承办单位"), str(opinion.handling_body or "—")),
            (_("交办代表"), opinion.assigned_delegate.title if opinion.assigned_delegate else "—"),
            (_("交办日期"), opinion.assigned_on.isoformat() if opinion.assigned_on else "—"),
            (_("办理期限"), opinion.due_date.isoformat()),
            (_("当前状态"), opinion.get_status_display()),
        ]
    return "\n".join(f"{label}：{value}" for label, value in rows)


def compose_new_opinion(opinion) -> tuple[str, str]:
    subject = _("新来信 %(number)s") % {"number": opinion.number}
    body = _(
        "您所在联络站的网上联络站收到一件新的群众来信，已经确认：\n\n%(facts)s\n\n"
        "请登录管理后台研判处理（受理、不予受理或合并）：\n%(link)s\n"
    ) % {"facts": _facts(opinion), "link": admin_link(opinion)}
    return f"【{settings.WAGTAIL_SITE_NAME}】{subject}", body


def compose_reminder(opinion, stage: str, today) -> tuple[str, str]:
    """A 督办 reminder: `before` the due date, or overdue (first and weekly)."""
    due = opinion.due_date.isoformat()
    if stage == "before":
        subject = _("督办提醒：%(number)s 将于 %(due)s 到期") % {
            "number": opinion.number,
            "due": due,
        }
        ask = _("这件群众来信的办理期限是 %(due)s，请在期限内办理并答复。") % {"due": due}
    else:
        subject = _("督办提醒：%(number)s 已超期（办理期限 %(due)s）") % {
            "number": opinion.number,
            "due": due,
        }
        ask = _("这件群众来信已超过办理期限 %(days)s 天，请尽快办理并答复。") % {
            "days": (today - opinion.due_date).days
        }
    body = _("%(ask)s\n\n%(facts)s\n\n管理后台：\n%(link)s\n") % {
        "ask": ask,
        "facts": _facts(opinion, assignment=True),
        "link": admin_link(opinion),
    }
    return f"【{settings.WAGTAIL_SITE_NAME}】{subject}", body
