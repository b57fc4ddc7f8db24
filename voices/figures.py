"""A station's figures for the public (网上联络站 办理情况): how many opinions were received
(confirmed), accepted, answered; the median working days from confirmation to the first
answer; the share of rated answers judged 满意 or 基本满意; how many are overdue now.

One aggregate query for the counts, one for the answer intervals (the median in working days
needs the holiday calendar, so it is computed in Python over the answered opinions)."""

import statistics
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from .choices import Rating, Status
from .models import OPEN_STATES, Opinion
from .workdays import working_days_between

ACCEPTED_STATES = (
    Status.ACCEPTED,
    Status.ASSIGNED,
    Status.IN_PROGRESS,
    Status.ANSWERED,
    Status.CLOSED,
)


@dataclass
class Figures:
    received: int
    accepted: int
    answered: int
    median_days_to_answer: float | None
    satisfied_share: float | None  # 0..1 of rated opinions
    overdue: int


def station_figures(station, today=None) -> Figures:
    today = today or timezone.localdate()
    opinions = Opinion.objects.filter(station=station, number__isnull=False)
    counts = opinions.aggregate(
        received=Count("pk"),
        accepted=Count("pk", filter=Q(status__in=ACCEPTED_STATES)),
        answered=Count("pk", filter=Q(first_answered_at__isnull=False)),
        rated=Count("pk", filter=~Q(rating="")),
        satisfied=Count("pk", filter=Q(rating__in=(Rating.SATISFIED, Rating.BASICALLY))),
        overdue=Count("pk", filter=Q(status__in=OPEN_STATES, due_date__lt=today)),
    )
    intervals = [
        working_days_between(timezone.localdate(confirmed), timezone.localdate(answered))
        for confirmed, answered in opinions.filter(first_answered_at__isnull=False).values_list(
            "confirmed_at", "first_answered_at"
        )
    ]
    return Figures(
        received=counts["received"],
        accepted=counts["accepted"],
        answered=counts["answered"],
        median_days_to_answer=statistics.median(intervals) if intervals else None,
        satisfied_share=counts["satisfied"] / counts["rated"] if counts["rated"] else None,
        overdue=counts["overdue"],
    )
