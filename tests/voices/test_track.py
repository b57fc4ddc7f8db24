"""The private tracking page: timeline, adding information, rating and reopening once."""

import smtplib

import pytest
from django.core import mail

from voices import workflow
from voices.choices import EventKind, Status
from voices.tasks import send_sender_mail

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(make_opinion, admin_user, body):
    opinion, token = workflow.confirm(make_opinion())
    opinion = workflow.accept(opinion, admin_user)
    opinion = workflow.assign(opinion, admin_user, body=body)
    workflow.add_note(opinion, admin_user, "内部：承办单位经费紧张。")
    opinion = workflow.answer(opinion, admin_user, "路灯已列入本月维修计划。")
    return opinion, f"/voices/track/{token}/"


def test_timeline_shows_public_texts_only(client, answered):
    opinion, url = answered
    html = client.get(url).content.decode()
    assert "已交 区住房和城乡建设局 办理" in html
    assert "路灯已列入本月维修计划。" in html
    assert "经费紧张" not in html
    assert "resident@example.com" not in html and "李居民" not in html


def test_unknown_token_is_404(client, answered):
    assert client.get("/voices/track/not-a-token/").status_code == 404


def test_sender_adds_information(client, answered):
    opinion, url = answered
    response = client.post(url, {"action": "supplement", "text": "坏的是3号和5号灯杆。"})
    assert response.status_code == 302
    event = opinion.events.get(kind=EventKind.SUPPLEMENT)
    assert event.by_sender and "5号灯杆" in event.public_text
    assert "5号灯杆" in client.get(url).content.decode()


def test_dissatisfied_reopens_once(client, answered, admin_user):
    opinion, url = answered
    client.post(url, {"action": "rate", "rating": "dissatisfied", "reopen": "on"})
    opinion.refresh_from_db()
    assert opinion.status == Status.IN_PROGRESS and opinion.reopened
    workflow.answer(opinion, admin_user, "已于昨日修复。")
    html = client.get(url).content.decode()
    assert "申请重新办理" not in html  # used up
    response = client.post(url, {"action": "rate", "rating": "dissatisfied", "reopen": "on"})
    assert "只能申请一次" in response.content.decode()
    client.post(url, {"action": "rate", "rating": "basically"})
    opinion.refresh_from_db()
    assert opinion.status == Status.CLOSED and opinion.rating == "basically"
    assert "补充情况" not in client.get(url).content.decode()


def test_reopen_needs_dissatisfied(client, answered):
    opinion, url = answered
    response = client.post(url, {"action": "rate", "rating": "satisfied", "reopen": "on"})
    assert "只有选择“不满意”时才能申请重新办理" in response.content.decode()
    opinion.refresh_from_db()
    assert opinion.status == Status.ANSWERED


def test_progress_mail_after_commit(make_opinion, admin_user, django_capture_on_commit_callbacks):
    opinion, _ = workflow.confirm(make_opinion())
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        workflow.decline(opinion, admin_user, "不属于代表工作范围。")
    assert not mail.outbox  # nothing before the commit
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
    assert opinion.number in mail.outbox[0].subject and "不予受理" in mail.outbox[0].body


def test_mail_failure_is_retried_later(make_opinion, monkeypatch, settings):
    """With a queue that can defer (the database backend), a refused mail is re-enqueued."""
    opinion = make_opinion()
    enqueued = []

    class Backend:
        supports_defer = True

    def refuse(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("down")

    class Deferred:
        def enqueue(self, *args):
            enqueued.append(args)

    monkeypatch.setattr("voices.tasks.send_mail", refuse)
    monkeypatch.setattr("voices.tasks.task_backends", {send_sender_mail.backend: Backend()})
    monkeypatch.setattr(type(send_sender_mail), "using", lambda self, **kw: Deferred())
    assert send_sender_mail.func(opinion.pk, "progress") == "retry"
    assert enqueued == [(opinion.pk, "progress", "", 2)]
    settings.VOICES_MAIL_MAX_ATTEMPTS = 2
    with pytest.raises(smtplib.SMTPException):
        send_sender_mail.func(opinion.pk, "progress", "", 2)
