"""A mail server outage loses no mail: a real SMTP server (aiosmtpd on 127.0.0.1) is stopped
while residents submit and confirm, the database task queue keeps every message, its worker
(`manage.py db_worker`) retries them, and once the server is back each arrives exactly once."""

import email
import re
import socket
import time

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from voices.choices import Status
from voices.models import Opinion

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
URL = "/voices/write/"
RESIDENTS = 3
DRAIN_SECONDS = 60  # a safety net against a queue that never empties, not a measurement


class Mailbox:
    """aiosmtpd handler keeping every message it accepts."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content)
        self.messages.append((envelope.rcpt_tos, message))
        return "250 OK"


class SMTPServer:
    """A real SMTP server on a fixed local port that can be stopped and started again."""

    def __init__(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.mailbox = Mailbox()
        self.controller = None

    def start(self):
        self.controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def received(self, subject_part):
        """(recipient, decoded body) of the messages whose subject contains `subject_part`."""
        found = []
        for recipients, message in self.mailbox.messages:
            subject = str(email.header.make_header(email.header.decode_header(message["Subject"])))
            if subject_part in subject:
                body = message.get_payload(decode=True).decode(message.get_content_charset())
                found.extend((recipient, subject, body) for recipient in recipients)
        return found


@pytest.fixture
def smtp(settings):
    server = SMTPServer()
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_TIMEOUT = 5
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.VOICES_MAIL_RETRY_BACKOFF = 1  # seconds before the first retry
    yield server
    server.stop()


def run_worker():
    """One pass of the production worker over every task that is due now."""
    call_command(
        "db_worker", "--batch", "--queue-name", "*", "--no-startup-delay", "--no-reload",
        verbosity=0,
    )  # fmt: skip


def drain_queue():
    """Run the worker until no task waits, including retries scheduled for later."""
    deadline = time.monotonic() + DRAIN_SECONDS
    while DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists():
        if time.monotonic() > deadline:
            pytest.fail("the mail queue did not empty")
        run_worker()
        time.sleep(0.2)


def mail_tasks():
    """The queue's mail tasks (other tasks, e.g. search index updates, run through it too)."""
    return DBTaskResult.objects.filter(task_path__startswith="voices.tasks.send_")


def queued_mails():
    return mail_tasks().filter(status=TaskResultStatus.READY).count()


def link(body, kind):
    url = re.search(rf"https?://[^\s]+/voices/{kind}/[^\s]+/", body).group(0)
    return "/" + url.split("/", 3)[3]


def resident(n):
    return f"resident{n}@example.com"


def test_every_mail_arrives_once_after_an_outage(client, form_data, smtp):
    smtp.stop()
    for n in range(RESIDENTS):
        text = f"第{n}号楼前的路灯坏了三个月，晚上出行很不方便，请尽快修复。"
        response = client.post(URL, form_data(email=resident(n), text=text))
        assert "确认邮件" in response.content.decode()
    # Every opinion is saved although no mail can leave.
    assert Opinion.objects.filter(status=Status.PENDING).count() == RESIDENTS
    assert queued_mails() == RESIDENTS

    run_worker()  # each attempt fails and schedules a retry instead of dropping the mail
    assert smtp.mailbox.messages == []
    retries = mail_tasks().filter(status=TaskResultStatus.READY)
    assert sorted(r.args_kwargs["args"][3] for r in retries) == [2] * RESIDENTS
    assert all(r.run_after is not None for r in retries)
    attempts = mail_tasks().successful()
    assert [r.return_value for r in attempts] == ["retry"] * RESIDENTS

    smtp.start()
    drain_queue()
    confirmations = smtp.received("请确认")
    assert sorted(r for r, _, _ in confirmations) == [resident(n) for n in range(RESIDENTS)]

    # The residents confirm while the server is down again: numbers are allocated and saved.
    smtp.stop()
    for recipient, _subject, body in confirmations:
        response = client.post(link(body, "confirm"))
        opinion = Opinion.objects.get(sender__email=recipient)
        assert opinion.status == Status.RECEIVED
        assert opinion.number in response.content.decode()
    run_worker()
    assert len(smtp.mailbox.messages) == RESIDENTS  # only the confirmation requests so far
    assert queued_mails() == RESIDENTS

    smtp.start()
    drain_queue()
    assert len(smtp.mailbox.messages) == 2 * RESIDENTS
    for opinion in Opinion.objects.select_related("sender"):
        receipts = smtp.received(opinion.number)
        assert [recipient for recipient, _, _ in receipts] == [opinion.sender.email]
        (_recipient, _subject, body) = receipts[0]
        assert opinion.number in client.get(link(body, "track")).content.decode()
    assert not DBTaskResult.objects.failed().exists()
