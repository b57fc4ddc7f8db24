"""What every response of the public API shares: read-only methods, the per-client rate limit
(portal/ratelimit.py, group "api"), CORS for reading from any origin without credentials, a
short public cache lifetime, ETags with 304 answers, and errors as JSON in Chinese."""

from django.conf import settings
from django.http import Http404
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from django.utils.translation import gettext
from rest_framework import exceptions
from rest_framework.throttling import BaseThrottle
from rest_framework.views import exception_handler as drf_exception_handler

from portal.ratelimit import over_limit

READ_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": ", ".join(READ_METHODS),
    "Access-Control-Allow-Headers": "Accept, If-None-Match",
    "Access-Control-Expose-Headers": "ETag, Retry-After",
    "Access-Control-Max-Age": "86400",
}


class ClientRateThrottle(BaseThrottle):
    """Every API request counts in the rate-limit group "api" (RATE_LIMIT_API), by client
    address, in the same counters as the portal's other limits."""

    def allow_request(self, request, view):
        self.retry_after = over_limit(request._request, "api")
        return self.retry_after is None

    def wait(self):
        return self.retry_after


def exception_handler(exc, context):
    """DRF's error responses with the portal's Chinese wording."""
    if isinstance(exc, Http404):  # an unknown or hidden id (a bad page number keeps its own)
        exc = exceptions.NotFound(gettext("没有找到这条数据，或它没有公开。"))
    elif isinstance(exc, exceptions.MethodNotAllowed):
        exc = exceptions.MethodNotAllowed(
            exc.detail, detail=gettext("开放接口只读，只接受 GET、HEAD 和 OPTIONS 请求。")
        )
    elif isinstance(exc, exceptions.Throttled):
        seconds = int(exc.wait or 60)
        exc = exceptions.Throttled(
            detail=gettext("请求过于频繁，请在 %(seconds)s 秒后再试。") % {"seconds": seconds}
        )
        exc.wait = seconds  # DRF's handler sends it as Retry-After
    return drf_exception_handler(exc, context)


class PublicReadMixin:
    """For API views: the headers and conditional answers every response carries."""

    http_method_names = ["get", "head", "options"]
    throttle_classes = [ClientRateThrottle]

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code != 200 or request.method == "OPTIONS":
            response["Cache-Control"] = "no-store"
        else:
            patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_BROWSER_SECONDS)
            if hasattr(response, "render"):
                response.render()
            set_response_etag(response)
            response = get_conditional_response(request, etag=response["ETag"], response=response)
        for name, value in CORS_HEADERS.items():
            response[name] = value
        return response
