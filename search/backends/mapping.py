"""The Elasticsearch document: mapping of a ``SearchDoc`` (elasticsearch-py's DSL)."""

from __future__ import annotations

from elasticsearch.dsl import (
    Completion,
    Date,
    Document,
    Integer,
    Keyword,
    Object,
    Text,
)

from ..documents import SearchDoc, display_fields


def _segmented():
    """Pre-segmented text: split on whitespace, plus a character-level `standard` sub-field as
    a safety net for words the dictionary lacks (the server has no analysis-common plugin).

    The character sub-field also indexes each pair of neighbouring characters as one term
    (``index_phrases``): Elasticsearch then answers a phrase of characters (常 委 会) over
    those pairs (常委, 委会), whose postings are a small part of the single characters'. The
    matches are the same; a common word's phrase filter reads far fewer positions. An index
    built before this mapping answers the same phrases the slow way until it is rebuilt."""
    return Text(
        analyzer="whitespace",
        fields={"chars": Text(analyzer="standard", index_phrases=True)},
    )


class PortalDocument(Document):
    """The Elasticsearch document. The index name is set per backend (versioned, behind an
    alias), so the class carries the mapping only."""

    key = Keyword()
    kind = Keyword()
    title = _segmented()
    summary = _segmented()
    body = _segmented()
    names = Text(analyzer="whitespace")
    extra = _segmented()
    # Template sentences (``search.boilerplate``): they find a document, weighing little.
    template = Text(analyzer="whitespace")
    tags = Keyword()
    repost_group = Keyword()  # results collapse on it (one per kind and title for publications)
    street = Keyword()
    station = Keyword()
    level = Keyword()
    date = Date()
    year = Integer()
    valid_until = Date()
    suggest = Completion(analyzer="keyword", search_analyzer="keyword", max_input_length=50)
    # What results show: the text as published (highlighting is done in Python on it).
    display = Object(enabled=False)

    @classmethod
    def from_doc(cls, doc: SearchDoc) -> PortalDocument:
        analyzed = doc.analyzed()
        es_doc = cls(
            key=doc.key,
            kind=doc.kind,
            tags=doc.tags,
            repost_group=doc.repost_group,
            street=doc.street or None,
            station=doc.station or None,
            level=doc.level,
            date=doc.date,
            year=doc.year,
            valid_until=doc.valid_until,
            suggest={"input": doc.suggest_inputs()},
            display=display_fields(doc),
            **analyzed,
        )
        es_doc.meta.id = doc.key
        return es_doc
