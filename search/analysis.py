"""Text analysis shared by every search backend (Elasticsearch and the embedded one).

Indexed text and queries go through the same pipeline, so that they meet on the same tokens:

1. ``normalize``: Unicode NFKC (full-width ASCII and the ideographic space become half-width),
   Traditional -> Simplified Chinese with OpenCC, case folding, whitespace collapsing.
2. ``tokens``: jieba segmentation in search mode with the domain dictionary in
   ``search/dictionary/domain.txt``; whitespace and punctuation-only tokens are dropped.
3. ``analyze``: the tokens joined by single spaces, ready for a whitespace analyzer (Elasticsearch)
   or a pre-segmented full-text column (SQLite FTS5 / PostgreSQL).

``name_variants`` adds pinyin spellings of delegate and station names (张子平 -> zhangziping, zzp).

This module has no Django imports, so it can be used (and tested) on its own.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
import threading
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import jieba
import opencc
from pypinyin import Style, lazy_pinyin

__all__ = [
    "DICTIONARY_PATH",
    "analyze",
    "char_text",
    "name_variants",
    "normalize",
    "query_tokens",
    "tokens",
]

DICTIONARY_PATH = Path(__file__).resolve().parent / "dictionary" / "domain.txt"

_WHITESPACE_RE = re.compile(r"\s+")
_ALNUM_RUN_RE = re.compile(r"[^\W_]+")

_lock = threading.Lock()
_converter: opencc.OpenCC | None = None
_tokenizer: jieba.Tokenizer | None = None


def _cache_dir() -> str:
    """Directory for jieba's prefix-dictionary cache: outside the repository, always writable."""
    base = os.environ.get("PORTAL_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "portal"
    )
    path = os.path.join(base, "jieba")
    try:
        os.makedirs(path, exist_ok=True)
    except OSError:
        return tempfile.gettempdir()
    return path if os.access(path, os.W_OK) else tempfile.gettempdir()


def _load_domain_dictionary(tokenizer: jieba.Tokenizer, path: Path) -> None:
    """Add ``word [freq] [tag]`` lines to the tokenizer, skipping blank lines and ``#`` comments."""
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        word, *rest = line.split()
        freq = int(rest[0]) if rest else None
        tag = rest[1] if len(rest) > 1 else None
        tokenizer.add_word(word, freq, tag)


def _init() -> tuple[opencc.OpenCC, jieba.Tokenizer]:
    """Build the converter and the tokenizer once per process (thread-safe)."""
    global _converter, _tokenizer
    if _converter is None or _tokenizer is None:
        with _lock:
            if _converter is None or _tokenizer is None:
                jieba.setLogLevel(logging.WARNING)  # silence "Building prefix dict ..." chatter
                tokenizer = jieba.Tokenizer()  # a private instance, not jieba's global one
                tokenizer.tmp_dir = _cache_dir()
                tokenizer.initialize()
                _load_domain_dictionary(tokenizer, DICTIONARY_PATH)
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
    return converter.convert(_fold(text))


def _search_cut(tokenizer: jieba.Tokenizer, text: str) -> Iterator[str]:
    """jieba search mode, generalised to sub-words of every length.

    ``Tokenizer.cut_for_search`` emits a word's dictionary sub-words of two and three characters
    before the word itself; this does the same for all lengths, so that 人大代表联络站 also yields
    人大代表 and 代表联络站 (four and five characters), not only 人大 / 联络站.
    """
    for word in tokenizer.cut(text, HMM=True):
        for size in range(2, len(word)):
            for start in range(len(word) - size + 1):
                sub = word[start : start + size]
                if tokenizer.FREQ.get(sub):  # prefixes of words are stored with frequency 0
                    yield sub
        yield word


def _is_word(token: str) -> bool:
    """True if the token has a letter, digit or ideograph (drops spaces and punctuation)."""
    return any(ch.isalnum() for ch in token)


def tokens(text: str) -> list[str]:
    """Normalise and segment text into search tokens (search mode: words plus their sub-words)."""
    normalized = normalize(text)
    if not normalized:
        return []
    _, tokenizer = _init()
    return [tok for tok in _search_cut(tokenizer, normalized) if _is_word(tok)]


def analyze(text: str) -> str:
    """Space-separated tokens: the form stored in the index and used for queries."""
    return " ".join(tokens(text))


def query_tokens(text: str) -> list[str]:
    """The words of a query: the same normalisation and dictionary, precise mode, no duplicates.

    Indexed text is segmented in search mode (every word plus its dictionary sub-words), so each
    precise-mode word of a query is among the tokens of any text that contains the same words;
    requiring all of them is therefore an AND over words, whatever their length.
    """
    normalized = normalize(text)
    if not normalized:
        return []
    _, tokenizer = _init()
    words = (tok for tok in tokenizer.cut(normalized, HMM=True) if _is_word(tok))
    return list(dict.fromkeys(words))


_CJK_RE = re.compile(r"([\u3400-\u9fff\uf900-\ufaff])")


def char_text(text: str) -> str:
    """Character-level form: normalised text with every ideograph a token of its own.

    This mirrors what Elasticsearch's ``standard`` analyzer does to Chinese (one token per
    character, letter/digit runs kept whole), so that the embedded backend's character-level
    safety net matches the same phrases as the ``.chars`` sub-fields in Elasticsearch.
    """
    spaced = _CJK_RE.sub(r" \1 ", normalize(text))
    return " ".join(_ALNUM_RUN_RE.findall(spaced))


def name_variants(name: str) -> list[str]:
    """Pinyin spellings of a personal or station name: full pinyin and initials, without tones.

    张子平 -> ["zhangziping", "zzp"]; non-Chinese parts are kept as words (张Tom -> zhangtom, zt;
    John Smith -> johnsmith, js). Characters are not converted to Simplified first: pypinyin
    reads Traditional characters directly, and conversion could change a name's reading.
    """
    syllables: list[str] = []
    for item in lazy_pinyin(_fold(name), style=Style.NORMAL, errors="default"):
        # Chinese characters come back one syllable each; other runs come back unchanged
        # and are split into words (letters/digits), punctuation being dropped.
        syllables.extend(_ALNUM_RUN_RE.findall(item))
    if not syllables:
        return []
    full = "".join(syllables)
    initials = "".join(s if s.isdigit() else s[0] for s in syllables)
    return list(dict.fromkeys([full, initials]))
