"""The learned, question-aware verifier: is this claim of an answer supported by the passages it was checked against?

Why: on real answers (issue 12) the threshold verifier (qacore.support + calibration on perturbed corpus sentences)
flagged most answers people judged supported. Nearly all false flags were the same thing: the answer restates
the question ("The monthly gym stipend is EUR 50/month."), and the restated words are not in the passage, so
lexical coverage is low. Perturbed corpus sentences have no question, so calibrating on them cannot fix it.

Design, decided on the hand-labelled real answers (bench/data/verifier-labels.jsonl, rules in docs/labelling.md):
- every claim is read **with its question**: words the claim shares with the question are given, not evidence;
  what it adds (new content words, numbers, names, yes/no) is what must be in the passages;
- a number must be in the passages **next to what the question asks about**: among the passage sentences most
  relevant to the question (and to the claim), not anywhere ("96 hours" taken from another sentence);
- these signals, the old ones (coverage, cosine to the best sentence, negation) and MiniLM cosines are features of
  a logistic regression fitted on the calibration half of the labelled answers (split by question);
- the weights ship as JSON next to this file (`learned_verifier.json`, a manifest with the training data's hash
  and its held-out scores), refit by one script (`bench/bench_verifier.py --fit`). No pickle.

`qa eval` uses it by default, with no workspace needed; a workspace calibration only reports on it (see
evalharness.calibration) and the learned verifier falls back to the threshold verifier when its JSON is absent.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from qacore.claims import CachingEmbedder, evidence_sentences
from qacore.support import (
    MISPLACED_GAP,
    SupportChecker,
    content_words,
    entities_in,
    has_negation,
    is_quoted,
    numbers_in,
    stem,
)

WEIGHTS_FILE = Path(__file__).with_name("learned_verifier.json")
KIND = "qa.verifier.learned"
VERSION = 1
TOP_SENTENCES = 3  # the passage sentences "about what the question asks": the 3 most relevant to question + claim
_YES_NO = re.compile(r"^\s*(yes|no)\b", re.IGNORECASE)
_AUX_START = re.compile(r"^\s*(is|are|can|do|does|did|will|should|must|may|could|would|has|have)\b", re.IGNORECASE)
_CURRENCY = {"€": " eur ", "$": " usd ", "£": " gbp "}


def _words(text: str) -> set[str]:
    for symbol, name in _CURRENCY.items():
        text = text.replace(symbol, name)
    return {stem(w) for w in content_words(text)}


def _cosines(embedder, text: str, sentences: Sequence[str]) -> np.ndarray:
    vectors = embedder.embed([text, *sentences])
    return vectors[1:] @ vectors[0]


FEATURES = (
    "verbatim",            # the claim is quoted from the evidence
    "coverage",            # share of the claim's content words in the evidence (the old signal)
    "novel_coverage",      # the same, over the words the question does not already contain
    "novel_words",         # log(1 + how many such words)
    "missing_number",      # a number of the claim (not of the question) is nowhere in the evidence
    "misplaced_number",    # its numbers are in the evidence, but only in sentences about something else
    "number_gap",          # how much less the question matches the best sentence with the numbers than the best one
    "missing_entity",      # a name/acronym of the claim (not of the question) is not in the evidence
    "negation_mismatch",   # negated where the best evidence sentence is not, or the reverse
    "yes_no_conflict",     # "Yes"/"No" answering a yes/no question against the polarity of the best sentence
    "claim_similarity",    # max cosine (MiniLM) of the claim to an evidence sentence
    "qa_similarity",       # max cosine of question + claim to an evidence sentence
    "top_novel_coverage",  # novel words found in the sentences about the question
    "threshold_supported",  # the question-aware threshold verifier's verdict (qacore.support, default thresholds)
)


def claim_features(question: str, claim: str, evidence: Sequence[str] | str, embedder) -> dict[str, float]:
    """The features of one claim; pure apart from the embedder (which a CachingEmbedder makes cheap)."""
    sentences = evidence_sentences(evidence) or [evidence if isinstance(evidence, str) else "\n".join(evidence)]
    evidence_text = "\n".join(sentences)
    raw = evidence if isinstance(evidence, str) else "\n".join(evidence)
    verbatim = float(is_quoted(claim, evidence_text) or is_quoted(claim, raw))

    q_words, c_words, e_words = _words(question), _words(claim), _words(evidence_text)
    novel = c_words - q_words
    coverage = len(c_words & e_words) / len(c_words) if c_words else 1.0
    novel_coverage = len(novel & e_words) / len(novel) if novel else 1.0

    c_sim = _cosines(embedder, claim, sentences)
    qa_sim = _cosines(embedder, f"{question} {claim}", sentences)
    top = [sentences[i] for i in np.argsort(-qa_sim)[:TOP_SENTENCES]]
    top_words = _words(" ".join(top))
    top_novel = len(novel & top_words) / len(novel) if novel else 1.0

    claim_numbers = numbers_in(claim) - numbers_in(question)
    missing_number = float(bool(claim_numbers - numbers_in(evidence_text)))
    checker = SupportChecker(embedder)
    number_gap = 0.0 if missing_number else checker.number_gap(claim, question or claim, sentences)
    misplaced = float(number_gap > MISPLACED_GAP)
    lowered = evidence_text.lower()
    missing_entity = float(any(e not in lowered for e in entities_in(claim) - entities_in(question)
                               if e not in question.lower()))
    best = sentences[int(np.argmax(qa_sim))]
    negation_mismatch = float(has_negation(claim) != has_negation(best))
    yes_no = _YES_NO.match(claim)
    conflict = 0.0
    if yes_no and _AUX_START.match(question):
        said_no = yes_no.group(1).lower() == "no"
        conflict = float(said_no != has_negation(best))
    return {"verbatim": verbatim, "coverage": coverage, "novel_coverage": novel_coverage,
            "novel_words": math.log1p(len(novel)), "missing_number": missing_number, "misplaced_number": misplaced,
            "number_gap": number_gap, "missing_entity": missing_entity, "negation_mismatch": negation_mismatch, "yes_no_conflict": conflict,
            "claim_similarity": float(c_sim.max()), "qa_similarity": float(qa_sim.max()),
            "top_novel_coverage": top_novel,
            "threshold_supported": float(checker.check(claim, evidence, question).supported)}


def vector(features: dict[str, float]) -> np.ndarray:
    return np.array([features[name] for name in FEATURES], dtype=np.float64)


@dataclass
class LearnedVerdict:
    supported: bool
    reasons: list[str]
    probability: float
    features: dict[str, float] = field(default_factory=dict)
    coverage: float = 0.0
    similarity: float | None = None


_REASONS = {"missing_number": "numbers not in evidence", "misplaced_number": "number from another part of the evidence",
            "missing_entity": "names not in evidence", "negation_mismatch": "negation differs from the evidence",
            "yes_no_conflict": "yes/no contradicts the evidence"}


@dataclass
class LearnedVerifier:
    """Logistic regression over `FEATURES` (standardised with the stored mean/scale). `check(claim, evidence,
    question)`: question-aware when the question is given (the eval pipeline always gives it)."""

    embedder: object
    coef: np.ndarray
    intercept: float
    mean: np.ndarray
    scale: np.ndarray
    threshold: float = 0.5
    info: dict = field(default_factory=dict)
    question_aware = True  # evalharness.metrics.annotate passes each claim's question

    def probability(self, features: dict[str, float]) -> float:
        z = float(((vector(features) - self.mean) / self.scale) @ self.coef + self.intercept)
        return 1.0 / (1.0 + math.exp(-z))

    def score(self, features: dict[str, float]) -> float:
        """P(supported): 1 for a quote of the evidence; 0 for a number the passages give for something other than
        what the question asks about (a hard check); else the regression."""
        if features["verbatim"]:
            return 1.0
        if features["misplaced_number"]:
            return 0.0
        return self.probability(features)

    def check(self, claim: str, evidence: Sequence[str] | str, question: str = "") -> LearnedVerdict:
        feats = claim_features(question, claim, evidence, self.embedder)
        p = self.score(feats)
        supported = p >= self.threshold
        reasons = [] if supported else ([text for name, text in _REASONS.items() if feats[name]]
                                        or [f"verifier: not stated by the evidence (p={p:.2f})"])
        return LearnedVerdict(supported, reasons, p, feats, feats["coverage"], feats["claim_similarity"])

    def to_json(self) -> dict:
        return {"kind": KIND, "version": VERSION, "features": list(FEATURES), "coef": self.coef.tolist(),
                "intercept": self.intercept, "mean": self.mean.tolist(), "scale": self.scale.tolist(),
                "threshold": self.threshold, **{k: v for k, v in self.info.items() if k not in ("used", "path")}}


def load_learned(path: Path | None = None, embedder=None) -> LearnedVerifier | None:
    """The shipped (or given) learned verifier, or None when its JSON is missing or was made for other
    features (the caller falls back to the threshold verifier and says so). Its features are cosines of the
    embedder it was trained with (recorded in the JSON), which is loaded unless one is passed."""
    path = Path(path or WEIGHTS_FILE)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if data.get("kind") != KIND or data.get("version") != VERSION or data.get("features") != list(FEATURES):
        return None
    if embedder is None:
        from qacore.embedder import Embedder

        embedder = Embedder.shared(data["embedder"]["spec"], dtype=data["embedder"]["dtype"])
    emb = embedder if isinstance(embedder, CachingEmbedder) else CachingEmbedder(embedder)
    info = {k: v for k, v in data.items() if k not in ("coef", "intercept", "mean", "scale", "threshold", "features")}
    info["used"] = "learned"
    info["path"] = str(path)
    return LearnedVerifier(emb, np.asarray(data["coef"], float), float(data["intercept"]), np.asarray(data["mean"], float),
                           np.asarray(data["scale"], float), float(data["threshold"]), info)


def fit(rows: Sequence[dict[str, float]], labels: Sequence[bool], *, c: float = 1.0, seed: int = 0
        ) -> tuple[np.ndarray, float, np.ndarray, np.ndarray]:
    """Logistic regression (scikit-learn, balanced classes) on standardised features -> coef, intercept, mean,
    scale, all plain arrays so they can be written as JSON."""
    from sklearn.linear_model import LogisticRegression

    x = np.stack([vector(r) for r in rows])
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=2000, random_state=seed)
    model.fit((x - mean) / scale, np.asarray(labels, bool))
    return model.coef_[0], float(model.intercept_[0]), mean, scale
