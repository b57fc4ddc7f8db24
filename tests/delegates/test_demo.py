"""The demo data: every station with its five disclosures and stars, some deliberately stale."""

import pytest
from django.core.management import call_command

from delegates.choices import DisclosureStatus
from delegates.disclosures import disclosures_for
from delegates.models import DelegatePage, ReceptionSession, StationPage, Street
from news.models import ReportPage


@pytest.mark.django_db
def test_seed_demo_builds_the_district_and_is_idempotent(client):
    call_command("seed_demo", "--no-index", verbosity=0)
    assert Street.objects.count() == 8
    stations = list(StationPage.objects.live())
    assert len(stations) == 38
    assert 160 <= DelegatePage.objects.live().count() <= 180
    levels = set(DelegatePage.objects.values_list("roles__level", flat=True))
    assert levels == {"national", "provincial", "city", "county", "township"}
    assert ReportPage.objects.filter(delegate__isnull=False).count() > 100
    # Coordinates inside the district, around 30.87N 120.09E.
    for station in stations:
        assert 30.78 < station.latitude < 30.96 and 119.98 < station.longitude < 120.20

    facts = disclosures_for(stations)
    flagged = [s for s in stations if facts[s.pk].flagged_count]
    assert 4 <= len(flagged) <= 15, [s.title for s in flagged]
    statuses = {d.status for f in facts.values() for d in f.disclosures}
    assert statuses == {DisclosureStatus.OK, DisclosureStatus.STALE, DisclosureStatus.MISSING}
    assert all(s.current_stars for s in stations[:5])

    station = stations[0]
    html = client.get(station.url).content.decode()
    assert html.count('class="disclosure"') == 5
    overview = client.get("/stations/overview/").content.decode()
    # One row per station in the 五上墙 table and in the 网上联络站 figures below it.
    disclosures, figures = overview.split('id="voices-overview-title"')
    assert disclosures.count('<th scope="row">') == figures.count('<th scope="row">') == 38

    home = client.get("/").content.decode()
    assert "/stations/locator/" in home and "/delegates/" in home

    before = (
        StationPage.objects.count(),
        DelegatePage.objects.count(),
        ReceptionSession.objects.count(),
        ReportPage.objects.count(),
    )
    call_command("seed_demo", "--no-index", verbosity=0)
    after = (
        StationPage.objects.count(),
        DelegatePage.objects.count(),
        ReceptionSession.objects.count(),
        ReportPage.objects.count(),
    )
    assert after == before
