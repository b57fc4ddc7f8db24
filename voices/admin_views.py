"""The inbox of the 网上联络站 in the Wagtail admin: each user sees the opinions of the stations
they may edit (voices/permissions.py) and moves them through the loop with the actions below.
Every action goes through voices.workflow; showing a sender's contact, and every XLSX export
(with contacts: per opinion), is written to Wagtail's audit log (who, when) — 报告 → 站点历史
lists it."""

import uuid

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from home.spreadsheets import XLSX_CONTENT_TYPE, xlsx_bytes

from . import publication, workflow
from .admin_forms import AssignForm, InboxFilterForm, MergeForm, PublishForm, ReasonForm, TextForm
from .choices import Status
from .exports import opinion_rows
from .models import OPEN_STATES, Opinion, OpinionPhoto, OpinionReminder, due_soon_limit
from .permissions import may_use_inbox, stations_for

VIEW_CONTACT = "voices.view_contact"
EXPORT = "voices.export"
EXPORT_CONTACT = "voices.export_contact"


def _require_inbox(request):
    if not may_use_inbox(request.user):
        raise PermissionDenied


def _filtered(request):
    """The user's opinions under the inbox filters of the query string, and the bound form."""
    form = InboxFilterForm(request.GET, stations_for(request.user).order_by("title"))
    opinions = form.filter(Opinion.objects.for_user(request.user))
    return form, opinions.order_by("-created_at", "-pk")


def inbox(request):
    _require_inbox(request)
    form, opinions = _filtered(request)
    opinions = opinions.select_related("station", "delegate", "topic", "handling_body")
    page = Paginator(opinions, 30).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "voices/admin/inbox.html",
        {
            "page_obj": page,
            "form": form,
            "several_stations": form.fields["station"].queryset.count() > 1,
        },
    )


@require_POST
def export_view(request):
    """The inbox's current list (same filters, same scope) as XLSX. Every export is written to
    the audit log; with 包含联系方式 each exported opinion gets an entry as well, so an
    opinion's history shows who took its sender's contacts away."""
    _require_inbox(request)
    _form, opinions = _filtered(request)
    contacts = request.POST.get("contacts") == "on"
    opinion_list = list(opinions.only("pk", "number"))
    with transaction.atomic():
        now = timezone.now()
        shared = uuid.uuid4()
        # The audit entry is about the user who exported (request.user is a lazy wrapper,
        # which the log registry does not know as a model).
        actor = get_user_model()._default_manager.get(pk=request.user.pk)
        log(
            instance=actor,
            action=EXPORT,
            user=request.user,
            uuid=shared,
            title=_("导出群众来信 %(count)s 件") % {"count": len(opinion_list)},
            data={
                "count": len(opinion_list),
                "filters": request.GET.urlencode(),
                "contacts": contacts,
            },
        )
        if contacts:
            content_type = ContentType.objects.get_for_model(Opinion)
            ModelLogEntry.objects.bulk_create(
                ModelLogEntry(
                    content_type=content_type,
                    object_id=str(o.pk),
                    label=str(o),
                    action=EXPORT_CONTACT,
                    user=request.user,
                    uuid=shared,
                    timestamp=now,
                    data={},
                )
                for o in opinion_list
            )
        content = xlsx_bytes({_("群众来信"): opinion_rows(opinions, contacts=contacts)})
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    stamp = timezone.localtime(now).strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="voices-{stamp}.xlsx"'
    response["Cache-Control"] = "no-store"
    return response


def overdue_view(request):
    """督办: what is overdue or due soon in the user's stations, by station and by handling
    body, each count linking to the inbox filtered to it. A liaison sees their own station;
    editors and reviewers with rights on the tree see every station."""
    _require_inbox(request)
    today = timezone.localdate()
    limit = due_soon_limit(today)
    opinions = Opinion.objects.for_user(request.user).filter(
        status__in=OPEN_STATES, due_date__lte=limit
    )
    counts = {
        "overdue": Count("pk", filter=Q(due_date__lt=today)),
        "soon": Count("pk", filter=Q(due_date__gte=today)),
    }
    by_station = (
        opinions.values("station", "station__title")
        .annotate(**counts)
        .order_by("-overdue", "station__title")
    )
    by_body = (
        opinions.values("handling_body", "handling_body__name")
        .annotate(**counts)
        .order_by("-overdue", "handling_body__name")
    )
    stations = stations_for(request.user)
    return TemplateResponse(
        request,
        "voices/admin/overdue.html",
        {
            "today": today,
            "limit": limit,
            "totals": opinions.aggregate(**counts),
            "by_station": by_station,
            "by_body": by_body,
            "overdue": opinions.filter(due_date__lt=today)
            .select_related("station", "topic", "handling_body", "assigned_delegate")
            .order_by("due_date", "pk")[:50],
            "station_count": stations.count(),
            "only_station": stations.first() if stations.count() == 1 else None,
        },
    )


