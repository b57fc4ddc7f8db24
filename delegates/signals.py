"""Reactions to publishing: stamp newly announced receptions and keep liaison groups."""

from django.utils import timezone
from wagtail.signals import page_published

from .liaisons import ensure_liaison_group
from .models import ReceptionSession, StationPage


def station_published(sender, instance, **kwargs):
    ReceptionSession.objects.filter(station=instance, announced_at__isnull=True).update(
        announced_at=timezone.now()
    )
    ensure_liaison_group(instance)


def connect():
    page_published.connect(station_published, sender=StationPage, dispatch_uid="station_published")
