"""Booking and cancelling places — the capacity holds under concurrency.

A booking locks the session's row (`select_for_update`) for the rest of its transaction, so
bookings of one session run one after the other; under the lock it counts the places taken
(ReceptionSessionQuerySet.with_places_taken, the one count) and refuses what does not fit.
The same form posted again (a double click, a retried POST: the same form token) gives the
booking that form already made; one contact holds one active booking per session. Mail and
the purge of the cached pages that show the places left run after the commit."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac

from delegates.cache import station_paths
from delegates.models import ReceptionSession
from home.cache import purge_paths
from portal.client_ip import client_ip
from voices.models import new_token, token_digest

from .mail import CANCELLED, CONFIRMED
from .models import Appointment, AppointmentContact
from .tasks import queue_mail

CREATED, REPEAT, FULL, ALREADY, CLOSED = "created", "repeat", "full", "already", "closed"


@dataclass
class Booking:
    outcome: str
    appointment: Appointment | None = None
    manage_token: str = ""  # the private link's token, shown on the page
    places_left: int = 0


def rotate_manage_token(appointment: Appointment) -> str:
    """A fresh private link (the old one stops working): only its hash is stored."""
    token = new_token()
    Appointment.objects.filter(pk=appointment.pk).update(manage_token_hash=token_digest(token))
    return token


def _purge_places(session) -> None:
    """The station page and the district lists show the places left: drop their cache."""
    station = session.station
    transaction.on_commit(lambda: purge_paths(station_paths(station)))


def _repeat(form_token: str) -> Booking | None:
    existing = Appointment.objects.filter(form_token=form_token).first()
    if existing is None:
        return None
    # The same browser's form: it may see its private link again (a fresh one).
    return Booking(REPEAT, existing, rotate_manage_token(existing))


def book(form, request, session_pk: int) -> Booking:
    cleaned = form.cleaned_data
    repeat = _repeat(cleaned["form_token"])
    if repeat is not None:
        return repeat
    try:
        with transaction.atomic():
            return _book_locked(cleaned, request, session_pk)
    except IntegrityError:  # the same form posted twice at the same moment
        repeat = _repeat(cleaned["form_token"])
        if repeat is None:
            raise
        return repeat


def _book_locked(cleaned, request, session_pk: int) -> Booking:
    session = (
        ReceptionSession.objects.visible()
        .select_for_update(of=("self",))
        .select_related("station")
        .filter(pk=session_pk)
        .first()
    )
    if session is None or not session.is_bookable:
        return Booking(CLOSED)
    session.places_taken = (
        ReceptionSession.objects.with_places_taken()
        .values_list("places_taken", flat=True)
        .get(pk=session.pk)
    )
    contact = Q()
    if cleaned["email"]:
        contact |= Q(contact__email=cleaned["email"])
    if cleaned["mobile"]:
        contact |= Q(contact__mobile=cleaned["mobile"])
    if session.appointments.active().filter(contact).exists():
        return Booking(ALREADY, places_left=session.places_left)
    if cleaned["people"] > session.places_left:
        return Booking(FULL, places_left=session.places_left)
    token = new_token()
    appointment = Appointment.objects.create(
        session=session,
        people=cleaned["people"],
        topic=cleaned["topic"],
        form_token=cleaned["form_token"],
        manage_token_hash=token_digest(token),
    )
    AppointmentContact.objects.create(
        appointment=appointment,
        name=cleaned["name"],
        mobile=cleaned["mobile"],
        email=cleaned["email"],
        ip_hash=salted_hmac("appointments.ip", client_ip(request) or "").hexdigest(),
    )
    queue_mail(appointment, CONFIRMED, token)
    _purge_places(session)
    return Booking(CREATED, appointment, token, session.places_left - appointment.people)


def cancel(appointment: Appointment, by_staff: bool = False) -> bool:
    """Cancel and free the places; False when it was cancelled already."""
    with transaction.atomic():
        done = Appointment.objects.filter(pk=appointment.pk, cancelled_at__isnull=True).update(
            cancelled_at=timezone.now(), cancelled_by_staff=by_staff
        )
        if done:
            queue_mail(appointment, CANCELLED)
            _purge_places(appointment.session)
    appointment.refresh_from_db()
    return bool(done)
