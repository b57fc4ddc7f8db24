"""Delegates (人大代表): the directory page, the profile page, roles and performance records."""

import datetime
import functools
from collections import Counter, OrderedDict

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, prefetch_related_objects
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from home.cache import prefetch_shared
from home.pagination import paginate, with_row_count
from home.prepared import in_database, prepared
from portal.ratelimit import rate_limited
from search.analysis import name_syllables

from .. import points
from ..choices import LEVEL_ORDER, Gender, Level, RecordKind, label_of
from ..forms import DirectoryFilterForm
from ..querysets import DelegateQuerySet, attach_duty_roster, attach_roles
from ..validators import normalise_phone, validate_phone

DIRECTORY_PAGE_SIZE = 24
# What a directory card reads of a delegate (a delegate page has some fifty columns).
DIRECTORY_CARD_FIELDS = (
    "title",
    "url_path",
    "depth",
    "name_pinyin",
    "unit_position",
    "photo",
    "delegation_group",
)


@prepared
def _card_stations_of(delegate_ids):
    """(delegate id, station title) of the visible station memberships of these delegates,
    in membership order: all a directory card shows of them, without model instances."""
    from .station import StationMembership

    return (
        StationMembership.objects.visible()
        .filter(delegate_id__in=delegate_ids)
        .order_by("pk")
        .values_list("delegate_id", "station__title")
    )


def card_stations(delegates) -> dict:
    """{delegate pk: [titles of the visible stations the delegate sits in]} for directory
    cards, in one prepared query."""
    by_delegate = {}
    for delegate_id, title in _card_stations_of([d.pk for d in delegates]):
        by_delegate.setdefault(delegate_id, []).append(title)
    return by_delegate


def attach_shared_groups(delegates, groups) -> None:
    """Give each delegate its delegation group from `groups` (the shared rows, which the
    directory's filter form reads anyway), as select_related would; a group missing from
    them (newer than the shared list) is read when asked for."""
    by_pk = {group.pk: group for group in groups}
    field = DelegatePage._meta.get_field("delegation_group")
    for delegate in delegates:
        group = by_pk.get(delegate.delegation_group_id)
        if group is not None or delegate.delegation_group_id is None:
            field.set_cached_value(delegate, group)


def _directory_cards(queryset):
    """Delegates of `queryset` in the directory's order, with what its cards read of them."""
    return (
        queryset.order_by("name_pinyin", "pk").only(*DIRECTORY_CARD_FIELDS).select_related("photo")
    )


@functools.cache
def _first_directory_page(per_page):
    """A prepared query (its LIMIT is part of the SQL: one per page size) for the first page
    of the unfiltered directory, the page nearly every visitor asks for, as
    paginate(count_with_rows=True) reads it."""

    @prepared
    def rows(index_path, depth):
        """The delegates at `depth` below the index at `index_path`: its children."""
        delegates = DelegatePage.objects.visible().filter(path__startswith=index_path, depth=depth)
        return with_row_count(_directory_cards(delegates))[:per_page]

    return rows


def pinyin_key(name: str) -> str:
    """Sort key for Chinese names in pinyin order (张 after 王), not code-point order; surnames
    read as surnames (曾 under z), as the search index reads them (``name_syllables``)."""
    return " ".join(name_syllables(name or "")).lower()[:120]


