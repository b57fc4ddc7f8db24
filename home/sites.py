"""Which Wagtail site a request is for, looked up once per host name and port and shared by
every request (home.cache.shared) until the next site-wide purge, which any change to a site
or its root page causes. Wagtail asks the database on every request otherwise. Shared with it:
the site's root page as its specific type (where Wagtail's routing starts) and its 网站设置
(SiteSettings, which every page's header and footer show; a change purges the whole site)."""

from django.core.exceptions import DisallowedHost
from django.db.models import Case, IntegerField, Q, When
from django.http.request import split_domain_port
from wagtail.models import Site
from wagtail.models.sites import (
    MATCH_DEFAULT,
    MATCH_HOSTNAME,
    MATCH_HOSTNAME_DEFAULT,
    MATCH_HOSTNAME_PORT,
)

from .cache import shared
from .models import SiteSettings
from .prepared import prepared
from .routing import specific_of


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
    site = _site_for_request(request)
    if site is None:
        return None, None
    specific_of(site.root_page)  # kept (pickled) with the site: routing starts there
    rows = _settings_of_site(site.pk)
    site_settings = rows[0] if rows else SiteSettings.for_site(site)  # created on first use
    return site, site_settings


def _site_for_request(request):
    """What ``Site._find_for_request(request)`` returns, its query compiled once per process."""
    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()
    if not (isinstance(port, str) and port.isdigit()):
        return Site._find_for_request(request)
    sites = _sites_for_host(hostname, int(port))
    # As wagtail.models.sites.get_site_for_hostname chooses among them.
    if not sites:
        return None
    if len(sites) == 1 or sites[0].match in (MATCH_HOSTNAME_PORT, MATCH_HOSTNAME_DEFAULT):
        return sites[0]
    if sites[0].match == MATCH_DEFAULT:
        return sites[len(sites) == 2]
    return None


@prepared
def _sites_for_host(hostname, port):
    """The sites that may serve `hostname` and `port`, best match first (Wagtail's query)."""
    return (
        Site.objects.annotate(
            match=Case(
                When(hostname=hostname, port=port, then=MATCH_HOSTNAME_PORT),
                When(hostname=hostname, is_default_site=True, then=MATCH_HOSTNAME_DEFAULT),
                When(is_default_site=True, then=MATCH_DEFAULT),
                default=MATCH_HOSTNAME,
                output_field=IntegerField(),
            )
        )
        .filter(Q(hostname=hostname) | Q(is_default_site=True))
        .order_by("match")
        .select_related("root_page")
    )


@prepared
def _settings_of_site(site_id):
    return SiteSettings.base_queryset().filter(site_id=site_id).order_by()
