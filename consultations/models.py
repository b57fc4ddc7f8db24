"""立法意见征集: a draft regulation put to the public, article by article.

- `ConsultationIndexPage` (/consultations/) lists the consultations; `ConsultationPage` is one
  draft: who asks (`asked_by`, e.g. the city congress's 法制委) through which contact point
  (`contact_point`, this district's 基层立法联系点), the explanation (起草说明), the dates, the
  draft itself — pasted (`draft_text`) or uploaded (`draft_file`, DOCX or plain text) — and,
  after it closes, the 采纳情况 note.
- `DraftArticle` rows are the draft split into its articles (consultations/drafts.py); they are
  rebuilt from the source whenever the page is saved, keeping each article's row (and so its
  comments) by its label — see `ConsultationPage.rebuild_articles`.
- `Comment` is what a resident said about the whole draft (`article` empty) or one article.
  The contact (e-mail or mobile) is required and never shown; `Comment.objects.shown()` is the
  only way public code (pages, feeds, search, the API) lists or counts comments."""

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from home.visibility import VisiblePageQuerySet, visible_through

from .choices import CommentStatus, Phase

BEIJING = zoneinfo.ZoneInfo("Asia/Shanghai")


def beijing_today():
    return timezone.localdate(timezone=BEIJING)


class ConsultationIndexPage(Page):
    """立法意见征集: the consultations, open ones first."""

    intro = RichTextField(blank=True, features=["bold", "link"], verbose_name=_("简介"))

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["consultations.ConsultationPage"]
    max_count = 1

    objects = PageManager.from_queryset(VisiblePageQuerySet)()

    class Meta:
        verbose_name = _("立法意见征集")

    def consultations(self):
        return ConsultationPage.objects.visible().child_of(self).order_by("-opens_on", "-pk")

    def get_context(self, request, *args, **kwargs):
        from .public import index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(index_context(self))
        return context


class ConsultationPage(Page):
    """One draft regulation put to the public."""

    asked_by = models.CharField(
        max_length=80,
        verbose_name=_("征求意见单位"),
        help_text=_("例如：市人大常委会法制工作委员会。"),
    )
    contact_point = models.CharField(
        max_length=80,
        blank=True,
        verbose_name=_("基层立法联系点"),
        help_text=_("例如：江滨区人大常委会基层立法联系点。"),
    )
    summary = models.TextField(
        max_length=300,
        blank=True,
        verbose_name=_("摘要"),
        help_text=_("一两句话说明征求什么意见，显示在列表、订阅和搜索结果中。"),
    )
    explanation = RichTextField(
        blank=True,
        features=["h3", "bold", "ol", "ul", "link"],
        verbose_name=_("起草说明"),
    )
    opens_on = models.DateField(verbose_name=_("开始日期"))
    closes_on = models.DateField(verbose_name=_("截止日期"))
    draft_text = models.TextField(
        blank=True,
        verbose_name=_("草案全文"),
        help_text=_(
            "粘贴草案全文（第一章……第一条……）。上传了新的文件时，这里换成文件中的文字。"
            "保存时按“第X条”拆分为条文。"
        ),
    )
    draft_file = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("草案文件"),
        help_text=_("Word（.docx）或纯文本（.txt）文件；选择新文件后保存即按文件重新拆分条文。"),
    )
    preamble = models.TextField(
        blank=True,
        editable=False,
        verbose_name=_("草案标题"),
        help_text=_("第一条之前的文字（标题、目录等），由草案自动得出。"),
    )
    adoption_note = RichTextField(
        blank=True,
        features=["h3", "bold", "ol", "ul", "link"],
        verbose_name=_("采纳情况"),
        help_text=_("意见征集结束后，说明意见的汇总、报送和采纳情况。"),
    )

    objects = PageManager.from_queryset(VisiblePageQuerySet)()

    parent_page_types = ["consultations.ConsultationIndexPage"]
    subpage_types = []

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("draft_text"),
        index.FilterField("opens_on"),
        index.FilterField("closes_on"),
    ]

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("asked_by"), FieldPanel("contact_point")]),
                FieldRowPanel([FieldPanel("opens_on"), FieldPanel("closes_on")]),
            ],
            heading=_("征集信息"),
        ),
        FieldPanel("summary"),
        FieldPanel("explanation"),
        MultiFieldPanel([FieldPanel("draft_file"), FieldPanel("draft_text")], heading=_("草案")),
        FieldPanel("adoption_note"),
    ]

    class Meta:
        verbose_name = _("征求意见稿")
        verbose_name_plural = _("征求意见稿")

    # -- dates ---------------------------------------------------------------------------

    def phase(self, today=None) -> str:
        today = today or beijing_today()
        if today < self.opens_on:
            return Phase.UPCOMING
        if today > self.closes_on:
            return Phase.CLOSED
        return Phase.OPEN

    @property
    def is_open(self) -> bool:
        """Comments are taken from `opens_on` to `closes_on`, both included, Beijing time."""
        return self.phase() == Phase.OPEN

    @property
    def phase_label(self) -> str:
        return Phase(self.phase()).label

    def get_context(self, request, *args, **kwargs):
        from .public import page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(page_context(self, request))
        return context

    # -- the draft -----------------------------------------------------------------------

    def clean(self):
        super().clean()
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": gettext("截止日期不能早于开始日期。")})
        from .drafts import DraftError

        try:
            self.rebuild_articles()
        except DraftError as error:
            field = "draft_file" if error.from_file else "draft_text"
            raise ValidationError({field: str(error)}) from error

    def rebuild_articles(self):
        """Split the draft (a newly chosen file's text, else the pasted text) into articles
        (consultations/drafts.py), keeping each existing article's row by its label."""
        from .drafts import rebuild

        rebuild(self)


