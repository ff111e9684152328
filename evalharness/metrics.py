"""Metrics for `qa eval`, registered as data.

A metric is a pure scoring function of one item plus what is needed to read it (direction, which items it
applies to, how it aggregates), in the style of lm-evaluation-harness and ragas. Anything expensive (splitting
answers into claims, checking each claim, embedding answers) happens once in the pipeline step `annotate`,
which writes its results into the items; the scoring functions only read them, so they are cheap, deterministic
and testable on hand-written dicts.

An item is one (variant, question) pair, a plain JSON-able dict:

    variant, item_id, question, reference (str | None), answerable (bool), answer (str),
    refused (bool, qacore.prompting.is_refusal), degenerate (str | None: why the generator's raw output was no
    answer, qacore.degenerate), contexts (list of {chunk_id, source, heading, text}; [] closed-book),
    rag (bool), source_chunk_id (int | None), source (str | None),
    evidence (list[str]: what the answer is checked against: the retrieved contexts for RAG variants,
              the source chunk + reference for closed-book),
    retrieved_chunk_ids (list[int]), latency_s, new_tokens,
    after `annotate`: claims (list of {text, supported, reasons}), answer_vector_similarity (float | None),
    with the optional LLM judge: judge ({metric: {status, score, reason, ...}}, see evalharness.judge).

Scores: `score(item)` returns a float, or None when the item cannot be scored by this metric (no reference,
closed-book for retrieval metrics, not annotated): such items are counted as "unscored", never silently dropped.
Items outside a metric's `applies_to` population (e.g. unanswerable questions for token_f1) are not part of its
population at all and count neither in `n` nor in `unscored`.

Decisions, documented here because they change the numbers:
- answer_correct = the answer states the reference's key facts (evalharness/correctness.py): after normalising
  numbers, currencies and units, it contains the reference, or all of the reference's numbers and at least
  MIN_RECALL of its content words, with a matching yes/no; a refusal never is. The older rule (contained, or
  content-word F1 > 0.5 with the numbers) agreed with hand labels less often on real answers (BENCHMARKS.md,
  "Judging the judge"); token_f1 and rouge_l stay as secondary, purely lexical metrics.
- hallucination_rate (per answer): a refusal is never a hallucination. An answer to an answerable question
  hallucinates when at least one of its claims is not supported by the evidence. An answer to an *unanswerable*
  question that is not a refusal IS a hallucination, whatever its claims: the dataset only keeps unanswerable
  questions whose answer retrieval cannot find in the corpus, so any substantive answer is invented (or general
  knowledge presented as company policy).
- claim_unsupported_rate is claim-level: unsupported claims / all claims, pooled over the answers that make at
  least one claim (a weighted mean, weight = number of claims); the bootstrap resamples answers, not claims,
  because claims of one answer are not independent.
- token_f1 / rouge_l / embedding_similarity score every answerable item, refusals included (they score ~0):
  an over-refusing model must not look better by answering less. over_refusal reports the refusals themselves.
- hit_at_k / mrr: whether the question's source chunk is among `retrieved_chunk_ids` (k = how many were
  retrieved); None (unscored) for closed-book variants and for questions without a source chunk.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from evalharness.bootstrap import bootstrap_ci
from evalharness.correctness import is_correct
from qacore.claims import split_claims, strip_citations
from qacore.degenerate import degenerate_reason
from qacore.reader import token_f1

AppliesTo = Literal["answerable", "unanswerable", "all"]
Aggregation = Literal["mean", "weighted_mean"]


@dataclass(frozen=True)
class Metric:
    name: str
    description: str
    higher_is_better: bool
    applies_to: AppliesTo
    score: Callable[[dict], float | None]
    aggregation: Aggregation = "mean"
    # for aggregation="weighted_mean": the item's weight (e.g. its number of claims)
    weight: Callable[[dict], float] | None = None
    # a narrower population than applies_to, e.g. judge metrics leave out what the judge was not asked to judge
    applies_if: Callable[[dict], bool] | None = None
    # the LLM-judge metric (eval.judge_metrics) this one reads: part of a run (summary, reports, gates) only when
    # the judge scored it
    needs_judge: str | None = None

    def applies(self, item: dict) -> bool:
        if self.applies_if is not None and not self.applies_if(item):
            return False
        if self.applies_to == "all":
            return True
        return bool(item.get("answerable", True)) == (self.applies_to == "answerable")


# --- normalisation ---------------------------------------------------------------------------------------

_ARTICLES = re.compile(r"\b(a|an|the)\b")
_PUNCT = str.maketrans({c: " " for c in string.punctuation + "\u2013\u2014\u2018\u2019\u201c\u201d"})


def normalize_answer(text: str) -> str:
    """SQuAD-style: citation markers removed, lower case, punctuation and articles dropped, whitespace squeezed.
    Thousands separators are joined first so that "1,250" and "1250" match."""
    text = strip_citations(text or "")
    text = re.sub(r"(?<=\d)[,](?=\d{3}\b)", "", text.lower())
    text = text.translate(_PUNCT)
    return " ".join(_ARTICLES.sub(" ", text).split())


def _tokens(text: str) -> list[str]:
    return normalize_answer(text).split()


def token_f1_score(prediction: str, reference: str) -> float:
    return token_f1(_tokens(prediction), _tokens(reference))


_rouge_scorer = None


def rouge_l_score(prediction: str, reference: str) -> float:
    """ROUGE-L F-measure from Google's `rouge_score` package (the reference implementation; no stemming)."""
    global _rouge_scorer
    if _rouge_scorer is None:
        from rouge_score import rouge_scorer

        _rouge_scorer = rouge_scorer.RougeScorer(["rougeL"], use_stemmer=False)
    return float(_rouge_scorer.score(strip_citations(reference or ""), strip_citations(prediction or ""))["rougeL"].fmeasure)


