#!/usr/bin/env python3
"""Synthetic Q&A from real prose: pairs, coverage and acceptance per generator, on corpora/ (ours), the 18F
handbook and policyqa-dev's 20 privacy policies (real documents nobody here wrote) side by side, plus the hand-checked quality of a random sample of 18F pairs. Writes the section
"Synthetic Q&A from real prose" of BENCHMARKS.md.

Each corpus is ingested into a fresh temporary workspace (`qa ingest --no-dataset`, timed) and its dataset built
with the LLM-free generators (`qa generate --generator none`, timed): the extractors and the sentence rules. The
LLM's share is left out because on 2 cores it would take longer than the ingest itself; `qa generate` with a
generator adds LLM questions for the chunks that are still uncovered (on 18F, measured apart: 60 facts asked, 20
questions accepted, 3 of them good by hand; docs/labelling.md, round 25).

    .venv/bin/python bench/bench_dataset.py                         # both corpora, write BENCHMARKS.md
    .venv/bin/python bench/bench_dataset.py --draw 60 --seed 5      # also write new samples of 18F pairs to label
    .venv/bin/python bench/bench_dataset.py --no-write              # print only

The hand labels (bench/data/18f-dataset-labels.jsonl, rules in docs/labelling.md "Synthetic pairs") are joined
to the dataset by question + answer, so a label still counts when the pair is regenerated unchanged; a sampled
pair the current rules no longer produce is reported as such, not silently dropped.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, machine, write_section  # noqa: E402

HANDBOOK = ROOT.parent / "shared" / "datasets" / "18f-handbook"
LABELS = ROOT / "bench" / "data" / "18f-dataset-labels.jsonl"
SAMPLE = ROOT / "bench" / "data" / "18f-dataset-sample.jsonl"
# the same draw over the dataset `qa generate --min-rule-quality PRECISE` builds (ingest/dataset/rule_quality.py)
PRECISE = 0.8
PRECISE_SAMPLE = ROOT / "bench" / "data" / "18f-dataset-sample-precise.jsonl"
CHECKS = ("natural", "self_contained", "answerable", "correct")
HEADING = "## Synthetic Q&A from real prose (bench/bench_dataset.py)"
SEED = 2026
LAST_RUN = ROOT / "bench" / ".work" / "dataset" / "results.json"  # bench/.work is git-ignored


def qa(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cli", *args], cwd=ROOT, check=True, capture_output=True, text=True)


def build(name: str, docs: Path, work: Path) -> dict:
    ws = work / name
    ws.mkdir(parents=True)
    print(f"bench: {name}: ingesting {docs}", file=sys.stderr)
    started = time.perf_counter()
    qa("ingest", "-w", str(ws / ".qa"), str(docs), "--no-dataset")
    return generate(name, ws, time.perf_counter() - started)


def generate(name: str, ws: Path, ingest_s: float, *options: str) -> dict:
    """The dataset of an ingested workspace, LLM-free, with `options` for `qa generate`."""
    print(f"bench: {name}: building the dataset", file=sys.stderr)
    started = time.perf_counter()
    out = qa("generate", "-w", str(ws / ".qa"), "--generator", "none", "--json", *options)
    dataset_s = time.perf_counter() - started
    report = json.loads(out.stdout)
    folder = Path(report["folder"])
    pairs = [json.loads(line) for split in ("train.jsonl", "eval.jsonl")
             for line in (folder / split).read_text(encoding="utf-8").splitlines() if line.strip()]
    return {"name": name, "report": report, "pairs": [p for p in pairs if p["answerable"]],
            "ingest_s": ingest_s, "dataset_s": dataset_s, "workspace": str(ws)}


def _key(pair: dict) -> str:
    return f"{pair['question']}\n{pair['answer']}"


def draw(pairs: list[dict], n: int, seed: int) -> list[dict]:
    """A seeded random sample that small dataset changes leave in place: each pair's rank is a hash of the seed and
    its question + answer, so a pair stays drawn while it is generated, and only the pairs a change removes are
    replaced. (`random.sample` over the list re-drew a third of the sample after a fix that removed 10 of 1,893
    pairs and added 3: round 20's seed then drew 20 pairs nobody had labelled.)"""
    return sorted(pairs, key=lambda p: hashlib.sha256(f"{seed}\n{_key(p)}".encode()).hexdigest())[:n]


def quality(pairs: list[dict], sample_file: Path = SAMPLE) -> dict | None:
    """The hand check: the current sample (bench/data/18f-dataset-sample.jsonl) joined with its labels, and the
    result of every earlier round (labels keep the round they were written in)."""
    if not (LABELS.exists() and sample_file.exists()):
        return None
    labels = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip()]
    by_key = {_key(label): label for label in labels}
    sample = [json.loads(line) for line in sample_file.read_text(encoding="utf-8").splitlines() if line.strip()]
    current = {_key(p) for p in pairs}
    labelled = [by_key[_key(p)] for p in sample if _key(p) in by_key]
    rounds = {}
    for label in labels:
        n, good = rounds.get(label["round"], (0, 0))
        rounds[label["round"]] = (n + 1, good + all(label[c] for c in CHECKS))
    return {"n": len(sample), "labelled": len(labelled), "good": sum(all(lb[c] for c in CHECKS) for lb in labelled),
            "still_generated": sum(_key(p) in current for p in sample), "rounds": rounds,
            **{c: sum(lb[c] for lb in labelled) for c in CHECKS}}


