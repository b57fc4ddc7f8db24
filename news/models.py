"""Columns (栏目) and what editors publish in them: news articles, notices and reports."""

import datetime
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from home.blocks import BodyBlock
from home.cache import EVERY_PUBLISH, shared
from home.models import ContentPage
from home.pagination import paginate
from home.prepared import Prepared, in_database, padded, prepared
from home.routing import ancestors_from_route
from home.visibility import visible_through

from .choices import ReportKind
from .filters import (
    PublicationFilter,
    kind_counts_query,
    kinds_from,
    popular_tags_query,
    years_query,
)
from .forms import PublicationForm, dated_slug
from .querysets import PublicationQuerySet


class ColumnPage(Page):
    """A column of the site (栏目) such as 通知公告 or 工作动态; lists what is published in it."""

    intro = RichTextField(blank=True, features=["bold", "link"], verbose_name=_("栏目简介"))

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.ArticlePage", "news.NoticePage", "news.ReportPage", "home.ContentPage"]

    class Meta:
        verbose_name = _("栏目")

    def publications(self):
        return Publication.objects.listed().child_of(self)

    def latest(self, count: int) -> list:
        """The newest `count` items listed in this column, with the fields a list row shows:
        their query compiled once per process and count (the home page's blocks ask it)."""
        read = _LATEST_ROWS.get(count)
        if read is None:
            read = _LATEST_ROWS[count] = prepared(
                lambda path, depth, today, count=count: (
                    Publication.objects.listed(today)
                    .filter(path__startswith=path, depth=depth)
                    .as_rows()[:count]
                )
            )
        return read(self.path, self.depth + 1, timezone.localdate())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # A list shows no body: only what its rows show is read.
        listing = PublicationFilter(request.GET, self.publications().as_rows())
        context["listing"] = listing
        # Purged with the column's path whenever something in it is published or withdrawn;
        # one value, so one round trip to the cache.
        path = urlsplit(self.get_url(request)).path
        context.update(
            shared(
                f"column-shared:{self.pk}",
                lambda: {
                    "choices": self._choices(),
                    "content_pages": list(
                        visible_through(self.get_children()).exact_type(ContentPage)
                    ),
                },
                path=path,
            )
        )
        context["page_obj"] = paginate(request, listing.queryset, count_with_rows=True)
        return context

    def _choices(self) -> dict:
        """``PublicationFilter(…, self.publications().as_rows()).choices()`` by queries
        compiled once per process."""
        args = (self.path, self.depth + 1, timezone.localdate())
        return {
            "kinds": kinds_from(_column_kinds(*args)),
            "years": [day.year for day in _column_years(*args)],
            "tags": _column_tags(*args),
        }


_LATEST_ROWS: dict[int, Prepared] = {}


def _column_rows(path, depth, today):
    """``ColumnPage.publications().as_rows()`` of the column at `path`, listed on `today`."""
    return Publication.objects.listed(today).filter(path__startswith=path, depth=depth).as_rows()


@prepared
def _column_kinds(path, depth, today):
    return kind_counts_query(_column_rows(path, depth, today))


@prepared
def _column_years(path, depth, today):
    return years_query(_column_rows(path, depth, today))


@prepared
def _column_tags(path, depth, today):
    return popular_tags_query(_column_rows(path, depth, today))


class PublicationTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.Publication", on_delete=models.CASCADE, related_name="tagged_items"
    )


