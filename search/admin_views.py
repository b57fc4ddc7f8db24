"""Admin report: what residents search for, and what they search for without finding it."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _

from .models import QueryStat

LIMIT = 50


def search_terms_report(request):
    if not request.user.has_perm("wagtailsearchpromotions.add_searchpromotion"):
        raise PermissionDenied
    popular = QueryStat.objects.order_by("-searches", "query_string")[:LIMIT]
    zero = QueryStat.objects.filter(zero_results__gt=0).order_by("-zero_results", "-last_searched")[
        :LIMIT
    ]
    return render(
        request,
        "portal_search/search_terms_report.html",
        {"popular": popular, "zero": zero, "page_title": _("搜索词统计")},
    )
