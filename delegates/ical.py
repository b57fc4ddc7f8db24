"""iCalendar feeds of reception sessions: one per station and one for the whole district.

Times are written with TZID=Asia/Shanghai and a VTIMEZONE; each event's UID is derived from
the session's primary key, so calendar apps update rather than duplicate events."""

import datetime
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event, Timezone, vText
from wagtail.models import Site

from .models import ReceptionSession

HISTORY_DAYS = 90


def session_uid(session, host: str) -> str:
    return f"reception-{session.pk}@{host}"


def build_calendar(sessions, name: str, base_url: str) -> bytes:
    """The sessions as an iCalendar file; `base_url` (the site's address) makes the links
    and the UIDs' host. The feeds pass the request's, the 约访 confirmation mail the site's."""
    tz = ZoneInfo(settings.TIME_ZONE)
    host = urlsplit(base_url).hostname or "portal"
    calendar = Calendar()
    calendar.add("prodid", "-//Renda portal//Reception schedule//ZH")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add_component(Timezone.from_ical(_vtimezone(settings.TIME_ZONE)))
    stamp = timezone.now()
    for session in sessions:
        station = session.station
        event = Event()
        event.add("uid", session_uid(session, host))
        event.add("dtstamp", stamp)
        event.add("dtstart", timezone.localtime(session.start, tz))
        event.add("dtend", timezone.localtime(session.end, tz))
        names = "、".join(d.title for d in session.delegates.all())
        title = f"{station.title}代表接访"
        if session.topic:
            title += f"：{session.topic}"
        event.add("summary", title)
        event.add("location", vText(session.display_place))
        lines = []
        if names:
            lines.append(f"接访代表：{names}")
        if session.display_liaison or session.display_phone:
            lines.append(f"联络员：{session.display_liaison} {session.display_phone}".strip())
        event.add("description", "\n".join(lines))
        event.add("url", urljoin(base_url, station.url))
        event.add("geo", (station.latitude, station.longitude))
        if session.updated_at:
            event.add("last-modified", session.updated_at)
        calendar.add_component(event)
    return calendar.to_ical()


def _vtimezone(name: str) -> str:
    # China has kept UTC+8 without daylight saving since 1991: one STANDARD rule suffices.
    return (
        "BEGIN:VTIMEZONE\r\n"
        f"TZID:{name}\r\n"
        "BEGIN:STANDARD\r\n"
        "DTSTART:19910915T000000\r\n"
        "TZOFFSETFROM:+0900\r\n"
        "TZOFFSETTO:+0800\r\n"
        "TZNAME:CST\r\n"
        "END:STANDARD\r\n"
        "END:VTIMEZONE\r\n"
    )


def calendar_sessions(queryset):
    since = timezone.now() - datetime.timedelta(days=HISTORY_DAYS)
    return (
        queryset.visible()
        .filter(start__gte=since)
        .with_duty_roster()
        .select_related("station")
        .order_by("start", "pk")
    )


def _response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def station_calendar(request, station):
    sessions = calendar_sessions(ReceptionSession.objects.filter(station=station))
    body = build_calendar(sessions, f"{station.title}接访安排", request.build_absolute_uri("/"))
    return _response(body, f"station-{station.pk}.ics")


def district_calendar(request):
    site = Site.find_for_request(request)
    name = f"{site.site_name if site else ''}代表接访安排"
    sessions = calendar_sessions(ReceptionSession.objects.all())
    body = build_calendar(sessions, name, request.build_absolute_uri("/"))
    return _response(body, "receptions.ics")