def table(results: list[dict], hand: dict | None, precise: dict | None = None) -> str:
    rows = [("documents", lambda r: r["report"]["documents_covered"].split("/")[1]),
            ("words of prose", lambda r: f"{r['report']['prose_words']:,}"),
            ("accepted answerable pairs (train + eval)", lambda r: str(len(r["pairs"]))),
            ("prose words per pair (target <= 150 on 18F)", lambda r: f"{r['report']['words_per_pair']:.0f}"),
            ("chunks with a pair (target >= 60% on 18F)", lambda r: _share(r["report"]["chunks_covered"])),
            ("chunks with a checkable fact that have a pair", lambda r: _share(r["report"]["fact_chunks_covered"])
             if r["report"].get("fact_chunks_covered") else "not measured"),
            ("expected good, by the generators' hand-checked rates (rule_quality.py)", _expected_good),
            ("documents with no pair", lambda r: str(len(r["report"]["documents_without_pairs"]))),
            ("unanswerable questions", lambda r: str(r["report"]["accepted"]["unanswerable"])),
            ("ingest s / dataset s", lambda r: f"{r['ingest_s']:.0f} / {r['dataset_s']:.0f}")]
    lines = ["| | " + " | ".join(r["name"] for r in results) + " |", "|---" * (len(results) + 1) + "|"]
    lines += [f"| {label} | " + " | ".join(get(r) for r in results) + " |" for label, get in rows]
    families = sorted({f for r in results for f in r["report"]["candidates_by_generator"]})
    lines += ["", "Accepted / candidates per generator (the gates: support, question form, near-duplicates, "
              "round-trip retrieval for sentence rules before they become candidates):", "",
              "| generator | " + " | ".join(r["name"] for r in results) + " |", "|---" * (len(results) + 1) + "|"]
    for family in families:
        cells = [f"{r['report']['by_generator'].get(family, 0)} / {r['report']['candidates_by_generator'].get(family, 0)}"
                 for r in results]
        lines.append(f"| {family} | " + " | ".join(cells) + " |")
    if hand:
        rounds = "; ".join(f"round {r}: {good}/{n}" for r, (n, good) in sorted(hand["rounds"].items()))
        lines += ["", f"Hand check (bench/data/18f-dataset-labels.jsonl, rules in docs/labelling.md): of a seeded random "
                  f"sample of {hand['n']} accepted 18F pairs, {hand['labelled']} labelled, **{hand['good']} "
                  f"({hand['good'] / max(hand['labelled'], 1):.0%}) natural, self-contained, answerable from their "
                  f"source and correctly answered** (target >= 85%): {_checks(hand)} Every labelled pair by round: "
                  f"{rounds}."]
    if precise:
        lines += ["", f"Hand check of `--min-rule-quality {PRECISE}` (the same draw over that dataset, "
                  f"bench/data/18f-dataset-sample-precise.jsonl): {precise['labelled']} of {precise['n']} labelled, "
                  f"**{precise['good']} ({precise['good'] / max(precise['labelled'], 1):.0%}) good**: {_checks(precise)}"]
    return "\n".join(lines)


