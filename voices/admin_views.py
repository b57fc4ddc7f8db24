"""The inbox of the 网上联络站 in the Wagtail admin: each user sees the opinions of the stations
they may edit (voices/permissions.py) and moves them through the loop with the actions below.
Every action goes through voices.workflow; showing a sender's contact is written to Wagtail's
audit log (who, when) — 报告 → 站点历史 lists it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from wagtail.log_actions import log

from . import publication, workflow
from .admin_forms import AssignForm, MergeForm, PublishForm, ReasonForm, TextForm
from .choices import Status
from .models import Opinion, OpinionPhoto
from .permissions import may_use_inbox, stations_for

VIEW_CONTACT = "voices.view_contact"


def _require_inbox(request):
    if not may_use_inbox(request.user):
        raise PermissionDenied


def inbox(request):
    _require_inbox(request)
    opinions = (
        Opinion.objects.for_user(request.user)
        .select_related("station", "delegate", "topic")
        .order_by("-created_at")
    )
    status = request.GET.get("status", "")
    if status == "overdue":
        opinions = opinions.overdue()
    elif status in Status.values:
        opinions = opinions.filter(status=status)
    station = request.GET.get("station", "")
    stations = stations_for(request.user).order_by("title")
    if station.isdigit():
        opinions = opinions.filter(station_id=int(station))
    page = Paginator(opinions, 30).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "voices/admin/inbox.html",
        {
            "page_obj": page,
            "statuses": Status.choices,
            "status": status,
            "stations": stations,
            "station": station,
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
