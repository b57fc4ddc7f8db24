"""The roster import in the Wagtail admin: upload, read the dry-run report, then apply."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from home.import_views import import_view

from .importer import RosterImporter, read_tables

UPLOAD_DIR = "roster-imports"


def export_roster_view(request):
    if not can_import(request.user):
        raise PermissionDenied
    from django.http import HttpResponse

    from home.spreadsheets import XLSX_CONTENT_TYPE

    from .exporter import export_xlsx

    response = HttpResponse(export_xlsx(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="roster.xlsx"'
    return response


def can_import(user):
    return user.is_active and user.has_perm("delegates.import_roster")


def _run(data, filename, apply, user):
    return RosterImporter(read_tables(data, filename), user=user).run(apply=apply)


def import_roster_view(request):
    if not can_import(request.user):
        raise PermissionDenied
    return import_view(
        request,
        run=_run,
        url_name="delegates_import",
        template="delegates/admin/import.html",
        upload_dir=UPLOAD_DIR,
        context={"import_title": _("导入代表和联络站名册")},
        file_label=_("名册文件"),
        file_help=_(
            "CSV 或 Excel（.xlsx）文件。Excel 文件可包含多个工作表："
            "联络站、代表、进站代表、接访安排。"
        ),
    )
