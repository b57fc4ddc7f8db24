"""The office side: 督办 reminders (voices_remind), the mail to liaisons about a new opinion, and
closing answers nobody rates. Dates are in March 2026 (no holidays: plain Monday–Friday)."""

import datetime
import io

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from freezegun import freeze_time

from delegates.liaisons import liaison_group_name
from voices import workflow
from voices.choices import EventKind, Rating, Status
from voices.models import OpinionReminder
from voices.office import reminder_stage

pytestmark = pytest.mark.django_db

DUE = datetime.date(2026, 3, 20)  # a Friday


@pytest.fixture
def stations(make_station):
    return make_station(title="东城联络站"), make_station(title="西城联络站")


@pytest.fixture
def add_liaison(django_user_model):
    def factory(station, username, email):
        user = django_user_model.objects.create_user(username, email=email, password="pw")
        user.groups.add(Group.objects.get(name=liaison_group_name(station)))
        return user

    return factory


@pytest.fixture
def liaisons(stations, add_liaison):
    return (
        add_liaison(stations[0], "east", "east@example.gov.cn"),
        add_liaison(stations[1], "west", "west@example.gov.cn"),
    )


@pytest.fixture
def assigned(make_opinion, stations, body, admin_user, django_capture_on_commit_callbacks):
    """An opinion of the first station assigned on Monday 2 March 2026, due Friday 20 March."""
    body.contact_email = "banli@zjj.example.gov.cn"
    body.save()
    with freeze_time("2026-03-02 09:00"):
        opinion, _ = workflow.confirm(make_opinion(station=stations[0]))
        workflow.accept(opinion, admin_user)
        opinion = workflow.assign(opinion, admin_user, body=body, due_date=DUE)
    mail.outbox.clear()
    return opinion


def remind(day, capture) -> str:
    out = io.StringIO()
    with freeze_time(f"{day} 07:30"), capture(execute=True):
        call_command("voices_remind", stdout=out)
    return out.getvalue()


def test_reminder_stage_by_day(settings):
    settings.VOICES_REMIND_BEFORE_DAYS = 3
    assert reminder_stage(DUE, datetime.date(2026, 3, 16)) is None  # 4 working days ahead
    assert reminder_stage(DUE, datetime.date(2026, 3, 17)) == "before"
    assert reminder_stage(DUE, DUE) == "before"
    assert reminder_stage(DUE, datetime.date(2026, 3, 21)) == "overdue"
    assert reminder_stage(DUE, datetime.date(2026, 3, 27)) == "overdue"
    assert reminder_stage(DUE, datetime.date(2026, 3, 28)) == "overdue-1w"
    assert reminder_stage(DUE, datetime.date(2026, 4, 4)) == "overdue-2w"