# --- scoring functions (pure: they only read the item) -----------------------------------------------------


def _token_f1(item: dict) -> float | None:
    if item.get("reference") is None:
        return None
    return token_f1_score(item.get("answer") or "", item["reference"])


def _rouge_l(item: dict) -> float | None:
    if item.get("reference") is None:
        return None
    return rouge_l_score(item.get("answer") or "", item["reference"])


def _answer_correct(item: dict) -> float | None:
    reference = item.get("reference")
    if reference is None:
        return None
    return float(is_correct(item.get("answer") or "", reference, item.get("question") or ""))


def _embedding_similarity(item: dict) -> float | None:
    value = item.get("answer_vector_similarity")
    return None if value is None else float(value)


def _hallucination(item: dict) -> float | None:
    if item.get("refused"):
        return 0.0
    if not item.get("answerable", True):
        return 1.0
    claims = item.get("claims")
    if claims is None:
        return None  # not annotated
    return float(any(not c["supported"] for c in claims))


def _claim_unsupported_rate(item: dict) -> float | None:
    claims = item.get("claims")
    if not claims:
        return None  # no claims (refusal, or not annotated): nothing to rate
    return sum(not c["supported"] for c in claims) / len(claims)


def _claim_count(item: dict) -> float:
    return float(len(item.get("claims") or []))


def _degenerate(item: dict) -> float | None:
    return float(bool(item.get("degenerate")))


def _abstention(item: dict) -> float | None:
    return float(bool(item.get("refused")))


def _over_refusal(item: dict) -> float | None:
    return float(bool(item.get("refused")))


def _rank(item: dict) -> int | None:
    """1-based rank of the source chunk among the retrieved chunks; 0 = not retrieved; None = not scorable."""
    if not item.get("rag") or item.get("source_chunk_id") is None:
        return None
    retrieved = list(item.get("retrieved_chunk_ids") or [])
    source = int(item["source_chunk_id"])
    return retrieved.index(source) + 1 if source in retrieved else 0


def _hit_at_k(item: dict) -> float | None:
    rank = _rank(item)
    return None if rank is None else float(rank > 0)


def _mrr(item: dict) -> float | None:
    rank = _rank(item)
    return None if rank is None else (1.0 / rank if rank else 0.0)


def _field(name: str) -> Callable[[dict], float | None]:
    def read(item: dict) -> float | None:
        value = item.get(name)
        return None if value is None else float(value)

    read.__name__ = f"_{name}"
    return read


def _judge_metric(metric: str, description: str, applies_to: AppliesTo) -> Metric:
    """`judge_METRIC`: reads item["judge"][METRIC], written by the optional LLM judge (evalharness.judge). Items
    the judge found not applicable (e.g. faithfulness of a refusal) are outside the population; failed
    judgments are inside it with None, so they count as unscored, never as dropped."""

    def applies(item: dict) -> bool:
        record = (item.get("judge") or {}).get(metric)
        return record is not None and record.get("status") != "not_applicable"

    def score(item: dict) -> float | None:
        value = ((item.get("judge") or {}).get(metric) or {}).get("score")
        return None if value is None else float(value)

    score.__name__ = f"_judge_{metric}"
    return Metric(f"judge_{metric}", description, True, applies_to, score, applies_if=applies, needs_judge=metric)


