"""Resumable checkpoints of a `qa finetune` run, written atomically, with no pickle anywhere.

    .qa/models/NAME.run/
      run.json              what must not change for --resume (base model, dataset, LoRA shape, data settings,
                            the schedule; not the learning rate, which a NaN loss asks to lower and resume)
      LATEST                name of the newest complete checkpoint (one line, replaced atomically)
      ckpt-00000050/        adapter.safetensors     the trainable (LoRA) weights, by parameter name
                            optimizer.pt            AdamW state: tensors and numbers only (torch.load weights_only)
                            rng-0.safetensors ...   each process's torch (and CUDA) RNG state: LoRA dropout
                            best.safetensors        the best-eval adapter so far (early stopping)
                            state.json              step, epoch, batches done in the epoch (the data order is a
                                                    function of seed and epoch), loss curve, eval history

A checkpoint is built in tmp-STEP/, fsynced, renamed to ckpt-STEP/, and only then does LATEST point at it;
older checkpoints are deleted after that. A kill at any moment leaves LATEST naming a complete checkpoint.
"""

from __future__ import annotations

import os
from pathlib import Path

from qacore.errors import WorkspaceError
from qacore.workspace import atomic_write_json, atomic_write_text, fsync_tree, read_json, remove_tree

RUN_FILE = "run.json"
LATEST = "LATEST"


def run_folder(models_dir: Path, name: str) -> Path:
    return models_dir / f"{name}.run"


def trainable_state(model) -> dict:
    """The trainable parameters by name, on CPU (the LoRA A/B matrices: a few MB)."""
    return {n: p.detach().to("cpu", copy=True).contiguous() for n, p in model.named_parameters() if p.requires_grad}


def load_trainable(model, tensors: dict, where: Path) -> None:
    import torch

    params = {n: p for n, p in model.named_parameters() if p.requires_grad}
    if set(params) != set(tensors):
        missing, extra = sorted(set(params) - set(tensors)), sorted(set(tensors) - set(params))
        raise WorkspaceError(f"checkpoint {where} does not fit this model (missing {missing[:3]}, unexpected "
                             f"{extra[:3]}); start over without --resume")
    with torch.no_grad():
        for n, p in params.items():
            p.copy_(tensors[n].to(p.device, p.dtype))


def rng_state() -> dict:
    import torch

    state = {"torch": torch.get_rng_state()}
    if torch.cuda.is_available():
        for i, s in enumerate(torch.cuda.get_rng_state_all()):
            state[f"cuda{i}"] = s
    return state


def set_rng_state(state: dict) -> None:
    import torch

    torch.set_rng_state(state["torch"])
    cuda = [state[k] for k in sorted(k for k in state if k.startswith("cuda"))]
    if cuda and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(cuda)


def save_checkpoint(run_dir: Path, step: int, accelerator, model, optimizer, state: dict, best: dict | None,
                    keep: int = 1) -> Path:
    """Every process calls this (each writes its RNG state); the main process writes the rest and publishes."""
    import torch
    from safetensors.torch import save_file

    tmp = run_dir / f"tmp-{step:08d}"
    final = run_dir / f"ckpt-{step:08d}"
    if accelerator.is_main_process:
        remove_tree(tmp)
        tmp.mkdir(parents=True)
    accelerator.wait_for_everyone()
    save_file(rng_state(), tmp / f"rng-{accelerator.process_index}.safetensors")
    if accelerator.is_main_process:
        save_file(trainable_state(model), tmp / "adapter.safetensors")
        torch.save(optimizer.state_dict(), tmp / "optimizer.pt")
        if best is not None:
            save_file(best, tmp / "best.safetensors")
        atomic_write_json(tmp / "state.json", state)
    accelerator.wait_for_everyone()
    if accelerator.is_main_process:
        fsync_tree(tmp)
        remove_tree(final)
        os.replace(tmp, final)
        atomic_write_text(run_dir / LATEST, final.name + "\n")
        old = sorted(p for p in run_dir.glob("ckpt-*") if p.name != final.name)
        for stale in old[:max(0, len(old) - (keep - 1))]:
            remove_tree(stale)
    accelerator.wait_for_everyone()
    return final


def latest_checkpoint(run_dir: Path) -> Path | None:
    try:
        name = (run_dir / LATEST).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    folder = run_dir / name
    return folder if name and (folder / "state.json").is_file() else None


def load_checkpoint(folder: Path, accelerator, model, optimizer) -> tuple[dict, dict | None]:
    """Restore weights, optimizer and this process's RNG; returns (state.json, best adapter or None)."""
    import torch
    from safetensors.torch import load_file

    rng_file = folder / f"rng-{accelerator.process_index}.safetensors"
    if not rng_file.is_file():
        raise WorkspaceError(f"checkpoint {folder} was written by fewer processes than this run has "
                             f"({accelerator.num_processes}); resume with the same number of processes")
    load_trainable(model, load_file(folder / "adapter.safetensors"), folder)
    optimizer.load_state_dict(torch.load(folder / "optimizer.pt", map_location="cpu", weights_only=True))
    best_file = folder / "best.safetensors"
    best = load_file(best_file) if best_file.is_file() else None
    state = read_json(folder / "state.json")
    set_rng_state(load_file(rng_file))
    return state, best


def check_resumable(run_dir: Path, identity: dict) -> None:
    """Refuse to resume a run whose base model, data, shape-defining or schedule settings differ, naming what
    changed."""
    try:
        saved = read_json(run_dir / RUN_FILE)
    except FileNotFoundError:
        raise WorkspaceError(f"{run_dir} has no {RUN_FILE}; start over without --resume") from None
    changed = sorted(k for k in set(saved) | set(identity) if saved.get(k) != identity.get(k))
    if changed:
        detail = "; ".join(f"{k}: {saved.get(k)!r} -> {identity.get(k)!r}" for k in changed[:5])
        raise WorkspaceError(f"cannot resume {run_dir}: {detail}. Undo the change, or start over without --resume")
