from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, Window

ROW_COUNT = "portal_row_count"
# Past this many rows a requested page cannot exist: no list is that long, and the databases
# refuse an OFFSET beyond a 64-bit integer (SQLite: "datatype mismatch").
MAX_ROWS = 2**31


def paginate(request, queryset, per_page=None, *, count_with_rows=False, first_page=None):
    """The requested page of a list; malformed or out-of-range numbers fall back gracefully.

    `count_with_rows`: read the page's rows and the list's length in one query (a
    ``COUNT(*) OVER ()`` column) instead of a count query and then the rows; only for model
    querysets without DISTINCT, whose window would count the rows before they are made
    distinct.

    `first_page` (with `count_with_rows`): a function that reads page 1 of `queryset` as
    `with_row_count` does, e.g. a prepared query (home.prepared) for the page most visitors
    ask for; the other pages are read from `queryset`."""
    paginator = Paginator(queryset, per_page or settings.PORTAL_PAGE_SIZE)
    number = request.GET.get("page", 1)
    if count_with_rows:
        page = _page_with_count(paginator, number, first_page)
        if page is not None:
            return page
    try:
        return paginator.page(number)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


def with_row_count(queryset):
    """`queryset` with the number of its rows on each row (the window column paginate reads
    with `count_with_rows`)."""
    return queryset.annotate(**{ROW_COUNT: Window(Count("pk"))})


def _page_with_count(paginator, number, first_page=None):
    """Page `number` with the paginator's count from its rows' window column; None when the
    number is malformed, absurdly large, or the page has no rows (an empty list, a number past
    the end): the caller then counts and falls back as usual."""
    try:
        number = int(number)
    except (TypeError, ValueError):
        return None
    bottom = (number - 1) * paginator.per_page
    if number < 1 or bottom >= MAX_ROWS:
        return None
    if number == 1 and first_page is not None:
        rows = first_page()
    else:
        rows = list(with_row_count(paginator.object_list)[bottom : bottom + paginator.per_page])
    if not rows:
        return None
    paginator.count = getattr(rows[0], ROW_COUNT)  # Paginator.count is a cached_property
    return paginator._get_page(rows, number, paginator)