METRICS: dict[str, Metric] = {
    m.name: m
    for m in [
        Metric("answer_correct", "the answer states the reference's key facts (numbers, currencies, units normalised)",
               True, "answerable", _answer_correct),
        Metric("token_f1", "SQuAD token F1 between answer and reference (normalised, articles dropped)",
               True, "answerable", _token_f1),
        Metric("rouge_l", "ROUGE-L F-measure between answer and reference (rouge_score)", True, "answerable", _rouge_l),
        Metric("embedding_similarity", "cosine between the embeddings of answer and reference", True, "answerable",
               _embedding_similarity),
        Metric("hallucination_rate", "answers with >= 1 unsupported claim; non-refusals to unanswerable questions "
               "count; refusals never do", False, "all", _hallucination),
        Metric("claim_unsupported_rate", "unsupported claims / all claims (claim-level, pooled over answers)",
               False, "all", _claim_unsupported_rate, "weighted_mean", _claim_count),
        Metric("degenerate", "generator outputs that were no answer (label lists, prompt echo, repetition, bare "
               "lists; qacore.degenerate): never shown, replaced by a refusal or, guarded, a quote", False, "all",
               _degenerate),
        Metric("abstention", "unanswerable questions the model refused", True, "unanswerable", _abstention),
        Metric("over_refusal", "answerable questions the model refused", False, "answerable", _over_refusal),
        Metric("hit_at_k", "the question's source chunk is among the retrieved chunks (RAG only)", True, "answerable",
               _hit_at_k),
        Metric("mrr", "reciprocal rank of the source chunk among the retrieved chunks (RAG only)", True, "answerable",
               _mrr),
        Metric("latency_s", "seconds to answer", False, "all", _field("latency_s")),
        Metric("new_tokens", "generated tokens per answer", False, "all", _field("new_tokens")),
        _judge_metric("faithfulness", "LLM judge (ragas faithfulness): share of the answer's statements its "
                      "evidence supports; refusals not judged, judge failures unscored", "all"),
        _judge_metric("answer_correctness", "LLM judge (ragas answer correctness: factuality F1 of answer vs "
                      "reference statements); a refusal scores 0, judge failures unscored", "answerable"),
    ]
}


def run_metrics(judged: Collection[str] = ()) -> dict[str, Metric]:
    """The metrics of one run: a judge metric only when the LLM judge scored it (else it is an empty row)."""
    return {name: m for name, m in METRICS.items() if m.needs_judge is None or m.needs_judge in judged}


def score_item(item: dict, metrics: dict[str, Metric] | None = None) -> dict[str, float | None]:
    """Per-item scores of every metric that applies to the item (None = applies but not scorable)."""
    return {name: m.score(item) for name, m in (metrics or METRICS).items() if m.applies(item)}


# --- the pipeline step ---------------------------------------------------------------------------------------


def annotate(items: Iterable[dict], checker, embedder=None) -> list[dict]:
    """Fill `claims` and `answer_vector_similarity` into each item (in place; the items are also returned).

    checker: anything with `.check(claim, evidence) -> verdict` where the verdict has `.supported` and `.reasons`
    (qacore.support.SupportChecker, or evalharness.calibration.load_verifier(...)).
    embedder: optional (`.embed(texts)` -> normalized vectors) for answer-vs-reference similarity.
    """
    items = list(items)
    for item in items:
        evidence = [e for e in (item.get("evidence") or []) if e and e.strip()]
        claims = []
        for text in split_claims(item.get("answer") or ""):
            if not evidence:
                claims.append({"text": text, "supported": False, "reasons": ["no evidence to check against"]})
                continue
            if getattr(checker, "question_aware", False):  # the learned verifier reads the claim with its question
                verdict = checker.check(text, evidence, question=item.get("question") or "")
            else:
                verdict = checker.check(text, evidence)
            claims.append({"text": text, "supported": bool(verdict.supported), "reasons": list(verdict.reasons)})
        item["claims"] = claims
        item["answer_vector_similarity"] = None
        if "degenerate" not in item:  # another system's logs (--dataset): judged here, from the text alone
            item["degenerate"] = degenerate_reason(item.get("answer") or "")

    if embedder is not None:
        pairs = [(i, strip_citations(item.get("answer") or "").strip(), item["reference"])
                 for i, item in enumerate(items) if item.get("reference") and item.get("answerable", True)]
        pairs = [(i, a, r) for i, a, r in pairs if a]
        if pairs:
            answers = embedder.embed([a for _, a, _ in pairs])
            references = embedder.embed([r for _, _, r in pairs])
            for (i, _, _), a_vec, r_vec in zip(pairs, answers, references, strict=True):
                items[i]["answer_vector_similarity"] = float(np.dot(a_vec, r_vec))
        for item in items:  # an empty answer to an answerable question has nothing in common with the reference
            if item.get("reference") and item.get("answerable", True) and item["answer_vector_similarity"] is None:
                item["answer_vector_similarity"] = 0.0
    return items


