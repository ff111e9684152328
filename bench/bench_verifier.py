"""Judging the judge: `qa eval`'s hallucination verifier and `answer_correct` against hand labels on real answers.

Data: bench/data/verifier-answers.jsonl (real answers of several variants on corpora/ and the 18F handbook, with
the evidence `qa eval` checked them against; bench/verifier_data.py) and bench/data/verifier-labels.jsonl (hand
labels, rules in docs/labelling.md). Answers are split by question: `calibration` (fitting) and `held_out` (every
number here).

Side by side, in one run, on the held-out answers that make at least one claim:
- word overlap: the answer's lowest claim coverage (share of its content words found in the evidence), flagged
  below a cut chosen on the calibration half;
- the threshold verifier (qacore.support defaults: hard checks + coverage/similarity), what `qa eval` used before;
- the learned question-aware verifier (evalharness/verifier.py, the weights qa ships);
- an LLM judge (ragas faithfulness >= 0.5 = supported; a failed judgment counts as 0) when `--judge openai:MODEL
  --judge-base-url URL` is given (replies cached in bench/.work/judge-cache.sqlite).
Reported: AUROC of ranking unsupported answers above supported ones, agreement with the labels (95% bootstrap
CI), share of supported answers flagged, unsupported answers missed, claims checked per second.
`answer_correct`: the old lexical rule vs the key-fact rule (evalharness/correctness.py), agreement on held-out.

    python bench/bench_verifier.py            # measure, rewrite the BENCHMARKS.md section
    python bench/bench_verifier.py --fit      # refit evalharness/learned_verifier.json on the calibration half first
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import machine, write_section  # noqa: E402
from verifier_data import ANSWERS, LABELS, read_jsonl  # noqa: E402

HEADING = "## Judging the judge: the verifier and answer_correct on real answers (bench/bench_verifier.py)"
EMBEDDER = {"spec": "embedded:all-MiniLM-L6-v2", "dtype": "float32"}


def auroc(scores_unsupported: list[float], labels_unsupported: list[bool]) -> float | None:
    from sklearn.metrics import roc_auc_score

    if len(set(labels_unsupported)) < 2:
        return None
    return float(roc_auc_score(labels_unsupported, scores_unsupported))


def load() -> list[dict]:
    labels = {r["key"]: r for r in read_jsonl(LABELS)}
    rows = []
    for answer in read_jsonl(ANSWERS):
        label = labels.get(answer["key"])
        if label is not None:
            rows.append({**answer, "label": label})
    return rows


def claim_rows(rows: list[dict], embedder) -> list[dict]:
    """One row per labelled claim: its answer, split, label and features."""
    from evalharness.verifier import claim_features

    out = []
    for row in rows:
        if not row["claims"] or row["label"]["supported"] is None:
            continue
        for claim, label in zip(row["claims"], row["label"]["claims"], strict=True):
            out.append({"key": row["key"], "split": row["split"], "supported": bool(label["supported"]),
                        "features": claim_features(row["question"], claim, row["evidence"], embedder)})
    return out


def answer_level(rows: list[dict], claim_scores: dict[str, list[float]], cut: float) -> dict:
    """Answer score = its lowest claim score; flagged when below `cut`."""
    keys = [r["key"] for r in rows]
    unsupported = [not r["label"]["supported"] for r in rows]
    lowest = [min(claim_scores[k]) for k in keys]
    flagged = [s < cut for s in lowest]
    return summarize(unsupported, flagged, [-s for s in lowest])


def summarize(unsupported: list[bool], flagged: list[bool], risk: list[float]) -> dict:
    from evalharness.bootstrap import bootstrap_ci

    agree = [float(u == f) for u, f in zip(unsupported, flagged, strict=True)]
    supported_n = sum(not u for u in unsupported)
    return {"n": len(agree), "agreement": float(np.mean(agree)), "agreement_ci": bootstrap_ci(agree, seed=0),
            "auroc": auroc(risk, unsupported),
            "false_flags": sum(f and not u for u, f in zip(unsupported, flagged, strict=True)),
            "supported": supported_n,
            "missed": sum(u and not f for u, f in zip(unsupported, flagged, strict=True)),
            "unsupported": sum(unsupported)}


def best_cut(scores: list[float], unsupported: list[bool]) -> float:
    """The cut (flag below it) with the best agreement on the calibration answers."""
    candidates = sorted(set(scores)) + [max(scores) + 1e-9]
    return max(candidates, key=lambda c: (np.mean([(s < c) == u for s, u in zip(scores, unsupported, strict=True)]), -c))


def fit_learned(claims: list[dict], rows: list[dict]) -> dict:
    from evalharness.verifier import FEATURES, KIND, VERSION, LearnedVerifier, fit

    cal = [c for c in claims if c["split"] == "calibration"]
    coef, intercept, mean, scale = fit([c["features"] for c in cal], [c["supported"] for c in cal])
    model = LearnedVerifier(None, coef, intercept, mean, scale)
    scores: dict[str, list[float]] = {}
    for c in cal:
        p = model.score(c["features"])
        scores.setdefault(c["key"], []).append(p)
    cal_rows = [r for r in rows if r["key"] in scores]
    threshold = best_cut([min(scores[r["key"]]) for r in cal_rows], [not r["label"]["supported"] for r in cal_rows])
    digest = hashlib.sha256(ANSWERS.read_bytes() + LABELS.read_bytes()).hexdigest()[:16]
    return {"kind": KIND, "version": VERSION, "features": list(FEATURES), "coef": coef.tolist(),
            "intercept": intercept, "mean": mean.tolist(), "scale": scale.tolist(), "threshold": float(threshold),
            "embedder": EMBEDDER,
            "trained_on": {"answers": str(ANSWERS.relative_to(ROOT)), "labels": str(LABELS.relative_to(ROOT)),
                           "sha256": digest, "split": "calibration", "claims": len(cal),
                           "answers_n": len(cal_rows)},
            "script": "bench/bench_verifier.py --fit",
            "created_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fit", action="store_true", help="refit evalharness/learned_verifier.json first")
    parser.add_argument("--no-write", action="store_true", help="print, do not rewrite BENCHMARKS.md")
    parser.add_argument("--judge", default=None, help="also an LLM judge (ragas faithfulness): openai:MODEL or a "
                                                      "local model, as qa eval --judge")
    parser.add_argument("--judge-base-url", default=None, help="endpoint for an openai:MODEL judge")
    args = parser.parse_args()

    from evalharness.correctness import is_correct
    from evalharness.verifier import WEIGHTS_FILE, load_learned
    from qacore.claims import CachingEmbedder
    from qacore.embedder import Embedder
    from qacore.support import SupportChecker

    embedder = CachingEmbedder(Embedder.shared(EMBEDDER["spec"], dtype=EMBEDDER["dtype"]))
    rows = load()
    claims = claim_rows(rows, embedder)
    if args.fit:
        data = fit_learned(claims, rows)
        WEIGHTS_FILE.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        print(f"bench: wrote {WEIGHTS_FILE.relative_to(ROOT)} ({data['trained_on']['claims']} claims)", file=sys.stderr)
    learned = load_learned(WEIGHTS_FILE, embedder)

    judged = [r for r in rows if r["claims"] and r["label"]["supported"] is not None]
    held = [r for r in judged if r["split"] == "held_out"]
    cal = [r for r in judged if r["split"] == "calibration"]
    results, speed = {}, {}

    # word overlap: lowest claim coverage, cut chosen on the calibration half
    from qacore.support import content_words

    def coverage(claim: str, evidence: list[str]) -> float:
        words = content_words(claim)
        ev = set(content_words("\n".join(evidence)))
        return sum(w in ev for w in words) / len(words) if words else 1.0

    def lowest_coverage(r):
        return min(coverage(c, r["evidence"]) for c in r["claims"])

    cut = best_cut([lowest_coverage(r) for r in cal], [not r["label"]["supported"] for r in cal])
    began = time.perf_counter()
    scores = {r["key"]: [coverage(c, r["evidence"]) for c in r["claims"]] for r in held}
    speed["word overlap"] = sum(map(len, scores.values())) / (time.perf_counter() - began)
    results["word overlap"] = answer_level(held, scores, cut)

    # the threshold verifier with its defaults (hard checks + coverage/similarity): qa eval before this change
    for name, question_aware in (("threshold verifier", False), ("threshold verifier, question-aware", True)):
        checker = SupportChecker(CachingEmbedder(embedder.embedder))  # a cold cache for each verifier: fair claims/s
        began = time.perf_counter()
        scores = {}
        for r in held:
            verdicts = [checker.check(c, r["evidence"], r["question"] if question_aware else "") for c in r["claims"]]
            scores[r["key"]] = [(1.0 if v.supported else -1.0) + max(v.coverage, v.similarity or 0) for v in verdicts]
        speed[name] = sum(map(len, scores.values())) / (time.perf_counter() - began)
        results[name] = answer_level(held, scores, 1.0)

    learned.embedder = CachingEmbedder(embedder.embedder)
    began = time.perf_counter()
    scores = {r["key"]: [learned.check(c, r["evidence"], r["question"]).probability for c in r["claims"]] for r in held}
    speed["learned verifier"] = sum(map(len, scores.values())) / (time.perf_counter() - began)
    results["learned verifier"] = answer_level(held, scores, learned.threshold)

    if args.judge:  # the LLM judge on the same answers: faithfulness >= 0.5 counts as supported
        from evalharness.judge import AGREEMENT_THRESHOLD, run_judge

        items = [{"question": r["question"], "answer": r["answer"], "evidence": r["evidence"], "refused": False,
                  "variant": r["variant"], "item_id": r["key"]} for r in held]
        began = time.perf_counter()
        run_judge(items, spec=args.judge, metrics=["faithfulness"], cache_path=ROOT / "bench" / ".work" /
                  "judge-cache.sqlite", base_url=args.judge_base_url)
        speed["LLM judge"] = sum(len(r["claims"]) for r in held) / (time.perf_counter() - began)
        scores = {}
        for r, item in zip(held, items, strict=True):
            record = item["judge"]["faithfulness"]
            scores[r["key"]] = [record["score"] if record.get("status") == "scored" else 0.0]
        results["LLM judge"] = answer_level(held, scores, AGREEMENT_THRESHOLD)

    # answer_correct on held-out answers with a reference and a correctness label
    from evalharness.metrics import normalize_answer
    from qacore.claims import strip_citations
    from qacore.reader import token_f1
    from qacore.support import numbers_in

    def old_rule(answer: str, reference: str, question: str) -> bool:
        ref = normalize_answer(reference)
        if ref and f" {ref} " in f" {normalize_answer(answer)} ":
            return True
        ok = numbers_in(strip_citations(reference)) <= numbers_in(strip_citations(answer))
        return ok and token_f1(content_words(strip_citations(answer)), content_words(strip_citations(reference))) > 0.5

    graded = [r for r in rows if r["reference"] and r["label"]["correct"] is not None and r["answerable"]]
    correctness = {}
    for name, rule in (("lexical (before)", old_rule), ("key facts (evalharness/correctness.py)", is_correct)):
        for part in ("calibration", "held_out"):
            subset = [r for r in graded if r["split"] == part]
            agree = [float(rule(r["answer"], r["reference"], r["question"]) == r["label"]["correct"]) for r in subset]
            correctness[(name, part)] = agree

    if args.fit:  # the held-out numbers go into the manifest: qa eval reports them, and uses the learned verifier
        # only if it beats the threshold verifier on these held-out real answers
        data = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
        ours, theirs = results["learned verifier"], results["threshold verifier, question-aware"]
        new_rule = correctness[("key facts (evalharness/correctness.py)", "held_out")]
        data["held_out"] = {**ours, "answer_correct_agreement": float(np.mean(new_rule)),
                            "answer_correct_n": len(new_rule), "threshold_verifier": theirs}
        data["beats_threshold_verifier"] = bool((ours["agreement"], ours["auroc"] or 0)
                                                > (theirs["agreement"], theirs["auroc"] or 0))
        WEIGHTS_FILE.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    report(results, speed, correctness, rows, held, learned, args.no_write)


def report(results, speed, correctness, rows, held, learned, no_write) -> None:
    from evalharness.bootstrap import bootstrap_ci

    def pct(x):
        return "-" if x is None else f"{x:.0%}"

    corpora = sorted({r["corpus"] for r in held})
    per_corpus = ", ".join(f"{c}: {sum(r['corpus'] == c for r in held)}" for c in corpora)
    lines = [f"Measured {time.strftime('%Y-%m-%d')} on {machine()}.", "",
             f"Held-out real answers with at least one claim: {len(held)} "
             f"({per_corpus}; "
             f"{sum(not r['label']['supported'] for r in held)} labelled unsupported), variants: "
             f"{', '.join(sorted({r['variant'] for r in held}))}. Labels: bench/data/verifier-labels.jsonl (rules in "
             "docs/labelling.md); answers and their evidence: bench/data/verifier-answers.jsonl. The learned verifier "
             f"was fitted on the calibration half ({learned.info['trained_on']['claims']} claims of "
             f"{learned.info['trained_on']['answers_n']} answers), never on these.", "",
             "| verifier | agreement with labels (95% CI) | AUROC | supported answers flagged | unsupported answers missed | claims/s |",
             "|---|---|---|---|---|---|"]
    for name, r in results.items():
        auc = "-" if r["auroc"] is None else f"{r['auroc']:.2f}"
        lines.append(f"| {name} | {r['agreement']:.0%} ({r['agreement_ci'][0]:.0%}-{r['agreement_ci'][1]:.0%}) | {auc} | "
                     f"{r['false_flags']}/{r['supported']} ({pct(r['false_flags'] / r['supported'] if r['supported'] else None)}) | "
                     f"{r['missed']}/{r['unsupported']} | {speed[name]:.0f} |")
    if "LLM judge" not in results:
        lines.append("| LLM judge (ragas faithfulness) | not run: no endpoint configured (pass --judge, "
                     "--judge-base-url) | | | | |")
    lines += ["", "`answer_correct` vs the hand correctness labels (answerable questions with a reference):", "",
              "| rule | held-out agreement (95% CI) | calibration agreement |", "|---|---|---|"]
    for name in dict.fromkeys(n for n, _ in correctness):
        h, c = correctness[(name, "held_out")], correctness[(name, "calibration")]
        lo, hi = bootstrap_ci(h, seed=0)
        lines.append(f"| {name} | {np.mean(h):.0%} ({lo:.0%}-{hi:.0%}), n={len(h)} | {np.mean(c):.0%}, n={len(c)} |")
    section = HEADING + "\n\n" + "\n".join(lines) + "\n"
    print(section)
    if not no_write:
        write_section(HEADING, section)


if __name__ == "__main__":
    main()
