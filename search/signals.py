"""Connects content changes to the indexing queue (Wagtail signals for pages, never post_save
on pages, so that saving a draft changes nothing in the public index)."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from .documents import registry
from .tasks import enqueue_sync


def page_key(page) -> str:
    return f"page:{page.pk}"


def subtree_keys(page) -> list[str]:
    """The page and everything below it (URLs are inherited)."""
    ids = Page.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True)
    return [f"page:{pk}" for pk in ids]


def subtree_keys_with_related(page) -> list[str]:
    """The page, everything below it, and the documents that show any of them (visibility
    is inherited: a station made private takes its reception sessions with it)."""
    keys = subtree_keys(page)
    showing = registry.models_with_related_documents()
    below = Page.objects.descendant_of(page, inclusive=True)
    for model in showing:
        for child in below.type(model).specific():
            keys.extend(with_related(child))
    return keys


def with_related(page) -> list[str]:
    """The page's key and those of documents that show it (a station's receptions, …)."""
    page = page.specific
    source = registry.page_source(page)
    related = source.related_keys(page) if source is not None else []
    return [page_key(page), *related, *registry.keys_belonging_to(page)]


def on_published(sender, instance, **kwargs):
    enqueue_sync(with_related(instance))


def on_unpublished(sender, instance, **kwargs):
    enqueue_sync(with_related(instance))


def on_moved(sender, instance, **kwargs):
    enqueue_sync(subtree_keys_with_related(instance))


def on_slug_changed(sender, instance, **kwargs):
    enqueue_sync(subtree_keys_with_related(instance))


def before_page_deleted(sender, instance, **kwargs):
    # The documents that show the page are found through rows the deletion cascades to.
    if isinstance(instance, Page) and not hasattr(instance, "_search_related_keys"):
        instance._search_related_keys = with_related(instance)


def on_page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        enqueue_sync([page_key(instance), *getattr(instance, "_search_related_keys", [])])


def on_restriction_changed(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        enqueue_sync(subtree_keys_with_related(page))


def on_source_changed(sender, instance, **kwargs):
    """Non-page sources (reception sessions, …) have no drafts: index on save and delete."""
    for source in registry.sources_for_model(type(instance)):
        enqueue_sync([source.key(instance), *source.related_keys(instance)])


def connect() -> None:
    page_published.connect(on_published, dispatch_uid="portal_search_published")
    page_unpublished.connect(on_unpublished, dispatch_uid="portal_search_unpublished")
    post_page_move.connect(on_moved, dispatch_uid="portal_search_moved")
    page_slug_changed.connect(on_slug_changed, dispatch_uid="portal_search_slug")
    pre_delete.connect(before_page_deleted, dispatch_uid="portal_search_page_deleting")
    post_delete.connect(on_page_deleted, dispatch_uid="portal_search_page_deleted")
    for signal in (post_save, post_delete):
        signal.connect(
            on_restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"portal_search_restriction_{id(signal)}",
        )
    for model in registry.watched_models():
        for signal in (post_save, post_delete):
            signal.connect(
                on_source_changed,
                sender=model,
                dispatch_uid=f"portal_search_{model._meta.label}_{id(signal)}",
            )
