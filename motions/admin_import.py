"""Admin: the suggestion import (/admin/motions/import/, its template XLSX) and the bulk
milestone editor (/admin/motions/milestones/, its XLSX export). Only users with the page
permissions on the suggestion list (motions/permissions.py) reach them; hooks registered here
are loaded by motions/wagtail_hooks.py."""

import datetime

from django import forms
from django.contrib import messages
from django.http import HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from home.import_views import UploadForm, import_view
from home.spreadsheets import XLSX_CONTENT_TYPE, xlsx_bytes

from .importer import SHEET, import_suggestions, template_rows
from .milestones import MILESTONES, MilestoneEditor, export_rows, suggestions
from .models import CongressSession, Satisfaction, SuggestionPage
from .permissions import can_manage_suggestions, can_publish_suggestions
from .status import Status

PUBLISH_CHOICES = [
    ("publish", gettext_lazy("直接发布（有发布权限时）")),
    ("submit", gettext_lazy("提交审核，审核通过后发布")),
]


def _denied(request):
    """A plain 403 for users without the page permissions (Wagtail would turn PermissionDenied
    into a redirect to the dashboard)."""
    if not can_manage_suggestions(request.user):
        return HttpResponseForbidden(_("没有导入或批量修改代表建议的权限。"))
    return None


# Import -------------------------------------------------------------------------------------


class SuggestionUploadForm(UploadForm):
    suffixes = (".xlsx",)


class PublisherUploadForm(SuggestionUploadForm):
    mode = forms.ChoiceField(
        label=gettext_lazy("导入后"),
        choices=PUBLISH_CHOICES,
        initial="publish",
        widget=forms.RadioSelect,
    )


def _run(data, filename, apply, user, mode="submit"):
    return import_suggestions(data, filename, apply=apply, user=user, publish=mode == "publish")


def import_suggestions_view(request):
    if denied := _denied(request):
        return denied
    return import_view(
        request,
        run=_run,
        url_name="motions_import",
        template="motions/admin/import.html",
        upload_dir="suggestion-imports",
        form_class=(
            PublisherUploadForm if can_publish_suggestions(request.user) else SuggestionUploadForm
        ),
        file_label=_("代表建议文件"),
        file_help=_("Excel（.xlsx）文件，第一行为表头，请使用导入模板。"),
        context={"import_title": _("导入代表建议")},
    )


def import_template_view(request):
    if denied := _denied(request):
        return denied
    response = HttpResponse(xlsx_bytes({SHEET: template_rows()}), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="suggestions-template.xlsx"'
    return response


# Bulk milestones ----------------------------------------------------------------------------


class FilterForm(forms.Form):
    session = forms.ModelChoiceField(
        CongressSession.objects.all(), label=gettext_lazy("会议"), required=False
    )
    status = forms.ChoiceField(
        label=gettext_lazy("办理状态"),
        choices=[("", gettext_lazy("全部"))] + Status.choices,
        required=False,
    )
    body = forms.ModelChoiceField(
        None, label=gettext_lazy("承办单位"), required=False, empty_label=gettext_lazy("全部")
    )

    def __init__(self, *args, **kwargs):
        from voices.models import HandlingBody

        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = HandlingBody.objects.all()
        self.fields["session"].empty_label = None

    def queryset(self):
        data = self.cleaned_data if self.is_valid() else {}
        session = data.get("session") or CongressSession.objects.first()
        return session, suggestions(session, data.get("status"), data.get("body"))


class MilestoneRowForm(forms.Form):
    assigned_on = forms.DateField(label=gettext_lazy("交办日期"), required=False)
    due_on = forms.DateField(label=gettext_lazy("办理期限"), required=False)
    answered_on = forms.DateField(label=gettext_lazy("答复日期"), required=False)
    rated_on = forms.DateField(label=gettext_lazy("测评日期"), required=False)
    satisfaction = forms.ChoiceField(
        label=gettext_lazy("满意度"),
        choices=[("", "—")] + Satisfaction.choices,
        required=False,
    )
    closed_on = forms.DateField(label=gettext_lazy("办结日期"), required=False)

    def changes(self, page):
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if (getattr(page, name) or None) != (value or None)
        }


class BulkForm(forms.Form):
    milestone = forms.ChoiceField(
        label=gettext_lazy("办理环节"),
        choices=[(name, SuggestionPage._meta.get_field(name).verbose_name) for name in MILESTONES],
    )
    date = forms.DateField(
        label=gettext_lazy("日期"), widget=forms.DateInput(attrs={"type": "date"})
    )


class ModeForm(forms.Form):
    mode = forms.ChoiceField(
        label=gettext_lazy("保存后"),
        choices=PUBLISH_CHOICES,
        initial="publish",
        widget=forms.RadioSelect,
    )


