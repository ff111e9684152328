#!/usr/bin/env python3
"""Benchmark `qa finetune`'s training loop against the naive script, side by side, on the corpora/ dataset.

Naive script (what a user would write): the same prompts rendered with the chat template into one text per
pair, `tokenizer(texts, padding="max_length", truncation=True, max_length=L)` with L the smallest power of
two that fits the longest example, `DataCollatorForLanguageModeling(mlm=False)`, `Trainer` + PEFT.
Both sides: the embedded SmolLM2-135M-Instruct, the workspace's train.jsonl, the same LoRA config (r 16,
alpha 32, dropout 0.05, all linear projections), learning rate, cosine schedule, batch size 8, seed 0 and
number of optimizer steps; each runs in a fresh process (peak RSS = its VmHWM).

Measured: tokens/s (real, non-padding tokens of the batches trained on, over the training loop's wall time),
peak RSS, and the eval loss of both adapters afterwards, computed the same way for both (plain transformers
forward, loss on the answer tokens of eval.jsonl, mean per token). Prints a table and rewrites the section
"## Fine-tuning (bench/bench_finetune.py)" of BENCHMARKS.md.

    .venv/bin/python bench/bench_finetune.py                  # builds bench/.work/finetune from corpora/ once
    .venv/bin/python bench/bench_finetune.py --workspace .qa --steps 24 --no-write

Internal: `--only qa|naive --workspace WS --steps N --out DIR` runs one side and prints JSON.
"""

from __future__ import annotations

import os

# qa finetune's default (finetune/__init__.py), given to both sides so the loops are compared, not the OpenMP setting
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import argparse
import datetime
import itertools
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from common import corpora_workspace, cpu_counters, peak_rss_mib, write_section  # noqa: E402
from common import machine as common_machine  # noqa: E402  (bench/common.py, next to this script)

WORK = ROOT / "bench" / ".work" / "finetune"
HEADING = "## Fine-tuning (bench/bench_finetune.py)"
BASE = "embedded:SmolLM2-135M-Instruct"
LORA = {"r": 16, "alpha": 32, "dropout": 0.05}
LR, BATCH, SEED = 3e-3, 8, 0  # qa finetune's default learning rate, for both sides


def dataset_folder(ws: Path) -> Path:
    from qacore.workspace import Workspace

    folder = Workspace(ws).current_dataset()
    if folder is None:
        raise SystemExit(f"no dataset in {ws}")
    return folder


def ensure_workspace(ws: Path | None) -> Path:
    """The given workspace, or corpora/ ingested once into WORK (extractors only, no LLM)."""
    return ws if ws is not None else corpora_workspace(WORK)




# --- the two sides ------------------------------------------------------------------------------------------


def run_qa(ws: Path, steps: int, out: Path) -> dict:
    from finetune.lora import run_finetune
    from qacore.config import load_config
    from qacore.workspace import Workspace

    config = load_config(None, {"finetune.name": "bench-qa", "finetune.max_steps": steps, "finetune.epochs": 1000,
                                "finetune.learning_rate": LR, "finetune.batch_size": BATCH, "finetune.seed": SEED,
                                "finetune.lora_r": LORA["r"], "finetune.lora_alpha": LORA["alpha"],
                                "finetune.lora_dropout": LORA["dropout"], "finetune.checkpoint_every": 0})
    began = time.perf_counter()
    result = run_finetune(Workspace(ws), config, progress=False)
    wall = time.perf_counter() - began
    m = result.manifest["metrics"]
    link = out / "adapter"
    if link.exists() or link.is_symlink():
        link.unlink()
    link.symlink_to(result.folder / "adapter")
    return {"tokens": m["tokens"], "train_s": m["train_seconds"], "wall_s": wall, "steps": m["steps"],
            "padded_tokens": None, "max_length": None}


