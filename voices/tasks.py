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

from .mail import compose
from .models import Opinion

logger = logging.getLogger(__name__)


@task(queue_name="default")
def send_sender_mail(opinion_id: int, kind: str, token: str = "", attempt: int = 1) -> str:
    opinion = Opinion.objects.select_related("sender").filter(pk=opinion_id).first()
    if opinion is None or not hasattr(opinion, "sender") or not opinion.sender.email:
        return "no address"
    subject, body = compose(kind, opinion, token)
    try:
        send_mail(subject, body, None, [opinion.sender.email])
    except (smtplib.SMTPException, OSError) as error:
        backend = task_backends[send_sender_mail.backend]
        if attempt >= settings.VOICES_MAIL_MAX_ATTEMPTS or not backend.supports_defer:
            logger.error("voices: mail %s for opinion %s failed: %s", kind, opinion_id, error)
            raise
        delay = settings.VOICES_MAIL_RETRY_BACKOFF * 2 ** (attempt - 1)
        send_sender_mail.using(
            run_after=timezone.now() + datetime.timedelta(seconds=delay)
        ).enqueue(opinion_id, kind, token, attempt + 1)
        logger.warning("voices: mail %s for opinion %s retry in %ss", kind, opinion_id, delay)
        return "retry"
    return "sent"


def queue_mail(opinion: Opinion, kind: str, token: str = "") -> None:
    """Send `kind` to the sender (if they gave an e-mail address) once the transaction commits."""
    enqueue = functools.partial(send_sender_mail.enqueue, opinion.pk, kind, token)
    if isinstance(task_backends[send_sender_mail.backend], DatabaseBackend):
        enqueue()  # a row in the current transaction: the worker sees it after the commit
    else:
        transaction.on_commit(enqueue)
