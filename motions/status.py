"""The one rule for a suggestion's status, derived from its milestones.

已提出 → 已交办 → 已答复 → 已测评 → 已办结: the latest milestone set decides; a suggestion not
yet answered whose deadline (办理期限) has passed is 超期. The same ordered rule gives the Python
value for one suggestion (`status_of`) and the SQL annotation for a list (`status_expression`)."""

import datetime

from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("已提出")
    ASSIGNED = "assigned", _("已交办")
    OVERDUE = "overdue", _("超期")
    ANSWERED = "answered", _("已答复")
    RATED = "rated", _("已测评")
    CLOSED = "closed", _("已办结")


def _overdue(today: datetime.date) -> Q:
    return Q(answered_on__isnull=True, due_on__isnull=False, due_on__lt=today)


def _rule(today: datetime.date):
    """(status, condition) in the order they are tried; the first that holds wins."""
    return [
        (Status.CLOSED, Q(closed_on__isnull=False)),
        (Status.RATED, Q(rated_on__isnull=False)),
        (Status.ANSWERED, Q(answered_on__isnull=False)),
        (Status.OVERDUE, _overdue(today)),
        (Status.ASSIGNED, Q(assigned_on__isnull=False)),
    ]


def _holds(condition: Q, obj) -> bool:
    """Evaluate a Q of ANDed `field__isnull` / `field__lt` lookups on an instance."""
    for lookup, expected in condition.children:
        field, op = lookup.rsplit("__", 1)
        value = getattr(obj, field)
        if op == "isnull":
            if (value is None) != expected:
                return False
        elif op == "lt":
            if value is None or not value < expected:
                return False
        else:  # pragma: no cover - the rule uses only these two lookups
            raise ValueError(lookup)
    return True


def status_of(suggestion, today: datetime.date | None = None) -> Status:
    today = today or timezone.localdate()
    for status, condition in _rule(today):
        if _holds(condition, suggestion):
            return status
    return Status.SUBMITTED


def status_expression(today: datetime.date | None = None) -> Case:
    today = today or timezone.localdate()
    return Case(
        *(When(condition, then=Value(status.value)) for status, condition in _rule(today)),
        default=Value(Status.SUBMITTED.value),
        output_field=models.CharField(max_length=12),
    )
