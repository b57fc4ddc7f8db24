"""The XML sitemap for crawlers: every page the public may see (home.visibility)."""

from wagtail.contrib.sitemaps import Sitemap

from .visibility import visible_through


class PortalSitemap(Sitemap):
    def items(self):
        pages = self.get_wagtail_site().root_page.get_descendants(inclusive=True)
        return visible_through(pages).order_by("path").defer_streamfields().specific()
