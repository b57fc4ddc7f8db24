"""Template text: sentences that many documents repeat (boilerplate), found at index time.

Every station page, every monthly notice of one kind repeats its template sentences; a query
naming a topic then matches hundreds of pages that mention it in such a sentence, above the one
text that explains it. A sentence (normalised) that occurs in at least ``MIN_DOCUMENTS``
documents and in at least ``SHARE`` of all of them is template text: a document's template
sentences are indexed in a field of their own (``template``), which finds the document but
weighs little and adds none of the ranking tiers (``search.plan``); its own sentences stay in
``body``. Results still show the whole text as published.

The sentences' document counts are kept in a small table (``BoilerplateSentence``, digests
only), refreshed before every rebuild (``search.rebuild``) and by ``search_boilerplate``, and
read when a single document is indexed, so publishing one page and a rebuild split it alike.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter

# A sentence repeated in 20 documents is no accident of wording in a portal of a few hundred
# pages (a station template repeats in all 38 station pages); in a large one it must also be in
# one document in a thousand, so that a phrase a few dozen of 100,000 texts happen to share
# (an official slogan quoted now and then) stays ordinary text.
MIN_DOCUMENTS = 20
SHARE = 0.001
MIN_CHARS = 8  # shorter sentences ("特此通知") say too little to be a template of their own

_SENTENCE_END_RE = re.compile(r"(?<=[。！？；!?;\n])")
_NON_TEXT_RE = re.compile(r"[\W_]+")


def sentences(text: str) -> list[str]:
    """The text cut into sentences (ending punctuation kept), as published."""
    return [s for s in _SENTENCE_END_RE.split(text or "") if s.strip()]


def digest(sentence: str) -> str | None:
    """The key of a sentence in the table: normalised (``search.analysis.normalize``: width,
    Traditional characters, case) without spaces and punctuation; None if too short."""
    from .analysis import normalize

    key = _NON_TEXT_RE.sub("", normalize(sentence))
    if len(key) < MIN_CHARS:
        return None
    return hashlib.blake2b(key.encode(), digest_size=8).hexdigest()


def document_digests(text: str) -> set[str]:
    return {d for d in map(digest, sentences(text)) if d}


def split(text: str, template: frozenset[str] | set[str]) -> tuple[str, str]:
    """(own sentences, template sentences) of a text, each joined in their order."""
    if not template or not text:
        return text, ""
    own, repeated = [], []
    for sentence in sentences(text):
        (repeated if digest(sentence) in template else own).append(sentence)
    return "".join(own), "".join(repeated)


# Stands in the body for each word of its template sentences: the body keeps the length of the
# whole text, so length normalisation (bm25) judges a document's own words as before instead of
# favouring the pages whose text is nearly all template. A letter nobody types (Cyrillic
# multiocular O): every analyser keeps it as a token of its own (the word and the character
# forms alike), no query matches it.
PLACEHOLDER = "\ua66e"
# How much a template word counts in text relevance, against 1 for a word of the body. Both
# backends: bm25 column weight (embedded) and query boost (Elasticsearch).
WEIGHT = 0.5


def placeholders(words: str) -> str:
    """One placeholder per word of analysed (space-separated) text."""
    return " ".join([PLACEHOLDER] * len(words.split()))


def threshold(documents: int) -> int:
    return max(MIN_DOCUMENTS, math.ceil(documents * SHARE))


def body_digests(doc) -> set[str]:
    return document_digests(doc.body)


def refresh(workers: int = 1) -> int:
    """Count the sentences of every document's body, read from the database (in ``workers``
    processes, as a rebuild reads it), and store those that are template text. Returns how
    many."""
    from django.db import transaction

    from .models import BoilerplateSentence
    from .rebuild import iter_built

    counts: Counter = Counter()
    documents = 0
    for digests in iter_built(body_digests, workers, templates=False):
        documents += 1
        counts.update(digests)
    least = threshold(documents)
    rows = [BoilerplateSentence(digest=key, documents=n) for key, n in counts.items() if n >= least]
    with transaction.atomic():
        BoilerplateSentence.objects.all().delete()
        BoilerplateSentence.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def known() -> frozenset[str]:
    """The digests of the template sentences (one small query)."""
    from .models import BoilerplateSentence

    return frozenset(BoilerplateSentence.objects.values_list("digest", flat=True))
