"""Per-client rate limits on the expensive public views (search, suggest, locator, directory).

The limit belongs to the view, not to a URL prefix: a view keeps its limit wherever it is
served from (a renamed page slug, the app mounted under a SCRIPT_NAME). Apply
`@rate_limited("search")` to a view function, or under `@path(...)` to a routable page method.

Counting is django-ratelimit's, in the default cache; limits ("requests/period", period s, m,
h or d) come from settings.PORTAL_RATE_LIMITS by group, and an empty one turns a group off. Only
requests that ask for something (a query string: a search, a lookup; or a form post) are
counted; the bare form pages cost nothing and come from the page cache. The key is the client
address from the same source as the login lockout (portal/client_ip.py); `over_limit` counts
by another key (e.g. a sender's contact). Over the limit, residents get a 429 page in Chinese
that says when to try again — or what the view's `refuse` callable returns (a form shown again
with what was typed). A residents' form passes `solved` (portal/challenge.py): over the limit
its `refuse` asks a question, and a post that answers it rightly goes through while the address
stays under the ceiling of the group `<group>_challenged`. Without a cache, requests are served
rather than refused."""

import functools
import logging

from django.conf import settings
from django.http import HttpRequest
from django.shortcuts import render
from django_ratelimit.core import _split_rate, is_ratelimited

from portal.client_ip import client_network

logger = logging.getLogger(__name__)


def _key(group, request):
    return client_network(request)


def too_many_requests(request, retry_after: int):
    response = render(request, "429.html", status=429)
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response


def over_limit(request, group: str, key=_key, increment=True) -> int | None:
    """Count this request in `group` by `key` (a callable (group, request) -> str) — or only
    look, with increment=False; None while under the limit, else the seconds of the period to
    wait."""
    rate = settings.PORTAL_RATE_LIMITS.get(group)
    if not rate:
        return None
    try:
        limited = is_ratelimited(
            request, group=f"portal:{group}", key=key, rate=rate, increment=increment
        )
    except Exception as error:  # noqa: BLE001 - without a cache, serve rather than refuse
        logger.warning("rate limit %s not checked: %s", group, error)
        return None
    return _split_rate(rate)[1] if limited else None


def check(request, group: str, refuse=too_many_requests, solved=None):
    """None when the request may proceed, else the response of `refuse(request, retry_after)`
    — with `solved` (request -> bool, a right answer to the challenge), of
    `refuse(request, retry_after, may_challenge)`."""
    if not request.GET and request.method != "POST":
        return None
    retry_after = over_limit(request, group)
    if retry_after is None:
        return None
    if solved is None:
        return refuse(request, retry_after)
    ceiling = f"{group}_challenged"
    if solved(request):
        ceiling_wait = over_limit(request, ceiling)
        if ceiling_wait is None:
            return None
        return refuse(request, ceiling_wait, False)
    ceiling_wait = over_limit(request, ceiling, increment=False)
    return refuse(request, ceiling_wait or retry_after, ceiling_wait is None)


def rate_limited(group: str, refuse=too_many_requests, solved=None):
    """Limit a view (`view(request, …)`) or a routable page method (`method(self, request, …)`);
    `solved`: see `check`."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(*args, **kwargs):
            request = args[0] if isinstance(args[0], HttpRequest) else args[1]
            return check(request, group, refuse, solved) or view(*args, **kwargs)

        return wrapped

    return decorator
