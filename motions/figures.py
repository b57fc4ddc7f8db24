"""A handling body's record on delegates' suggestions (承办单位办理情况): how many it handles
(as 主办 or 协办), how many are answered, answered on time (by the 办理期限), overdue now, and
the shares of the delegates' ratings. Only visible suggestions count (home/visibility.py).

For any number of bodies: one grouped aggregate query."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Q
from django.utils import timezone

from .models import BodyRole, Satisfaction, SuggestionBody, SuggestionPage


@dataclass
class BodyFigures:
    total: int
    lead: int
    answered: int
    on_time: int
    overdue: int
    rated: int
    satisfied: int
    basically: int
    unsatisfied: int
    as_of: datetime.date

    # Shares in percent (one decimal), None when there is nothing to divide by.
    def _share(self, count):
        return round(100 * count / self.rated, 1) if self.rated else None

    @property
    def on_time_share(self):
        return round(100 * self.on_time / self.answered, 1) if self.answered else None

    @property
    def satisfied_share(self):
        return self._share(self.satisfied)

    @property
    def basically_share(self):
        return self._share(self.basically)

    @property
    def unsatisfied_share(self):
        return self._share(self.unsatisfied)


def figures_for(bodies, today=None) -> dict[int, BodyFigures]:
    """The figures of every body in `bodies` (HandlingBody rows or ids), keyed by id."""
    today = today or timezone.localdate()
    ids = [getattr(body, "pk", body) for body in bodies]
    visible = SuggestionPage.objects.visible().values("pk")
    rows = {
        row["body"]: row
        for row in SuggestionBody.objects.filter(body__in=ids, suggestion__in=visible)
        .values("body")
        .order_by()
        .annotate(
            total=Count("suggestion", distinct=True),
            lead=Count("suggestion", distinct=True, filter=Q(role=BodyRole.LEAD)),
            answered=Count(
                "suggestion", distinct=True, filter=Q(suggestion__answered_on__isnull=False)
            ),
            on_time=Count(
                "suggestion",
                distinct=True,
                filter=Q(suggestion__answered_on__isnull=False)
                & (
                    Q(suggestion__due_on__isnull=True)
                    | Q(suggestion__answered_on__lte=F("suggestion__due_on"))
                ),
            ),
            overdue=Count(
                "suggestion",
                distinct=True,
                filter=Q(suggestion__answered_on__isnull=True, suggestion__due_on__lt=today),
            ),
            rated=Count("suggestion", distinct=True, filter=~Q(suggestion__satisfaction="")),
            satisfied=Count(
                "suggestion",
                distinct=True,
                filter=Q(suggestion__satisfaction=Satisfaction.SATISFIED),
            ),
            basically=Count(
                "suggestion",
                distinct=True,
                filter=Q(suggestion__satisfaction=Satisfaction.BASICALLY),
            ),
            unsatisfied=Count(
                "suggestion",
                distinct=True,
                filter=Q(suggestion__satisfaction=Satisfaction.UNSATISFIED),
            ),
        )
    }
    fields = [f for f in BodyFigures.__dataclass_fields__ if f != "as_of"]
    return {
        pk: BodyFigures(**{f: rows.get(pk, {}).get(f, 0) for f in fields}, as_of=today)
        for pk in ids
    }


def body_figures(body, today=None) -> BodyFigures:
    return figures_for([body], today)[body.pk]
