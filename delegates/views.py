"""Public views of the delegates app. Each is reached through a routable page (so it sits in
the page tree with breadcrumbs and menus) and runs a bounded number of queries whatever the
number of stations, delegates or records."""

from collections import Counter

from django.conf import settings
from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from home.pagination import paginate
from home.params import int_param
from search.query import matching_page_ids

from . import points
from .choices import RecordKind, StationRole
from .disclosures import disclosures_for
from .forms import DirectoryFilterForm, LocatorForm, ReceptionFilterForm
from .geo import for_map
from .locator import nearest_stations
from .models import (
    DelegatePage,
    DelegateRole,
    DelegationGroup,
    ReceptionSession,
    StarAssessment,
    StationCommunity,
    StationMembership,
    StationPage,
    Street,
    records_by_year,
)

DIRECTORY_PAGE_SIZE = 24
ROLE_ORDER = {value: index for index, value in enumerate(StationRole.values)}


def live_stations():
    return StationPage.objects.live().public()


def with_stars(queryset):
    latest = StarAssessment.objects.filter(station=OuterRef("pk")).order_by("-date", "-pk")
    return queryset.annotate(stars=Subquery(latest.values("stars")[:1]))


def map_config():
    available = getattr(settings, "LEAFLET_AVAILABLE", True)
    return {
        "tileUrl": settings.MAP_TILE_URL if available else "",
        "attribution": settings.MAP_TILE_ATTRIBUTION,
        "subdomains": settings.MAP_TILE_SUBDOMAINS,
    }


def map_points(stations, request, distances=None):
    """Marker data for the map script, converted to the tile provider's datum."""
    points_ = []
    for station in stations:
        lat, lng = for_map(station.latitude, station.longitude, settings.MAP_TILE_CRS)
        item = {
            "name": station.title,
            "url": station.get_url(request),
            "address": station.address,
            "lat": round(lat, 6),
            "lng": round(lng, 6),
        }
        if distances and station.pk in distances:
            item["distance"] = distances[station.pk]
        points_.append(item)
    return {"config": map_config(), "points": points_}


def station_choices():
    return list(live_stations().order_by("title").values_list("pk", "title"))


def member_prefetch():
    return Prefetch(
        "memberships",
        queryset=StationMembership.objects.filter(delegate__live=True)
        .select_related("delegate", "delegate__delegation_group")
        .prefetch_related(
            Prefetch("delegate__roles", queryset=DelegateRole.objects.order_by("sort_order"))
        ),
    )


def sorted_members(memberships):
    return sorted(
        memberships,
        key=lambda m: (ROLE_ORDER.get(m.role, 9), m.delegate.name_pinyin, m.delegate.pk),
    )


# Delegates ----------------------------------------------------------------------------------


def directory(request, index):
    streets = list(Street.objects.all())
    groups = list(DelegationGroup.objects.all())
    form = DirectoryFilterForm(
        request.GET or None, streets=streets, groups=groups, stations=station_choices()
    )
    queryset = DelegatePage.objects.live().public().child_of(index)
    filters = {}
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            # The search layer: names in either script, pinyin (zhangziping) and initials (zzp).
            ids = matching_page_ids(data["q"], kinds=["delegate"])
            by_name = Q(title__icontains=data["q"])
            queryset = queryset.filter(by_name | Q(pk__in=ids) if ids else by_name)
        if data["level"]:
            today = timezone.localdate()
            queryset = queryset.filter(
                Q(roles__end_date__isnull=True) | Q(roles__end_date__gte=today),
                roles__level=data["level"],
            )
        if data["street"]:
            queryset = queryset.filter(
                Q(memberships__station__street_id=data["street"])
                | Q(delegation_group__street_id=data["street"])
            )
        if data["group"]:
            queryset = queryset.filter(delegation_group_id=data["group"])
        if data["station"]:
            queryset = queryset.filter(memberships__station_id=data["station"])
        filters = {k: v for k, v in data.items() if v}
    queryset = (
        queryset.distinct()
        .order_by("name_pinyin", "pk")
        .select_related("delegation_group", "photo")
        .prefetch_related(
            "photo__renditions",
            Prefetch("roles", queryset=DelegateRole.objects.order_by("sort_order")),
            Prefetch(
                "memberships",
                queryset=StationMembership.objects.select_related("station").order_by("pk"),
            ),
        )
    )
    page_obj = paginate(request, queryset, DIRECTORY_PAGE_SIZE)
    return index.render(
        request,
        template="delegates/delegate_index_page.html",
        context_overrides={"form": form, "page_obj": page_obj, "filters": filters},
    )


