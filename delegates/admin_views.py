"""The roster import in the Wagtail admin: upload, read the dry-run report, then apply."""

import uuid

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .importer import ImportFileError, RosterImporter, read_tables

UPLOAD_DIR = "roster-imports"
MAX_BYTES = 5 * 1024 * 1024


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("名册文件"),
        help_text=_(
            "CSV 或 Excel（.xlsx）文件。Excel 文件可包含多个工作表："
            "联络站、代表、进站代表、接访安排。"
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("只支持 .csv 和 .xlsx 文件。"))
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("文件不能超过 5 MB。"))
        return upload


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


def _stored_path(token, suffix):
    return f"{UPLOAD_DIR}/{token}{suffix}"


def import_roster_view(request):
    if not can_import(request.user):
        raise PermissionDenied
    context = {"form": UploadForm(), "report": None}
    if request.method == "POST" and request.POST.get("token"):
        token, suffix = request.POST["token"], request.POST.get("suffix", "")
        try:
            uuid.UUID(token)
        except ValueError as exc:
            raise PermissionDenied from exc
        if suffix not in (".csv", ".xlsx"):
            raise PermissionDenied
        path = _stored_path(token, suffix)
        if not default_storage.exists(path):
            messages.error(request, _("上传的文件已失效，请重新上传。"))
            return redirect("delegates_import")
        with default_storage.open(path, "rb") as handle:
            data = handle.read()
        try:
            report = RosterImporter(read_tables(data, path), user=request.user).run(apply=True)
        except ImportFileError as exc:
            messages.error(request, str(exc))
            return redirect("delegates_import")
        if report.ok:
            default_storage.delete(path)
            messages.success(request, _("导入完成，共 %(n)s 项变更。") % {"n": report.changes})
            context["report"] = report
            context["applied"] = True
        else:
            context.update(report=report, token=token, suffix=suffix)
    elif request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        context["form"] = form
        if form.is_valid():
            upload = form.cleaned_data["file"]
            data = upload.read()
            suffix = "." + upload.name.rsplit(".", 1)[-1].lower()
            try:
                report = RosterImporter(read_tables(data, upload.name), user=request.user).run(
                    apply=False
                )
            except ImportFileError as exc:
                form.add_error("file", str(exc))
            else:
                context.update(report=report, filename=upload.name)
                if report.ok and report.changes:
                    token = uuid.uuid4().hex
                    default_storage.save(_stored_path(token, suffix), ContentFile(data))
                    context.update(token=token, suffix=suffix)
    context["action"] = reverse("delegates_import")
    return TemplateResponse(request, "delegates/admin/import.html", context)
