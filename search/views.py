"""The public search page and the suggestion endpoint (rendering only; see search/query.py)."""

from urllib.parse import urlencode

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


class QueryString:
    """Links to this page with some parameters changed, exactly as ``{% querystring %}`` writes
    them (same order and encoding), made cheaply for many links: each parameter is encoded
    once, not the whole query for every facet value."""

    def __init__(self, params):
        self.encoded = {
            key: [urlencode({key.encode(): str(v).encode()}) for v in values]
            for key, values in params.lists()
        }

    def __call__(self, **changes) -> str:
        out = []
        for key, pieces in self.encoded.items():
            if key not in changes:
                out += pieces
            elif changes[key] is not None:
                out.append(urlencode({key.encode(): str(changes[key]).encode()}))
        out += [
            urlencode({key.encode(): str(value).encode()})
            for key, value in changes.items()
            if value is not None and key not in self.encoded
        ]
        return "?" + "&".join(out)


def facet_links(result, link: QueryString) -> list[tuple]:
    """(name, link to all, whether no value is chosen, [(bucket, link)]) per facet shown."""
    if not result.results:
        return []
    chosen = {
        "kind": result.request.kinds,
        "year": result.request.year,
        "street": result.request.street,
    }
    return [
        (
            name,
            link(**{name: None, "page": None}),
            not chosen[name],
            [(bucket, link(**{name: bucket.value, "page": None})) for bucket in buckets],
        )
        for name in FACETS
        if (buckets := result.results.facets.get(name))
    ]


@require_GET
@rate_limited("search")
def search(request):
    result = PortalSearch(request.GET).run()
    page_obj = None
    if result.results is not None and result.request is not None:
        shown = min(result.paginate_total, MAX_PAGE * result.request.per_page)
        paginator = Paginator(range(shown), result.request.per_page)
        page_obj = paginator.get_page(result.request.page)
    link = QueryString(request.GET)
    context = {
        "search_query": result.query,
        "result": result,
        "page_obj": page_obj,
        "facets": facet_links(result, link),
        "sort_links": {
            "relevance": link(sort=None, page=None),
            "date": link(sort="date", page=None),
        },
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
