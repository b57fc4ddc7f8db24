"""Which cached pages change when an opinion changes: its station's page and poster and the
district views (the station figures and the transparency overview), the public list of
answers, its own page and the answer feeds. Purged after the commit (home.cache.purge_paths),
so the figures never lag behind the inbox."""

from django.db.models.signals import post_delete, post_save
from django.urls import reverse

from delegates.cache import station_paths
from delegates.models import StationPage
from home.cache import purge_paths

from .models import Opinion


def public_paths(station=None, numbers=()) -> set[str]:
    """The public list and feeds of answers (of `station` too) and the answers' own pages."""
    paths = {reverse("voices:answers"), reverse("voices:answers_rss")}
    if station is not None:
        paths.add(reverse("voices:station_answers_rss", args=[station.pk]))
    paths.update(reverse("voices:answer", args=[number]) for number in numbers if number)
    return paths


def opinion_paths(opinion) -> set[str]:
    station = opinion.station
    paths = public_paths(station, [opinion.number])
    return paths | station_paths(station) if station is not None else paths


def paths_for_page(page) -> set[str]:
    """The `portal_cache_paths` hook: a station (un)published or moved changes the answers
    listed under it."""
    if not isinstance(page, StationPage):
        return set()
    numbers = Opinion.objects.filter(station=page).exclude(published_at=None)
    return public_paths(page, numbers.values_list("number", flat=True))


def opinion_changed(sender, instance, **kwargs):
    if instance.number:  # unconfirmed opinions are counted and shown nowhere
        purge_paths(opinion_paths(instance))


def connect():
    post_save.connect(opinion_changed, sender=Opinion, dispatch_uid="voices-cache-save")
    post_delete.connect(opinion_changed, sender=Opinion, dispatch_uid="voices-cache-delete")
