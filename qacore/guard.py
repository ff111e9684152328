"""The grounded guard: an answer is shown only if the retrieved passages support it; otherwise the passage
sentence that best answers the question is quoted with its citation, or, when retrieval found nothing relevant,
the assistant refuses.

Why: on a real handbook nobody here wrote (bench/data/18f-gold.jsonl, BENCHMARKS.md "Answers on real
documents"), the embedded 135M generator answers most questions wrongly even with the right passage in its prompt,
and answers every unanswerable question with confidence. Prompt work alone did not fix refusals (0 of 10 refused).
The guard does not need a better generator; it needs three measurable steps:

1. rank the passages' sentences by relevance to the question (MiniLM cosine plus the share of the question's
   content words in the sentence: the cosine finds paraphrases, the words find exact terms);
2. refuse when the best sentence is less relevant than `GuardThresholds.relevance`, calibrated on the
   workspace's own answerable vs unanswerable dataset questions (`calibrate`), with a conservative default
   when the workspace has no dataset; or when the question names a term no document uses
   (qacore/unknown_terms.py: "TSA PreCheck", "FEGLI");
3. keep the generated answer only when it is not degenerate (qacore.degenerate) and restates what the best
   sentence says (`Guard.restatement_problem`, then the offline verifier, qacore.support); else quote the best
   sentence(s) with a citation.

The same trimmed sentences are also what the generator sees (`trim_passages`): a 135M model copies better from
four relevant sentences than from three 250-token chunks with headers.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from qacore.claims import evidence_sentences, split_claims
from qacore.degenerate import degenerate_reason
from qacore.prompting import REFUSAL, is_refusal
from qacore.support import STOPWORDS, SupportChecker, content_words, numbers_in

GUARD_VERSION = "guard-v3"  # v2: calibrated without the rule-made questions (qacore/answering.py); v3: unrounded
# (the unknown-term refusal of qacore/unknown_terms.py has no threshold, so it needs no re-calibration)
TOP_SENTENCES = 3  # an amount/time question needs an amount/time among its 3 most relevant sentences
TOP_COVERAGE = 0.7  # share of a generated answer's new words that the best sentence must contain
LEXICAL_WEIGHT = 0.3  # relevance = (1 - w) * cosine + w * share of question words present
GENERIC_WORDS = STOPWORDS | {"company", "employee", "employees", "policy", "work", "get", "our", "need", "use",
                        "there", "able", "allowed", "much", "many", "long", "often"}


@dataclass(frozen=True)
class GuardThresholds:
    relevance: float = 0.5  # refuse below; calibrated per workspace (see `calibrate`)
    source: str = "default"  # "default" or "calibrated on N answerable + M unanswerable questions"

    def to_json(self) -> dict:
        return {"relevance": self.relevance, "source": self.source}


@dataclass(frozen=True)
class Sentence:
    passage: int  # 0-based index into the passages
    position: int  # order within its passage
    text: str
    relevance: float


@dataclass(frozen=True)
class GuardDecision:
    answer: str
    action: str  # "pass" (generated answer kept), "quote" (best sentences quoted), "refuse"
    reason: str  # why, for logs and `qa eval` items
    cited: tuple[int, ...] = ()  # 0-based passage indexes behind the answer


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def question_words(question: str) -> set[str]:
    return {_stem(w) for w in re.findall(r"[a-z0-9]+", question.lower()) if w not in GENERIC_WORDS and len(w) > 1}


def lexical_share(words: set[str], sentence: str) -> float:
    if not words:
        return 0.0
    present = {_stem(w) for w in re.findall(r"[a-z0-9]+", sentence.lower())}
    return len(words & present) / len(words)


def rank_sentences(question: str, passages: Sequence, embedder) -> list[Sentence]:
    """Every sentence of the passages (at least 3 words), most relevant first."""
    found = [(i, j, s) for i, p in enumerate(passages) for j, s in enumerate(evidence_sentences(p.text))
             if len(s.split()) >= 3]
    if not found:
        return []
    vectors = embedder.embed([question, *(s for _, _, s in found)])
    cosine = vectors[1:] @ vectors[0]
    words = question_words(question)
    scored = [Sentence(i, j, s, float((1 - LEXICAL_WEIGHT) * c + LEXICAL_WEIGHT * lexical_share(words, s)))
              for (i, j, s), c in zip(found, cosine, strict=True)]
    return sorted(scored, key=lambda s: -s.relevance)


def trim_passages(passages: Sequence, ranked: Sequence[Sentence], per_passage: int = 4) -> list:
    """Each passage cut to its `per_passage` most relevant sentences, in document order; a passage none of whose
    sentences is ranked keeps its text."""
    out = []
    for i, passage in enumerate(passages):
        mine = [s for s in ranked if s.passage == i][:per_passage]
        if not mine:
            out.append(passage)
            continue
        out.append(replace(passage, text=" ".join(s.text for s in sorted(mine, key=lambda s: s.position))))
    return out


def quote(ranked: Sequence[Sentence], passages: Sequence) -> GuardDecision:
    """The best sentence, quoted with its citation; the next sentence of the same passage joins it when the best
    one introduces a list or is short ("You earn leave as follows:")."""
    best = ranked[0]
    parts = [best.text]
    if best.text.rstrip().endswith(":") or len(best.text.split()) < 8:
        following = [s for s in ranked if s.passage == best.passage and s.position == best.position + 1]
        parts += [s.text for s in following]
    label = getattr(passages[best.passage], "source", "")
    text = f"The documents say: \"{' '.join(parts)}\" [{best.passage + 1}]"
    return GuardDecision(text, "quote", f"quoted the best-supported sentence of {label}".strip(), (best.passage,))


class Guard:
    """Decides, per answer, between the generated answer, a quote and a refusal."""

    def __init__(self, embedder, thresholds: GuardThresholds | None = None, vocabulary=None):
        """vocabulary: a qacore.unknown_terms.Vocabulary of the index (None: no unknown-term refusals)."""
        self.embedder = embedder
        self.thresholds = thresholds or GuardThresholds()
        self.checker = SupportChecker(embedder)
        self.vocabulary = vocabulary

    def refusal_reason(self, question: str, ranked: Sequence[Sentence]) -> str | None:
        """Why the passages cannot answer the question, or None: refuse without asking the generator."""
        if not ranked or ranked[0].relevance < self.thresholds.relevance:
            best = f"{ranked[0].relevance:.2f}" if ranked else "none"
            return f"no relevant passage (best sentence relevance {best} < {self.thresholds.relevance:.2f})"
        wanted = answer_type(question)
        if wanted is not None and not any(wanted.search(s.text) for s in ranked[:TOP_SENTENCES]):
            return "the question asks for an amount or a time, and the most relevant sentences state none"
        unknown = self.vocabulary.unknown_terms(question) if self.vocabulary is not None else []
        if unknown:
            return f"the documents never mention {', '.join(repr(t) for t in unknown)}"
        return None

    def decide(self, question: str, answer: str, passages: Sequence, ranked: Sequence[Sentence],
               labels: Sequence[str] = (), prompt: str = "") -> GuardDecision:
        refusal = self.refusal_reason(question, ranked)
        if refusal:
            return GuardDecision(REFUSAL, "refuse", refusal)
        quoted = quote(ranked, passages)
        degenerate = degenerate_reason(answer, prompt=prompt, labels=labels)
        problem = (f"degenerate answer ({degenerate})" if degenerate
                   else "the generator refused, but a passage is relevant" if is_refusal(answer)
                   else self.restatement_problem(question, answer, quoted.answer))
        if problem:
            return replace(quoted, reason=f"{problem}; quoted instead")
        return GuardDecision(answer, "pass", "it says what the best passage sentence says", quoted.cited)

    def restatement_problem(self, question: str, answer: str, best: str) -> str | None:
        """Why the generated answer is not a faithful restatement of the quote we would show instead, or None.

        Stricter than the verifier on purpose: on the 18F handbook the 135M generator often wrote answers whose
        words all occur in the passages but which say nothing ("You will receive your first paycheck after your
        first paycheck is completed") or a true number about another thing. So the answer must add something to
        the question (content words the question does not have), and that something must be in the best
        sentence: its numbers all, its other new words mostly (TOP_COVERAGE); then the verifier must agree."""
        new = [w for w in content_words(answer) if w not in set(content_words(question))]
        if len(new) < 1 or not any(c.isalpha() for w in new for c in w) and len(content_words(answer)) < 3:
            return "the answer adds nothing checkable to the question"
        missing = sorted(numbers_in(answer) - numbers_in(best))
        if missing:
            return f"numbers not in the best sentence: {', '.join(missing)}"
        best_words = set(content_words(best))
        if sum(w in best_words for w in new) / len(new) < TOP_COVERAGE:
            return "the answer's new words are not in the best sentence"
        unsupported = [c for c in split_claims(answer) if not self.checker.check(c, [best]).supported]
        if unsupported:
            return f"unsupported claim {unsupported[0][:80]!r}"
        return None


# An amount question ("how many days", "what percentage") is answerable only by a sentence that states an amount
# (a number, a number word, a percentage), a time question ("how often", "how soon") only by one that states a
# time or frequency. The classic answer-type check of question answering systems; no model, no calibration.
_AMOUNT_QUESTION = re.compile(r"^\W*(?:\w+\W+){0,6}?(?:how (?:many|much)|what (?:percentage|percent|amount|share|"
                              r"proportion)|at what (?:age|rate))\b", re.IGNORECASE)
_TIME_QUESTION = re.compile(r"^\W*(?:\w+\W+){0,6}?how (?:long|often|soon|far|quickly)\b", re.IGNORECASE)
_AMOUNT = (r"\d|%|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|"
           r"fifty|hundred|thousand|half|twice|unlimited|no limit|full)\b")
_AMOUNT_RE = re.compile(_AMOUNT, re.IGNORECASE)
_TIME_RE = re.compile(_AMOUNT + r"|\b(?:once|daily|weekly|biweekly|monthly|quarterly|annually|yearly|every|each|"
                                r"immediately|within|before|after|until|no later|as soon|same day|next)\b", re.IGNORECASE)


def answer_type(question: str) -> re.Pattern | None:
    """What a sentence must contain to answer the question: an amount, a time, or (None) anything."""
    return _AMOUNT_RE if _AMOUNT_QUESTION.match(question) else _TIME_RE if _TIME_QUESTION.match(question) else None


# --- calibration on the workspace's own dataset -----------------------------------------------------------------

def best_relevance(question: str, passages: Sequence, embedder) -> float:
    ranked = rank_sentences(question, passages, embedder)
    return ranked[0].relevance if ranked else 0.0


def choose_threshold(answerable: Sequence[float], unanswerable: Sequence[float], max_over_refusal: float = 0.2
                     ) -> float:
    """The relevance threshold with the best balanced accuracy (refused unanswerable + answered answerable), among
    those that refuse at most `max_over_refusal` of the answerable questions; ties go to the lower threshold. The
    threshold returned lies halfway between the best score and the one below it, so it refuses exactly what the
    best one does (rounding it to 4 places once refused one more answerable calibration question on 18F: the
    best was an answerable score of 0.45667, stored as 0.4567)."""
    a, u = np.asarray(answerable, float), np.asarray(unanswerable, float)
    best_t, best_below, best_score = 0.0, None, -1.0
    below = None  # the candidate before t
    for t in sorted({0.0, *a.tolist(), *u.tolist()}):
        over = float(np.mean(a < t)) if len(a) else 0.0
        if over > max_over_refusal:
            break
        score = (float(np.mean(u < t)) if len(u) else 0.0) + (1 - over)
        if score > best_score + 1e-12:
            best_t, best_below, best_score = t, below, score
        below = t
    return float(best_t if best_below is None else (best_t + best_below) / 2)


def calibrate(pairs: Sequence[dict], retrieve, embedder) -> GuardThresholds | None:
    """Thresholds from the dataset's eval questions (answerable) and unanswerable questions; None if either side
    has fewer than 5 questions. `retrieve(questions) -> passages per question`."""
    answerable = [p["question"] for p in pairs if p.get("answerable", True)]
    unanswerable = [p["question"] for p in pairs if not p.get("answerable", True)]
    if len(answerable) < 5 or len(unanswerable) < 5:
        return None
    scores = [best_relevance(q, found, embedder)
              for q, found in zip(answerable + unanswerable, retrieve(answerable + unanswerable), strict=True)]
    threshold = choose_threshold(scores[:len(answerable)], scores[len(answerable):])
    return GuardThresholds(threshold, f"calibrated on {len(answerable)} answerable + {len(unanswerable)} "
                                      f"unanswerable dataset questions")


def load_or_calibrate(cache_file: Path, key: str, pairs_loader, retrieve, embedder) -> GuardThresholds:
    """The workspace's thresholds for this snapshot + dataset (`key`), calibrated once and kept as JSON."""
    from qacore.workspace import atomic_write_json

    try:
        saved = json.loads(cache_file.read_text(encoding="utf-8"))
        if saved.get("key") == key and saved.get("version") == GUARD_VERSION:
            return GuardThresholds(float(saved["relevance"]), str(saved["source"]))
    except (OSError, ValueError, KeyError, TypeError):
        pass
    pairs = pairs_loader()
    thresholds = calibrate(pairs, retrieve, embedder) if pairs else None
    thresholds = thresholds or GuardThresholds(source="default (the workspace has no dataset to calibrate on)")
    with contextlib.suppress(OSError):  # a read-only workspace still answers; it calibrates again next time
        atomic_write_json(cache_file, {"version": GUARD_VERSION, "key": key, **thresholds.to_json()})
    return thresholds
