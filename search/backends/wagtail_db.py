"""Wagtail's database search backend (used by the admin), fed segmented Chinese text.

The stock backends tokenise on spaces and punctuation, so a run of Chinese characters such as a
whole title is one token and a word of it finds nothing. This backend runs indexed values through
``search.analysis.analyze`` (jieba, search mode) and queries through ``query_tokens``, so that
admin search finds 代表联络站 by 联络站. Use it as ``WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]``.
"""

from __future__ import annotations

import types

from django.db import connection
from modelsearch.query import PlainText

from ..analysis import analyze, query_tokens


def _segmented_indexer(base):
    class SegmentedObjectIndexer(base):
        def prepare_value(self, value):
            return analyze(super().prepare_value(value))

    return SegmentedObjectIndexer


def _with_indexer(index_class, module):
    """A subclass of ``index_class`` whose ``add_items`` builds entries with the segmenting
    indexer: the method is the library's own, re-bound to globals where ``ObjectIndexer`` is
    ours (the library looks the class up as a module global)."""
    original = index_class.add_items
    indexer = _segmented_indexer(module.ObjectIndexer)
    add_items = types.FunctionType(
        original.__code__,
        {**original.__globals__, "ObjectIndexer": indexer},
        original.__name__,
        original.__defaults__,
        original.__closure__,
    )
    return type(f"Segmented{index_class.__name__}", (index_class,), {"add_items": add_items})


def _segmented_backend(backend_class, module):
    class SegmentedBackend(backend_class):
        index_class = _with_indexer(backend_class.index_class, module)

        def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
            if isinstance(query, str):
                query = " ".join(query_tokens(query))
            elif isinstance(query, PlainText):
                query = PlainText(" ".join(query_tokens(query.query_string)), query.operator)
            return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)

    SegmentedBackend.__name__ = f"Segmented{backend_class.__name__}"
    return SegmentedBackend


def SearchBackend(params):  # noqa: N802 - Wagtail looks up this name
    if connection.vendor == "postgresql":
        from modelsearch.backends.database.postgres import postgres as module

        return _segmented_backend(module.PostgresSearchBackend, module)(params)
    from modelsearch.backends.database.sqlite import sqlite as module

    return _segmented_backend(module.SQLiteSearchBackend, module)(params)
