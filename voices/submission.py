"""Turning a valid resident's form into one opinion — exactly one.

- the same form posted again (double click, a retried POST: the same form token) → the
  opinion that form already made (`REPEAT`), and no second confirmation mail;
- the same contact with the same text within a day → the earlier opinion (`DUPLICATE`); the
  sender is told its number, and an e-mail sender gets the link again by e-mail (never on the
  page: knowing someone's address and words must not reveal their opinion);
- otherwise a new opinion (`CREATED`): e-mail senders get a confirmation link by e-mail;
  phone-only senders are 待核实 until the liaison calls them, and get their private tracking
  link on the page at once."""

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from portal.client_ip import client_ip

from . import workflow
from .choices import EventKind, Status, Verification
from .mail import CONFIRM, RECEIVED
from .models import Opinion, OpinionEvent, OpinionPhoto, OpinionSender, new_token, token_digest
from .tasks import queue_mail

CREATED, REPEAT, DUPLICATE = "created", "repeat", "duplicate"
DUPLICATE_WINDOW = datetime.timedelta(days=1)


@dataclass
class Submission:
    opinion: Opinion
    outcome: str
    lookup_token: str = ""  # shown on the page (phone-only senders) when set


def text_digest(text: str) -> str:
    return token_digest("".join(text.split()))


def ip_digest(request) -> str:
    return salted_hmac("voices.ip", client_ip(request) or "").hexdigest()


def _duplicate_of(cleaned, text_hash):
    contact = Q()
    if cleaned["email"]:
        contact |= Q(sender__email=cleaned["email"])
    if cleaned["mobile"]:
        contact |= Q(sender__mobile=cleaned["mobile"])
    return (
        Opinion.objects.filter(contact, text_hash=text_hash)
        .filter(created_at__gte=timezone.now() - DUPLICATE_WINDOW)
        .exclude(status__in=(Status.DECLINED, Status.MERGED))
        .order_by("created_at")
        .first()
    )


def _again(opinion: Opinion, outcome: str) -> Submission:
    """An opinion posted again: repeat the links the sender needs."""
    if opinion.verification == Verification.PHONE:
        if outcome == REPEAT:  # the same browser's form: it may see the tracking link again
            return Submission(opinion, outcome, workflow.rotate_lookup_token(opinion))
        return Submission(opinion, outcome)
    if opinion.status == Status.PENDING:
        if outcome == REPEAT:  # its confirmation mail is already queued: a second one would
            return Submission(opinion, outcome)  # make the first link, arriving first, invalid
        token = new_token()
        Opinion.objects.filter(pk=opinion.pk).update(confirm_token_hash=token_digest(token))
        queue_mail(opinion, CONFIRM, token)
    elif opinion.sender.email:
        queue_mail(opinion, RECEIVED, workflow.rotate_lookup_token(opinion))
    return Submission(opinion, outcome)


def submit(form, request, station, delegate) -> Submission:
    cleaned = form.cleaned_data
    existing = Opinion.objects.filter(form_token=cleaned["form_token"]).first()
    if existing is not None:
        return _again(existing, REPEAT)
    text_hash = text_digest(cleaned["text"])
    duplicate = _duplicate_of(cleaned, text_hash)
    if duplicate is not None:
        return _again(duplicate, DUPLICATE)
    by_email = bool(cleaned["email"])
    confirm_token, lookup_token = new_token(), ""
    try:
        with transaction.atomic():
            opinion = Opinion.objects.create(
                topic=cleaned["topic"],
                text=cleaned["text"],
                community=cleaned["community"],
                station=station,
                delegate=delegate,
                publish_consent=cleaned["publish_consent"],
                verification=Verification.EMAIL if by_email else Verification.PHONE,
                form_token=cleaned["form_token"],
                text_hash=text_hash,
                confirm_token_hash=token_digest(confirm_token) if by_email else "",
            )
            OpinionSender.objects.create(
                opinion=opinion,
                name=cleaned["name"],
                mobile=cleaned["mobile"],
                email=cleaned["email"],
                ip_hash=ip_digest(request),
            )
            for photo in form.photos:
                OpinionPhoto.objects.create(opinion=opinion, file=photo)
            OpinionEvent.objects.create(
                opinion=opinion,
                kind=EventKind.SUBMITTED,
                public_text=_("您的意见已提交。"),
                by_sender=True,
            )
            if by_email:
                queue_mail(opinion, CONFIRM, confirm_token)
            else:
                lookup_token = workflow.rotate_lookup_token(opinion)
    except IntegrityError:  # the same form posted twice at the same moment
        existing = Opinion.objects.filter(form_token=cleaned["form_token"]).first()
        if existing is None:
            raise
        return _again(existing, REPEAT)
    return Submission(opinion, CREATED, lookup_token)