def delegate_profile(request, delegate):
    memberships = list(
        delegate.memberships.filter(station__live=True)
        .select_related("station", "station__street")
        .order_by("pk")
    )
    records = list(delegate.records.select_related("link_page").order_by("-date", "-pk"))
    this_year = timezone.localdate().year
    rules = points.load_rules()
    year_scores = []
    for year in (this_year, this_year - 1):
        year_scores.append(points.scores_for([delegate.pk], year, rules)[delegate.pk])
    grouped = records_by_year(records)
    timeline = [
        {
            "year": year,
            "records": items,
            "counts": [
                (label, count)
                for kind, label in RecordKind.choices
                if (count := Counter(r.kind for r in items)[kind])
            ],
        }
        for year, items in grouped.items()
    ]
    from news.models import ReportPage

    duty_reports = list(
        ReportPage.objects.live().public().filter(delegate=delegate).order_by("-date")[:20]
    )
    receptions = list(
        delegate.reception_sessions.filter(end__gte=timezone.now(), station__live=True)
        .select_related("station")
        .order_by("start")[:5]
    )
    return delegate.render(
        request,
        template="delegates/delegate_page.html",
        context_overrides={
            "memberships": memberships,
            "contact_phone": delegate.contact_phone
            or next((m.station.contact_phone for m in memberships if m.station.contact_phone), ""),
            "timeline": timeline,
            "record_total": len(records),
            "scores": year_scores,
            "duty_reports": duty_reports,
            "upcoming": receptions,
        },
    )


# Stations -----------------------------------------------------------------------------------


def station_list(request, index):
    streets = list(Street.objects.all())
    stations = with_stars(
        live_stations().child_of(index).select_related("street").order_by("street__sort_order")
    )
    selected = int_param(request.GET.get("street"))
    if selected:
        stations = stations.filter(street_id=selected)
    page_obj = paginate(
        request, stations.order_by("street__sort_order", "street__name", "path"), 60
    )
    stations = list(page_obj.object_list)
    grouped = {}
    for station in stations:
        grouped.setdefault(station.street, []).append(station)
    return index.render(
        request,
        template="delegates/station_index_page.html",
        context_overrides={
            "streets": streets,
            "selected_street": selected,
            "grouped": grouped,
            "page_obj": page_obj,
            "station_count": page_obj.paginator.count,
            "map_data": map_points(stations, request),
        },
    )


def station_context(station, request):
    """Everything the station page and its poster show, in a bounded number of queries."""
    now = timezone.now()
    memberships = sorted_members(
        station.memberships.filter(delegate__live=True)
        .select_related("delegate", "delegate__delegation_group")
        .prefetch_related(
            Prefetch("delegate__roles", queryset=DelegateRole.objects.order_by("sort_order"))
        )
    )
    delegate_ids = [m.delegate_id for m in memberships]
    sessions = station.sessions.filter(announced_at__isnull=False).prefetch_related(
        Prefetch("delegates", queryset=DelegatePage.objects.only("pk", "title", "url_path"))
    )
    upcoming = list(sessions.filter(end__gte=now).order_by("start")[:20])
    past = list(sessions.filter(end__lt=now).order_by("-start")[:10])
    year = timezone.localdate().year
    scores = points.scores_for(delegate_ids, year)
    performance = [(m.delegate, scores[m.delegate_id]) for m in memberships]
    from news.models import ReportPage

    duty_reports = list(
        ReportPage.objects.live()
        .public()
        .filter(delegate_id__in=delegate_ids, report_kind="duty")
        .select_related("delegate")
        .order_by("-date")[:30]
    )
    facts = disclosures_for([station], now=now)[station.pk]
    return {
        "memberships": memberships,
        "upcoming": upcoming,
        "past_sessions": past,
        "performance": performance,
        "performance_year": year,
        "record_kinds": RecordKind.choices,
        "duty_reports": duty_reports,
        "facts": facts,
        "disclosures": {d.key: d for d in facts.disclosures},
        "star_history": station.star_history,
    }


def station_detail(request, station):
    context = station_context(station, request)
    context.update(
        communities=list(station.communities.all()),
        photos=list(station.photos.select_related("image").prefetch_related("image__renditions")),
        rule_documents=list(station.rule_documents.select_related("document")),
        street=station.street,
        map_data=map_points([station], request),
    )
    return station.render(
        request, template="delegates/station_page.html", context_overrides=context
    )


def station_poster(request, station):
    context = station_context(station, request)
    context["upcoming"] = context["upcoming"][:4]
    context["poster_url"] = request.build_absolute_uri(station.url)
    return station.render(
        request, template="delegates/station_poster.html", context_overrides=context
    )


def overview(request, index):
    streets = list(Street.objects.all())
    stations = with_stars(live_stations().child_of(index).select_related("street"))
    selected = int_param(request.GET.get("street"))
    if selected:
        stations = stations.filter(street_id=selected)
    only_flagged = request.GET.get("flagged") == "1"
    stations = stations.order_by("street__sort_order", "path")
    if only_flagged:
        page_stations = list(stations)
        facts = disclosures_for(page_stations)
        page_stations = [s for s in page_stations if facts[s.pk].flagged_count]
        page_obj = paginate(request, page_stations, 60)
    else:
        page_obj = paginate(request, stations, 60)
        facts = disclosures_for(page_obj.object_list)
    rows = [
        (station, facts[station.pk], station.get_url(request)) for station in page_obj.object_list
    ]
    totals = Counter()
    for _station, fact, _url in rows:
        for disclosure in fact.disclosures:
            totals[disclosure.status] += 1
    return index.render(
        request,
        template="delegates/overview.html",
        context_overrides={
            "rows": rows,
            "page_obj": page_obj,
            "streets": streets,
            "selected_street": selected,
            "only_flagged": only_flagged,
            "totals": totals,
            "headings": [d.title for d in rows[0][1].disclosures] if rows else [],
            "subpage_title": _("五上墙公开情况一览"),
        },
    )


