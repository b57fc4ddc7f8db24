"""The resident's side of the 网上联络站: write (/voices/write/), confirm by e-mail link
(/voices/confirm/<token>/) and follow up (/voices/track/<token>/).

Pages carrying a form or a private token are never cached, not indexed and send no Referer
to other sites (the token is in the URL). Every refusal shows the form again with what was
typed (photos excepted: browsers cannot refill file inputs, and the message says so)."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from delegates.models import DelegatePage, StationPage
from portal import challenge
from portal.ratelimit import over_limit, rate_limited

from . import workflow
from .choices import Status
from .forms import FormStamp, OpinionForm, RatingForm, SupplementForm
from .models import Opinion, token_digest
from .submission import submit


def _private(response):
    response["X-Robots-Tag"] = "noindex, nofollow"
    # same-origin, not no-referrer: with no-referrer browsers send "Origin: null" on the form
    # posts and Django's CSRF check refuses them. Other sites never see the token URL.
    response["Referrer-Policy"] = "same-origin"
    return response


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _initial(request):
    """Prefill the addressee from ?station=<id> (the poster's QR code) or ?delegate=<id>,
    only when the public may see it."""
    initial = {"stamp": FormStamp.issue()}
    station = StationPage.objects.visible().filter(pk=_int(request.GET.get("station"))).first()
    delegate = DelegatePage.objects.visible().filter(pk=_int(request.GET.get("delegate"))).first()
    if station:
        initial["station"] = station
    if delegate:
        initial["delegate"] = delegate
    return initial, delegate


def _form_page(request, form, delegate=None, status=200):
    if delegate is None and form.is_bound:
        delegate = form.cleaned_data.get("delegate") if hasattr(form, "cleaned_data") else None
    context = {"form": form, "delegate": delegate, "photos_lost": bool(request.FILES)}
    return _private(render(request, "voices/write.html", context, status=status))


def _refused(request, message, status=200, ask_challenge=False):
    data = request.POST.copy()
    form = OpinionForm(data)
    form.is_valid()
    form.add_error(None, message)
    if ask_challenge:
        form.ask_challenge()
    return _form_page(request, form, status=status)


def _too_many(request, retry_after, may_challenge):
    message = challenge.refusal_message(request.POST, retry_after, may_challenge)
    return _refused(request, message, status=429, ask_challenge=may_challenge)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@rate_limited("voices", refuse=_too_many, solved=OpinionForm.solves_challenge)
def write(request):
    if request.method != "POST":
        initial, delegate = _initial(request)
        return _form_page(request, OpinionForm(initial=initial), delegate)
    form = OpinionForm(request.POST, request.FILES)
    if not form.is_valid():
        if form.has_error("__all__", "stale_form"):  # a fresh stamp, so the next post passes
            form.data = form.data.copy()
            form.data["stamp"] = FormStamp.issue()
        return _form_page(request, form)
    contact = form.contact
    if over_limit(request, "voices_contact", key=lambda group, request: contact) is not None:
        return _refused(
            request, _("同一联系方式今天提交的意见已达上限，请明天再试或直接联系联络站。"), 429
        )
    cleaned = form.cleaned_data
    result = submit(form, request, cleaned["station"], cleaned.get("delegate"))
    context = {"result": result, "opinion": result.opinion}
    return _private(render(request, "voices/submitted.html", context))


def _by_token(field, token, **filters):
    opinion = (
        Opinion.objects.select_related("station", "delegate", "topic", "sender")
        .filter(**{field: token_digest(token)}, **filters)
        .exclude(**{field: ""})
        .first()
    )
    if opinion is None:
        raise Http404
    return opinion


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """GET shows a button (mail scanners follow links, but do not post forms); POST confirms."""
    since = timezone.now() - timezone.timedelta(days=settings.VOICES_CONFIRM_DAYS)
    try:
        opinion = _by_token(
            "confirm_token_hash", token, status=Status.PENDING, created_at__gte=since
        )
    except Http404:
        return _private(render(request, "voices/confirm_invalid.html", status=404))
    if request.method != "POST":
        return _private(render(request, "voices/confirm.html", {"opinion": opinion}))
    try:
        opinion, lookup = workflow.confirm(opinion)
    except workflow.TransitionError:  # confirmed meanwhile by the same link (a double click)
        opinion.refresh_from_db()
        lookup = ""  # the first confirmation mailed the tracking link; it is shown only once
    context = {"opinion": opinion, "lookup_token": lookup}
    return _private(render(request, "voices/confirmed.html", context))


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@rate_limited("voices")
def track(request, token):
    opinion = _by_token("lookup_token_hash", token)
    supplement_form, rating_form = SupplementForm(), RatingForm()
    error = ""
    if request.method == "POST":
        try:
            if request.POST.get("action") == "rate":
                rating_form = RatingForm(request.POST)
                if rating_form.is_valid():
                    workflow.rate(opinion, **rating_form.cleaned_data)
                    return redirect(request.path)
            else:
                supplement_form = SupplementForm(request.POST)
                if supplement_form.is_valid():
                    workflow.supplement(opinion, supplement_form.cleaned_data["text"])
                    return redirect(request.path)
        except workflow.TransitionError as exc:
            error = " ".join(exc.messages)
        opinion.refresh_from_db()
    context = {
        "opinion": opinion,
        "events": opinion.public_events(),
        "supplement_form": supplement_form,
        "rating_form": rating_form,
        "error": error,
        "may_supplement": opinion.status not in (Status.CLOSED, Status.DECLINED, Status.MERGED),
    }
    return _private(render(request, "voices/track.html", context))
