"""Performance records that follow from what happened on the site.

- A held reception (its end has passed, its station is visible, it was announced) records a
  接访 entry for every delegate on duty: `record_held_receptions()`, run periodically by the
  `record_held_receptions` command and on station publish.
- A published duty report (news ReportPage, report_kind duty, with a delegate) records a 述职
  entry for its delegate; unpublishing the report withdraws it (the public record then has
  nothing to show for it, and points must be verifiable by residents).

Every such record carries a stable `source` key, unique per delegate: recording the same
event twice changes nothing, and editing the record's text by hand is kept."""

from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import RecordKind


def reception_source(session) -> str:
    return f"reception:{session.pk}"


def report_source(report) -> str:
    return f"report:{report.pk}"


def _ensure(delegate_id, source, **defaults) -> bool:
    from .models import PerformanceRecord

    _record, created = PerformanceRecord.objects.get_or_create(
        delegate_id=delegate_id, source=source, defaults=defaults
    )
    return created


def record_held_receptions(now=None, station=None, delegate=None) -> int:
    """Record 接访 for each delegate on duty at every held session; returns how many were new."""
    from .models import ReceptionSession

    sessions = ReceptionSession.objects.visible().filter(end__lt=now or timezone.now())
    if station is not None:
        sessions = sessions.filter(station=station)
    if delegate is not None:
        sessions = sessions.filter(delegates=delegate)
    created = 0
    for session in sessions.select_related("station").prefetch_related("delegates"):
        title = _("在%(station)s接待选民") % {"station": session.station.title}
        if session.topic:
            title += _("（%(topic)s）") % {"topic": session.topic}
        for on_duty in session.delegates.all():
            if delegate is not None and on_duty.pk != delegate.pk:
                continue
            created += _ensure(
                on_duty.pk,
                reception_source(session),
                date=timezone.localdate(session.start),
                kind=RecordKind.RECEPTION,
                title=title[:200],
                link_page_id=session.station_id,
            )
    return created


def record_duty_report(report) -> bool:
    """Record 述职 for the report's delegate (once); drop a stale one if the delegate changed."""
    from news.choices import ReportKind

    from .models import PerformanceRecord

    source = report_source(report)
    if report.report_kind != ReportKind.DUTY or not report.delegate_id or not report.live:
        withdraw_duty_report(report)
        return False
    PerformanceRecord.objects.filter(source=source).exclude(delegate_id=report.delegate_id).delete()
    return _ensure(
        report.delegate_id,
        source,
        date=timezone.localdate(report.date),
        kind=RecordKind.DUTY_REPORT,
        title=_("向选民述职：%(title)s") % {"title": report.title},
        link_page_id=report.pk,
    )


def withdraw_duty_report(report) -> int:
    from .models import PerformanceRecord

    deleted, _rows = PerformanceRecord.objects.filter(source=report_source(report)).delete()
    return deleted


def record_for_delegate(delegate) -> int:
    """Re-create what publishing an older revision of the delegate's page may have dropped
    (records are an inline panel of the page)."""
    from news.choices import ReportKind
    from news.models import ReportPage

    created = record_held_receptions(delegate=delegate)
    for report in ReportPage.objects.live().filter(report_kind=ReportKind.DUTY, delegate=delegate):
        created += record_duty_report(report)
    return created


def record_all() -> int:
    from news.choices import ReportKind
    from news.models import ReportPage

    created = record_held_receptions()
    for report in ReportPage.objects.live().filter(
        report_kind=ReportKind.DUTY, delegate__isnull=False
    ):
        created += record_duty_report(report)
    return created
