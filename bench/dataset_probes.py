#!/usr/bin/env python3
"""Can anything offline tell a good synthetic pair from a bad one? Probes over the 18F hand labels
(bench/data/18f-dataset-labels.jsonl), printed, for the hand-written reading in BENCHMARKS.md.

1. A learned ranker (Heilman and Smith's "rank" half): logistic regression on the generator, four simple features
   and the MiniLM embeddings of question and answer; 5-fold cross-validated AUC over all labels, and the share of
   good pairs among the sentence-rule pairs it ranks highest.
2. Fluency: the embedded SmolLM2-135M's mean log-probability of the question (topic prefix removed); AUC against
   "good" and against "natural" alone.
3. The trade-off `dataset.min_rule_quality` makes (ingest/dataset/rule_quality.py): for each threshold, pairs,
   chunks with a pair and the expected share of good pairs by the hand-checked rates, over the 18F dataset of the
   last `bench/bench_dataset.py` run (bench/.work/dataset/results.json); and the best any selector could do with
   those pairs: the expected number of chunks with at least one good pair (`chunks_with_a_good_pair`), the
   coverage a perfect filter, keeping every good pair and no bad one, would reach.

    .venv/bin/python bench/dataset_probes.py          # ~2 min on 2 cores (most of it the 135M model)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
LABELS = ROOT / "bench" / "data" / "18f-dataset-labels.jsonl"
LAST_RUN = ROOT / "bench" / ".work" / "dataset" / "results.json"
CHECKS = ("natural", "self_contained", "answerable", "correct")
YES_NO = ("is ", "are ", "do ", "does ", "can ", "should ", "will ", "must ", "may ")


def without_topic(question: str) -> str:
    """"Tock: how do I ...?" -> "how do I ...?" (topic.py puts the page topic in front)."""
    head, sep, rest = question.partition(": ")
    return rest if sep and len(head) <= 90 else question


def ranker(labels: list[dict], good: np.ndarray) -> None:
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    from ingest.dataset.rule_quality import family
    from qacore.embedder import Embedder

    embedder = Embedder("embedded:all-MiniLM-L6-v2")
    questions = [without_topic(lb["question"]) for lb in labels]
    families = sorted({family(lb["generator"]) for lb in labels})
    simple = np.array([[float(family(lb["generator"]) == f) for f in families]
                       + [len(q.split()) / 20, len(lb["answer"].split()) / 50, float(q.lower().startswith(YES_NO)),
                          len(set(q.lower().split()) & set(lb["answer"].lower().split())) / max(1, len(q.split()))]
                       for lb, q in zip(labels, questions, strict=True)])
    features = np.hstack([simple, embedder.embed(questions), embedder.embed([lb["answer"] for lb in labels])])
    sentence = np.array([lb["generator"].startswith("sentence:") for lb in labels])
    folds = StratifiedKFold(5, shuffle=True, random_state=0)
    for name, x in (("generator + simple features", simple), ("+ MiniLM question and answer", features)):
        scores = cross_val_predict(LogisticRegression(C=0.1, max_iter=5000), x, good, cv=folds,
                                   method="predict_proba")[:, 1]
        order = np.argsort(-scores[sentence])
        kept = good[sentence][order]
        tops = ", ".join(f"top {share:.0%}: {kept[:int(share * len(kept))].mean():.0%} good"
                         for share in (0.3, 0.5, 0.7, 1.0))
        print(f"ranker, {name}: cross-validated AUC {roc_auc_score(good, scores):.2f}; sentence-rule pairs "
              f"({sentence.sum()}), ranked by it: {tops}")


def fluency(labels: list[dict], good: np.ndarray) -> None:
    import torch
    from sklearn.metrics import roc_auc_score

    from qacore.models import load_causal_lm

    model, tokenizer, _ = load_causal_lm("embedded:SmolLM2-135M-Instruct")
    tokenizer.padding_side = "right"
    questions = [without_topic(lb["question"]) for lb in labels]
    mean_logprob = []
    for start in range(0, len(questions), 32):
        batch = tokenizer(questions[start:start + 32], return_tensors="pt", padding=True)
        with torch.no_grad():
            logits = model(**batch).logits[:, :-1]
        token_lp = torch.log_softmax(logits, -1).gather(-1, batch.input_ids[:, 1:, None])[..., 0]
        mask = batch.attention_mask[:, 1:].float()
        mean_logprob += ((token_lp * mask).sum(1) / mask.sum(1).clamp(min=1)).tolist()
    natural = np.array([lb["natural"] for lb in labels])
    print(f"fluency (SmolLM2 mean log-probability of the question): AUC {roc_auc_score(good, mean_logprob):.2f} "
          f"for good, {roc_auc_score(natural, mean_logprob):.2f} for natural")


def chunks_with_a_good_pair(pairs: list[dict], rate) -> float:
    """Expected chunks with at least one good pair, each pair good with probability `rate(generator)`, independently:
    sum over chunks of 1 - prod(1 - rate). (Pairs of one chunk are not independent in truth, a hard chunk being
    hard for every rule, so this bound is generous.)"""
    miss: dict[int, float] = {}
    for pair in pairs:
        miss[pair["chunk_id"]] = miss.get(pair["chunk_id"], 1.0) * (1 - rate(pair["generator"]))
    return sum(1 - m for m in miss.values())


def trade_off() -> None:
    from ingest.dataset.rule_quality import expected_good, hand_checked_rate

    if not LAST_RUN.exists():
        print(f"trade-off: no {LAST_RUN.relative_to(ROOT)}; run bench/bench_dataset.py first")
        return
    handbook = json.loads(LAST_RUN.read_text(encoding="utf-8"))[1]
    pairs, chunks = handbook["pairs"], int(handbook["report"]["chunks_covered"].split("/")[1])
    words = handbook["report"]["prose_words"]
    print("| min_rule_quality | pairs | prose words per pair | chunks with a pair | expected good "
          "| chunks with a good pair (perfect filter, expected) |\n|---|---|---|---|---|---|")
    for threshold in (0.0, 0.55, 0.6, 0.7, 0.8):
        kept = [p for p in pairs if hand_checked_rate(p["generator"]) >= threshold]
        covered = len({p["chunk_id"] for p in kept})
        expected = expected_good(p["generator"] for p in kept)
        best = chunks_with_a_good_pair(kept, hand_checked_rate)
        print(f"| {threshold} | {len(kept)} | {words / max(1, len(kept)):.0f} | {covered}/{chunks} "
              f"({covered / chunks:.0%}) | {expected:.0%} | {best:.0f} ({best / chunks:.0%}) |")


def main() -> None:
    labels = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip()]
    good = np.array([all(lb[c] for c in CHECKS) for lb in labels], dtype=int)
    print(f"{len(labels)} labelled pairs, {good.sum()} good")
    ranker(labels, good)
    fluency(labels, good)
    trade_off()


if __name__ == "__main__":
    main()
