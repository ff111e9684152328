"""`answer_correct`: does the answer state the reference's key facts? Pure functions, no model.

Why not token overlap: on real answers (issue 12) the lexical rule (reference contained, or content-word F1 > 0.5
with its numbers) disagreed with people on answers such as "EUR 50 per month" vs "€50/month", a guard answer that
quotes the right passage sentence (long, so its F1 against a short reference is low), or a long answer that
repeats itself. A person asks one thing: are the reference's key facts in the answer? So:

1. both texts are normalised for facts: number words -> digits, thousands separators and ".00" dropped, currency
   symbols and names -> one code (EUR/USD/GBP), "/month", "a month", "each month" -> "per month", "%" -> percent;
2. the key facts of the reference: its numbers (all must be in the answer); for a yes/no question, the yes/no
   (the answer's leading Yes/No or negation must match the reference's); else the content words the reference
   adds to the question (light stemming; words the question already has are not facts the answer must state);
3. correct = contains the normalised reference; or has all the numbers and, for a yes/no question, the same
   polarity; then a reference that starts with Yes/No or has a number is satisfied, and any other needs
   `MIN_RECALL` of its added words. A refusal is never correct.

Measured on the hand labels (bench/bench_verifier.py): without the question-aware parts (recall over every
reference word, polarity only for references starting with Yes/No) held-out agreement was 85%, below the lexical
rule's 88%: labellers count "60 days." correct for "Within the first 60 days of work", "No, you cannot delete
messages" for "No, users are prohibited from deleting messages", and a "No, ..." answer to "Are X assigned to
Y?" incorrect when the reference says they are.

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


def fact_recall(answer: str, reference: str, question: str = "") -> float:
    """Share of the reference's content words (stemmed) that the answer contains, leaving out the words the
    question already has (they are not what the answer has to state); 1.0 when nothing is left."""
    _, ref_words = key_facts(reference)
    _, ans_words = key_facts(answer)
    _, q_words = key_facts(question)
    wanted = ref_words - q_words
    return len(wanted & ans_words) / len(wanted) if wanted else 1.0


_AUX_START = re.compile(r"^\W*(is|are|am|was|were|can|could|do|does|did|will|would|should|shall|must|may|might|has|"
                        r"have|had)\b")
_NEGATION = re.compile(r"\b(no|not|never|cannot|can't|don't|doesn't|isn't|aren't|won't|mustn't|shouldn't|none|"
                       r"prohibited|nor)\b")


def polarity(text: str) -> str:
    """"yes" or "no": the leading Yes/No if there is one, else whether the first sentence is negated."""
    norm = normalize_facts(text)
    lead = _YES_NO.match(norm)
    if lead:
        return lead.group(1)
    first = re.split(r"(?<=[.!?])\s", strip_citations(text or "").lower(), maxsplit=1)[0]
    return "no" if _NEGATION.search(first) else "yes"


def is_correct(answer: str, reference: str, question: str = "", min_recall: float = MIN_RECALL) -> bool:
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
    if _AUX_START.match(normalize_facts(question)) or _YES_NO.match(norm_reference):  # a yes/no question
        if polarity(answer) != polarity(reference):
            return False
        if _YES_NO.match(norm_reference):  # "No, ..." / "Yes, if ...": the yes/no is the key fact
            return True
    if ref_numbers:  # "60 days." for "Within the first 60 days of work": the number is the key fact
        return True
    return fact_recall(answer, reference, question) >= min_recall
