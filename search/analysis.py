"""Text analysis shared by every search backend (Elasticsearch and the embedded one).

Indexed text and queries go through the same pipeline, so that they meet on the same tokens:

1. ``normalize``: Unicode NFKC (full-width ASCII and the ideographic space become half-width),
   Traditional -> Simplified Chinese with OpenCC, case folding, whitespace collapsing; pinyin
   glosses after characters (聯(lián)組 -> 联组) dropped.
2. ``tokens``: jieba segmentation in search mode with the domain dictionary in
   ``search/dictionary/domain.txt``; whitespace and punctuation-only tokens are dropped.
   The segmenter is rjieba, the Python binding of jieba-rs: the same algorithm, default
   dictionary and HMM as the pure-Python jieba, about thirty times faster (a test checks that
   both cut the seed documents identically). Segmentation was most of a rebuild's time.
3. ``analyze``: the tokens joined by single spaces, ready for a whitespace analyzer (Elasticsearch)
   or a pre-segmented full-text column (SQLite FTS5 / PostgreSQL).

``name_variants`` adds pinyin spellings of delegate and station names (张子平 -> zhangziping, zzp).

This module has no Django imports, so it can be used (and tested) on its own.
"""

from __future__ import annotations

import functools
import re
import threading
import unicodedata
from pathlib import Path

import opencc
import rjieba
from pypinyin import Style, lazy_pinyin

__all__ = [
    "DICTIONARY_PATH",
    "analyze",
    "char_text",
    "domain_words",
    "generic_words",
    "han_runs",
    "is_descriptive",
    "is_verb",
    "is_word",
    "name_variants",
    "normalize",
    "query_tokens",
    "query_words",
    "syllables",
    "tokens",
]

DICTIONARY_PATH = Path(__file__).resolve().parent / "dictionary" / "domain.txt"
GENERIC_PATH = Path(__file__).resolve().parent / "dictionary" / "generic.txt"

_WHITESPACE_RE = re.compile(r"\s+")
_ALNUM_RUN_RE = re.compile(r"[^\W_]+")
# How jieba splits runs without Chinese characters (its ``finalseg`` skip pattern): 2017-03-03 ->
# 2017 / - / 03 / - / 03, 17.5% stays whole. jieba-rs keeps such runs in one piece.
_LATIN_RUN_RE = re.compile(r"[a-zA-Z0-9]+(?:\.\d+)?%?|[^a-zA-Z0-9]")
_HAN = "\u3400-\u9fff\uf900-\ufaff"
_HAN_RE = re.compile(f"[{_HAN}]")
# A character-level token: one ideograph, or a run of other letters and digits.
_CHAR_TOKEN_RE = re.compile(f"[{_HAN}]|(?:(?![{_HAN}])[^\\W_])+")
# A pinyin reading glossed after a character, as text copied from annotated web pages carries it
# (聯(lián)組, 區(qū)): the gloss splits the word, so it is dropped before matching. Only a single
# lower-case syllable with a tone mark counts, so that 世界贸易组织(WTO) keeps its letters.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹ"
_PINYIN_GLOSS_RE = re.compile(
    f"(?<=[{_HAN}])\\((?=[a-zü{_TONED}]*[{_TONED}])[a-zü{_TONED}]{{1,6}}\\)"
)

_lock = threading.Lock()
_converter: opencc.OpenCC | None = None
_tokenizer: rjieba.Jieba | None = None


def load_domain_dictionary(tokenizer, path: Path = DICTIONARY_PATH) -> None:
    """Add ``word [freq] [tag]`` lines to a jieba-compatible tokenizer (``add_word``), skipping
    blank lines and ``#`` comments."""
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        word, *rest = line.split()
        freq = int(rest[0]) if rest else None
        tag = rest[1] if len(rest) > 1 else None
        tokenizer.add_word(word, freq, tag)


