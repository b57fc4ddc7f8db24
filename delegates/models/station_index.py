"""联络站 index: the list of stations, the transparency overview, the locator, the
district-wide reception schedule and the open-data page. Each route runs a bounded number of
queries whatever the number of stations, and shows only what the public may see."""

from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from home.cache import EVERY_PUBLISH, shared
from home.page_urls import page_url
from home.pagination import paginate
from home.params import int_param
from home.prepared import prepared
from portal.ratelimit import rate_limited

from ..disclosures import disclosures_for
from ..forms import LocatorForm, ReceptionFilterForm
from ..maps import map_points, with_origin
from .common import Street, shared_row, shared_rows
from .station import (
    ReceptionSession,
    StationCommunity,
    StationMembership,
    StationPage,
    StationRuleDocument,
    roster_order,
)

STATIONS_PER_PAGE = 60
# What the station list's cards and map read of a station (a StationPage has some forty columns).
STATION_CARD_FIELDS = (
    "title",
    "url_path",
    "depth",
    "path",
    "address",
    "opening_hours",
    "phone",
    "liaison_phone",
    "latitude",
    "longitude",
    "street",
)
RECEPTIONS_PER_PAGE = 30


def station_choices():
    """(pk, title) of every visible station, for the filter forms; shared until the next
    publish (a new or renamed station) or withdrawal, which purges everything."""
    name, path = STATION_CHOICES
    return shared(name, _visible_station_choices, path=path)


@prepared
def _visible_station_choices():
    return StationPage.objects.visible().order_by("title").values_list("pk", "title")


# The name and path station_choices() is shared under (home.cache.prefetch_shared reads it).
STATION_CHOICES = ("delegates:station-choices", EVERY_PUBLISH)


def upcoming_receptions():
    """The district's announced, upcoming sessions at visible stations, soonest first."""
    return (
        ReceptionSession.objects.visible()
        .upcoming()
        .with_duty_roster()
        .with_places_taken()
        .select_related("station", "station__street")
        .order_by("start", "pk")
    )


def enrich_stations(nearest):
    """Add the next reception and the delegates to (station, distance) pairs: two queries."""
    ids = [station.pk for station, _d in nearest]
    next_sessions = {}
    for session in (
        ReceptionSession.objects.visible()
        .upcoming()
        .filter(station_id__in=ids)
        .order_by("start")
        .only("pk", "station_id", "start", "end", "place", "topic")
    ):
        next_sessions.setdefault(session.station_id, session)
    members = {}
    for membership in (
        StationMembership.objects.visible()
        .filter(station_id__in=ids)
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
            "members": roster_order(members.get(station.pk, [])),
        }
        for station, distance in nearest
    ]


