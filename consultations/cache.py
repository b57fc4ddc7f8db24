"""Which cached pages change with a consultation's comments (its page shows them and their
counts, the list shows the counts) and with a consultation published (the feed)."""

from urllib.parse import urlsplit

from django.urls import reverse

from home.cache import purge_paths


def _path(page) -> str | None:
    url = page.get_url()
    return urlsplit(url).path if url else None


def consultation_paths(consultation) -> set[str]:
    paths = {reverse("consultations:rss")}
    for page in (consultation, consultation.get_parent()):
        path = _path(page) if page is not None else None
        if path:
            paths.add(path)
    return paths


def paths_for_page(page) -> set[str]:
    """The `portal_cache_paths` hook: the open consultations' feed lists consultations."""
    from .models import ConsultationIndexPage, ConsultationPage

    if isinstance(page, (ConsultationPage, ConsultationIndexPage)):
        return {reverse("consultations:rss")}
    return set()


def purge_comment_paths(comment) -> None:
    purge_paths(consultation_paths(comment.consultation))
