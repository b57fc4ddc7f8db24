"""The five disclosures (五上墙) of a station, derived from the data — never retyped — with the
date each was last updated and whether it is missing or stale.

`disclosures_for(stations)` answers for any number of stations in four queries, so the
station page and the district-wide transparency overview share one implementation."""

import datetime
import functools
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, F, Max, Min, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy

from home.prepared import padded, prepared

from .choices import DisclosureStatus

TITLES = {
    "roster": gettext_lazy("代表名录"),
    "receptions": gettext_lazy("代表接访预安排表"),
    "rules": gettext_lazy("规章制度"),
    "performance": gettext_lazy("代表履职情况"),
    "duty_reports": gettext_lazy("代表述职报告"),
}
ORDER = list(TITLES)
# What a disclosure notes, translated once per disclosures_for call rather than once per
# station (the overview judges some forty stations a page).
NOTES = {
    "no_members": gettext_lazy("尚未登记进站代表。"),
    "members": gettext_lazy("共 %(n)s 名进站代表。"),
    "no_receptions": gettext_lazy("尚未公布接访安排。"),
    "receptions_late": gettext_lazy("没有提前 %(days)s 天以上公布的近期接访安排。"),
    "no_rules": gettext_lazy("尚未公开规章制度。"),
    "rules_stale": gettext_lazy("规章制度超过 %(days)s 天未审定。"),
    "no_records": gettext_lazy("尚无代表履职记录。"),
    "records_stale": gettext_lazy("最近 %(days)s 天没有新的履职记录。"),
    "no_reports": gettext_lazy("尚无代表述职报告。"),
    "reports_lacking": gettext_lazy("%(names)s %(n)s 名代表近 %(days)s 天内没有述职报告。"),
}
_TAG_RE = re.compile(r"<[^>]*>")  # enough to tell empty rich text (<p></p>) from text


@dataclass
class Disclosure:
    key: str
    status: str
    updated: datetime.date | None = None
    note: str = ""

    @property
    def number(self) -> int:
        return ORDER.index(self.key) + 1

    @property
    def title(self):
        return TITLES[self.key]

    @property
    def status_label(self):
        return DisclosureStatus(self.status).label

    @property
    def flagged(self) -> bool:
        return self.status != DisclosureStatus.OK


@dataclass
class StationFacts:
    """What the overview needs beside the five statuses."""

    disclosures: list[Disclosure] = field(default_factory=list)
    next_reception: datetime.datetime | None = None
    member_count: int = 0

    @property
    def flagged_count(self) -> int:
        return sum(1 for d in self.disclosures if d.flagged)


class _Judged:
    """What every station's disclosures are judged against, looked up once per call: the
    time, today's date and the timezone it is in, and the notes (translated on first use)."""

    def __init__(self, now):
        self.now = now
        self.zone = timezone.get_current_timezone()
        self.today = now.astimezone(self.zone).date()
        self.notes = {}

    def note(self, key) -> str:
        text = self.notes.get(key)
        if text is None:
            text = self.notes[key] = str(NOTES[key])
        return text

    def date(self, value):
        """The local date of a datetime (timezone.localtime's), a date as it is."""
        if isinstance(value, datetime.datetime):
            return value.astimezone(self.zone).date()
        return value


def _latest_rows(queryset, delegate_ids):
    return (
        queryset.filter(delegate_id__in=delegate_ids)
        .values("delegate_id")
        .annotate(last=Max("date"))
        .order_by()
        .values_list("delegate_id", "last")
    )


@prepared
def _members_of(station_ids):
    """(station pk, delegate pk, name, membership updated_at, the date of the delegate's newest
    performance record) of the stations' visible members, in the roster table's order within
    each station. The date is a subquery of the same query (an index-only scan per member)
    rather than a grouped query after it: a round trip less. The newest duty report stays a
    query of its own: as a subquery, its visibility test ran once per member (0.5 ms each at
    ten times the demo data, against 2 ms for the grouped query)."""
    from .models import PerformanceRecord, StationMembership

    newest_record = (
        PerformanceRecord.objects.filter(delegate_id=OuterRef("delegate_id"))
        .order_by()
        .values("delegate_id")
        .annotate(last=Max("date"))
        .values("last")
    )
    return (
        StationMembership.objects.visible()
        .filter(station_id__in=station_ids)
        .annotate(last_record=Subquery(newest_record))
        .values_list("station_id", "delegate_id", "delegate__title", "updated_at", "last_record")
    )


