"""Purge the anonymous page cache when what a page shows changes."""

from urllib.parse import urlsplit

from django.db.models.signals import post_delete, post_save
from wagtail import hooks
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .cache import ALL_PATHS, EVERY_PUBLISH, purge_all, purge_paths
from .models import SiteSettings

SITE_WIDE_PATHS = ["/", "/feeds/", "/feeds/rss.xml", "/feeds/atom.xml", "/sitemap.xml", "/sitemap/"]


def _path(page) -> str | None:
    url = page.get_url()
    return urlsplit(url).path if url else None


MENU_DEPTH = 3  # the home page and its children: the main menu on every page shows them


def affected_paths(page) -> set[str]:
    """The page itself, every ancestor (their lists show it), the feeds and the sitemap, what
    is shared under EVERY_PUBLISH (related reading of any publication), plus
    what other apps declare through the `portal_cache_paths` hook; everything for the home
    page and the top-level columns, which every page's menu shows."""
    if page.depth <= MENU_DEPTH:
        return {ALL_PATHS}
    paths = {*SITE_WIDE_PATHS, EVERY_PUBLISH}
    for ancestor in [*page.get_ancestors().filter(depth__gt=1), page]:
        path = _path(ancestor)
        if path:
            paths.add(path)
        if ancestor.depth == 3:
            paths.update({f"/feeds/{ancestor.slug}/rss.xml", f"/feeds/{ancestor.slug}/atom.xml"})
    for hook in hooks.get_hooks("portal_cache_paths"):
        paths.update(hook(page.specific_deferred))
    return paths


def purge_page(sender, instance, **kwargs):
    purge_paths(affected_paths(instance))


def purge_everything(sender, **kwargs):
    purge_all()


def purge_on_restriction_change(sender, instance, **kwargs):
    # A page (and everything below it) became private or public again: the lists, feeds
    # and district views that show it change too. Rare, so start afresh.
    purge_all()


def purge_on_settings_change(sender, created=False, **kwargs):
    # Creation happens on first use, with the defaults the cached pages were rendered with.
    if not created:
        purge_all()


def connect():
    page_published.connect(purge_page, dispatch_uid="pagecache-published")
    # What is withdrawn may be listed on any page (related reading, a colleague's duty
    # roster): withdrawals are rare, so nothing cached before one survives it.
    page_unpublished.connect(purge_everything, dispatch_uid="pagecache-unpublished")
    # Moves and deletions change many URLs at once; they are rare, so start afresh.
    post_page_move.connect(purge_everything, dispatch_uid="pagecache-moved")
    post_save.connect(
        purge_on_settings_change, sender=SiteSettings, dispatch_uid="pagecache-settings"
    )
    # Deleting any page deletes its wagtailcore_page row, which sends post_delete for Page.
    post_delete.connect(purge_everything, sender=Page, dispatch_uid="pagecache-deleted")
    for signal in (post_save, post_delete):
        # A site's host name or root page: the menu and the site lookup are cached with it.
        signal.connect(purge_everything, sender=Site, dispatch_uid=f"pagecache-site-{id(signal)}")
        signal.connect(
            purge_on_restriction_change,
            sender=PageViewRestriction,
            dispatch_uid=f"pagecache-restriction-{id(signal)}",
        )
