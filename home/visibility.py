"""The one rule for what the public may see.

A page is visible when it is live and neither it nor any ancestor carries a view restriction
(password, login or group: Wagtail's ``live().public()``). Everything that shows content to
residents — pages, lists, feeds, calendars, open-data files, QR codes, the sitemap, search
documents and cache purges — asks through the queryset methods built here, and rows that
belong to a page (a station's reception sessions, its members) are visible only when their
page is.

Unlike ``public()``, which first loads every restriction and then filters by their paths, the
restriction test is one correlated ``NOT EXISTS`` in the same SQL statement: no extra query,
and it can be applied across a relation (``station__``)."""

import functools

from django.db.models import Exists, F, OuterRef, QuerySet
from django.db.models.functions import Length, Substr
from wagtail.models import Page, PageViewRestriction
from wagtail.query import PageQuerySet

from .prepared import prepared


@functools.cache
def _restricted(path_lookup: str) -> Exists:
    """True when a view restriction sits on the page at `path_lookup` or on an ancestor
    (a restricted page's path is a prefix of every path below it). Built once per lookup:
    a query resolves a copy of the expression, never the expression itself."""
    covering = PageViewRestriction.objects.annotate(
        prefix=Substr(OuterRef(path_lookup), 1, Length("page__path"))
    ).filter(prefix=F("page__path"))
    return Exists(covering)


def visible_through(queryset: QuerySet, relation: str = "") -> QuerySet:
    """Filter `queryset` to rows whose page (the rows themselves when `relation` is empty,
    otherwise the page reached through `relation`, e.g. ``"station"``) the public may see."""
    prefix = f"{relation}__" if relation else ""
    return queryset.filter(**{f"{prefix}live": True}).exclude(_restricted(f"{prefix}path"))


class VisiblePageQuerySet(PageQuerySet):
    def visible(self):
        """Live pages without a view restriction on them or an ancestor."""
        return visible_through(self)


def visible_pages() -> PageQuerySet:
    """Every visible page, of any type."""
    return visible_through(Page.objects.all())


def unrestricted_by_chain(page, known: dict, restricted: dict | None = None) -> bool:
    """Whether no view restriction applies to `page`, decided with one query from the pages
    of its routing chain (`known`: tree path → page, as home.routing read them) — the same
    answer as Wagtail's ``page.get_view_restrictions()`` being empty. False (not known) when
    an ancestor is missing from the chain or any page of it is an alias, whose restrictions
    are its source page's. `restricted` (tree path → whether a restriction sits on that page,
    read in this request with the chain) answers without the query when it covers them all."""
    ancestors = [page.path[:end] for end in range(2 * Page.steplen, len(page.path), Page.steplen)]
    if any(path not in known or known[path].alias_of_id for path in ancestors):
        return False
    if page.alias_of_id:
        return False
    paths = [*ancestors, page.path]
    if restricted is not None and all(path in restricted for path in paths):
        return not any(restricted[path] for path in paths)
    # One small indexed query, never a cached answer: a restriction added a moment ago in
    # another worker (whose cache this one may not share) must hold at once.
    return not _restrictions_on_paths(paths)


@prepared
def _restrictions_on_paths(paths):
    """``PageViewRestriction.objects.filter(page__path__in=paths).exists()``, compiled once
    per database and number of paths: every routed request asks it."""
    return (
        PageViewRestriction.objects.filter(page__path__in=paths)
        .order_by()
        .values_list("pk", flat=True)[:1]
    )


def is_visible(page) -> bool:
    return page is not None and visible_pages().filter(pk=page.pk).exists()
