"""Mail to senders, through the task queue (django-tasks), queued after the opinion is saved
(`queue_mail` uses transaction.on_commit: a rolled-back submission sends nothing).

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

from .mail import compose
from .models import Opinion

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
    """Send `kind` to the sender (if they gave an e-mail address) once the transaction commits."""
    transaction.on_commit(functools.partial(send_sender_mail.enqueue, opinion.pk, kind, token))
