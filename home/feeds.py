"""A base for the portal's feeds that keeps per-request state off the shared feed object."""

import copy

from django.contrib.syndication.views import Feed


class RequestLocalFeed(Feed):
    """Django builds a feed view once, in the URLconf, and every thread that serves it shares
    that one instance: anything a request stores on `self` (the request, its site, the site's
    settings) would be read, and overwritten, by a concurrent request for another site.

    Each call therefore runs on a shallow copy of its own, with `self.request` set, so that
    `get_object()` and the item methods may keep what they need on `self`."""

    def __call__(self, request, *args, **kwargs):
        feed = copy.copy(self)
        feed.request = request
        return super(RequestLocalFeed, feed).__call__(request, *args, **kwargs)
