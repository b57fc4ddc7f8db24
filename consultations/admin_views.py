"""立法意见 in the Wagtail admin: the moderation list (filter by consultation, article and status;
approve or reject several at once), one comment's page (its history from the audit log, the
contact behind a logged button), and per consultation the XLSX export grouped by article and a
printable summary to send upward. Permissions: consultations/permissions.py."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from home.spreadsheets import XLSX_CONTENT_TYPE, xlsx_bytes

from . import moderation
from .admin_forms import CommentFilterForm
from .exports import comment_rows, exported_comments, grouped
from .models import Comment, ConsultationPage
from .permissions import may_moderate, may_read, may_see_contact


def _require(check, user):
    if not check(user):
        raise PermissionDenied


def comment_list(request):
    _require(may_read, request.user)
    form = CommentFilterForm(request.GET)
    comments = form.filter(Comment.objects.all()).select_related("consultation", "article")
    page = Paginator(comments.order_by("-created_at", "-pk"), 30).get_page(request.GET.get("p"))
    consultation = form.cleaned_data.get("consultation") if form.is_valid() else None
    return TemplateResponse(
        request,
        "consultations/admin/comments.html",
        {
            "form": form,
            "page_obj": page,
            "consultation": consultation,
            "may_moderate": may_moderate(request.user),
        },
    )


@require_POST
def moderate_selected(request):
    _require(may_moderate, request.user)
    action = {"approve": moderation.APPROVE, "reject": moderation.REJECT}.get(
        request.POST.get("action")
    )
    ids = [int(pk) for pk in request.POST.getlist("ids") if pk.isdigit()]
    done = failed = 0
    if action:
        for comment in Comment.objects.filter(pk__in=ids):
            try:
                moderation.moderate(comment, action, request.user)
                done += 1
            except moderation.ModerationError:
                failed += 1
    if done:
        messages.success(request, _("已处理 %(n)s 条意见。") % {"n": done})
    if failed or not done:
        messages.warning(request, _("%(n)s 条意见未处理（未确认或状态已改变）。") % {"n": failed})
    back = request.POST.get("next", "")
    return redirect(
        back if back.startswith(reverse("consultations_comments")) else "consultations_comments"
    )


ACTIONS = {
    "approve": lambda request, c: moderation.moderate(c, moderation.APPROVE, request.user),
    "reject": lambda request, c: moderation.moderate(c, moderation.REJECT, request.user),
    "whole_draft": lambda request, c: moderation.to_whole_draft(c, request.user),
}


def comment_detail(request, pk):
    _require(may_read, request.user)
    comment = get_object_or_404(Comment.objects.select_related("consultation", "article"), pk=pk)
    contact = ""
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "contact":
            _require(may_see_contact, request.user)
            log(instance=comment, action=moderation.VIEW_CONTACT, user=request.user)
            contact = comment.contact or _("（已删除）")
        elif action in ACTIONS:
            _require(may_moderate, request.user)
            try:
                ACTIONS[action](request, comment)
                messages.success(request, _("已保存。"))
            except moderation.ModerationError as error:
                messages.error(request, str(error))
            return redirect("consultations_comment", pk=comment.pk)
    history = ModelLogEntry.objects.for_instance(comment).select_related("user")
    return TemplateResponse(
        request,
        "consultations/admin/comment.html",
        {
            "comment": comment,
            "contact": contact,
            "history": history.order_by("timestamp"),
            "may_moderate": may_moderate(request.user),
            "may_see_contact": may_see_contact(request.user),
        },
    )


def _consultation(request, pk):
    _require(may_read, request.user)
    return get_object_or_404(ConsultationPage, pk=pk)


def export_xlsx(request, pk):
    """The comments grouped by article as XLSX; with ?contacts=1 (permission needed) the
    contacts too. Every export is written to the audit log."""
    consultation = _consultation(request, pk)
    contacts = request.GET.get("contacts") == "1"
    if contacts:
        _require(may_see_contact, request.user)
    count = exported_comments(consultation).count()
    log(
        instance=consultation,
        action=moderation.EXPORT,
        user=request.user,
        data={"count": count, "contacts": contacts},
    )
    content = xlsx_bytes({_("意见汇总"): comment_rows(consultation, contacts=contacts)})
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="consultation-{pk}-{stamp}.xlsx"'
    response["Cache-Control"] = "no-store"
    return response


def summary(request, pk):
    """A printable summary (意见汇总) of the comments, grouped by article — no contacts."""
    consultation = _consultation(request, pk)
    groups = grouped(consultation)
    return TemplateResponse(
        request,
        "consultations/admin/summary.html",
        {
            "page": consultation,
            "groups": groups,
            "total": sum(len(g.comments) for g in groups),
            "commented_articles": sum(1 for g in groups[1:] if g.comments),
            "printed_at": timezone.localtime(),
        },
    )