@prepared
def _rule_documents_of(station_ids):
    from .models import StationRuleDocument

    return (
        StationRuleDocument.objects.filter(station_id__in=station_ids)
        .values("station_id")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("station_id", "n")
    )


@prepared
def _last_records_of(delegate_ids):
    from .models import PerformanceRecord

    return _latest_rows(PerformanceRecord.objects.all(), delegate_ids)


@prepared
def _last_duty_reports_of(delegate_ids, duty):
    from news.models import ReportPage

    return _latest_rows(ReportPage.objects.visible().filter(report_kind=duty), delegate_ids)


@prepared
def _last_duty_reports_at(station_ids, duty):
    """``_last_duty_reports_of`` the members of these stations (of any membership: a delegate
    the caller does not show is never looked up), by the stations' ids: a list a fraction as
    long as the members' ids, which the query otherwise binds one by one."""
    from news.models import ReportPage

    from .models import StationMembership

    members = StationMembership.objects.filter(station_id__in=station_ids).values("delegate_id")
    return (
        ReportPage.objects.visible()
        .filter(report_kind=duty, delegate_id__in=members)
        .values("delegate_id")
        .annotate(last=Max("date"))
        .order_by()
        .values_list("delegate_id", "last")
    )


@functools.cache
def _session_stats(notice: datetime.timedelta):
    """Per station, its announced sessions: how many, the last announcement, the next start
    and how many upcoming ones were announced `notice` ahead (a prepared query per notice
    period, a setting)."""

    @prepared
    def stats(station_ids, now):
        from .models import ReceptionSession

        return (
            ReceptionSession.objects.filter(station_id__in=station_ids, announced_at__isnull=False)
            .values("station_id")
            .annotate(
                total=Count("id"),
                last=Max("announced_at"),
                next_start=Min("start", filter=Q(end__gte=now)),
                announced_in_time=Count(
                    "id", filter=Q(start__gte=now, announced_at__lte=F("start") - notice)
                ),
            )
            .order_by()
        )

    return stats


def disclosures_for(
    stations, now=None, members=None, documents=None, last_records=None, last_reports=None
) -> dict[int, StationFacts]:
    """The five disclosures of each station. A caller that has read the stations' visible
    members ({station pk: [(delegate pk, name, membership updated_at)]} in roster table order:
    sort order, then pk), their rule documents ({station pk: count}) or, for those members,
    the date of each one's newest performance record or visible duty report ({delegate pk:
    date}, members without one left out) passes them to spare those queries (the station
    page)."""
    from news.choices import ReportKind

    now = now or timezone.now()
    judged = _Judged(now)
    stations = list(stations)
    ids = [s.pk for s in stations]
    notice = datetime.timedelta(days=settings.PORTAL_RECEPTION_NOTICE_DAYS)

    if members is None:
        members_rows = defaultdict(list)
        read_records = {}
        for station_id, delegate_id, name, updated, record in (
            _members_of(padded(ids)) if ids else ()
        ):
            members_rows[station_id].append((delegate_id, name, updated))
            if record is not None:
                read_records[delegate_id] = record
        last_records = read_records if last_records is None else last_records
        if last_reports is None:
            last_reports = (
                dict(_last_duty_reports_at(padded(ids), ReportKind.DUTY.value)) if ids else {}
            )
    else:
        members_rows = members
    members = defaultdict(list)  # station_id -> [(delegate_id, name)]
    roster_updated = {}
    for station_id, rows in members_rows.items():
        for delegate_id, name, updated in rows:
            members[station_id].append((delegate_id, name))
            roster_updated[station_id] = max(updated, roster_updated.get(station_id, updated))

    sessions = {row["station_id"]: row for row in _session_stats(notice)(ids, now)}

    if documents is None:
        documents = dict(_rule_documents_of(padded(ids))) if ids else {}

    # The ids themselves, known already: as a subquery, the visible members were read again
    # in each of the two queries below (on PostgreSQL at ten times the demo data, 2 ms of
    # planning and 7 ms in all per query, against 1.5 ms with the list of ids).
    delegate_ids = sorted({d for pairs in members.values() for d, _name in pairs})
    padded_ids = padded(delegate_ids) if delegate_ids else []
    if last_records is None:
        last_record = dict(_last_records_of(padded_ids)) if padded_ids else {}
    else:
        last_record = last_records
    if last_reports is None:
        last_report = (
            dict(_last_duty_reports_of(padded_ids, ReportKind.DUTY.value)) if padded_ids else {}
        )
    else:
        last_report = last_reports

    result = {}
    for station in stations:
        pairs = members.get(station.pk, [])
        facts = StationFacts(member_count=len(pairs))
        facts.disclosures.append(_roster(pairs, roster_updated.get(station.pk), judged))
        session_row = sessions.get(station.pk)
        facts.next_reception = session_row["next_start"] if session_row else None
        facts.disclosures.append(_receptions(session_row, judged))
        facts.disclosures.append(_rules(station, documents.get(station.pk, 0), judged))
        facts.disclosures.append(_performance(pairs, last_record, judged))
        facts.disclosures.append(_duty_reports(pairs, last_report, judged))
        result[station.pk] = facts
    return result


