"""Liaison stations (联络站 / 代表之家 / 代表工作室), their members, reception sessions and the
district-wide index page with the overview, locator, receptions and open data."""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from home.prepared import attach_prefetched, in_database, prepared
from home.visibility import visible_through

from .. import points
from ..choices import StationKind, StationRole
from ..disclosures import disclosures_for
from ..maps import map_points
from ..querysets import (
    ReceptionSessionQuerySet,
    StationMembershipQuerySet,
    StationQuerySet,
    StationRowQuerySet,
    attach_duty_roster,
    attach_places_taken,
    attach_roles,
)
from ..validators import normalise_phone, validate_latitude, validate_longitude, validate_phone
from .delegate import DelegatePage, DelegateRole

MEMBERSHIP_FIELDS = ("station_id", "delegate_id", "role", "sort_order", "updated_at")
MEMBER_FIELDS = ("title", "url_path", "depth", "name_pinyin", "unit_position", "contact_phone")
DUTY_REPORTS_SHOWN = 30
ROLE_ORDER = {value: index for index, value in enumerate(StationRole.values)}

SIX_HAVES = [
    ("has_sign", _("有牌子")),
    ("has_staff", _("有人员")),
    ("has_rules", _("有制度")),
    ("has_facilities", _("有设施")),
    ("has_activities", _("有活动")),
    ("has_effect", _("有作用")),
]


