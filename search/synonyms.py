"""Synonyms applied at query time: each query word also matches the other words of its group.

Groups are data (``SynonymGroup`` rows, edited in the admin; the shipped ones come from
``search/dictionary/synonyms.txt``). Terms are analysed exactly like queries
(``analysis.query_tokens``), so a term the segmenter cuts into several words matches the
same sequence of query words, and the index is searched with the same tokens it holds.
Nothing is reindexed: the table is read on every search (a handful of short rows) and its
analysis is cached per distinct content.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from .analysis import query_tokens

SYNONYMS_PATH = Path(__file__).resolve().parent / "dictionary" / "synonyms.txt"

_SPLIT_RE = re.compile(r"[\s,，、;；/|]+")

Term = tuple[str, ...]


def parse_terms(text: str) -> list[str]:
    """The terms of one group, in order, without duplicates or blanks."""
    return list(dict.fromkeys(t for t in _SPLIT_RE.split(text or "") if t))


def shipped_groups(path: Path = SYNONYMS_PATH) -> list[list[str]]:
    """The groups of the shipped file (``#`` comments and blank lines skipped)."""
    groups = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            terms = parse_terms(line)
            if len(terms) > 1:
                groups.append(terms)
    return groups


def add_shipped(apps, groups: list[str]) -> None:
    """Data migrations: add shipped groups (``"term term …"``) unless one of the editors' groups
    already holds all of a group's terms; existing rows are left as they are."""
    SynonymGroup = apps.get_model("portal_search", "SynonymGroup")
    existing = [set(parse_terms(t)) for t in SynonymGroup.objects.values_list("terms", flat=True)]
    for group in groups:
        if not any(set(parse_terms(group)) <= terms for terms in existing):
            SynonymGroup.objects.create(terms=group)


def remove_shipped(apps, groups: list[str]) -> None:
    """Reverse of ``add_shipped``: the groups as shipped (an edited row stays)."""
    apps.get_model("portal_search", "SynonymGroup").objects.filter(terms__in=groups).delete()


@functools.lru_cache(maxsize=16)
def build_table(groups: tuple[tuple[str, ...], ...]) -> dict[Term, tuple[Term, ...]]:
    """Analysed term -> the other analysed terms of its groups (a term may be in several)."""
    table: dict[Term, list[Term]] = {}
    for group in groups:
        analysed = [tuple(query_tokens(term)) for term in group]
        analysed = [term for term in dict.fromkeys(analysed) if term]
        for term in analysed:
            others = table.setdefault(term, [])
            others.extend(other for other in analysed if other != term and other not in others)
    return {term: tuple(others) for term, others in table.items() if others}


def current_table() -> dict[Term, tuple[Term, ...]]:
    """The synonym table as editors left it (read on each search, analysed once per version)."""
    from .models import SynonymGroup

    rows = SynonymGroup.objects.order_by("pk").values_list("terms", flat=True)
    return build_table(tuple(tuple(parse_terms(text)) for text in rows))


def expand(words: list[str], table: dict[Term, tuple[Term, ...]]) -> list[tuple[Term, ...]]:
    """Query words grouped into units, each with its alternatives (the original first).

    The longest run of words that is a synonym term becomes one unit: 为老服务 cut into
    为老 / 服务 matches the term 为老服务 as a whole.
    """
    longest = max((len(term) for term in table), default=1)
    units: list[tuple[Term, ...]] = []
    i = 0
    while i < len(words):
        for size in range(min(longest, len(words) - i), 0, -1):
            run = tuple(words[i : i + size])
            if run in table:
                units.append((run, *table[run]))
                i += size
                break
        else:
            units.append(((words[i],),))
            i += 1
    return units
