from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator


def paginate(request, queryset, per_page=None):
    """The requested page of a list; malformed or out-of-range numbers fall back gracefully."""
    paginator = Paginator(queryset, per_page or settings.PORTAL_PAGE_SIZE)
    number = request.GET.get("page", 1)
    try:
        return paginator.page(number)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)
