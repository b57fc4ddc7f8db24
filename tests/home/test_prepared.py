"""home.prepared: a query compiled once per shape gives, for any arguments, the rows the
ORM gives (on SQLite and PostgreSQL alike), with the parameters bound."""

import datetime

import pytest
from django.db import connection
from django.db.models import Count, F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page

from home.prepared import PreparedQueryError, prepared
from news.models import ArticlePage, Publication

pytestmark = pytest.mark.django_db


@pytest.fixture
def articles(make_article):
    return [make_article(title=f"文章{i}", days=i) for i in range(1, 5)]


def test_different_arguments_give_different_rows(articles):
    built = []

    @prepared
    def titled(title):
        built.append(title)
        return ArticlePage.objects.filter(title=title)

    assert [page.pk for page in titled("文章1")] == [articles[0].pk]
    assert [page.pk for page in titled("文章3")] == [articles[2].pk]
    assert titled("没有这篇") == []
    assert len(built) == 1  # built (and compiled) once, with a placeholder
    assert built[0] not in {"文章1", "文章3"}
    assert isinstance(titled("文章2")[0], ArticlePage)
    assert titled("文章2")[0].summary == "文章2的摘要。"


def test_lists_dates_and_select_related_as_the_orm_reads_them(articles, news_column):
    def build(ids, since, parent_path):
        return (
            Publication.objects.filter(pk__in=ids, date__gte=since, path__startswith=parent_path)
            .select_related("locale")
            .annotate(twice=F("depth") * 2)
            .order_by("-date")
        )

    rows = prepared(build)
    for ids, days in [([a.pk for a in articles], 10), ([a.pk for a in articles[1:]], 2.5)]:
        since = timezone.now() - datetime.timedelta(days=days)
        expected = list(build(ids, since, news_column.path))
        got = rows(ids, since, news_column.path)
        assert [p.pk for p in got] == [p.pk for p in expected]
        assert [(p.date, p.twice, p.locale.language_code) for p in got] == [
            (p.date, p.twice, p.locale.language_code) for p in expected
        ]
    # Another list length is another shape; an empty list asks nothing.
    assert [
        p.pk
        for p in rows(
            [articles[0].pk], timezone.now() - datetime.timedelta(days=30), news_column.path
        )
    ] == [articles[0].pk]
    with CaptureQueriesContext(connection) as queries:
        assert rows([], timezone.now(), news_column.path) == []
    assert len(queries) == 0


def test_values_and_values_list(articles):
    @prepared
    def counts(depth):
        return Page.objects.filter(depth=depth).order_by().values("depth").annotate(n=Count("pk"))

    @prepared
    def titles(ids):
        return Page.objects.filter(pk__in=ids).order_by("pk").values_list("title", flat=True)

    assert counts(articles[0].depth) == [{"depth": articles[0].depth, "n": 4}]
    assert counts(99) == []
    assert titles([articles[1].pk, articles[3].pk]) == ["文章2", "文章4"]


def test_parameters_are_bound_never_written_into_the_sql(articles, news_column):
    @prepared
    def below(path):
        return Page.objects.filter(path__startswith=path).values_list("pk", flat=True)

    assert sorted(below(news_column.path)) == sorted([news_column.pk, *(a.pk for a in articles)])
    assert below("x'; DELETE FROM wagtailcore_page; --") == []
    # A LIKE wildcard in the value: the ORM escapes it, so the ORM runs that call.
    assert below("%") == []
    assert Page.objects.count() >= 6


def test_a_wildcard_in_a_whole_pattern_value_matches_only_itself(articles):
    # iexact is ``LIKE %s`` on SQLite: the value is the whole pattern, so an unescaped "%"
    # would match every title. It runs through the ORM, which escapes it.
    @prepared
    def titled(title):
        return ArticlePage.objects.filter(title__iexact=title).values_list("pk", flat=True)

    assert list(titled("文章1")) == [articles[0].pk]
    assert titled("%") == []
    assert titled("文章_") == []


def test_none_and_booleans_are_part_of_the_shape(articles):
    @prepared
    def by_alias(live, alias_of):
        return Page.objects.filter(live=live, alias_of=alias_of, depth__gt=1).values_list(
            "pk", flat=True
        )

    assert set(by_alias(True, None)) >= {a.pk for a in articles}
    assert by_alias(False, None) == []
    assert by_alias(True, articles[0].pk) == []


def test_a_value_the_lookup_transforms_is_refused():
    @prepared
    def of_year(year):
        return Publication.objects.filter(date__year=year)

    with pytest.raises(PreparedQueryError):
        of_year(2026)


def test_attached_rows_read_as_prefetched_and_narrow_to_nothing(articles, news_column):
    from home.prepared import attach_prefetched

    pages = list(Page.objects.filter(pk__in=[news_column.pk, articles[0].pk]))
    attach_prefetched(pages, "aliases", Page, {news_column.pk: [articles[1]]})
    column = next(p for p in pages if p.pk == news_column.pk)
    other = next(p for p in pages if p.pk != news_column.pk)
    with CaptureQueriesContext(connection) as queries:
        assert list(column.aliases.all()) == [articles[1]]
        assert list(other.aliases.all()) == []
        assert column.aliases.count() == 1
    assert len(queries) == 0
    # Narrowed further, it asks the database for nothing and gives no rows.
    assert list(column.aliases.all().filter(depth__gte=0)) == []