def _init() -> tuple[opencc.OpenCC, rjieba.Jieba]:
    """Build the converter and the tokenizer once per process (thread-safe)."""
    global _converter, _tokenizer
    if _converter is None or _tokenizer is None:
        with _lock:
            if _converter is None or _tokenizer is None:
                tokenizer = rjieba.Jieba()  # a private instance, not rjieba's global one
                load_domain_dictionary(tokenizer)
                _converter = opencc.OpenCC("t2s")
                _tokenizer = tokenizer
    return _converter, _tokenizer


def _fold(text: str) -> str:
    """NFKC (full-width -> half-width, U+3000 -> space), case-fold and collapse whitespace."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return _WHITESPACE_RE.sub(" ", text).strip()


def normalize(text: str) -> str:
    """Normalise text for matching: half-width, Simplified Chinese, case-folded, single spaces."""
    if not text:
        return ""
    converter, _ = _init()
    # Fold first, so that NFKC unifies compatibility ideographs before OpenCC looks them up.
    return converter.convert(_PINYIN_GLOSS_RE.sub("", _fold(text)))


def _words(word: str) -> tuple[str, ...]:
    """A word of rjieba's precise mode as jieba would give it: runs without Chinese characters
    split as jieba does, spaces and punctuation dropped."""
    if len(word) > 1 and not _HAN_RE.search(word):
        return tuple(w for w in _LATIN_RUN_RE.findall(word) if _is_word(w))
    return (word,) if _is_word(word) else ()


def _is_word(token: str) -> bool:
    """True if the token has a letter, digit or ideograph (drops spaces and punctuation)."""
    return any(ch.isalnum() for ch in token)


# Texts repeat a small vocabulary, so the expansion of a segmenter word is cached per process
# (the tokenizer and its dictionary never change once built). Bounded: a word is at most a
# sentence's worth of characters and the cache is cleared when it grows past the limit.
_EXPANSIONS: dict[tuple[str, bool], tuple[str, ...]] = {}
_EXPANSIONS_LIMIT = 200_000


def _expand(tokenizer: rjieba.Jieba, word: str, search_mode: bool) -> tuple[str, ...]:
    """The tokens of one segmenter word: jieba's precise-mode words, and in search mode each
    preceded by its dictionary sub-words of every length.

    ``Tokenizer.cut_for_search`` emits a word's sub-words of two and three characters before
    the word itself; this does the same for all lengths, so that 人大代表联络站 also yields
    人大代表 and 代表联络站 (four and five characters), not only 人大 / 联络站.
    """
    key = (word, search_mode)
    cached = _EXPANSIONS.get(key)
    if cached is not None:
        return cached
    out = []
    for whole in _words(word):
        if search_mode:
            for size in range(2, len(whole)):
                for start in range(len(whole) - size + 1):
                    sub = whole[start : start + size]
                    if tokenizer.has_word(sub) and _is_word(sub):
                        out.append(sub)
        out.append(whole)
    if len(_EXPANSIONS) >= _EXPANSIONS_LIMIT:
        _EXPANSIONS.clear()
    _EXPANSIONS[key] = result = tuple(out)
    return result


def _segment(text: str, search_mode: bool) -> list[str]:
    normalized = normalize(text)
    if not normalized:
        return []
    _, tokenizer = _init()
    return [
        token
        for word in tokenizer.cut(normalized, True)
        for token in _expand(tokenizer, word, search_mode)
    ]


def tokens(text: str) -> list[str]:
    """Normalise and segment text into search tokens (search mode: words plus their sub-words)."""
    return _segment(text, search_mode=True)


def analyze(text: str) -> str:
    """Space-separated tokens: the form stored in the index and used for queries."""
    return " ".join(tokens(text))


def query_tokens(text: str) -> list[str]:
    """The words of a query: the same normalisation and dictionary, precise mode, no duplicates.

    Indexed text is segmented in search mode (every word plus its dictionary sub-words), so each
    precise-mode word of a query is among the tokens of any text that contains the same words;
    requiring all of them is therefore an AND over words, whatever their length.
    """
    return list(dict.fromkeys(_segment(text, search_mode=False)))


def query_words(text: str) -> list[str]:
    """The precise-mode words of a query in order, repeats kept (see ``query_tokens``)."""
    return _segment(text, search_mode=False)


@functools.lru_cache(maxsize=1)
def domain_words(path: Path = DICTIONARY_PATH) -> tuple[str, ...]:
    """The words of the domain dictionary (``search/dictionary/domain.txt``), read once."""
    words = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.append(normalize(line.split()[0]))
    return tuple(words)


@functools.lru_cache(maxsize=1)
def generic_words(path: Path = GENERIC_PATH) -> frozenset[str]:
    """Words that name a kind of page rather than one page (``search/dictionary/generic.txt``:
    联络站, 人大代表, 接访安排): on their own they name no template page (``search.plan``)."""
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.add(normalize(line.split()[0]))
    return frozenset(words)


def is_word(text: str) -> bool:
    """True if the segmenter's dictionaries (jieba's and the domain one) know ``text``."""
    _, tokenizer = _init()
    return bool(text) and tokenizer.has_word(text)


@functools.lru_cache(maxsize=4096)
def is_verb(word: str) -> bool:
    """True if the segmenter's dictionary tags ``word`` (alone) as a verb (开, 办, 查)."""
    _, tokenizer = _init()
    tagged = tokenizer.tag(word) if word else []
    return len(tagged) == 1 and tagged[0][1].startswith("v")


