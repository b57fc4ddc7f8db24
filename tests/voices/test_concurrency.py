"""Races between real database connections (two threads, each with its own connection) on
PostgreSQL: the same form posted twice at once, numbers allocated at once, the same
confirmation link posted twice at once. SQLite serialises writers (transaction_mode
IMMEDIATE), so these races cannot happen there; `make bench-voices` covers it under load."""

import re
import threading

import pytest
from django.core import mail
from django.db import connection, transaction
from django.test import Client

from voices import submission, workflow
from voices.choices import EventKind, Status
from voices.models import Opinion, OpinionCounter, allocate_number

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]
URL = "/voices/write/"
WAIT = 30  # seconds a thread waits for the other before the test fails (a hang, not a timing)


def run_together(*calls):
    """Run each call in its own thread (its own database connection); re-raise any error."""
    results, errors = [None] * len(calls), []

    def run(index, call):
        try:
            results[index] = call()
        except BaseException as error:  # noqa: BLE001 - reported in the main thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT * 2)
        assert not thread.is_alive(), "a request hung"
    if errors:
        raise errors[0]
    return results


def meet_before(monkeypatch, owner, name, parties=2):
    """Make `owner.name` wait until `parties` threads have reached it: both requests have
    passed their checks before either writes."""
    original = getattr(owner, name)
    barrier = threading.Barrier(parties, timeout=WAIT)

    def waiting(*args, **kwargs):
        barrier.wait()
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, waiting)


def test_same_form_posted_twice_at_once_makes_one_opinion(form_data, monkeypatch):
    data = form_data()
    # Both requests looked for the form token, found nothing, and go on to insert.
    meet_before(monkeypatch, submission, "_duplicate_of")
    first, second = run_together(lambda: Client().post(URL, data), lambda: Client().post(URL, data))
    assert Opinion.objects.count() == 1
    opinion = Opinion.objects.get()
    assert opinion.form_token
    for response in (first, second):
        assert response.status_code == 200
        assert "意见已提交" in response.content.decode()
    assert opinion.sender.email == "resident@example.com"
    assert [m.to for m in mail.outbox] == [["resident@example.com"]]  # one confirmation mail


def test_numbers_allocated_at_once_are_distinct_and_consecutive():
    per_thread = 15
    barrier = threading.Barrier(2, timeout=WAIT)

    def allocate():
        barrier.wait()  # both start with no counter row for the year: get_or_create races too
        numbers = []
        for _ in range(per_thread):
            with transaction.atomic():
                numbers.append(allocate_number(2031))
        return numbers

    first, second = run_together(allocate, allocate)
    numbers = first + second
    assert len(set(numbers)) == 2 * per_thread
    assert sorted(numbers) == [f"JB-2031-{n:06d}" for n in range(1, 2 * per_thread + 1)]
    assert OpinionCounter.objects.get(year=2031).last == 2 * per_thread


def test_same_confirmation_posted_twice_at_once_gives_one_number_and_one_mail(
    client, form_data, monkeypatch
):
    client.post(URL, form_data())
    confirm_url = re.search(r"/voices/confirm/[^\s/]+/", mail.outbox[0].body).group(0)
    mail.outbox.clear()
    # Both requests found the opinion still 待确认 before either locks it.
    meet_before(monkeypatch, workflow, "_locked")
    first, second = run_together(
        lambda: Client().post(confirm_url), lambda: Client().post(confirm_url)
    )
    opinion = Opinion.objects.get()
    assert opinion.status == Status.RECEIVED and opinion.number.endswith("-000001")
    assert OpinionCounter.objects.get().last == 1
    assert opinion.events.filter(kind=EventKind.CONFIRMED).count() == 1
    for response in (first, second):
        assert response.status_code == 200
        assert opinion.number in response.content.decode()
    assert [(m.to, opinion.number in m.subject) for m in mail.outbox] == [
        (["resident@example.com"], True)
    ]
