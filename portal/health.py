"""Health endpoints for load balancers and monitoring.

/healthz/ — liveness: the process answers (no dependencies touched).
/readyz/  — readiness: the database must answer; the cache, the search server and the indexing
queue are reported (the portal degrades gracefully without them, so they do not fail it)."""

import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from search.backends import get_backend


def _timed(check):
    started = time.perf_counter()
    try:
        detail = check()
        ok = True
    except Exception as exc:  # noqa: BLE001 - report any failure, never raise
        detail, ok = f"{type(exc).__name__}: {exc}"[:200], False
    return {"ok": ok, "ms": round((time.perf_counter() - started) * 1000, 1), "detail": detail}


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return connection.vendor


def _cache():
    key, value = f"health:{uuid.uuid4().hex}", "ok"
    cache.set(key, value, 10)
    if cache.get(key) != value:
        raise RuntimeError("cache did not return the value just stored")
    cache.delete(key)
    return settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]


def _search():
    backend = get_backend()
    if not backend.health():
        raise RuntimeError(f"{backend.name} search backend is not healthy")
    return backend.name


def _queue():
    pending = DBTaskResult.objects.filter(status=TaskResultStatus.READY).count()
    failed = DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).count()
    return {"pending": pending, "failed": failed}


@never_cache
def liveness(request):
    return JsonResponse({"status": "ok"})


@never_cache
def readiness(request):
    checks = {
        "database": _timed(_database),
        "cache": _timed(_cache),
        "search": _timed(_search),
        "queue": _timed(_queue),
    }
    ready = checks["database"]["ok"]
    degraded = not all(check["ok"] for check in checks.values())
    body = {"status": "ok" if not degraded else ("degraded" if ready else "down"), **checks}
    return JsonResponse(body, status=200 if ready else 503)
