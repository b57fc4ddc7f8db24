"""Embedded backend: the search index in the portal's own database.

SQLite: an FTS5 table over pre-segmented text, ranked with bm25. PostgreSQL: ``to_tsvector``
with the ``simple`` configuration over the same pre-segmented text, ranked with ``ts_rank``.
Same interface and result shape as the Elasticsearch backend; exact (haversine) distances
for the locator, with a bounding box on indexed columns to keep it fast.
"""

from __future__ import annotations

import math
import time

from django.db import connection, transaction

from ..documents import SearchDoc, chunked, display_fields
from ..models import IndexedDocument, SuggestEntry
from .base import (
    EARTH_RADIUS_M,
    SearchBackend,
    SearchRequest,
    SearchResults,
    Suggestion,
    haversine_m,
    highlight_terms,
    make_hit,
)
from .elasticsearch import facet_buckets

TABLE = IndexedDocument._meta.db_table
FTS_TABLE = "portal_search_fts"
WORD_COLUMNS = ["title_words", "summary_words", "body_words", "names_words", "extra_words"]
CHAR_COLUMNS = ["title_chars", "summary_chars", "body_chars", "extra_chars"]
# bm25 weights in FTS5 column order (same boosts as the Elasticsearch query).
BM25_WEIGHTS = [3.0, 2.0, 1.0, 3.0, 1.5, 1.5, 1.0, 0.5, 0.5]


def _row(doc: SearchDoc) -> IndexedDocument:
    from ..analysis import char_text

    analyzed = doc.analyzed()
    lat, lng = doc.location if doc.location is not None else (None, None)
    return IndexedDocument(
        key=doc.key,
        kind=doc.kind,
        date=doc.date,
        year=doc.year,
        street=doc.street,
        station=doc.station,
        valid_until=doc.valid_until,
        lat=lat,
        lng=lng,
        display=display_fields(doc),
        **{f"{name}_words": text for name, text in analyzed.items()},
        **{
            f"{name}_chars": char_text(analyzed[name])
            for name in ("title", "summary", "body", "extra")
        },
    )


def _fts_phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