class StationPage(RoutablePageMixin, Page):
    """One liaison station: where it is, who sits there, and its five disclosures."""

    code = models.CharField(
        max_length=40,
        unique=True,
        verbose_name=_("站点编号"),
        help_text=_("名册中的唯一编号，导入时据此识别同一个站点。"),
    )
    kind = models.CharField(
        max_length=10,
        choices=StationKind.choices,
        default=StationKind.STATION,
        verbose_name=_("类型"),
    )
    street = models.ForeignKey(
        "delegates.Street",
        on_delete=models.PROTECT,
        related_name="stations",
        verbose_name=_("所在街道乡镇"),
    )
    address = models.CharField(max_length=160, verbose_name=_("地址"))
    latitude = models.FloatField(
        validators=[validate_latitude],
        verbose_name=_("纬度（WGS-84）"),
        help_text=_("GPS 坐标，如 30.8712。高德、腾讯地图上取得的坐标需先转换。"),
    )
    longitude = models.FloatField(
        validators=[validate_longitude],
        verbose_name=_("经度（WGS-84）"),
        help_text=_("如 120.0935"),
    )
    opening_hours = models.CharField(
        max_length=120, blank=True, verbose_name=_("开放时间"), help_text=_("如：工作日 9:00-17:00")
    )
    phone = models.CharField(
        max_length=30, blank=True, validators=[validate_phone], verbose_name=_("站点电话")
    )
    head_name = models.CharField(max_length=20, blank=True, verbose_name=_("站长"))
    liaison_name = models.CharField(max_length=20, blank=True, verbose_name=_("联络员"))
    liaison_phone = models.CharField(
        max_length=30, blank=True, validators=[validate_phone], verbose_name=_("联络员电话")
    )
    intro = models.TextField(blank=True, max_length=1000, verbose_name=_("站点简介"))

    rules = RichTextField(
        blank=True,
        features=["h3", "bold", "ol", "ul", "link", "document-link"],
        verbose_name=_("规章制度"),
    )
    rules_reviewed_on = models.DateField(
        null=True,
        blank=True,
        verbose_name=_("制度最近审定日期"),
        help_text=_("每年至少审定一次；超过期限，公开栏会提示“待更新”。"),
    )

    has_sign = models.BooleanField(default=False, verbose_name=_("有牌子"))
    has_staff = models.BooleanField(default=False, verbose_name=_("有人员"))
    has_rules = models.BooleanField(default=False, verbose_name=_("有制度"))
    has_facilities = models.BooleanField(default=False, verbose_name=_("有设施"))
    has_activities = models.BooleanField(default=False, verbose_name=_("有活动"))
    has_effect = models.BooleanField(default=False, verbose_name=_("有作用"))

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("code"), FieldPanel("kind"), FieldPanel("street")]),
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("opening_hours"),
                FieldPanel("phone"),
                FieldRowPanel([FieldPanel("head_name")]),
                FieldRowPanel([FieldPanel("liaison_name"), FieldPanel("liaison_phone")]),
                FieldPanel("intro"),
            ],
            heading=_("站点信息"),
        ),
        InlinePanel("communities", heading=_("覆盖社区（村）"), label=_("社区或村")),
        InlinePanel("photos", heading=_("站点照片"), label=_("照片")),
    ]
    members_panels = [InlinePanel("memberships", heading=_("进站代表"), label=_("代表"))]
    reception_panels = [
        InlinePanel("sessions", heading=_("接访安排"), label=_("接访活动")),
    ]
    disclosure_panels = [
        # The assessment (rules review date, the 六有 boxes) is the congress office's, not the
        # liaison's: without delegates.assess_station the fields are left out of the form.
        MultiFieldPanel(
            [
                FieldPanel("rules"),
                FieldPanel("rules_reviewed_on", permission="delegates.assess_station"),
            ],
            heading=_("规章制度"),
        ),
        InlinePanel("rule_documents", heading=_("制度文件"), label=_("文件")),
        MultiFieldPanel(
            [FieldPanel(name, permission="delegates.assess_station") for name, _label in SIX_HAVES],
            heading=_("“六有”建设"),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("站点")),
            ObjectList(members_panels, heading=_("进站代表")),
            ObjectList(reception_panels, heading=_("接访安排")),
            ObjectList(disclosure_panels, heading=_("制度与六有")),
            ObjectList(Page.promote_panels, heading=_("推广")),
            ObjectList(Page.settings_panels, heading=_("设置")),
        ]
    )
    search_fields = Page.search_fields + [
        index.SearchField("address"),
        index.SearchField("intro"),
        index.FilterField("street_id"),
    ]
    parent_page_types = ["delegates.StationIndexPage"]
    subpage_types = []

    objects = PageManager.from_queryset(StationQuerySet)()

    class Meta:
        verbose_name = _("联络站")
        verbose_name_plural = _("联络站")
        permissions = [("assess_station", "可评定联络站“六有”建设和制度审定")]

    def permissions_for_user(self, user):
        from ..liaisons import StationPermissionTester

        return StationPermissionTester(user, self)

    def clean(self):
        super().clean()
        for field in ("phone", "liaison_phone"):
            if getattr(self, field):
                setattr(self, field, normalise_phone(getattr(self, field)))

    @property
    def six_haves(self):
        return [(label, getattr(self, name)) for name, label in SIX_HAVES]

    @property
    def six_haves_met(self):
        return sum(1 for _label, met in self.six_haves if met)

    @property
    def contact_phone(self):
        """联系电话: the one number shown in lists, the poster and open data — the liaison's
        (联络员电话) when there is one, otherwise the station's (站点电话)."""
        return self.liaison_phone or self.phone

    def head(self, memberships):
        """站长 as the public sees it, from `memberships` (the visible ones): the name typed in
        the 站长 field, otherwise the member(s) with the station role 站长. The station page
        and the open data both ask here."""
        if self.head_name:
            return self.head_name
        return "、".join(m.delegate.title for m in memberships if m.role == StationRole.HEAD)

    @cached_property
    def star_history(self):
        """Assessments newest first, each with the change from the one before it."""
        assessments = self._own(_star_assessments(self.pk))
        previous = None
        for assessment in assessments:
            assessment.change = 0 if previous is None else assessment.stars - previous
            previous = assessment.stars
        return list(reversed(assessments))

    @property
    def current_stars(self):
        history = self.star_history
        return history[0].stars if history else None

    def _own(self, rows):
        """`rows` of this station with their `station` set to it, as the page's related
        managers give them (no query when a row's template asks for its station)."""
        for row in rows:
            row.station = self
        return rows

    def public_context(self, request):
        """What the station page and its poster show, in a bounded number of queries; rows
        and people the public may not see are left out."""
        now = timezone.now()
        if in_database(self, "memberships"):
            # Read from the database: the members the public may see, in the same query.
            rows = self._own(_visible_memberships(self.pk))
            attach_roles([m.delegate for m in rows])
            shown = {m.delegate_id for m in rows}
        else:
            # A preview's rows, in memory: which of their delegates the public may see.
            rows = list(
                self.memberships.select_related("delegate").prefetch_related(
                    Prefetch(
                        "delegate__roles", queryset=DelegateRole.objects.order_by("sort_order")
                    )
                )
            )
            shown = set(
                DelegatePage.objects.visible()
                .filter(pk__in=[m.delegate_id for m in rows])
                .values_list("pk", flat=True)
            )
        memberships = roster_order(m for m in rows if m.delegate_id in shown)
        delegate_ids = [m.delegate_id for m in memberships]
        if in_database(self, "sessions"):
            # Both lists in one query, places left with them; split at `now` as they were read.
            listed = self._own(_listed_sessions(self.pk, now))
            upcoming = [session for session in listed if session.end >= now]
            past_sessions = [session for session in reversed(listed) if session.end < now]
        else:
            # Through the page's own relations, so that a preview shows the draft's rows.
            sessions = self.sessions.filter(announced_at__isnull=False)
            upcoming = attach_places_taken(
                list(sessions.filter(end__gte=now).order_by("start")[:20])
            )
            past_sessions = list(sessions.filter(end__lt=now).order_by("-start")[:10])
        # One query for the delegates on duty at both lists' sessions.
        attach_duty_roster([*upcoming, *past_sessions])
        year = timezone.localdate().year
        scores, last_records = points.scores_and_latest(delegate_ids, year)
        if in_database(self, "rule_documents"):
            rule_documents = self._own(_rule_documents(self.pk))
        else:
            rule_documents = list(self.rule_documents.select_related("document"))
        members = [
            (m.delegate_id, m.delegate.title, m.updated_at) for m in rows if m.delegate_id in shown
        ]
        duty_reports, last_reports = self._duty_reports(memberships)
        facts = disclosures_for(
            [self],
            now=now,
            members={self.pk: members},
            documents={self.pk: len(rule_documents)},
            last_records=last_records,
            last_reports=last_reports,
        )[self.pk]
        return {
            "memberships": memberships,
            "head": self.head(memberships),
            "upcoming": upcoming,
            "past_sessions": past_sessions,
            "performance": [(m.delegate, scores[m.delegate_id]) for m in memberships],
            "performance_year": year,
            "record_kinds": points.KIND_CHOICES,
            "duty_reports": duty_reports,
            "facts": facts,
            "disclosures": {d.key: d for d in facts.disclosures},
            "star_history": self.star_history,
            "rule_documents": rule_documents,
        }

    @staticmethod
    def _duty_reports(memberships):
        """The members' newest duty reports (述职报告), each with its delegate from the
        member table (no second read of the delegates' pages) and only what the list shows;
        and, when that list holds all their reports, the date of each member's newest one
        (for the disclosure, else None: disclosures_for reads them)."""
        delegates = {m.delegate_id: m.delegate for m in memberships}
        reports = _duty_reports_of(list(delegates)) if delegates else []
        latest = None if len(reports) == DUTY_REPORTS_SHOWN else {}
        for report in reports:
            report.delegate = delegates[report.delegate_id]
            if latest is not None:
                latest.setdefault(report.delegate_id, report.date)
        return reports, latest

    @path("")
    def station(self, request):
        context = self.public_context(request)
        if in_database(self, "communities"):
            communities = self._own(_communities(self.pk))
        else:
            communities = list(self.communities.all())
        if in_database(self, "photos"):
            photos = self._own(_photos(self.pk))
            attach_renditions([photo.image for photo in photos])
        else:
            photos = list(self.photos.select_related("image").prefetch_related("image__renditions"))
        context.update(
            communities=communities,
            photos=photos,
            street=self.street,
            map_data=map_points([self], request),
        )
        return self.render(
            request, template="delegates/station_page.html", context_overrides=context
        )

    @path("poster/", name="poster")
    def poster(self, request):
        context = self.public_context(request)
        context["upcoming"] = context["upcoming"][:4]
        context["poster_url"] = request.build_absolute_uri(self.url)
        return self.render(
            request, template="delegates/station_poster.html", context_overrides=context
        )


