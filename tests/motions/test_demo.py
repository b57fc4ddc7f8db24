"""The demo suggestions: every status, delegates linked, three drafts kept out of sight, and a
second run changes nothing."""

import pytest

from delegates.models import PerformanceRecord
from motions import demo
from motions.models import SuggestionCosigner, SuggestionPage
from motions.status import Status

pytestmark = pytest.mark.django_db


def test_demo_suggestions(client, home, make_delegate):
    delegates = [make_delegate(name=f"代表{i}") for i in range(6)]
    assert demo.populate(home) == 33
    assert demo.populate(home) == 0
    visible = SuggestionPage.objects.visible().with_status()
    assert visible.count() == 30 and SuggestionPage.objects.filter(live=False).count() == 3
    assert set(visible.values_list("status_code", flat=True)) == set(Status.values)
    assert not SuggestionCosigner.objects.filter(delegate__isnull=True).exists()
    leads = set(visible.values_list("lead_delegate_id", flat=True))
    assert leads <= {d.pk for d in delegates}
    assert PerformanceRecord.objects.filter(source__startswith="suggestion:").count() == 30
    rows = client.get("/suggestions/json/").json()["suggestions"]
    assert len(rows) == 30
    numbers = {row["number"] for row in rows}
    for draft in SuggestionPage.objects.filter(live=False):
        assert draft.number not in numbers
