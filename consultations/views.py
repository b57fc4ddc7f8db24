"""The resident's side: comment on a consultation (/consultations/comment/<id>/, on one article
with ?article=art-5) and confirm by the e-mail link (/consultations/confirm/<token>/). Only
consultations the public may see can be commented on, and only while open — a closed or not
yet open one says so, on GET and on POST. Pages with a form or a token are never cached nor
indexed; every refusal shows the form again with what was typed."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from portal import challenge
from portal.ratelimit import over_limit, rate_limited
from voices.forms import FormStamp
from voices.views import _private

from . import submission
from .forms import CommentForm
from .models import ConsultationPage


def _consultation(pk):
    page = ConsultationPage.objects.visible().filter(pk=pk).first()
    if page is None:
        raise Http404
    return page


def _form_page(request, consultation, form, status=200):
    context = {"page": consultation, "form": form}
    selected = consultation.articles.filter(anchor=form["article"].value() or "").first()
    context["selected_article"] = selected
    return _private(render(request, "consultations/comment.html", context, status=status))


def _closed(request, consultation, status=200):
    return _private(
        render(request, "consultations/closed.html", {"page": consultation}, status=status)
    )


def _refused(request, consultation, message, status=200, ask_challenge=False):
    form = CommentForm(request.POST.copy(), consultation=consultation)
    form.is_valid()
    form.add_error(None, message)
    if ask_challenge:
        form.ask_challenge()
    return _form_page(request, consultation, form, status)


def _too_many(request, retry_after, may_challenge):
    consultation = _consultation(request.resolver_match.kwargs["pk"])
    message = challenge.refusal_message(request.POST, retry_after, may_challenge)
    return _refused(request, consultation, message, status=429, ask_challenge=may_challenge)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@rate_limited("consultations", refuse=_too_many, solved=CommentForm.solves_challenge)
def comment(request, pk):
    consultation = _consultation(pk)
    if not consultation.is_open:
        return _closed(request, consultation, status=403 if request.method == "POST" else 200)
    if request.method != "POST":
        initial = {"stamp": FormStamp.issue()}
        article = consultation.articles.filter(anchor=request.GET.get("article", "")).first()
        if article is not None:
            initial["article"] = article
        return _form_page(
            request, consultation, CommentForm(initial=initial, consultation=consultation)
        )
    form = CommentForm(request.POST, consultation=consultation)
    if not form.is_valid():
        if form.has_error("__all__", "stale_form"):  # a fresh stamp, so the next post passes
            form.data = form.data.copy()
            form.data["stamp"] = FormStamp.issue()
        return _form_page(request, consultation, form)
    contact = form.contact
    if over_limit(request, "consultations_contact", key=lambda group, request: contact):
        return _refused(
            request, consultation, _("同一联系方式今天提交的意见已达上限，请明天再试。"), 429
        )
    outcome, result = submission.submit(form, request, consultation.pk)
    if outcome == submission.CLOSED:
        return _closed(request, consultation, status=403)
    context = {"page": consultation, "comment": result, "outcome": outcome}
    return _private(render(request, "consultations/submitted.html", context))


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """GET shows a button (mail scanners follow links, but do not post forms); POST confirms."""
    comment = submission.pending_by_token(token)
    if comment is None:
        return _private(render(request, "consultations/confirm_invalid.html", status=404))
    if request.method != "POST":
        return _private(render(request, "consultations/confirm.html", {"comment": comment}))
    submission.confirm(comment)
    return _private(render(request, "consultations/confirmed.html", {"comment": comment}))
