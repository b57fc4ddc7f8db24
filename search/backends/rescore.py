"""Embedded backend on SQLite: text relevance as Elasticsearch scores it, for the best candidates.

FTS5's bm25 floors the rarity (IDF) of a word found in more than half the documents, and
measures a document's length over all its columns at once: inside a tier of the query plan
(``search.plan``: documents matching as many groups, …) the order of documents holding a common
word was noise, and short template pages outranked texts whose title is about the word.
Elasticsearch scores each word in each field (title ×3, summary ×2, body ×1, names ×3,
extra ×1.5) with BM25 and that field's own length, keeps the word's best field, and measures
rarity once over the fields (``cross_fields``). This module gives the embedded backend the
same score, for the ``window`` best candidates only (the tiers and the page are unchanged):

- rarity: document frequencies from the FTS5 vocabulary table (``portal_search_fts_col``, an
  ``fts5vocab`` over the index: one lookup per query word, no full-text pass);
- term and field lengths: counted in the candidates' stored word columns (space-separated
  tokens) by the statement itself, never for every match.

A group scores its original word, or when a document lacks it, its best other alternative
(synonym, parts, head word), times the alternative's weight, as ``ElasticsearchQuery.group_query``
does. Runs of characters (``Alternative.chars``) score nothing here: they find documents that
word matching misses and count in the tiers.
"""

from __future__ import annotations

import math
import threading

from django.db import connection

from ..plan import QueryPlan

VOCAB_TABLE = "portal_search_fts_col"
# Elasticsearch's BM25 defaults.
K1 = 1.2
B = 0.75

_stats_lock = threading.Lock()
_stats: dict[str, dict[str, tuple[int, float]]] = {}


def forget_stats() -> None:
    """Drop the cached document count and field lengths (after a rebuild or a clear)."""
    with _stats_lock:
        _stats.clear()


def field_stats(cursor, table: str, columns) -> dict[str, tuple[int, float]]:
    """Each column's number of documents that have it and its average length in tokens over
    them (Elasticsearch's N and avgdl of a field), read once per process (they move slowly
    with single writes; a rebuild resets them)."""
    key = f"{connection.alias}:{table}"
    with _stats_lock:
        if key in _stats:
            return _stats[key]
    lengths = [f"nullif({_length(f'd.{c}')}, 0)" for c in columns]
    cursor.execute(f"SELECT {', '.join(f'count({n}), avg({n})' for n in lengths)} FROM {table} d")
    row = cursor.fetchone()
    stats = {c: (row[2 * i] or 0, max(1.0, row[2 * i + 1] or 0.0)) for i, c in enumerate(columns)}
    with _stats_lock:
        _stats[key] = stats
    return stats


def frequencies(cursor, tokens, columns) -> dict[tuple[str, str], int]:
    """How many documents hold each token in each column, from the FTS5 vocabulary table."""
    marks = ", ".join(["%s"] * len(tokens))
    cols = ", ".join(["%s"] * len(columns))
    cursor.execute(
        f"SELECT term, col, doc FROM {VOCAB_TABLE} WHERE term IN ({marks}) AND col IN ({cols})",
        [*tokens, *columns],
    )
    return {(term, col): doc for term, col, doc in cursor.fetchall()}


def idf(count: int, found: int) -> float:
    """Elasticsearch's IDF, ln(1 + (N - n + 0.5) / (n + 0.5)): positive however common."""
    return math.log(1 + (count - found + 0.5) / (found + 0.5))


# A subquery with an OFFSET is never flattened into the one reading it (SQLite's rule 14): each
# level's columns are computed once per candidate, not once per use in the next level.
_KEEP = " LIMIT -1 OFFSET 0"


def _length(column: str) -> str:
    """SQL: how many space-separated tokens a column holds."""
    return (
        f"(CASE WHEN coalesce({column}, '') = '' THEN 0 "
        f"ELSE length({column}) - length(replace({column}, ' ', '')) + 1 END)"
    )


