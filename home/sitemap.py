"""The XML sitemap for crawlers: every page the public may see (home.visibility), at the
site's public address."""

from django.conf import settings
from wagtail.contrib.sitemaps import Sitemap

from .visibility import visible_through

# Host names that only mean "this machine": a Site left at one of them (the demo's and a fresh
# install's `localhost`) is reached by the public at BASE_URL instead.
LOCAL_HOSTNAMES = {"localhost", "127.0.0.1", "::1", "[::1]"}


def public_root_url(site) -> str:
    """The scheme, host and port at which the public reaches `site`: its own host name and
    port when they are a real address, otherwise BASE_URL."""
    if site.hostname in LOCAL_HOSTNAMES:
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return site.root_url


class PortalSitemap(Sitemap):
    def items(self):
        pages = self.get_wagtail_site().root_page.get_descendants(inclusive=True)
        return visible_through(pages).order_by("path").defer_streamfields().specific()

    def _urls(self, page, protocol, domain):
        site = self.get_wagtail_site()
        own, public = site.root_url, public_root_url(site)
        urls = super()._urls(page, protocol, domain)
        if own != public:
            for url in urls:
                if url["location"].startswith(own):
                    url["location"] = public + url["location"][len(own) :]
        return urls
