"""Embedded backend: the search index in the portal's own database.

SQLite: an FTS5 table over pre-segmented text, ranked with bm25. PostgreSQL: tsvectors of the
``simple`` configuration over the same pre-segmented text, stored in generated columns
(migration 0011), ranked with ``ts_rank``.
Same interface and result shape as the Elasticsearch backend. (Nearest stations are not a
search question: ``delegates.locator`` answers them from the database.)
"""

from __future__ import annotations

import json
import time

from django.db import connection, transaction
from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils import timezone

from .. import boilerplate
from ..documents import SearchDoc, chunked, display_fields
from ..models import IndexedDocument, SuggestEntry
from ..plan import (
    NEAR_WINDOW,
    RECENCY_FACTOR,
    RECENT_KINDS,
    REPOST_WINDOW,
    TEMPLATE_KINDS,
    QueryPlan,
)
from . import rescore
from .base import (
    SearchBackend,
    SearchRequest,
    SearchResults,
    Suggestion,
    facet_buckets,
    make_hit,
)

TABLE = IndexedDocument._meta.db_table
FTS_TABLE = "portal_search_fts"
WORD_COLUMNS = ["title_words", "summary_words", "body_words", "names_words", "extra_words"]
CHAR_COLUMNS = ["title_chars", "summary_chars", "body_chars", "extra_chars"]
CHAR_WEIGHTS = "ABCD"  # PostgreSQL: each character column's weight in ``chars_vector``
# Template sentences (``search.boilerplate``): they find a document, but count in none of the
# ranking tiers (groups covered, close pairs, original words), in bm25 boilerplate.WEIGHT.
TEMPLATE_COLUMN = "template_words"
FOUND_COLUMNS = [*WORD_COLUMNS, TEMPLATE_COLUMN]
OWN_COLUMNS = ["title_words", "names_words"]  # where a query names a template page
# bm25 weights in FTS5 column order (same boosts as the Elasticsearch query).
BM25_WEIGHTS = [3.0, 2.0, 1.0, 3.0, 1.5, 1.5, 1.0, 0.5, 0.5, boilerplate.WEIGHT]
RESCORE_WEIGHTS = dict(zip(WORD_COLUMNS, BM25_WEIGHTS, strict=False))  # the word columns


