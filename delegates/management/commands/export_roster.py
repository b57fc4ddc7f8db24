"""Write the roster (stations, delegates, memberships, receptions) as an importable XLSX."""

from pathlib import Path

from django.core.management.base import BaseCommand

from delegates.exporter import export_xlsx


class Command(BaseCommand):
    help = "Export the roster as an XLSX file in the format import_roster reads."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Where to write the .xlsx file")

    def handle(self, *args, file, **options):
        Path(file).write_bytes(export_xlsx())
        self.stdout.write(f"已导出名册：{file}")
