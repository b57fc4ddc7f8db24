"""Remind residents the day before the session they booked (run daily by a timer)."""

import datetime

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from appointments.mail import REMINDER
from appointments.models import Appointment
from appointments.tasks import queue_mail
from delegates.models import ReceptionSession


class Command(BaseCommand):
    help = (
        "E-mail a reminder to everyone with an active booking for a session that starts "
        "tomorrow (local time). Idempotent: each booking is reminded once."
    )

    def handle(self, *args, **options):
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        sessions = ReceptionSession.objects.visible().filter(start__date=tomorrow)
        due = Appointment.objects.active().filter(
            session__in=sessions, reminded_at__isnull=True, contact__email__gt=""
        )
        count = 0
        for pk in due.values_list("pk", flat=True):
            with transaction.atomic():
                # Claim the booking first: a second run (or a parallel one) skips it.
                claimed = Appointment.objects.filter(pk=pk, reminded_at__isnull=True).update(
                    reminded_at=timezone.now()
                )
                if claimed:
                    queue_mail(Appointment(pk=pk), REMINDER)
                    count += claimed
        self.stdout.write(f"已发送 {count} 条约访提醒。")