def _row(doc: SearchDoc) -> IndexedDocument:
    from ..analysis import char_text

    analyzed = doc.analyzed()
    return IndexedDocument(
        key=doc.key,
        kind=doc.kind,
        date=doc.date,
        year=doc.year,
        street=doc.street,
        station=doc.station,
        valid_until=doc.valid_until,
        display=display_fields(doc),
        repost_group=doc.repost_group[:300],
        word_counts={f"{name}_words": rescore.token_count(text) for name, text in analyzed.items()},
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
            written = self._write(docs)
        rescore.forget_stats()
        return written

    def delete(self, keys: list[str]) -> None:
        if keys:
            IndexedDocument.objects.filter(key__in=list(keys)).delete()
            rescore.forget_stats()

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
        rescore.forget_stats()
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
        rescore.forget_stats()

    def count(self) -> int:
        return IndexedDocument.objects.count()

    def indexed_keys(self) -> set[str]:
        return set(IndexedDocument.objects.values_list("key", flat=True))

    # -- reads ----------------------------------------------------------------------------

    def _match_sql(self, plan: QueryPlan, require_all: bool) -> dict:
        """SQL pieces for the text query of a plan (see ``search.plan``).

        ``source``/``where``/``params``: the documents matching (all groups, or any group, or
        the characters as a phrase); ``cover``: how many groups a document matches (the
        phrase counting as all of them once more), ``own``: 1 unless a template page the query
        does not name (``search.plan.TEMPLATE_KINDS``), ``originals``: how many of the original
        words, ``rank``: text relevance, lower is better (bm25 / -ts_rank), with the recency
        bonus of news kinds. Each with its parameters, in statement order.
        """
        n = plan.cover
        recent = ", ".join(f"'{kind}'" for kind in RECENT_KINDS)
        templates = ", ".join(f"'{kind}'" for kind in TEMPLATE_KINDS)
        if self.vendor == "sqlite":
            group_exprs = [_fts_group(g.alternatives) for g in plan.groups]
            found_exprs = [_fts_group(g.alternatives, _FOUND_FILTER) for g in plan.groups]
            phrase = (
                ("{" + " ".join(CHAR_COLUMNS) + "} : " + _fts_phrase(plan.chars))
                if plan.chars
                else ""
            )
            joiner = " AND " if require_all else " OR "
            parts = ["(" + joiner.join(found_exprs) + ")"] if found_exprs else []
            if phrase:
                parts.append(f"({phrase})")
            member = f"d.id IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)"
            cover_terms, cover_params = [], []
            for group, expr in zip(plan.groups, group_exprs, strict=True):
                cover_terms.append(f"{group.weight!r} * ({member})")
                cover_params.append(expr)
            if phrase:
                cover_terms.append(f"{n!r} * ({member})")
                cover_params.append(phrase)
            near_terms = [f"({member})" for _ in [*plan.pairs, *plan.runs]]
            near_params = [_fts_near(combos) for combos in plan.pairs]
            near_params += [f"{_CHARS_FILTER} : {_fts_phrase(' '.join(run))}" for run in plan.runs]
            original_terms, original_params = [], []
            for group in plan.groups:
                if group.synonyms:
                    original_terms.append(f"({member})")
                    original_params.append(_fts_group(group.alternatives[:1]))
                else:
                    original_terms.append("1")
            own = _own_sql(plan, templates, "instr({text}, %s) > 0")
            recency = (
                f"CASE WHEN d.kind IN ({recent}) AND d.date IS NOT NULL THEN "
                f"{RECENCY_FACTOR} / (1.0 + max(0, julianday('now') - julianday(d.date)) / 365.0) "
                "ELSE 0 END"
            )
            bm25 = f"bm25({FTS_TABLE}, {', '.join(str(w) for w in BM25_WEIGHTS)})"
            return {
                "source": f"{FTS_TABLE} f JOIN {TABLE} d ON d.id = f.rowid",
                "where": f"{FTS_TABLE} MATCH %s",
                "params": [" OR ".join(parts)],
                "cover": (" + ".join(cover_terms) or "0", cover_params),
                "own": own,
                "near": (" + ".join(near_terms) or "0", near_params),
                "originals": (" + ".join(original_terms) or "0", original_params),
                "rank": (f"{bm25} * (1 + {recency})", []),
            }
        # PostgreSQL: the stored vectors (migration 0011); the character columns weighted
        # A (title), B (summary), C (body), D (extra) in ``chars_vector``.
        words_vector, found_vector, chars_vector = (
            "d.words_vector",
            "d.found_vector",
            "d.chars_vector",
        )
        group_queries = [_pg_group(g.alternatives) for g in plan.groups]
        group_sql = [_pg_group_sql(g.alternatives, words_vector, chars_vector) for g in plan.groups]
        found_sql = [_pg_group_sql(g.alternatives, found_vector, chars_vector) for g in plan.groups]
        clauses, params = [], []
        if group_queries and not any(a.chars for g in plan.groups for a in g.alternatives):
            # Words only: one tsquery (one probe of the GIN index).
            joiner = " & " if require_all else " | "
            clauses.append(f"{found_vector} @@ to_tsquery('simple', %s)")
            params.append(joiner.join(group_queries))
        elif found_sql:
            joiner = " AND " if require_all else " OR "
            clauses.append("(" + joiner.join(sql for sql, _ in found_sql) + ")")
            params.extend(param for _, group_params in found_sql for param in group_params)
        if plan.chars:
            clauses.append(f"{chars_vector} @@ to_tsquery('simple', %s)")
            params.append(_pg_phrase(plan.chars.split()))
        cover_terms = [
            f"{group.weight!r} * ({sql})::int"
            for group, (sql, _) in zip(plan.groups, group_sql, strict=True)
        ]
        cover_params = [param for _, group_params in group_sql for param in group_params]
        if plan.chars:
            cover_terms.append(f"{n!r} * ({chars_vector} @@ to_tsquery('simple', %s))::int")
            cover_params.append(_pg_phrase(plan.chars.split()))

        # One column at a time (as FTS5 and Elasticsearch do): every lexeme of a check carries
        # one column's weight (``_pg_run``), so a pair cannot straddle the end of the title.
        near_terms = [f"({chars_vector} @@ to_tsquery('simple', %s))::int"] * (
            len(plan.pairs) + len(plan.runs)
        )
        near_params = [
            " | ".join(_pg_near(combos, weight) for weight in CHAR_WEIGHTS) for combos in plan.pairs
        ]
        near_params += [_pg_phrase(run) for run in plan.runs]
        original_terms, original_params = [], []
        for group in plan.groups:
            if group.synonyms:
                sql, group_params = _pg_group_sql(
                    group.alternatives[:1], words_vector, chars_vector
                )
                original_terms.append(f"({sql})::int")
                original_params.extend(group_params)
            else:
                original_terms.append("1")
        title_vector = "to_tsvector('simple', coalesce(d.title_words, ''))"
        own = _own_sql(plan, templates, "position(%s in {text}) > 0")
        recency = (
            f"CASE WHEN d.kind IN ({recent}) AND d.date IS NOT NULL THEN "
            f"{RECENCY_FACTOR} / (1.0 + greatest(0, extract(epoch FROM now() - d.date)) "
            "/ 31536000.0) ELSE 0 END"
        )
        rank = (
            f"-(ts_rank({words_vector}, to_tsquery('simple', %s)) "
            f"+ 2 * ts_rank({title_vector}, to_tsquery('simple', %s))) * (1 + {recency})"
        )
        any_word = " | ".join(q for q in group_queries if q) or "''"
        return {
            "source": f"{TABLE} d",
            "where": "(" + " OR ".join(clauses) + ")",
            "params": params,
            "cover": (" + ".join(cover_terms) or "0", cover_params),
            "own": own,
            "near": (" + ".join(near_terms) or "0", near_params),
            "originals": (" + ".join(original_terms) or "0", original_params),
            "rank": (rank, [any_word, any_word]) if group_queries else ("0", []),
        }

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

    def count_upto(self, request: SearchRequest, plan: QueryPlan, limit: int) -> int:
        match = self._match_sql(plan, True)
        filter_sql, filter_params = self._filter_sql(request.filters(), "d")
        sql = (
            f"SELECT count(*) FROM (SELECT 1 FROM {match['source']} WHERE {match['where']}"
            f"{filter_sql} LIMIT %s) found"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*match["params"], *filter_params, limit])
            return cursor.fetchone()[0]

    def execute(self, request: SearchRequest, plan: QueryPlan, require_all: bool) -> SearchResults:
        match = self._match_sql(plan, require_all)
        filter_sql, filter_params = self._filter_sql(request.filters(), "j")
        relevance = "j.cover DESC, j.own DESC, j.near DESC, j.originals DESC, j.rank"
        if request.sort == "date":
            order = f"j.date DESC, {relevance}"
        else:
            order = f"{relevance}, j.date DESC"
        if self.vendor == "sqlite":
            order = order.replace("j.date DESC", "j.date IS NULL, j.date DESC")
        else:
            order = order.replace("j.date DESC", "j.date DESC NULLS LAST")
        # One statement: the full-text match runs once (materialised), then the page of hits,
        # the total and each facet's counts are read from it. The page comes from the best
        # ranked candidates with reposts (a kind and title already shown) left out.
        window = REPOST_WINDOW * (request.offset + request.per_page)
        # SQLite: the page's candidates re-ranked inside their tiers by Elasticsearch's text
        # relevance (``rescore``: FTS5's bm25 orders documents holding a common word by noise).
        # The statement returns the first ``rescore.CANDIDATES`` (or the page's reach) with
        # their tier, the page is cut here.
        rescoring = self.vendor == "sqlite" and request.sort != "date"
        if rescoring:
            reach = max(request.offset + request.per_page, rescore.CANDIDATES)
            page_params = [window, reach, 0]
            tier = "c.cover || ' ' || c.own || ' ' || c.near || ' ' || c.originals"
        else:
            page_params = [window, request.per_page, request.offset]
            tier = "0"

        def page_part(tag: str, where: str) -> str:
            return (
                f"SELECT * FROM (SELECT '{tag}', c.key, c.rank, {tier} FROM (SELECT j.*, "
                f"row_number() OVER (PARTITION BY j.repost ORDER BY {order}) AS copy FROM "
                f"(SELECT * FROM j WHERE 1=1{where} ORDER BY {order} LIMIT %s) j) c "
                f"WHERE c.copy = 1 ORDER BY {order.replace('j.', 'c.')} LIMIT %s OFFSET %s) {tag}"
            )

        parts = [
            page_part("hit", filter_sql),
            f"SELECT 'total', NULL, 0.0, count(*) FROM j WHERE 1=1{filter_sql}",
        ]
        statement_params = [*filter_params, *page_params, *filter_params]
        rest = bool(request.collapse_over and request.samples and not request.kinds)
        if rest:
            # The page without the grouped kinds (``SearchRequest.grouped``: sampled kinds with
            # more than collapse_over matches), for the search page's grouped results.
            kinds_sql = ", ".join("%s" for _ in request.samples)
            grouped_sql, grouped_params = self._filter_sql(request.filters(), "g")
            rest_sql = (
                f"{filter_sql} AND j.kind NOT IN (SELECT g.kind FROM j g WHERE g.kind IN "
                f"({kinds_sql}){grouped_sql} GROUP BY g.kind HAVING count(*) > %s)"
            )
            rest_params = [
                *filter_params,
                *request.samples,
                *grouped_params,
                request.collapse_over,
            ]
            parts.append(page_part("rest", rest_sql))  # its total: the total less theirs
            statement_params += [*rest_params, *page_params]
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
        if request.samples:
            kinds_sql = ", ".join("%s" for _ in request.samples)
            sample_sql, sample_params = self._filter_sql(request.filters(exclude="kind"), "j")
            parts.append(
                f"SELECT * FROM (SELECT 'sample', s.key, 0.0, s.n FROM (SELECT j.key, "
                f"row_number() OVER (PARTITION BY j.kind ORDER BY {order}) AS n FROM j "
                f"WHERE j.kind IN ({kinds_sql}){sample_sql}) s WHERE s.n <= %s) samples"
            )
            statement_params += [*request.samples, *sample_params, request.sample_size]
        (cover_sql, cover_params), (own_sql, own_params) = match["cover"], match["own"]
        near_sql, near_params = match["near"]
        (originals_sql, originals_params), (rank_sql, rank_params) = (
            match["originals"],
            match["rank"],
        )
        sql = (
            f"WITH j AS MATERIALIZED (SELECT d.id, d.key, d.kind, d.year, d.street, d.date, "
            f"coalesce(d.repost_group, d.key) AS repost, "
            f"{cover_sql} AS cover, {own_sql} AS own, {near_sql} AS near, "
            f"{originals_sql} AS originals, "
            f"{rank_sql} AS rank FROM {match['source']} WHERE {match['where']}) "
            + " UNION ALL ".join(parts)
        )
        params = [
            *cover_params,
            *own_params,
            *near_params,
            *originals_params,
            *rank_params,
            *match["params"],
        ]
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, *statement_params])
            fetched = cursor.fetchall()
        ranked = {"hit": [], "rest": []}
        for part, key, rank, tier in fetched:
            if part in ranked:
                ranked[part].append((key, tier, rank))
        rows = ranked["hit"]
        total = next((count for part, _, _, count in fetched if part == "total"), 0)
        facets = {}
        if request.facets:
            for name in ("kind", "year", "street"):
                pairs = [(value, count) for part, value, _, count in fetched if part == name]
                facets[name] = facet_buckets(name, pairs, request)
        terms = plan.highlight_terms(request.query)
        sampled = sorted((n, key) for part, key, _, n in fetched if part == "sample")
        samples: dict[str, list[str]] = {}
        rest_rows, rest_total = [], 0
        if rest:
            counts = {b.value: b.count for b in facets.get("kind", [])}
            if grouped := request.grouped(counts):  # else the page above is the page shown
                rest_rows = ranked["rest"]
                rest_total = total - sum(counts[kind] for kind in grouped)
            else:
                rest = False
        # What results show, without the indexed text: key -> (kind, display, date, valid_until),
        # read with the word columns the re-rank scores (``_rerank``) in one query; the display
        # as JSON text, decoded for the results shown only (candidates are read as well).
        scoring = self._scoring(plan, [rows, rest_rows]) if rescoring else None
        read = scoring[0].columns if scoring else []
        keys = [row[0] for row in rows + rest_rows] + [key for _, key in sampled]
        docs, texts = {}, {}
        for key, kind, display, *shown in (
            IndexedDocument.objects.filter(key__in=keys)
            .annotate(display_text=Cast("display", TextField()))
            .values_list("key", "kind", "display_text", "date", "valid_until", *read)
        ):
            docs[key] = (kind, display, *shown[:2])
            texts[key] = shown[2:]
        decoded = {}

        def doc(key):
            if key not in decoded:
                kind, display, date, valid_until = docs[key]
                decoded[key] = (kind, json.loads(display or "{}"), date, valid_until)
            return decoded[key]

        if rescoring:
            rows, rest_rows = self._rerank(request, [rows, rest_rows], scoring, docs, texts)
        rows = [(key, rank) for key, _, rank in rows]
        rest_rows = [(key, rank) for key, _, rank in rest_rows]
        for _, key in sampled:
            if key in docs:
                kind, display = doc(key)[:2]
                samples.setdefault(kind, []).append(display.get("title", ""))

        made = {}  # a result on both pages is made once

        def hits(rows):
            for key, rank in rows:
                if key in docs and key not in made:
                    kind, display, date, valid_until = doc(key)
                    made[key] = make_hit(
                        key,
                        kind,
                        display,
                        terms,
                        date=date,
                        valid_until=valid_until,
                        score=-float(rank or 0),
                    )
            return [made[key] for key, _ in rows if key in docs]

        results = SearchResults(total=total, hits=hits(rows), facets=facets, samples=samples)
        if rest:
            results.rest = SearchResults(total=rest_total, hits=hits(rest_rows))
        return results

    @staticmethod
    def _scoring(plan: QueryPlan, pages: list[list[tuple]]):
        """SQLite's re-rank of the pages' candidates ``(key, tier, rank)`` (the plan's order):
        the query's ``rescore.Relevance`` and the keys it scores (of the first
        ``rescore.CANDIDATES``, those sharing their tier with another), or None."""
        wanted = set()
        for rows in pages:
            tiers: dict = {}
            for key, tier, _ in rows[: rescore.CANDIDATES]:
                tiers.setdefault(tier, []).append(key)
            wanted.update(key for keys in tiers.values() if len(keys) > 1 for key in keys)
        if not wanted:
            return None
        with connection.cursor() as cursor:
            relevance = rescore.relevance(
                cursor, plan, TABLE, RESCORE_WEIGHTS, (TEMPLATE_COLUMN, boilerplate.WEIGHT)
            )
        return (relevance, wanted) if relevance and relevance.columns else None

    @staticmethod
    def _rerank(request: SearchRequest, pages: list[list[tuple]], scoring, docs, texts) -> list:
        """Each page's candidates re-ordered inside their tiers by ``scoring`` (``_scoring``;
        ``docs``/``texts``: the candidates' kind and date, and the columns it reads), and cut
        to the requested page."""
        scored = {}
        if scoring:
            relevance, wanted = scoring
            now = timezone.now()
            for key in wanted & docs.keys():
                kind, _, date, _ = docs[key]
                scored[key] = relevance.score(texts[key], kind, date, now)
        end = request.offset + request.per_page
        return [rescore.rerank(rows, scored)[request.offset : end] for rows in pages]

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