def test_reminders_once_per_stage_to_the_body_and_the_liaisons(
    assigned, liaisons, settings, django_capture_on_commit_callbacks
):
    settings.VOICES_REMIND_BEFORE_DAYS = 3
    remind("2026-03-16", django_capture_on_commit_callbacks)
    assert mail.outbox == []
    assert "发送 1 件" in remind("2026-03-17", django_capture_on_commit_callbacks)
    # run twice the same day
    assert "已发过 1 件" in remind("2026-03-17", django_capture_on_commit_callbacks)
    remind("2026-03-19", django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    before = mail.outbox[0]
    assert before.to == ["banli@zjj.example.gov.cn", "east@example.gov.cn"]
    assert f"督办提醒：{assigned.number} 将于 2026-03-20 到期" in before.subject
    assert f"受理编号：{assigned.number}" in before.body
    assert "类别：城市建设" in before.body and "办理期限：2026-03-20" in before.body
    assert "承办单位：区住房和城乡建设局" in before.body
    assert f"http://testserver/admin/voices/{assigned.pk}/" in before.body
    # Never the sender's name or contacts, nor the text (it may hold them).
    for private in ("李居民", "resident@example.com", "路灯坏了"):
        assert private not in before.body and private not in before.subject

    remind("2026-03-21", django_capture_on_commit_callbacks)
    remind("2026-03-22", django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2
    overdue = mail.outbox[1]
    assert "已超期（办理期限 2026-03-20）" in overdue.subject
    assert "已超过办理期限 1 天" in overdue.body
    remind("2026-03-28", django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 3 and "已超过办理期限 8 天" in mail.outbox[2].body
    stages = OpinionReminder.objects.values_list("stage", flat=True)
    assert list(stages) == ["before", "overdue", "overdue-1w"]


def test_answered_opinions_get_no_reminder(
    assigned, liaisons, admin_user, django_capture_on_commit_callbacks
):
    with freeze_time("2026-03-10 10:00"):
        workflow.answer(assigned, admin_user, "已修复。")
    mail.outbox.clear()
    remind("2026-03-23", django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_a_new_assignment_starts_the_reminders_afresh(
    assigned, liaisons, admin_user, body, django_capture_on_commit_callbacks
):
    remind("2026-03-18", django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    with freeze_time("2026-03-19 10:00"):
        workflow.assign(assigned, admin_user, body=body, due_date=datetime.date(2026, 3, 24))
    mail.outbox.clear()
    remind("2026-03-20", django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1 and "将于 2026-03-24 到期" in mail.outbox[0].subject


def test_reminder_reaches_the_assigned_delegates_station_liaisons(
    make_opinion, make_delegate, stations, liaisons, admin_user, django_capture_on_commit_callbacks
):
    delegate = make_delegate(name="赵代表", station=stations[1])
    with freeze_time("2026-03-02 09:00"):
        opinion, _ = workflow.confirm(make_opinion(station=stations[0]))
        workflow.accept(opinion, admin_user)
        workflow.assign(opinion, admin_user, delegate=delegate, due_date=DUE)
    mail.outbox.clear()
    remind("2026-03-23", django_capture_on_commit_callbacks)
    assert mail.outbox[0].to == ["east@example.gov.cn", "west@example.gov.cn"]
    assert "交办代表：赵代表" in mail.outbox[0].body


def test_without_any_address_nothing_is_recorded(
    make_opinion, stations, body, admin_user, django_capture_on_commit_callbacks
):
    with freeze_time("2026-03-02 09:00"):
        opinion, _ = workflow.confirm(make_opinion(station=stations[0]))
        workflow.accept(opinion, admin_user)
        workflow.assign(opinion, admin_user, body=body, due_date=DUE)
    remind("2026-03-23", django_capture_on_commit_callbacks)
    assert not OpinionReminder.objects.exists()


def test_liaisons_are_told_of_a_confirmed_opinion(
    make_opinion, stations, liaisons, django_capture_on_commit_callbacks
):
    opinion = make_opinion(station=stations[0], text="东城公园的健身器材坏了，请维修。")
    with django_capture_on_commit_callbacks(execute=True):
        opinion, _ = workflow.confirm(opinion)  # the sender's e-mail link
    staff = [m for m in mail.outbox if m.to == ["east@example.gov.cn"]]
    assert len(staff) == 1 and len(mail.outbox) == 2  # and the sender's receipt
    assert f"新来信 {opinion.number}" in staff[0].subject
    assert f"http://testserver/admin/voices/{opinion.pk}/" in staff[0].body
    assert "联络站：东城联络站" in staff[0].body
    for private in ("李居民", "resident@example.com", "健身器材"):
        assert private not in staff[0].body


def test_liaisons_are_told_when_a_phone_sender_is_confirmed(
    make_opinion, stations, liaisons, django_capture_on_commit_callbacks
):
    opinion = make_opinion(station=stations[1], email="")
    with django_capture_on_commit_callbacks(execute=True):
        opinion, _ = workflow.confirm(opinion, actor=liaisons[1])
    assert [m.to for m in mail.outbox] == [["west@example.gov.cn"]]
    assert "13900001111" not in mail.outbox[0].body


def test_unrated_answer_is_closed_after_the_working_days(
    client, make_opinion, stations, admin_user, body, settings, django_capture_on_commit_callbacks
):
    settings.VOICES_AUTO_CLOSE_WORKING_DAYS = 10
    opinion = make_opinion(station=stations[0])
    rated = make_opinion(station=stations[0])
    with freeze_time("2026-03-02 09:00"):
        opinion, lookup = workflow.confirm(opinion)
        rated, _ = workflow.confirm(rated)
        for o in (opinion, rated):
            workflow.accept(o, admin_user)
            workflow.assign(o, admin_user, body=body)
            workflow.answer(o, admin_user, "路灯已经修好。")
    with freeze_time("2026-03-05 10:00"):
        workflow.rate(rated, Rating.SATISFIED)
        html = client.get(f"/voices/track/{lookup}/").content.decode()
    assert "请在 2026-03-16（含当日）之前评价；逾期未评价的，本件将自动办结。" in html
    remind("2026-03-16", django_capture_on_commit_callbacks)
    opinion.refresh_from_db()
    assert opinion.status == Status.ANSWERED
    mail.outbox.clear()
    remind("2026-03-17", django_capture_on_commit_callbacks)
    remind("2026-03-18", django_capture_on_commit_callbacks)
    opinion.refresh_from_db()
    assert opinion.status == Status.CLOSED and opinion.closed_at is not None
    closing = opinion.events.filter(kind=EventKind.CLOSED)
    assert [e.public_text for e in closing] == ["逾期未评价，自动办结。"]
    assert rated.events.filter(kind=EventKind.CLOSED).count() == 1  # closed by its rating
    assert len(mail.outbox) == 1 and "已办结" in mail.outbox[0].body  # the sender is told


def test_auto_close_can_be_turned_off(make_opinion, admin_user, settings, body):
    settings.VOICES_AUTO_CLOSE_WORKING_DAYS = 0
    with freeze_time("2026-03-02 09:00"):
        opinion, _ = workflow.confirm(make_opinion())
        workflow.accept(opinion, admin_user)
        workflow.assign(opinion, admin_user, body=body)
        workflow.answer(opinion, admin_user, "已处理。")
    assert opinion.rating_deadline is None
    with freeze_time("2026-06-01 07:30"):
        call_command("voices_remind", stdout=io.StringIO())
    opinion.refresh_from_db()
    assert opinion.status == Status.ANSWERED
