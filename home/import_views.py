"""The upload admin view every spreadsheet import shares (home/imports.py): upload a file, read
the dry-run report, then confirm to apply the same file. The file waits in storage between the
two steps under a random token; options the upload form adds (e.g. publish or submit for review)
travel with the confirmation as hidden fields and are validated again."""

import uuid

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from .imports import ImportFileError

MAX_BYTES = 5 * 1024 * 1024


class UploadForm(forms.Form):
    """A file field (label and help text per import) plus whatever options a subclass adds."""

    suffixes = (".csv", ".xlsx")

    def __init__(self, *args, file_label="", file_help="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {
            "file": forms.FileField(label=file_label, help_text=file_help),
            **self.fields,
        }

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(self.suffixes):
            if ".csv" in self.suffixes:
                raise forms.ValidationError(_("只支持 .csv 和 .xlsx 文件。"))
            raise forms.ValidationError(_("只支持 .xlsx 文件。"))
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("文件不能超过 5 MB。"))
        return upload

    def options(self):
        return {k: v for k, v in self.cleaned_data.items() if k != "file"}


def import_view(
    request,
    *,
    run,
    url_name,
    template,
    upload_dir,
    form_class=UploadForm,
    file_label="",
    file_help="",
    context=None,
):
    """`run(data, filename, apply, user, **options)` returns an ImportReport or raises
    ImportFileError. The caller checks the permission first."""
    form_kwargs = {"file_label": file_label, "file_help": file_help}
    page = {"form": form_class(**form_kwargs), "report": None, **(context or {})}
    if request.method == "POST" and request.POST.get("token"):
        token, suffix = request.POST["token"], request.POST.get("suffix", "")
        try:
            uuid.UUID(token)
        except ValueError as exc:
            raise PermissionDenied from exc
        if suffix not in form_class.suffixes:
            raise PermissionDenied
        options_form = form_class(request.POST, **form_kwargs)
        del options_form.fields["file"]
        if not options_form.is_valid():
            raise PermissionDenied
        path = f"{upload_dir}/{token}{suffix}"
        if not default_storage.exists(path):
            messages.error(request, _("上传的文件已失效，请重新上传。"))
            return redirect(url_name)
        with default_storage.open(path, "rb") as handle:
            data = handle.read()
        try:
            report = run(data, path, apply=True, user=request.user, **options_form.options())
        except ImportFileError as exc:
            messages.error(request, str(exc))
            return redirect(url_name)
        if report.ok:
            default_storage.delete(path)
            messages.success(request, _("导入完成，共 %(n)s 项变更。") % {"n": report.changes})
            page["report"] = report
            page["applied"] = True
        else:
            page.update(report=report, token=token, suffix=suffix)
            page["options"] = options_form.options()
    elif request.method == "POST":
        form = form_class(request.POST, request.FILES, **form_kwargs)
        page["form"] = form
        if form.is_valid():
            upload = form.cleaned_data["file"]
            data = upload.read()
            suffix = "." + upload.name.rsplit(".", 1)[-1].lower()
            try:
                report = run(data, upload.name, apply=False, user=request.user, **form.options())
            except ImportFileError as exc:
                form.add_error("file", str(exc))
            else:
                page.update(report=report, filename=upload.name)
                if report.ok and report.changes:
                    token = uuid.uuid4().hex
                    default_storage.save(f"{upload_dir}/{token}{suffix}", ContentFile(data))
                    page.update(token=token, suffix=suffix, options=form.options())
    page["action"] = reverse(url_name)
    return TemplateResponse(request, template, page)