# The station page's queries, compiled once per process (home.prepared): the ORM took longer
# to build and compile them than the database to answer them.


@prepared
def _visible_memberships(station_id):
    """Only what the member table, the performance table and the roster order read: a
    delegate page has some fifty columns."""
    return visible_through(
        StationMembership.objects.filter(station_id=station_id)
        .select_related("delegate")
        .only(*MEMBERSHIP_FIELDS, *(f"delegate__{name}" for name in MEMBER_FIELDS)),
        "delegate",
    )


@prepared
def _listed_sessions(station_id, now):
    """The announced sessions the page lists, by start: the next twenty (not ended at `now`)
    and the last ten, with the places taken."""
    announced = ReceptionSession.objects.filter(station_id=station_id, announced_at__isnull=False)
    upcoming = announced.filter(end__gte=now).order_by("start", "pk").values("pk")[:20]
    past = announced.filter(end__lt=now).order_by("-start", "-pk").values("pk")[:10]
    return (
        ReceptionSession.objects.filter(Q(pk__in=upcoming) | Q(pk__in=past))
        .order_by("start", "pk")
        .with_places_taken()
    )


@prepared
def _rule_documents(station_id):
    return StationRuleDocument.objects.filter(station_id=station_id).select_related("document")


@prepared
def _star_assessments(station_id):
    from .common import StarAssessment

    return StarAssessment.objects.filter(station_id=station_id).order_by("date", "pk")


