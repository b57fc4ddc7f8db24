"""StreamField blocks shared by every page body, and the blocks of the home page."""

import copy

from django.core.exceptions import ValidationError
from django.db.models import Count, Subquery, Value
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

from .prepared import Prepared, padded, prepared


class FigureBlock(blocks.StructBlock):
    """An image with required alternative text (or an explicit 'decorative' mark) and a caption."""

    image = ImageBlock(label=_("图片"))
    caption = blocks.CharBlock(required=False, max_length=200, label=_("图注"))

    class Meta:
        icon = "image"
        label = _("图片")
        template = "components/streamfield/blocks/figure_block.html"


class AttachmentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("文件"))
    title = blocks.CharBlock(required=False, max_length=200, label=_("显示名称（留空用文件标题）"))


class AttachmentListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, default="附件", label=_("标题"))
    files = blocks.ListBlock(AttachmentBlock(), min_num=1, label=_("文件"))

    class Meta:
        icon = "doc-full"
        label = _("附件列表")
        template = "components/streamfield/blocks/attachment_list_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("引文"))
    attribution = blocks.CharBlock(required=False, max_length=200, label=_("出处"))

    class Meta:
        icon = "openquote"
        label = _("引文")
        template = "components/streamfield/blocks/quote_block.html"


class VideoBlock(blocks.StructBlock):
    """A video file from the document library, played by the browser's own player.

    Self-hosted on purpose: third-party video embeds are often unreachable for residents and
    would load foreign scripts."""

    video = DocumentChooserBlock(label=_("视频文件（MP4）"))
    caption = blocks.CharBlock(max_length=200, label=_("视频说明"))
    transcript = blocks.TextBlock(required=False, label=_("文字实录（供无法观看视频的读者）"))

    class Meta:
        icon = "media"
        label = _("视频")
        template = "components/streamfield/blocks/video_block.html"


class BodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("正文"),
        features=["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "hr"],
        template="components/streamfield/blocks/paragraph_block.html",
    )
    figure = FigureBlock()
    attachments = AttachmentListBlock()
    quote = QuoteBlock()
    table = TableBlock(
        label=_("表格"),
        template="components/streamfield/blocks/table_block.html",
        table_options={"language": "zh-cn", "contextMenu": True},
    )
    video = VideoBlock()

    class Meta:
        label = _("正文内容")


_PAGES_BY_ID: dict[type, Prepared] = {}


class PageChooserBlock(blocks.PageChooserBlock):
    """Wagtail's page chooser, whose pages (those of every block of a kind in a body, read
    together) are read by a query compiled once per page type and number of pages: the ORM
    takes many times longer to compile Wagtail's ``in_bulk`` than the database to answer it,
    and the home page reads three kinds of them. The same block for migrations."""

    canonical_module_path = "wagtail.blocks.PageChooserBlock"

    def bulk_to_python(self, values):
        ids = {value for value in values if value is not None}
        if not all(type(value) is int for value in ids):  # not as stored: Wagtail's own read
            return super().bulk_to_python(values)
        model = self.model_class
        read = _PAGES_BY_ID.get(model)
        if read is None:
            read = _PAGES_BY_ID[model] = prepared(
                lambda ids, model=model: model._default_manager.filter(pk__in=ids).order_by()
            )
        pages = {page.pk: page for page in read(padded(sorted(ids)))} if ids else {}
        # As Wagtail's: in order, None kept, a page chosen twice given as two instances.
        result, seen = [], set()
        for value in values:
            page = pages.get(value)
            if page is not None and value in seen:
                page = copy.copy(page)
            result.append(page)
            seen.add(value)
        return result


class LinkTargetBlock(blocks.StructBlock):
    """A link to a page of this site or to any URL."""

    page = PageChooserBlock(required=False, label=_("站内页面"))
    url = blocks.CharBlock(required=False, max_length=300, label=_("或链接地址"))

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(_("请选择站内页面或填写链接地址"))}
            )
        return value


class QuickEntryBlock(blocks.StructBlock):
    label = blocks.CharBlock(max_length=30, label=_("名称"))
    description = blocks.CharBlock(required=False, max_length=80, label=_("说明"))
    link = LinkTargetBlock(label=_("链接"))


class QuickEntriesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(default="便民服务", max_length=30, label=_("标题"))
    entries = blocks.ListBlock(QuickEntryBlock(), min_num=1, label=_("入口"))

    class Meta:
        icon = "link"
        label = _("快捷入口")
        template = "components/streamfield/blocks/quick_entries_block.html"


class LatestPublicationsBlock(blocks.StructBlock):
    """The newest items of one column, e.g. 通知公告 or 工作动态."""

    heading = blocks.CharBlock(max_length=30, label=_("标题"))
    column = PageChooserBlock(page_type="news.ColumnPage", label=_("栏目"))
    count = blocks.IntegerBlock(default=6, min_value=1, max_value=20, label=_("条数"))

    class Meta:
        icon = "list-ul"
        label = _("栏目最新内容")
        template = "components/streamfield/blocks/latest_publications_block.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        column = value["column"]
        context["items"] = column.specific.latest(value["count"]) if column else []
        return context


class FeaturedPagesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=30, label=_("标题"))
    pages = blocks.ListBlock(PageChooserBlock(), min_num=1, label=_("页面"))

    class Meta:
        icon = "pick"
        label = _("推荐内容")
        template = "components/streamfield/blocks/featured_pages_block.html"


class DistrictFactsBlock(blocks.StructBlock):
    """A sentence of figures (delegates, delegation groups, stations) counted from the data
    at render time, so the home page never disagrees with the directory."""

    intro = blocks.TextBlock(required=False, label=_("导语"))

    class Meta:
        icon = "table"
        label = _("代表与联络站数字")
        template = "components/streamfield/blocks/district_facts_block.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        [(delegates, groups, stations)] = _district_counts()
        context["delegate_count"] = delegates
        context["station_count"] = stations
        context["group_count"] = groups
        return context


@prepared
def _district_counts():
    """(visible delegates, the delegation groups they belong to, visible stations): one
    row of one query, compiled once per process."""
    from delegates.models import DelegatePage, StationPage

    delegates = DelegatePage.objects.visible().order_by()
    return (
        delegates.values(one=Value(1))
        .annotate(
            delegates=Count("pk"),
            groups=Count("delegation_group", distinct=True),
            stations=Subquery(
                StationPage.objects.visible()
                .order_by()
                .values(one=Value(1))
                .annotate(n=Count("pk"))
                .values("n")
            ),
        )
        .values_list("delegates", "groups", "stations")
    )


class HomeBlock(blocks.StreamBlock):
    quick_entries = QuickEntriesBlock()
    latest = LatestPublicationsBlock()
    featured = FeaturedPagesBlock()
    facts = DistrictFactsBlock()
    text = blocks.RichTextBlock(
        label=_("文字"), template="components/streamfield/blocks/paragraph_block.html"
    )
