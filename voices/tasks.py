"""Mail to senders, through the task queue (django-tasks), never before the opinion is saved.
With the database queue (production) the task row is written in the same transaction as the
opinion: both commit or neither, so no crash in between can lose a mail. Other backends (the
immediate one runs the task at once) are called after the commit.

A task carries the opinion's id, the kind of message and — for the confirmation and receipt
messages only — the plain token the link needs (it is stored hashed on the opinion, so the
queue row is the only other place it lives until the task runs). When the mail server
refuses or is unreachable, the task re-enqueues itself with exponential backoff
(VOICES_MAIL_MAX_ATTEMPTS, VOICES_MAIL_RETRY_BACKOFF seconds doubling each time)."""

import datetime
import functools
import logging
import smtplib

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django_tasks import task, task_backends
from django_tasks_db.backend import DatabaseBackend

from .mail import compose, compose_new_opinion, compose_reminder
from .models import Opinion, OpinionReminder

logger = logging.getLogger(__name__)


@task(queue_name="default")
def send_sender_mail(opinion_id: int, kind: str, token: str = "", attempt: int = 1) -> str:
    opinion = Opinion.objects.select_related("sender").filter(pk=opinion_id).first()
    if opinion is None or not hasattr(opinion, "sender") or not opinion.sender.email:
        return "no address"
    subject, body = compose(kind, opinion, token)
    return send_or_retry(
        lambda: send_mail(subject, body, None, [opinion.sender.email]),
        send_sender_mail,
        (opinion_id, kind, token),
        attempt,
    )


@task(queue_name="default")
def send_new_opinion_mail(opinion_id: int, attempt: int = 1) -> str:
    """Tell the station's liaisons that a confirmed opinion waits in their inbox."""
    from .office import liaison_addresses

    opinion = Opinion.objects.select_related("station", "delegate", "topic").get(pk=opinion_id)
    recipients = liaison_addresses([opinion.station_id]) if opinion.station_id else []
    if not recipients:
        return "no address"
    subject, body = compose_new_opinion(opinion)
    return send_or_retry(
        lambda: send_mail(subject, body, None, recipients),
        send_new_opinion_mail,
        (opinion_id,),
        attempt,
    )


@task(queue_name="default")
def send_reminder_mail(reminder_id: int, attempt: int = 1) -> str:
    """A recorded 督办 reminder (voices/office.py) to the addresses recorded with it."""
    reminder = OpinionReminder.objects.select_related("assignment").get(pk=reminder_id)
    opinion = Opinion.objects.select_related(
        "station", "delegate", "topic", "handling_body", "assigned_delegate"
    ).get(pk=reminder.assignment.opinion_id)
    today = timezone.localdate(reminder.sent_at)
    subject, body = compose_reminder(opinion, reminder.stage, today)
    recipients = reminder.recipients.split()
    return send_or_retry(
        lambda: send_mail(subject, body, None, recipients),
        send_reminder_mail,
        (reminder_id,),
        attempt,
    )


def send_or_retry(send, mail_task, args: tuple, attempt: int) -> str:
    """Call `send()`; when the mail server refuses or is unreachable, enqueue `mail_task`
    again with `args` and the next attempt number, after an exponential backoff. Shared by
    every mail task to residents (voices, appointments)."""
    try:
        send()
    except (smtplib.SMTPException, OSError) as error:
        backend = task_backends[mail_task.backend]
        if attempt >= settings.VOICES_MAIL_MAX_ATTEMPTS or not backend.supports_defer:
            logger.error("mail %s%s failed: %s", mail_task.name, args, error)
            raise
        delay = settings.VOICES_MAIL_RETRY_BACKOFF * 2 ** (attempt - 1)
        mail_task.using(run_after=timezone.now() + datetime.timedelta(seconds=delay)).enqueue(
            *args, attempt + 1
        )
        logger.warning("mail %s%s retry in %ss", mail_task.name, args, delay)
        return "retry"
    return "sent"


def queue_mail(opinion: Opinion, kind: str, token: str = "") -> None:
    """Send `kind` to the sender (if they gave an e-mail address), queued with the change."""
    enqueue_with_the_change(send_sender_mail, opinion.pk, kind, token)


def queue_new_opinion_mail(opinion: Opinion) -> None:
    """Tell the station's liaisons about a newly confirmed opinion, queued with the change."""
    enqueue_with_the_change(send_new_opinion_mail, opinion.pk)


def enqueue_with_the_change(mail_task, *args) -> None:
    """Queue `mail_task(*args)` with the change that causes it. With the database queue the task
    row is written in the current transaction (the worker sees it after the commit; a rollback
    drops it, a crash cannot keep one without the other); other backends are called after the
    commit. Every resident's and staff mail is queued through here."""
    enqueue = functools.partial(mail_task.enqueue, *args)
    if isinstance(task_backends[mail_task.backend], DatabaseBackend):
        enqueue()
    else:
        transaction.on_commit(enqueue)
