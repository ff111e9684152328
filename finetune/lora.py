"""`qa finetune`: LoRA (PEFT) on a causal LM, trained on the workspace's Q&A dataset. One recipe, top to bottom:

    1. data     the dataset folder on disk -> prompts from qacore.prompting (closed-book, or RAFT-style with
                retrieved context) -> token ids, loss on the answer + end-of-turn only     (finetune/data.py)
    2. model    the base model (embedded SmolLM2-135M by default, any HF causal LM) + LoRA adapters on every
                linear projection; fp32 on CPU, bf16/fp16 on CUDA, 4-bit QLoRA with bitsandbytes
    3. loop     accelerate: one process, or DDP under `accelerate launch` / torchrun, unchanged. Length-grouped
                batches padded per batch; the prompt prefix the rows share runs once per batch; logits only
                where an answer token is predicted. Eval loss every epoch, early stopping, a checkpoint every
                N steps (finetune/checkpoint.py), so `--resume` after a kill ends at the same adapter.
    4. publish  .qa/models/NAME/adapter/ (PEFT, safetensors) + manifest.json, built in a temporary folder,
                fsynced and renamed into place; `--merge` adds merged/, a plain transformers model.

Stages do not import each other: the dataset and the index are read from disk through qacore only.
"""

from __future__ import annotations

import functools
import math
import sys
import time
import warnings
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import torch

from finetune import checkpoint as ckpt
from finetune.data import (
    EpochBatches,
    closed_book_examples,
    collate,
    context_examples,
    end_of_turn,
    read_pairs,
)
from finetune.loss import AnswerLoss, mean_eval_loss
from qacore import FORMAT_VERSION
from qacore.artifacts import LORA_KIND, model_folder
from qacore.config import QAConfig
from qacore.errors import ConfigError, ModelNotAvailableError, QAError, WorkspaceError
from qacore.prompting import PROMPT_VERSION
from qacore.workspace import (
    Workspace,
    atomic_write_json,
    failpoint,
    publish_folder,
    remove_tree,
    sha256_file,
)

# peft reads a property that transformers 5.x deprecated; the warning says nothing a user can act on
warnings.filterwarnings("ignore", message=".*is_gradient_checkpointing.*", category=FutureWarning)


# steps timed before a run with a time budget (finetune.max_minutes) is re-planned to the steps that fit
PLAN_STEPS = 8


class TrainingError(QAError):
    """Training cannot go on (out of memory, a NaN loss); the message says what to change."""