# Tags of jieba's dictionary for words that describe (adjectives, adverbs: 难, 乱, 紧缺, 很).
_DESCRIPTIVE_TAGS = ("a", "d")


@functools.lru_cache(maxsize=4096)
def is_descriptive(word: str) -> bool:
    """True if ``word`` (alone) describes a matter rather than names it: the dictionary tags it
    as an adjective or adverb (难, 乱, 紧缺), or it is a negated verb, adjective or adverb
    (不够, 不到; not the noun 不动产). Words of the domain dictionary always name something."""
    if not word or not _HAN_RE.match(word) or word in domain_words():
        return False
    _, tokenizer = _init()
    tagged = tokenizer.tag(word)
    if len(tagged) != 1:
        return False
    tag = tagged[0][1]
    if tag in _DESCRIPTIVE_TAGS:
        return True
    return len(word) > 1 and word[0] == "不" and tag[:1] in ("v", "a", "d")


def han_runs(text: str) -> list[str]:
    """The runs of Chinese characters of normalised text."""
    return re.findall(f"[{_HAN}]+", text)


def char_text(text: str) -> str:
    """Character-level form: normalised text with every ideograph a token of its own.

    This mirrors what Elasticsearch's ``standard`` analyzer does to Chinese (one token per
    character, letter/digit runs kept whole), so that the embedded backend's character-level
    safety net matches the same phrases as the ``.chars`` sub-fields in Elasticsearch.
    """
    return " ".join(_CHAR_TOKEN_RE.findall(normalize(text)))