# --- aggregation -------------------------------------------------------------------------------------------


def summarize(scores: Sequence[float | None], weights: Sequence[float] | None = None, *, n_resamples: int = 1000,
              seed: int = 0, confidence: float = 0.95) -> dict[str, Any]:
    """Point estimate + percentile bootstrap CI over the scored values; None values are counted as unscored."""
    keep = [i for i, s in enumerate(scores) if s is not None]
    out: dict[str, Any] = {"value": None, "ci": None, "n": len(keep), "unscored": len(scores) - len(keep)}
    if not keep:
        return out
    values = np.asarray([scores[i] for i in keep], dtype=np.float64)
    w = None if weights is None else np.asarray([weights[i] for i in keep], dtype=np.float64)
    if w is not None and w.sum() <= 0:
        return out
    out["value"] = float(values.mean() if w is None else (values * w).sum() / w.sum())
    out["ci"] = bootstrap_ci(values, w, n_resamples=n_resamples, seed=seed, confidence=confidence)
    return out


def aggregate(items: Iterable[dict], metrics: dict[str, Metric] | None = None, *, n_resamples: int = 1000,
              seed: int = 0, confidence: float = 0.95) -> dict[str, dict[str, dict[str, Any]]]:
    """{variant: {metric: {"value", "ci": [lo, hi], "n", "unscored", "higher_is_better"}}}.

    value is the mean (or claim-weighted mean) over the scored items of the metric's population; ci is a
    percentile bootstrap interval (fixed seed, `n_resamples` resamples of the items); both are None when no item
    could be scored. Variants keep the order in which they first appear."""
    metrics = metrics or METRICS
    by_variant: dict[str, list[dict]] = {}
    for item in items:
        by_variant.setdefault(item["variant"], []).append(item)
    result: dict[str, dict[str, dict[str, Any]]] = {}
    for variant, rows in by_variant.items():
        result[variant] = {}
        for name, metric in metrics.items():
            population = [r for r in rows if metric.applies(r)]
            scores = [metric.score(r) for r in population]
            weights = [metric.weight(r) for r in population] if metric.aggregation == "weighted_mean" and metric.weight else None
            summary = summarize(scores, weights, n_resamples=n_resamples, seed=seed, confidence=confidence)
            summary["higher_is_better"] = metric.higher_is_better
            result[variant][name] = summary
    return result


def paired_bootstrap_diff(scores_a: Sequence[float | None], scores_b: Sequence[float | None], *,
                          n_resamples: int = 1000, seed: int = 0, confidence: float = 0.95) -> dict[str, Any]:
    """Mean of (a - b) over paired items (position i of both lists is the same question), with a paired
    percentile bootstrap CI: items are resampled together, so the question-to-question variance shared by both
    runs cancels. Pairs where either score is None are left out (counted in `unpaired`).

    Returns {"diff", "ci": [lo, hi], "n", "unpaired", "excludes_zero"}; diff/ci are None when no pair remains."""
    if len(scores_a) != len(scores_b):
        raise ValueError(f"paired scores need equal lengths, got {len(scores_a)} and {len(scores_b)}")
    pairs = [(a, b) for a, b in zip(scores_a, scores_b, strict=True) if a is not None and b is not None]
    out: dict[str, Any] = {"diff": None, "ci": None, "n": len(pairs), "unpaired": len(scores_a) - len(pairs),
                           "excludes_zero": False}
    if not pairs:
        return out
    diffs = np.asarray([a - b for a, b in pairs], dtype=np.float64)
    out["diff"] = float(diffs.mean())
    out["ci"] = bootstrap_ci(diffs, n_resamples=n_resamples, seed=seed, confidence=confidence)
    out["excludes_zero"] = bool(out["ci"][0] > 0 or out["ci"][1] < 0)
    return out


def paired_metric_diff(items: Iterable[dict], metric: str, variant_a: str, variant_b: str, **kwargs) -> dict[str, Any]:
    """paired_bootstrap_diff of one metric between two variants, pairing items by `item_id` (only items both
    variants answered and the metric applies to). diff > 0 means variant_a scores higher."""
    m = METRICS[metric]
    by_id: dict[str, dict[str, dict]] = {}
    for item in items:
        if item["variant"] in (variant_a, variant_b) and m.applies(item):
            by_id.setdefault(item["item_id"], {})[item["variant"]] = item
    both = [pair for _, pair in sorted(by_id.items(), key=lambda kv: str(kv[0])) if len(pair) == 2]
    result = paired_bootstrap_diff([m.score(p[variant_a]) for p in both], [m.score(p[variant_b]) for p in both], **kwargs)
    result["higher_is_better"] = m.higher_is_better
    return result
