import pytest
from django.core.management import call_command
from freezegun import freeze_time

from voices import workflow

pytestmark = pytest.mark.django_db


def test_anonymises_only_senders_finished_long_ago(make_opinion, admin_user, settings):
    settings.VOICES_RETENTION_DAYS = 365
    with freeze_time("2025-01-10 10:00"):
        old, _ = workflow.confirm(make_opinion())
        workflow.decline(old, admin_user, "不属于受理范围。")
        still_open, _ = workflow.confirm(make_opinion())
    with freeze_time("2025-12-01 10:00"):
        recent, _ = workflow.confirm(make_opinion())
        workflow.decline(recent, admin_user, "重复来信。")
    with freeze_time("2026-02-01 10:00"):
        call_command("voices_anonymise")
        call_command("voices_anonymise")  # idempotent
    for opinion in (old, still_open, recent):
        opinion.sender.refresh_from_db()
    assert old.sender.email == "" and old.sender.anonymised_at is not None
    assert still_open.sender.email == "resident@example.com"
    assert recent.sender.email == "resident@example.com"
    assert old.events.filter(kind="anonymised").count() == 1