class EmbeddedBackend(SearchBackend):
    name = "embedded"

    def __init__(self, config: dict | None = None):
        self.config = config or {}

    @property
    def vendor(self) -> str:
        return connection.vendor

    def health(self) -> bool:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True

    # -- writes ---------------------------------------------------------------------------

    def _write(self, docs: list[SearchDoc]) -> int:
        rows = [_row(doc) for doc in docs]
        IndexedDocument.objects.filter(key__in=[r.key for r in rows]).delete()
        IndexedDocument.objects.bulk_create(rows, batch_size=500)
        created = IndexedDocument.objects.filter(key__in=[r.key for r in rows]).values_list(
            "key", "pk"
        )
        pks = dict(created)
        entries = [
            SuggestEntry(document_id=pks[doc.key], text=text)
            for doc in docs
            for text in doc.suggest_inputs()
        ]
        SuggestEntry.objects.bulk_create(entries, batch_size=1000)
        return len(rows)

    def index(self, docs: list[SearchDoc]) -> int:
        if not docs:
            return 0
        with transaction.atomic():
            return self._write(docs)

    def delete(self, keys: list[str]) -> None:
        if keys:
            IndexedDocument.objects.filter(key__in=list(keys)).delete()

    def rebuild(self, docs, expected: int | None = None, chunk_size: int = 500) -> dict:
        """Replace the whole index in one transaction: readers see the old index until the
        commit, then the new one (never an empty or partial one); rolled back on a bad count."""
        started = time.monotonic()
        with transaction.atomic():
            SuggestEntry.objects.all().delete()
            IndexedDocument.objects.all().delete()
            loaded = 0
            for batch in chunked(docs, chunk_size):
                loaded += self._write(batch)
            count = IndexedDocument.objects.count()
            if expected is not None and count < expected:
                raise RuntimeError(f"embedded index has {count} documents, expected {expected}")
        return {
            "index": TABLE,
            "count": count,
            "loaded": loaded,
            "seconds": time.monotonic() - started,
        }

    def clear(self) -> None:
        with transaction.atomic():
            SuggestEntry.objects.all().delete()
            IndexedDocument.objects.all().delete()

    def count(self) -> int:
        return IndexedDocument.objects.count()

    def indexed_keys(self) -> set[str]:
        return set(IndexedDocument.objects.values_list("key", flat=True))

    # -- reads ----------------------------------------------------------------------------

    def _match_sql(self, request: SearchRequest) -> tuple[str, list, str, list]:
        """(FROM/WHERE fragment, params, rank expression, rank params) for the text query."""
        words = request.words
        chars = " ".join(request.chars.split())
        if self.vendor == "sqlite":
            parts = []
            if words:
                cols = "{" + " ".join(WORD_COLUMNS) + "}"
                parts.append("(" + " AND ".join(f"{cols} : {_fts_phrase(w)}" for w in words) + ")")
            if chars:
                parts.append("({" + " ".join(CHAR_COLUMNS) + "} : " + _fts_phrase(chars) + ")")
            match = " OR ".join(parts)
            source = f"{FTS_TABLE} f JOIN {TABLE} d ON d.id = f.rowid"
            where = f"{FTS_TABLE} MATCH %s"
            rank = f"bm25({FTS_TABLE}, {', '.join(str(w) for w in BM25_WEIGHTS)})"
            return source, where, [match], rank
        # PostgreSQL
        words_vector = (
            "to_tsvector('simple', "
            + " || ' ' || ".join(f"coalesce(d.{c}, '')" for c in WORD_COLUMNS)
            + ")"
        )
        chars_vector = (
            "to_tsvector('simple', "
            + " || ' | ' || ".join(f"coalesce(d.{c}, '')" for c in CHAR_COLUMNS)
            + ")"
        )
        clauses, params = [], []
        if words:
            clauses.append(f"{words_vector} @@ to_tsquery('simple', %s)")
            params.append(" & ".join(_pg_lexeme(w) for w in words))
        if chars:
            clauses.append(f"{chars_vector} @@ phraseto_tsquery('simple', %s)")
            params.append(chars)
        where = "(" + " OR ".join(clauses) + ")"
        title_vector = "to_tsvector('simple', coalesce(d.title_words, ''))"
        rank = (
            f"-(ts_rank({words_vector}, plainto_tsquery('simple', %s)) "
            f"+ 2 * ts_rank({title_vector}, plainto_tsquery('simple', %s)))"
        )
        joined = " ".join(words) or chars
        return f"{TABLE} d", where, params, (rank, [joined, joined])

    @staticmethod
    def _filter_sql(filters: dict, alias: str = "d") -> tuple[str, list]:
        clauses, params = [], []
        if "kind" in filters:
            marks = ", ".join(["%s"] * len(filters["kind"]))
            clauses.append(f"{alias}.kind IN ({marks})")
            params.extend(filters["kind"])
        if "year" in filters:
            clauses.append(f"{alias}.year = %s")
            params.append(filters["year"])
        if "street" in filters:
            clauses.append(f"{alias}.street = %s")
            params.append(filters["street"])
        return "".join(f" AND {c}" for c in clauses), params

    def search(self, request: SearchRequest) -> SearchResults:
        if not request.words and not request.chars.strip():
            return SearchResults(total=0, hits=[])
        source, where, params, rank = self._match_sql(request)
        rank_sql, rank_params = rank if isinstance(rank, tuple) else (rank, [])
        filter_sql, filter_params = self._filter_sql(request.filters(), "j")
        order = "j.date DESC, rank" if request.sort == "date" else "rank, j.date DESC"
        if self.vendor == "sqlite":
            order = order.replace("j.date DESC", "j.date IS NULL, j.date DESC")
        else:
            order = order.replace("j.date DESC", "j.date DESC NULLS LAST")
        # One statement: the full-text match runs once (materialised), then the page of hits,
        # the total and each facet's counts are read from it.
        parts = [
            f"SELECT * FROM (SELECT 'hit', j.key, j.rank, 0 FROM j WHERE 1=1{filter_sql} "
            f"ORDER BY {order} LIMIT %s OFFSET %s) hits",
            f"SELECT 'total', NULL, 0.0, count(*) FROM j WHERE 1=1{filter_sql}",
        ]
        statement_params = [*filter_params, request.per_page, request.offset, *filter_params]
        if request.facets:
            for name in ("kind", "year", "street"):
                other_sql, other_params = self._filter_sql(request.filters(exclude=name), "j")
                value = f"CAST(j.{name} AS TEXT)" if name == "year" else f"j.{name}"
                parts.append(
                    f"SELECT * FROM (SELECT '{name}', {value}, 0.0, count(*) FROM j "
                    f"WHERE j.{name} IS NOT NULL AND j.{name} != %s{other_sql} "
                    f"GROUP BY j.{name} ORDER BY count(*) DESC, j.{name} LIMIT 30) f_{name}"
                )
                statement_params += ["" if name != "year" else 0, *other_params]
        sql = (
            f"WITH j AS MATERIALIZED (SELECT d.key, d.kind, d.year, d.street, d.date, "
            f"{rank_sql} AS rank FROM {source} WHERE {where}) " + " UNION ALL ".join(parts)
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*rank_params, *params, *statement_params])
            fetched = cursor.fetchall()
        rows = [(key, rank) for part, key, rank, _ in fetched if part == "hit"]
        total = next((count for part, _, _, count in fetched if part == "total"), 0)
        facets = {}
        if request.facets:
            for name in ("kind", "year", "street"):
                pairs = [(value, count) for part, value, _, count in fetched if part == name]
                facets[name] = facet_buckets(name, pairs, request)
        terms = highlight_terms(request.query)
        docs = IndexedDocument.objects.in_bulk([row[0] for row in rows], field_name="key")
        hits = [
            make_hit(
                key,
                docs[key].kind,
                docs[key].display,
                terms,
                date=docs[key].date,
                valid_until=docs[key].valid_until,
                score=-float(rank or 0),
            )
            for key, rank in rows
            if key in docs
        ]
        return SearchResults(total=total, hits=hits, facets=facets)

    def suggest(self, prefix: str, limit: int = 8) -> list[Suggestion]:
        from ..analysis import normalize

        prefix = normalize(prefix)[:50]
        if not prefix:
            return []
        entries = (
            SuggestEntry.objects.filter(text__gte=prefix, text__lt=prefix + "\U0010ffff")
            .order_by("text", "document_id")
            .values_list("document_id", flat=True)[: limit * 4]
        )
        ids = list(dict.fromkeys(entries))[:limit]
        docs = IndexedDocument.objects.in_bulk(ids)
        out, seen = [], set()
        for pk in ids:
            display = docs[pk].display
            if display.get("title") in seen:
                continue  # like skip_duplicates in Elasticsearch
            seen.add(display.get("title"))
            out.append(Suggestion(display.get("title", ""), display.get("url", ""), docs[pk].kind))
        return out

    def nearest(self, lat, lng, limit=5, kind="station", keys=None) -> list[tuple[str, float]]:
        """Exact great-circle distances; a bounding box that doubles until it holds enough
        candidates keeps the work proportional to the neighbourhood, not to all stations."""
        base = IndexedDocument.objects.filter(kind=kind, lat__isnull=False, lng__isnull=False)
        if keys is not None:
            base = base.filter(key__in=list(keys))
        total = base.count()
        if total == 0:
            return []
        radius_m = 2000.0
        while True:
            dlat = math.degrees(radius_m / EARTH_RADIUS_M)
            dlng = math.degrees(
                radius_m / (EARTH_RADIUS_M * max(0.01, math.cos(math.radians(lat))))
            )
            box = base.filter(
                lat__range=(lat - dlat, lat + dlat), lng__range=(lng - dlng, lng + dlng)
            )
            rows = list(box.values_list("key", "lat", "lng"))
            found = sorted(
                ((key, haversine_m(lat, lng, la, ln)) for key, la, ln in rows),
                key=lambda item: (item[1], item[0]),
            )
            within = [item for item in found if item[1] <= radius_m]
            # Everything within the radius is exact; outside it, the box corners may miss nearer
            # points, so only stop when `limit` results are inside the circle (or all are found).
            if len(within) >= limit or len(rows) >= total or radius_m > 2.1e7:
                return (within if len(within) >= limit else found)[:limit]
            radius_m *= 2


def _pg_lexeme(word: str) -> str:
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"
