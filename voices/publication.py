"""Publishing an answered opinion on the public list (网上联络站 公开答复).

The sender's consent (`publish_consent`) is necessary but not sufficient: a liaison or editor
approves a public summary — the sender's own text may name neighbours or give addresses — and
may withdraw it again. What the public sees is `Opinion.objects.published()`; the list, the
detail page, the feeds and the search source all use that one rule. Saving the opinion purges
the cached pages and re-indexes its search document (voices/signals.py)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import EventKind
from .models import PUBLISHABLE_STATES, Opinion, OpinionEvent, OpinionSender, mask_name
from .workflow import TransitionError

SUMMARY_MAX_CHARS = Opinion._meta.get_field("public_summary").max_length


def suggested_summary(opinion: Opinion) -> str:
    """The prefill of the approval form: the opinion's text, cut to the summary's limit."""
    text = " ".join(opinion.text.split())
    if len(text) > SUMMARY_MAX_CHARS:
        text = text[: SUMMARY_MAX_CHARS - 1] + "…"
    return text


def may_publish(opinion: Opinion) -> bool:
    return opinion.publish_consent and opinion.status in PUBLISHABLE_STATES


@transaction.atomic
def publish(opinion: Opinion, actor, summary: str) -> Opinion:
    """Approve (or re-approve with a new summary) the opinion for the public list."""
    summary = summary.strip()
    if not summary:
        raise TransitionError(_("请填写公开摘要。"))
    opinion = Opinion.objects.select_for_update().get(pk=opinion.pk)
    if not opinion.publish_consent:
        raise TransitionError(_("来信人未同意公开，不能公开。"))
    if opinion.status not in PUBLISHABLE_STATES:
        raise TransitionError(_("答复之后才能公开。"))
    sender = OpinionSender.objects.filter(opinion=opinion).first()
    opinion.public_summary = summary
    opinion.public_name = mask_name(sender.name if sender else "")
    opinion.published_at = opinion.published_at or timezone.now()
    opinion.save(update_fields=["public_summary", "public_name", "published_at"])
    OpinionEvent.objects.create(
        opinion=opinion,
        kind=EventKind.NOTE,
        internal_note=_("批准公开（公开摘要已保存）。"),
        actor=actor,
    )
    return opinion


@transaction.atomic
def withdraw(opinion: Opinion, actor) -> Opinion:
    """Take the opinion off the public list; the summary is kept for a later approval."""
    opinion = Opinion.objects.select_for_update().get(pk=opinion.pk)
    if opinion.published_at is None:
        raise TransitionError(_("此意见未公开。"))
    opinion.published_at = None
    opinion.save(update_fields=["published_at"])
    OpinionEvent.objects.create(
        opinion=opinion, kind=EventKind.NOTE, internal_note=_("撤回公开。"), actor=actor
    )
    return opinion
