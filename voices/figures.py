"""A station's figures for the public (网上联络站 办理情况): how many opinions were received
(confirmed), accepted, answered; the median working days from confirmation to the first
answer; the share of rated answers judged 满意 or 基本满意; how many are overdue now.

For any number of stations (the station page, the transparency overview): one query reads the
few columns of every confirmed opinion of the stations, and the counts and the median are
taken in Python. The median in working days needs the holiday calendar, so the answered
opinions (most of the confirmed ones) were read row by row anyway; a grouped aggregate for the
counts beside them cost a second round trip for what a pass over the same rows gives."""

import datetime
import statistics
from collections import defaultdict
from dataclasses import dataclass

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


ACCEPTED_VALUES = frozenset(str(state) for state in ACCEPTED_STATES)
OPEN_VALUES = frozenset(str(state) for state in OPEN_STATES)
SATISFIED_VALUES = frozenset((str(Rating.SATISFIED), str(Rating.BASICALLY)))


# Compiled once per process (home.prepared): the station page asks it on every request.
@prepared
def _confirmed_rows(station_ids):
    return Opinion.objects.filter(station__in=station_ids, number__isnull=False).values_list(
        "station", "status", "rating", "due_date", "confirmed_at", "first_answered_at"
    )


def figures_for(stations, today=None) -> dict[int, Figures]:
    """The figures of every station in `stations` (pages or ids), keyed by station id: one
    query, whatever their number."""
    today = today or timezone.localdate()
    ids = [getattr(station, "pk", station) for station in stations]
    counts = defaultdict(lambda: [0, 0, 0, 0, 0, 0])  # received accepted answered rated ...
    intervals = defaultdict(list)
    for station, status, rating, due, confirmed, first_answer in _confirmed_rows(ids):
        row = counts[station]
        row[0] += 1
        if status in ACCEPTED_VALUES:
            row[1] += 1
        if first_answer is not None:
            row[2] += 1
            intervals[station].append(
                working_days_between(
                    timezone.localdate(confirmed), timezone.localdate(first_answer)
                )
            )
        if rating:
            row[3] += 1
            if rating in SATISFIED_VALUES:
                row[4] += 1
        if status in OPEN_VALUES and due is not None and due < today:
            row[5] += 1
    result = {}
    for pk in ids:
        received, accepted, answered, rated, satisfied, overdue = counts.get(pk, (0,) * 6)
        result[pk] = Figures(
            received=received,
            accepted=accepted,
            answered=answered,
            median_days_to_answer=(statistics.median(intervals[pk]) if intervals.get(pk) else None),
            satisfied_share=satisfied / rated if rated else None,
            overdue=overdue,
            as_of=today,
        )
    return result


def station_figures(station, today=None) -> Figures:
    return figures_for([station], today)[station.pk]
