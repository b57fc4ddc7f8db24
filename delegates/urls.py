"""Machine-readable endpoints (files, feeds, QR codes). They sit outside the page tree because
Wagtail's page URLs end in a slash; the HTML pages are routable pages under the indexes."""

from django.urls import path

from . import files

app_name = "delegates"

urlpatterns = [
    path("open-data/<str:filename>", files.open_data_file, name="open_data_file"),
    path("calendar/receptions.ics", files.district_calendar, name="receptions_ics"),
    path("calendar/station-<int:pk>.ics", files.station_calendar, name="station_ics"),
    path("feeds/receptions.xml", files.ReceptionFeed(), name="receptions_rss"),
    path("qr/<int:pk>.<str:kind>", files.qr_code, name="qr"),
]
