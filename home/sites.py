"""Which Wagtail site a request is for, looked up once per host name and port and shared by
every request (home.cache.shared) until the next site-wide purge, which any change to a site
or its root page causes. Wagtail asks the database on every request otherwise. Shared with it:
the site's root page as its specific type (where Wagtail's routing starts) and its 网站设置
(SiteSettings, which every page's header and footer show; a change purges the whole site)."""

from django.core.exceptions import DisallowedHost
from django.http.request import split_domain_port
from wagtail.models import Site

from .cache import shared
from .models import SiteSettings


class SiteLookupMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            hostname = split_domain_port(request.get_host())[0]
        except DisallowedHost:
            # Not a host of ours: nothing is cached for it; Django answers 400 as usual.
            return self.get_response(request)
        port = request.get_port()
        # Site.find_for_request() returns what is set here.
        # A key of its own: values stored under "site:…" by earlier code held the site alone.
        site, site_settings = shared(
            f"site-and-settings:{hostname}:{port}", lambda: _lookup(request)
        )
        request._wagtail_site = site
        if site_settings is not None:
            # SiteSettings.for_request() returns what is set here.
            setattr(request, SiteSettings.get_cache_attr_name(), site_settings)
            site_settings._request = request
        return self.get_response(request)


def _lookup(request):
    site = Site._find_for_request(request)
    if site is None:
        return None, None
    site.root_page.specific  # noqa: B018 - kept (pickled) with the site: routing starts there
    return site, SiteSettings.for_site(site)
