"""Is a claim supported by the evidence? The offline checker shared by the dataset gates and `qa eval`.

Small local LLMs cannot act as judges (SmolLM2-135M never produces parseable verdicts; see
../shared/stack-facts.md), so the default checker combines signals that need no generator:

- numbers: every number in the claim must occur in the evidence ("27 days" vs "25 days" fails);
- entities: every capitalised name or acronym in the claim must occur in the evidence;
- negation: a claim that negates what its best-matching evidence sentence states (or the reverse) fails;
- coverage: share of the claim's content words found in the evidence (lexical support);
- similarity: cosine between the claim and its best evidence sentence (optional, needs an embedder);
- with the claim's question (qa eval passes it): what the claim repeats from the question is not checked, and a
  number must come from a sentence about what the question asks (`number_gap`, needs an embedder).

A claim is supported when the hard checks pass and coverage or similarity clear their thresholds. The
thresholds are data (`SupportThresholds`) so that `qa eval` can calibrate them on a labelled slice.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*|\d+(?:[.,]\d+)*")
_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*(?![\w])|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|"
                     r"eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred)\b", re.IGNORECASE)
_NUMBER_WORDS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
                 "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "fifteen": "15",
                 "twenty": "20", "thirty": "30", "forty": "40", "fifty": "50", "hundred": "100"}
_NEGATIONS = {"not", "no", "never", "cannot", "can't", "don't", "doesn't", "isn't", "aren't", "won't", "without",
              "nor", "neither", "none", "mustn't", "shouldn't", "didn't", "wasn't"}
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
STOPWORDS = frozenset(["a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as", "is", "are", "was", "were", "be", "been", "being", "it", "its", "this", "that", "these", "those", "there", "their", "they", "them", "you", "your", "we", "our", "us", "he", "she", "his", "her", "i", "me", "my", "do", "does", "did", "done", "can", "could", "will", "would", "shall", "should", "may", "might", "must", "have", "has", "had", "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "than", "then", "so", "such", "about", "into", "over", "under", "after", "before", "per", "up", "out", "any", "all", "each", "every", "some", "more", "most", "other", "also", "only", "just", "very"])


def content_words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text) if w.lower() not in STOPWORDS and len(w) > 1 or w.isdigit()]


def numbers_in(text: str) -> set[str]:
    out = set()
    for m in _NUMBER.finditer(text):
        token = m.group(0).lower()
        out.add(_NUMBER_WORDS.get(token, token.replace(",", "")))
    return out


def entities_in(text: str) -> set[str]:
    """Capitalised words not at a sentence start, and acronyms: names, products, places, teams."""
    out = set()
    for sentence in _SENTENCE.split(text):
        words = _WORD.findall(sentence)
        for i, word in enumerate(words):
            if word.isupper() and len(word) >= 2 and word.isalpha() or i > 0 and word[:1].isupper() and word.lower() not in STOPWORDS:
                out.add(word.lower())
    return out


def has_negation(text: str) -> bool:
    return any(w in _NEGATIONS for w in re.findall(r"[a-z']+", text.lower()))


# cosine to the question, the best evidence sentence vs the best one holding the claim's numbers: above this the
# number was taken from a sentence about something else. Chosen on the calibration half of the hand-labelled real
# answers (bench/data/verifier-labels.jsonl): at 0.10 it caught 17 of 24 unsupported number claims but flagged 4
# supported ones; at 0.25, 10 and none (a hard check must not flag supported answers)
MISPLACED_GAP = 0.25


@dataclass(frozen=True)
class SupportThresholds:
    coverage: float = 0.7  # share of the claim's content words present in the evidence
    similarity: float = 0.8  # cosine to the best evidence sentence (used only with an embedder)


@dataclass
class SupportVerdict:
    supported: bool
    coverage: float
    similarity: float | None
    missing_numbers: list[str] = field(default_factory=list)
    missing_entities: list[str] = field(default_factory=list)
    negation_mismatch: bool = False
    best_sentence: str = ""
    misplaced_number: bool = False

    @property
    def reasons(self) -> list[str]:
        out = []
        if self.missing_numbers:
            out.append(f"numbers not in evidence: {', '.join(self.missing_numbers)}")
        if self.missing_entities:
            out.append(f"names not in evidence: {', '.join(self.missing_entities)}")
        if self.negation_mismatch:
            out.append("negation differs from the evidence")
        if self.misplaced_number:
            out.append("number from a part of the evidence about something else")
        if not self.supported and not out:
            out.append(f"low overlap with evidence (coverage {self.coverage:.2f})")
        return out


class SupportChecker:
    def __init__(self, embedder=None, thresholds: SupportThresholds | None = None):
        self.embedder = embedder
        self.thresholds = thresholds or SupportThresholds()

    def check(self, claim: str, evidence: Sequence[str] | str, question: str = "") -> SupportVerdict:
        """With `question` (qa eval passes it), the claim is read as its answer: the words, numbers and names it
        repeats from the question are given, so coverage counts only the words it adds ("The monthly gym stipend
        is EUR 50" restates four of its six words from the question)."""
        evidence_text = evidence if isinstance(evidence, str) else "\n".join(evidence)
        sentences = [s.strip() for s in _SENTENCE.split(evidence_text) if s.strip()] or [evidence_text]
        lowered = evidence_text.lower()

        claim_words = content_words(claim)
        evidence_words = set(content_words(evidence_text))
        if question:  # only the words the claim adds to its question are checked, stemmed ("monthly" = "month")
            asked = {stem(w) for w in content_words(question)}
            claim_words = [w for w in map(stem, claim_words) if w not in asked]
            evidence_words |= {stem(w) for w in evidence_words}
        coverage = (sum(w in evidence_words for w in claim_words) / len(claim_words) if claim_words
                    else 1.0 if question else 0.0)

        evidence_numbers = numbers_in(evidence_text)
        missing_numbers = sorted(n for n in numbers_in(claim) - numbers_in(question) if n not in evidence_numbers)
        missing_entities = sorted(e for e in entities_in(claim) if e not in lowered and e not in question.lower())

        clean = None
        if question and self.embedder is not None and not missing_numbers:
            from qacore.claims import evidence_sentences  # here: qacore.claims imports this module

            clean = evidence_sentences(evidence_text)  # links, markup and table rows as the claims were cleaned
        if (_normalize(claim) and _normalize(claim) in _normalize(evidence_text)) or is_quoted(claim, evidence_text) \
                or (clean is not None and is_quoted(claim, "\n".join(clean))):
            return SupportVerdict(True, 1.0, None, best_sentence=claim)  # quoted verbatim

        best = max(sentences, key=lambda s: _overlap(claim_words, s))
        similarity = None
        if self.embedder is not None:
            import numpy as np

            vectors = self.embedder.embed([claim, *sentences])
            scores = vectors[1:] @ vectors[0]
            similarity = float(np.max(scores))
            best = sentences[int(np.argmax(scores))]
        # negation is compared sentence by sentence: each claim sentence against its best evidence sentence
        claim_sentences = [c for c in _SENTENCE.split(claim) if c.strip()] or [claim]
        negation_mismatch = any(
            has_negation(c) != has_negation(max(sentences, key=lambda s, c=c: _overlap(content_words(c), s)))
            for c in claim_sentences
        ) if len(claim_sentences) > 1 else has_negation(claim) != has_negation(best)

        misplaced = clean is not None and self.number_gap(claim, question, clean or sentences) > MISPLACED_GAP
        hard_ok = not missing_numbers and not missing_entities and not negation_mismatch and not misplaced
        soft_ok = coverage >= self.thresholds.coverage or (
            similarity is not None and similarity >= self.thresholds.similarity
        )
        return SupportVerdict(hard_ok and soft_ok, coverage, similarity, missing_numbers, missing_entities,
                              negation_mismatch, best, misplaced)

    def number_gap(self, claim: str, question: str, sentences: Sequence[str]) -> float:
        """How much less the question matches the best evidence sentence holding the claim's numbers than the best
        evidence sentence (cosine): large when the number was taken from a sentence about something else."""
        wanted = numbers_in(claim) - numbers_in(question)
        holding = [i for i, s in enumerate(sentences) if wanted <= numbers_in(s)]
        if not wanted or not holding:
            return 0.0
        vectors = self.embedder.embed([question, *sentences])
        scores = vectors[1:] @ vectors[0]
        return float(scores.max() - max(scores[i] for i in holding))


def stem(word: str) -> str:
    """One light suffix off (plural, -ing, -ed, -ly): enough to match a claim's words to the question's."""
    for suffix in ("ies", "es", "s", "ing", "ed", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


MIN_QUOTE_WORDS = 3  # a bare "12" or "Yes" found somewhere in the passages is judged as an answer, not as a quote


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("\u2019", "'").split())


_LEAD_IN = re.compile(r"^[^:\"\u201c]{0,40}:\s*")  # "The documents say: " before a quotation
_QUOTE_MARKS = re.compile(r"[\"\u201c\u201d]")


def is_quoted(claim: str, evidence_text: str) -> bool:
    """The claim copies the evidence: whole, or as a quotation with a short lead-in (`The documents say: "..."`,
    also when the answer's sentence split cut the quotation in two)."""
    evidence = _norm(evidence_text)
    candidates = [claim]
    lead = _LEAD_IN.match(claim)
    if lead and len(content_words(lead.group(0))) <= 3:
        candidates.append(claim[lead.end():])
    for text in candidates:
        text = _norm(_QUOTE_MARKS.sub("", text)).strip(" .")
        if len(content_words(text)) >= MIN_QUOTE_WORDS and text in evidence:
            return True
    return False


def _normalize(text: str) -> str:
    return " ".join(text.lower().split())


def _overlap(claim_words: list[str], sentence: str) -> int:
    words = set(content_words(sentence))
    return sum(w in words for w in claim_words)
