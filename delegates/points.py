"""Performance points (履职积分): computed from the published rule table at read time.

Nothing is stored: changing a rule changes every score. For any number of delegates the
computation is one query — the record counts grouped by delegate and kind — and the rules,
which every page that shows points shares (saving a rule purges them with every page)."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Max, Q

from home.prepared import prepared

from .choices import RecordKind

# The kinds of record with their (lazy) labels, listed once: RecordKind.choices builds the
# list again at every access, and every score walks it.
KIND_CHOICES = tuple(RecordKind.choices)


@dataclass
class KindScore:
    kind: str
    label: str
    count: int
    points_each: Decimal
    cap: Decimal | None
    points: Decimal

    @property
    def capped(self) -> bool:
        return self.cap is not None and self.count * self.points_each > self.cap


@dataclass
class Score:
    year: int
    total: Decimal = Decimal("0")
    breakdown: list[KindScore] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        return {item.kind: item.count for item in self.breakdown}

    @property
    def record_count(self) -> int:
        return sum(item.count for item in self.breakdown)


def load_rules():
    """{kind: PointsRule}, shared until the next site-wide purge (delegates/cache.py purges
    everything when a rule is saved or deleted)."""
    from home.cache import shared

    return shared("delegates:points-rules", _read_rules)


def _read_rules():
    from .models import PointsRule
    from .models.common import all_rows

    return {rule.kind: rule for rule in all_rows(PointsRule)}


def scores_for(delegate_ids, year: int, rules=None) -> dict[int, Score]:
    """{delegate_id: Score} for the given year; delegates without records score zero."""
    from .models import PerformanceRecord

    delegate_ids = list(delegate_ids)
    rules = load_rules() if rules is None else rules
    counts = defaultdict(dict)
    if delegate_ids:
        rows = (
            PerformanceRecord.objects.filter(delegate_id__in=delegate_ids, date__year=year)
            .values("delegate_id", "kind")
            .annotate(n=Count("id"))
            .order_by()
        )
        for row in rows:
            counts[row["delegate_id"]][row["kind"]] = row["n"]
    return {pk: score_from_counts(counts.get(pk, {}), year, rules) for pk in delegate_ids}


def scores_and_latest(delegate_ids, year: int, rules=None):
    """`scores_for`, and {delegate_id: the date of their newest record of any year} (delegates
    with records only), from the same one query: the station page shows the scores and dates
    its 代表履职情况 disclosure by the newest record."""

    delegate_ids = list(delegate_ids)
    rules = load_rules() if rules is None else rules
    counts = defaultdict(dict)
    latest = {}
    if delegate_ids:
        rows = _counts_and_latest(
            delegate_ids, datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        )
        for row in rows:
            pk = row["delegate_id"]
            if row["n"]:
                counts[pk][row["kind"]] = row["n"]
            latest[pk] = max(row["last"], latest.get(pk, row["last"]))
    scores = {pk: score_from_counts(counts.get(pk, {}), year, rules) for pk in delegate_ids}
    return scores, latest


@prepared
def _counts_and_latest(delegate_ids, first_day, last_day):
    """Per delegate and kind: the records of the year (first_day…last_day) and the date of
    the newest record of any year."""
    from .models import PerformanceRecord

    return (
        PerformanceRecord.objects.filter(delegate_id__in=delegate_ids)
        .values("delegate_id", "kind")
        .annotate(
            n=Count("id", filter=Q(date__gte=first_day, date__lte=last_day)), last=Max("date")
        )
        .order_by()
    )


def score_from_counts(counts: dict[str, int], year: int, rules) -> Score:
    score = Score(year=year)
    for kind, label in KIND_CHOICES:
        count = counts.get(kind, 0)
        rule = rules.get(kind)
        each = rule.points if rule else Decimal("0")
        cap = rule.yearly_cap if rule else None
        points = each * count
        if cap is not None:
            points = min(points, cap)
        score.breakdown.append(KindScore(kind, label, count, each, cap, points))
        score.total += points
    return score
