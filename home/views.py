from django.conf import settings
from django.http import HttpResponseRedirect, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

ONE_YEAR = 365 * 24 * 3600


@require_GET
def reading_mode(request):
    """Switch the elderly-friendly reading mode (larger text, higher contrast) on or off.

    A plain link, so it works without JavaScript; the choice is kept in a cookie for a year."""
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = "/"
    response = HttpResponseRedirect(target)
    if request.GET.get("elder") == "1":
        response.set_cookie(
            settings.ELDER_MODE_COOKIE,
            "1",
            max_age=ONE_YEAR,
            samesite="Lax",
            secure=request.is_secure(),
        )
    else:
        response.delete_cookie(settings.ELDER_MODE_COOKIE, samesite="Lax")
    return response


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    """Keep crawlers off search results and the locator's answers (one per query string). The
    admin is not listed: robots.txt is public, and naming a configurable admin path in it would
    publish the path (the admin's pages carry noindex themselves)."""
    from delegates.models import StationIndexPage

    query_pages = [
        index.get_url(request) + index.reverse_subpage("locator")
        for index in StationIndexPage.objects.live().public()
    ]
    return render(
        request,
        "robots.txt",
        {"query_pages": query_pages},
        content_type="text/plain; charset=utf-8",
    )


def server_error(request):
    """A 500 page that renders without touching the database (it may be what failed)."""
    return HttpResponseServerError(loader.get_template("500.html").render())


# The site map page lists at most this many pages of each section, newest first, and links
# to the section for the rest.
SITE_MAP_PAGES_PER_SECTION = 8


@require_GET
def site_map(request):
    """网站地图 for people: every section the public may see with its newest pages (the XML
    sitemap at /sitemap.xml is for crawlers)."""
    from django.db.models import F
    from wagtail.models import Site

    from .visibility import visible_through

    site = Site.find_for_request(request) or Site.objects.get(is_default_site=True)
    sections = []
    for section in visible_through(site.root_page.get_children()):
        # Publications newest first, then the section's other pages in the editors' order.
        pages = visible_through(section.get_children()).order_by(
            F("publication__date").desc(nulls_last=True), "path"
        )
        shown = list(pages[: SITE_MAP_PAGES_PER_SECTION + 1])
        total = len(shown)
        if total > SITE_MAP_PAGES_PER_SECTION:
            shown = shown[:SITE_MAP_PAGES_PER_SECTION]
            total = pages.count()
        sections.append({"page": section, "pages": shown, "total": total})
    return render(
        request, "home/site_map.html", {"site_root": site.root_page, "sections": sections}
    )


@require_GET
@cache_control(max_age=86400, public=True)
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page links to: send them to the static icon
    (hashed and served by WhiteNoise), not to a 404."""
    from django.templatetags.static import static

    return HttpResponseRedirect(static("img/favicon.ico"))
