"""Import stations, delegates, memberships and receptions from CSV or XLSX files."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from delegates.importer import ImportFileError, RosterImporter, read_tables
from home.imports import write_report


class Command(BaseCommand):
    help = (
        "Import a roster (CSV or XLSX). --dry-run (the default) reports per-row errors and "
        "what would change; --apply writes everything in one transaction."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help="CSV or XLSX files")
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument("--dry-run", action="store_true", help="Validate only (default).")
        mode.add_argument("--apply", action="store_true", help="Write the changes.")
        parser.add_argument(
            "--user",
            help=(
                "Import as this user: pages they may publish are published. Without it the "
                "import acts as the system and submits every change for review."
            ),
        )

    def handle(self, *args, files, apply, dry_run, user=None, **options):
        acting = None
        if user:
            User = get_user_model()
            acting = User.objects.filter(**{User.USERNAME_FIELD: user}, is_active=True).first()
            if acting is None:
                raise CommandError(f"找不到用户：{user}")
            if not acting.has_perm("delegates.import_roster"):
                raise CommandError(f"用户 {user} 没有导入名册的权限。")
        tables = []
        try:
            for name in files:
                path = Path(name)
                if not path.is_file():
                    raise CommandError(f"找不到文件：{name}")
                tables += read_tables(path.read_bytes(), path.name)
            report = RosterImporter(tables, user=acting).run(apply=apply)
        except ImportFileError as exc:
            raise CommandError(str(exc)) from exc
        write_report(self, report)
        if apply:
            self.stdout.write(self.style.SUCCESS(f"已导入，共 {report.changes} 项变更。"))
        else:
            self.stdout.write(f"试运行：将有 {report.changes} 项变更。加 --apply 正式导入。")