class Publication(Page):
    """What every dated item of the site has in common; one table so lists can mix kinds."""

    date = models.DateTimeField(default=timezone.now, db_index=True, verbose_name=_("发布时间"))
    editor = models.CharField(max_length=60, blank=True, verbose_name=_("责任编辑"))
    source = models.CharField(max_length=80, blank=True, verbose_name=_("来源"))
    lead_image = models.ForeignKey(
        "home.PortalImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("题图"),
    )
    summary = models.TextField(
        max_length=300,
        verbose_name=_("摘要"),
        help_text=_("一两句话概括，显示在列表、订阅和分享中。"),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("正文"))
    tags = ClusterTaggableManager(through=PublicationTag, blank=True, verbose_name=_("标签"))

    objects = PageManager.from_queryset(PublicationQuerySet)()
    base_form_class = PublicationForm

    is_creatable = False
    parent_page_types = ["news.ColumnPage"]
    subpage_types = []

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    meta_panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("editor"), FieldPanel("source")]),
    ]
    content_panels = Page.content_panels + [
        MultiFieldPanel(meta_panels, heading=_("发布信息")),
        FieldPanel("summary"),
        FieldPanel("lead_image"),
        FieldPanel("body"),
        InlinePanel("attachments", heading=_("附件"), label=_("附件")),
        FieldPanel("tags"),
    ]

    class Meta:
        verbose_name = _("发布内容")
        ordering = ["-date"]

    kind_label = _("文章")

    @property
    def specific_kind_label(self):
        """The label of the item's own kind (新闻, 公告, 报告) when it was read as a plain
        Publication, as lists read it. A property, since a template given the class itself
        (``item.specific_class.kind_label``) calls it: a new instance per row."""
        cls = self.specific_class
        return cls.kind_label if cls is not None else self.kind_label

    def full_clean(self, *args, **kwargs):
        if not self.slug and self.depth:
            self.slug = dated_slug(self.get_parent(), self.date, self)
        super().full_clean(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if in_database(self, "tagged_items"):
            context["tags"] = tags = [item.tag for item in _tagged_items_of(self.pk)]
        else:  # a preview's tags, in memory
            context["tags"] = tags = list(self.tags.all())
        tag_ids = [tag.pk for tag in tags]
        if getattr(request, "is_preview", False):  # a draft's tags: never shared
            context["related"] = self.related_publications(tag_ids=tag_ids)
        else:
            # What any publish may change (a new item with a shared tag, a changed title):
            # kept until the next one; a withdrawal purges everything.
            context["related"] = shared(
                f"related-reading:{self.pk}",
                lambda: self.related_publications(tag_ids=tag_ids),
                path=EVERY_PUBLISH,
            )
        if in_database(self, "attachments"):
            context["attachments"] = _attachments_of(self.pk)
        else:
            context["attachments"] = list(self.attachments.select_related("document"))
        ancestors = ancestors_from_route(request, self)
        # The column its tags link to: from the routing chain, else read when first shown.
        context["column"] = ancestors[-1] if ancestors else self.get_parent
        return context

    @property
    def lead_image_in_body(self) -> bool:
        """Whether a figure of the body already shows the lead image: then the page shows it
        there, with its caption, and not a second time above the body."""
        if self.lead_image_id is None:
            return False
        return any(
            block.block_type == "figure"
            and block.value["image"] is not None
            and block.value["image"].pk == self.lead_image_id
            for block in self.body
        )

    def related_publications(self, tag_ids=None):
        """Other items that share a tag with this one (`tag_ids`: its tags, when known), then
        the newest of the same column; never this item's title again, and no title twice
        (reposts share titles)."""
        if tag_ids is None:
            tag_ids = list(self.tags.values_list("pk", flat=True))
        today = timezone.localdate()
        related, titles = [], {self.title}
        for read in (
            lambda: _related_by_tags(self.pk, padded(tag_ids), today) if tag_ids else [],
            lambda: _column_rows_but(self.pk, self.path[: -self.steplen], self.depth, today),
        ):
            for item in read():
                if item.title not in titles:
                    titles.add(item.title)
                    related.append(item)
                if len(related) == RELATED_COUNT:
                    return related
        return related


# A publication page's own rows, by queries compiled once per process (home.prepared).


@prepared
def _tagged_items_of(publication_id):
    """Its tags in the order ``tags.all()`` gives them (the tagging's order)."""
    return (
        PublicationTag.objects.filter(content_object_id=publication_id)
        .select_related("tag")
        .order_by("pk")
    )


@prepared
def _attachments_of(publication_id):
    return PublicationAttachment.objects.filter(publication_id=publication_id).select_related(
        "document"
    )


RELATED_COUNT = 5
# Rows read per query for RELATED_COUNT items: reposts repeat titles.
RELATED_READS = RELATED_COUNT * 3


@prepared
def _related_by_tags(pk, tag_ids, today):
    """The newest listed items but `pk` with any of these tags: a semi-join on the tagged
    items (no DISTINCT over the joined rows), compiled once per process."""
    tagged = PublicationTag.objects.filter(tag_id__in=tag_ids).values("content_object_id")
    return (
        Publication.objects.listed(today)
        .filter(pk__in=tagged)
        .exclude(pk=pk)
        .as_rows()[:RELATED_READS]
    )


@prepared
def _column_rows_but(pk, path, depth, today):
    """The newest listed items but `pk` of the column at `path`."""
    return _column_rows(path, depth, today).exclude(pk=pk)[:RELATED_READS]


class PublicationAttachment(Orderable):
    publication = ParentalKey(Publication, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+", verbose_name=_("文件")
    )
    title = models.CharField(
        max_length=200, blank=True, verbose_name=_("显示名称"), help_text=_("留空则使用文件标题")
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    @property
    def display_title(self):
        return self.title or self.document.title


class ArticlePage(Publication):
    """新闻 / 工作动态: a dated news article."""

    kind_label = _("新闻")

    class Meta:
        verbose_name = _("新闻动态")


class NoticePage(Publication):
    """通知公告: an official notice with its document number and period of validity."""

    document_number = models.CharField(max_length=60, blank=True, verbose_name=_("文号"))
    issuing_body = models.CharField(max_length=80, verbose_name=_("发布机关"))
    effective_date = models.DateField(null=True, blank=True, verbose_name=_("生效日期"))
    valid_until = models.DateField(
        null=True,
        blank=True,
        verbose_name=_("有效期至"),
        help_text=_("过了这一天，公告不再出现在列表中，但原链接仍可访问并标明已过期。"),
    )

    content_panels = (
        Publication.content_panels[:2]
        + [
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("document_number"), FieldPanel("issuing_body")]),
                    FieldRowPanel([FieldPanel("effective_date"), FieldPanel("valid_until")]),
                ],
                heading=_("公告信息"),
            ),
        ]
        + Publication.content_panels[2:]
    )

    kind_label = _("公告")

    class Meta:
        verbose_name = _("通知公告")

    def clean(self):
        super().clean()
        if self.effective_date and self.valid_until and self.valid_until < self.effective_date:
            raise ValidationError({"valid_until": _("有效期不能早于生效日期。")})

    @property
    def is_expired(self):
        return self.valid_until is not None and self.valid_until < timezone.localdate()


