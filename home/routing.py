"""Routing a URL to its page in one query for the whole path.

Wagtail's Page.route descends one level at a time, reading each child's base row and then
its specific row: two queries per level before the page's own view runs. Here the pages
whose url_path is a prefix of the requested path are read at once, and only the page that
answers is read as its specific type. A page whose class routes for itself (RoutablePageMixin
pages, the station index) still decides what the rest of the path means, exactly as it would
under Wagtail's descent, since every page above it routes by slug alone; a class that can
route a path from its chain row alone (a classmethod ``route_from_chain(row, request, rest)``
returning the RouteResult, or None to be read and asked as usual) spares that read.

The pages read on the way are kept on the request: Wagtail's view-restriction check and the
breadcrumbs need the page's ancestors, which are that chain."""

from django.db.models import Exists, OuterRef
from wagtail.models import Page, PageViewRestriction

from .prepared import Prepared, prepared
from .visibility import unrestricted_by_chain

MAX_DEPTH = 8  # deeper paths (no page of the site is that deep) take Wagtail's descent
# What routing, the restriction check and the breadcrumbs read of the pages on the way (the
# page that answers is read again, whole, as its specific type): numbers and text only.
CHAIN_FIELDS = {
    "id",
    "title",
    "slug",
    "url_path",
    "path",
    "depth",
    "content_type_id",
    "alias_of_id",
}


def _routes_itself(cls) -> bool:
    return cls.route is not Page.route


def route_below(root, request, path_components):
    """The RouteResult for `path_components` under `root` (the site's root page), or None
    when the fast path cannot decide (Wagtail's own descent is then used)."""
    if len(path_components) > MAX_DEPTH:
        return None
    if not path_components:  # the root itself (the home page): Wagtail's answer, one query less
        request.portal_route_chain = {root.path: root}
        result = Page.route(root, request, [])
        _spare_restriction_lookup(result.page, request.portal_route_chain)
        return result
    prefixes, url = [], root.url_path
    for component in path_components:
        url += f"{component}/"
        prefixes.append(url)
    # The root's row too, for whether a view restriction sits on it (read with the chain).
    found = {page.url_path: page for page in _pages_at(root, [root.url_path, *prefixes])}
    root_row = found.get(root.url_path)
    chain = []
    for depth, prefix in enumerate(prefixes, start=root.depth + 1):
        page = found.get(prefix)
        if page is None or page.depth != depth:
            break
        chain.append(page)
    request.portal_route_chain = {page.path: page for page in [root, *chain]}
    if root_row is not None and root_row.path == root.path:
        restricted = {page.path: page.restricted for page in [root_row, *chain]}
    else:
        restricted = None
    for position, page in enumerate(chain):
        cls = page.specific_class
        if cls is None:
            return None
        if position == len(chain) - 1 or _routes_itself(cls):
            rest = path_components[position + 1 :]
            from_chain = getattr(cls, "route_from_chain", None)
            result = from_chain(page, request, rest) if from_chain else None
            if result is None:
                result = _specific(page, cls).route(request, rest)
            _spare_restriction_lookup(result.page, request.portal_route_chain, restricted)
            return result
    return None


_SPECIFIC_ROWS: dict[type, Prepared] = {}


def specific_of(page):
    """``page.specific``, read by a query compiled once per page class (see `_specific`)."""
    cls = page.specific_class
    return page.specific if cls is None else _specific(page, cls)


def _specific(page, cls):
    """``page.specific`` (what Wagtail's get_specific gives: the page's row read as `cls`, with
    the attributes already set on `page`), its query compiled once per page class."""
    if isinstance(page, cls):
        return page
    read = _SPECIFIC_ROWS.get(cls)
    if read is None:
        read = _SPECIFIC_ROWS[cls] = prepared(
            lambda page_id, cls=cls: cls._default_manager.filter(id=page_id).order_by()
        )
    rows = read(page.pk)
    if len(rows) != 1:  # gone meanwhile: Wagtail's own read (and its DoesNotExist)
        return page.specific
    return adopt_specific(page, rows[0])


def adopt_specific(page, specific):
    """`specific` (the page's row read as its specific type) as ``page.specific``, with the
    attributes already set on `page`, as Wagtail's get_specific gives it."""
    for name, value in page.__dict__.items():
        specific.__dict__.setdefault(name, value)
    page.__dict__["specific"] = specific  # as the cached property keeps it
    return specific


def _pages_at(root, url_paths):
    """The pages below `root` (and root itself) whose url_path is one of `url_paths`, with the
    CHAIN_FIELDS only and `restricted` (whether a view restriction sits on the page itself):
    every request asks it, and the ORM takes many times longer to compile it than the
    database to answer it, so it is compiled once per database and number of paths."""
    return _pages_at_paths(list(url_paths), root.path)


@prepared
def _pages_at_paths(url_paths, root_path):
    return (
        Page.objects.filter(url_path__in=url_paths, path__startswith=root_path)
        .order_by()
        .only(*CHAIN_FIELDS)
        .annotate(restricted=Exists(PageViewRestriction.objects.filter(page=OuterRef("pk"))))
    )


def _spare_restriction_lookup(page, known, restricted=None) -> None:
    """Wagtail asks every page it serves for its view restrictions (two queries: the
    ancestors' aliases, then the restrictions). When the chain (and `restricted`, what the
    chain's query read of their restrictions, else one query on the chain's paths) shows that
    none applies, the page answers with an empty queryset; otherwise Wagtail asks the
    database as usual and enforces what it finds."""
    if unrestricted_by_chain(page, known, restricted):
        page.get_view_restrictions = PageViewRestriction.objects.none


def ancestors_from_route(request, page):
    """The page's ancestors below the tree root (depth > 1), top first, as routing read them
    for this request; None when the request was not routed through them (previews, views
    outside Wagtail's tree, a page whose ancestors the chain does not hold)."""
    known = getattr(request, "portal_route_chain", None)
    if not known:
        return None
    paths = [page.path[:end] for end in range(2 * Page.steplen, len(page.path), Page.steplen)]
    if any(path not in known for path in paths):
        return None
    return [known[path] for path in paths]