def _own_sql(plan: QueryPlan, templates: str, contains: str) -> tuple[str, list]:
    """1 unless a template page whose title and names lack one of the query's original words.
    Read from the matched rows' own columns (space-separated tokens), not with another
    full-text match: only template pages among the matches are looked at."""
    words = [token for group in plan.groups for token in group.original.tokens]
    if not words:
        return "1", []
    if not plan.names_pages:  # generic words only (``QueryPlan.names_pages``)
        return f"(CASE WHEN d.kind IN ({templates}) THEN 0 ELSE 1 END)", []
    text = "(' ' || " + " || ' ' || ".join(f"coalesce(d.{c}, '')" for c in OWN_COLUMNS) + " || ' ')"
    named = " AND ".join(contains.format(text=text) for _ in words)
    return (
        f"(CASE WHEN d.kind IN ({templates}) THEN (CASE WHEN {named} THEN 1 ELSE 0 END) "
        "ELSE 1 END)",
        [f" {word} " for word in words],
    )


_WORDS_FILTER = "{" + " ".join(WORD_COLUMNS) + "}"
_FOUND_FILTER = "{" + " ".join(FOUND_COLUMNS) + "}"


def _fts_near(combos) -> str:
    """FTS5: any of the pairs of character runs at most ``NEAR_WINDOW`` characters apart in one
    character column."""
    return " OR ".join(
        f"({_CHARS_FILTER} : NEAR({_fts_phrase(' '.join(a))} {_fts_phrase(' '.join(b))}, "
        f"{NEAR_WINDOW}))"
        for a, b in combos
    )