def _roster(pairs, updated, judged):
    if not pairs:
        return Disclosure("roster", DisclosureStatus.MISSING, None, judged.note("no_members"))
    return Disclosure(
        "roster",
        DisclosureStatus.OK,
        judged.date(updated),
        judged.note("members") % {"n": len(pairs)},
    )


def _receptions(row, judged):
    days = settings.PORTAL_RECEPTION_NOTICE_DAYS
    if not row:
        return Disclosure(
            "receptions", DisclosureStatus.MISSING, None, judged.note("no_receptions")
        )
    updated = judged.date(row["last"])
    if row["announced_in_time"]:
        return Disclosure("receptions", DisclosureStatus.OK, updated, "")
    return Disclosure(
        "receptions",
        DisclosureStatus.STALE,
        updated,
        judged.note("receptions_late") % {"days": days},
    )


def _rules(station, document_count, judged):
    days = settings.PORTAL_RULES_REVIEW_DAYS
    has_text = bool(_TAG_RE.sub("", station.rules or "").replace("&nbsp;", "").strip())
    if not has_text and not document_count:
        return Disclosure("rules", DisclosureStatus.MISSING, None, judged.note("no_rules"))
    return _dated("rules", station.rules_reviewed_on, judged, days, "rules_stale")


def _performance(pairs, last_record, judged):
    days = settings.PORTAL_PERFORMANCE_DAYS
    dates = [last_record[d] for d, _name in pairs if d in last_record]
    if not dates:
        return Disclosure("performance", DisclosureStatus.MISSING, None, judged.note("no_records"))
    return _dated("performance", max(dates), judged, days, "records_stale")


def _dated(key, updated, judged, days, stale_note):
    """OK when `updated` lies within `days` of today, else STALE with the note."""
    if updated is None or (judged.today - updated).days > days:
        note = judged.note(stale_note) % {"days": days}
        return Disclosure(key, DisclosureStatus.STALE, updated, note)
    return Disclosure(key, DisclosureStatus.OK, updated, "")


def _duty_reports(pairs, last_report, judged):
    days = settings.PORTAL_DUTY_REPORT_DAYS
    if not pairs:
        return Disclosure("duty_reports", DisclosureStatus.MISSING, None, judged.note("no_members"))
    dates = [last_report[d] for d, _name in pairs if d in last_report]
    if not dates:
        return Disclosure("duty_reports", DisclosureStatus.MISSING, None, judged.note("no_reports"))
    cutoff = judged.now - datetime.timedelta(days=days)
    lacking = [name for d, name in pairs if d not in last_report or last_report[d] < cutoff]
    latest = judged.date(max(dates))
    if lacking:
        shown = "、".join(lacking[:5]) + ("等" if len(lacking) > 5 else "")
        return Disclosure(
            "duty_reports",
            DisclosureStatus.STALE,
            latest,
            judged.note("reports_lacking") % {"names": shown, "n": len(lacking), "days": days},
        )
    return Disclosure("duty_reports", DisclosureStatus.OK, latest, "")
