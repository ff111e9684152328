"""Quality gates for candidate Q&A pairs. Each rejection has a reason, and every reason is counted.

Known failure modes of synthetic Q&A that these stop: LLM preambles turned into questions ("Here are two
questions..."), questions that only make sense next to their passage ("What does this section say?"),
near-duplicates, answers the source does not support, and answers that are only redacted placeholders.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from qacore.support import SupportChecker

_PREAMBLE = re.compile(r"^\s*(?:here (?:are|is)|sure\b|certainly\b|of course\b|okay\b|ok,|as an ai\b|i (?:can|will|'ll)\b|"
                       r"(?:question|q)\s*\d*\s*[:.)]|\d+\s*[.)]\s|below (?:are|is)\b|the following)", re.IGNORECASE)
# "this section", "according to the passage", "my authorization listed here": the question needs the page
_DEICTIC = re.compile(r"\b(?:this|that|the above|the following|above|below|given|provided|aforementioned) "
                      r"(?:document|section|text|passage|paragraph|policy|table|page|guide|article|context|excerpt)\b"
                      r"|\baccording to the (?:text|passage|document|context|excerpt)\b"
                      r"|\b(?:listed|shown|described|linked) (?:here|above|below)\b", re.IGNORECASE)
# "What is Cloud.gov?", "What is Trello?": three words, but a name is specific enough (not "What is it?")
_WHAT_IS_A_NAME = re.compile(r"^What (?:is|are) (?!(?:it|this|that|these|those|they|there)\?)(?:[A-Z0-9][\w.&'-]*|"
                             r"[a-z][\w-]*\.[a-z]{2,})\?$")
_PLACEHOLDER = re.compile(r"\[(?:PERSON|EMAIL|PHONE|CARD|IBAN|SSN|SECRET|PRIVATE_KEY)\]")


@dataclass(frozen=True)
class GateLimits:
    min_question_words: int = 4
    max_question_words: int = 40
    max_answer_words: int = 170  # a whole FAQ or procedure section (extractors.SECTION_WORDS)
    duplicate_cosine: float = 0.95


def asks_what_a_name_is(question: str) -> bool:
    """"What is Cloud.gov?", "What is Trello?": under the minimum length, and still specific."""
    return bool(_WHAT_IS_A_NAME.match(question.strip()))


def question_problem(question: str, headings: Sequence[str] = (), limits: GateLimits = GateLimits()) -> str | None:
    """Why a question cannot be used on its own, or None."""
    q = question.strip()
    words = q.split()
    if _PREAMBLE.match(q):
        return "preamble"
    if not q.endswith("?"):
        return "not a question"
    if len(words) < limits.min_question_words and not asks_what_a_name_is(q):
        return "question too short"
    if len(words) > limits.max_question_words:
        return "question too long"
    if _DEICTIC.search(q):
        return "not self-contained"
    if q.count("(") != q.count(")") or q.count("[") != q.count("]"):
        return "unbalanced brackets"  # "... say about Administration)?": a term cut out of a parenthetical
    if any(q.rstrip("?").strip().lower() == h.strip().rstrip("?").lower() for h in headings if not h.endswith("?")):
        return "copy of a heading"
    return None


def answer_problem(answer: str, limits: GateLimits = GateLimits()) -> str | None:
    a = answer.strip()
    if not a:
        return "empty answer"
    if len(a.split()) > limits.max_answer_words:
        return "answer too long"
    if _PLACEHOLDER.search(a) and len(_PLACEHOLDER.sub("", a).split()) < 3:
        return "answer is redacted data"
    if _TO_COME.search(a):
        return "answer is a placeholder for content to come"
    return None


# "Guidance TK." (journalists' "to come"), a Liquid comment block: no answer yet (18F, eighth hand check)
_TO_COME = re.compile(r"\bTK\b|\{%-?\s*comment\s*-?%\}")


def support_problem(answer: str, evidence: str, checker: SupportChecker) -> str | None:
    verdict = checker.check(answer, evidence)
    return None if verdict.supported else "answer not supported by its source"


def near_duplicates(vectors: np.ndarray, threshold: float) -> list[int | None]:
    """For each row, the index of an earlier kept row it duplicates (cosine >= threshold), else None.
    Vectors are L2-normalized; greedy in input order, so the first of a group is kept."""
    kept: list[int] = []
    out: list[int | None] = []
    for i, vector in enumerate(vectors):
        if kept:
            sims = vectors[kept] @ vector
            j = int(np.argmax(sims))
            if sims[j] >= threshold:
                out.append(kept[j])
                continue
        kept.append(i)
        out.append(None)
    return out
