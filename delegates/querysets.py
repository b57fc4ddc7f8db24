"""What residents may see of delegates and stations, as queryset methods.

Pages answer through ``visible()`` (home.visibility); rows that belong to a page — a station's
reception sessions, communities and members — are visible only when their page is (and, for a
membership or a session's duty roster, when the delegate is too). Views, feeds, calendars,
open data, QR codes, search documents and cache purges all call these methods."""

from collections import defaultdict

from django.apps import apps
from django.db import models, router
from django.db.models import OuterRef, Prefetch, Subquery, Sum
from django.db.models.base import ModelState
from django.db.models.functions import Coalesce
from django.utils import timezone

from home.prepared import attach_prefetched, prepared
from home.visibility import VisiblePageQuerySet, visible_through


class StationQuerySet(VisiblePageQuerySet):
    def with_stars(self):
        """Annotate each station with its latest star rating (`stars`, None if unrated)."""
        from .models import StarAssessment

        latest = StarAssessment.objects.filter(station=OuterRef("pk")).order_by("-date", "-pk")
        return self.annotate(stars=Subquery(latest.values("stars")[:1]))


class DelegateQuerySet(VisiblePageQuerySet):
    pass


class StationRowQuerySet(models.QuerySet):
    """Rows of a station page (communities, photos, rule documents)."""

    def visible(self):
        return visible_through(self, "station")


class StationMembershipQuerySet(models.QuerySet):
    def visible(self):
        """Memberships whose station and delegate are both visible."""
        return visible_through(visible_through(self, "station"), "delegate")


class ReceptionSessionQuerySet(models.QuerySet):
    def visible(self):
        """Announced sessions of visible stations."""
        return visible_through(self, "station").filter(announced_at__isnull=False)

    def upcoming(self, now=None):
        return self.filter(end__gte=now or timezone.now())

    def with_duty_roster(self):
        return self.prefetch_related(duty_roster())

    def with_places_taken(self):
        """Annotate `places_taken`: the people of the session's active 约访 bookings
        (appointments/). The one count behind `ReceptionSession.places_left` — on the station
        page, the receptions list, the booking form and the capacity check under the lock."""
        booked = (
            apps.get_model("appointments", "Appointment")
            .objects.active()
            .filter(session=OuterRef("pk"))
            .order_by()
            .values("session")
            .annotate(people=Sum("people"))
            .values("people")
        )
        return self.annotate(places_taken=Coalesce(Subquery(booked), 0))


def attach_places_taken(sessions):
    """Set `places_taken` on sessions loaded through a page's relations (a preview shows the
    draft's rows), from `with_places_taken`; one query, none when no session takes bookings."""
    from .models import ReceptionSession

    ids = [s.pk for s in sessions if s.capacity is not None and s.pk]
    taken = dict(
        ReceptionSession.objects.filter(pk__in=ids)
        .with_places_taken()
        .values_list("pk", "places_taken")
        if ids
        else ()
    )
    for session in sessions:
        session.places_taken = taken.get(session.pk, 0)
    return sessions


def duty_roster():
    """Prefetch a session's delegates on duty: only those the public may see."""
    from .models import DelegatePage

    return Prefetch(
        "delegates", queryset=DelegatePage.objects.visible().only("pk", "title", "url_path")
    )


@prepared
def _roles_of(delegate_ids):
    from .models import DelegateRole

    return DelegateRole.objects.filter(delegate_id__in=delegate_ids).order_by("sort_order")


def attach_roles(delegates):
    """``prefetch_related(Prefetch("roles", DelegateRole.objects.order_by("sort_order")))``
    on `delegates` in one prepared query."""
    by_delegate = defaultdict(list)
    for role in _roles_of([d.pk for d in delegates]):
        by_delegate[role.delegate_id].append(role)
    attach_prefetched(delegates, "roles", apps.get_model("delegates", "DelegateRole"), by_delegate)


@prepared
def _on_duty(session_ids):
    """The visible delegates on duty at the sessions, as querysets.duty_roster reads them
    (in tree order): (delegate id, title, url_path, id of the session it is on duty at) — a
    delegate on duty at several comes once for each; only what the session lists show."""
    from .models import DelegatePage

    return (
        visible_through(DelegatePage.objects.filter(reception_sessions__in=session_ids))
        .order_by("path")
        .values_list("pk", "title", "url_path", "reception_sessions")
    )


def attach_duty_roster(sessions):
    """``prefetch_related_objects(sessions, duty_roster())`` in one prepared query: each
    delegate as ``only("title", "url_path")`` gives it (another field is read on access),
    made without Model.__init__'s walk over a delegate page's forty columns — a station
    page lists some twenty."""
    DelegatePage = apps.get_model("delegates", "DelegatePage")
    db = router.db_for_read(DelegatePage)
    by_session = defaultdict(list)
    for pk, title, url_path, session_id in _on_duty([s.pk for s in sessions]):
        delegate = DelegatePage.__new__(DelegatePage)
        delegate.__dict__.update(id=pk, page_ptr_id=pk, title=title, url_path=url_path)
        delegate._state = ModelState()
        delegate._state.adding, delegate._state.db = False, db
        by_session[session_id].append(delegate)
    attach_prefetched(sessions, "delegates", DelegatePage, by_session)
