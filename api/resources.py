"""What the API serves of each resource: one function per resource, every one asking through the
visibility rule (home/visibility.py) — pages through `visible()`, rows of a page through the
page's `visible()` row querysets or `visible_through`. Views and serializers never build their
own querysets.

Organizations and memberships follow Popolo (https://www.popoloproject.com/): organizations are
the congress levels, the delegation groups and the stations; memberships tie a person (a
delegate) to one of them with a role and dates."""

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from consultations.models import Comment, ConsultationPage, DraftArticle
from delegates.choices import LEVEL_SHORT, Level, StationRole
from delegates.models import (
    DelegatePage,
    DelegateRole,
    DelegationGroup,
    ReceptionSession,
    StationMembership,
    StationPage,
)
from home.visibility import visible_through
from motions.listing import visible_suggestions
from motions.models import SuggestionCosigner
from news.models import Publication


def stations():
    return (
        StationPage.objects.visible()
        .with_stars()
        .select_related("street")
        .prefetch_related(
            "communities",
            Prefetch(
                "memberships",
                queryset=StationMembership.objects.visible()
                .select_related("delegate")
                .order_by("pk"),
            ),
        )
        .order_by("code", "pk")
    )


def persons():
    return (
        DelegatePage.objects.visible()
        .select_related("delegation_group", "photo")
        .prefetch_related(
            "photo__renditions",
            Prefetch("roles", queryset=DelegateRole.objects.order_by("sort_order", "pk")),
            Prefetch(
                "memberships",
                queryset=StationMembership.objects.visible().order_by("pk"),
            ),
        )
        .order_by("name_pinyin", "pk")
    )


def receptions():
    """Announced sessions of visible stations, with only visible delegates on duty."""
    return (
        ReceptionSession.objects.visible()
        .with_duty_roster()
        .with_places_taken()
        .select_related("station")
        .order_by("start", "pk")
    )


def upcoming(queryset):
    return queryset.upcoming(timezone.now())


def publications(listed=True):
    """Lists show what the columns list (expired notices left out); a notice past its validity
    stays reachable by its id, as by its URL."""
    queryset = Publication.objects.listed() if listed else Publication.objects.visible()
    return queryset.annotate(
        kind=Case(
            When(noticepage__isnull=False, then=Value("notice")),
            When(reportpage__isnull=False, then=Value("report")),
            default=Value("news"),
            output_field=CharField(),
        ),
        report_kind=F("reportpage__report_kind"),
    ).order_by("-date", "-pk")


def _shown_delegate(field):
    """True when the delegate linked by `field` is one the public may see."""
    return Exists(DelegatePage.objects.visible().filter(pk=OuterRef(field)))


def suggestions():
    """Visible suggestions; a linked lead delegate or cosigner counts as linked only when the
    public may see the delegate (otherwise the name as submitted is all there is)."""
    cosigners = SuggestionCosigner.objects.annotate(
        shown_delegate=_shown_delegate("delegate_id")
    ).select_related("delegate")
    return (
        visible_suggestions()
        .annotate(shown_lead=_shown_delegate("lead_delegate_id"))
        .select_related("lead_delegate", "reply_document")
        .prefetch_related(Prefetch("cosigners", queryset=cosigners.order_by("sort_order", "pk")))
        .order_by("-submitted_on", "-pk")
    )


def _shown_comments(**match):
    """The number of shown comments (`Comment.objects.shown()`, the consultations app's one
    rule) matching `match` (values may be OuterRef); never a comment itself."""
    counted = (
        Comment.objects.shown()
        .filter(**match)
        .order_by()
        .values("consultation")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted), 0)


def consultations():
    articles = DraftArticle.objects.annotate(
        comment_count=_shown_comments(article=OuterRef("pk"))
    ).order_by("sort_order", "pk")
    return (
        ConsultationPage.objects.visible()
        .annotate(
            comment_count=_shown_comments(consultation=OuterRef("pk")),
            whole_draft_comment_count=_shown_comments(
                consultation=OuterRef("pk"), article__isnull=True
            ),
        )
        .select_related("draft_file")
        .prefetch_related(Prefetch("articles", queryset=articles))
        .order_by("-opens_on", "-pk")
    )


# Popolo ----------------------------------------------------------------------------------


def level_organization_id(level):
    return f"level-{level}"


def organizations(request):
    """Congress levels, delegation groups and visible stations, as Popolo organizations."""
    rows = [
        {
            "id": level_organization_id(level),
            "name": _("%(level)s人民代表大会") % {"level": LEVEL_SHORT[level]},
            "classification": "level",
            "street_id": None,
            "url": None,
        }
        for level in Level.values
    ]
    rows += [
        {
            "id": f"group-{group.pk}",
            "name": group.name,
            "classification": "delegation_group",
            "street_id": group.street_id,
            "url": None,
        }
        for group in DelegationGroup.objects.all()
    ]
    rows += [
        {
            "id": f"station-{station.pk}",
            "name": station.title,
            "classification": "station",
            "street_id": station.street_id,
            "url": station.get_full_url(request),
        }
        for station in StationPage.objects.visible().order_by("code", "pk")
    ]
    return rows


def memberships():
    """Mandates (a level and term), delegation groups and station seats of visible delegates."""
    visible_roles = visible_through(DelegateRole.objects.all(), "delegate").order_by(
        "delegate_id", "sort_order", "pk"
    )
    rows = [
        {
            "id": f"role-{role.pk}",
            "person_id": role.delegate_id,
            "organization_id": level_organization_id(role.level),
            "role": _("代表"),
            "label": str(role),
            "area": role.constituency,
            "start_date": role.start_date,
            "end_date": role.end_date,
        }
        for role in visible_roles
    ]
    grouped = DelegatePage.objects.visible().filter(delegation_group__isnull=False)
    rows += [
        {
            "id": f"group-{person_id}",
            "person_id": person_id,
            "organization_id": f"group-{group_id}",
            "role": _("代表团成员"),
            "label": "",
            "area": "",
            "start_date": None,
            "end_date": None,
        }
        for person_id, group_id in grouped.order_by("pk").values_list("pk", "delegation_group_id")
    ]
    seats = StationMembership.objects.visible().order_by("station_id", "pk")
    roles = dict(StationRole.choices)
    rows += [
        {
            "id": f"station-{seat.pk}",
            "person_id": seat.delegate_id,
            "organization_id": f"station-{seat.station_id}",
            "role": str(roles.get(seat.role, seat.role)),
            "label": "",
            "area": "",
            "start_date": None,
            "end_date": None,
        }
        for seat in seats
    ]
    return rows
