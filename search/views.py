from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page

from home.pagination import paginate

MAX_QUERY_LENGTH = 100


@never_cache
def search(request):
    query = request.GET.get("q", "").strip()
    error = ""
    page_obj = None
    if len(query) > MAX_QUERY_LENGTH:
        error = _("搜索词太长，请不超过 %(n)d 个字。") % {"n": MAX_QUERY_LENGTH}
    elif query:
        results = Page.objects.live().public().specific().search(query)
        Query.get(query).add_hit()
        page_obj = paginate(request, results)
    response = render(
        request,
        "search/search.html",
        {"search_query": query, "page_obj": page_obj, "error": error},
    )
    if query:
        response["X-Robots-Tag"] = "noindex"
    return response
