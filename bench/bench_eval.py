#!/usr/bin/env python3
"""Benchmark answer generation in `qa eval` against one-by-one `transformers` pipeline calls, side by side.

Naive script (what a user would write): `pipeline("text-generation", model=FOLDER, tokenizer=FOLDER)` and one
call per item, `pipe(messages, max_new_tokens=96, do_sample=False)`, with the chat messages of
qacore.prompting.answer_messages. Both sides: the embedded SmolLM2-135M-Instruct (the same local folder), greedy
decoding, qa eval's answer budget (qacore.answering.ANSWER_TOKENS new tokens), the same N items (the eval split +
unanswerable set, picked as `qa eval --limit N` picks them), variants base (closed-book) and base+rag. For
base+rag the naive side gets the passages qa's retrieval found (retrieved once, before timing), so retrieval
is not part of the comparison. Each side runs in a fresh process (peak RSS = its VmHWM).

qa side: evalharness.run.generate_answers, the `qa eval` generation step, with a fresh generation cache; then
an unchanged re-run in another fresh process with that cache (the cached path). Verifier calibration and
scoring are not run: the naive side does not verify either.

Measured: answers/s over the generation time only (model loading excluded on both sides, retrieval excluded on
the qa side), speed-up, generated tokens, peak RSS, the cached re-run's time, and how many answers are
identical on both sides (greedy + same prompt should mostly agree; padding in a batch can change a few).
Prints a table and rewrites the section "## Eval answer generation (bench/bench_eval.py)" of BENCHMARKS.md.

    .venv/bin/python bench/bench_eval.py                  # builds bench/.work/eval from corpora/ once
    .venv/bin/python bench/bench_eval.py --workspace .qa --items 2 --no-write

Internal: `--only qa|qa-cached|naive --workspace WS --items N --out DIR` runs one side and prints JSON.
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import json
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from common import corpora_workspace, cpu_counters, peak_rss_mib, write_section  # noqa: E402
from common import machine as common_machine  # noqa: E402  (bench/common.py, next to this script)

WORK = ROOT / "bench" / ".work" / "eval"
HEADING = "## Eval answer generation (bench/bench_eval.py)"
BASE = "embedded:SmolLM2-135M-Instruct"
VARIANTS = ("base", "base+rag")
TARGET_SPEEDUP = 4.0

from qacore.workspace import Workspace  # noqa: E402  (after sys.path)


@dataclass(frozen=True)
class BenchWorkspace(Workspace):
    """The workspace with qa eval's generation cache moved to a file of the bench's own: cold on the first run,
    and a cache the user has in --workspace is neither read nor touched."""

    cache_file: Path = Path("generations.sqlite")

    @property
    def generation_cache(self) -> Path:
        return self.cache_file


def ensure_workspace(ws: Path | None) -> Path:
    """The given workspace, or corpora/ ingested once into WORK (extractors only, no LLM)."""
    return ws if ws is not None else corpora_workspace(WORK)


def bench_config():
    from qacore.config import load_config

    return load_config(None, {"models.generator": BASE})


def bench_items(workspace: Workspace, n: int) -> list:
    """The items `qa eval --limit n` answers (eval split + unanswerable set, the mix kept)."""
    from evalharness.run import _limit, dataset_items

    return _limit(dataset_items(workspace), n)


def device_and_dtype() -> tuple[str, str]:
    """What LocalGenerator picks (qacore.generation), given to the naive side too."""
    import torch

    from qacore.generation import pick_device

    device = pick_device("auto")
    return device, "bfloat16" if device == "cuda" and torch.cuda.is_bf16_supported() else "float32"




def preimport() -> None:
    """Import the heavy libraries before any timer starts (a fresh process pays this either way)."""
    import sentence_transformers  # noqa: F401
    import torch  # noqa: F401
    import transformers  # noqa: F401


# --- the qa side ----------------------------------------------------------------------------------------------


def instrument() -> dict:
    """Time qa's own calls without changing them: model loads, generate() calls (per variant), retrieval.
    LocalGenerator loads the model lazily inside its first generate(), so generation = generate - load."""
    from qacore.answering import Assistant
    from qacore.generation import LocalGenerator

    stats: dict = {"current": None, "retrieve_s": 0.0, "variants": {}}

    def slot() -> dict:
        return stats["variants"].setdefault(
            stats["current"], {"generate_s": 0.0, "load_s": 0.0, "loads": 0, "generated": 0}
        )

    load, generate = LocalGenerator.load, LocalGenerator.generate
    answer_many, retrieve = Assistant.answer_many, Assistant.retrieve

    def timed_load(self):
        if self.model is not None:
            return
        began = time.perf_counter()
        load(self)
        slot()["load_s"] += time.perf_counter() - began
        slot()["loads"] += 1

    def timed_generate(self, conversations, *args, **kwargs):
        began = time.perf_counter()
        out = generate(self, conversations, *args, **kwargs)
        slot()["generate_s"] += time.perf_counter() - began
        slot()["generated"] += len(conversations)
        return out

    def tagged_answer_many(self, *args, **kwargs):
        stats["current"] = self.variant.name
        return answer_many(self, *args, **kwargs)

    def timed_retrieve(self, questions):
        began = time.perf_counter()
        out = retrieve(self, questions)
        stats["retrieve_s"] += time.perf_counter() - began
        return out

    LocalGenerator.load, LocalGenerator.generate = timed_load, timed_generate
    Assistant.answer_many, Assistant.retrieve = tagged_answer_many, timed_retrieve
    return stats


def run_qa(ws: Path, n: int, out: Path, cached: bool) -> dict:
    from evalharness.run import generate_answers
    from qacore.answering import Variant

    cache = out / "qa-generations.sqlite"
    if not cached:  # cold: a fresh cache file
        for suffix in ("", "-wal", "-shm"):
            Path(str(cache) + suffix).unlink(missing_ok=True)
    workspace = BenchWorkspace(ws.resolve(), cache)
    config = bench_config()
    items = bench_items(workspace, n)
    preimport()
    stats = instrument()
    began = time.perf_counter()
    results = generate_answers(workspace, config, [Variant.parse(v) for v in VARIANTS], items)
    wall = time.perf_counter() - began
    variants = {}
    for name in VARIANTS:
        rows = [r for r in results if r["variant"] == name]
        s = stats["variants"].get(name, {"generate_s": 0.0, "load_s": 0.0, "loads": 0, "generated": 0})
        variants[name] = {
            "generation_s": s["generate_s"] - s["load_s"],
            "load_s": s["load_s"],
            "loads": s["loads"],
            "generated": s["generated"],
            "item_ids": [r["item_id"] for r in rows],
            "answers": [r["answer"] for r in rows],
            "new_tokens": [r["new_tokens"] for r in rows],
            "chunk_ids": [r["retrieved_chunk_ids"] for r in rows],
        }
    return {"wall_s": wall, "retrieve_s": stats["retrieve_s"], "variants": variants}


# --- the naive side -------------------------------------------------------------------------------------------


def run_naive(prompts: Path) -> dict:
    """The script a user would write from the transformers docs: one pipeline call per question."""
    preimport()
    from transformers import pipeline

    from qacore.answering import ANSWER_TOKENS
    from qacore.models import resolve_generator_model

    data = json.loads(prompts.read_text(encoding="utf-8"))
    path = str(resolve_generator_model(BASE).path)
    device, dtype = device_and_dtype()
    began = time.perf_counter()
    pipe = pipeline("text-generation", model=path, tokenizer=path, device=device, dtype=dtype)
    load_s = time.perf_counter() - began
    variants = {}
    for name in VARIANTS:
        answers = []
        began = time.perf_counter()
        for messages in data["conversations"][name]:
            out = pipe(messages, max_new_tokens=ANSWER_TOKENS, do_sample=False)
            answers.append(out[0]["generated_text"][-1]["content"].strip())
        variants[name] = {"generation_s": time.perf_counter() - began, "answers": answers,
                          "prefill_s": prefill_seconds(pipe, data["conversations"][name])}
    return {"load_s": load_s, "variants": variants, "device": device, "dtype": dtype}


def prefill_seconds(pipe, conversations: list) -> float:
    """The floor under any engine on this machine: one forward pass over each prompt, alone, no decoding.
    (Batching padded prompts was slower per row on CPU: qacore/decoding.py.)"""
    import torch

    from qacore.prompting import render_chat

    total = 0.0
    for messages in conversations:
        ids = pipe.tokenizer(render_chat(pipe.tokenizer, messages), add_special_tokens=False,
                             return_tensors="pt").input_ids.to(pipe.model.device)
        began = time.perf_counter()
        with torch.inference_mode():
            pipe.model(input_ids=ids, logits_to_keep=1)
        total += time.perf_counter() - began
    return total


def child_main(which: str, ws: Path, n: int, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    if which == "naive":
        result = run_naive(out / "prompts.json")
    else:
        result = run_qa(ws, n, out, cached=which == "qa-cached")
    result["peak_rss_mib"] = peak_rss_mib()
    print(json.dumps(result))


# --- parent ---------------------------------------------------------------------------------------------------


def prepare(ws: Path, n: int) -> dict:
    """Items, qa's retrieval (once, shared), and the exact chat messages per variant, for the naive side."""
    from transformers import AutoTokenizer

    from qacore.answering import Assistant, Variant
    from qacore.models import resolve_generator_model
    from qacore.prompting import answer_messages, render_chat

    workspace = Workspace(ws)
    config = bench_config()
    items = bench_items(workspace, n)
    questions = [i.question for i in items]
    passages = Assistant(workspace, config, Variant("base", True)).retrieve(questions)
    conversations = {
        "base": [answer_messages(q) for q in questions],
        "base+rag": [answer_messages(q, p) for q, p in zip(questions, passages, strict=True)],
    }
    tokenizer = AutoTokenizer.from_pretrained(resolve_generator_model(BASE).path)
    prompt_tokens = {
        name: [len(tokenizer(render_chat(tokenizer, m), add_special_tokens=False).input_ids) for m in convs]
        for name, convs in conversations.items()
    }
    return {
        "item_ids": [i.item_id for i in items],
        "answerable": sum(i.answerable for i in items),
        "chunk_ids": [[c.id for c in p] for p in passages],
        "conversations": conversations,
        "prompt_tokens": prompt_tokens,
        "k": config.retrieval.k,
    }




