import pytest
from django_tasks_db.models import DBTaskResult

from home.roles import ensure_editorial_roles  # noqa: F401 - app is loaded

pytestmark = pytest.mark.django_db


def test_liveness(client):
    response = client.get("/healthz/")
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_readiness_reports_each_dependency(client):
    body = client.get("/readyz/").json()
    assert body["status"] == "ok"
    assert body["database"]["ok"] and body["database"]["detail"] in ("sqlite", "postgresql")
    assert body["cache"]["ok"]
    assert body["search"]["ok"]
    assert body["queue"]["detail"] == {"pending": 0, "failed": 0}
    assert DBTaskResult.objects.count() == 0


def test_readiness_is_degraded_not_down_when_search_is_unreachable(client, settings):
    settings.PORTAL_SEARCH = {**settings.PORTAL_SEARCH, "ELASTICSEARCH_URL": "http://127.0.0.1:9"}
    response = client.get("/readyz/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert not body["search"]["ok"]
