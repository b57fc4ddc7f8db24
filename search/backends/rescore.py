"""Embedded backend on SQLite: text relevance as Elasticsearch scores it, for the best candidates.

FTS5's bm25 floors the rarity (IDF) of a word found in more than half the documents, and
measures a document's length over all its columns at once: inside a tier of the query plan
(``search.plan``: documents matching as many groups, …) the order of documents holding a common
word was noise, and short template pages outranked texts whose title is about the word.
Elasticsearch scores each word in each field (title ×3, summary ×2, body ×1, names ×3,
extra ×1.5) with BM25 and that field's own length, keeps the word's best field, and measures
rarity once over the fields (``cross_fields``). This module gives the embedded backend the
same score, for the best ``CANDIDATES`` of the page's window only (the tiers are unchanged):

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
import time

from django.db import connection

from ..plan import QueryPlan

VOCAB_TABLE = "portal_search_fts_col"
# Elasticsearch's BM25 defaults.
K1 = 1.2
B = 0.75
# How many of the best candidates (in the plan's order: tiers, then bm25) are scored: the
# others follow them in their tier (a page is ten results; counting words in the bodies of
# five hundred candidates cost a third of the query's time).
CANDIDATES = 50

# Statistics are cached per process, and forgotten after STATS_SECONDS (other processes write
# the index: the task worker) or when this process writes it (``forget_stats``).
STATS_SECONDS = 300
FREQUENCY_CACHE = 10000  # tokens

_stats_lock = threading.Lock()
_stats: dict[str, dict[str, tuple[int, float]]] = {}
_frequencies: dict[str, dict[str, dict[str, int]]] = {}
_since = [time.monotonic()]


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
    them (Elasticsearch's N and avgdl of a field), cached (``STATS_SECONDS``)."""
    key = f"{connection.alias}:{table}"
    with _stats_lock:
        _fresh()
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
    """How many documents hold each token in each column, from the FTS5 vocabulary table (it
    counts them from the token's postings: about 0.3 ms a common word), cached
    (``STATS_SECONDS``)."""
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
    keep: list[str],
    factor: str = "1",
):
    """SQL wrapping a statement of candidates (``{candidates}``, with an ``id`` column and their
    position ``pos`` in the plan's order) with the Elasticsearch-like text relevance of the first
    ``CANDIDATES`` as ``score`` (higher is better; times ``factor``, SQL over the candidate
    ``w``; NULL for the others) and the candidates' columns ``keep``, and its parameters; None
    if the plan has no words to score.

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
    scored = f"c.pos <= {CANDIDATES}"
    padded = [
        f"(CASE WHEN {scored} THEN ' ' || coalesce(d.{c}, '') || ' ' ELSE '' END) AS p{i}"
        for i, c in enumerate(columns)
    ]
    lengths = [
        f"(CASE WHEN {scored} THEN {_length(f'd.{c}')} ELSE 0 END) AS n{i}"
        for i, c in enumerate(columns)
    ]
    # A token no document holds in a column counts 0 there without looking; instr() finds
    # the absent ones without building a copy of the column (most tokens in most columns).
    counts, params = [], []
    for t, token in enumerate(tokens):
        for i, c in enumerate(columns):
            if not found.get((token, c)):
                counts.append(f"0 AS t{t}_{i}")
                continue
            counts.append(
                f"(CASE WHEN instr(p{i}, %s) THEN (length(p{i}) - length(replace(p{i}, %s, '')))"
                f" / {len(token) + 2} ELSE 0 END) AS t{t}_{i}"
            )
            params += [f" {token} "] * 2

    def held(token: str, cols) -> list[int]:
        """The columns (indices) where some document holds the token."""
        return [columns.index(c) for c in cols if found.get((token, c))]

    def saturated(token: str, i: int, factor: float) -> str:
        """``factor`` times BM25's term frequency part (times k1 + 1) of a token in column i."""
        t, c = index[token], columns[i]
        return (
            f"{factor * (K1 + 1):.6g} * t{t}_{i} / (t{t}_{i} + {K1 * (1 - B):.6g} + "
            f"{K1 * B / stats[c][1]:.6g} * n{i})"
        )

    def token_score(token: str) -> str:
        fields = [
            saturated(token, i, weights[columns[i]] * rarity[token, columns[i]])
            for i in held(token, weights)
        ]
        return best(fields) if fields else "0"

    def present(alternative) -> str:
        checks = []
        for token in alternative.tokens:
            where = held(token, weights)
            if not where:
                return "0"
            checks.append("(" + " + ".join(f"t{index[token]}_{i}" for i in where) + ") > 0")
        return " AND ".join(checks)

    def alternative_score(alternative) -> str:
        total = " + ".join(token_score(token) for token in alternative.tokens)
        return f"{alternative.weight:.6g} * ({total})"

    def template_score(alternative) -> str:
        i = columns.index(template_column)
        return " + ".join(
            saturated(token, i, rarity[token, template_column])
            if found.get((token, template_column))
            else "0"
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
        if others:  # the others score only documents without the original (Elasticsearch too)
            other = best(
                [f"(CASE WHEN {present(a)} THEN {alternative_score(a)} ELSE 0 END)" for a in others]
            )
            score = f"(CASE WHEN {present(original)} THEN {score} ELSE {other} END)"
        weight = template_weight * group.weight
        if weight:
            score += f" + {weight:.6g} * {best([template_score(a) for a in alternatives])}"
        group_scores.append(score)
    # The padded columns stop at level 2: the levels above sort the candidates (copies of
    # every column they carry).
    sizes = ", ".join(f"v.n{i}" for i in range(len(columns)))
    sql = (
        f"SELECT {', '.join(f'w.{k}' for k in keep)}, (CASE WHEN w.pos <= {CANDIDATES} THEN "
        f"({' + '.join(group_scores)}) * {factor} END) AS score FROM (SELECT "
        f"{', '.join(f'v.{k}' for k in keep)}, {sizes}, {', '.join(counts)} FROM (SELECT c.*, "
        f"{', '.join(padded)}, {', '.join(lengths)} FROM ({{candidates}}) c LEFT JOIN {table} d "
        f"ON d.id = c.id AND {scored}{_KEEP}) v{_KEEP}) w{_KEEP}"
    )
    return sql, params
