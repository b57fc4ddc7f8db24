"""CSV and JSON downloads of the (filtered) public suggestion list: public fields only, in a
fixed number of queries."""

from django.http import JsonResponse
from django.utils.html import strip_tags

from delegates.opendata import _csv as csv_response

FIELDS = [
    ("number", "编号"),
    ("title", "标题"),
    ("kind", "类别"),
    ("session", "会议"),
    ("lead_delegate", "领衔代表"),
    ("topic", "领域"),
    ("lead_bodies", "主办单位"),
    ("assisting_bodies", "协办单位"),
    ("status", "办理状态"),
    ("submitted_on", "提出日期"),
    ("assigned_on", "交办日期"),
    ("due_on", "办理期限"),
    ("answered_on", "答复日期"),
    ("rated_on", "测评日期"),
    ("satisfaction", "满意度"),
    ("closed_on", "办结日期"),
    ("text", "建议内容"),
    ("url", "网址"),
]


def _date(value):
    return value.isoformat() if value else ""


def suggestion_rows(request, listing):
    from .models import BodyRole

    for item in listing.queryset:
        bodies = list(item.bodies.all())
        yield {
            "number": item.number,
            "title": item.title,
            "kind": item.get_kind_display(),
            "session": item.session.name,
            "lead_delegate": item.lead_delegate_name,
            "topic": item.topic.name if item.topic else "",
            "lead_bodies": "、".join(b.body.name for b in bodies if b.role == BodyRole.LEAD),
            "assisting_bodies": "、".join(b.body.name for b in bodies if b.role == BodyRole.ASSIST),
            "status": item.status.label,
            "submitted_on": _date(item.submitted_on),
            "assigned_on": _date(item.assigned_on),
            "due_on": _date(item.due_on),
            "answered_on": _date(item.answered_on),
            "rated_on": _date(item.rated_on),
            "satisfaction": item.get_satisfaction_display(),
            "closed_on": _date(item.closed_on),
            "text": strip_tags(item.text).strip(),
            "url": item.get_full_url(request),
        }


def suggestions_csv(request, listing):
    return csv_response(suggestion_rows(request, listing), FIELDS, "suggestions.csv")


def suggestions_json(request, listing):
    return JsonResponse(
        {"suggestions": list(suggestion_rows(request, listing))},
        json_dumps_params={"ensure_ascii": False},
    )
