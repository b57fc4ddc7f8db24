"""Delete the personal data of senders whose opinions finished long enough ago (run daily)."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from voices import workflow
from voices.choices import Status
from voices.models import Opinion


class Command(BaseCommand):
    help = (
        "Anonymise the senders of opinions finished (办结, 不予受理, 已合并) more than "
        "VOICES_RETENTION_DAYS ago, as the privacy notice promises (idempotent)."
    )

    def handle(self, *args, **options):
        cutoff = timezone.now() - datetime.timedelta(days=settings.VOICES_RETENTION_DAYS)
        due = Opinion.objects.filter(
            status__in=(Status.CLOSED, Status.DECLINED, Status.MERGED),
            closed_at__lt=cutoff,
            sender__anonymised_at__isnull=True,
        )
        count = 0
        for opinion in due.select_related("sender").iterator():
            workflow.anonymise_sender(opinion)
            count += 1
        self.stdout.write(f"已删除 {count} 位来信人的个人信息。")