# Surnames read differently as surnames (曾学军 is Zeng Xuejun, not Ceng). Compound surnames
# first; Traditional forms too, since names are read without conversion.
COMPOUND_SURNAMES = {
    "尉迟": ["yu", "chi"],
    "万俟": ["mo", "qi"],
    "萬俟": ["mo", "qi"],
    "长孙": ["zhang", "sun"],
    "長孫": ["zhang", "sun"],
    "单于": ["chan", "yu"],
    "單于": ["chan", "yu"],
    "澹台": ["tan", "tai"],
    "令狐": ["ling", "hu"],
    "欧阳": ["ou", "yang"],
    "歐陽": ["ou", "yang"],
    "上官": ["shang", "guan"],
    "皇甫": ["huang", "fu"],
    "诸葛": ["zhu", "ge"],
    "諸葛": ["zhu", "ge"],
    "夏侯": ["xia", "hou"],
    "公孙": ["gong", "sun"],
    "公孫": ["gong", "sun"],
    "宇文": ["yu", "wen"],
    "慕容": ["mu", "rong"],
    "司马": ["si", "ma"],
    "司馬": ["si", "ma"],
    "东方": ["dong", "fang"],
    "東方": ["dong", "fang"],
    "呼延": ["hu", "yan"],
    "赫连": ["he", "lian"],
    "赫連": ["he", "lian"],
    "闻人": ["wen", "ren"],
    "聞人": ["wen", "ren"],
}
SURNAMES = {
    "曾": "zeng",
    "单": "shan",
    "單": "shan",
    "解": "xie",
    "仇": "qiu",
    "区": "ou",
    "區": "ou",
    "查": "zha",
    "朴": "piao",
    "樸": "piao",
    "盖": "ge",
    "蓋": "ge",
    "覃": "qin",
    "尉": "wei",
    "长": "chang",
    "長": "chang",
    "乐": "yue",
    "樂": "yue",
    "秘": "bi",
    "种": "chong",
    "種": "chong",
    "繁": "po",
    "缪": "miao",
    "繆": "miao",
    "翟": "zhai",
    "贲": "ben",
    "召": "shao",
    "折": "she",
    "员": "yun",
    "員": "yun",
    "阚": "kan",
    "黑": "he",
    "薄": "bo",
    "牟": "mou",
    "句": "gou",
    "能": "nai",
    "都": "du",
    "重": "chong",
    "柏": "bai",
    "藏": "zang",
    "沈": "shen",
    "宁": "ning",
    "寧": "ning",
    "莘": "shen",
    "隗": "wei",
    "逄": "pang",
    "郇": "huan",
    "洗": "xian",
    "冼": "xian",
    "颉": "xie",
    "纪": "ji",
    "紀": "ji",
    "华": "hua",
    "華": "hua",
    "任": "ren",
    "行": "xing",
    "朝": "chao",
    "过": "guo",
    "過": "guo",
    "雍": "yong",
    "褚": "chu",
    "钭": "tou",
    "要": "yao",
}
PERSONAL_NAME_MAX = 4  # characters; longer names (stations, units) are not read as persons


def syllables(text: str) -> list[str]:
    """Pinyin syllables without tones; runs of other letters/digits kept as words."""
    out: list[str] = []
    for item in lazy_pinyin(text, style=Style.NORMAL, errors="default"):
        # Chinese characters come back one syllable each; other runs come back unchanged
        # and are split into words (letters/digits), punctuation being dropped.
        out.extend(_ALNUM_RUN_RE.findall(item))
    return out


def name_syllables(name: str, person: bool = True) -> list[str]:
    """The pinyin of a name, its surname read as a surname (曾学军 -> zeng xue jun, 尉迟恭 ->
    yu chi gong, 单田芳 -> shan tian fang). With ``person=False`` (or a name longer than a
    personal name) pypinyin's ordinary reading. The one reading used by the search index and
    the directory's sort order (``delegates.models.delegate.pinyin_key``)."""
    name = _fold(name)
    if person and 0 < len(name) <= PERSONAL_NAME_MAX:
        compound = COMPOUND_SURNAMES.get(name[:2])
        if compound and len(name) > 2:
            return [*compound, *syllables(name[2:])]
        surname = SURNAMES.get(name[0])
        if surname and len(name) > 1:
            return [surname, *syllables(name[1:])]
    return syllables(name)


def _spellings(syllables: list[str]) -> list[str]:
    if not syllables:
        return []
    full = "".join(syllables)
    initials = "".join(s if s.isdigit() else s[0] for s in syllables)
    return [full, initials]


def name_variants(name: str) -> list[str]:
    """Pinyin spellings of a personal or station name: full pinyin and initials, without tones.

    张子平 -> ["zhangziping", "zzp"]; non-Chinese parts are kept as words (张Tom -> zhangtom, zt;
    John Smith -> johnsmith, js). Characters are not converted to Simplified first: pypinyin
    reads Traditional characters directly, and conversion could change a name's reading.
    A name as short as a personal name whose surname reads differently as a surname gets both
    readings, the surname one first (曾学军 -> zengxuejun, zxj, cengxuejun, cxj): a place name
    (长兴镇) keeps its ordinary reading too.
    """
    person = _spellings(name_syllables(name, person=True))
    ordinary = _spellings(name_syllables(name, person=False))
    return list(dict.fromkeys([*person, *ordinary]))