def _checks(hand: dict) -> str:
    return (f"natural {hand['natural']}, self-contained {hand['self_contained']}, answerable {hand['answerable']}, "
            f"correct {hand['correct']}; {hand['still_generated']} of the {hand['n']} are produced by the current "
            f"rules.")


def _expected_good(result: dict) -> str:
    from ingest.dataset.rule_quality import expected_good

    return f"{expected_good(p['generator'] for p in result['pairs']):.0%}"


def _share(fraction: str) -> str:
    covered, total = (int(x) for x in fraction.split("/"))
    return f"{covered}/{total} ({covered / total:.0%})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--draw", type=int, default=0, help="write a seeded random sample of N 18F pairs to label")
    parser.add_argument("--seed", type=int, default=SEED,
                        help="seed of the --draw sample; a new labelling round takes a new seed, so it is a fresh "
                             "sample and not the pairs of the last round that survived")
    parser.add_argument("--no-write", action="store_true", help="print the table, leave BENCHMARKS.md alone")
    parser.add_argument("--table-only", action="store_true",
                        help="build nothing: the table from the last run's results and the current labels")
    args = parser.parse_args()
    if args.table_only:
        results = json.loads(LAST_RUN.read_text(encoding="utf-8"))
        return report(results, args.no_write, json.loads((LAST_RUN.parent / "measured.json").read_text())["date"])
    with tempfile.TemporaryDirectory(prefix="qa-bench-dataset-") as tmp:
        from bench_ingest import build_corpus  # policyqa-dev's 20 privacy policies, one markdown file each

        policies = Path(tmp) / "policyqa-docs"
        build_corpus(policies)
        results = [build("corpora/", ROOT / "corpora", Path(tmp)), build("18F handbook", HANDBOOK, Path(tmp)),
                   build("policyqa-dev", policies, Path(tmp))]
        # the precise dataset of the same 18F index (the default one was read above)
        results.append(generate(f"18F, --min-rule-quality {PRECISE}", Path(results[1]["workspace"]),
                                results[1]["ingest_s"], "--min-rule-quality", str(PRECISE)))
    if args.draw:
        for dataset, out in ((results[1], SAMPLE), (results[3], PRECISE_SAMPLE)):
            sample = draw(dataset["pairs"], args.draw, args.seed)
            out.write_text("".join(json.dumps({k: p[k] for k in ("id", "question", "answer", "generator", "source")},
                                              ensure_ascii=False) + "\n" for p in sample), encoding="utf-8")
            print(f"bench: wrote {len(sample)} pairs to label to {out}", file=sys.stderr)
    LAST_RUN.parent.mkdir(parents=True, exist_ok=True)
    LAST_RUN.write_text(json.dumps(results, ensure_ascii=False), encoding="utf-8")
    measured = f"{time.strftime('%Y-%m-%d')} on {machine()}"
    (LAST_RUN.parent / "measured.json").write_text(json.dumps({"date": measured}), encoding="utf-8")
    report(results, args.no_write, measured)


def report(results: list[dict], no_write: bool, measured: str) -> None:
    precise = quality(results[3]["pairs"], PRECISE_SAMPLE) if len(results) > 3 else None
    body = table(results, quality(results[1]["pairs"]), precise)
    print(body)
    if not no_write:
        section = (f"{HEADING}\n\nMeasured {measured}. LLM-free generators (`qa generate --generator none`).\n\n"
                   f"{body}\n")
        write_section(HEADING, section)


if __name__ == "__main__":
    main()