def _pg_run(chars, weight: str) -> str:
    """tsquery: the characters in a row, all in the character column of ``weight``."""
    return "(" + " <-> ".join(f"{_pg_lexeme(c)}:{weight}" for c in chars) + ")"


def _pg_phrase(chars) -> str:
    """tsquery: the characters in a row within one character column (as FTS5's column
    filter and Elasticsearch's per-field phrase: never across the end of the title)."""
    return " | ".join(_pg_run(chars, weight) for weight in CHAR_WEIGHTS)


def _pg_near(combos, weight: str) -> str:
    """tsquery: any of the pairs of character runs at most ``NEAR_WINDOW`` characters apart in
    the character column of ``weight``, either order (the distances spelled out: tsquery has
    exact distances only)."""
    return " | ".join(
        f"({_pg_run(x, weight)} <{k}> {_pg_run(y, weight)})"
        for a, b in combos
        for x, y in ((a, b), (b, a))
        for k in range(1, NEAR_WINDOW + 2)
    )


_CHARS_FILTER = "{" + " ".join(CHAR_COLUMNS) + "}"


def _fts_group(alternatives, words_filter: str = _WORDS_FILTER) -> str:
    """FTS5: any of the alternatives, each words that must all occur (in the word columns, or
    ``words_filter``) or a run of characters (a phrase of the character columns)."""
    parts = []
    for a in alternatives:
        if a.chars:
            parts.append(f"({_CHARS_FILTER} : {_fts_phrase(' '.join(a.tokens))})")
        else:
            parts.append(f"({words_filter} : (" + " AND ".join(map(_fts_phrase, a.tokens)) + "))")
    return "(" + " OR ".join(parts) + ")"


def _pg_group(alternatives) -> str:
    """tsquery of the word alternatives: any of them, each a run of tokens that must all occur."""
    words = [a for a in alternatives if not a.chars]
    if not words:
        return ""
    return (
        "("
        + " | ".join("(" + " & ".join(_pg_lexeme(t) for t in a.tokens) + ")" for a in words)
        + ")"
    )


def _pg_group_sql(alternatives, words_vector: str, chars_vector: str) -> tuple[str, list]:
    """SQL matching any of the alternatives (words in the word vector, runs of characters as
    phrases of the character vector), and its parameters."""
    parts, params = [], []
    words = _pg_group(alternatives)
    if words:
        parts.append(f"{words_vector} @@ to_tsquery('simple', %s)")
        params.append(words)
    for a in alternatives:
        if a.chars:
            parts.append(f"{chars_vector} @@ to_tsquery('simple', %s)")
            params.append(_pg_phrase(a.tokens))
    return "(" + " OR ".join(parts) + ")", params


def _pg_lexeme(word: str) -> str:
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"