def run_naive(ws: Path, steps: int, out: Path) -> dict:
    """The script a user would write from the transformers + peft docs."""
    import torch
    from datasets import Dataset
    from peft import LoraConfig, get_peft_model
    from transformers import (
        AutoModelForCausalLM,
        AutoTokenizer,
        DataCollatorForLanguageModeling,
        Trainer,
        TrainingArguments,
    )

    from finetune.data import read_pairs
    from qacore.models import resolve_generator_model
    from qacore.prompting import answer_messages

    path = resolve_generator_model(BASE).path
    tokenizer = AutoTokenizer.from_pretrained(path)
    model = AutoModelForCausalLM.from_pretrained(path, dtype=torch.float32)
    model = get_peft_model(model, LoraConfig(r=LORA["r"], lora_alpha=LORA["alpha"], lora_dropout=LORA["dropout"],
                                             target_modules="all-linear", task_type="CAUSAL_LM"))
    pairs = read_pairs(dataset_folder(ws), "train")
    texts = [tokenizer.apply_chat_template([*answer_messages(p["question"]), {"role": "assistant", "content": p["answer"]}],
                                           tokenize=False) for p in pairs]
    longest = max(len(tokenizer(t).input_ids) for t in texts)
    max_length = 1 << (longest - 1).bit_length()  # what a user picks: a round number that fits everything
    encoded = tokenizer(texts, padding="max_length", truncation=True, max_length=max_length)
    dataset = Dataset.from_dict(dict(encoded))

    counted = {"real": 0, "padded": 0}
    collator = DataCollatorForLanguageModeling(tokenizer, mlm=False)

    def counting_collator(features):  # measurement only: counts the real tokens of every batch trained on
        batch = collator(features)
        counted["real"] += int(batch["attention_mask"].sum())
        counted["padded"] += batch["attention_mask"].numel()
        return batch

    args = TrainingArguments(output_dir=str(out / "trainer"), per_device_train_batch_size=BATCH, learning_rate=LR,
                             max_steps=steps, lr_scheduler_type="cosine", warmup_steps=0.05, seed=SEED,
                             logging_steps=10, save_strategy="no", report_to=[], use_cpu=True,
                             dataloader_drop_last=False)
    trainer = Trainer(model=model, args=args, train_dataset=dataset, data_collator=counting_collator)
    began = time.perf_counter()
    result = trainer.train()
    wall = time.perf_counter() - began
    model.save_pretrained(out / "adapter")
    return {"tokens": counted["real"], "train_s": result.metrics["train_runtime"], "wall_s": wall,
            "steps": result.global_step, "padded_tokens": counted["padded"], "max_length": max_length}


