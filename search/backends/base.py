"""The one interface both search backends implement, and the result shapes they return."""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass, field, replace
from html import escape  # Django's escape is this one behind a lazy-text check per call

from django.utils.safestring import SafeString, mark_safe

from ..analysis import char_text, normalize, query_tokens
from ..documents import KINDS, SearchDoc
from ..plan import QueryPlan, make_plan

SORTS = ("relevance", "date")
FACETS = ("kind", "year", "street")


class SearchUnavailable(Exception):
    """The backend cannot be reached (Elasticsearch down); callers show a friendly message."""


@dataclass
class SearchRequest:
    """A validated search, as the query class hands it to a backend."""

    query: str
    kinds: list[str] = field(default_factory=list)
    year: int | None = None
    street: str = ""
    sort: str = "relevance"
    page: int = 1
    per_page: int = 10
    facets: bool = True
    # Kinds whose best few titles come back with the page, from the same query (the search
    # page names them in a grouped result: "38 个联络站：…等").
    samples: tuple[str, ...] = ()
    sample_size: int = 3
    # With samples and no kind filter: also the page of results without the sampled kinds
    # that have more than this many matches (``grouped``), from the same query (0: not asked).
    collapse_over: int = 0

    @property
    def words(self) -> list[str]:
        return query_tokens(self.query)

    @functools.cached_property
    def plan(self) -> QueryPlan:
        """Query words grouped with their synonyms (read from the editors' table now)."""
        return make_plan(self.query)

    def narrowed(self, **changes) -> SearchRequest:
        """The same query with other filters or paging, sharing this request's plan (the
        query is analysed and the synonym table read once however many searches a page makes)."""
        other = replace(self, **changes)
        other.__dict__["plan"] = self.plan  # functools.cached_property's own storage
        return other

    @property
    def chars(self) -> str:
        return char_text(self.query)

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    def grouped(self, counts: dict[str, int]) -> list[str]:
        """The sampled kinds shown as one grouped result, given the matches per kind: those
        with more than ``collapse_over`` matches, when other kinds match too."""
        if not self.collapse_over or self.kinds:
            return []
        grouped = [k for k in self.samples if counts.get(k, 0) > self.collapse_over]
        return grouped if any(k not in grouped for k in counts) else []

    def filters(self, exclude: str = "") -> dict:
        """Active filters by facet name, optionally leaving one out (for that facet's counts)."""
        active = {}
        if self.kinds and exclude != "kind":
            active["kind"] = list(self.kinds)
        if self.year and exclude != "year":
            active["year"] = self.year
        if self.street and exclude != "street":
            active["street"] = self.street
        return active


@dataclass
class Hit:
    key: str
    kind: str
    title: str
    url: str
    date: datetime.datetime | None
    title_html: SafeString
    snippet_html: SafeString
    breadcrumb: list[str]
    score: float = 0.0
    valid_until: datetime.date | None = None
    street: str = ""
    station: str = ""
    promoted: bool = False
    group_count: int = 0  # a grouped result standing for this many results of its kind

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, self.kind)

    @property
    def is_expired(self) -> bool:
        from django.utils import timezone

        return self.valid_until is not None and self.valid_until < timezone.localdate()


@dataclass
class FacetBucket:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class SearchResults:
    total: int
    hits: list[Hit]
    facets: dict[str, list[FacetBucket]] = field(default_factory=dict)
    suggestions: list[str] = field(default_factory=list)
    samples: dict[str, list[str]] = field(default_factory=dict)  # kind -> best titles
    # The page without the grouped kinds (``SearchRequest.collapse_over``), when the backend
    # read it with this one; None: the caller searches the other kinds itself.
    rest: SearchResults | None = None


@dataclass
class Suggestion:
    text: str
    url: str
    kind: str

    def as_json(self) -> dict:
        return {
            "text": self.text,
            "url": self.url,
            "kind": self.kind,
            "kind_label": KINDS.get(self.kind, self.kind),
        }


class SearchBackend:
    """What every backend does. ``docs`` are ``SearchDoc`` records built by the registry."""

    name = "base"

    def health(self) -> bool:
        raise NotImplementedError

    def index(self, docs: list[SearchDoc]) -> int:
        """Add or replace documents; returns how many were written."""
        raise NotImplementedError

    def delete(self, keys: list[str]) -> None:
        raise NotImplementedError

    def rebuild(self, docs, expected: int | None = None, chunk_size: int = 500) -> dict:
        """Build a complete new index from ``docs`` and switch to it atomically."""
        raise NotImplementedError

    def refresh(self) -> None:
        """Make writes visible to searches (a no-op where they already are)."""

    def indexed_keys(self) -> set[str]:
        raise NotImplementedError

    def count(self) -> int:
        raise NotImplementedError

    def search(self, request: SearchRequest) -> SearchResults:
        """The query plan (``search.plan``): all words first; when that finds less than a
        page, documents with most words, ranked below those with all of them."""
        plan = request.plan
        if plan.empty:
            return SearchResults(total=0, hits=[])
        several = len(plan.groups) > 1
        if several and self.count_upto(request, plan, request.per_page) < request.per_page:
            # Known to come back short with every word required: straight to the second step
            # (a count that stops at a page's worth costs far less than the ranked search).
            return self.execute(request, plan, require_all=False)
        results = self.execute(request, plan, require_all=True)
        if several and results.total < request.per_page:
            return self.execute(request, plan, require_all=False)
        rest = results.rest
        if rest is not None and len(plan.groups) > 1 and rest.total < request.per_page:
            # A search of the other kinds alone would accept any word (the plan's second
            # step), unlike this one: the caller runs it.
            results.rest = None
        return results

    def execute(self, request: SearchRequest, plan: QueryPlan, require_all: bool) -> SearchResults:
        """Run the plan: every group required, or any group (ranked by groups matched)."""
        raise NotImplementedError

    def count_upto(self, request: SearchRequest, plan: QueryPlan, limit: int) -> int:
        """How many documents (filters applied) match with every group required, counting no
        further than ``limit``; ``limit`` when a backend cannot tell cheaply."""
        return limit

    def suggest(self, prefix: str, limit: int = 8) -> list[Suggestion]:
        raise NotImplementedError

    def clear(self) -> None:
        """Drop everything (tests and first set-up)."""
        raise NotImplementedError


