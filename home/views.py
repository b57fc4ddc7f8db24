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
