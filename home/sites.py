"""Which Wagtail site a request is for, looked up once per host name and port and shared by
every request (home.cache.shared) until the next site-wide purge, which any change to a site
or its root page causes. Wagtail asks the database on every request otherwise."""

from django.core.exceptions import DisallowedHost
from django.http.request import split_domain_port
from wagtail.models import Site

from .cache import shared


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
        request._wagtail_site = shared(
            f"site:{hostname}:{port}", lambda: Site._find_for_request(request)
        )
        return self.get_response(request)
