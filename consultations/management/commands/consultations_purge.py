"""Delete commenters' contacts once their consultation closed long enough ago (run daily)."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from consultations.choices import CommentStatus
from consultations.models import Comment, beijing_today


class Command(BaseCommand):
    help = (
        "Delete the contact (e-mail or mobile) and address hash of comments on consultations "
        "that closed more than CONSULTATIONS_RETENTION_DAYS ago, as the privacy notice "
        "promises; unconfirmed comments of those consultations are deleted (idempotent). The "
        "comments themselves stay, for the legislative record."
    )

    def handle(self, *args, **options):
        cutoff = beijing_today() - datetime.timedelta(days=settings.CONSULTATIONS_RETENTION_DAYS)
        old = Comment.objects.filter(consultation__closes_on__lt=cutoff)
        with transaction.atomic():
            unconfirmed, _by_model = old.filter(status=CommentStatus.PENDING).delete()
            purged = old.filter(~Q(contact="") | ~Q(ip_hash="")).update(
                contact="", ip_hash="", confirm_token_hash="", contact_purged_at=timezone.now()
            )
        self.stdout.write(f"已删除 {purged} 条意见的联系方式，删除 {unconfirmed} 条未确认的意见。")
