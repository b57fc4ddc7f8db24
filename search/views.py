"""The public search page and the suggestion endpoint (rendering only; see search/query.py)."""

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET

from portal.ratelimit import rate_limited

from .backends import get_backend, get_fallback_backend
from .backends.base import FACETS, SearchUnavailable
from .query import MAX_PAGE, MAX_QUERY_LENGTH, PortalSearch

SUGGEST_LIMIT = 8


def _no_index(response, query: str):
    if query:
        response["X-Robots-Tag"] = "noindex"
        add_never_cache_headers(response)
    return response


@require_GET
@rate_limited("search")
def search(request):
    result = PortalSearch(request.GET).run()
    page_obj = None
    if result.results is not None and result.request is not None:
        shown = min(result.paginate_total, MAX_PAGE * result.request.per_page)
        paginator = Paginator(range(shown), result.request.per_page)
        page_obj = paginator.get_page(result.request.page)
    context = {
        "search_query": result.query,
        "result": result,
        "page_obj": page_obj,
        "facets": [(name, result.results.facets.get(name, [])) for name in FACETS]
        if result.results
        else [],
        "max_query_length": MAX_QUERY_LENGTH,
    }
    status = 503 if result.unavailable else 200
    response = render(request, "search/search.html", context, status=status)
    return _no_index(response, result.query)


@require_GET
@rate_limited("search")
def suggest(request):
    """``/search/suggest/?q=人大`` → ``{"query": ..., "suggestions": [{text, url, kind, ...}]}``."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    suggestions = []
    for backend in filter(None, (get_backend(), get_fallback_backend()) if query else ()):
        try:
            suggestions = [s.as_json() for s in backend.suggest(query, SUGGEST_LIMIT)]
            break
        except SearchUnavailable:
            continue
    response = JsonResponse({"query": query, "suggestions": suggestions})
    response["X-Robots-Tag"] = "noindex"
    add_never_cache_headers(response)
    return response