class DelegateIndexPage(RoutablePageMixin, Page):
    """代表名录: the searchable, filterable directory of all delegates."""

    intro = models.TextField(blank=True, verbose_name=_("简介"))

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["delegates.DelegatePage"]
    max_count = 1

    class Meta:
        verbose_name = _("代表名录")

    @path("")
    @rate_limited("directory")
    def directory(self, request):
        from .common import DelegationGroup, Street, shared_rows, shared_rows_name
        from .station_index import STATION_CHOICES, station_choices

        # The three shared filter choices in one round trip to the cache.
        prefetch_shared(
            shared_rows_name(Street), shared_rows_name(DelegationGroup), STATION_CHOICES
        )
        groups = shared_rows(DelegationGroup)
        form = DirectoryFilterForm(
            request.GET or None,
            streets=shared_rows(Street),
            groups=groups,
            stations=station_choices(),
        )
        queryset = DelegatePage.objects.visible().child_of(self)
        filters = {}
        if form.is_valid():
            queryset = self._filtered(queryset, form.cleaned_data)
            filters = {k: v for k, v in form.cleaned_data.items() if v}
        # The page's cards and the number of matching delegates in one query (no DISTINCT:
        # every filter is a subquery); the unfiltered first page by a prepared query.
        page_obj = paginate(
            request,
            _directory_cards(queryset),
            DIRECTORY_PAGE_SIZE,
            count_with_rows=True,
            first_page=None
            if filters
            else lambda: _first_directory_page(DIRECTORY_PAGE_SIZE)(self.path, self.depth + 1),
        )
        # The cards' roles and stations by prepared queries (prefetch_related compiles two),
        # their groups from the shared rows.
        page_obj.object_list = delegates = list(page_obj.object_list)
        stations = {}
        if delegates:
            prefetch_related_objects(delegates, "photo__renditions")
            attach_roles(delegates)
            attach_shared_groups(delegates, groups)
            stations = card_stations(delegates)
        return self.render(
            request,
            template="delegates/delegate_index_page.html",
            context_overrides={
                "form": form,
                "page_obj": page_obj,
                "filters": filters,
                "card_stations": stations,
            },
        )

    @staticmethod
    def _memberships():
        from .station import StationMembership

        return StationMembership.objects.visible()

    def _filtered(self, queryset, data):
        """Apply the directory filters; every one is a subquery, so no row repeats."""
        from search.query import matching_page_ids

        if data["q"]:
            # The search layer: names in either script, pinyin (zhangziping) and initials (zzp).
            ids = matching_page_ids(data["q"], kinds=["delegate"])
            by_name = Q(title__icontains=data["q"])
            queryset = queryset.filter(by_name | Q(pk__in=ids) if ids else by_name)
        if data["level"]:
            today = timezone.localdate()
            current = DelegateRole.objects.filter(
                Q(end_date__isnull=True) | Q(end_date__gte=today), level=data["level"]
            )
            queryset = queryset.filter(pk__in=current.values("delegate_id"))
        memberships = self._memberships()
        if data["street"]:
            in_street = memberships.filter(station__street_id=data["street"])
            queryset = queryset.filter(
                Q(pk__in=in_street.values("delegate_id"))
                | Q(delegation_group__street_id=data["street"])
            )
        if data["group"]:
            queryset = queryset.filter(delegation_group_id=data["group"])
        if data["station"]:
            at_station = memberships.filter(station_id=data["station"])
            queryset = queryset.filter(pk__in=at_station.values("delegate_id"))
        return queryset


