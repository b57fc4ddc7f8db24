"""约访 in the admin: per-station scope (the liaison groups' page permissions), places left,
contact details only on request and logged, attendance, cancelling frees the place."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import ModelLogEntry

from appointments.models import Appointment, Attendance
from delegates.liaisons import liaison_group_name

from .conftest import book_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_session(make_station, make_session):
    return make_session(make_station(title="西城联络站"), capacity=4, topic="西城接访")


@pytest.fixture
def liaison(django_user_model, station):
    user = django_user_model.objects.create_user("liaison", password="pw")
    user.groups.add(Group.objects.get(name=liaison_group_name(station)))
    return user


def test_liaison_sees_only_own_station(client, liaison, session, other_session, book_data):
    client.post(book_url(session), book_data(people="2"))
    client.force_login(liaison)
    html = client.get("/admin/appointments/").content.decode()
    assert "东城街道人大代表联络站" in html and "西城联络站" not in html
    assert f"/admin/appointments/{session.pk}/" in html
    assert client.get(f"/admin/appointments/{other_session.pk}/").status_code == 404
    page = client.get(f"/admin/appointments/{session.pk}/").content.decode()
    assert "名额 3，已约 2 人，剩余 1" in page
    assert "李居民" in page and "小区加装电梯" in page


def test_contact_shown_on_request_and_logged(client, liaison, session, book_data):
    client.post(book_url(session), book_data(mobile="13912345678"))
    client.force_login(liaison)
    url = f"/admin/appointments/{session.pk}/"
    assert "13912345678" not in client.get(url).content.decode()
    assert not ModelLogEntry.objects.filter(action="appointments.view_contact").exists()
    html = client.post(url, {"action": "contact"}).content.decode()
    assert "13912345678" in html and "resident@example.com" in html
    entry = ModelLogEntry.objects.get(action="appointments.view_contact")
    assert entry.user == liaison and entry.object_id == str(Appointment.objects.get().pk)


def test_attendance_and_staff_cancel(client, liaison, session, book_data):
    client.post(book_url(session), book_data(people="3"))
    client.force_login(liaison)
    url = f"/admin/appointments/{session.pk}/"
    appointment = Appointment.objects.get()
    assert client.post(url, {"action": "cancel", "appointment": "x"}).status_code == 404
    client.post(url, {"action": "attended", "appointment": appointment.pk})
    assert Appointment.objects.get().attendance == Attendance.ATTENDED
    client.post(url, {"action": "cancel", "appointment": appointment.pk})
    appointment.refresh_from_db()
    assert not appointment.is_active and appointment.cancelled_by_staff
    assert "剩余 3" in client.get(url).content.decode()


def test_user_without_station_is_refused(client, django_user_model, session):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("nobody", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get("/admin/appointments/")
    assert response.status_code == 302 and response.url == "/admin/"