# -- shared helpers --------------------------------------------------------------------------


def _match_spans(normalized: str, terms: list[str]) -> list[tuple[int, int]]:
    spans = []
    for term in terms:
        if not term:
            continue
        start = normalized.find(term)
        while start != -1:
            spans.append((start, start + len(term)))
            start = normalized.find(term, start + len(term))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight_terms(query: str) -> list[str]:
    """What to mark in results: the query's words and the whole normalised query."""
    words = query_tokens(query)
    whole = normalize(query).replace(" ", "")
    terms = [whole, *words] if whole and whole not in words else words
    return sorted(set(terms), key=len, reverse=True)


_SENTENCE_END_RE = re.compile(r"[。！？!?；;\n]+")


def _sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text``, its closing punctuation included."""
    bounds, start = [], 0
    for match in _SENTENCE_END_RE.finditer(text):
        bounds.append((start, match.end()))
        start = match.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return [(s, e) for s, e in bounds if text[s:e].strip()]


def snippet_window(text: str, spans: list[tuple[int, int]], length: int) -> tuple[int, int]:
    """The part of ``text`` a snippet shows: the sentence with the most matched words (the
    first of equals), followed by the next sentences while they fit in ``length``; a long
    sentence is cut around its first match. Without matches, the opening sentences."""
    if len(text) <= length:
        return 0, len(text)
    sentences = _sentences(text) or [(0, len(text))]

    def matched(bounds):
        s, e = bounds
        return len({text[a:b] for a, b in spans if a >= s and b <= e})

    best = max(range(len(sentences)), key=lambda i: (matched(sentences[i]), -i))
    start, end = sentences[best]
    for _start, e in sentences[best + 1 :]:
        if e - start > length:
            break
        end = e
    if end - start > length:
        inside = [a for a, b in spans if start <= a < end]
        first = inside[0] if inside else start
        start = max(start, min(first - length // 4, end - length))
        end = start + length
    while start < end and text[start].isspace():
        start += 1
    return start, end


def highlight(
    text: str, terms: list[str], length: int | None = None, normalized: str | None = None
) -> SafeString:
    """HTML-escaped ``text`` with matches of ``terms`` in <mark>; with ``length``, a snippet of
    about that many characters: the sentences around the matched words. Matching is on
    normalised text (Traditional/Simplified, width and case do not matter); the original text
    is shown. ``normalized``: ``normalize(text)``, when the caller has it already."""
    text = text or ""
    if normalized is None:
        normalized = normalize(text) if text else ""
    if len(normalized) != len(text):  # NFKC changed lengths: show the normalised form
        text = normalized
    spans = _match_spans(normalized, terms)
    start, end = 0, len(text)
    if length is not None and len(text) > length:
        start, end = snippet_window(text, spans, length)
    out = ["…" if start > 0 else ""]
    cursor = start
    for s, e in spans:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        out.append(escape(text[cursor:s]))
        out.append(f"<mark>{escape(text[s:e])}</mark>")
        cursor = e
    out.append(escape(text[cursor:end]))
    if end < len(text):
        out.append("…")
    return mark_safe("".join(out))  # noqa: S308 - every piece of text above is escaped


def make_hit(key: str, kind: str, display: dict, terms: list[str], **extra) -> Hit:
    """A result: its title, and a snippet from the human text (summary, else the part of the
    body that matched); keyword fields (names, communities) are searchable but never shown."""
    summary = display.get("summary") or ""
    body = (display.get("body") or "")[:5000]
    # Each text normalised once (a body's normalisation is most of a result's cost).
    snippet_source, normalized = summary, None
    if terms:
        normalized = normalize(summary)
        # Prefer the part of the body that matched, when the summary does not show the words.
        if not _match_spans(normalized, terms):
            normalized_body = normalize(body)
            if _match_spans(normalized_body, terms):
                snippet_source, normalized = body, normalized_body
    if not snippet_source:
        snippet_source, normalized = body[:400], None
    return Hit(
        key=key,
        kind=kind,
        title=display.get("title", ""),
        url=display.get("url", ""),
        title_html=highlight(display.get("title", ""), terms),
        snippet_html=highlight(snippet_source, terms, length=120, normalized=normalized),
        breadcrumb=display.get("breadcrumb") or [],
        street=display.get("street") or "",
        station=display.get("station") or "",
        **extra,
    )


def facet_buckets(name: str, pairs, request: SearchRequest) -> list[FacetBucket]:
    """Facet buckets from (value, count) pairs, the selected ones marked (both backends)."""
    selected = {
        "kind": set(request.kinds),
        "year": {str(request.year)} if request.year else set(),
        "street": {request.street} if request.street else set(),
    }[name]
    buckets = []
    for value, count in pairs:
        value = str(value)
        label = KINDS.get(value, value) if name == "kind" else value
        buckets.append(FacetBucket(value, label, count, value in selected))
    if name == "year":
        buckets.sort(key=lambda b: b.value, reverse=True)
    return buckets


def kind_label(value: str) -> str:
    return KINDS.get(value, value)