class DelegatePage(RoutablePageMixin, Page):
    """A delegate's public profile and performance record (履职档案)."""

    code = models.CharField(
        max_length=40,
        unique=True,
        verbose_name=_("代表编号"),
        help_text=_("名册中的唯一编号，导入时据此识别同一位代表。"),
    )
    name_pinyin = models.CharField(max_length=120, editable=False, db_index=True, default="")
    gender = models.CharField(
        max_length=1, choices=Gender.choices, blank=True, verbose_name=_("性别")
    )
    photo = models.ForeignKey(
        "home.PortalImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("照片"),
    )
    bio = models.TextField(blank=True, max_length=2000, verbose_name=_("个人简介"))
    unit_position = models.CharField(max_length=120, blank=True, verbose_name=_("单位及职务"))
    delegation_group = models.ForeignKey(
        "delegates.DelegationGroup",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="delegates",
        verbose_name=_("代表团（联组）"),
    )
    professional_group = models.CharField(
        max_length=60, blank=True, verbose_name=_("专业小组"), help_text=_("如：财政经济专业小组")
    )
    contact_phone = models.CharField(
        max_length=30,
        blank=True,
        validators=[validate_phone],
        verbose_name=_("公开联系电话"),
        help_text=_("通常为所在联络站的联络员电话；不要填写个人手机，除非本人同意公开。"),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("code"), FieldPanel("gender")]),
                FieldPanel("photo"),
                FieldPanel("unit_position"),
                FieldRowPanel([FieldPanel("delegation_group"), FieldPanel("professional_group")]),
                FieldPanel("contact_phone"),
                FieldPanel("bio"),
            ],
            heading=_("基本信息"),
        ),
        InlinePanel("roles", heading=_("代表职务"), label=_("职务"), min_num=1),
        InlinePanel("records", heading=_("履职档案"), label=_("履职记录")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("unit_position"),
        index.SearchField("bio"),
        index.FilterField("name_pinyin"),
    ]
    parent_page_types = ["delegates.DelegateIndexPage"]
    subpage_types = []

    objects = PageManager.from_queryset(DelegateQuerySet)()

    class Meta:
        verbose_name = _("人大代表")
        verbose_name_plural = _("人大代表")

    def clean(self):
        super().clean()
        if self.contact_phone:
            self.contact_phone = normalise_phone(self.contact_phone)

    def save(self, *args, **kwargs):
        self.name_pinyin = pinyin_key(self.title)
        return super().save(*args, **kwargs)

    @property
    def name(self):
        return self.title

    # Roles -----------------------------------------------------------------------------
    @cached_property
    def _sorted_roles(self):
        roles = list(self.roles.all())
        return sorted(roles, key=lambda r: (LEVEL_ORDER.get(r.level, 99), r.start_date))

    @cached_property
    def current_roles(self):
        return [role for role in self._sorted_roles if role.is_current]

    @cached_property
    def past_roles(self):
        return [role for role in self._sorted_roles if not role.is_current]

    @property
    def level_labels(self):
        return "、".join(str(role.level_label) for role in self.current_roles)

    # Views -----------------------------------------------------------------------------
    @path("")
    def profile(self, request):
        from .common import DelegationGroup, shared_row

        memberships = _memberships_of(self.pk)
        if in_database(self, "records"):
            records = _records_of(self.pk)
            for record in records:
                record.delegate = self  # as the page's related manager gives them
        else:  # a preview's records
            records = list(self.records.select_related("link_page").order_by("-date", "-pk"))
        if in_database(self, "roles"):
            attach_roles([self])
        upcoming = _upcoming_on_duty(self.pk, timezone.now())
        attach_duty_roster(upcoming)
        this_year = timezone.localdate().year
        rules = points.load_rules()
        # From the records just read: every record of the delegate, so the same counts as
        # points.scores_for reads.
        scores = [
            points.score_from_counts(
                Counter(r.kind for r in records if r.date.year == year), year, rules
            )
            for year in (this_year, this_year - 1)
        ]
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
            for year, items in records_by_year(records).items()
        ]
        station_phone = next(
            (m.station.contact_phone for m in memberships if m.station.contact_phone), ""
        )
        return self.render(
            request,
            template="delegates/delegate_page.html",
            context_overrides={
                "memberships": memberships,
                "contact_phone": self.contact_phone or station_phone,
                "timeline": timeline,
                "record_total": len(records),
                "scores": scores,
                "duty_reports": _duty_reports_of(self.pk),
                "delegation_group": shared_row(DelegationGroup, self.delegation_group_id),
                "upcoming": upcoming,
            },
        )