def _row_forms(pages, data=None):
    rows = []
    for page in pages:
        initial = {name: getattr(page, name) for name in MilestoneRowForm.base_fields}
        form = MilestoneRowForm(data, prefix=f"s{page.pk}", initial=initial)
        for field in form.fields.values():
            if isinstance(field, forms.DateField):
                field.widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        held = page.has_unpublished_changes or page.locked
        rows.append({"page": page, "form": form, "held": held})
    return rows


def milestones_view(request):
    if denied := _denied(request):
        return denied
    filters = FilterForm(request.GET or None)
    session, queryset = filters.queryset()
    pages = list(queryset) if session is not None else []
    may_publish = can_publish_suggestions(request.user)
    context = {
        "filters": filters,
        "session": session,
        "bulk_form": BulkForm(),
        "mode_form": ModeForm() if may_publish else None,
        "query": request.GET.urlencode(),
        "export_url": reverse("motions_milestones_export") + "?" + request.GET.urlencode(),
    }
    if request.method == "POST":
        rows = _row_forms(pages, request.POST)
        mode = ModeForm(request.POST) if may_publish else None
        publish = bool(mode and mode.is_valid() and mode.cleaned_data["mode"] == "publish")
        changes, problems = _changes(request, pages, rows, context)
        if not problems and not changes:
            problems.append(_("没有需要保存的修改。"))
        if not problems:
            report = MilestoneEditor(request.user, publish=publish).save(changes)
            if report.applied:
                _report_saved(request, report)
                return redirect(reverse("motions_milestones") + "?" + request.GET.urlencode())
            problems = [f"{e.table}：{e.message}" for e in report.errors]
        context.update(rows=rows, problems=problems)
        if mode is not None:
            context["mode_form"] = mode
        return TemplateResponse(request, "motions/admin/milestones.html", context, status=400)
    context["rows"] = _row_forms(pages)
    return TemplateResponse(request, "motions/admin/milestones.html", context)


def _changes(request, pages, rows, context):
    """{page pk: {field: value}} from the row inputs ("save") or the bulk form ("bulk")."""
    problems = []
    if request.POST.get("action") == "bulk":
        bulk = BulkForm(request.POST)
        context["bulk_form"] = bulk
        selected = {int(pk) for pk in request.POST.getlist("selected") if pk.isdigit()}
        chosen = [page for page in pages if page.pk in selected]
        if not chosen:
            problems.append(_("请至少选择一件建议。"))
        if not bulk.is_valid():
            problems.append(_("请选择办理环节并填写正确的日期。"))
            return {}, problems
        field, date = bulk.cleaned_data["milestone"], bulk.cleaned_data["date"]
        return {p.pk: {field: date} for p in chosen if getattr(p, field) != date}, problems
    changes = {}
    posted = set(request.POST.getlist("rows"))
    for row in rows:
        if str(row["page"].pk) not in posted:
            continue  # not on the page the user saw (e.g. added since): left as it is
        if not row["form"].is_valid():
            for name, errors in row["form"].errors.items():
                label = row["form"].fields[name].label
                problems += [f"{row['page'].number}：{label}{e}" for e in errors]
            continue
        changed = row["form"].changes(row["page"])
        if changed:
            changes[row["page"].pk] = changed
    return changes, problems


def _report_saved(request, report):
    counts = report.counts.get("suggestions", {})
    messages.success(
        request,
        _("已保存 %(n)s 件建议的办理进度。") % {"n": counts.get("updated", 0)},
    )
    for line in report.held_lines():
        messages.warning(request, line)


def milestones_export_view(request):
    if denied := _denied(request):
        return denied
    session, queryset = FilterForm(request.GET or None).queryset()
    rows = export_rows(queryset if session is not None else SuggestionPage.objects.none())
    response = HttpResponse(xlsx_bytes({SHEET: rows}), content_type=XLSX_CONTENT_TYPE)
    day = datetime.date.today().isoformat()
    response["Content-Disposition"] = f'attachment; filename="milestones-{day}.xlsx"'
    return response


# Hooks --------------------------------------------------------------------------------------


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("motions/import/", import_suggestions_view, name="motions_import"),
        path("motions/import/template/", import_template_view, name="motions_import_template"),
        path("motions/milestones/", milestones_view, name="motions_milestones"),
        path(
            "motions/milestones/export/", milestones_export_view, name="motions_milestones_export"
        ),
    ]


class ManageMenuItem(MenuItem):
    def is_shown(self, request):
        return can_manage_suggestions(request.user)


@hooks.register("register_motions_menu_item")
def register_milestones_menu_item():
    return ManageMenuItem(
        gettext_lazy("办理进度"), reverse("motions_milestones"), icon_name="date", order=20
    )


@hooks.register("register_motions_menu_item")
def register_import_menu_item():
    return ManageMenuItem(
        gettext_lazy("导入代表建议"), reverse("motions_import"), icon_name="upload", order=30
    )