class StationIndexPage(RoutablePageMixin, Page):
    """联络站: the list of stations, plus the transparency overview, the locator, the
    district-wide reception schedule, its feeds and the open data downloads."""

    intro = models.TextField(blank=True, verbose_name=gettext_lazy("简介"))

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["delegates.StationPage"]
    max_count = 1

    class Meta:
        app_label = "delegates"
        verbose_name = gettext_lazy("联络站目录")

    def route(self, request, path_components):
        """A station's own URL is served from one query for the StationPage and its street;
        Page.route would read the base row, then the specific one, then the street. The
        index's own routes (overview/, locator/, …) keep precedence over station slugs."""
        result = self._route_to_station(self, request, path_components)
        return result or super().route(request, path_components)

    @classmethod
    def route_from_chain(cls, row, request, path_components):
        """A station's URL routed from the index's row in home.routing's chain (its path
        and depth), without reading the index's own row; None for the index's own routes
        and anything else (the index is then read and routes as above)."""
        return cls._route_to_station(row, request, path_components)

    @classmethod
    def _route_to_station(cls, index, request, path_components):
        """The route to the station at `path_components` below `index` (a page or a row
        with its path and depth), or None."""
        if not path_components:
            return None
        try:
            cls.get_resolver().resolve("/" + "/".join(path_components) + "/")
        except Http404:
            found = _child_station(index.path, index.depth + 1, path_components[0])
            if found:
                station = found[0]
                if isinstance(index, cls):
                    station._cached_parent_obj = index
                return station.route(request, path_components[1:])
        return None

    def stations(self):
        return StationPage.objects.visible().child_of(self).with_stars().select_related("street")

    def station_cards(self, street_id=None, read=None, streets=None) -> list:
        """The visible stations below this index (of one street if given) with the fields a
        station card shows and their star rating, in street order: a district has tens of
        stations, read whole by a query compiled once per process, then paged in Python.
        `read`: another prepared query of `_stations_below`'s arguments (the overview's).
        Each station's street is one of `streets` (``shared_rows(Street)``, which the views
        read anyway for their filter): one instance a street, not one a station."""
        stations = (read or _station_cards)(self.path, self.depth + 1)
        _attach_streets(stations, shared_rows(Street) if streets is None else streets)
        if street_id:
            stations = [station for station in stations if station.street_id == street_id]
        return stations

    @path("")
    def station_list(self, request):
        selected = int_param(request.GET.get("street"))
        streets = shared_rows(Street)
        page_obj = paginate(
            request, self.station_cards(selected, streets=streets), STATIONS_PER_PAGE
        )
        stations = list(page_obj.object_list)
        grouped = {}
        for station in stations:
            grouped.setdefault(station.street, []).append(station)
        return self.render(
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

    @path("overview/", name="overview")
    def overview(self, request):
        selected = int_param(request.GET.get("street"))
        streets = shared_rows(Street)
        stations = self.station_cards(selected, read=_overview_stations, streets=streets)
        only_flagged = request.GET.get("flagged") == "1"
        if only_flagged:
            page_stations = stations
            facts = disclosures_for(page_stations, documents=_rule_documents(page_stations))
            page_stations = [s for s in page_stations if facts[s.pk].flagged_count]
            page_obj = paginate(request, page_stations, STATIONS_PER_PAGE)
        else:
            page_obj = paginate(request, stations, STATIONS_PER_PAGE)
            facts = disclosures_for(
                page_obj.object_list, documents=_rule_documents(page_obj.object_list)
            )
        rows = [
            (station, facts[station.pk], page_url(station, request))
            for station in page_obj.object_list
        ]
        totals = Counter()
        for _station, fact, _url in rows:
            for disclosure in fact.disclosures:
                totals[disclosure.status] += 1
        return self.render(
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

    @path("locator/", name="locator")
    @rate_limited("locator")
    def locator(self, request):
        from ..locator import nearest_stations

        streets = shared_rows(Street)
        communities = locator_communities()
        form = LocatorForm(request.GET or None, communities=communities, streets=streets)
        origin, origin_label, covering = self._locate(form, communities, streets)
        results = []
        if origin:
            nearest = nearest_stations(
                origin[0],
                origin[1],
                limit=settings.PORTAL_LOCATOR_RESULTS,
                queryset=StationPage.objects.visible().select_related("street"),
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
            distances = {r["station"].pk: round(r["distance"]) for r in results}
            points = map_points([r["station"] for r in results], request, distances=distances)
            context["map_data"] = with_origin(points, origin, origin_label)
        response = self.render(
            request, template="delegates/locator.html", context_overrides=context
        )
        if form.is_bound:
            response["X-Robots-Tag"] = "noindex"
        return response

    @staticmethod
    def _locate(form, communities, streets):
        """(origin point, its label, the communities that matched) for a locator query."""
        if not form.is_valid():
            return None, None, []
        data = form.cleaned_data
        by_id = {c.pk: c for c in communities}
        if data.get("lat") is not None:
            return (data["lat"], data["lng"]), _("您当前的位置"), []
        if data.get("community") and data["community"] in by_id:
            community = by_id[data["community"]]
            return community.point, community.name, [community]
        if data.get("q"):
            needle = data["q"].strip()
            covering = [c for c in communities if needle in c.name][:20]
            if len(covering) == 1:
                return covering[0].point, covering[0].name, covering
            return None, None, covering
        if data.get("street"):
            street = next((s for s in streets if s.pk == data["street"]), None)
            if street and street.latitude is not None:
                return (street.latitude, street.longitude), street.name, []
        return None, None, []

    @path("receptions/", name="receptions")
    def receptions(self, request):
        form = ReceptionFilterForm(
            request.GET or None, streets=shared_rows(Street), stations=station_choices()
        )
        queryset = upcoming_receptions()
        if form.is_valid():
            data = form.cleaned_data
            if data["street"]:
                queryset = queryset.filter(station__street_id=data["street"])
            if data["station"]:
                queryset = queryset.filter(station_id=data["station"])
            if data["delegate"]:
                on_duty = ReceptionSession.objects.filter(
                    delegates__in=self._visible_delegates().filter(
                        title__icontains=data["delegate"]
                    )
                )
                queryset = queryset.filter(pk__in=on_duty.values("pk"))
        return self.render(
            request,
            template="delegates/receptions.html",
            context_overrides={
                "form": form,
                "page_obj": paginate(request, queryset, RECEPTIONS_PER_PAGE),
                "subpage_title": _("代表接访安排"),
            },
        )

    @staticmethod
    def _visible_delegates():
        from .delegate import DelegatePage

        return DelegatePage.objects.visible()

    @path("open-data/", name="open_data")
    def open_data(self, request):
        return self.render(
            request,
            template="delegates/open_data.html",
            context_overrides={"subpage_title": _("开放数据")},
        )


def _rule_documents(stations) -> dict:
    """{station pk: its number of rule documents} of stations read by _overview_stations."""
    return {station.pk: station.rule_document_count for station in stations}


def _stations_below(parent_path, depth):
    """``StationIndexPage.stations()`` of the index at `parent_path`, without their streets
    (_attach_streets gives them)."""
    return (
        StationPage.objects.visible().filter(path__startswith=parent_path, depth=depth).with_stars()
    )


def _attach_streets(stations, streets) -> None:
    """Give each station its street (`station.street`) from `streets`, the shared rows; a
    street newer than them is read on its own (shared_row)."""
    by_pk = {street.pk: street for street in streets}
    cache_street = StationPage.street.field.set_cached_value
    for station in stations:
        street_id = station.street_id
        street = by_pk.get(street_id)
        if street is None and street_id is not None:
            street = by_pk[street_id] = shared_row(Street, street_id)
        cache_street(station, street)


@prepared
def _station_cards(parent_path, depth):
    return (
        _stations_below(parent_path, depth)
        .only(*STATION_CARD_FIELDS)
        .order_by("street__sort_order", "street__name", "path")
    )


@prepared
def _overview_stations(parent_path, depth):
    """What the overview shows of a station and reads for its disclosures: the rules, and
    the number of its rule documents (`rule_document_count`, as a subquery: a round trip less than
    disclosures_for's own count)."""
    documents = (
        StationRuleDocument.objects.filter(station=OuterRef("pk"))
        .order_by()
        .values("station")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        _stations_below(parent_path, depth)
        .only(*STATION_CARD_FIELDS, "rules", "rules_reviewed_on")
        .annotate(rule_document_count=Coalesce(Subquery(documents), 0))
        .order_by("street__sort_order", "path")
    )


@dataclass(frozen=True, slots=True)
class LocatorCommunity:
    """A community (社区/村) as the locator offers, matches and shows it: its point (its own,
    else its station's, as StationCommunity.point) and its station with the station's street
    (the station's link and title, the street's name)."""

    pk: int
    name: str
    point: tuple
    station: StationPage


def locator_communities() -> list[LocatorCommunity]:
    """The visible communities, in the locator's order. Every locator request reads them all
    (some hundred and fifty at ten times the demo data): read as rows, with one page instance
    per station and one street per street rather than three model instances per community."""
    stations, streets, communities = {}, {}, []
    for row in _locator_rows():
        pk, name, latitude, longitude, station_id = row[:5]
        station = stations.get(station_id)
        if station is None:
            title, url_path, station_lat, station_lng, street_id, street_name = row[5:]
            station = stations[station_id] = _from_row(
                StationPage,
                id=station_id,
                title=title,
                url_path=url_path,
                page_ptr_id=station_id,
                latitude=station_lat,
                longitude=station_lng,
                street_id=street_id,
            )
            if street_id not in streets:
                streets[street_id] = _from_row(Street, id=street_id, name=street_name)
            StationPage.street.field.set_cached_value(station, streets[street_id])
        point = (station.latitude, station.longitude) if latitude is None else (latitude, longitude)
        communities.append(LocatorCommunity(pk, name, point, station))
    return communities


def _from_row(cls, **values):
    """An instance of `cls` with these field values (attnames) as the ORM builds it from a
    row that read only them (the other fields deferred)."""
    return cls.from_db(
        DEFAULT_DB_ALIAS,
        list(values),
        [values[f.attname] for f in cls._meta.concrete_fields if f.attname in values],
    )


@prepared
def _locator_rows():
    return (
        StationCommunity.objects.visible()
        .order_by("station__street__sort_order", "name")
        .values_list(
            "pk",
            "name",
            "latitude",
            "longitude",
            "station_id",
            "station__title",
            "station__url_path",
            "station__latitude",
            "station__longitude",
            "station__street_id",
            "station__street__name",
        )
    )


@prepared
def _child_station(parent_path, depth, slug):
    """``StationPage.objects.child_of(parent).filter(slug=slug).select_related("street")
    .first()``, compiled once per process: every station page's request asks it."""
    return (
        StationPage.objects.filter(path__startswith=parent_path, depth=depth, slug=slug)
        .select_related("street")
        .order_by("path")[:1]
    )
