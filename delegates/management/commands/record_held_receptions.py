"""Record 接访 for delegates on duty at receptions that have ended (run periodically)."""

from django.core.management.base import BaseCommand

from delegates.records import record_all, record_held_receptions


class Command(BaseCommand):
    help = (
        "Add a 接访 performance record for each delegate on duty at every held reception "
        "(idempotent; run from a timer). --all also re-checks published duty reports."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--all", action="store_true", help="Also record published duty reports (述职)."
        )

    def handle(self, *args, all=False, **options):
        created = record_all() if all else record_held_receptions()
        self.stdout.write(f"新增履职记录 {created} 条。")
