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
    return render(
        request,
        "robots.txt",
        {"admin_path": settings.WAGTAIL_ADMIN_PATH},
        content_type="text/plain; charset=utf-8",
    )


def server_error(request):
    """A 500 page that renders without touching the database (it may be what failed)."""
    return HttpResponseServerError(loader.get_template("500.html").render())
