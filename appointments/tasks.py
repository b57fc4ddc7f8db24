"""Mail to residents who booked, through the durable task queue (django-tasks): queued with the
booking's change and retried with backoff like the voices app's mail
(voices.tasks.enqueue_with_the_change, send_or_retry). The confirmation's task carries the
plain manage token — the booking stores only its hash."""

from django.conf import settings
from django.core.mail import EmailMessage
from django_tasks import task

from delegates.ical import build_calendar, calendar_sessions
from delegates.models import ReceptionSession
from voices.tasks import enqueue_with_the_change, send_or_retry

from .mail import WITH_CALENDAR, compose
from .models import Appointment


def session_calendar(session) -> bytes | None:
    """The session as an iCalendar file, from the same writer as the station calendars;
    None when the public may no longer see it."""
    sessions = calendar_sessions(ReceptionSession.objects.filter(pk=session.pk))
    if not sessions:
        return None
    return build_calendar(sessions, f"{session.station.title}接访", settings.WAGTAILADMIN_BASE_URL)


@task(queue_name="default")
def send_appointment_mail(appointment_id: int, kind: str, token: str = "", attempt: int = 1):
    appointment = (
        Appointment.objects.select_related("session__station", "contact")
        .filter(pk=appointment_id)
        .first()
    )
    if appointment is None or not hasattr(appointment, "contact") or not appointment.contact.email:
        return "no address"
    subject, body = compose(kind, appointment, token)
    message = EmailMessage(subject, body, to=[appointment.contact.email])
    calendar = session_calendar(appointment.session) if kind in WITH_CALENDAR else None
    if calendar:
        message.attach("reception.ics", calendar, "text/calendar")
    return send_or_retry(
        message.send, send_appointment_mail, (appointment_id, kind, token), attempt
    )


def queue_mail(appointment: Appointment, kind: str, token: str = "") -> None:
    """Send `kind` to the resident (if they gave an e-mail address), queued with the change."""
    enqueue_with_the_change(send_appointment_mail, appointment.pk, kind, token)
