"""A dry-run roster import changes nothing outside its rolled-back transaction: no page-cache
purge and no search document, on either backend; applying it does both."""

import pytest

from delegates.importer import import_roster
from tests.delegates.test_import import counts, workbook


@pytest.fixture
def publisher(django_user_model):
    return django_user_model.objects.create_superuser("office", "office@example.org", "x")


def test_a_dry_run_purges_and_indexes_nothing(
    client, settings, search, station_index, delegate_index, streets, publisher, committed
):
    settings.PAGE_CACHE_SECONDS = 300
    client.get(station_index.url)
    assert client.get(station_index.url)["X-Cache"] == "HIT"
    with committed():  # after-commit work of the dry run would run here
        report = import_roster(workbook(), "roster.xlsx", apply=False, user=publisher)
    assert report.ok and counts() == (0, 0, 0, 0)
    assert client.get(station_index.url)["X-Cache"] == "HIT"
    assert search.keys("幸福社区") == set()

    with committed():
        import_roster(workbook(), "roster.xlsx", apply=True, user=publisher)
    assert client.get(station_index.url)["X-Cache"] == "MISS"
    assert search.keys("幸福社区")
