"""Rebuild input: every public document read and analysed once, by forked workers when it can."""

import multiprocessing

import pytest
from django.db import connection

from search.documents import iter_prepared, registry


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_workers_read_and_analyse_every_document_once(sample_pages) -> None:
    serial = {doc.key: doc for doc in iter_prepared(workers=1)}
    assert set(serial) == registry.expected_keys()
    assert len(serial) >= 8

    docs = iter_prepared(workers=2)
    first = next(docs)
    forked = len(multiprocessing.active_children()) == 2
    parallel = [first, *docs]

    # Worker processes read on connections of their own: possible on a server database, not
    # on the in-memory SQLite test database (everything then happens in this process).
    in_memory = connection.vendor == "sqlite" and connection.is_in_memory_db()
    assert forked == (not in_memory)
    assert sorted(doc.key for doc in parallel) == sorted(serial)
    for doc in parallel:
        assert doc._analyzed == serial[doc.key]._analyzed
        assert doc._suggest == serial[doc.key]._suggest
    assert not multiprocessing.active_children()  # the workers are gone


@pytest.mark.django_db
def test_inside_a_transaction_everything_happens_here(sample_pages) -> None:
    """Uncommitted rows are invisible to other connections, so no worker is started."""
    docs = iter_prepared(workers=2)
    next(docs)
    assert not multiprocessing.active_children()
    assert len([1, *docs]) == len(registry.expected_keys())
