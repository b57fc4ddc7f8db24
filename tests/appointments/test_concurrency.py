"""The capacity holds when residents race for the last place: on PostgreSQL, two threads —
two real connections — book the same session at the same moment; the session row's lock
lets exactly one of them have the place. (SQLite serialises all writers anyway.)"""

import threading
import types

import pytest
from django.db import connection
from django.test import RequestFactory

from appointments import booking
from appointments.models import Appointment

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's row locks"),
]


def booking_form(n):
    return types.SimpleNamespace(
        cleaned_data={
            "people": 1,
            "topic": "最后一个名额",
            "name": f"居民{n}",
            "mobile": "",
            "email": f"resident{n}@example.com",
            "form_token": f"race-{n}",
        }
    )


def race(session, contestants):
    barrier = threading.Barrier(contestants)
    outcomes, errors = [], []

    def contestant(n):
        from django.db import connection as own

        try:
            request = RequestFactory().post("/", REMOTE_ADDR=f"10.0.0.{n}")
            barrier.wait()
            outcomes.append(booking.book(booking_form(n), request, session.pk).outcome)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            own.close()

    threads = [threading.Thread(target=contestant, args=(n,)) for n in range(contestants)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return sorted(outcomes)


def test_two_connections_race_for_the_last_place(station, make_session):
    session = make_session(station, capacity=2)
    Appointment.objects.create(session=session, people=1, form_token="early", manage_token_hash="x")
    assert race(session, 2) == [booking.CREATED, booking.FULL]
    assert Appointment.objects.active().count() == 2


def test_many_connections_never_overbook(station, make_session):
    session = make_session(station, capacity=3)
    assert race(session, 6) == [booking.CREATED] * 3 + [booking.FULL] * 3
    assert sum(Appointment.objects.active().values_list("people", flat=True)) == 3
