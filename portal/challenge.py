"""An accessible challenge for residents' forms, asked only when a rate limit trips.

Over a form's per-address limit (e.g. RATE_LIMIT_VOICES) the form comes back with what was typed
and a small sum written in words (七加五等于几？): plain text that screen readers read aloud and
anyone can answer — no image, no puzzle, no third-party service, nothing asked of people who stay
under the limit. The question travels signed, with its answer and the token of the form it was
asked for, so one answer serves one form (and a replayed form makes no second submission: form
tokens are idempotent). A right answer lets the post through while the address stays under the
group's ceiling `<group>_challenged` (portal/ratelimit.py); above it, only waiting helps."""

import secrets
from dataclasses import dataclass

from django.core import signing
from django.utils.translation import gettext as _

SALT = "portal.challenge"
MAX_AGE = 3600
NUMERALS = "零一二三四五六七八九"
ASCII_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


@dataclass(frozen=True)
class Challenge:
    question: str
    signed: str


def ask(form_token: str) -> Challenge:
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    question = _("请回答：%(a)s加%(b)s等于几？") % {"a": NUMERALS[a], "b": NUMERALS[b]}
    return Challenge(question, signing.dumps({"sum": a + b, "t": form_token}, salt=SALT))


def answered(data) -> bool:
    """Whether the post carries an answer to a challenge (right or wrong)."""
    return bool(data.get("challenge") and (data.get("challenge_answer") or "").strip())


def solved(data, form_token: str) -> bool:
    """Whether `data` (a POST) answers, rightly, a challenge asked for the form `form_token`."""
    try:
        payload = signing.loads(data.get("challenge", ""), salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return False
    answer = (data.get("challenge_answer") or "").strip().translate(ASCII_DIGITS)
    return bool(form_token) and payload.get("t") == form_token and answer == str(payload["sum"])


def refusal_message(data, retry_after: int, may_challenge: bool) -> str:
    """What the resident reads over the limit (their text is kept in every case)."""
    if not may_challenge:
        minutes = max(1, retry_after // 60)
        return _("提交过于频繁，请 %(minutes)s 分钟后再试（您填写的内容已保留）。") % {
            "minutes": minutes
        }
    if answered(data):
        return _("问题回答不正确，请重新回答后再提交（您填写的内容已保留）。")
    return _(
        "提交过于频繁。为确认是您本人操作，请回答页面下方的问题后再次提交（您填写的内容已保留）。"
    )
