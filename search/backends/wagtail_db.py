"""Wagtail's database search backend (used by the admin), fed segmented Chinese text.

The stock backends tokenise on spaces and punctuation, so a run of Chinese characters such as a
whole title is one token and a word of it finds nothing. This backend indexes values run through
``search.analysis.analyze`` (jieba, search mode) and queries with ``query_tokens``, so that admin
search finds 代表联络站 by 联络站. Use it as ``WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]``.

It is the library's own database backend for the connection (``modelsearch.backends.database``
chooses SQLite FTS5, PostgreSQL, MySQL or the fallback), extended through modelsearch's public
API only, no copied or patched library code:

- indexing: the backend's ``index_class`` (a documented attribute) is a subclass of the stock
  index whose ``add_items(model, items)`` (the documented ``BaseIndex`` method) hands the stock
  implementation a view of each object whose ``get_search_fields()`` wraps the search fields
  (``SearchField``, ``AutocompleteField``, ``RelatedFields``), with ``get_value`` segmenting what
  the original field returns. Field selection, weights, title/body split and storage stay the
  library's.
- querying: ``_search`` (the documented hook behind ``search()`` and ``autocomplete()``)
  segments a plain-text query before the stock query compiler sees it.
"""

from __future__ import annotations

import functools

from django.utils.functional import Promise
from modelsearch import index
from modelsearch.backends import database
from modelsearch.query import PlainText

from ..analysis import analyze, query_tokens


def segmented(value):
    """A search field's value with its text segmented (lists and dicts item by item, as the
    indexer flattens them); other values (numbers, dates, None) are left to the indexer."""
    if isinstance(value, str | Promise):
        return analyze(str(value))
    if isinstance(value, list | tuple):
        return [segmented(item) for item in value]
    if isinstance(value, dict):
        return {key: segmented(item) for key, item in value.items()}
    return value


def _unwrap(obj):
    return obj.obj if isinstance(obj, SegmentedView) else obj


class SegmentedSearchField(index.SearchField):
    def __init__(self, field: index.SearchField):
        super().__init__(field.field_name, boost=field.boost, **field.kwargs)
        self.field = field

    def get_value(self, obj):
        return segmented(self.field.get_value(_unwrap(obj)))


class SegmentedAutocompleteField(index.AutocompleteField):
    def __init__(self, field: index.AutocompleteField):
        super().__init__(field.field_name, **field.kwargs)
        self.field = field

    def get_value(self, obj):
        return segmented(self.field.get_value(_unwrap(obj)))


class SegmentedRelatedFields(index.RelatedFields):
    def __init__(self, field: index.RelatedFields):
        super().__init__(field.field_name, segmented_fields(field.fields))
        self.field = field

    def get_value(self, obj):
        return self.field.get_value(_unwrap(obj))


def segmented_fields(fields) -> list:
    """The same search fields, each giving segmented text (filter fields are not indexed as
    text: unchanged)."""
    out = []
    for field in fields:
        if isinstance(field, index.SearchField):
            out.append(SegmentedSearchField(field))
        elif isinstance(field, index.AutocompleteField):
            out.append(SegmentedAutocompleteField(field))
        elif isinstance(field, index.RelatedFields):
            out.append(SegmentedRelatedFields(field))
        else:
            out.append(field)
    return out


class SegmentedView:
    """An object as the stock index sees it here: the object itself (every attribute passes
    through) with segmenting search fields."""

    def __init__(self, obj, search_fields: list):
        self.obj = obj
        self._search_fields = search_fields

    def __getattr__(self, name):
        return getattr(self.obj, name)

    def get_search_fields(self) -> list:
        return self._search_fields


class SegmentingIndex:
    """Mixin for a stock database index: ``add_items`` indexes segmented text."""

    def add_items(self, model, items):
        fields_of = {}
        views = []
        for obj in items:
            cls = type(obj)
            if cls not in fields_of:
                fields_of[cls] = segmented_fields(obj.get_search_fields())
            views.append(SegmentedView(obj, fields_of[cls]))
        return super().add_items(model, views)


class SegmentedQueries:
    """Mixin for a stock database backend: plain-text queries are segmented like the index."""

    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        if isinstance(query, str):
            query = " ".join(query_tokens(query))
        elif isinstance(query, PlainText):
            query = PlainText(" ".join(query_tokens(query.query_string)), query.operator)
        return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)


@functools.cache
def segmented_backend_class(backend_class):
    """``backend_class`` with the segmenting index and queries (one class per stock class)."""
    stock_index = backend_class.index_class
    index_class = type(f"Segmented{stock_index.__name__}", (SegmentingIndex, stock_index), {})
    return type(
        f"Segmented{backend_class.__name__}",
        (SegmentedQueries, backend_class),
        {"index_class": index_class},
    )


def SearchBackend(params):  # noqa: N802 - Wagtail looks up this name
    stock = database.SearchBackend(params)  # the library's choice for this database
    return segmented_backend_class(type(stock))(params)
