from django.utils.translation import gettext_lazy as _
from rest_framework.pagination import PageNumberPagination

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


class ApiPagination(PageNumberPagination):
    """?page=2&page_size=50: 20 a page by default, 100 at most; a page past the end is a 404."""

    page_size = PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    invalid_page_message = _("没有这一页。")
    page_query_description = _("页码，从 1 开始。")
    page_size_query_description = _("每页条数，最多 100。")
