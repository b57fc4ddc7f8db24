"""Nearest stations through the search backend (Elasticsearch `geo_distance`)."""

from __future__ import annotations

import logging

from .backends import backend_name, get_backend
from .backends.base import SearchUnavailable

logger = logging.getLogger(__name__)


def nearest_pages(lat: float, lng: float, limit: int, queryset) -> list | None:
    """[(page, distance_m)] for the pages of ``queryset`` nearest to the point, using the
    Elasticsearch index; None when it cannot answer (not configured, down, or the index does
    not hold enough of the queryset), so that the caller computes it from the database."""
    if backend_name() != "elasticsearch" or limit <= 0:
        return None
    try:
        found = get_backend().nearest(lat, lng, limit=limit * 2 + 5)
    except SearchUnavailable as exc:
        logger.warning("locator falls back to the database: %s", exc)
        return None
    ids = [int(key.split(":", 1)[1]) for key, _ in found if key.startswith("page:")]
    pages = queryset.in_bulk(ids)
    ranked = [
        (pages[int(k.split(":", 1)[1])], d) for k, d in found if int(k.split(":")[1]) in pages
    ]
    if len(ranked) >= limit:
        return ranked[:limit]
    if len(found) < limit * 2 + 5 and len(ranked) == queryset.count():
        return ranked  # everything there is
    return None