class DraftArticle(Orderable):
    """One article (第X条) of a consultation's draft, with its chapter (and section)."""

    consultation = ParentalKey(ConsultationPage, on_delete=models.CASCADE, related_name="articles")
    chapter = models.CharField(max_length=120, blank=True, verbose_name=_("章"))
    section = models.CharField(max_length=120, blank=True, verbose_name=_("节"))
    label = models.CharField(max_length=20, verbose_name=_("条"))
    anchor = models.SlugField(max_length=20, verbose_name=_("锚点"))
    text = models.TextField(verbose_name=_("条文"))

    class Meta(Orderable.Meta):
        verbose_name = _("条文")
        verbose_name_plural = _("条文")

    def __str__(self):
        return self.label

    @property
    def paragraphs(self) -> list[str]:
        return [line for line in self.text.split("\n") if line.strip()]


class CommentQuerySet(models.QuerySet):
    def shown(self):
        """Approved comments of consultations the public may see (home/visibility.py): the
        one rule for every public list and count (pages, feeds, search, the API)."""
        return visible_through(self.filter(status=CommentStatus.APPROVED), "consultation")

    def awaiting_moderation(self):
        return self.filter(status=CommentStatus.MODERATION)


class Comment(models.Model):
    consultation = models.ForeignKey(
        ConsultationPage,
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("征求意见稿"),
    )
    # Empty: on the whole draft. RESTRICT: an article with comments cannot be deleted on its
    # own (re-parsing refuses first, drafts.py); deleting the consultation deletes both.
    article = models.ForeignKey(
        DraftArticle,
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="comments",
        verbose_name=_("条文"),
    )
    name = models.CharField(max_length=30, blank=True, verbose_name=_("姓名"))
    contact = models.CharField(
        max_length=120,
        blank=True,
        verbose_name=_("联系方式"),
        help_text=_("电子邮箱或手机号码，不公开；保存期满后删除。"),
    )
    text = models.TextField(max_length=2000, verbose_name=_("意见内容"))
    status = models.CharField(
        max_length=12,
        choices=CommentStatus.choices,
        default=CommentStatus.PENDING,
        db_index=True,
        verbose_name=_("状态"),
    )
    by_email = models.BooleanField(
        default=True,
        verbose_name=_("邮件确认"),
        help_text=_("留了电子邮箱的意见须点击邮件中的链接确认；只留手机号码的直接进入审核。"),
    )
    created_at = models.DateTimeField(
        default=timezone.now, db_index=True, verbose_name=_("提交时间")
    )
    confirmed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("确认时间"))
    moderated_at = models.DateTimeField(null=True, blank=True, verbose_name=_("审核时间"))
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("审核人"),
    )
    contact_purged_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("联系方式删除时间")
    )
    # Anti-abuse: one comment per form however often it is posted; the confirmation link's
    # token, hashed; a keyed hash of the client address.
    form_token = models.CharField(max_length=64, unique=True, editable=False)
    confirm_token_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    ip_hash = models.CharField(max_length=64, blank=True, editable=False)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["consultation", "status"])]
        permissions = [("view_comment_contact", _("可查看意见人联系方式"))]
        verbose_name = _("立法意见")
        verbose_name_plural = _("立法意见")

    def __str__(self):
        return gettext("意见 %(pk)s") % {"pk": self.pk}

    @property
    def public_name(self) -> str:
        """The name as the page shows it: masked (王**), 匿名 without one."""
        from voices.models import mask_name

        return mask_name(self.name)

    @property
    def target_label(self) -> str:
        return self.article.label if self.article_id else gettext("草案整体")
