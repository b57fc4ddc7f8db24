"""Embedded backend on SQLite: text relevance as Elasticsearch scores it, for the best candidates.

FTS5's bm25 floors the rarity (IDF) of a word found in more than half the documents, and
measures a document's length over all its columns at once: inside a tier of the query plan
(``search.plan``: documents matching as many groups, …) the order of documents holding a common
word was noise, and short template pages outranked texts whose title is about the word.
Elasticsearch scores each word in each field (title ×3, summary ×2, body ×1, names ×3,
extra ×1.5) with BM25 and that field's own length, keeps the word's best field, and measures
rarity once over the fields (``cross_fields``). This module gives the embedded backend the
same score, in Python, for the best ``CANDIDATES`` of a page's window only (the statement
returns them in the plan's order; the tiers are unchanged, only the order inside them):

- rarity: document frequencies from the FTS5 vocabulary table (``portal_search_fts_col``, an
  ``fts5vocab`` over the index: one lookup per query word, no full-text pass);
- field lengths: each document's token counts stored at index time (``word_counts``), their
  averages read once per process (``STATS_SECONDS``);
- term frequencies: counted in the candidates' word columns (space-separated tokens, a few
  hundred characters each), only for the tokens some document holds in that column.

A group scores its original word, or when a document lacks it, its best other alternative
(synonym, parts, head word), times the alternative's weight, as ``ElasticsearchQuery.group_query``
does. Runs of characters (``Alternative.chars``) score nothing here: they find documents that
word matching misses and count in the tiers.
"""

from __future__ import annotations

import math
import threading
import time

from django.db import connection

from ..plan import RECENCY_FACTOR, RECENT_KINDS, QueryPlan

VOCAB_TABLE = "portal_search_fts_col"
# Elasticsearch's BM25 defaults.
K1 = 1.2
B = 0.75
# How many of the best candidates (in the plan's order: tiers, then bm25; the first copy of
# each repost group only) are scored: the others follow them in their tier.
CANDIDATES = 20
# Scores closer than this are a tie, kept in the plan's order. Elasticsearch's scores are
# float32 sums of the tier points (``COVER`` per group, ``OWN_BONUS``, …: 150,000 for a
# one-word query) and the text score, which at that size keep a 64th of a point: documents
# whose text scores differ less are ties there too (broken by index order).
PRECISION = 1 / 64

# Statistics are cached per process, and forgotten after STATS_SECONDS (other processes write
# the index: the task worker) or when this process writes it (``forget_stats``).
STATS_SECONDS = 300
FREQUENCY_CACHE = 10000  # tokens

_stats_lock = threading.Lock()
_stats: dict[str, dict[str, tuple[int, float]]] = {}
_frequencies: dict[str, dict[str, dict[str, int]]] = {}
_since = [time.monotonic()]


def token_count(text: str | None) -> int:
    """How many tokens a word column holds (space-separated; what ``word_counts`` stores)."""
    return text.count(" ") + 1 if text else 0


def forget_stats() -> None:
    """Drop the cached statistics (after this process wrote the index)."""
    with _stats_lock:
        _forget()


def _forget() -> None:
    _stats.clear()
    _frequencies.clear()
    _since[0] = time.monotonic()


def _fresh() -> None:
    """Forget statistics older than STATS_SECONDS (with the lock held)."""
    if time.monotonic() - _since[0] > STATS_SECONDS:
        _forget()


def field_stats(cursor, table: str, columns) -> dict[str, tuple[int, float]]:
    """Each column's number of documents that have it and its average length in tokens over
    them (Elasticsearch's N and avgdl of a field), from the stored counts, cached."""
    key = f"{connection.alias}:{table}"
    with _stats_lock:
        _fresh()
        if key in _stats:
            return _stats[key]
    lengths = [f"nullif(json_extract(word_counts, '$.{c}'), 0)" for c in columns]
    cursor.execute(f"SELECT {', '.join(f'count({n}), avg({n})' for n in lengths)} FROM {table}")
    row = cursor.fetchone()
    stats = {c: (row[2 * i] or 0, max(1.0, row[2 * i + 1] or 0.0)) for i, c in enumerate(columns)}
    with _stats_lock:
        _stats[key] = stats
    return stats


def frequencies(cursor, tokens, columns) -> dict[tuple[str, str], int]:
    """How many documents hold each token in each column, from the FTS5 vocabulary table (it
    counts them from the token's postings: about 0.3 ms a common word), cached."""
    key = connection.alias
    with _stats_lock:
        _fresh()
        cached = _frequencies.setdefault(key, {})
        missing = [t for t in tokens if t not in cached]
    if missing:
        marks = ", ".join(["%s"] * len(missing))
        cursor.execute(f"SELECT term, col, doc FROM {VOCAB_TABLE} WHERE term IN ({marks})", missing)
        found = {t: {} for t in missing}
        for term, col, doc in cursor.fetchall():
            found[term][col] = doc
        with _stats_lock:
            if len(cached) > FREQUENCY_CACHE:
                cached.clear()
            cached.update(found)
    return {(t, c): cached.get(t, {}).get(c, 0) for t in tokens for c in columns}


def idf(count: int, found: int) -> float:
    """Elasticsearch's IDF, ln(1 + (N - n + 0.5) / (n + 0.5)): positive however common."""
    return math.log(1 + (count - found + 0.5) / (found + 0.5))