def child_main(which: str, ws: Path, steps: int, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    result = (run_qa if which == "qa" else run_naive)(ws, steps, out)
    result["peak_rss_mib"] = peak_rss_mib()
    print(json.dumps(result))


# --- the same eval loss for both adapters -------------------------------------------------------------------


def eval_loss(ws: Path, adapter: Path) -> float:
    """Mean loss per answer token (answer + end of turn) on eval.jsonl, plain transformers forward."""
    from collections import Counter

    import torch
    from peft import PeftModel

    from finetune.data import closed_book_examples, collate, read_pairs
    from qacore.models import load_causal_lm

    model, tokenizer, _ = load_causal_lm(BASE)
    model = PeftModel.from_pretrained(model, str(adapter))
    model.eval()
    pairs = [p for p in read_pairs(dataset_folder(ws), "eval") if p.get("answerable", True)]
    examples = closed_book_examples(pairs, tokenizer, 4096, Counter())
    total, count = 0.0, 0
    with torch.no_grad():
        for start in range(0, len(examples), 16):
            batch = collate(examples[start:start + 16], tokenizer.pad_token_id, share_prefix=False)
            n = int((batch["labels"][:, 1:] != -100).sum())
            out = model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"], labels=batch["labels"])
            total += float(out.loss) * n
            count += n
    return total / count


# --- parent ---------------------------------------------------------------------------------------------------




def run_child(which: str, ws: Path, steps: int) -> dict:
    out = WORK / f"out-{which}"
    proc = subprocess.run([sys.executable, __file__, "--only", which, "--workspace", str(ws), "--steps", str(steps),
                           "--out", str(out)], cwd=ROOT, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"--only {which} failed:\n{proc.stderr[-4000:]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["adapter"] = str(out / "adapter")
    return result


def machine() -> str:
    return common_machine(f"OMP_WAIT_POLICY={os.environ.get('OMP_WAIT_POLICY')} for both")


def report(results: dict, contention: str, ws: Path, steps: int) -> str:
    qa, naive = results["qa"], results["naive"]
    tps = {k: r["tokens"] / r["train_s"] for k, r in results.items()}
    speedup = tps["qa"] / tps["naive"]
    rows = [
        ("Tokens/s (real tokens over the training loop's wall time)", f"{tps['qa']:.0f}", f"{tps['naive']:.0f}"),
        ("Speed-up", f"{speedup:.2f}x", "1.00x"),
        ("Training loop / whole process", f"{qa['train_s']:.0f} s / {qa['process_s']:.0f} s",
         f"{naive['train_s']:.0f} s / {naive['process_s']:.0f} s"),
        ("Optimizer steps x batch", f"{qa['steps']} x {BATCH}", f"{naive['steps']} x {BATCH}"),
        ("Real tokens trained on", f"{qa['tokens']}", f"{naive['tokens']}"),
        ("Tokens through the model (padding included)", "per-batch padding",
         f"{naive['padded_tokens']} (max_length {naive['max_length']})"),
        ("Peak RSS", f"{qa['peak_rss_mib']:.0f} MiB", f"{naive['peak_rss_mib']:.0f} MiB"),
        ("Eval loss after training (answer tokens, eval.jsonl)", f"{qa['eval_loss']:.3f}", f"{naive['eval_loss']:.3f}"),
    ]
    table = ["| Metric | qa finetune | naive Trainer + PEFT |", "|---|---|---|"] + [f"| {a} | {b} | {c} |" for a, b, c in rows]
    ok_speed = speedup >= 2
    ok_loss = qa["eval_loss"] <= naive["eval_loss"] + 1e-3
    return "\n".join([
        HEADING, "",
        f"Measured {datetime.date.today().isoformat()} on {machine()}.", "",
        f"Data: corpora/ ingested with the default settings and dataset.generator = \"none\" ({ws}), "
        f"{qa['train_examples']} train pairs, {qa['eval_examples']} answerable eval pairs. Both sides: "
        f"{BASE} in float32 on CPU, LoRA r {LORA['r']} / alpha {LORA['alpha']} / dropout {LORA['dropout']} on all "
        f"linear projections, learning rate {LR:g} with cosine decay after 5% warm-up, batch {BATCH}, seed {SEED}, "
        f"{steps} optimizer steps, each in a fresh process. Naive: chat-template texts, `padding=\"max_length\"` "
        f"(max_length {naive['max_length']}, the smallest power of two that fits the longest example), "
        "`DataCollatorForLanguageModeling(mlm=False)` (loss on every token; it also masks `<|im_end|>`, which is "
        "the pad token), `Trainer`. qa: answer-only loss, length-grouped batches padded per batch, the prompt "
        "prefix the batch shares run once, logits only at answer positions. Eval loss is computed afterwards "
        "for both adapters by the same code (transformers forward, labels on the answer + end-of-turn tokens).", "",
        *table, "",
        f"CPU used by other processes while measuring (the machine may be shared): {contention}.", "",
        "Targets:", "",
        f"- tokens/s >= 2x naive: {'met' if ok_speed else 'missed'} ({speedup:.2f}x)",
        f"- eval loss equal or better: {'met' if ok_loss else 'missed'} ({qa['eval_loss']:.3f} vs "
        f"{naive['eval_loss']:.3f})", "",
        f"Reproduce: `.venv/bin/python bench/bench_finetune.py` (add `--steps N`; about {steps} x 10 s on 2 idle "
        "cores). It rewrites this section; pass `--no-write` to only print.", "",
    ])




def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workspace", type=Path, default=None, help="workspace with a dataset (default: build one)")
    parser.add_argument("--steps", type=int, default=24, help="optimizer steps for each side")
    parser.add_argument("--no-write", action="store_true", help="print only; leave BENCHMARKS.md alone")
    parser.add_argument("--only", choices=["qa", "naive"], help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.only:
        child_main(args.only, args.workspace, args.steps, args.out)
        return

    ws = ensure_workspace(args.workspace)
    results, marks = {}, [("start", cpu_counters())]
    for which in ("naive", "qa"):
        began = time.monotonic()
        print(f"bench: {which}, {args.steps} steps", file=sys.stderr)
        results[which] = run_child(which, ws, args.steps)
        results[which]["process_s"] = time.monotonic() - began
        marks.append((which, cpu_counters()))
    for r in results.values():
        r["eval_loss"] = eval_loss(ws, Path(r["adapter"]))
    from collections import Counter

    from transformers import AutoTokenizer

    from finetune.data import closed_book_examples, read_pairs
    from qacore.models import resolve_generator_model

    tokenizer = AutoTokenizer.from_pretrained(resolve_generator_model(BASE).path)
    folder = dataset_folder(ws)
    results["qa"]["train_examples"] = len(read_pairs(folder, "train"))
    results["qa"]["eval_examples"] = len(closed_book_examples(
        [p for p in read_pairs(folder, "eval") if p.get("answerable", True)], tokenizer, 4096, Counter()))
    contention = "; ".join(
        f"{name} {max(0.0, (b1 - b0) - (o1 - o0)):.1f} core-s in {w1 - w0:.0f} s"
        for (_, (b0, o0, w0)), (name, (b1, o1, w1)) in itertools.pairwise(marks))
    section = report(results, contention, ws, args.steps)
    print(section)
    if not args.no_write:
        write_section(HEADING, section)


if __name__ == "__main__":
    main()