def _opinion_for(request, pk):
    _require_inbox(request)
    return get_object_or_404(
        Opinion.objects.for_user(request.user).select_related(
            "station", "delegate", "topic", "sender", "handling_body", "assigned_delegate"
        ),
        pk=pk,
    )


def _merge_target(request, number):
    target = Opinion.objects.for_user(request.user).filter(number=number.strip()).first()
    if target is None:
        raise workflow.TransitionError(_("没有找到您可以处理的受理编号 %(n)s。") % {"n": number})
    return target


ACTIONS = {
    # action: (form class or None, handler(request, opinion, cleaned data), success message)
    "confirm_phone": (
        None,
        lambda r, o, c: workflow.confirm(o, actor=r.user),
        gettext_lazy("已电话核实。"),
    ),
    "accept": (None, lambda r, o, c: workflow.accept(o, r.user), gettext_lazy("已受理。")),
    "decline": (
        ReasonForm,
        lambda r, o, c: workflow.decline(o, r.user, c["reason"]),
        gettext_lazy("已不予受理。"),
    ),
    "merge": (
        MergeForm,
        lambda r, o, c: workflow.merge(o, r.user, _merge_target(r, c["number"])),
        gettext_lazy("已合并。"),
    ),
    "assign": (
        AssignForm,
        lambda r, o, c: workflow.assign(o, r.user, **c),
        gettext_lazy("已交办。"),
    ),
    "start": (None, lambda r, o, c: workflow.start(o, r.user), gettext_lazy("已标记为办理中。")),
    "answer": (
        TextForm,
        lambda r, o, c: workflow.answer(o, r.user, c["text"]),
        gettext_lazy("已答复。"),
    ),
    "note": (
        TextForm,
        lambda r, o, c: workflow.add_note(o, r.user, c["text"]),
        gettext_lazy("已添加备注。"),
    ),
    "anonymise": (
        None,
        lambda r, o, c: workflow.anonymise_sender(o, r.user),
        gettext_lazy("已删除来信人个人信息。"),
    ),
    "publish": (
        PublishForm,
        lambda r, o, c: publication.publish(o, r.user, c["summary"]),
        gettext_lazy("已批准公开。"),
    ),
    "withdraw": (
        None,
        lambda r, o, c: publication.withdraw(o, r.user),
        gettext_lazy("已撤回公开。"),
    ),
}


@require_http_methods(["GET", "POST"])
def opinion_view(request, pk):
    opinion = _opinion_for(request, pk)
    forms = {
        "decline": ReasonForm(prefix="decline"),
        "merge": MergeForm(prefix="merge"),
        "assign": AssignForm(prefix="assign"),
        "answer": TextForm(prefix="answer", initial={"text": opinion.public_answer}),
        "note": TextForm(prefix="note"),
        "publish": PublishForm(
            prefix="publish",
            initial={"summary": opinion.public_summary or publication.suggested_summary(opinion)},
        ),
    }
    show_contact = False
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "contact":
            log(instance=opinion, action=VIEW_CONTACT, user=request.user)
            show_contact = True
        elif action in ACTIONS:
            form_class, handler, done = ACTIONS[action]
            form = form_class(request.POST, prefix=action) if form_class else None
            if form is None or form.is_valid():
                try:
                    handler(request, opinion, form.cleaned_data if form else {})
                    messages.success(request, done)
                    return redirect("voices_opinion", pk=opinion.pk)
                except workflow.TransitionError as exc:
                    messages.error(request, " ".join(exc.messages))
            else:
                forms[action] = form
                messages.error(request, _("请检查填写的内容。"))
            opinion = _opinion_for(request, pk)
    return TemplateResponse(
        request,
        "voices/admin/opinion.html",
        {
            "opinion": opinion,
            "events": opinion.events.select_related("actor"),
            "photos": opinion.photos.all(),
            "reminders": OpinionReminder.objects.filter(assignment__opinion=opinion),
            "forms": forms,
            "show_contact": show_contact,
            "may": {status: opinion.can_move_to(status) for status in Status.values},
            "may_publish": publication.may_publish(opinion),
        },
    )


def photo_view(request, pk):
    photo = get_object_or_404(OpinionPhoto, pk=pk)
    _opinion_for(request, photo.opinion_id)
    try:
        return FileResponse(photo.file.open("rb"))
    except FileNotFoundError as exc:
        raise Http404 from exc
