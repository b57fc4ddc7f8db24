"""The day-before reminder and the deletion of personal data after the retention time."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from appointments.models import Appointment, AppointmentContact
from delegates.models import ReceptionSession

from .conftest import book_url

pytestmark = pytest.mark.django_db


def run(command):
    out = io.StringIO()
    call_command(command, stdout=out)
    return out.getvalue()


def tomorrow_at(hour):
    day = timezone.localdate() + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def booked(client, station, session, book_data, django_capture_on_commit_callbacks):
    """Three bookings of the session, made through the form: e-mail, phone-only, cancelled."""
    with django_capture_on_commit_callbacks(execute=True):
        client.post(book_url(session), book_data(email="a@example.com"))
        client.post(book_url(session), book_data(email="", mobile="13900001111"))
        client.post(book_url(session), book_data(email="c@example.com"))
    Appointment.objects.filter(contact__email="c@example.com").update(cancelled_at=timezone.now())
    mail.outbox.clear()
    return session


def test_reminder_the_day_before_once(booked, django_capture_on_commit_callbacks):
    run("appointments_remind")
    assert mail.outbox == []  # the session is ten days away

    ReceptionSession.objects.filter(pk=booked.pk).update(start=tomorrow_at(9), end=tomorrow_at(11))
    with django_capture_on_commit_callbacks(execute=True):
        assert "已发送 1 条" in run("appointments_remind")
        assert "已发送 0 条" in run("appointments_remind")
    assert [m.to for m in mail.outbox] == [["a@example.com"]]
    message = mail.outbox[0]
    assert "明天接访提醒" in message.subject and "09:00" in message.body
    assert message.attachments[0][0] == "reception.ics"
    assert Appointment.objects.filter(reminded_at__isnull=False).count() == 1


def test_no_reminder_for_a_hidden_station(booked, station, django_capture_on_commit_callbacks):
    ReceptionSession.objects.filter(pk=booked.pk).update(start=tomorrow_at(9), end=tomorrow_at(11))
    station.unpublish()
    with django_capture_on_commit_callbacks(execute=True):
        run("appointments_remind")
    assert mail.outbox == []


def test_purge_deletes_personal_data_after_retention(booked, settings):
    settings.APPOINTMENTS_RETENTION_DAYS = 30
    run("appointments_purge")
    assert AppointmentContact.objects.count() == 3  # the session has not even taken place

    ended = timezone.now() - datetime.timedelta(days=31)
    ReceptionSession.objects.filter(pk=booked.pk).update(
        start=ended - datetime.timedelta(hours=2), end=ended
    )
    run("appointments_purge")
    run("appointments_purge")  # idempotent
    assert AppointmentContact.objects.count() == 0
    assert Appointment.objects.count() == 3  # the counts stay, without personal data
    assert set(Appointment.objects.values_list("topic", flat=True)) == {""}
