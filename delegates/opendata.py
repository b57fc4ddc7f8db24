"""Open data downloads: stations as GeoJSON and CSV, delegates (public fields only) as CSV and
JSON, receptions as iCalendar. Each is produced in a fixed number of queries."""

import csv
import io
import json

from django.db.models import Prefetch
from django.http import Http404, HttpResponse, JsonResponse
from django.utils import timezone

from .ical import district_calendar
from .models import DelegatePage, DelegateRole, StationMembership, StationPage

STATION_FIELDS = [
    ("code", "站点编号"),
    ("name", "名称"),
    ("kind", "类型"),
    ("street", "街道乡镇"),
    ("address", "地址"),
    ("latitude", "纬度"),
    ("longitude", "经度"),
    ("opening_hours", "开放时间"),
    ("contact_phone", "联系电话"),
    ("phone", "站点电话"),
    ("head", "站长"),
    ("liaison", "联络员"),
    ("liaison_phone", "联络员电话"),
    ("stars", "星级"),
    ("communities", "覆盖社区"),
    ("delegate_count", "进站代表人数"),
    ("url", "网址"),
]
DELEGATE_FIELDS = [
    ("name", "姓名"),
    ("gender", "性别"),
    ("levels", "代表层级"),
    ("roles", "职务"),
    ("delegation_group", "代表团"),
    ("professional_group", "专业小组"),
    ("unit_position", "单位及职务"),
    ("contact_phone", "联系电话"),
    ("stations", "所在联络站"),
    ("url", "网址"),
]


def station_rows(request):
    stations = (
        StationPage.objects.visible()
        .with_stars()
        .select_related("street")
        .order_by("code")
        .prefetch_related(
            "communities",
            Prefetch(
                "memberships",
                queryset=StationMembership.objects.visible().select_related("delegate"),
            ),
        )
    )
    for station in stations:
        yield {
            "code": station.code,
            "name": station.title,
            "kind": station.get_kind_display(),
            "street": station.street.name,
            "address": station.address,
            "latitude": station.latitude,
            "longitude": station.longitude,
            "opening_hours": station.opening_hours,
            "contact_phone": station.contact_phone,
            "phone": station.phone,
            "head": station.head(station.memberships.all()),
            "liaison": station.liaison_name,
            "liaison_phone": station.liaison_phone,
            "stars": station.stars,
            "communities": "、".join(c.name for c in station.communities.all()),
            "delegate_count": len(station.memberships.all()),
            "url": request.build_absolute_uri(station.url),
        }


def delegate_rows(request):
    today = timezone.localdate()
    delegates = (
        DelegatePage.objects.visible()
        .select_related("delegation_group")
        .order_by("name_pinyin", "pk")
        .prefetch_related(
            Prefetch("roles", queryset=DelegateRole.objects.order_by("sort_order")),
            Prefetch(
                "memberships",
                queryset=StationMembership.objects.visible().select_related("station"),
            ),
        )
    )
    for delegate in delegates:
        current = [r for r in delegate.roles.all() if r.end_date is None or r.end_date >= today]
        yield {
            "name": delegate.title,
            "gender": delegate.get_gender_display(),
            "levels": "、".join(str(r.get_level_display()) for r in current),
            "roles": "；".join(
                f"{r.term}{r.get_level_display()}"
                + (f"（{r.constituency}）" if r.constituency else "")
                + ("" if r in current else "（已届满）")
                for r in delegate.roles.all()
            ),
            "delegation_group": delegate.delegation_group.name if delegate.delegation_group else "",
            "professional_group": delegate.professional_group,
            "unit_position": delegate.unit_position,
            "contact_phone": delegate.contact_phone,
            "stations": "、".join(m.station.title for m in delegate.memberships.all()),
            "url": request.build_absolute_uri(delegate.url),
        }


# A spreadsheet opening a CSV runs a cell that starts with one of these as a formula
# (=HYPERLINK(...), +cmd|...): OWASP's advice is to prefix such text with a quote.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    """A CSV cell that no spreadsheet runs as a formula. Only text is neutralised: numbers
    (coordinates, star counts) are written as they are, negative or not."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _csv(rows, fields, filename):
    buffer = io.StringIO()
    buffer.write("\ufeff")  # so that Excel opens UTF-8 correctly
    writer = csv.writer(buffer)
    writer.writerow([label for _key, label in fields])
    for row in rows:
        writer.writerow([csv_cell(row[key]) for key, _label in fields])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def stations_geojson(request):
    features = []
    for row in station_rows(request):
        properties = {k: v for k, v in row.items() if k not in ("latitude", "longitude")}
        features.append(
            {
                "type": "Feature",
                "id": row["code"],
                "geometry": {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]},
                "properties": properties,
            }
        )
    response = HttpResponse(
        json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False),
        content_type="application/geo+json; charset=utf-8",
    )
    response["Content-Disposition"] = 'inline; filename="stations.geojson"'
    return response


def delegates_json(request):
    return JsonResponse(
        {"delegates": list(delegate_rows(request))}, json_dumps_params={"ensure_ascii": False}
    )


FILES = {
    "stations.geojson": stations_geojson,
    "stations.csv": lambda request: _csv(station_rows(request), STATION_FIELDS, "stations.csv"),
    "delegates.csv": lambda request: _csv(delegate_rows(request), DELEGATE_FIELDS, "delegates.csv"),
    "delegates.json": delegates_json,
    "receptions.ics": district_calendar,
}


def download(request, filename):
    if filename not in FILES:
        raise Http404
    return FILES[filename](request)
