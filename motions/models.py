"""Delegates' suggestions and motions (代表建议/议案) and how they are handled (办理)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from home.pagination import paginate
from portal.ratelimit import rate_limited

from .querysets import SuggestionQuerySet
from .status import Status, status_of


class Kind(models.TextChoices):
    MOTION = "motion", _("议案")
    SUGGESTION = "suggestion", _("建议")
    CRITICISM = "criticism", _("批评和意见")


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    BASICALLY = "basically", _("基本满意")
    UNSATISFIED = "unsatisfied", _("不满意")


class BodyRole(models.TextChoices):
    LEAD = "lead", _("主办")
    ASSIST = "assist", _("协办")


class CongressSession(models.Model):
    """A session of the congress (第十六届人民代表大会第三次会议) or the interval between two
    sessions (闭会期间), to which suggestions belong."""

    name = models.CharField(max_length=60, unique=True, verbose_name=_("名称"))
    short_name = models.CharField(
        max_length=30, verbose_name=_("简称"), help_text=_("如：十六届三次")
    )
    term = models.PositiveSmallIntegerField(verbose_name=_("届次"))
    sitting = models.PositiveSmallIntegerField(
        null=True, blank=True, verbose_name=_("会次"), help_text=_("闭会期间请留空。")
    )
    opened_on = models.DateField(verbose_name=_("开幕日期"))

    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldRowPanel([FieldPanel("term"), FieldPanel("sitting")]),
        FieldPanel("opened_on"),
    ]

    class Meta:
        ordering = ["-opened_on"]
        verbose_name = _("会议")
        verbose_name_plural = _("会议")

    def __str__(self):
        return self.name

    @property
    def is_interim(self) -> bool:
        return self.sitting is None


class SuggestionIndexPage(RoutablePageMixin, Page):
    """The public list of suggestions (/suggestions/)."""

    intro = RichTextField(blank=True, features=["bold", "link"], verbose_name=_("简介"))

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["motions.SuggestionPage"]
    max_count = 1

    class Meta:
        verbose_name = _("代表建议栏目")

    def listing(self, request):
        from .listing import SuggestionFilter, visible_suggestions

        return SuggestionFilter(request.GET, visible_suggestions(self))

    @path("")
    @rate_limited("directory")
    def suggestion_list(self, request):
        listing = self.listing(request)
        return self.render(
            request,
            context_overrides={
                "listing": listing,
                "page_obj": paginate(request, listing.queryset),
            },
        )

    @path("rss/")
    def rss(self, request):
        from .feeds import SuggestionFeed

        return SuggestionFeed()(request, index=self)

    @path("atom/")
    def atom(self, request):
        from .feeds import SuggestionAtomFeed

        return SuggestionAtomFeed()(request, index=self)

    @path("csv/")
    def csv_download(self, request):
        from .downloads import suggestions_csv

        return suggestions_csv(request, self.listing(request))

    @path("json/")
    def json_download(self, request):
        from .downloads import suggestions_json

        return suggestions_json(request, self.listing(request))

    @path("bodies/")
    def body_list(self, request):
        from voices.models import HandlingBody

        from .figures import figures_for

        visible = SuggestionPage.objects.visible().child_of(self).values("pk")
        bodies = list(
            HandlingBody.objects.filter(suggestion_assignments__suggestion__in=visible)
            .distinct()
            .order_by("name")
        )
        figures = figures_for(bodies)
        return self.render(
            request,
            template="motions/body_list.html",
            context_overrides={"rows": [(body, figures[body.pk]) for body in bodies]},
        )

    @path("bodies/<int:pk>/")
    def body_record(self, request, pk):
        from voices.models import HandlingBody

        from .figures import body_figures
        from .listing import SuggestionFilter, visible_suggestions

        body = HandlingBody.objects.filter(pk=pk).first()
        listing = SuggestionFilter({"body": str(pk)}, visible_suggestions(self))
        suggestions = listing.queryset
        if body is None or not suggestions.exists():
            raise Http404
        return self.render(
            request,
            template="motions/body_record.html",
            context_overrides={
                "body": body,
                "figures": body_figures(body),
                "page_obj": paginate(request, suggestions),
            },
        )


class SuggestionPage(Page):
    """One suggestion, motion or criticism, its milestones and the reply."""

    number = models.CharField(
        max_length=40,
        unique=True,
        verbose_name=_("编号"),
        help_text=_("如：第十六届第3次会议第045号"),
    )
    kind = models.CharField(
        max_length=12, choices=Kind.choices, default=Kind.SUGGESTION, verbose_name=_("类别")
    )
    session = models.ForeignKey(
        CongressSession,
        on_delete=models.PROTECT,
        related_name="suggestions",
        verbose_name=_("会议"),
    )
    text = RichTextField(verbose_name=_("建议内容"))
    topic = models.ForeignKey(
        "voices.OpinionTopic",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="suggestions",
        verbose_name=_("类别（领域）"),
    )
    lead_delegate = models.ForeignKey(
        "delegates.DelegatePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_suggestions",
        verbose_name=_("领衔代表"),
    )
    lead_delegate_name = models.CharField(
        max_length=20,
        verbose_name=_("领衔代表姓名"),
        help_text=_("提出时的署名；未关联代表页面时显示。"),
    )
    submitted_on = models.DateField(verbose_name=_("提出日期"))
    assigned_on = models.DateField(null=True, blank=True, verbose_name=_("交办日期"))
    due_on = models.DateField(null=True, blank=True, verbose_name=_("办理期限"))
    answered_on = models.DateField(null=True, blank=True, verbose_name=_("答复日期"))
    rated_on = models.DateField(null=True, blank=True, verbose_name=_("满意度测评日期"))
    closed_on = models.DateField(null=True, blank=True, verbose_name=_("办结日期"))
    satisfaction = models.CharField(
        max_length=12, choices=Satisfaction.choices, blank=True, verbose_name=_("代表满意度")
    )
    reply = RichTextField(blank=True, verbose_name=_("答复内容"))
    reply_document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("答复附件"),
    )

    objects = PageManager.from_queryset(SuggestionQuerySet)()

    parent_page_types = ["motions.SuggestionIndexPage"]
    subpage_types = []

    search_fields = Page.search_fields + [
        index.SearchField("number"),
        index.SearchField("text"),
        index.SearchField("reply"),
        index.SearchField("lead_delegate_name"),
        index.FilterField("submitted_on"),
    ]

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("number"), FieldPanel("kind")]),
                FieldRowPanel([FieldPanel("session"), FieldPanel("topic")]),
                FieldRowPanel([FieldPanel("lead_delegate"), FieldPanel("lead_delegate_name")]),
            ],
            heading=_("基本信息"),
        ),
        FieldPanel("text"),
        InlinePanel("cosigners", heading=_("附议代表"), label=_("附议代表")),
        InlinePanel("bodies", heading=_("承办单位"), label=_("承办单位")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("submitted_on"), FieldPanel("assigned_on")]),
                FieldRowPanel([FieldPanel("due_on"), FieldPanel("answered_on")]),
                FieldRowPanel([FieldPanel("rated_on"), FieldPanel("satisfaction")]),
                FieldPanel("closed_on"),
            ],
            heading=_("办理进度"),
        ),
        MultiFieldPanel([FieldPanel("reply"), FieldPanel("reply_document")], heading=_("答复")),
    ]

    class Meta:
        verbose_name = _("代表建议")
        verbose_name_plural = _("代表建议")

    def clean(self):
        super().clean()
        errors = {}
        order = ["submitted_on", "assigned_on", "answered_on", "rated_on", "closed_on"]
        previous = None
        for name in order:
            value = getattr(self, name)
            if value is None:
                continue
            if previous is not None and value < getattr(self, previous):
                errors[name] = _("日期不能早于前一个办理环节。")
            previous = name
        if self.due_on and self.assigned_on and self.due_on < self.assigned_on:
            errors["due_on"] = _("办理期限不能早于交办日期。")
        if self.satisfaction and not self.rated_on:
            errors["rated_on"] = _("填写满意度时请同时填写测评日期。")
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        from delegates.models import DelegatePage

        context = super().get_context(request, *args, **kwargs)
        cosigners = list(self.cosigners.all())
        linked = {c.delegate_id for c in cosigners if c.delegate_id} | {self.lead_delegate_id}
        profiles = {d.pk: d for d in DelegatePage.objects.visible().filter(pk__in=linked - {None})}
        context.update(
            lead_profile=profiles.get(self.lead_delegate_id),
            cosigners=[(c.name, profiles.get(c.delegate_id)) for c in cosigners],
            bodies=list(self.bodies.select_related("body").order_by("role", "sort_order")),
            milestones=self.milestones(),
        )
        return context

    def milestones(self):
        """The timeline: (label, date, note) for each milestone reached, oldest first."""
        steps = [
            (_("提出"), self.submitted_on, self.lead_delegate_name),
            (
                _("交办"),
                self.assigned_on,
                _("办理期限：%(date)s") % {"date": self.due_on.isoformat()} if self.due_on else "",
            ),
            (_("答复"), self.answered_on, ""),
            (_("满意度测评"), self.rated_on, self.get_satisfaction_display()),
            (_("办结"), self.closed_on, ""),
        ]
        return [{"label": label, "date": date, "note": note} for label, date, note in steps if date]

    @property
    def has_reply(self) -> bool:
        """Whether the reply has any text (the editor leaves an empty paragraph behind)."""
        return bool(strip_tags(self.reply or "").strip())

    @property
    def status(self) -> Status:
        """The status (motions/status.py): the `with_status()` annotation when there is one."""
        code = getattr(self, "status_code", None)
        return Status(code) if code else status_of(self)

    @cached_property
    def delegate_name(self) -> str:
        """The lead delegate's name: the linked profile's title, else the name as submitted."""
        if self.lead_delegate_id and self.lead_delegate:
            return self.lead_delegate.title
        return self.lead_delegate_name


class SuggestionCosigner(Orderable):
    """A co-signing delegate (附议), linked to the profile when there is one."""

    suggestion = ParentalKey(SuggestionPage, on_delete=models.CASCADE, related_name="cosigners")
    delegate = models.ForeignKey(
        "delegates.DelegatePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cosigned_suggestions",
        verbose_name=_("代表"),
    )
    name = models.CharField(max_length=20, verbose_name=_("姓名"))

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("delegate")])]

    class Meta(Orderable.Meta):
        verbose_name = _("附议代表")
        verbose_name_plural = _("附议代表")

    def __str__(self):
        return self.name


class SuggestionBody(Orderable):
    """A body a suggestion is assigned to, as lead (主办) or assisting (协办) body."""

    suggestion = ParentalKey(SuggestionPage, on_delete=models.CASCADE, related_name="bodies")
    body = models.ForeignKey(
        "voices.HandlingBody",
        on_delete=models.PROTECT,
        related_name="suggestion_assignments",
        verbose_name=_("承办单位"),
    )
    role = models.CharField(
        max_length=8, choices=BodyRole.choices, default=BodyRole.LEAD, verbose_name=_("办理方式")
    )

    panels = [FieldRowPanel([FieldPanel("body"), FieldPanel("role")])]

    class Meta(Orderable.Meta):
        verbose_name = _("承办单位")
        verbose_name_plural = _("承办单位")

    def __str__(self):
        return f"{self.body}（{self.get_role_display()}）"