@dataclass
class FinetuneResult:
    folder: Path
    manifest: dict
    main_process: bool = True  # False on the other ranks of a distributed launch (they write and print nothing)


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run_finetune(workspace: Workspace, config: QAConfig, *, resume: bool = False, merge: bool = False,
                 progress: bool = True, log=_log) -> FinetuneResult:
    """Train a LoRA adapter on the current dataset and publish .qa/models/NAME/. Every process of a
    distributed launch calls this; only the main one writes the model."""
    from accelerate import Accelerator
    from filelock import FileLock, Timeout
    from peft import LoraConfig, get_peft_model
    from torch.utils.data import DataLoader
    from tqdm import tqdm

    cfg = config.finetune
    if cfg.epochs is None:  # measured on corpora/ (README): closed-book needs several passes to recall facts
        cfg = cfg.model_copy(update={"epochs": 1 if cfg.with_context else 3})
    began = time.perf_counter()

    # --- 0. devices and precision ------------------------------------------------------------------------
    cuda = cfg.device == "cuda" or (cfg.device == "auto" and torch.cuda.is_available())
    if cuda and not torch.cuda.is_available():
        raise ConfigError(["finetune.device: cuda was asked for, but torch sees no CUDA GPU"])
    if cfg.qlora and not cuda:
        raise ConfigError(["finetune.qlora: 4-bit QLoRA needs a CUDA GPU (bitsandbytes); use plain LoRA on CPU"])
    if cuda:
        dtype = cfg.dtype if cfg.dtype != "auto" else ("bfloat16" if torch.cuda.is_bf16_supported() else "float16")
    elif cfg.dtype == "float16":
        raise ConfigError(["finetune.dtype: float16 is for CUDA; on CPU use float32 (default) or bfloat16"])
    else:
        dtype = "float32" if cfg.dtype == "auto" else cfg.dtype
    accelerator = Accelerator(cpu=not cuda, mixed_precision={"float32": "no", "bfloat16": "bf16", "float16": "fp16"}[dtype])
    main = accelerator.is_main_process
    say = log if main else (lambda _message: None)

    # --- 1. data -----------------------------------------------------------------------------------------
    dataset = workspace.current_dataset()
    if dataset is None:
        raise WorkspaceError(f"no dataset in workspace {workspace.root}: run `qa ingest PATH` (or `qa generate`) first")
    train_pairs = read_pairs(dataset, "train")
    eval_pairs = [p for p in read_pairs(dataset, "eval") if p.get("answerable", True)]
    if cfg.with_context and cfg.train_unanswerable:
        train_pairs += read_pairs(dataset, "unanswerable")

    spec = cfg.base_model or config.models.generator
    lm, tokenizer, resolved = _load_base(spec, dtype, cfg.qlora, accelerator)
    pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id

    skipped = {"train": Counter(), "eval": Counter()}
    snapshot_name = None
    if cfg.with_context:
        from qacore.retrieval import Retriever
        from qacore.store import Snapshot

        snapshot = Snapshot.require(workspace)
        snapshot_name = snapshot.path.name
        retriever = Retriever(snapshot, config.retrieval)
        build = functools.partial(context_examples, tokenizer=tokenizer, retriever=retriever,
                                  passages=cfg.context_passages, refusal_share=cfg.refusal_share, seed=cfg.seed,
                                  max_length=cfg.max_length)
    else:
        build = functools.partial(closed_book_examples, tokenizer=tokenizer, max_length=cfg.max_length)
    train = build(train_pairs, skipped=skipped["train"])
    evaluation = build(eval_pairs, skipped=skipped["eval"])
    if not train:
        why = ", ".join(f"{n} {reason}" for reason, n in skipped["train"].items()) or "train.jsonl is empty"
        raise QAError(f"no training example from {dataset / 'train.jsonl'} ({why}); raise finetune.max_length "
                      f"(now {cfg.max_length}) or rebuild the dataset")
    for split, counts in skipped.items():
        if counts:
            say(f"qa: skipped {sum(counts.values())} {split} pairs: " + ", ".join(f"{n} {r}" for r, n in counts.items()))

    # --- 2. LoRA -----------------------------------------------------------------------------------------
    torch.manual_seed(cfg.seed)  # the A matrices are initialized from it; dropout draws from it afterwards
    targets = "all-linear" if cfg.target_modules == ["all-linear"] else cfg.target_modules
    try:
        lm = get_peft_model(lm, LoraConfig(r=cfg.lora_r, lora_alpha=cfg.lora_alpha, lora_dropout=cfg.lora_dropout,
                                           target_modules=targets, task_type="CAUSAL_LM"))
    except ValueError as exc:
        raise ConfigError([f"finetune.target_modules: {exc}"]) from exc
    params = [p for p in lm.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=cfg.learning_rate, weight_decay=cfg.weight_decay)
    sampler = EpochBatches([len(e) for e in train], cfg.batch_size, cfg.seed)
    loader = DataLoader(train, batch_sampler=sampler, collate_fn=functools.partial(collate, pad_id=pad_id),
                        generator=torch.Generator().manual_seed(cfg.seed))  # own generator: global RNG untouched
    model, optimizer, loader = accelerator.prepare(AnswerLoss(lm), optimizer, loader)
    # DeepSpeed and FSDP shard parameters and optimizer state over the processes; checkpoints here hold whole,
    # replicated tensors, so such launches train and publish but neither checkpoint nor resume (docs/multi-gpu.md)
    sharded = str(accelerator.distributed_type).rsplit(".", 1)[-1] in ("DEEPSPEED", "FSDP")
    if sharded and resume:
        raise ConfigError(["--resume: not available under DeepSpeed or FSDP launches; use DDP (accelerate launch "
                           "--multi_gpu) for resumable runs"])

    steps_per_epoch = len(loader)  # per process: DDP gives each process every num_processes-th batch
    total_steps = cfg.epochs * steps_per_epoch
    if cfg.max_steps:
        total_steps = min(total_steps, cfg.max_steps)
    steps_without_budget = total_steps
    warmup = int(cfg.warmup_ratio * total_steps)

    def lr_at(step: int) -> float:
        """Linear warm-up, then cosine / linear decay to zero, or constant: a pure function of the step."""
        if step < warmup:
            return cfg.learning_rate * (step + 1) / (warmup + 1)
        done = (step - warmup) / max(1, total_steps - warmup)
        if cfg.lr_scheduler == "cosine":
            return cfg.learning_rate * 0.5 * (1 + math.cos(math.pi * done))
        return cfg.learning_rate * (1 - done) if cfg.lr_scheduler == "linear" else cfg.learning_rate

    # --- resume, or start over -----------------------------------------------------------------------------
    name = cfg.name
    run_dir = ckpt.run_folder(workspace.models_dir, name)
    # the schedule is in it too (epochs, max_steps, ... early stopping): a resume under other settings would end
    # somewhere neither run asked for, and the manifest would claim the new ones. learning_rate is left out on
    # purpose: the NaN-loss message tells the user to lower it and resume
    identity = {"format_version": FORMAT_VERSION, "base_model_hash": resolved.content_hash, "qlora": cfg.qlora,
                "dataset_manifest_sha256": sha256_file(dataset / "manifest.json"), "dtype": dtype,
                "processes": accelerator.num_processes, "prompt_version": PROMPT_VERSION,
                **{k: getattr(cfg, k) for k in ("lora_r", "lora_alpha", "lora_dropout", "target_modules", "batch_size",
                                                "max_length", "seed", "with_context", "context_passages",
                                                "refusal_share", "train_unanswerable", "epochs", "max_steps", "max_minutes",
                                                "lr_scheduler", "warmup_ratio", "weight_decay", "max_grad_norm",
                                                "early_stopping_patience", "early_stopping_min_delta")}}
    lock = FileLock(str(workspace.models_dir / f".{name}.lock"))
    if main:
        workspace.models_dir.mkdir(parents=True, exist_ok=True)
        try:
            lock.acquire(timeout=0)
        except Timeout:
            raise WorkspaceError(f"another `qa finetune` is training or publishing {name!r} in "
                                 f"{workspace.models_dir}; wait for it to finish") from None
    try:
        latest = ckpt.latest_checkpoint(run_dir)
        if resume and latest is not None:
            ckpt.check_resumable(run_dir, identity)
        accelerator.wait_for_everyone()
        state = {"step": 0, "epoch": 0, "batches_done": 0, "tokens": 0, "train_seconds": 0.0, "loss_curve": [],
                 "evals": [], "best_eval_loss": None, "evals_without_improvement": 0, "stopped_early": False,
                 "planned_steps": None}
        best = None
        if resume and latest is not None:
            state, best = ckpt.load_checkpoint(latest, accelerator, accelerator.unwrap_model(model).lm, optimizer)
            if state.get("planned_steps"):  # the time budget's plan, made before the kill
                total_steps = state["planned_steps"]
                warmup = int(cfg.warmup_ratio * total_steps)
            say(f"qa: resuming {name} from {latest} (step {state['step']}/{total_steps})")
        elif main:
            if latest is not None:
                say(f"qa: starting over; the unfinished run's checkpoint {latest} is discarded "
                    f"(`qa finetune --resume` continues a run)")
            elif resume:
                say(f"qa: no checkpoint of {name!r} to resume; starting from step 0")
            remove_tree(run_dir)
            run_dir.mkdir(parents=True)
            atomic_write_json(run_dir / ckpt.RUN_FILE, identity)
        accelerator.wait_for_everyone()
        n_refusals = sum(e.refusal for e in train)
        say(f"qa: LoRA r={cfg.lora_r} on {resolved.model_id}: {len(train)} train examples"
            + (f" ({n_refusals} refusals)" if n_refusals else "") + f", {len(evaluation)} eval, "
            f"{'with context' if cfg.with_context else 'closed-book'}, {total_steps} steps of {cfg.batch_size} "
            f"x {accelerator.num_processes} process(es), lr {cfg.learning_rate:g}, {dtype} on {accelerator.device}")

        # --- 3. the loop ---------------------------------------------------------------------------------
        def save() -> None:
            if sharded:
                return
            ckpt.save_checkpoint(run_dir, state["step"], accelerator, accelerator.unwrap_model(model).lm, optimizer,
                                 state, best)

        bar = tqdm(total=total_steps, initial=state["step"], desc=f"finetune {name}", unit="step", file=sys.stderr,
                   disable=not (progress and main), dynamic_ncols=True)
        last_saved = state["step"]
        for epoch in range(state["epoch"], cfg.epochs):
            if state["step"] >= total_steps or state["stopped_early"]:
                break
            sampler.use_epoch(epoch)
            skip = state["batches_done"]
            model.train()
            tick = time.perf_counter()  # train_seconds: fetching batches + steps, not evals or checkpoints
            for batch in (accelerator.skip_first_batches(loader, skip) if skip else loader):
                lr = lr_at(state["step"])
                for group in optimizer.param_groups:
                    group["lr"] = lr
                try:
                    loss_sum, n_targets = model(**batch)
                    accelerator.backward(loss_sum / n_targets)
                except RuntimeError as exc:
                    if "out of memory" in str(exc) or "can't allocate memory" in str(exc):
                        raise TrainingError(
                            f"out of memory at step {state['step'] + 1} on a batch of {batch['input_ids'].shape[0]} "
                            f"x {batch['input_ids'].shape[1]} tokens ({accelerator.device}): lower "
                            f"finetune.batch_size (now {cfg.batch_size}, --batch-size) or finetune.max_length "
                            f"(now {cfg.max_length}, --max-length); the longest batch runs first, so a setting "
                            f"that passes step 1 fits") from exc
                    raise
                totals = accelerator.reduce(torch.stack([loss_sum.detach().float(), n_targets.float(),
                                                         batch["attention_mask"].sum().float()]), reduction="sum")
                loss = float(totals[0] / totals[1])
                if not math.isfinite(loss):
                    where = (f"the last good checkpoint is step {last_saved} in {run_dir}" if last_saved
                             else "no checkpoint was written yet")
                    raise TrainingError(
                        f"the training loss became {loss} at step {state['step'] + 1} (epoch {epoch + 1}); training "
                        f"stopped and nothing was published ({where}). Lower finetune.learning_rate (now "
                        f"{cfg.learning_rate:g}, --learning-rate) and run `qa finetune --resume`")
                accelerator.clip_grad_norm_(params, cfg.max_grad_norm)
                optimizer.step()
                optimizer.zero_grad(set_to_none=True)
                state["step"] += 1
                state["batches_done"] += 1
                state["tokens"] += int(totals[2])
                state["loss_curve"].append({"step": state["step"], "epoch": epoch + 1, "loss": round(loss, 4),
                                            "lr": float(f"{lr:.4g}")})
                state["train_seconds"] += time.perf_counter() - tick
                bar.update(1)
                bar.set_postfix(epoch=epoch + 1, loss=f"{loss:.3f}",
                                tok_s=f"{state['tokens'] / max(state['train_seconds'], 1e-9):.0f}")
                if state["step"] == 1:
                    state["first_step_seconds"] = state["train_seconds"]
                if cfg.max_minutes and state["step"] % PLAN_STEPS == 0:
                    # the budget: as many steps as fit at the pace so far, re-planned every PLAN_STEPS steps so
                    # the learning-rate schedule decays to where the run will end; the first step (allocations,
                    # the longest batch) is left out of the pace: it took 3-4x a later one on corpora/
                    spent = state["train_seconds"] - state.get("first_step_seconds", 0.0)
                    pace = spent / max(state["step"] - 1, 1)
                    fit = state["step"] + int((cfg.max_minutes * 60 - state["train_seconds"]) / max(pace, 1e-9))
                    first_plan = state["planned_steps"] is None
                    state["planned_steps"] = total_steps = max(state["step"], min(steps_without_budget, fit))
                    warmup = min(int(cfg.warmup_ratio * steps_without_budget), int(cfg.warmup_ratio * total_steps))
                    bar.total = total_steps
                    if first_plan:
                        bar.clear()
                        say(f"qa: --max-minutes {cfg.max_minutes:g}: {total_steps} of {steps_without_budget} steps "
                            f"fit at {pace:.1f} s per step (re-planned every {PLAN_STEPS} steps)")
                    bar.refresh()
                if state["planned_steps"] and state["train_seconds"] >= cfg.max_minutes * 60:
                    total_steps = state["step"]  # out of time before the plan's end (the pace slowed down)
                if state["step"] >= total_steps:
                    break
                if (cfg.checkpoint_every and state["step"] % cfg.checkpoint_every == 0
                        and state["batches_done"] < steps_per_epoch):
                    save()
                    last_saved = state["step"]
                failpoint(f"finetune.step-{state['step']}")
                tick = time.perf_counter()

            # end of the epoch (or of max_steps): eval loss, early stopping, a checkpoint
            epoch_done = state["batches_done"] >= steps_per_epoch
            eval_loss = mean_eval_loss(accelerator.unwrap_model(model), evaluation, cfg.batch_size, pad_id, accelerator)
            epoch_losses = [p["loss"] for p in state["loss_curve"] if p["epoch"] == epoch + 1]
            record = {"epoch": epoch + 1, "step": state["step"],
                      "train_loss": round(sum(epoch_losses) / len(epoch_losses), 4) if epoch_losses else None,
                      "eval_loss": None if eval_loss is None else round(eval_loss, 4)}
            state["evals"].append(record)
            if eval_loss is not None and cfg.early_stopping_patience:
                if state["best_eval_loss"] is None or eval_loss < state["best_eval_loss"] - cfg.early_stopping_min_delta:
                    state["best_eval_loss"], state["evals_without_improvement"] = eval_loss, 0
                    best = None if sharded else ckpt.trainable_state(accelerator.unwrap_model(model).lm)
                else:
                    state["evals_without_improvement"] += 1
                    if state["evals_without_improvement"] >= cfg.early_stopping_patience:
                        state["stopped_early"] = True
            bar.clear()
            say(f"qa: epoch {epoch + 1}: train loss {record['train_loss']}, eval loss {record['eval_loss']}"
                + (" (early stop: no better eval loss for "
                   f"{cfg.early_stopping_patience} evals)" if state["stopped_early"] else ""))
            bar.refresh()
            if epoch_done:
                state["epoch"], state["batches_done"] = epoch + 1, 0
            if state["step"] < total_steps and not state["stopped_early"]:
                save()
                last_saved = state["step"]
            failpoint(f"finetune.epoch-{epoch + 1}")
        bar.close()

        # --- 4. publish ----------------------------------------------------------------------------------
        folder = model_folder(workspace, name)
        lm = accelerator.unwrap_model(model).lm
        if best is not None:
            ckpt.load_trainable(lm, best, run_dir)  # early stopping keeps the best-eval adapter
        evals = state["evals"]
        final_eval = state["best_eval_loss"] if best is not None else (evals[-1]["eval_loss"] if evals else None)
        last_epoch = [p["loss"] for p in state["loss_curve"] if p["epoch"] == state["loss_curve"][-1]["epoch"]]
        metrics = {
            "train_loss": round(sum(last_epoch) / len(last_epoch), 4) if last_epoch else None,
            "first_train_loss": state["loss_curve"][0]["loss"] if state["loss_curve"] else None,
            "eval_loss": None if final_eval is None else round(final_eval, 4),
            "tokens_per_second": round(state["tokens"] / max(state["train_seconds"], 1e-9), 1),
            "tokens": state["tokens"], "steps": state["step"], "epochs": len(evals),
            "train_seconds": round(state["train_seconds"], 1), "seconds": round(time.perf_counter() - began, 1),
            "stopped_early": state["stopped_early"], "stopped_by_time_budget": total_steps < steps_without_budget,
            "train_examples": len(train), "eval_examples": len(evaluation),
            "refusal_examples": n_refusals,
        }
        manifest = {
            "format_version": FORMAT_VERSION, "kind": LORA_KIND, "name": name,
            "created_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "base_model": {"spec": resolved.spec, "model_id": resolved.model_id, "content_hash": resolved.content_hash},
            "dataset": {"folder": str(dataset), "manifest_sha256": sha256_file(dataset / "manifest.json"),
                        "skipped": {k: dict(v) for k, v in skipped.items()}},
            "prompt_version": PROMPT_VERSION, "with_context": cfg.with_context, "index_snapshot": snapshot_name,
            "end_of_turn": end_of_turn(tokenizer),
            "config": {**cfg.model_dump(mode="json"), "base_model": spec},
            "training": {"device": str(accelerator.device), "dtype": dtype, "processes": accelerator.num_processes,
                         "distributed": str(accelerator.distributed_type).rsplit(".", 1)[-1],
                         "torch_threads": torch.get_num_threads(), "total_steps": total_steps,
                         "steps_without_time_budget": steps_without_budget,
                         "steps_per_epoch": steps_per_epoch, "torch": torch.__version__},
            "metrics": metrics, "evals": evals, "loss_curve": state["loss_curve"],
        }
        weights = accelerator.get_state_dict(model)  # every process: gathers shards under FSDP / ZeRO-3
        if main:
            adapter = {k.removeprefix("lm."): v for k, v in weights.items() if "lora_" in k}
            _publish(folder, lm, adapter, manifest, merge=merge, spec=spec, log=say)
            remove_tree(run_dir)
        accelerator.wait_for_everyone()
    finally:
        if main and lock.is_locked:
            lock.release()
    return FinetuneResult(folder=folder, manifest=manifest, main_process=main)


