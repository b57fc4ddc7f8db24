"""RSS 2.0 and Atom feeds, for the whole site and for each column."""

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _
from wagtail.models import Site

from home.feeds import RequestLocalFeed
from home.models import SiteSettings
from home.visibility import visible_through

from .models import ColumnPage, Publication


class PublicationFeed(RequestLocalFeed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, slug=None):
        # `self` is this request's own copy of the feed (RequestLocalFeed).
        self.site = Site.find_for_request(request)
        self.site_settings = SiteSettings.for_site(self.site)
        if slug is None:
            return None
        return get_object_or_404(visible_through(ColumnPage.objects.all()), slug=slug)

    def title(self, column):
        name = self.site_settings.site_name
        return f"{column.title} - {name}" if column else name

    def link(self, column):
        return column.get_url(self.request) if column else "/"

    def description(self, column):
        if column:
            return _("%(site)s“%(column)s”栏目的最新内容") % {
                "site": self.site_settings.site_name,
                "column": column.title,
            }
        return _("%(site)s发布的最新通知公告、工作动态和报告") % {
            "site": self.site_settings.site_name
        }

    def feed_copyright(self):
        return _("版权所有：%(holder)s") % {"holder": self.site_settings.copyright_holder}

    def items(self, column):
        queryset = column.publications() if column else Publication.objects.listed()
        return queryset.prefetch_related("tags")[: settings.PORTAL_FEED_ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return item.date

    def item_updateddate(self, item):
        return item.last_published_at or item.date

    def item_author_name(self, item):
        return item.editor or None

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]


class PublicationAtomFeed(PublicationFeed):
    feed_type = Atom1Feed

    def subtitle(self, column):
        return self.description(column)
