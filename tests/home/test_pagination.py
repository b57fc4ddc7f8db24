"""paginate(): the page a visitor asked for, whatever the number; with count_with_rows the rows
and the list's length come from one query, with the same answers as a count and a slice."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from home.pagination import paginate
from news.models import Publication

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(make_article):
    for i in range(5):
        make_article(title=f"动态{i}", days=i + 1)
    return Publication.objects.listed().as_rows()


def page_of(queryset, number, **options):
    request = RequestFactory().get("/", {} if number is None else {"page": number})
    return paginate(request, queryset, 2, **options)


@pytest.mark.parametrize(
    "number",
    [None, "1", "2", "3", "99", "0", "-1", "abc", "1.0", "", "615000000000000000", str(2**70)],
)
def test_the_page_with_its_count_is_the_page_of_a_count_and_a_slice(items, number):
    counted, plain = page_of(items, number, count_with_rows=True), page_of(items, number)
    assert counted.number == plain.number
    assert [item.title for item in counted] == [item.title for item in plain]
    assert counted.paginator.count == plain.paginator.count == 5
    assert counted.paginator.num_pages == 3


def test_a_page_with_rows_costs_one_query(items):
    with CaptureQueriesContext(connection) as queries:
        page = page_of(items, "2", count_with_rows=True)
        assert [item.title for item in page] == ["动态2", "动态3"]
        assert (page.paginator.count, page.has_next(), page.start_index()) == (5, True, 3)
    assert len(queries) == 1


def test_an_empty_list_is_one_empty_page(db):
    page = page_of(Publication.objects.listed().as_rows(), "3", count_with_rows=True)
    assert (page.number, list(page), page.paginator.count) == (1, [], 0)
