"""Which cached pages change when a suggestion is (un)published: besides the page and the list
(home/signal_handlers.py purges a page and its ancestors), the list's feeds, the handling
bodies' record pages and the profiles of its delegates (their suggestion section and points).
A session renamed shows on every suggestion: rare, so everything is purged."""

from urllib.parse import urlsplit

from django.db.models.signals import post_delete, post_save

from home.cache import purge_all

from .models import CongressSession, SuggestionIndexPage, SuggestionPage


def _path(page):
    url = page.get_url()
    return urlsplit(url).path if url else None


def index_paths(index, body_ids=()) -> set[str]:
    base = _path(index)
    if not base:
        return set()
    paths = {f"{base}{route}" for route in ("rss/", "atom/", "bodies/")}
    paths.update(f"{base}bodies/{pk}/" for pk in body_ids)
    return paths


def suggestion_paths(page) -> set[str]:
    from delegates.models import DelegatePage

    index = SuggestionIndexPage.objects.filter(path=page.path[: -SuggestionPage.steplen]).first()
    body_ids = page.bodies.values_list("body_id", flat=True)
    paths = index_paths(index, body_ids) if index is not None else set()
    delegate_ids = {page.lead_delegate_id, *page.cosigners.values_list("delegate_id", flat=True)}
    for delegate in DelegatePage.objects.filter(pk__in=delegate_ids - {None}):
        path = _path(delegate)
        if path:
            paths.add(path)
    return paths


def paths_for_page(page) -> set[str]:
    """The `portal_cache_paths` hook."""
    if isinstance(page, SuggestionPage):
        return suggestion_paths(page)
    if isinstance(page, SuggestionIndexPage):
        return index_paths(page)
    return set()


def session_changed(sender, **kwargs):
    purge_all()


def connect():
    post_save.connect(session_changed, sender=CongressSession, dispatch_uid="motions-session")
    post_delete.connect(session_changed, sender=CongressSession, dispatch_uid="motions-session-d")