class DelegateRole(Orderable):
    """One mandate: a level, a term (届) and a constituency, with its dates."""

    delegate = ParentalKey(DelegatePage, on_delete=models.CASCADE, related_name="roles")
    level = models.CharField(max_length=12, choices=Level.choices, verbose_name=_("代表层级"))
    term = models.CharField(max_length=20, verbose_name=_("届次"), help_text=_("如：第十六届"))
    constituency = models.CharField(max_length=80, blank=True, verbose_name=_("选区"))
    start_date = models.DateField(verbose_name=_("当选日期"))
    end_date = models.DateField(
        null=True, blank=True, verbose_name=_("任期结束"), help_text=_("仍在任期内请留空。")
    )

    panels = [
        FieldRowPanel([FieldPanel("level"), FieldPanel("term")]),
        FieldPanel("constituency"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("代表职务")
        # Rows created outside the admin may share a sort order: keep their creation order.
        ordering = ["sort_order", "pk"]

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("任期结束日期不能早于当选日期。")})

    @property
    def is_current(self):
        return self.end_date is None or self.end_date >= timezone.localdate()

    @property
    def level_label(self):
        return label_of(Level, self.level)

    def __str__(self):
        return f"{self.term}{self.get_level_display()}"


class PerformanceRecord(models.Model):
    """An entry of the performance record (履职档案): a meeting, an inspection, a reception…"""

    delegate = ParentalKey(DelegatePage, on_delete=models.CASCADE, related_name="records")
    date = models.DateField(db_index=True, verbose_name=_("日期"))
    kind = models.CharField(max_length=20, choices=RecordKind.choices, verbose_name=_("类别"))
    title = models.CharField(max_length=200, verbose_name=_("标题"))
    description = models.TextField(blank=True, max_length=2000, verbose_name=_("内容"))
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("相关页面"),
    )
    # Set on records the portal writes itself from what happened ("reception:<session pk>",
    # "report:<page pk>"); empty on records entered by editors. Unique per delegate, so
    # recording the same event again changes nothing (see delegates/records.py).
    source = models.CharField(max_length=40, blank=True, default="", editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("kind")]),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("link_page"),
    ]

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("履职记录")
        verbose_name_plural = _("履职记录")
        indexes = [models.Index(fields=["delegate", "date", "kind"])]
        constraints = [
            models.UniqueConstraint(
                fields=["delegate", "source"],
                condition=~models.Q(source=""),
                name="performance_record_unique_source",
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.date and self.date > timezone.localdate() + datetime.timedelta(days=1):
            raise ValidationError({"date": _("履职记录的日期不能晚于今天。")})


def records_by_year(records):
    """{year: [records]} newest year first, for the profile timeline."""
    grouped = OrderedDict()
    for record in sorted(records, key=lambda r: (r.date, r.pk or 0), reverse=True):
        grouped.setdefault(record.date.year, []).append(record)
    return grouped


# The profile page's queries, compiled once per process (home.prepared).


@prepared
def _memberships_of(delegate_id):
    from .station import StationMembership

    return (
        StationMembership.objects.visible()
        .filter(delegate_id=delegate_id)
        .select_related("station", "station__street")
        .order_by("pk")
    )


@prepared
def _records_of(delegate_id):
    """The delegate's records with what the profile shows of them: of a linked page, its URL
    (a page has some twenty-five columns)."""
    return (
        PerformanceRecord.objects.filter(delegate_id=delegate_id)
        .select_related("link_page")
        .only("delegate_id", "date", "kind", "title", "description", "link_page__url_path")
        .order_by("-date", "-pk")
    )


@prepared
def _duty_reports_of(delegate_id):
    from news.models import ReportPage

    return (
        ReportPage.objects.visible()
        .filter(delegate_id=delegate_id)
        .only("title", "url_path", "depth", "date")
        .order_by("-date")[:20]
    )


@prepared
def _upcoming_on_duty(delegate_id, now):
    """The visible sessions to come where the delegate is on duty, with the places left."""
    from .station import ReceptionSession

    return (
        ReceptionSession.objects.visible()
        .upcoming(now)
        .filter(delegates=delegate_id)
        .with_places_taken()
        .select_related("station")
        .order_by("start")[:5]
    )