def relevance(
    cursor,
    plan: QueryPlan,
    table: str,
    weights: dict[str, float],
    template: tuple[str, float],
) -> Relevance | None:
    """The Elasticsearch-like text relevance of a plan's words, to score candidates with
    (``Relevance.score``); None if the plan has no words to score.

    ``weights``: the word columns and their boosts (a token scores its best column, with one
    rarity over them all); ``template``: the column of template sentences and its weight (a
    group's words found there add their score, with the column's own rarity, as the
    Elasticsearch query's ``template`` clause does)."""
    words = [[a for a in group.alternatives if not a.chars] for group in plan.groups]
    tokens = sorted({t for alternatives in words for a in alternatives for t in a.tokens})
    if not tokens:
        return None
    template_column = template[0]
    columns = [*weights, template_column]
    stats = field_stats(cursor, table, columns)
    found = frequencies(cursor, tokens, columns)
    # Rarity per column, as cross_fields blends it: the token's largest document frequency
    # over the word columns, against the column's own number of documents.
    blended = {t: max(found[t, c] for c in weights) for t in tokens}
    rarity = {
        (t, c): idf(stats[c][0], min(blended[t], stats[c][0])) for t in tokens for c in weights
    }
    rarity.update(
        {
            (t, template_column): idf(stats[template_column][0], found[t, template_column])
            for t in tokens
        }
    )
    # Only the columns where some document holds a query token are read.
    read = [c for c in columns if any(found[t, c] for t in tokens)]
    return Relevance(plan, words, weights, template, stats, found, rarity, read)


class Relevance:
    """One query's text relevance of documents (``score``), from their word columns
    (``columns``: those where some document holds a query word)."""

    def __init__(self, plan, words, weights, template, stats, found, rarity, columns):
        self.plan, self.words, self.weights = plan, words, weights
        self.template_column, self.template_weight = template
        self.stats, self.found, self.rarity = stats, found, rarity
        self.columns = columns
        # What is looked for in each column read: the tokens some document holds there.
        tokens = sorted({t for t, c in found if found[t, c]})
        self.needles = {c: [(t, f" {t} ") for t in tokens if found[t, c]] for c in columns}
        self.tf: dict[tuple[str, str], int] = {}
        self.lengths: dict[str, int] = {}

    def score(self, texts, kind: str, date, now) -> float:
        """Higher is better: a document's ``texts`` (``columns``' values, in order) scored,
        times the recency bonus of news kinds (as of ``now``)."""
        self.tf, self.lengths = {}, {}
        for column, text in zip(self.columns, texts, strict=True):
            if not text:
                continue
            self.lengths[column] = token_count(text)
            # Every token with spaces of its own: a token repeated back to back counts twice.
            spaced = f" {text.replace(' ', '  ')} "
            for token, needle in self.needles[column]:
                if found := spaced.count(needle):
                    self.tf[token, column] = found
        score = self.text_score()
        if kind in RECENT_KINDS and date is not None:
            days = max(0.0, (now - date).total_seconds() / 86400)
            score *= 1 + RECENCY_FACTOR / (1.0 + days / 365.0)
        return score

    def text_score(self) -> float:
        score = 0.0
        for group, alternatives in zip(self.plan.groups, self.words, strict=True):
            if not alternatives:
                continue
            original, others = alternatives[0], alternatives[1:]
            if not others or self.present(original):
                score += self.alternative_score(original)
            else:  # the others score only documents without the original (Elasticsearch too)
                score += max(
                    (self.alternative_score(a) for a in others if self.present(a)), default=0.0
                )
            weight = self.template_weight * group.weight
            if weight:
                score += weight * max(self.template_score(a) for a in alternatives)
        return score

    def saturated(self, token: str, column: str, factor: float) -> float:
        """``factor`` times BM25's term frequency part (times k1 + 1) of a token in a column."""
        tf = self.tf.get((token, column))
        if not tf:
            return 0.0
        norm = K1 * (1 - B + B * self.lengths[column] / self.stats[column][1])
        return factor * (K1 + 1) * tf / (tf + norm)

    def present(self, alternative) -> bool:
        return all(any((token, c) in self.tf for c in self.weights) for token in alternative.tokens)

    def alternative_score(self, alternative) -> float:
        total = sum(
            max(
                (
                    self.saturated(t, c, self.weights[c] * self.rarity[t, c])
                    for c in self.weights
                    if self.found[t, c]
                ),
                default=0.0,
            )
            for t in alternative.tokens
        )
        return alternative.weight * total

    def template_score(self, alternative) -> float:
        column = self.template_column
        return sum(
            self.saturated(t, column, self.rarity[t, column])
            for t in alternative.tokens
            if self.found[t, column]
        )


def rerank(rows: list[tuple], scored: dict[str, float]) -> list[tuple]:
    """Rows ``(key, tier, …)`` in the plan's order, re-ordered inside each tier (consecutive
    rows with one ``tier``): the scored ones by score (to ``PRECISION``), best first, then the
    others; ties as they were."""
    tiers: dict = {}
    for row in rows:
        tiers.setdefault(row[1], len(tiers))
    ordered = sorted(
        enumerate(rows),
        key=lambda item: (
            tiers[item[1][1]],
            item[1][0] not in scored,
            -round(scored.get(item[1][0], 0.0) / PRECISION),
            item[0],
        ),
    )
    return [row for _, row in ordered]
