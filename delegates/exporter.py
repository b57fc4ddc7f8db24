"""Export the roster in exactly the format the importer reads, so that exporting and importing
the file again changes nothing (the round trip the tests check)."""

from django.db.models import Prefetch
from django.utils import timezone

from home.spreadsheets import xlsx_bytes

from .choices import LEVEL_SHORT
from .importer import HEADERS
from .models import DelegatePage, DelegateRole, ReceptionSession, StationMembership, StationPage


def _local(value):
    local = timezone.localtime(value)
    return local.strftime("%Y-%m-%d %H:%M:%S" if local.second else "%Y-%m-%d %H:%M")


def roster_rows():
    """{sheet label: [header row, data rows…]} for stations, delegates, memberships, receptions."""
    stations = list(
        StationPage.objects.select_related("street")
        .prefetch_related("communities")
        .order_by("code")
    )
    station_rows = [
        [
            s.code,
            s.title,
            s.get_kind_display(),
            s.street.name,
            s.address,
            s.latitude,
            s.longitude,
            s.opening_hours,
            s.phone,
            s.head_name,
            s.liaison_name,
            s.liaison_phone,
            "、".join(c.name for c in s.communities.all()),
        ]
        for s in stations
    ]
    today = timezone.localdate()
    delegates = DelegatePage.objects.select_related("delegation_group").order_by("code")
    delegates = delegates.prefetch_related(
        Prefetch("roles", queryset=DelegateRole.objects.order_by("sort_order", "pk"))
    )
    delegate_rows = []
    for d in delegates:
        current = [r for r in d.roles.all() if r.end_date is None or r.end_date >= today]
        first = current[0] if current else None
        delegate_rows.append(
            [
                d.code,
                d.title,
                d.get_gender_display() if d.gender else "",
                "、".join(f"{LEVEL_SHORT[r.level]}:{r.term}" for r in current),
                first.term if first else "",
                first.constituency if first else "",
                first.start_date.isoformat() if first else "",
                d.delegation_group.name if d.delegation_group else "",
                d.professional_group,
                d.unit_position,
                d.contact_phone,
                d.bio,
            ]
        )
    memberships = StationMembership.objects.select_related("station", "delegate").order_by(
        "station__code", "sort_order", "pk"
    )
    membership_rows = [[m.station.code, m.delegate.code, m.get_role_display()] for m in memberships]
    sessions = (
        ReceptionSession.objects.select_related("station")
        .prefetch_related(Prefetch("delegates", queryset=DelegatePage.objects.only("code")))
        .order_by("station__code", "start")
    )
    session_rows = [
        [
            s.station.code,
            _local(s.start),
            _local(s.end),
            s.place,
            "、".join(sorted(d.code for d in s.delegates.all())),
            s.topic,
            s.liaison_name,
            s.liaison_phone,
        ]
        for s in sessions
    ]
    return {
        "联络站": [list(HEADERS["stations"])] + station_rows,
        "代表": [list(HEADERS["delegates"])] + delegate_rows,
        "进站代表": [list(HEADERS["memberships"])] + membership_rows,
        "接访安排": [list(HEADERS["receptions"])] + session_rows,
    }


def export_xlsx() -> bytes:
    return xlsx_bytes(roster_rows())