def _load_base(spec: str, dtype: str, qlora: bool, accelerator):
    """(model, tokenizer, ResolvedModel) through qacore.models; 4-bit NF4 weights for QLoRA."""
    from qacore.models import load_causal_lm, resolve_generator_model

    if not qlora:
        model, tokenizer, resolved = load_causal_lm(spec, dtype=dtype, device=str(accelerator.device))
    else:
        try:
            import bitsandbytes  # noqa: F401
        except ImportError as exc:
            raise ModelNotAvailableError("--qlora needs bitsandbytes (`pip install bitsandbytes`, CUDA only)") from exc
        from peft import prepare_model_for_kbit_training
        from transformers import AutoModelForCausalLM, AutoTokenizer, BitsAndBytesConfig

        resolved = resolve_generator_model(spec)
        tokenizer = AutoTokenizer.from_pretrained(resolved.path)
        if tokenizer.pad_token is None:
            tokenizer.pad_token = tokenizer.eos_token
        quant = BitsAndBytesConfig(load_in_4bit=True, bnb_4bit_quant_type="nf4", bnb_4bit_use_double_quant=True,
                                   bnb_4bit_compute_dtype=getattr(torch, dtype))
        model = AutoModelForCausalLM.from_pretrained(resolved.path, quantization_config=quant, dtype=getattr(torch, dtype),
                                                     device_map={"": accelerator.device})
        model = prepare_model_for_kbit_training(model, use_gradient_checkpointing=False)
    tokenizer.padding_side = "right"  # load_causal_lm sets left for generation; training pads on the right
    model.config.use_cache = False
    return model, tokenizer, resolved