def locator(request, index):
    streets = list(Street.objects.all())
    communities = list(
        StationCommunity.objects.filter(station__live=True)
        .select_related("station", "station__street")
        .order_by("station__street__sort_order", "name")
    )
    form = LocatorForm(request.GET or None, communities=communities, streets=streets)
    origin = origin_label = None
    covering = []
    if form.is_valid():
        data = form.cleaned_data
        by_id = {c.pk: c for c in communities}
        if data.get("lat") is not None:
            origin, origin_label = (data["lat"], data["lng"]), _("您当前的位置")
        elif data.get("community") and data["community"] in by_id:
            community = by_id[data["community"]]
            origin, origin_label = community.point, community.name
            covering = [community]
        elif data.get("q"):
            needle = data["q"].strip()
            covering = [c for c in communities if needle in c.name][:20]
            if len(covering) == 1:
                origin, origin_label = covering[0].point, covering[0].name
        elif data.get("street"):
            street = next((s for s in streets if s.pk == data["street"]), None)
            if street and street.latitude is not None:
                origin, origin_label = (street.latitude, street.longitude), street.name
    results = []
    if origin:
        nearest = nearest_stations(
            origin[0],
            origin[1],
            limit=settings.PORTAL_LOCATOR_RESULTS,
            queryset=live_stations().select_related("street"),
        )
        results = enrich_stations(nearest)
    context = {
        "form": form,
        "origin": origin,
        "origin_label": origin_label,
        "covering": covering,
        "results": results,
        "searched": form.is_bound,
        "subpage_title": _("查找联络站"),
    }
    if results:
        context["map_data"] = map_points(
            [r["station"] for r in results],
            request,
            distances={r["station"].pk: round(r["distance"]) for r in results},
        )
        lat, lng = for_map(origin[0], origin[1], settings.MAP_TILE_CRS)
        context["map_data"]["origin"] = {
            "lat": round(lat, 6),
            "lng": round(lng, 6),
            "label": str(origin_label),
        }
    response = index.render(request, template="delegates/locator.html", context_overrides=context)
    if form.is_bound:
        response["X-Robots-Tag"] = "noindex"
    return response


def enrich_stations(nearest):
    """Add the next reception and the delegates to (station, distance) pairs: two queries."""
    ids = [station.pk for station, _d in nearest]
    now = timezone.now()
    next_sessions = {}
    for session in (
        ReceptionSession.objects.filter(
            station_id__in=ids, end__gte=now, announced_at__isnull=False
        )
        .order_by("start")
        .only("pk", "station_id", "start", "end", "place", "topic")
    ):
        next_sessions.setdefault(session.station_id, session)
    members = {}
    for membership in (
        StationMembership.objects.filter(station_id__in=ids, delegate__live=True)
        .select_related("delegate")
        .only(
            "pk",
            "station_id",
            "role",
            "delegate__title",
            "delegate__url_path",
            "delegate__name_pinyin",
        )
    ):
        members.setdefault(membership.station_id, []).append(membership)
    return [
        {
            "station": station,
            "distance": distance,
            "next_session": next_sessions.get(station.pk),
            "members": sorted_members(members.get(station.pk, [])),
        }
        for station, distance in nearest
    ]


def receptions(request, index):
    streets = list(Street.objects.all())
    form = ReceptionFilterForm(request.GET or None, streets=streets, stations=station_choices())
    queryset = upcoming_sessions()
    if form.is_valid():
        data = form.cleaned_data
        if data["street"]:
            queryset = queryset.filter(station__street_id=data["street"])
        if data["station"]:
            queryset = queryset.filter(station_id=data["station"])
        if data["delegate"]:
            queryset = queryset.filter(delegates__title__icontains=data["delegate"]).distinct()
    page_obj = paginate(request, queryset, 30)
    return index.render(
        request,
        template="delegates/receptions.html",
        context_overrides={
            "form": form,
            "page_obj": page_obj,
            "subpage_title": _("代表接访安排"),
        },
    )


def upcoming_sessions():
    return (
        ReceptionSession.objects.filter(
            end__gte=timezone.now(), station__live=True, announced_at__isnull=False
        )
        .select_related("station", "station__street")
        .prefetch_related(
            Prefetch("delegates", queryset=DelegatePage.objects.only("pk", "title", "url_path"))
        )
        .order_by("start", "pk")
    )


def open_data(request, index):
    return index.render(
        request,
        template="delegates/open_data.html",
        context_overrides={"subpage_title": _("开放数据")},
    )
