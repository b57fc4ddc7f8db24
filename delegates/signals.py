"""Reactions to publishing: stamp newly announced receptions and keep liaison groups."""

from django.utils import timezone
from wagtail.signals import page_published, page_unpublished

from .liaisons import ensure_liaison_group
from .models import DelegatePage, ReceptionSession, StationPage
from .records import (
    record_duty_report,
    record_for_delegate,
    record_held_receptions,
    withdraw_duty_report,
)


def station_published(sender, instance, **kwargs):
    ReceptionSession.objects.filter(station=instance, announced_at__isnull=True).update(
        announced_at=timezone.now()
    )
    ensure_liaison_group(instance)
    # Sessions that ended before the station went live count as held now.
    record_held_receptions(station=instance)


def delegate_published(sender, instance, **kwargs):
    # Records are an inline panel: publishing a revision saved before a record was written
    # would drop it; write it again.
    record_for_delegate(instance)


def report_published(sender, instance, **kwargs):
    record_duty_report(instance)


def report_unpublished(sender, instance, **kwargs):
    withdraw_duty_report(instance)


def connect():
    from news.models import ReportPage

    page_published.connect(station_published, sender=StationPage, dispatch_uid="station_published")
    page_published.connect(delegate_published, sender=DelegatePage, dispatch_uid="delegate_records")
    page_published.connect(report_published, sender=ReportPage, dispatch_uid="duty_report_record")
    page_unpublished.connect(
        report_unpublished, sender=ReportPage, dispatch_uid="duty_report_withdrawn"
    )
