"""Turning a valid comment form into one comment — exactly one — and confirming it.

- the same form posted again (a double click, a retried POST: the same form token) → the
  comment that form already made, and no second confirmation mail (`REPEAT`);
- the same contact with the same text on the same consultation within a day → the earlier
  comment (`DUPLICATE`); a still unconfirmed one gets a fresh link by e-mail;
- otherwise a new comment (`CREATED`). With an e-mail address it waits for the link in the
  confirmation mail (待确认); with a mobile number only it goes to the moderators at once,
  marked as not confirmed by e-mail (the moderator may call).

Only an open consultation takes comments: the check is made again under the comment's
transaction."""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from portal.client_ip import client_ip
from voices.models import new_token, token_digest
from voices.submission import text_digest

from .choices import CommentStatus
from .models import Comment, ConsultationPage
from .tasks import queue_confirm_mail

CREATED, REPEAT, DUPLICATE, CLOSED = "created", "repeat", "duplicate", "closed"
DUPLICATE_WINDOW = datetime.timedelta(days=1)


def _send_new_link(comment: Comment) -> None:
    token = new_token()
    Comment.objects.filter(pk=comment.pk).update(confirm_token_hash=token_digest(token))
    queue_confirm_mail(comment, token)


def _duplicate(consultation, contact: str, text: str):
    digest = text_digest(text)
    since = timezone.now() - DUPLICATE_WINDOW
    candidates = Comment.objects.filter(
        consultation=consultation, contact=contact, created_at__gte=since
    ).exclude(status=CommentStatus.REJECTED)
    return next((c for c in candidates if text_digest(c.text) == digest), None)


def submit(form, request, consultation_pk: int) -> tuple[str, Comment | None]:
    cleaned = form.cleaned_data
    existing = Comment.objects.filter(form_token=cleaned["form_token"]).first()
    if existing is not None:
        return REPEAT, existing
    contact = cleaned["email"] or cleaned["mobile"]
    by_email = bool(cleaned["email"])
    try:
        with transaction.atomic():
            consultation = (
                ConsultationPage.objects.visible()
                .select_for_update(of=("self",))
                .filter(pk=consultation_pk)
                .first()
            )
            if consultation is None or not consultation.is_open:
                return CLOSED, None
            duplicate = _duplicate(consultation, contact, cleaned["text"])
            if duplicate is not None:
                if duplicate.status == CommentStatus.PENDING and duplicate.by_email:
                    _send_new_link(duplicate)
                return DUPLICATE, duplicate
            token = new_token()
            comment = Comment.objects.create(
                consultation=consultation,
                article=cleaned["article"],
                name=cleaned["name"].strip(),
                contact=contact,
                text=cleaned["text"],
                by_email=by_email,
                status=CommentStatus.PENDING if by_email else CommentStatus.MODERATION,
                confirmed_at=None,
                form_token=cleaned["form_token"],
                confirm_token_hash=token_digest(token) if by_email else "",
                ip_hash=salted_hmac("consultations.ip", client_ip(request) or "").hexdigest(),
            )
            if by_email:
                queue_confirm_mail(comment, token)
    except IntegrityError:  # the same form posted twice at the same moment
        existing = Comment.objects.filter(form_token=cleaned["form_token"]).first()
        if existing is None:
            raise
        return REPEAT, existing
    return CREATED, comment


def pending_by_token(token: str) -> Comment | None:
    """The unconfirmed comment a confirmation link is for, while the link is valid."""
    since = timezone.now() - datetime.timedelta(days=settings.VOICES_CONFIRM_DAYS)
    if not token:
        return None
    return (
        Comment.objects.select_related("consultation", "article")
        .filter(
            confirm_token_hash=token_digest(token),
            status=CommentStatus.PENDING,
            created_at__gte=since,
        )
        .first()
    )


def confirm(comment: Comment) -> bool:
    """待确认 → 待审核, once (the link works one time); False when it was confirmed already."""
    done = Comment.objects.filter(pk=comment.pk, status=CommentStatus.PENDING).update(
        status=CommentStatus.MODERATION, confirmed_at=timezone.now(), confirm_token_hash=""
    )
    comment.refresh_from_db()
    return bool(done)
