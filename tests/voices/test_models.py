import pytest
from django.utils import timezone

from voices import workflow
from voices.choices import EventKind, Rating, Status
from voices.models import Opinion, OpinionCounter, allocate_number

pytestmark = pytest.mark.django_db


def test_numbers_are_sequential_per_year():
    assert allocate_number(2025) == "JB-2025-000001"
    assert allocate_number(2025) == "JB-2025-000002"
    assert allocate_number(2026) == "JB-2026-000001"
    assert OpinionCounter.objects.get(year=2025).last == 2


def test_confirm_allocates_number_and_lookup_token(make_opinion):
    opinion = make_opinion()
    assert opinion.number is None
    opinion, lookup = workflow.confirm(opinion)
    year = timezone.localdate().year
    assert opinion.number == f"JB-{year}-000001"
    assert opinion.status == Status.RECEIVED
    assert lookup not in opinion.lookup_token_hash  # stored hashed
    from voices.models import token_digest

    assert Opinion.objects.get(lookup_token_hash=token_digest(lookup)) == opinion
    event = opinion.events.get()
    assert event.kind == EventKind.CONFIRMED
    assert opinion.number in event.public_text


def test_full_loop_to_closed(make_opinion, body, admin_user):
    opinion, _ = workflow.confirm(make_opinion())
    opinion = workflow.accept(opinion, admin_user)
    opinion = workflow.assign(opinion, admin_user, body=body)
    assert opinion.status == Status.ASSIGNED
    assert opinion.due_date > opinion.assigned_on
    assert body.name in opinion.events.get(kind=EventKind.ASSIGNED).public_text
    opinion = workflow.start(opinion, admin_user)
    opinion = workflow.answer(opinion, admin_user, "路灯已于本周修复。")
    assert opinion.first_answered_at is not None
    opinion = workflow.rate(opinion, Rating.SATISFIED)
    assert opinion.status == Status.CLOSED
    assert opinion.closed_at is not None
    kinds = list(opinion.events.values_list("kind", flat=True))
    assert kinds == ["confirmed", "accepted", "assigned", "started", "answered", "rated", "closed"]


def test_dissatisfied_reopens_once_then_closes(make_opinion, body, admin_user):
    opinion, _ = workflow.confirm(make_opinion())
    opinion = workflow.accept(opinion, admin_user)
    opinion = workflow.assign(opinion, admin_user, body=body)
    first = workflow.answer(opinion, admin_user, "已列入明年计划。")
    opinion = workflow.rate(first, Rating.DISSATISFIED, reopen=True)
    assert opinion.status == Status.IN_PROGRESS and opinion.reopened
    opinion = workflow.answer(opinion, admin_user, "已提前安排维修。")
    assert opinion.first_answered_at == first.first_answered_at
    with pytest.raises(workflow.TransitionError):
        workflow.rate(opinion, Rating.DISSATISFIED, reopen=True)
    opinion = workflow.rate(opinion, Rating.DISSATISFIED)
    assert opinion.status == Status.CLOSED
    assert opinion.rating == Rating.DISSATISFIED


def test_reopen_only_when_dissatisfied(make_opinion, body, admin_user):
    opinion, _ = workflow.confirm(make_opinion())
    opinion = workflow.assign(workflow.accept(opinion, admin_user), admin_user, body=body)
    opinion = workflow.answer(opinion, admin_user, "答复。")
    with pytest.raises(workflow.TransitionError):
        workflow.rate(opinion, Rating.SATISFIED, reopen=True)
    assert Opinion.objects.get(pk=opinion.pk).status == Status.ANSWERED


def test_illegal_transitions_are_refused(make_opinion, admin_user, body):
    opinion = make_opinion()
    with pytest.raises(workflow.TransitionError):
        workflow.accept(opinion, admin_user)  # not confirmed yet
    opinion, _ = workflow.confirm(opinion)
    with pytest.raises(workflow.TransitionError):
        workflow.answer(opinion, admin_user, "答复。")  # not assigned
    with pytest.raises(workflow.TransitionError):
        workflow.decline(opinion, admin_user, "  ")  # a reason is required
    opinion = workflow.decline(opinion, admin_user, "不属于人大代表工作范围，请拨打12345热线。")
    assert opinion.status == Status.DECLINED
    with pytest.raises(workflow.TransitionError):
        workflow.accept(opinion, admin_user)
    assert opinion.events.filter(kind=EventKind.DECLINED).get().public_text.startswith("不属于")


def test_merge_into_another_opinion(make_opinion, admin_user):
    first, _ = workflow.confirm(make_opinion())
    second, _ = workflow.confirm(make_opinion())
    with pytest.raises(workflow.TransitionError):
        workflow.merge(second, admin_user, into=second)
    merged = workflow.merge(second, admin_user, into=first)
    assert merged.status == Status.MERGED and merged.duplicate_of == first
    assert first.number in merged.events.get(kind=EventKind.MERGED).public_text


def test_internal_note_is_not_public(make_opinion, admin_user):
    opinion, _ = workflow.confirm(make_opinion())
    workflow.add_note(opinion, admin_user, "来信人情绪激动，已电话安抚。")
    public = [e.public_text for e in opinion.public_events()]
    assert not any("情绪" in text for text in public)
    assert opinion.events.filter(kind=EventKind.NOTE, internal_note__contains="情绪").exists()


def test_sender_anonymised_after_closing_only(make_opinion, admin_user):
    opinion, _ = workflow.confirm(make_opinion())
    with pytest.raises(workflow.TransitionError):
        workflow.anonymise_sender(opinion, admin_user)
    opinion = workflow.decline(opinion, admin_user, "重复来信。")
    workflow.anonymise_sender(opinion, admin_user)
    opinion.refresh_from_db()
    sender = opinion.sender
    assert (sender.name, sender.email, sender.mobile, sender.ip_hash) == ("", "", "", "")
    assert sender.anonymised_at is not None
    assert opinion.text.startswith("小区路灯")  # the opinion itself stays
    assert opinion.lookup_token_hash == ""


def test_overdue(make_opinion, admin_user, body):
    opinion, _ = workflow.confirm(make_opinion())
    opinion = workflow.accept(opinion, admin_user)
    yesterday = timezone.localdate() - timezone.timedelta(days=1)
    opinion = workflow.assign(opinion, admin_user, body=body, due_date=yesterday)
    assert opinion.is_overdue
    assert list(Opinion.objects.overdue()) == [opinion]
    workflow.answer(opinion, admin_user, "已办理。")
    assert not Opinion.objects.overdue().exists()
