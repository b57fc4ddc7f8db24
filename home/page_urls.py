"""A page's URL from its url_path and the request's site, without a reverse() per link.

Page.get_url(request) reads the site root paths (cached on the request), then reverses
``wagtail_serve`` for every link: on pages that link dozens of delegates, stations and reports
that reverse was a tenth of the CPU time. When the site has a single root and the page's class
does not route its own URL, the URL is the reversed root plus the page's path below it,
quoted as reverse() quotes it; anything else (several sites, a page outside the site, a page
class with its own get_url_parts, a path reverse() would not accept) asks Wagtail."""

from __future__ import annotations

import re
from urllib.parse import quote

from django.urls import NoReverseMatch, reverse
from django.urls.resolvers import RFC3986_SUBDELIMS
from wagtail.coreutils import WAGTAIL_APPEND_SLASH
from wagtail.models import Page

# The path wagtail_serve's pattern accepts (wagtail.urls: serve_pattern).
_SERVE_PATH = re.compile(r"(?:[\w\-]+/)*\Z")
_SAFE = RFC3986_SUBDELIMS + "/~:@"


def page_url(page, request=None) -> str | None:
    """What ``page.get_url(request)`` returns, built from ``page.url_path``."""
    url = url_of_path(page.url_path, type(page), request)
    return page.get_url(request) if url is None else url


def url_of_path(url_path: str, page_class, request) -> str | None:
    """The URL ``get_url(request)`` gives a page of `page_class` at `url_path` (for rows read
    without a page instance), or None where only Wagtail can tell (see the module's note)."""
    base = _site_base(request) if request is not None else None
    if base is None or page_class is None or page_class.get_url_parts is not Page.get_url_parts:
        return None
    root_path, prefix = base
    if not url_path.startswith(root_path):
        return None
    rest = url_path[len(root_path) :]
    if not _SERVE_PATH.match(rest):
        return None
    return prefix + quote(rest, safe=_SAFE)


def _site_base(request):
    """(root path, URL of the site root) when the site has one root path, else None; kept on
    the request with Wagtail's own cache of the root paths."""
    try:
        return request._portal_page_url_base
    except AttributeError:
        pass
    roots = Page()._get_site_root_paths(request)
    base = None
    if len(roots) == 1:
        try:
            base = (roots[0].root_path, reverse("wagtail_serve", args=("",)))
        except NoReverseMatch:
            base = None
        if not WAGTAIL_APPEND_SLASH:  # get_url strips the slash reverse() appends
            base = None
    request._portal_page_url_base = base
    return base
