"""The congress office's side of the loop: who is told about an opinion (the station's liaisons,
the handling body), 督办 reminders around the due date, and closing answers nobody rates.

`voices_remind` (run daily, voices/management/commands) calls `send_reminders` and
`auto_close_unrated`; both are idempotent. Mails go through the task queue after the commit
(voices/tasks.py) and never contain the sender's name or contacts."""

import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from delegates.liaisons import PREFIX

from .choices import EventKind, Status
from .models import OPEN_STATES, Opinion, OpinionEvent, OpinionReminder
from .workdays import working_days_between

logger = logging.getLogger(__name__)

BEFORE = "before"
OVERDUE = "overdue"


def liaison_addresses(station_ids) -> list[str]:
    """E-mail addresses of the active members of these stations' liaison groups."""
    users = get_user_model().objects.filter(
        is_active=True,
        groups__name__startswith=PREFIX,
        groups__page_permissions__page__in=list(station_ids),
    )
    return list(
        users.exclude(email="").values_list("email", flat=True).distinct().order_by("email")
    )


def reminder_recipients(opinion: Opinion) -> list[str]:
    """The handling body's contact address and the liaisons of the opinion's station and of
    the assigned delegate's stations."""
    station_ids = {opinion.station_id} - {None}
    if opinion.assigned_delegate_id:
        station_ids |= set(
            opinion.assigned_delegate.memberships.values_list("station_id", flat=True)
        )
    addresses = liaison_addresses(station_ids)
    body = opinion.handling_body
    if body is not None and body.contact_email and body.contact_email not in addresses:
        addresses.insert(0, body.contact_email)
    return addresses


def reminder_stage(due_date, today) -> str | None:
    """Which reminder is due today: `before` within VOICES_REMIND_BEFORE_DAYS working days of
    the due date (the due date included), `overdue` from the day after it, then `overdue-1w`,
    `overdue-2w` … each further week while it stays overdue; None otherwise."""
    if today <= due_date:
        if working_days_between(today, due_date) <= settings.VOICES_REMIND_BEFORE_DAYS:
            return BEFORE
        return None
    weeks = ((today - due_date).days - 1) // 7
    return OVERDUE if weeks == 0 else f"{OVERDUE}-{weeks}w"


def _with_assignment(opinions):
    latest = (
        OpinionEvent.objects.filter(opinion=OuterRef("pk"), kind=EventKind.ASSIGNED)
        .order_by("-created_at", "-pk")
        .values("pk")[:1]
    )
    return opinions.annotate(assignment_id=Subquery(latest))


def send_reminders(today=None) -> dict[str, int]:
    """Record and queue today's reminder of every open assignment that has one due and not yet
    sent. Returns counts: sent, already (sent before), unaddressed (nobody to send it to)."""
    from .tasks import enqueue_with_the_change, send_reminder_mail

    today = today or timezone.localdate()
    counts = {"sent": 0, "already": 0, "unaddressed": 0}
    opinions = _with_assignment(
        Opinion.objects.filter(status__in=OPEN_STATES, due_date__isnull=False)
    ).select_related("handling_body", "assigned_delegate")
    for opinion in list(opinions.order_by("due_date", "pk")):
        stage = reminder_stage(opinion.due_date, today)
        if stage is None or opinion.assignment_id is None:
            continue
        if OpinionReminder.objects.filter(
            assignment_id=opinion.assignment_id, stage=stage
        ).exists():
            counts["already"] += 1
            continue
        recipients = reminder_recipients(opinion)
        if not recipients:
            logger.warning("voices: no address for the %s reminder of %s", stage, opinion.number)
            counts["unaddressed"] += 1
            continue
        try:
            with transaction.atomic():
                reminder = OpinionReminder.objects.create(
                    assignment_id=opinion.assignment_id,
                    stage=stage,
                    recipients="\n".join(recipients),
                )
                enqueue_with_the_change(send_reminder_mail, reminder.pk)
        except IntegrityError:  # recorded by a concurrent run
            counts["already"] += 1
            continue
        counts["sent"] += 1
    return counts


def unrated_to_close(today=None):
    """Answered opinions whose sender let the rating period pass (Opinion.rating_deadline)."""
    days = settings.VOICES_AUTO_CLOSE_WORKING_DAYS
    if days < 1:
        return []
    today = today or timezone.localdate()
    # n working days span at least n calendar days: a cheap filter before the exact check.
    latest = timezone.now() - datetime.timedelta(days=days)
    candidates = Opinion.objects.filter(status=Status.ANSWERED, answered_at__lte=latest)
    return [o for o in candidates.order_by("answered_at") if o.rating_deadline < today]


def auto_close_unrated(today=None) -> int:
    from . import workflow

    closed = 0
    for opinion in unrated_to_close(today):
        try:
            workflow.auto_close(opinion)
        except workflow.TransitionError:  # rated in the meantime
            continue
        closed += 1
    return closed
