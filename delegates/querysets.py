"""What residents may see of delegates and stations, as queryset methods.

Pages answer through ``visible()`` (home.visibility); rows that belong to a page — a station's
reception sessions, communities and members — are visible only when their page is (and, for a
membership or a session's duty roster, when the delegate is too). Views, feeds, calendars,
open data, QR codes, search documents and cache purges all call these methods."""

from django.db import models
from django.db.models import OuterRef, Prefetch, Subquery
from django.utils import timezone

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


def duty_roster():
    """Prefetch a session's delegates on duty: only those the public may see."""
    from .models import DelegatePage

    return Prefetch(
        "delegates", queryset=DelegatePage.objects.visible().only("pk", "title", "url_path")
    )