def _publish(folder: Path, lm, weights: dict, manifest: dict, *, merge: bool, spec: str, log) -> None:
    """adapter/ (+ merged/) + manifest.json, published atomically (qacore.workspace.publish_folder)."""
    from finetune.export import merge_adapter

    def fill(tmp: Path) -> None:
        lm.save_pretrained(tmp / "adapter", state_dict=weights, safe_serialization=True)
        if merge:
            merge_adapter(spec, tmp / "adapter", tmp / "merged", expected_hash=manifest["base_model"]["content_hash"])
            manifest["merged"] = "merged"
        atomic_write_json(tmp / "manifest.json", manifest)

    publish_folder(folder, fill)
    log(f"qa: saved {folder}")


def summary(result: FinetuneResult) -> str:
    m = result.manifest["metrics"]
    parts = [f"train loss {m['first_train_loss']} -> {m['train_loss']}"]
    if m["eval_loss"] is not None:
        parts.append(f"eval loss {m['eval_loss']}")
    parts.append(f"{m['steps']} steps, {m['tokens_per_second']:.0f} tokens/s, {m['seconds']:.0f} s")
    if m["stopped_early"]:
        parts.append("stopped early")
    if m.get("stopped_by_time_budget"):
        parts.append(f"{m['steps']} of {result.manifest['training']['steps_without_time_budget']} steps fit the "
                     f"time budget (--max-minutes)")
    return f"{result.folder}: " + "; ".join(parts)
