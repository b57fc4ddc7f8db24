"""The resident's side of 约访: book a place at a session (/appointments/book/<session>/),
then view, download the calendar file of, or cancel the booking through its private link
(/appointments/manage/<token>/). Only sessions the public may see can be booked
(ReceptionSession.objects.visible()). Pages with a form or a token are never cached nor
indexed; every refusal shows the form again with what was typed."""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from delegates.models import ReceptionSession
from portal import challenge
from portal.ratelimit import over_limit, rate_limited
from voices.forms import FormStamp
from voices.models import token_digest
from voices.views import _private

from . import booking
from .forms import AppointmentForm
from .models import Appointment
from .tasks import session_calendar

REFUSALS = {
    booking.FULL: lambda b: (
        _("名额不足：本场只剩 %(n)s 个名额，请减少人数或选择其他场次。") % {"n": b.places_left}
        if b.places_left
        else _("本场接访已约满，请选择其他场次。")
    ),
    booking.ALREADY: lambda b: _(
        "您已预约过本场接访。如需更改，请通过专属链接取消后重新预约，或致电联络站。"
    ),
    booking.CLOSED: lambda b: _("本场接访已不接受预约。"),
}


def _session(pk):
    session = (
        ReceptionSession.objects.visible()
        .with_places_taken()
        .select_related("station")
        .filter(pk=pk)
        .first()
    )
    if session is None:
        raise Http404
    return session


def _form_page(request, session, form, status=200):
    context = {"session": session, "form": form}
    return _private(render(request, "appointments/book.html", context, status=status))


def _refused(request, pk, message, status=200, ask_challenge=False):
    form = AppointmentForm(request.POST.copy())
    form.is_valid()
    form.add_error(None, message)
    if ask_challenge:
        form.ask_challenge()
    return _form_page(request, _session(pk), form, status)


def _too_many(request, retry_after, may_challenge):
    pk = request.resolver_match.kwargs["pk"]
    message = challenge.refusal_message(request.POST, retry_after, may_challenge)
    return _refused(request, pk, message, status=429, ask_challenge=may_challenge)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@rate_limited("appointments", refuse=_too_many, solved=AppointmentForm.solves_challenge)
def book(request, pk):
    session = _session(pk)
    if not session.is_bookable:
        return _private(render(request, "appointments/closed.html", {"session": session}))
    if request.method != "POST":
        form = AppointmentForm(initial={"stamp": FormStamp.issue(), "people": 1})
        return _form_page(request, session, form)
    form = AppointmentForm(request.POST)
    if not form.is_valid():
        if form.has_error("__all__", "stale_form"):  # a fresh stamp, so the next post passes
            form.data = form.data.copy()
            form.data["stamp"] = FormStamp.issue()
        return _form_page(request, session, form)
    contact = form.contact
    if over_limit(request, "appointments_contact", key=lambda group, request: contact):
        return _refused(
            request, pk, _("同一联系方式今天预约的次数已达上限，请明天再试或直接联系联络站。"), 429
        )
    result = booking.book(form, request, session.pk)
    if result.outcome in REFUSALS:
        return _refused(request, pk, REFUSALS[result.outcome](result))
    context = {"result": result, "appointment": result.appointment, "session": session}
    return _private(render(request, "appointments/booked.html", context))


def _by_token(token):
    appointment = (
        Appointment.objects.select_related("session__station", "contact")
        .filter(manage_token_hash=token_digest(token))
        .first()
    )
    if appointment is None:
        raise Http404
    return appointment


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@rate_limited("appointments")
def manage(request, token):
    """GET shows the booking (mail scanners follow links, but do not post forms); POST cancels."""
    appointment = _by_token(token)
    if request.method == "POST" and appointment.may_cancel:
        booking.cancel(appointment)
        return redirect(request.path)
    return _private(render(request, "appointments/manage.html", {"appointment": appointment}))


@never_cache
def calendar(request, token):
    appointment = _by_token(token)
    body = session_calendar(appointment.session) if appointment.is_active else None
    if body is None:
        raise Http404
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="reception.ics"'
    return _private(response)
