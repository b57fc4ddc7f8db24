"""Which Wagtail site a request is for, looked up once per host name and port and shared by
every request (home.cache.shared) until the next site-wide purge, which any change to a site
or its root page causes. Wagtail asks the database on every request otherwise. Shared with it:
the site's root page as its specific type (where Wagtail's routing starts), its 网站设置
(SiteSettings, which every page's header and footer show; a change purges the whole site) and
Wagtail's site root paths (what page URLs are made from; Wagtail keeps them in the cache under
a key of its own, one more round trip per request: any change to them — a site, a root page's
slug, a move — purges the whole site too)."""

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http.request import split_domain_port
from wagtail.models import Site
from wagtail.models.sites import (
    MATCH_DEFAULT,
    MATCH_HOSTNAME,
    MATCH_HOSTNAME_DEFAULT,
    MATCH_HOSTNAME_PORT,
    SiteRootPath,
)

from .cache import shared
from .models import HomePage, SiteSettings
from .prepared import prepared
from .routing import adopt_specific, specific_of


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
        # A key of its own: values stored under "site:…" and "site-and-settings:…" by earlier
        # code held less.
        site, site_settings, root_paths = shared(
            f"site-settings-roots:{hostname}:{port}", lambda: _lookup(request)
        )
        request._wagtail_site = site
        # Page.get_url(request) (and page.url on the root page) read them from here.
        request._wagtail_cached_site_root_paths = root_paths
        if site is not None:  # and `page.url` of the root page (the menu, the home page)
            root = site.root_page
            for page in (root, root.__dict__.get("specific")):
                if page is not None:
                    page._wagtail_cached_site_root_paths = root_paths
        if site_settings is not None:
            # SiteSettings.for_request() returns what is set here.
            setattr(request, SiteSettings.get_cache_attr_name(), site_settings)
            site_settings._request = request
        return self.get_response(request)


def _lookup(request):
    sites = _all_sites()
    root_paths = _root_paths(sites)
    site = _site_for_request(request, sites)
    if site is None:
        return None, None, root_paths
    # Kept (pickled) with the site: routing starts there.
    root = site.root_page
    home = getattr(root, "homepage", None)  # read with the sites
    if home is not None and root.specific_class is HomePage:
        adopt_specific(root, home)
    else:
        specific_of(root)
    try:
        site_settings = site.sitesettings  # read with the sites
    except SiteSettings.DoesNotExist:
        site_settings = SiteSettings.for_site(site)  # created on first use
    return site, site_settings, root_paths


@prepared
def _all_sites():
    """Every site with its root page (as a HomePage too, the usual root), the page's locale
    and the site's 网站设置, in the order of Wagtail's site root paths: one query answers which
    site serves the request, with its settings, its root page as routing needs it and the
    root paths; compiled once per process."""
    return Site.objects.select_related(
        "root_page__homepage", "root_page__locale", "sitesettings"
    ).order_by("-root_page__url_path", "-is_default_site", "hostname")


def _root_paths(sites):
    """What ``Site.get_site_root_paths()`` computes (without its own round trips to the cache)
    from `sites`; Wagtail's own answer when translations are on (it reads them per site)."""
    if getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return Site.get_site_root_paths()
    return [
        SiteRootPath(
            site.id, site.root_page.url_path, site.root_url, site.root_page.locale.language_code
        )
        for site in sites
    ]


def _site_for_request(request, sites):
    """What ``Site._find_for_request(request)`` returns, chosen among `sites` (all of them)."""
    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()
    if not (isinstance(port, str) and port.isdigit()):
        return Site._find_for_request(request)
    port = int(port)

    def match(site):  # Wagtail's CASE in get_site_for_hostname
        if site.hostname == hostname and site.port == port:
            return MATCH_HOSTNAME_PORT
        if site.hostname == hostname and site.is_default_site:
            return MATCH_HOSTNAME_DEFAULT
        if site.is_default_site:
            return MATCH_DEFAULT
        return MATCH_HOSTNAME

    ranked = sorted(
        (
            (match(site), site)
            for site in sites
            if site.hostname == hostname or site.is_default_site
        ),
        key=lambda pair: pair[0],
    )
    # As wagtail.models.sites.get_site_for_hostname chooses among them.
    if not ranked:
        return None
    if len(ranked) == 1 or ranked[0][0] in (MATCH_HOSTNAME_PORT, MATCH_HOSTNAME_DEFAULT):
        return ranked[0][1]
    if ranked[0][0] == MATCH_DEFAULT:
        return ranked[len(ranked) == 2][1]
    return None
