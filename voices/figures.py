"""A station's figures for the public (网上联络站 办理情况): how many opinions were received
(confirmed), accepted, answered; the median working days from confirmation to the first
answer; the share of rated answers judged 满意 or 基本满意; how many are overdue now.

For any number of stations (the station page, the transparency overview): one grouped
aggregate query for the counts, one for the answer intervals (the median in working days needs
the holiday calendar, so it is computed in Python over the answered opinions)."""

import datetime
import statistics
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from home.prepared import prepared

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
    as_of: datetime.date  # the day the figures were computed (shown as 截至 …)


# Compiled once per process (home.prepared): the station page asks them on every request.


def _confirmed(station_ids):
    return Opinion.objects.filter(station__in=station_ids, number__isnull=False)


@prepared
def _counts(station_ids, today):
    return (
        _confirmed(station_ids)
        .values("station")
        .annotate(
            received=Count("pk"),
            accepted=Count("pk", filter=Q(status__in=ACCEPTED_STATES)),
            answered=Count("pk", filter=Q(first_answered_at__isnull=False)),
            rated=Count("pk", filter=~Q(rating="")),
            satisfied=Count("pk", filter=Q(rating__in=(Rating.SATISFIED, Rating.BASICALLY))),
            overdue=Count("pk", filter=Q(status__in=OPEN_STATES, due_date__lt=today)),
        )
    )


@prepared
def _answer_times(station_ids):
    return (
        _confirmed(station_ids)
        .filter(first_answered_at__isnull=False)
        .values_list("station", "confirmed_at", "first_answered_at")
    )


def figures_for(stations, today=None) -> dict[int, Figures]:
    """The figures of every station in `stations` (pages or ids), keyed by station id: one
    grouped aggregate query and one query for the answer intervals, whatever their number."""
    today = today or timezone.localdate()
    ids = [getattr(station, "pk", station) for station in stations]
    rows = {row["station"]: row for row in _counts(ids, today)}
    intervals = defaultdict(list)
    answered = _answer_times(ids)
    for station, confirmed, first_answer in answered:
        intervals[station].append(
            working_days_between(timezone.localdate(confirmed), timezone.localdate(first_answer))
        )
    result = {}
    for pk in ids:
        row = rows.get(pk, {})
        rated = row.get("rated", 0)
        result[pk] = Figures(
            received=row.get("received", 0),
            accepted=row.get("accepted", 0),
            answered=row.get("answered", 0),
            median_days_to_answer=(statistics.median(intervals[pk]) if intervals.get(pk) else None),
            satisfied_share=row["satisfied"] / rated if rated else None,
            overdue=row.get("overdue", 0),
            as_of=today,
        )
    return result


def station_figures(station, today=None) -> Figures:
    return figures_for([station], today)[station.pk]