def run_child(which: str, ws: Path, n: int) -> dict:
    cmd = [sys.executable, __file__, "--only", which, "--workspace", str(ws), "--items", str(n)]
    proc = subprocess.run(cmd + ["--out", str(WORK)], cwd=ROOT, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"--only {which} failed:\n{proc.stderr[-4000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def machine() -> str:
    import transformers

    return common_machine(f"transformers {transformers.__version__}")


def token_counter():
    """Generated tokens, counted the same way for both sides: the answer text re-tokenized."""
    from transformers import AutoTokenizer

    from qacore.models import resolve_generator_model

    tokenizer = AutoTokenizer.from_pretrained(resolve_generator_model(BASE).path)
    return lambda texts: sum(len(tokenizer(a, add_special_tokens=False).input_ids) for a in texts)


def summarize(prep: dict, results: dict) -> dict:
    qa, cached, naive = results["qa"], results["qa-cached"], results["naive"]
    n = len(prep["item_ids"])
    count_tokens = token_counter()
    s: dict = {"n": n, "variants": {}}
    for name in VARIANTS:
        q, c, v = qa["variants"][name], cached["variants"][name], naive["variants"][name]
        if q["item_ids"] != prep["item_ids"] or c["item_ids"] != prep["item_ids"]:
            raise RuntimeError(f"{name}: the qa side answered other items than the naive side")
        diff = [
            i
            for i, (a, b) in enumerate(zip(q["answers"], v["answers"], strict=True))
            if a.strip() != b.strip()
        ]
        s["variants"][name] = {
            "qa_s": q["generation_s"],
            "naive_s": v["generation_s"],
            "prefill_s": v["prefill_s"],
            "qa_aps": n / q["generation_s"],
            "naive_aps": n / v["generation_s"],
            "same": n - len(diff),
            "differ": [
                {"item_id": prep["item_ids"][i], "qa": q["answers"][i], "naive": v["answers"][i]}
                for i in diff
            ],
            "cached_same": sum(a == b for a, b in zip(q["answers"], c["answers"], strict=True)),
            "same_passages": name != "base+rag" or q["chunk_ids"] == prep["chunk_ids"],
            "qa_tokens": count_tokens(q["answers"]),
            "naive_tokens": count_tokens(v["answers"]),
            "qa_new_tokens": sum(q["new_tokens"]),
            "prompt_tokens": sum(prep["prompt_tokens"][name]) / n,
        }
    s["qa_s"] = sum(v["qa_s"] for v in s["variants"].values())
    s["naive_s"] = sum(v["naive_s"] for v in s["variants"].values())
    s["speedup"] = s["naive_s"] / s["qa_s"]
    s["prefill_s"] = sum(v["prefill_s"] for v in s["variants"].values())
    s["ceiling"] = s["naive_s"] / s["prefill_s"]  # the speed-up if decoding cost nothing at all
    s["cached_generated"] = sum(v["generated"] for v in cached["variants"].values())
    s["cached_loads"] = sum(v["loads"] for v in cached["variants"].values())
    return s


def report(prep: dict, results: dict, s: dict, contention: str, ws: Path) -> str:
    from qacore.answering import ANSWER_TOKENS

    qa, cached, naive = results["qa"], results["qa-cached"], results["naive"]
    n, b, r = s["n"], s["variants"]["base"], s["variants"]["base+rag"]

    def per(key: str, fmt: str) -> str:
        return " / ".join(format(s["variants"][name][key], fmt) for name in VARIANTS)

    def pair(x: float, y: float, fmt: str = ".2f") -> str:
        return f"{x:{fmt}} / {y:{fmt}}"

    qa_loads = sum(v["loads"] for v in qa["variants"].values())
    qa_load_s = sum(v["load_s"] for v in qa["variants"].values())
    rows = [
        ("Answers/s, base / base+rag", pair(b["qa_aps"], r["qa_aps"]), pair(b["naive_aps"], r["naive_aps"])),
        ("Answers/s, both variants", f"{2 * n / s['qa_s']:.2f}", f"{2 * n / s['naive_s']:.2f}"),
        (
            "Speed-up, base / base+rag / both",
            f"{b['naive_s'] / b['qa_s']:.2f}x / {r['naive_s'] / r['qa_s']:.2f}x / {s['speedup']:.2f}x",
            "1.00x",
        ),
        (
            "Prefill alone: one forward pass per prompt, no decoding, base / base+rag",
            "-",
            pair(b["prefill_s"], r["prefill_s"], ".1f") + " s",
        ),
        (
            "Ceiling on any engine's speed-up here: naive time / prefill alone, base / base+rag / both",
            f"{b['naive_s'] / b['prefill_s']:.1f}x / {r['naive_s'] / r['prefill_s']:.1f}x / {s['ceiling']:.1f}x",
            "-",
        ),
        (
            "Generation time, base / base+rag",
            pair(b["qa_s"], r["qa_s"], ".1f") + " s",
            pair(b["naive_s"], r["naive_s"], ".1f") + " s",
        ),
        (
            "Model load (not in answers/s)",
            f"{qa_load_s:.1f} s ({qa_loads} load{'s' if qa_loads != 1 else ''}; base and base+rag share the model)",
            f"{naive['load_s']:.1f} s (`pipeline()`)",
        ),
        (
            "First run: whole `generate_answers` call / whole process",
            f"{qa['wall_s']:.1f} s (retrieval {qa['retrieve_s']:.1f} s) / {qa['process_s']:.1f} s",
            f"- / {naive['process_s']:.1f} s",
        ),
        (
            "Unchanged re-run: whole `generate_answers` call (fresh process, same cache)",
            f"{cached['wall_s']:.1f} s: {s['cached_generated']} generated, {s['cached_loads']} model loads, "
            f"retrieval {cached['retrieve_s']:.1f} s",
            f"no cache: {s['naive_s']:.1f} s again",
        ),
        (
            "Generated tokens (answer text re-tokenized), base / base+rag",
            per("qa_tokens", "d"),
            per("naive_tokens", "d"),
        ),
        (
            "Peak RSS",
            f"{qa['peak_rss_mib']:.0f} MiB (cached re-run {cached['peak_rss_mib']:.0f} MiB)",
            f"{naive['peak_rss_mib']:.0f} MiB",
        ),
        (
            "Answers identical on both sides, base / base+rag",
            f"{b['same']}/{n} / {r['same']}/{n}",
            f"{b['same']}/{n} / {r['same']}/{n}",
        ),
    ]
    table = ["| Metric | qa eval (generate_answers) | naive pipeline, one call per item |", "|---|---|---|"]
    table += [f"| {a} | {x} | {y} |" for a, x, y in rows]
    differ = [d for name in VARIANTS for d in s["variants"][name]["differ"]]
    example = []
    if differ:
        d = differ[0]
        example = [
            f"First differing answer ({d['item_id']}): qa {json.dumps(d['qa'][:160])}; naive "
            f"{json.dumps(d['naive'][:160])}.",
            "",
        ]
    ok_speed = s["speedup"] >= TARGET_SPEEDUP
    ok_cache = s["cached_generated"] == 0 and all(v["cached_same"] == n for v in s["variants"].values())
    same_passages = all(v["same_passages"] for v in s["variants"].values())
    minutes = max(1, round(n * 15 / 60))
    return "\n".join(
        [
            HEADING,
            "",
            f"Measured {datetime.date.today().isoformat()} on {machine()}.",
            "",
            f"Items: the first {n} of `qa eval --limit {n}` ({prep['answerable']} answerable, "
            f"{n - prep['answerable']} unanswerable) from {ws}. Both sides: {BASE} (the same local folder) in "
            f"{naive['dtype']} on {naive['device']}, greedy, at most {ANSWER_TOKENS} new tokens, the chat messages of "
            f"qacore.prompting.answer_messages; prompts average {b['prompt_tokens']:.0f} tokens closed-book and "
            f"{r['prompt_tokens']:.0f} with the top-{prep['k']} passages (base+rag; the naive side gets the passages "
            f"qa's retrieval found{'' if same_passages else ' - NOTE: the qa side retrieved different ones'}). "
            'Each side in a fresh process. Naive: `pipeline("text-generation", model=FOLDER, tokenizer=FOLDER)`, '
            f"one `pipe(messages, max_new_tokens={ANSWER_TOKENS}, do_sample=False)` per item. qa: "
            "evalharness.run.generate_answers (the `qa eval` generation step: continuous batching of up to 16 "
            "prompts, qacore/decoding.py, a fresh generation cache; verifier calibration and scoring not run). "
            "The ceiling row: the naive side's time over the time of one forward pass per prompt alone, the "
            "work no engine can skip on this machine; a speed-up above it would need less compute per "
            "prompt (a GPU, quantization, shorter prompts). Answers/s "
            "counts generation only: model loading is excluded on both sides, retrieval on the qa side (its "
            "time includes loading the embedding model). qa's peak RSS includes the embedding model and index "
            "it retrieves with; the naive side's passages were retrieved in the parent process.",
            "",
            *table,
            "",
            *example,
            f"CPU used by other processes while measuring (the machine may be shared): {contention}.",
            "",
            "Targets:",
            "",
            f"- answers/s >= {TARGET_SPEEDUP:g}x naive: {'met' if ok_speed else 'missed'} ({s['speedup']:.2f}x, "
            f"both variants; ceiling on this machine {s['ceiling']:.1f}x)",
            f"- unchanged re-run generates nothing and returns the same answers: {'met' if ok_cache else 'missed'} "
            f"({cached['wall_s']:.1f} s)",
            "",
            f"Reproduce: `.venv/bin/python bench/bench_eval.py` (add `--items N`; about {minutes} min for "
            f"{n} items on 2 idle cores). It rewrites this section; pass `--no-write` to only print.",
            "",
        ]
    )




def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--workspace", type=Path, default=None, help="workspace with a dataset (default: build one)"
    )
    parser.add_argument("--items", type=int, default=24, help="items per variant (as `qa eval --limit N`)")
    parser.add_argument("--no-write", action="store_true", help="print only; leave BENCHMARKS.md alone")
    parser.add_argument("--only", choices=["qa", "qa-cached", "naive"], help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.only:
        child_main(args.only, args.workspace, args.items, args.out)
        return

    ws = ensure_workspace(args.workspace)
    WORK.mkdir(parents=True, exist_ok=True)
    prep = prepare(ws, args.items)
    (WORK / "prompts.json").write_text(json.dumps(prep), encoding="utf-8")
    results, marks = {}, [("start", cpu_counters())]
    for which in ("naive", "qa", "qa-cached"):
        began = time.monotonic()
        print(f"bench: {which}, {len(prep['item_ids'])} items x {len(VARIANTS)} variants", file=sys.stderr)
        results[which] = run_child(which, ws, args.items)
        results[which]["process_s"] = time.monotonic() - began
        marks.append((which, cpu_counters()))
    contention = "; ".join(
        f"{name} {max(0.0, (b1 - b0) - (o1 - o0)):.1f} core-s in {w1 - w0:.0f} s"
        for (_, (b0, o0, w0)), (name, (b1, o1, w1)) in itertools.pairwise(marks)
    )
    s = summarize(prep, results)
    (WORK / "results.json").write_text(
        json.dumps({"results": results, "summary": s}, indent=1), encoding="utf-8"
    )
    section = report(prep, results, s, contention, ws)
    print(section)
    if not args.no_write:
        write_section(HEADING, section)


if __name__ == "__main__":
    main()