@prepared
def _duty_reports_of(delegate_ids):
    from news.models import ReportPage

    return (
        ReportPage.objects.visible()
        .filter(delegate_id__in=delegate_ids, report_kind="duty")
        .only("title", "url_path", "depth", "date", "delegate_id")
        .order_by("-date")[:DUTY_REPORTS_SHOWN]
    )


@prepared
def _communities(station_id):
    return StationCommunity.objects.filter(station_id=station_id)


@prepared
def _photos(station_id):
    return StationPhoto.objects.filter(station_id=station_id).select_related("image")


@prepared
def _renditions(image_ids):
    from wagtail.images import get_image_model

    return get_image_model().get_rendition_model().objects.filter(image_id__in=image_ids)


def attach_renditions(images):
    """``prefetch_related_objects(images, "renditions")`` in one prepared query (each
    rendition with its image, as prefetch_related leaves them)."""
    if not images:
        return
    by_image = defaultdict(list)
    images_by_pk = {image.pk: image for image in images}
    rendition_model = type(images[0]).get_rendition_model()
    for rendition in _renditions(list(images_by_pk)):
        rendition.image = images_by_pk[rendition.image_id]
        by_image[rendition.image_id].append(rendition)
    attach_prefetched(images, "renditions", rendition_model, by_image)


def roster_order(memberships):
    """Members in the order of the wall roster: by station role, then pinyin name."""
    return sorted(
        memberships,
        key=lambda m: (ROLE_ORDER.get(m.role, 9), m.delegate.name_pinyin, m.delegate.pk),
    )


class StationCommunity(Orderable):
    """A community (社区) or village (村) the station covers; used by the locator."""

    station = ParentalKey(StationPage, on_delete=models.CASCADE, related_name="communities")
    name = models.CharField(max_length=40, db_index=True, verbose_name=_("社区（村）名称"))
    latitude = models.FloatField(
        null=True, blank=True, validators=[validate_latitude], verbose_name=_("纬度")
    )
    longitude = models.FloatField(
        null=True, blank=True, validators=[validate_longitude], verbose_name=_("经度")
    )

    panels = [FieldPanel("name"), FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")])]

    objects = StationRowQuerySet.as_manager()

    class Meta(Orderable.Meta):
        verbose_name = _("覆盖社区（村）")
        # Rows created outside the admin may share a sort order: keep their creation order.
        ordering = ["sort_order", "pk"]

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("经纬度需同时填写或同时留空。"))

    def __str__(self):
        return self.name

    @property
    def point(self):
        if self.latitude is None:
            return self.station.latitude, self.station.longitude
        return self.latitude, self.longitude


class StationPhoto(Orderable):
    station = ParentalKey(StationPage, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "home.PortalImage", on_delete=models.CASCADE, related_name="+", verbose_name=_("图片")
    )
    caption = models.CharField(max_length=120, blank=True, verbose_name=_("说明"))

    objects = StationRowQuerySet.as_manager()

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("联络站照片")
        verbose_name_plural = _("联络站照片")


class StationRuleDocument(Orderable):
    """A rules document posted on the wall (制度文件)."""

    station = ParentalKey(StationPage, on_delete=models.CASCADE, related_name="rule_documents")
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+", verbose_name=_("文件")
    )
    title = models.CharField(max_length=120, blank=True, verbose_name=_("显示名称"))

    objects = StationRowQuerySet.as_manager()

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("制度文件")
        verbose_name_plural = _("制度文件")

    @property
    def display_title(self):
        return self.title or self.document.title


