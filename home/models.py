"""Site-wide models: the home page, generic content pages, site settings and the image model."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.images.models import AbstractImage, AbstractRendition
from wagtail.models import Page, Site
from wagtail.search import index

from .blocks import BodyBlock, HomeBlock
from .routing import route_below


class PortalImage(AbstractImage):
    """Wagtail's image with a required description, used as the default alternative text."""

    description = models.CharField(
        max_length=255,
        verbose_name=_("图片说明（替代文本）"),
        help_text=_("用一句话描述图片内容，供视障读者的读屏软件朗读。"),
    )

    admin_form_fields = (
        "title",
        "file",
        "description",
        "collection",
        "tags",
        "focal_point_x",
        "focal_point_y",
        "focal_point_width",
        "focal_point_height",
    )

    class Meta(AbstractImage.Meta):
        verbose_name = _("图片")
        verbose_name_plural = _("图片")
        permissions = [("choose_image", "Can choose image")]


class PortalRendition(AbstractRendition):
    image = models.ForeignKey(PortalImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class HomePage(Page):
    """The portal's front page; every section of it is an editable block."""

    body = StreamField(HomeBlock(), blank=True, verbose_name=_("首页版块"))

    content_panels = Page.content_panels + [FieldPanel("body")]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("网站首页")

    def route(self, request, path_components):
        result = route_below(self, request, path_components)
        if result is not None:
            return result
        return super().route(request, path_components)


class ContentPage(Page):
    """A plain page of text such as 人大简介 or 机构设置."""

    summary = models.TextField(blank=True, max_length=300, verbose_name=_("摘要"))
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("正文"))

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    subpage_types = ["home.ContentPage"]

    class Meta:
        verbose_name = _("内容页")


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """What the header and footer say about the body that runs the site."""

    site_name = models.CharField(
        max_length=60, default="某某区人大常委会", verbose_name=_("网站名称")
    )
    body_name = models.CharField(
        max_length=60, default="某某区人民代表大会常务委员会", verbose_name=_("机关名称")
    )
    footer_text = models.TextField(blank=True, verbose_name=_("页脚说明"))
    copyright_holder = models.CharField(
        max_length=80, default="某某区人大常委会办公室", verbose_name=_("版权所有")
    )
    icp_number = models.CharField(max_length=40, blank=True, verbose_name=_("ICP备案编号"))
    public_security_number = models.CharField(
        max_length=40, blank=True, verbose_name=_("公安机关备案号")
    )
    contact_address = models.CharField(max_length=120, blank=True, verbose_name=_("联系地址"))
    contact_phone = models.CharField(max_length=40, blank=True, verbose_name=_("联系电话"))
    contact_email = models.EmailField(blank=True, verbose_name=_("电子邮箱"))

    panels = [
        MultiFieldPanel([FieldPanel("site_name"), FieldPanel("body_name")], heading=_("名称")),
        MultiFieldPanel(
            [
                FieldPanel("contact_address"),
                FieldPanel("contact_phone"),
                FieldPanel("contact_email"),
            ],
            heading=_("联系方式"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("footer_text"),
                FieldPanel("copyright_holder"),
                FieldPanel("icp_number"),
                FieldPanel("public_security_number"),
            ],
            heading=_("页脚"),
        ),
    ]

    class Meta:
        verbose_name = _("网站设置")

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # The admin's dashboard greets editors with the Wagtail Site's name: keep it the same.
        Site.objects.filter(pk=self.site_id).update(site_name=self.site_name)
