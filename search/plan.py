"""The query plan both backends execute: ranking, not filtering.

A query becomes *groups* (one per query word, or per run of words that is a synonym term), each
with *alternatives*: the word itself (weight 1) and its synonyms (lower weight). Backends:

1. first require every group (documents with all words);
2. when that finds less than a page, accept documents matching any group, ranked by how many
   groups they match, then how many of the original words, then text relevance (title and
   summary weigh more than body). So a query never comes back empty while one word matches.

On top of text relevance: the query as an unbroken run of characters (a phrase) counts as
matching every group once more (adjacency boost), and news kinds get a gentle recency bonus
(reference texts do not age).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .analysis import char_text, normalize, query_tokens

SYNONYM_WEIGHT = 0.5
# Kinds whose relevance fades with age (a tie-breaker only); reports and pages do not age.
RECENT_KINDS = ("news", "notice", "reception")
RECENCY_WEIGHT = 0.5  # Elasticsearch: at most this much score (added) for today's news
RECENCY_FACTOR = 0.02  # embedded: relevance times at most 1.02 for today's news


@dataclass(frozen=True)
class Alternative:
    tokens: tuple[str, ...]  # all must occur (a term the analyzer cuts into several words)
    weight: float = 1.0

    @property
    def original(self) -> bool:
        return self.weight >= 1.0


@dataclass(frozen=True)
class Group:
    alternatives: tuple[Alternative, ...]

    @property
    def original(self) -> Alternative:
        return self.alternatives[0]

    @property
    def synonyms(self) -> tuple[Alternative, ...]:
        return self.alternatives[1:]


@dataclass
class QueryPlan:
    groups: list[Group] = field(default_factory=list)
    chars: str = ""  # the query as characters (safety net and phrase boost)

    @property
    def empty(self) -> bool:
        return not self.groups and not self.chars

    @property
    def words(self) -> list[str]:
        return [token for group in self.groups for token in group.original.tokens]

    @property
    def has_synonyms(self) -> bool:
        return any(group.synonyms for group in self.groups)

    def highlight_terms(self, query: str) -> list[str]:
        """What to mark in results: the whole query, its words and the synonyms used."""
        whole = normalize(query).replace(" ", "")
        terms = {whole} if whole else set()
        for group in self.groups:
            for alternative in group.alternatives:
                terms.update(alternative.tokens)
                terms.add("".join(alternative.tokens))
        return sorted((t for t in terms if t), key=len, reverse=True)


# Function words and question words of residents' questions (街道人大工委是干什么的): they
# match nearly every text, so they are left out of the plan when the query has other words.
_STOPWORDS = (
    "的 了 是 在 和 与 及 或 吗 呢 啊 吧 呀 么 嘛 也 都 就 又 还 要 会 能 可以 有 没有 没 不 "
    "我 你 他 她 它 我们 你们 他们 这 那 这个 那个 哪 哪个 哪里 哪儿 什么 怎么 怎样 怎么样 "
    "如何 为什么 为啥 啥 干 干什么 多少 几 几个 多久 请问 一下 一个 个 把 被 给 对 让"
)
STOPWORDS = frozenset(_STOPWORDS.split())


def make_plan(query: str, synonyms: dict | None = None) -> QueryPlan:
    """The plan for a query; ``synonyms`` defaults to the editors' current table."""
    from .synonyms import current_table, expand

    words = query_tokens(query)
    content = [word for word in words if word not in STOPWORDS]
    words = content or words
    table = current_table() if synonyms is None else synonyms
    groups = [
        Group(
            tuple(
                Alternative(term, 1.0 if i == 0 else SYNONYM_WEIGHT) for i, term in enumerate(unit)
            )
        )
        for unit in expand(words, table)
    ]
    return QueryPlan(groups=groups, chars=" ".join(char_text(query).split()))