class StationMembership(Orderable):
    """A delegate who sits in the station (进站代表) and their role there."""

    station = ParentalKey(StationPage, on_delete=models.CASCADE, related_name="memberships")
    delegate = models.ForeignKey(
        "delegates.DelegatePage",
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("代表"),
    )
    role = models.CharField(
        max_length=10,
        choices=StationRole.choices,
        default=StationRole.MEMBER,
        verbose_name=_("站内职务"),
    )
    updated_at = models.DateTimeField(auto_now=True)

    panels = [FieldPanel("delegate"), FieldPanel("role")]

    objects = StationMembershipQuerySet.as_manager()

    class Meta(Orderable.Meta):
        verbose_name = _("进站代表")
        # Rows created outside the admin may share a sort order: keep their creation order.
        ordering = ["sort_order", "pk"]
        permissions = [("import_roster", "可导入代表和联络站名册")]
        constraints = [
            models.UniqueConstraint(fields=["station", "delegate"], name="unique_station_member")
        ]

    def __str__(self):
        return f"{self.station_id}:{self.delegate_id}"


class ReceptionSession(ClusterableModel):
    """A reception (接访): announced ahead with who is on duty; afterwards, what came of it."""

    station = ParentalKey(StationPage, on_delete=models.CASCADE, related_name="sessions")
    start = models.DateTimeField(db_index=True, verbose_name=_("开始时间"))
    end = models.DateTimeField(verbose_name=_("结束时间"))
    place = models.CharField(
        max_length=160, blank=True, verbose_name=_("地点"), help_text=_("留空则为联络站地址")
    )
    topic = models.CharField(max_length=120, blank=True, verbose_name=_("接访主题"))
    delegates = ParentalManyToManyField(
        "delegates.DelegatePage",
        blank=True,
        related_name="reception_sessions",
        verbose_name=_("接访代表"),
    )
    liaison_name = models.CharField(
        max_length=20, blank=True, verbose_name=_("联络员"), help_text=_("留空则为站点联络员")
    )
    liaison_phone = models.CharField(
        max_length=30, blank=True, validators=[validate_phone], verbose_name=_("联络电话")
    )
    capacity = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(500)],
        verbose_name=_("网上预约名额"),
        help_text=_("居民可在网上预约（约访）的名额；留空则不开放网上预约。"),
    )
    people_received = models.PositiveIntegerField(
        null=True, blank=True, verbose_name=_("接待群众（人次）")
    )
    issues_raised = models.TextField(blank=True, verbose_name=_("反映的问题"))
    handling = models.TextField(blank=True, verbose_name=_("办理情况"))
    # Set when the session first goes live (page published): the announcement date.
    announced_at = models.DateTimeField(null=True, blank=True, editable=False, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldPanel("place"),
        FieldPanel("topic"),
        FieldPanel("delegates"),
        FieldRowPanel([FieldPanel("liaison_name"), FieldPanel("liaison_phone")]),
        FieldPanel("capacity"),
        MultiFieldPanel(
            [FieldPanel("people_received"), FieldPanel("issues_raised"), FieldPanel("handling")],
            heading=_("接访结果（活动结束后填写）"),
        ),
    ]

    objects = ReceptionSessionQuerySet.as_manager()

    class Meta:
        ordering = ["start"]
        verbose_name = _("接访活动")
        verbose_name_plural = _("接访活动")

    def clean(self):
        super().clean()
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("结束时间必须晚于开始时间。")})
        if self.liaison_phone:
            self.liaison_phone = normalise_phone(self.liaison_phone)

    def __str__(self):
        return f"{self.station.title} {timezone.localtime(self.start):%Y-%m-%d %H:%M}"

    @property
    def is_upcoming(self):
        return self.end >= timezone.now()

    @property
    def places_left(self):
        """Places still free for 约访, None when the session takes no bookings. Needs the
        `places_taken` annotation (ReceptionSessionQuerySet.with_places_taken)."""
        if self.capacity is None:
            return None
        return max(0, self.capacity - self.places_taken)

    @property
    def is_bookable(self):
        """Open for 约访: it has places and has not started. Whether the public may see it is
        the queryset's question (`visible()`), asked by every view that books."""
        return self.capacity is not None and self.start > timezone.now()

    @property
    def display_place(self):
        return self.place or self.station.address

    @property
    def display_liaison(self):
        return self.liaison_name or self.station.liaison_name

    @property
    def display_phone(self):
        return self.liaison_phone or self.station.contact_phone

    @property
    def uid(self):
        return f"reception-{self.pk}@delegates.portal"
