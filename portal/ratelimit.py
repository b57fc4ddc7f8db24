"""Per-IP rate limits on the expensive public endpoints (search, suggest, locator).

Counting is django-ratelimit's, in the default cache; limits come from settings.PORTAL_RATE_LIMITS.
Only requests that ask for something (a query string: a search, a locator lookup) are counted;
the bare form pages cost nothing and come from the page cache. Over the limit, residents get a
429 page in Chinese that says when to try again."""

from django.conf import settings
from django.shortcuts import render
from django_ratelimit.core import is_ratelimited


class RateLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.GET:
            return self.get_response(request)
        for prefix, rate in settings.PORTAL_RATE_LIMITS.items():
            if rate and request.path.startswith(prefix):
                try:
                    limited = is_ratelimited(
                        request, group=prefix, key="ip", rate=rate, increment=True
                    )
                except Exception:  # noqa: BLE001 - without a cache, serve rather than refuse
                    limited = False
                if limited:
                    response = render(request, "429.html", status=429)
                    response["Retry-After"] = "60"
                    response["Cache-Control"] = "no-store"
                    return response
                break
        return self.get_response(request)
