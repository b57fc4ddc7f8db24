"""Every change to an opinion's state: checks the transition (models.TRANSITIONS), writes the
timeline event in the same transaction, and queues the e-mail to the sender after the commit.

Public texts are what the sender reads on the tracking page; internal notes never leave the
admin."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import EventKind, Rating, Status, Verification
from .mail import PROGRESS, RECEIVED
from .models import Opinion, OpinionEvent, allocate_number, new_token, token_digest
from .tasks import queue_mail, queue_new_opinion_mail
from .workdays import add_working_days


class TransitionError(ValidationError):
    pass


def _event(opinion, kind, public_text="", internal_note="", actor=None, by_sender=False):
    return OpinionEvent.objects.create(
        opinion=opinion,
        kind=kind,
        public_text=public_text,
        internal_note=internal_note,
        actor=actor,
        by_sender=by_sender,
    )


def _move(opinion: Opinion, status: Status):
    if not opinion.can_move_to(status):
        raise TransitionError(
            _("当前状态为“%(from)s”，不能改为“%(to)s”。")
            % {"from": opinion.get_status_display(), "to": Status(status).label}
        )
    opinion.status = status


def _locked(opinion: Opinion) -> Opinion:
    """Re-read the opinion with a row lock so two clerks cannot both move it."""
    return Opinion.objects.select_for_update().get(pk=opinion.pk)


@transaction.atomic
def confirm(opinion: Opinion, actor=None) -> tuple[Opinion, str]:
    """已收到: the sender confirmed by e-mail (actor None) or the liaison by phone. Allocates
    the 受理编号 and, unless the sender already has one (phone senders get theirs when they
    submit), a private tracking token, returned in plain text this once ("" otherwise)."""
    opinion = _locked(opinion)
    _move(opinion, Status.RECEIVED)
    now = timezone.now()
    opinion.number = allocate_number(timezone.localtime(now).year)
    opinion.confirmed_at = now
    opinion.verification = Verification.CONFIRMED
    opinion.confirm_token_hash = ""
    lookup = ""
    if not opinion.lookup_token_hash:  # phone senders keep the link they were shown
        lookup = new_token()
        opinion.lookup_token_hash = token_digest(lookup)
    opinion.save()
    how = _("来信人已通过邮件确认。") if actor is None else _("联络员已电话核实来信人。")
    _event(
        opinion,
        EventKind.CONFIRMED,
        public_text=_("您的意见已收到，受理编号 %(number)s。") % {"number": opinion.number},
        internal_note=how,
        actor=actor,
    )
    if lookup:
        queue_mail(opinion, RECEIVED, lookup)
    queue_new_opinion_mail(opinion)
    return opinion, lookup


def rotate_lookup_token(opinion: Opinion) -> str:
    lookup = new_token()
    Opinion.objects.filter(pk=opinion.pk).update(lookup_token_hash=token_digest(lookup))
    opinion.lookup_token_hash = token_digest(lookup)
    return lookup


@transaction.atomic
def accept(opinion, actor, public_text=""):
    opinion = _locked(opinion)
    _move(opinion, Status.ACCEPTED)
    opinion.save()
    _event(
        opinion,
        EventKind.ACCEPTED,
        public_text=public_text or _("您的意见已受理，我们将交有关代表或单位办理。"),
        actor=actor,
    )
    return opinion


@transaction.atomic
def decline(opinion, actor, reason):
    if not reason.strip():
        raise TransitionError(_("请填写不予受理的理由，来信人会看到这段说明。"))
    opinion = _locked(opinion)
    _move(opinion, Status.DECLINED)
    opinion.decline_reason = reason
    opinion.closed_at = timezone.now()
    opinion.save()
    _event(opinion, EventKind.DECLINED, public_text=reason, actor=actor)
    queue_mail(opinion, PROGRESS)
    return opinion


@transaction.atomic
def merge(opinion, actor, into: Opinion):
    """A duplicate of `into` (the same matter raised again): the sender follows `into`."""
    if (
        into.pk == opinion.pk
        or into.duplicate_of_id
        or into.status
        in (
            Status.PENDING,
            Status.MERGED,
            Status.DECLINED,
        )
    ):
        raise TransitionError(_("只能合并到另一件已确认、未被合并的意见。"))
    opinion = _locked(opinion)
    _move(opinion, Status.MERGED)
    opinion.duplicate_of = into
    opinion.closed_at = timezone.now()
    opinion.save()
    _event(
        opinion,
        EventKind.MERGED,
        public_text=_("您反映的问题与受理编号 %(number)s 的意见相同，已合并办理。")
        % {"number": into.number},
        actor=actor,
    )
    queue_mail(opinion, PROGRESS)
    return opinion


@transaction.atomic
def assign(opinion, actor, delegate=None, body=None, due_date=None, public_text=""):
    """已交办 to a delegate and/or a handling body; due by default N working days later
    (settings.VOICES_DUE_WORKING_DAYS), respecting holidays and 调休."""
    if delegate is None and body is None:
        raise TransitionError(_("请选择交办的代表或承办单位。"))
    opinion = _locked(opinion)
    _move(opinion, Status.ASSIGNED)
    today = timezone.localdate()
    opinion.assigned_delegate = delegate
    opinion.handling_body = body
    opinion.assigned_on = today
    opinion.due_date = due_date or add_working_days(today, settings.VOICES_DUE_WORKING_DAYS)
    opinion.save()
    whom = "、".join(str(x) for x in (delegate, body) if x is not None)
    _event(
        opinion,
        EventKind.ASSIGNED,
        public_text=public_text
        or _("已交 %(whom)s 办理，办理期限 %(due)s。")
        % {"whom": whom, "due": opinion.due_date.isoformat()},
        actor=actor,
    )
    queue_mail(opinion, PROGRESS)
    return opinion


@transaction.atomic
def start(opinion, actor, public_text=""):
    opinion = _locked(opinion)
    _move(opinion, Status.IN_PROGRESS)
    opinion.save()
    _event(opinion, EventKind.STARTED, public_text=public_text or _("正在办理中。"), actor=actor)
    return opinion


@transaction.atomic
def answer(opinion, actor, text):
    if not text.strip():
        raise TransitionError(_("请填写答复内容。"))
    opinion = _locked(opinion)
    _move(opinion, Status.ANSWERED)
    now = timezone.now()
    opinion.public_answer = text
    opinion.answered_at = now
    opinion.first_answered_at = opinion.first_answered_at or now
    opinion.rating = ""
    opinion.save()
    _event(opinion, EventKind.ANSWERED, public_text=text, actor=actor)
    queue_mail(opinion, PROGRESS)
    return opinion


@transaction.atomic
def add_note(opinion, actor, note):
    if not note.strip():
        raise TransitionError(_("备注不能为空。"))
    return _event(opinion, EventKind.NOTE, internal_note=note, actor=actor)


@transaction.atomic
def supplement(opinion, text):
    """The sender adds information from the tracking page."""
    if opinion.status in (Status.CLOSED, Status.DECLINED, Status.MERGED):
        raise TransitionError(_("此意见已办结，不能再补充。"))
    return _event(opinion, EventKind.SUPPLEMENT, public_text=text, by_sender=True)


@transaction.atomic
def rate(opinion, rating, reopen=False, comment=""):
    """The sender rates the answer. 不满意 may ask once for the matter to be handled again
    (back to 办理中); any other rating, or a second one, closes it (办结)."""
    opinion = _locked(opinion)
    if opinion.status != Status.ANSWERED:
        raise TransitionError(_("答复之后才能评价。"))
    rating = Rating(rating)
    if reopen and (rating != Rating.DISSATISFIED or opinion.reopened):
        raise TransitionError(_("只有“不满意”时可以申请重新办理，且只能申请一次。"))
    opinion.rating = rating
    text = _("评价：%(rating)s。") % {"rating": rating.label}
    if comment:
        text += comment
    _event(opinion, EventKind.RATED, public_text=text, by_sender=True)
    if reopen:
        _move(opinion, Status.IN_PROGRESS)
        opinion.reopened = True
        opinion.save()
        _event(opinion, EventKind.REOPENED, public_text=_("已按您的要求重新办理。"))
    else:
        _move(opinion, Status.CLOSED)
        opinion.closed_at = timezone.now()
        opinion.save()
        _event(opinion, EventKind.CLOSED, public_text=_("本件意见已办结。"))
    return opinion


@transaction.atomic
def auto_close(opinion):
    """办结 an answer the sender did not rate by its deadline (Opinion.rating_deadline)."""
    opinion = _locked(opinion)
    if opinion.status != Status.ANSWERED:
        raise TransitionError(_("只有已答复、未评价的意见可以自动办结。"))
    _move(opinion, Status.CLOSED)
    opinion.closed_at = timezone.now()
    opinion.save()
    _event(opinion, EventKind.CLOSED, public_text=_("逾期未评价，自动办结。"))
    queue_mail(opinion, PROGRESS)
    return opinion


@transaction.atomic
def anonymise_sender(opinion, actor=None):
    """Delete the sender's personal data of a finished opinion; the opinion stays."""
    if opinion.status not in (Status.CLOSED, Status.DECLINED, Status.MERGED):
        raise TransitionError(_("办结之后才能删除来信人个人信息。"))
    opinion.sender.anonymise()
    Opinion.objects.filter(pk=opinion.pk).update(lookup_token_hash="", confirm_token_hash="")
    _event(opinion, EventKind.ANONYMISED, internal_note=_("来信人个人信息已删除。"), actor=actor)
