"""The daily 督办 run: reminders before and after due dates, and closing unrated answers."""

from django.core.management.base import BaseCommand

from voices.office import auto_close_unrated, send_reminders


class Command(BaseCommand):
    help = (
        "Send 督办 reminders to handling bodies and station liaisons (VOICES_REMIND_BEFORE_DAYS "
        "working days before the due date, when overdue, then weekly) and close answered "
        "opinions not rated within VOICES_AUTO_CLOSE_WORKING_DAYS working days. Idempotent: "
        "each reminder stage is sent once per assignment."
    )

    def handle(self, *args, **options):
        counts = send_reminders()
        closed = auto_close_unrated()
        self.stdout.write(
            f"督办提醒：发送 {counts['sent']} 件，已发过 {counts['already']} 件，"
            f"无收件人 {counts['unaddressed']} 件；自动办结 {closed} 件。"
        )
