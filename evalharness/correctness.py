"""`answer_correct`: does the answer state the reference's key facts? Pure functions, no model.

Why not token overlap: on real answers (issue 12) the lexical rule (reference contained, or content-word F1 > 0.5
with its numbers) disagreed with people on answers such as "EUR 50 per month" vs "€50/month", a guard answer that
quotes the right passage sentence (long, so its F1 against a short reference is low), or a long answer that
repeats itself. A person asks one thing: are the reference's key facts in the answer? So:

1. both texts are normalised for facts: number words -> digits, thousands separators and ".00" dropped, currency
   symbols and names -> one code (EUR/USD/GBP), "/month", "a month", "each month" -> "per month", "%" -> percent;
2. the key facts of the reference are its numbers (all must be in the answer) and its content words (light
   stemming); the answer is correct when it contains the normalised reference, or when it has all the numbers
   and at least `MIN_RECALL` of the content words, and a yes/no reference's polarity matches the answer's;
3. a refusal is never correct.

Precision is deliberately not required: extra true detail is fine by the labelling rules (docs/labelling.md), and
a wrong extra number cannot be told from a true one without reading the passages. `MIN_RECALL` was chosen on the
calibration half of the hand-labelled answers (bench/data/verifier-labels.jsonl) by `bench/bench_verifier.py
--fit`, and the agreement is reported on the held-out half (BENCHMARKS.md).
"""

from __future__ import annotations

import re

from qacore.claims import strip_citations
from qacore.prompting import is_refusal
from qacore.support import _NUMBER_WORDS, STOPWORDS

MIN_RECALL = 0.6  # share of the reference's content words the answer must contain (chosen on the calibration half)

_UNITS = r"(day|week|month|year|hour|night|person|employee|trip|pay period)"
_REPLACEMENTS = [
    (re.compile(r"€\s*"), " eur "), (re.compile(r"\$\s*"), " usd "), (re.compile(r"£\s*"), " gbp "),
    (re.compile(r"\b(euros?)\b"), " eur "), (re.compile(r"\b(dollars?|us\$)\b"), " usd "),
    (re.compile(r"\b(pounds? sterling|pounds?)\b"), " gbp "),
    (re.compile(r"%"), " percent "), (re.compile(r"\bper ?cent\b"), " percent "),
    (re.compile(rf"\s*/\s*{_UNITS}\b"), r" per \1 "), (re.compile(rf"\b(?:a|an|each|every)\s+{_UNITS}\b"), r" per \1 "),
    (re.compile(r"\bmonthly\b"), " per month "), (re.compile(r"\bweekly\b"), " per week "),
    (re.compile(r"(?<=\d),(?=\d{3}\b)"), ""), (re.compile(r"(?<=\d)\.00\b"), ""),
]
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_WORD = re.compile(r"[a-z]+|\d+(?:\.\d+)?")
_YES_NO = re.compile(r"^\W*(yes|no)\b")


def normalize_facts(text: str) -> str:
    text = strip_citations(text or "").lower().replace("\u2019", "'")
    for pattern, repl in _REPLACEMENTS:
        text = pattern.sub(repl, text)
    words = [_NUMBER_WORDS.get(w, w) for w in _WORD.findall(text)]
    return " ".join(words)


def _stem(word: str) -> str:
    for suffix in ("ations", "ation", "ies", "es", "s", "ing", "ed", "al", "ly", "e"):  # one suffix, longest first
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def key_facts(text: str) -> tuple[set[str], set[str]]:
    """(numbers, stemmed content words) of a normalised text."""
    words = normalize_facts(text).split()
    numbers = {w for w in words if _NUMBER.fullmatch(w)}
    content = {_stem(w) for w in words if w not in STOPWORDS and len(w) > 1 and not _NUMBER.fullmatch(w)}
    return numbers, content - {"yes", "no"}


def fact_recall(answer: str, reference: str) -> float:
    """Share of the reference's content words (stemmed) that the answer contains; 1.0 when it has none."""
    _, ref_words = key_facts(reference)
    _, ans_words = key_facts(answer)
    return len(ref_words & ans_words) / len(ref_words) if ref_words else 1.0


def is_correct(answer: str, reference: str, min_recall: float = MIN_RECALL) -> bool:
    if not answer or not answer.strip() or is_refusal(answer):
        return False
    norm_answer, norm_reference = normalize_facts(answer), normalize_facts(reference)
    if not norm_reference:
        return False
    if re.search(rf"(?<!\S){re.escape(norm_reference)}(?!\S)", norm_answer):
        return True
    ref_numbers, _ = key_facts(reference)
    ans_numbers, _ = key_facts(answer)
    if not ref_numbers <= ans_numbers:
        return False
    ref_polarity, ans_polarity = _YES_NO.match(norm_reference), _YES_NO.match(norm_answer)
    if ref_polarity and ans_polarity and ref_polarity.group(1) != ans_polarity.group(1):
        return False
    return fact_recall(answer, reference) >= min_recall
