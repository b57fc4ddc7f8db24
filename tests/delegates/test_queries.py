"""Every page runs a bounded number of queries, whatever the number of items on it."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from delegates.choices import Level, RecordKind
from delegates.models import StarAssessment
from news.choices import ReportKind

# Upper bounds (measured uncached, what pages share already made; headroom of two).
MAX_QUERIES = {
    "station": 16,
    "delegate": 13,
    "directory": 7,
    "overview": 10,
    "locator": 16,
    "receptions": 9,
    "station_list": 6,
}


def count_queries(client, url):
    client.get(url)  # warm Wagtail's per-site caches
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context), response.content.decode()


@pytest.fixture
def grow(make_station, make_delegate, make_session, make_record, make_report, rules):
    """Add `n` more stations, each with two delegates, sessions, records, stars and reports."""
    created = []

    def add(n, station=None):
        for i in range(n):
            target = station or make_station(
                lat=30.87 + 0.001 * len(created), communities=[f"第{len(created)}社区"]
            )
            for j in range(2):
                delegate = make_delegate(
                    name=f"代表{len(created)}{j}",
                    station=target,
                    levels=(Level.COUNTY, Level.CITY),
                )
                for kind in (RecordKind.MEETING, RecordKind.RECEPTION, RecordKind.SUGGESTION):
                    make_record(delegate, kind, date=timezone.localdate())
                make_report(
                    title=f"{delegate.title}述职报告",
                    report_kind=ReportKind.DUTY,
                    delegate=delegate,
                )
                make_session(target, days_ahead=8 + i + j, delegates=[delegate])
                make_session(target, days_ahead=-10 - i - j, delegates=[delegate])
            StarAssessment.objects.create(
                station=target, date=datetime.date(2025, 1, 1 + i % 28), stars=3, reason="评定"
            )
            created.append(target)
        return created

    return add


@pytest.mark.django_db
def test_station_page_queries_do_not_grow_with_members(grow, client):
    station = grow(1)[0]
    small, html = count_queries(client, station.url)
    grow(4, station=station)  # 8 more delegates, 16 more sessions on the same station
    large, html = count_queries(client, station.url)
    print(f"\nstation page: {small} → {large} queries")
    assert html.count('<th scope="row"><a href="/delegates/') >= 10
    assert large == small
    assert large <= MAX_QUERIES["station"]


@pytest.mark.django_db
def test_delegate_page_queries_do_not_grow_with_records(grow, make_record, client):
    station = grow(1)[0]
    delegate = station.memberships.first().delegate
    small, _html = count_queries(client, delegate.url)
    for day in range(30):
        make_record(
            delegate,
            RecordKind.SURVEY,
            date=timezone.localdate() - datetime.timedelta(days=day * 20),
        )
    large, html = count_queries(client, delegate.url)
    print(f"\ndelegate page: {small} → {large} queries")
    assert "调研" in html
    assert large == small
    assert large <= MAX_QUERIES["delegate"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("directory", "/delegates/"),
        ("overview", "/stations/overview/"),
        ("station_list", "/stations/"),
        ("receptions", "/stations/receptions/"),
        ("locator", "/stations/locator/?lat=30.87&lng=120.09"),
    ],
)
def test_list_pages_queries_do_not_grow(grow, client, delegate_index, name, path):
    grow(2)
    small, _html = count_queries(client, path)
    grow(5)
    large, html = count_queries(client, path)
    print(f"\n{name}: {small} → {large} queries")
    if name == "locator":
        # Fewer stations than the result limit make the locator widen its search box a few
        # times (at most 8 boxes from 3 km to the whole Earth): bounded, never per station.
        assert large <= small, f"{name}: {small} → {large}"
    else:
        assert large == small, f"{name}: {small} → {large}"
    assert large <= MAX_QUERIES[name], f"{name}: {large}"
    assert "代表" in html