def score_sql(
    cursor,
    plan: QueryPlan,
    table: str,
    weights: dict[str, float],
    template: tuple[str, float],
    factor: str = "1",
):
    """SQL wrapping a statement of candidates (``{candidates}``, with an ``id`` column) with
    their Elasticsearch-like text relevance as ``score`` (higher is better; times ``factor``,
    SQL over the candidate ``w``), and its parameters; None if the plan has no words to score.

    ``weights``: the word columns and their boosts (a token scores its best column, with one
    rarity over them all); ``template``: the column of template sentences and its weight (a
    group's words found there add their score, with the column's own rarity, as the
    Elasticsearch query's ``template`` clause does)."""
    words = [[a for a in group.alternatives if not a.chars] for group in plan.groups]
    tokens = sorted({t for alternatives in words for a in alternatives for t in a.tokens})
    if not tokens:
        return None
    template_column, template_weight = template
    columns = [*weights, template_column]
    stats = field_stats(cursor, table, columns)
    found = frequencies(cursor, tokens, columns)
    # Rarity per column, as cross_fields blends it: the token's largest document frequency
    # over the word columns, against the column's own number of documents.
    blended = {t: max(found.get((t, c), 0) for c in weights) for t in tokens}
    rarity = {
        (t, c): idf(stats[c][0], min(blended[t], stats[c][0])) for t in tokens for c in weights
    }
    rarity.update(
        {
            (t, template_column): idf(stats[template_column][0], found.get((t, template_column), 0))
            for t in tokens
        }
    )
    index = {token: t for t, token in enumerate(tokens)}
    # Level 1: each column padded with spaces, and its length; level 2: each token's count in
    # each column (a token repeated back to back counts once: its spaces are shared).
    padded = [f"(' ' || coalesce(d.{c}, '') || ' ') AS p{i}" for i, c in enumerate(columns)]
    lengths = [f"{_length(f'd.{c}')} AS n{i}" for i, c in enumerate(columns)]
    counts, params = [], []
    for t, token in enumerate(tokens):
        for i in range(len(columns)):
            counts.append(
                f"(length(p{i}) - length(replace(p{i}, %s, ''))) / {len(token) + 2} AS t{t}_{i}"
            )
            params.append(f" {token} ")

    def saturated(t: int, i: int, column: str) -> str:
        """BM25's term frequency part (times k1 + 1) of token t in column i."""
        return (
            f"t{t}_{i} * {K1 + 1!r} / (t{t}_{i} + {K1 * (1 - B)!r} + "
            f"{K1 * B / stats[column][1]!r} * n{i})"
        )

    def token_score(token: str) -> str:
        t = index[token]
        fields = [
            f"{weights[c] * rarity[token, c]!r} * {saturated(t, i, c)}"
            for i, c in enumerate(weights)
        ]
        return f"max({', '.join(fields)})"

    def present(alternative) -> str:
        return " AND ".join(
            "(" + " + ".join(f"t{index[token]}_{i}" for i in range(len(weights))) + ") > 0"
            for token in alternative.tokens
        )

    def alternative_score(alternative) -> str:
        total = " + ".join(token_score(token) for token in alternative.tokens)
        return (
            f"(CASE WHEN {present(alternative)} THEN {alternative.weight!r} * ({total}) ELSE 0 END)"
        )

    def template_score(alternative) -> str:
        i = len(weights)
        return " + ".join(
            f"{rarity[token, template_column]!r} * {saturated(index[token], i, template_column)}"
            for token in alternative.tokens
        )

    def best(scores: list[str]) -> str:
        return scores[0] if len(scores) == 1 else f"max({', '.join(scores)})"

    group_scores = []
    for group, alternatives in zip(plan.groups, words, strict=True):
        if not alternatives:
            continue
        original, others = alternatives[0], alternatives[1:]
        score = alternative_score(original)
        if others:
            other = best([alternative_score(a) for a in others])
            score = f"(CASE WHEN {present(original)} THEN {score} ELSE {other} END)"
        weight = template_weight * group.weight
        if weight:
            score += f" + {weight!r} * {best([template_score(a) for a in alternatives])}"
        group_scores.append(score)
    sql = (
        f"SELECT w.*, ({' + '.join(group_scores)}) * {factor} AS score FROM (SELECT v.*, "
        f"{', '.join(counts)} FROM (SELECT c.*, {', '.join(padded)}, {', '.join(lengths)} "
        f"FROM ({{candidates}}) c JOIN {table} d ON d.id = c.id{_KEEP}) v{_KEEP}) w{_KEEP}"
    )
    return sql, params
