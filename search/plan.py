"""The query plan both backends execute: ranking, not filtering.

A query becomes *groups* (one per query word, or per run of words that is a synonym term), each
with *alternatives*: the word itself (weight 1) and its synonyms (lower weight). Backends:

1. first require every group (documents with all words);
2. when that finds less than a page, accept documents matching any group, ranked by how many
   groups they match, then how many neighbouring query words they hold close together
   (``pairs``, proximity), then how many of the original words, then text relevance (title and
   summary weigh more than body). So a query never comes back empty while one word matches.

Words that word matching would miss fall back to characters (``character_fallback``): a verb of a
single character also matches longer words containing it (开 in 召开), and a word no
dictionary knows (the segmenter's guess) matches as a run of characters and through its
one-character verbs.

On top of text relevance: the query as an unbroken run of characters (a phrase) counts as
matching every group once more (adjacency boost), and news kinds get a gentle recency bonus
(reference texts do not age). Reposts (publications of one kind sharing a title) are shown once.

Pages built from one template (``TEMPLATE_KINDS``: 38 station pages, every reception and
delegate) repeat the same boilerplate words, so among documents matching as many groups they
come after the others unless the query names them: every group's original word in their own
title or names (东城街道联络站 names a station, 张子平 a delegate; 代表工作室 names no station
even though its synonym 联络站 is in every station's title). Words that name a kind of page
(``analysis.generic_words``: 人大代表联络站, 代表, 接访安排) name none on their own: a query of
such words only (人大代表联络站) asks about stations in general, not about the 38 pages whose
titles all end in it.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass, field

from .analysis import (
    analyze,
    char_text,
    domain_words,
    generic_words,
    han_runs,
    is_descriptive,
    is_verb,
    is_word,
    normalize,
    query_tokens,
    query_words,
    syllables,
)

SYNONYM_WEIGHT = 0.5
# A query verb of one character (开) also matches words that contain it (召开, 开会): residents
# write single-character verbs where texts have two-character words.
CHAR_WEIGHT = 0.4
# A query word no dictionary knows (the segmenter's guess, 开才 from 会议怎么开才规范) also
# matches as a run of characters, however the texts were cut, and through its one-character
# verbs (开).
RUN_WEIGHT = 0.8
PIECE_WEIGHT = 0.3
# A compound of the dictionary (履职积分) also matches its two words apart (代表履职的“积分档案”),
# a little below the compound itself.
SPLIT_WEIGHT = 0.7
# A compound also matches its head word alone (人大代表 -> 代表), below its two parts.
HEAD_WEIGHT = 0.4
# Proximity: two neighbouring query words (or their synonyms) found at most NEAR_WINDOW
# characters apart in one field (either order) rank the document above those that match as
# many groups with the words scattered (养老服务监督 -> "对养老服务进行监督"). For the first
# NEAR_PAIRS neighbours, each with at most NEAR_COMBOS ways of saying it (originals first).
NEAR_WINDOW = 6
NEAR_PAIRS = 3  # pairs and runs together (``QueryPlan.runs``)
NEAR_COMBOS = 2
NEAR_RUNS = 2
# Close pairs are looked for among the best RESCORE_WINDOW candidates of the other tiers
# (documents matching most groups, template pages the query names, text relevance), not among
# every match: a common word matches tens of thousands of documents, and a close pair only
# reorders documents matching as many groups.
RESCORE_WINDOW = 500
# Kinds whose relevance fades with age (a tie-breaker only); reports and pages do not age.
RECENT_KINDS = ("news", "notice", "reception")
RECENCY_WEIGHT = 0.1  # Elasticsearch: at most this much score (added) for today's news
RECENCY_FACTOR = 0.02  # embedded: relevance times at most 1.02 for today's news
# Kinds whose pages come from one template (see the module docstring): ranked after the other
# documents matching as many groups unless their title or names carry every query word.
TEMPLATE_KINDS = ("station", "reception", "delegate")
# Kinds whose copies share a title (a notice reposted in several columns, a yearly report
# republished): results show one document per kind and title, the best ranked, so that reposts
# do not fill the first page. Delegates, stations and receptions are distinct whatever their title.
REPOST_KINDS = ("news", "notice", "report")
# A yearly series (关于开展2025年度…的通知, …2026年度…) is one repost group: titles are compared
# with their years left out (``repost_title``), so a query shows the series once, its best
# ranked (the newest, other things equal), not three years of one notice above the answer.
# Other numbers stay: 简报第1期 and 第2期 are different texts.
# How many ranked candidates per result shown the embedded backend reads to drop reposts from
# (Elasticsearch collapses its whole result set).
REPOST_WINDOW = 50


def repost_title(title: str) -> str:
    """The title as repost groups compare it: normalised, years left out (2025年度 -> 年度: a
    yearly series is one group; see ``REPOST_KINDS``)."""
    return _YEAR_RE.sub("", normalize(title))


_YEAR_RE = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}(?=\s*年)")


@dataclass(frozen=True)
class Alternative:
    tokens: tuple[str, ...]  # all must occur (a term the analyzer cuts into several words)
    weight: float = 1.0
    # The tokens are characters to find as one run in the character-level fields (the `.chars`
    # sub-fields, the embedded ``*_chars`` columns) instead of words: see ``character_fallback``.
    chars: bool = False

    @property
    def original(self) -> bool:
        return self.weight >= 1.0


@dataclass(frozen=True)
class Group:
    alternatives: tuple[Alternative, ...]
    # What matching the group counts in how many of the query's words a document matches
    # (``QueryPlan.cover``): 1, or 0 for a word that describes rather than names (``LIGHT``).
    weight: float = 1.0

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
    # Parts of the query between question words, as runs of characters (``query_runs``):
    # each found in a document counts as one more close pair.
    runs: list[tuple[str, ...]] = field(default_factory=list)

    @property
    def pairs(self) -> list[tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]]:
        """Neighbouring groups as pairs to find close together (``NEAR_WINDOW``), in the
        character-level fields so that words match however the text was cut (开 in 召开): each
        pair the ways of saying it, as (characters of one group's alternative, characters of
        the next one's), originals first, at most ``NEAR_COMBOS``; the first ``NEAR_PAIRS``."""
        out = []
        for left, right in itertools.pairwise(self.groups):
            lefts = _char_runs(left)
            rights = _char_runs(right)
            combos = [(a, b) for a in lefts for b in rights if a != b][:NEAR_COMBOS]
            if combos:
                out.append(tuple(combos))
        return out[: max(0, NEAR_PAIRS - len(self.runs))]

    @property
    def empty(self) -> bool:
        return not self.groups and not self.chars

    @property
    def cover(self) -> float:
        """What matching every group counts (the query as a phrase counts this once more):
        the groups' weights, at least 1."""
        return max(1.0, sum(group.weight for group in self.groups))

    @property
    def words(self) -> list[str]:
        return [token for group in self.groups for token in group.original.tokens]

    @property
    def names_pages(self) -> bool:
        """True if the query could name a template page: some group's original word is not a
        generic word (``analysis.generic_words``). Backends count a template page as named
        when, besides, every group's original word is in its title or names."""
        generic = generic_words()
        return any(
            not all(token in generic for token in group.original.tokens) for group in self.groups
        )

    def names_title(self, title: str) -> bool:
        """True if a template page with this title is one the query names (``names_pages``,
        and every group's original word is a word of the title): 代表之家 names the eight
        stations called 某某人大代表之家, not the thirty that only share its synonym 联络站."""
        if not self.names_pages:
            return False
        words = set(analyze(title).split())
        return all(token in words for group in self.groups for token in group.original.tokens)

    @property
    def phrase_is_word(self) -> bool:
        """True if the query is one dictionary word and nothing else (no character-level
        alternative: ``character_fallback`` gives those to words the dictionaries lack):
        ``chars`` is then that word's characters, which a document holding the word holds as
        a run too, so the phrase adds nothing for the word's documents."""
        if len(self.groups) != 1 or any(a.chars for a in self.groups[0].alternatives):
            return False
        runs = _char_runs(Group((self.groups[0].original,)))
        return bool(runs) and self.chars == " ".join(runs[0])

    @property
    def has_synonyms(self) -> bool:
        return any(group.synonyms for group in self.groups)

    def highlight_terms(self, query: str) -> list[str]:
        """What to mark in results: the whole query, its words and the synonyms used."""
        whole = normalize(query).replace(" ", "")
        terms = {whole} if whole else set()
        for group in self.groups:
            for alternative in group.alternatives:
                if not alternative.chars:  # a run of characters is marked whole, not char by char
                    terms.update(alternative.tokens)
                terms.add("".join(alternative.tokens))
        return sorted((t for t in terms if t), key=len, reverse=True)


# Function words and question words of residents' questions (街道人大工委是干什么的): they
# match nearly every text, so they are left out of the plan when the query has other words.
_STOPWORDS = (
    "的 了 是 在 和 与 及 或 吗 呢 啊 吧 呀 么 嘛 也 都 就 又 还 要 会 能 可以 有 没有 没 不 "
    "我 你 他 她 它 我们 你们 他们 这 那 这个 那个 哪 哪个 哪里 哪儿 什么 怎么 怎样 怎么样 "
    "如何 为什么 为啥 啥 干 干什么 多少 几 几个 多久 请问 一下 一个 个 把 被 给 对 让 "
    "做 怎么做 怎么办 咋 咋办 咋样 到底 究竟 有没有 是不是 能不能 可不可以 应该 需要 想 "
    "知道 问 问问 "
    # Question words of time, person and choice, and nouns that stand for "the matter" in a
    # question (群众反映的事有没有回音: the 事 is whatever the other words say).
    "什么时候 啥时候 时候 多长时间 谁 哪些 是否 能否 可否 从 来 哪来 干嘛 怎么回事 "
    "事 事情 东西 呗 哦 啦 嗯"
)
STOPWORDS = frozenset(_STOPWORDS.split())


# A query word that describes the matter rather than names it (``analysis.is_descriptive``: an
# adjective or adverb, 难, 乱; a negated word, 不够, 不到) adds nothing to how many of the query's
# words a document matches, only its text relevance: residents describe with other words than
# texts do (经费不够 where the text says 经费紧缺 or 经费缺乏), so when no document holds every
# word, one holding the words that name the matter (乡镇人大, 经费) ranks above one that shares
# the description (联系选民不够) and one of them. Documents with every word still come first.
LIGHT = 0.0

# Longest run of characters read as a mistyped term (述职评意 -> 述职评议).
TYPO_MAX_CHARS = 6
# Shortest run read through a fuzzy sound (``fuzzy_sound``): two-character runs must sound
# exactly like the term, since many two-character terms sound alike once fuzzed.
FUZZY_MIN_CHARS = 3
# Initials and finals that many residents do not tell apart when they type pinyin (the
# "fuzzy pinyin" of Chinese input methods: zh/z, ch/c, sh/s, n/l, ang/an, eng/en, ing/in).
_FUZZY_INITIALS = (("zh", "z"), ("ch", "c"), ("sh", "s"), ("l", "n"))
_FUZZY_FINALS = (("ang", "an"), ("eng", "en"), ("ing", "in"))


def fuzzy_sound(syllable: str) -> str:
    """A toneless syllable with the initials and finals that input methods confuse merged
    (zhan -> zan, lian -> nian, ming -> min): two syllables a resident may type for one
    another have one fuzzy sound."""
    for initial, merged in _FUZZY_INITIALS:
        if syllable.startswith(initial):
            syllable = merged + syllable[len(initial) :]
            break
    for final, merged in _FUZZY_FINALS:
        if syllable.endswith(final):
            return syllable[: -len(final)] + merged
    return syllable


@functools.lru_cache(maxsize=16)
def _sound_index(vocabulary: tuple[str, ...]) -> tuple[dict[str, str], dict[str, str]]:
    """Toneless pinyin -> term, and fuzzy pinyin (``fuzzy_sound``) -> term, for the terms of two
    to ``TYPO_MAX_CHARS`` Chinese characters. A fuzzy sound shared by two terms is dropped (it
    reads as neither)."""
    exact: dict[str, str] = {}
    fuzzy: dict[str, str | None] = {}
    for term in vocabulary:
        if 2 <= len(term) <= TYPO_MAX_CHARS and han_runs(term) == [term]:
            sounds = syllables(term)
            exact.setdefault(" ".join(sounds), term)
            if len(term) >= FUZZY_MIN_CHARS:
                key = " ".join(map(fuzzy_sound, sounds))
                fuzzy[key] = term if fuzzy.get(key, term) == term else None
    return exact, {key: term for key, term in fuzzy.items() if term}


def _breaks_word(run: str, start: int, term: str) -> bool:
    """True if putting ``term`` in place of ``run[start:start + len(term)]`` would change a
    character of a word the dictionaries know that crosses an edge of that piece: the piece then
    belongs to two words and is no mistyped term (in 老年人权益保障法, 益保 sounds like 医保, but
    医 would break 权益). A crossing word whose characters stay is fine (人大代表 in
    人大代表连络站 -> 人大代表联络站)."""
    end = start + len(term)
    for edge in (start, end):
        if not 0 < edge < len(run):
            continue
        for left in range(max(0, edge - TYPO_MAX_CHARS + 1), edge):
            for right in range(edge + 1, min(len(run), left + TYPO_MAX_CHARS) + 1):
                inside = range(max(left, start), min(right, end))
                changed = any(run[k] != term[k - start] for k in inside)
                if changed and is_word(run[left:right]):
                    return True
    return False


def correct_typos(query: str, vocabulary) -> str:
    """The query with mistyped terms of the domain read as meant: residents type pinyin and pick
    a wrong homophone (人大代表连络站, 述职评意, 代表约放), or a near one their input method
    offers for a syllable they do not tell apart (联络赞 for 联络站: zh/z; 年络站: n/l).

    A run of characters that no dictionary knows as a word but that sounds like a term of
    ``vocabulary`` (the domain dictionary and the synonym table) is replaced by that term;
    longest runs first, exact sounds before fuzzy ones (``fuzzy_sound``, runs of
    ``FUZZY_MIN_CHARS`` or more). Known words are never replaced, so a correct query comes
    back unchanged, and neither is a piece whose change would break a known word
    (``_breaks_word``)."""
    text = normalize(query)
    exact, fuzzy = _sound_index(tuple(sorted(set(vocabulary))))
    for run in han_runs(text):
        sounds = syllables(run)
        if len(sounds) != len(run):
            continue
        fixed, i = [], 0
        while i < len(run):
            for size in range(min(TYPO_MAX_CHARS, len(run) - i), 1, -1):
                piece = run[i : i + size]
                heard = sounds[i : i + size]
                term = exact.get(" ".join(heard))
                if term is None and size >= FUZZY_MIN_CHARS:
                    term = fuzzy.get(" ".join(map(fuzzy_sound, heard)))
                if term and term != piece and not is_word(piece) and not _breaks_word(run, i, term):
                    fixed.append(term)
                    i += size
                    break
            else:
                fixed.append(run[i])
                i += 1
        text = text.replace(run, "".join(fixed), 1)
    return text


def make_plan(query: str, synonyms: dict | None = None) -> QueryPlan:
    """The plan for a query; ``synonyms`` defaults to the editors' current table."""
    from .synonyms import current_table, expand

    table = current_table() if synonyms is None else synonyms
    vocabulary = [*domain_words(), *("".join(term) for term in table)]
    query = correct_typos(query, vocabulary)
    words = query_tokens(query)
    content = [word for word in words if word not in STOPWORDS]
    words = content or words
    groups = []
    for unit in expand(words, table):
        alternatives = [
            Alternative(term, 1.0 if i == 0 else SYNONYM_WEIGHT) for i, term in enumerate(unit)
        ]
        parts = split_compound(unit[0])
        if parts and all(parts != term for term in unit):
            alternatives.append(Alternative(parts, SPLIT_WEIGHT))
        head = head_word(unit[0])
        if head and all(head != term for term in unit):
            alternatives.append(Alternative(head, HEAD_WEIGHT))
        alternatives.extend(character_fallback(unit[0]))
        light = len(unit) == 1 and len(unit[0]) == 1 and is_descriptive(unit[0][0])
        groups.append(Group(tuple(alternatives), LIGHT if light else 1.0))
    chars = " ".join(char_text(query).split())
    return QueryPlan(groups=groups, chars=chars, runs=query_runs(query, chars))


def query_runs(query: str, chars: str) -> list[tuple[str, ...]]:
    """The parts of a question between its question words (words of two or more characters
    among ``STOPWORDS``: 多久, 怎么, 什么) that hold two or more other words, as runs of
    characters: 工委多久开一次会 -> 开一次会, which 召开一次会议 contains although the
    whole question does not occur. Short function words (会, 的) stay inside the runs; the
    whole query (already a phrase) is not repeated; at most ``NEAR_RUNS``."""
    runs, part = [], []
    for word in [*query_words(query), ""]:
        if word and not (word in STOPWORDS and len(word) > 1):
            part.append(word)
            continue
        if sum(1 for w in part if w not in STOPWORDS) >= 2:
            run = tuple(char_text("".join(part)).split())
            if " ".join(run) != chars and run not in runs:
                runs.append(run)
        part = []
    # A question says it cannot (找不到代表) where the text says it can (找得到代表): the
    # positive form of a negated result (``POTENTIAL_RE``) is a run too, before the others.
    positive = [positive_form(run) for run in runs or [tuple(chars.split())]]
    runs = [*dict.fromkeys(run for run in positive if run), *runs]
    return runs[:NEAR_RUNS]


def positive_form(run: tuple[str, ...]) -> tuple[str, ...] | None:
    """The run of characters with its negated results made positive (找不到 -> 找得到;
    ``POTENTIAL_COMPLEMENTS``), or None if it has none. A question of the form 好不好 is
    not one."""
    text = "".join(run)
    found = [
        m.start() for m in POTENTIAL_RE.finditer(text) if text[m.start() - 1] != text[m.start() + 1]
    ]
    if not found:
        return None
    chars = list(run)
    for i in found:
        chars[i] = "得"
    return tuple(chars)


# A verb with a negated complement of result (找不到, 联系不上, 看不见): texts say what can be
# done with the positive form (找得到, 联系得上). 不 between a verb and one of these
# complements; the verb is any Chinese character (不 after 不 or 得 excluded).
POTENTIAL_COMPLEMENTS = "到上了见着起动出完清懂开下住成好"
POTENTIAL_RE = re.compile(f"(?<=[\u4e00-\u9fff])(?<![不得])不(?=[{POTENTIAL_COMPLEMENTS}])")


def split_compound(term: tuple[str, ...]) -> tuple[str, ...] | None:
    """A one-word term of four or more Chinese characters as two dictionary words of two or
    more characters each (履职积分 -> 履职 积分), or None. Three-character words (联络站) stay
    whole: their parts alone (联络 + 站) say too little."""
    if len(term) != 1 or len(term[0]) < 4 or han_runs(term[0]) != [term[0]]:
        return None
    word = term[0]
    for cut in range(2, len(word) - 1):
        if is_word(word[:cut]) and is_word(word[cut:]):
            return (word[:cut], word[cut:])
    return None


def head_word(term: tuple[str, ...]) -> tuple[str, ...] | None:
    """The head of a one-word compound of four or more Chinese characters: its longest ending
    of two or more characters that is a dictionary word of its own (人大代表 -> 代表,
    乡镇人大主席团 -> 人大主席团), or None. Texts often say the head alone (组织代表向选民述职)."""
    if len(term) != 1 or len(term[0]) < 4 or han_runs(term[0]) != [term[0]]:
        return None
    word = term[0]
    for start in range(1, len(word) - 1):
        if is_word(word[start:]):
            return (word[start:],)
    return None


def _char_runs(group: Group) -> list[tuple[str, ...]]:
    """The alternatives of a group as runs of character-level tokens (no duplicates)."""
    runs = (tuple(char_text("".join(a.tokens)).split()) for a in group.alternatives)
    return [run for run in dict.fromkeys(runs) if run]


def character_fallback(term: tuple[str, ...]) -> list[Alternative]:
    """Character-level alternatives of a one-word term of Chinese characters that word matching
    would miss: a verb of one character also inside longer words (开 in 召开, not the 道 of
    跑步道 in 绿道); a word the dictionaries
    do not know (the segmenter's guess, which texts may have been cut differently) as a run of
    characters, and through its verbs of one character (开才 -> 开). Known words of two or more
    characters have none: their matches are the words themselves."""
    if len(term) != 1 or han_runs(term[0]) != [term[0]]:
        return []
    word = term[0]
    if len(word) == 1:
        return [Alternative((word,), CHAR_WEIGHT, chars=True)] if is_verb(word) else []
    if is_word(word):
        return []
    pieces = [
        Alternative((char,), PIECE_WEIGHT, chars=True)
        for char in dict.fromkeys(word)
        if is_verb(char)
    ]
    return [Alternative(tuple(word), RUN_WEIGHT, chars=True), *pieces]