class ReportPage(Publication):
    """报告: work, survey, inspection or duty reports; readable as HTML, original attached."""

    Kind = ReportKind

    report_kind = models.CharField(
        max_length=20,
        choices=ReportKind.choices,
        default=ReportKind.WORK,
        db_index=True,
        verbose_name=_("报告类别"),
    )
    year = models.PositiveSmallIntegerField(verbose_name=_("年度"))
    issuing_body = models.CharField(
        max_length=80, verbose_name=_("报告机关或代表"), help_text=_("如：区人大常委会、张子平代表")
    )
    delegate = models.ForeignKey(
        "delegates.DelegatePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duty_reports",
        verbose_name=_("述职代表"),
        help_text=_("述职报告请选择作报告的代表，报告将出现在代表页面和所在联络站的公开栏。"),
    )

    content_panels = (
        Publication.content_panels[:2]
        + [
            MultiFieldPanel(
                [
                    FieldRowPanel(
                        [FieldPanel("report_kind"), FieldPanel("year"), FieldPanel("issuing_body")]
                    ),
                    FieldPanel("delegate"),
                ],
                heading=_("报告信息"),
            ),
        ]
        + Publication.content_panels[2:]
    )

    search_fields = Publication.search_fields + [index.FilterField("report_kind")]

    class Meta:
        verbose_name = _("报告")

    kind_label = _("报告")

    def clean(self):
        super().clean()
        this_year = datetime.date.today().year
        if self.year and not 1949 <= self.year <= this_year + 1:
            raise ValidationError({"year": _("年度应在 1949 年到明年之间。")})
        if self.delegate_id and self.report_kind != ReportKind.DUTY:
            raise ValidationError({"delegate": _("只有述职报告才能关联代表。")})
