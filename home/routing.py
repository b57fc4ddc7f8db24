"""Routing a URL to its page in one query for the whole path.

Wagtail's Page.route descends one level at a time, reading each child's base row and then
its specific row: two queries per level before the page's own view runs. Here the pages
whose url_path is a prefix of the requested path are read at once, and only the page that
answers is read as its specific type. A page whose class routes for itself (RoutablePageMixin
pages, the station index) still decides what the rest of the path means, exactly as it would
under Wagtail's descent, since every page above it routes by slug alone."""

from wagtail.models import Page

MAX_DEPTH = 8  # deeper paths (no page of the site is that deep) take Wagtail's descent


def _routes_itself(cls) -> bool:
    return cls.route is not Page.route


def route_below(root, request, path_components):
    """The RouteResult for `path_components` under `root` (the site's root page), or None
    when the fast path cannot decide (Wagtail's own descent is then used)."""
    if len(path_components) > MAX_DEPTH:
        return None
    prefixes, url = [], root.url_path
    for component in path_components:
        url += f"{component}/"
        prefixes.append(url)
    found = {
        page.url_path: page
        for page in Page.objects.filter(url_path__in=prefixes, path__startswith=root.path)
    }
    chain = []
    for depth, prefix in enumerate(prefixes, start=root.depth + 1):
        page = found.get(prefix)
        if page is None or page.depth != depth:
            break
        chain.append(page)
    for position, page in enumerate(chain):
        cls = page.specific_class
        if cls is None:
            return None
        if position == len(chain) - 1 or _routes_itself(cls):
            return page.specific.route(request, path_components[position + 1 :])
    return None
