"""Import a session's suggestions (代表建议/议案) from an XLSX file (motions/importer.py)."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from home.imports import write_report
from motions.importer import ImportFileError, import_suggestions
from motions.permissions import can_manage_suggestions


class Command(BaseCommand):
    help = (
        "Import suggestions from an XLSX file in one transaction (all rows or none). "
        "--dry-run reports per-row errors and what would change, and writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="XLSX file (the template of the admin's import page)")
        parser.add_argument("--dry-run", action="store_true", help="Validate only.")
        parser.add_argument(
            "--user",
            help=(
                "Import as this user: what they may publish is published. Without it the "
                "import acts as the system and submits every change for review."
            ),
        )
        parser.add_argument(
            "--submit",
            action="store_true",
            help="Submit every change for review even when the user may publish.",
        )

    def handle(self, *args, file, dry_run, user=None, submit=False, **options):
        acting = None
        if user:
            User = get_user_model()
            acting = User.objects.filter(**{User.USERNAME_FIELD: user}, is_active=True).first()
            if acting is None:
                raise CommandError(f"找不到用户：{user}")
            if not can_manage_suggestions(acting):
                raise CommandError(f"用户 {user} 没有导入代表建议的权限。")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"找不到文件：{file}")
        try:
            report = import_suggestions(
                path.read_bytes(), path.name, apply=not dry_run, user=acting, publish=not submit
            )
        except ImportFileError as exc:
            raise CommandError(str(exc)) from exc
        write_report(self, report)
        if dry_run:
            self.stdout.write(f"试运行：将有 {report.changes} 项变更。去掉 --dry-run 正式导入。")
        else:
            self.stdout.write(self.style.SUCCESS(f"已导入，共 {report.changes} 项变更。"))
