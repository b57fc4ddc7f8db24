"""Which cached pages change when delegates, stations or their reference data change."""

from urllib.parse import urlsplit

from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.urls import reverse

from home.cache import purge_all, purge_paths

from .models import (
    DelegateIndexPage,
    DelegatePage,
    DelegationGroup,
    PointsRule,
    StarAssessment,
    StationIndexPage,
    StationPage,
    Street,
)
from .opendata import FILES as OPEN_DATA_FILES

STATION_INDEX_ROUTES = ("overview", "locator", "receptions", "open_data")


def _path(page):
    url = page.get_url()
    return urlsplit(url).path if url else None


def _district_paths():
    """The district-wide views over every station and delegate, and their files."""
    paths = {reverse("delegates:receptions_ics"), reverse("delegates:receptions_rss")}
    paths.update(reverse("delegates:open_data_file", args=[name]) for name in OPEN_DATA_FILES)
    for index in StationIndexPage.objects.all():
        base = _path(index)
        if base:
            paths.add(base)
            paths.update(base + index.reverse_subpage(name) for name in STATION_INDEX_ROUTES)
    paths.update(filter(None, (_path(index) for index in DelegateIndexPage.objects.all())))
    return paths


def _station_own_paths(stations):
    """Each station's page, poster and calendar."""
    paths = set()
    for station in stations:
        base = _path(station)
        if base:
            paths.update({base, base + station.reverse_subpage("poster")})
        paths.add(reverse("delegates:station_ics", args=[station.pk]))
    return paths


def _delegate_own_paths(delegates):
    return set(filter(None, (_path(delegate) for delegate in delegates)))


def station_paths(station):
    """The station's own pages, the district views, and the profiles of the delegates who
    sit there or are on duty at its receptions (they list the station and its sessions)."""
    delegates = DelegatePage.objects.filter(
        Q(memberships__station=station) | Q(reception_sessions__station=station)
    ).distinct()
    return _district_paths() | _station_own_paths([station]) | _delegate_own_paths(delegates)


def delegate_paths(delegate):
    """The profile, the district views, the stations where the delegate sits or is on duty,
    and the profiles of the delegates on duty with them (their sessions name them all)."""
    stations = StationPage.objects.filter(
        Q(memberships__delegate=delegate) | Q(sessions__delegates=delegate)
    ).distinct()
    colleagues = DelegatePage.objects.filter(reception_sessions__delegates=delegate).distinct()
    return (
        _district_paths()
        | _station_own_paths(stations)
        | _delegate_own_paths([delegate, *colleagues])
    )


def paths_for_page(page):
    """The `portal_cache_paths` hook: extra paths to purge when a page is (un)published."""
    if isinstance(page, StationPage):
        return station_paths(page)
    if isinstance(page, DelegatePage):
        return delegate_paths(page)
    return set()


def star_assessment_changed(sender, instance, **kwargs):
    purge_paths(station_paths(instance.station))


def reference_data_changed(sender, **kwargs):
    purge_all()  # points rules, streets and groups show on every station and delegate


def connect():
    for signal in (post_save, post_delete):
        uid = "post_save" if signal is post_save else "post_delete"
        signal.connect(star_assessment_changed, sender=StarAssessment, dispatch_uid=f"stars-{uid}")
        for model in (PointsRule, Street, DelegationGroup):
            signal.connect(
                reference_data_changed, sender=model, dispatch_uid=f"ref-{model.__name__}-{uid}"
            )
