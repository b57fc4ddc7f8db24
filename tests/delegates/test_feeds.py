"""Calendars (iCalendar) and the RSS feed of newly announced receptions validate."""

import datetime

import feedparser
import pytest
from django.utils import timezone
from icalendar import Calendar


@pytest.fixture
def schedule(make_station, make_delegate, make_session):
    a = make_station(title="东城联络站")
    b = make_station(title="青石联络站")
    delegate = make_delegate(name="张子平", station=a)
    sessions = [
        make_session(a, days_ahead=9, delegates=[delegate], topic="居家养老"),
        make_session(a, days_ahead=23),
        make_session(b, days_ahead=12, announced_days_before=14),
        make_session(b, days_ahead=-200),  # too old for the calendar
    ]
    return a, b, delegate, sessions


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


@pytest.mark.django_db
def test_station_calendar_is_valid_with_tzid_and_stable_uids(schedule, client):
    a, _b, _delegate, sessions = schedule
    calendar = parse(client.get(f"/calendar/station-{a.pk}.ics"))
    assert str(calendar["VERSION"]) == "2.0"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Asia/Shanghai"]
    events = calendar.walk("VEVENT")
    assert len(events) == 2
    first = events[0]
    assert first["DTSTART"].params["TZID"] == "Asia/Shanghai"
    assert first["DTSTART"].dt.utcoffset() == datetime.timedelta(hours=8)
    assert first["DTSTART"].dt == sessions[0].start
    assert first["DTEND"].dt == sessions[0].end
    assert str(first["UID"]) == f"reception-{sessions[0].pk}@testserver"
    assert "居家养老" in str(first["SUMMARY"])
    assert "张子平" in str(first["DESCRIPTION"])
    assert str(first["LOCATION"]) == a.address
    again = parse(client.get(f"/calendar/station-{a.pk}.ics"))
    assert [str(e["UID"]) for e in again.walk("VEVENT")] == [str(e["UID"]) for e in events]


@pytest.mark.django_db
def test_district_calendar_has_every_station(schedule, client):
    calendar = parse(client.get("/calendar/receptions.ics"))
    summaries = [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")]
    assert len(summaries) == 3
    assert any("东城联络站" in s for s in summaries) and any("青石联络站" in s for s in summaries)
    assert len({str(e["UID"]) for e in calendar.walk("VEVENT")}) == 3
    assert parse(client.get("/open-data/receptions.ics")).walk("VEVENT")


@pytest.mark.django_db
def test_unpublished_station_is_not_in_calendars(schedule, client):
    a, _b, _d, _s = schedule
    a.unpublish()
    assert client.get(f"/calendar/station-{a.pk}.ics").status_code == 404
    summaries = [
        str(e["SUMMARY"]) for e in parse(client.get("/calendar/receptions.ics")).walk("VEVENT")
    ]
    assert not any("东城联络站" in s for s in summaries)


@pytest.mark.django_db
def test_rss_of_new_receptions_is_valid(schedule, client, station_index):
    _a, _b, _d, sessions = schedule
    response = client.get("/feeds/receptions.xml")
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title == "代表接访安排（新公布）"
    assert len(feed.entries) == 3  # upcoming only
    # Newest announcement first: b's session was announced 14 days before, the others less.
    announced = [s for s in sessions[:3]]
    newest = max(announced, key=lambda s: (s.announced_at, s.pk))
    assert feed.entries[0].link.endswith(f"#reception-{newest.pk}")
    assert "地点" in feed.entries[0].summary
    assert all(entry.get("published_parsed") for entry in feed.entries)


@pytest.mark.django_db
def test_publishing_a_station_stamps_new_sessions_as_announced(make_station):
    from delegates.models import ReceptionSession

    station = make_station()
    start = timezone.now() + datetime.timedelta(days=10)
    session = ReceptionSession(
        station=station, start=start, end=start + datetime.timedelta(hours=2)
    )
    page = type(station).objects.get(pk=station.pk)
    page.sessions.add(session)
    page.save_revision()
    assert not ReceptionSession.objects.filter(station=station).exists()  # a draft only
    page.get_latest_revision().publish()
    stored = ReceptionSession.objects.get(station=station)
    assert stored.announced_at is not None
    assert (timezone.now() - stored.announced_at).total_seconds() < 60
