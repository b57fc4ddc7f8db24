"""Views for the non-HTML endpoints: open data, calendars, the receptions feed, QR codes."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from home.visibility import visible_pages

from . import ical, opendata, qr
from .feeds import ReceptionFeed
from .models import DelegatePage, StationPage

__all__ = ["ReceptionFeed", "district_calendar", "open_data_file", "qr_code", "station_calendar"]


def open_data_file(request, filename):
    return opendata.download(request, filename)


def district_calendar(request):
    return ical.district_calendar(request)


def station_calendar(request, pk):
    station = get_object_or_404(StationPage.objects.visible(), pk=pk)
    return ical.station_calendar(request, station)


def qr_code(request, pk, kind):
    if kind not in ("png", "svg"):
        raise Http404
    page = get_object_or_404(visible_pages().type(StationPage, DelegatePage), pk=pk).specific
    return qr.qr_response(request, page, kind)
