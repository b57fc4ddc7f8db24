"""The inbox as a spreadsheet for meetings: the rows of a filtered list of opinions. Senders'
contacts are columns only when asked for (the admin view writes that to the audit log)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from .workdays import working_days_between


def _when(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def _day(value):
    return value.isoformat() if value else ""


def working_days_taken(opinion):
    """Working days from confirmation to the first answer ("" while unanswered)."""
    if not (opinion.confirmed_at and opinion.first_answered_at):
        return ""
    return working_days_between(
        timezone.localdate(opinion.confirmed_at), timezone.localdate(opinion.first_answered_at)
    )


def opinion_rows(opinions, contacts=False) -> list[list]:
    header = [
        _("受理编号"),
        _("提交时间"),
        _("确认时间"),
        _("联络站"),
        _("写给代表"),
        _("类别"),
        _("所在社区（村）"),
        _("意见内容"),
        _("状态"),
        _("承办单位"),
        _("交办代表"),
        _("交办日期"),
        _("办理期限"),
        _("已超期"),
        _("首次答复时间"),
        _("办理用时（工作日）"),
        _("满意度"),
        _("办结时间"),
    ]
    if contacts:
        header += [_("来信人姓名"), _("手机号码"), _("电子邮箱")]
    rows = [header]
    opinions = opinions.select_related(
        "station", "delegate", "topic", "handling_body", "assigned_delegate", "sender"
    )
    for o in opinions.iterator(chunk_size=500):
        row = [
            o.number or _("待确认"),
            _when(o.created_at),
            _when(o.confirmed_at),
            o.station.title if o.station else "",
            o.delegate.title if o.delegate else "",
            o.topic.name,
            o.community,
            o.text,
            o.get_status_display(),
            o.handling_body.name if o.handling_body else "",
            o.assigned_delegate.title if o.assigned_delegate else "",
            _day(o.assigned_on),
            _day(o.due_date),
            _("是") if o.is_overdue else "",
            _when(o.first_answered_at),
            working_days_taken(o),
            o.get_rating_display(),
            _when(o.closed_at),
        ]
        if contacts:
            sender = getattr(o, "sender", None)
            row += [sender.name, sender.mobile, sender.email] if sender else ["", "", ""]
        rows.append(row)
    return rows
