from rest_framework.pagination import PageNumberPagination

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


class ApiPagination(PageNumberPagination):
    """?page=2&page_size=50: 20 a page by default, 100 at most; a page past the end is a 404."""

    page_size = PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
