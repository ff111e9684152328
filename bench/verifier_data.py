"""Real answers for judging the judge (issue 12): export `qa eval` runs with their evidence, and check the labels.

    python bench/verifier_data.py export RUN_DIR:CORPUS ...   -> bench/data/verifier-answers.jsonl (appends new keys)
    python bench/verifier_data.py shards N OUT_DIR            -> N labelling task files of the unlabelled answers
    python bench/verifier_data.py merge FILE ...              -> adds label lines to bench/data/verifier-labels.jsonl
    python bench/verifier_data.py status                      -> how many answers are labelled, per corpus/variant

The labels are written by hand, by reading the evidence, with the rules in docs/labelling.md ("Answers: supported
by their passages, and correct"). `merge` only checks their shape (every claim of the answer labelled, keys known).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT / "bench" / "data"
ANSWERS = DATA / "verifier-answers.jsonl"
LABELS = DATA / "verifier-labels.jsonl"


def answer_key(variant: str, question: str, answer: str) -> str:
    return hashlib.sha256(f"{variant}\n{question}\n{answer}".encode()).hexdigest()[:16]


def split_of(question: str) -> str:
    return "held_out" if int(hashlib.sha256(question.encode()).hexdigest(), 16) % 2 else "calibration"


def read_jsonl(path: Path) -> list[dict]:
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def export(specs: list[str]) -> None:
    from qacore.claims import split_claims

    rows = read_jsonl(ANSWERS)
    known = {r["key"] for r in rows}
    added = 0
    for spec in specs:
        run_dir, corpus = spec.rsplit(":", 1)
        for item in read_jsonl(Path(run_dir) / "items.jsonl"):
            key = answer_key(item["variant"], item["question"], item["answer"])
            if key in known:
                continue
            known.add(key)
            rows.append({
                "key": key, "corpus": corpus, "variant": item["variant"], "question": item["question"],
                "reference": item.get("reference"), "answerable": bool(item.get("answerable", True)),
                "answer": item["answer"], "refused": bool(item.get("refused")), "rag": bool(item.get("rag")),
                "claims": split_claims(item["answer"] or ""),
                "evidence": [e for e in (item.get("evidence") or []) if e and e.strip()],
                "split": split_of(item["question"]), "run": Path(run_dir).name,
            })
            added += 1
    ANSWERS.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{added} answers added, {len(rows)} in {ANSWERS.relative_to(ROOT)}")


def needs_label(row: dict) -> bool:
    return bool(row["claims"]) or (row["answerable"] and row["reference"] is not None)


def shards(n: int, out: Path) -> None:
    labelled = {r["key"] for r in read_jsonl(LABELS)}
    todo = [r for r in read_jsonl(ANSWERS) if r["key"] not in labelled and needs_label(r)]
    todo.sort(key=lambda r: (r["corpus"], r["question"], r["variant"]))  # one question's answers together
    earlier = {r["key"]: r["correct"] for r in read_jsonl(DATA / "18f-answer-labels.jsonl")}
    for r in todo:  # correctness already labelled by hand for bench_answers (same key, same answer text)
        if r["key"] in earlier:
            r["known_correct"] = earlier[r["key"]]
    out.mkdir(parents=True, exist_ok=True)
    size = -(-len(todo) // n)
    for i in range(n):
        part = todo[i * size:(i + 1) * size]
        (out / f"shard-{i}.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in part),
                                              encoding="utf-8")
        print(f"{out / f'shard-{i}.jsonl'}: {len(part)} answers")


def merge(files: list[str]) -> None:
    answers = {r["key"]: r for r in read_jsonl(ANSWERS)}
    labels = {r["key"]: r for r in read_jsonl(LABELS)}
    problems = []
    for file in files:
        for n, row in enumerate(read_jsonl(Path(file)), 1):
            answer = answers.get(row.get("key"))
            where = f"{file}:{n}"
            if answer is None:
                problems.append(f"{where}: unknown key {row.get('key')!r}")
                continue
            texts = [c["text"] for c in row.get("claims", [])]
            if texts != answer["claims"]:
                problems.append(f"{where}: claims differ from the answer's ({len(texts)} vs {len(answer['claims'])})")
                continue
            if answer["claims"] and row.get("supported") is not all(c["supported"] for c in row["claims"]):
                problems.append(f"{where}: 'supported' must be true exactly when every claim is")
                continue
            if row.get("correct") not in (True, False, None):
                problems.append(f"{where}: 'correct' must be true, false or null")
                continue
            labels[row["key"]] = {k: row.get(k) for k in ("key", "supported", "claims", "unsupported_claims",
                                                          "correct", "note", "labeller")}
    if problems:
        print("\n".join(problems), file=sys.stderr)
    order = list(answers)
    merged = sorted(labels.values(), key=lambda r: order.index(r["key"]) if r["key"] in answers else len(order))
    LABELS.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in merged), encoding="utf-8")
    print(f"{len(merged)} labels in {LABELS.relative_to(ROOT)}; {len(problems)} lines refused")


def status() -> None:
    labels = {r["key"] for r in read_jsonl(LABELS)}
    rows = read_jsonl(ANSWERS)
    count = Counter((r["corpus"], r["variant"], r["key"] in labels, needs_label(r)) for r in rows)
    for (corpus, variant, done, needed), n in sorted(count.items()):
        print(f"{corpus:8} {variant:22} {'labelled' if done else 'todo' if needed else 'no claims/ref'}: {n}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("export").add_argument("runs", nargs="+", help="RUN_DIR:CORPUS")
    p = sub.add_parser("shards")
    p.add_argument("n", type=int)
    p.add_argument("out", type=Path)
    sub.add_parser("merge").add_argument("files", nargs="+")
    sub.add_parser("status")
    args = parser.parse_args()
    if args.command == "export":
        export(args.runs)
    elif args.command == "shards":
        shards(args.n, args.out)
    elif args.command == "merge":
        merge(args.files)
    else:
        status()


if __name__ == "__main__":
    main()
