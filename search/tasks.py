"""The indexing queue: django-tasks tasks that bring index entries in line with the database.

A task carries document keys only (``page:12``), never content: when it runs it reads the
current state, indexes what is live and public and deletes the rest, so tasks are idempotent
and may run late, twice or out of order. With the database task backend
(``TASKS_BACKEND=django_tasks_db.DatabaseBackend``) the task row is written in the same
transaction as the publish that caused it, and ``manage.py db_worker`` drains the queue; when
the search backend is down the task re-enqueues itself with exponential backoff
(``SEARCH_INDEX_RETRY_BACKOFF``, up to ``SEARCH_INDEX_MAX_ATTEMPTS``), so nothing is lost and
publishing never fails because of search.
"""

from __future__ import annotations

import datetime
import logging

from django.utils import timezone
from django_tasks import task, task_backends

from .backends import get_backend, get_fallback_backend, search_config
from .backends.base import SearchUnavailable
from .documents import BuildContext, registry

logger = logging.getLogger(__name__)

QUEUE = "default"


def backoff_seconds(attempt: int, config: dict | None = None) -> float:
    config = config or search_config()
    base = float(config.get("RETRY_BACKOFF", 5))
    return min(base * 2 ** (attempt - 1), float(config.get("RETRY_BACKOFF_MAX", 600)))


@task(queue_name=QUEUE)
def sync_documents(keys: list[str], attempt: int = 1) -> dict:
    """Index the current state of each key (or remove it from the index)."""
    context = BuildContext()
    docs, gone = [], []
    for key in keys:
        doc = registry.build(key, context)
        if doc is None:
            gone.append(key)
        else:
            docs.append(doc)
    fallback = get_fallback_backend()
    if fallback is not None:  # in the database: it cannot be "down" while we run
        fallback.index(docs)
        fallback.delete(gone)
    backend = get_backend()
    try:
        backend.index(docs)
        backend.delete(gone)
    except SearchUnavailable as exc:
        config = search_config()
        if attempt >= int(config.get("MAX_ATTEMPTS", 8)):
            logger.error("search index update gave up after %s attempts: %s", attempt, keys)
            raise
        queue = task_backends[sync_documents.backend]
        if not queue.supports_defer:
            raise  # immediate mode (development, tests): `search_check --fix` repairs
        delay = backoff_seconds(attempt, config)
        sync_documents.using(run_after=timezone.now() + datetime.timedelta(seconds=delay)).enqueue(
            keys, attempt + 1
        )
        logger.warning("search backend unavailable (%s); retry %s in %.1fs", exc, attempt, delay)
        return {"indexed": 0, "deleted": 0, "retry_in": delay}
    return {"indexed": len(docs), "deleted": len(gone)}


def enqueue_sync(keys) -> None:
    """Queue an index update for these keys, in the current transaction.

    With the database task backend the task row commits or rolls back with the change that
    caused it. With the immediate backend (development, tests) it runs at once, in the same
    transaction; a failure there is recorded on the task result, never raised to the caller.
    """
    keys = sorted(set(keys))
    if not keys:
        return
    for start in range(0, len(keys), 200):
        sync_documents.enqueue(keys[start : start + 200])
