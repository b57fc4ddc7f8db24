"""Delete the personal data of bookings whose session ended long enough ago (run daily)."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from appointments.models import Appointment, AppointmentContact


class Command(BaseCommand):
    help = (
        "Delete the name, contact and topic of 约访 bookings whose session ended more than "
        "APPOINTMENTS_RETENTION_DAYS ago, as the privacy notice promises (idempotent). The "
        "bookings stay, without personal data, for the station's figures."
    )

    def handle(self, *args, **options):
        cutoff = timezone.now() - datetime.timedelta(days=settings.APPOINTMENTS_RETENTION_DAYS)
        with transaction.atomic():
            contacts, _by_model = AppointmentContact.objects.filter(
                appointment__session__end__lt=cutoff
            ).delete()
            topics = (
                Appointment.objects.filter(session__end__lt=cutoff)
                .exclude(topic="")
                .update(topic="")
            )
        self.stdout.write(f"已删除 {contacts} 位预约人的个人信息，清除 {topics} 条预约事由。")
