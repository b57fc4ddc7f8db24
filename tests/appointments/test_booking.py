"""The resident's path: places on the station page and the receptions list, booking, the
confirmation mail with its .ics, the private manage link and cancelling."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from appointments.models import Appointment
from delegates.models import ReceptionSession

from .conftest import book_url

pytestmark = pytest.mark.django_db


def manage_path(text):
    return re.search(r"/appointments/manage/[\w-]+/", text).group(0)


def places_left(session):
    return ReceptionSession.objects.with_places_taken().get(pk=session.pk).places_left


def test_station_page_and_receptions_show_places_and_link(client, station, session, book_data):
    html = client.get(station.url).content.decode()
    assert "余 3 个名额" in html and book_url(session) in html
    receptions = client.get(station.get_parent().url + "receptions/").content.decode()
    assert "余 3 个名额" in receptions and book_url(session) in receptions
    client.post(book_url(session), book_data(people="3"))
    html = client.get(station.url).content.decode()
    assert "已约满" in html and book_url(session) not in html
    # Who booked is never public: not on the pages, nor in the calendars and feeds.
    for url in (station.url, "/calendar/receptions.ics", f"/calendar/station-{station.pk}.ics"):
        text = client.get(url).content.decode()
        assert "李居民" not in text and "resident@example.com" not in text and "电梯" not in text


def test_delegate_page_shows_places_of_their_sessions(client, station, make_delegate, make_session):
    delegate = make_delegate(name="王代表", station=station)
    session = make_session(station, capacity=5, delegates=[delegate])
    html = client.get(delegate.url).content.decode()
    assert "余 5 个名额" in html and book_url(session) in html


def test_session_without_capacity_takes_no_booking(client, station, make_session):
    session = make_session(station, topic="社区治理")
    assert book_url(session) not in client.get(station.url).content.decode()
    response = client.get(book_url(session))
    assert "不需要预约" in response.content.decode()


def test_hidden_unannounced_and_past_sessions_cannot_be_booked(
    client, station, session, make_session, book_data
):
    unannounced = make_session(station, capacity=5)
    ReceptionSession.objects.filter(pk=unannounced.pk).update(announced_at=None)
    assert client.get(book_url(unannounced)).status_code == 404
    assert client.post(book_url(unannounced), book_data()).status_code == 404

    past = make_session(station, days_ahead=-1, capacity=5)
    response = client.post(book_url(past), book_data())
    assert "不再接受预约" in response.content.decode()
    assert not Appointment.objects.exists()

    station.unpublish()
    assert client.get(book_url(session)).status_code == 404
    assert client.post(book_url(session), book_data()).status_code == 404
    assert not Appointment.objects.exists()


def test_email_booking_confirm_ics_manage_and_cancel(
    client, station, session, book_data, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(book_url(session), book_data(people="2"))
    html = response.content.decode()
    assert "预约成功" in html and "已为您保留 2 个名额" in html
    assert "no-store" in response["Cache-Control"] and "noindex" in response["X-Robots-Tag"]
    appointment = Appointment.objects.get()
    assert appointment.contact.email == "resident@example.com"
    assert appointment.topic == "小区加装电梯的补贴政策"
    assert places_left(session) == 1

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "约访预约成功" in message.subject and station.title in message.subject
    assert "东城街道代表之家二楼" in message.body
    link = manage_path(message.body)
    assert link == manage_path(html)  # the page shows the same private link
    assert appointment.manage_token_hash not in message.body  # stored hashed only
    (name, content, mimetype) = message.attachments[0]
    assert name == "reception.ics" and mimetype == "text/calendar"
    event = next(c for c in Calendar.from_ical(content).walk() if c.name == "VEVENT")
    assert event["location"] == "东城街道代表之家二楼"
    assert station.title in str(event["summary"])
    assert event.decoded("dtstart") == session.start
    assert str(event["uid"]).startswith(f"reception-{session.pk}@")

    # GET shows the booking (mail scanners open links) and the calendar file; POST cancels.
    page = client.get(link)
    text = page.content.decode()
    assert "已预约" in text and "取消预约" in text and page["Referrer-Policy"] == "same-origin"
    ics = client.get(link + "reception.ics")
    assert ics["Content-Type"].startswith("text/calendar") and b"BEGIN:VEVENT" in ics.content
    assert Appointment.objects.get().is_active
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link)
    assert response.status_code == 302
    assert "已取消" in client.get(link).content.decode()
    assert places_left(session) == 3
    assert "已取消" in mail.outbox[1].subject
    assert client.get(link + "reception.ics").status_code == 404


def test_phone_only_booking_shows_link_on_the_page(
    client, session, book_data, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(book_url(session), book_data(email="", mobile="139 1234 5678"))
    html = response.content.decode()
    assert Appointment.objects.get().contact.mobile == "13912345678"
    assert mail.outbox == []
    link = manage_path(html)
    assert "取消预约" in client.get(link).content.decode()
    assert client.get("/appointments/manage/no-such-token/").status_code == 404


def test_double_post_makes_one_booking(client, session, book_data):
    data = book_data()
    first = client.post(book_url(session), data).content.decode()
    second = client.post(book_url(session), data).content.decode()
    assert Appointment.objects.count() == 1
    assert "预约成功" in second
    # The repeat shows a fresh link; the earlier one stops working.
    assert client.get(manage_path(second)).status_code == 200
    assert client.get(manage_path(first)).status_code == 404


def test_one_active_booking_per_contact_and_session(client, session, book_data):
    client.post(book_url(session), book_data())
    response = client.post(
        book_url(session), book_data(topic="第二次预约的事由", email="RESIDENT@example.com")
    )
    html = response.content.decode()
    assert "您已预约过本场接访" in html and "第二次预约的事由" in html
    assert Appointment.objects.count() == 1
    # After cancelling, the same person may book again.
    Appointment.objects.update(cancelled_at=timezone.now())
    client.post(book_url(session), book_data())
    assert Appointment.objects.active().count() == 1


def test_capacity_refusals_keep_the_text(client, session, book_data):
    client.post(book_url(session), book_data(people="2", email="a@example.com"))
    response = client.post(
        book_url(session), book_data(people="2", email="b@example.com", topic="停车难问题")
    )
    html = response.content.decode()
    assert "只剩 1 个名额" in html and "停车难问题" in html
    client.post(book_url(session), book_data(people="1", email="c@example.com"))
    response = client.post(book_url(session), book_data(email="d@example.com"))
    assert "已约满" in response.content.decode()
    assert places_left(session) == 0
    assert Appointment.objects.count() == 2


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"website": "http://spam.example"}, "提交未成功"),
        ({"stamp": "forged"}, "页面已过期"),
        ({"email": "", "mobile": ""}, "至少填写手机号码或电子邮箱"),
        ({"privacy": None}, "请阅读并同意个人信息处理说明"),
        ({"people": "4"}, "来访人数为 1 至 3 人"),
        ({"topic": "长" * 201}, "200 字以内"),
    ],
)
def test_refusals_keep_the_text(client, session, book_data, overrides, message):
    data = book_data(**overrides)
    html = client.post(book_url(session), data).content.decode()
    assert message in html
    assert data["name"] in html
    assert not Appointment.objects.exists()


def test_too_fast_is_refused(client, session, book_data):
    import time

    from voices.forms import FormStamp

    html = client.post(book_url(session), book_data(stamp=FormStamp.issue(at=time.time())))
    assert "提交过快" in html.content.decode()
    assert not Appointment.objects.exists()


def test_rate_limits_per_ip_and_contact(client, session, make_session, book_data, settings):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "appointments_contact": "1/d"}
    other = make_session(session.station, days_ahead=12, capacity=5)
    client.post(book_url(session), book_data())
    response = client.post(book_url(other), book_data(topic="另一场的事由"))
    assert response.status_code == 429
    assert "同一联系方式" in response.content.decode()
    assert "另一场的事由" in response.content.decode()

    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "appointments": "1/h"}
    client.post(book_url(other), book_data(email="x@example.com"))  # the first in this hour
    response = client.post(book_url(other), book_data(email="x@example.com", topic="再试一次"))
    assert response.status_code == 429 and "再试一次" in response.content.decode()
    assert Appointment.objects.count() == 2


def test_cancel_is_refused_after_the_start(client, session, book_data):
    html = client.post(book_url(session), book_data()).content.decode()
    link = manage_path(html)
    ReceptionSession.objects.filter(pk=session.pk).update(
        start=timezone.now() - datetime.timedelta(hours=1)
    )
    assert "不能再取消" in client.get(link).content.decode()
    client.post(link)
    assert Appointment.objects.get().is_active


def test_over_the_limit_a_right_answer_books(client, session, book_data, settings):
    """The same accessible challenge as the letter form (portal/challenge.py)."""
    from tests.voices.test_challenge import challenge_of

    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "appointments": "1/h"}
    client.post(book_url(session), book_data(website="bot"))  # the address's one post this hour
    data = book_data(topic="想反映小区停车难")
    asked = client.post(book_url(session), data)
    assert asked.status_code == 429 and "想反映小区停车难" in asked.content.decode()
    total, signed = challenge_of(asked)
    booked = client.post(
        book_url(session), {**data, "challenge": signed, "challenge_answer": str(total)}
    )
    assert booked.status_code == 200
    assert Appointment.objects.get().topic == "想反映小区停车难"
