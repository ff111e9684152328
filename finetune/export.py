"""A tuned model as one plain transformers folder: base weights + LoRA adapter merged (peft merge_and_unload),
with the base model's tokenizer. `AutoModelForCausalLM.from_pretrained(OUT)` loads it without peft or qa,
so it can be served anywhere (vLLM, TGI, llama.cpp after conversion).

    qa export-model NAME OUT      from .qa/models/NAME/ (kind qa.lora)
    qa finetune --merge           the same, into .qa/models/NAME/merged/, published with the adapter
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

from qacore.artifacts import LORA_KIND, model_folder, read_model_manifest
from qacore.errors import QAError, WorkspaceError
from qacore.workspace import Workspace, atomic_write_json, fsync_dir, fsync_tree


def merge_adapter(spec: str, adapter: Path, out: Path, *, expected_hash: str | None = None,
                  dtype: str = "float32") -> Path:
    """Load the base model, apply the adapter, merge, save model + tokenizer to `out` (built in a temporary
    sibling and renamed into place; `out` must not exist yet)."""
    import torch
    from peft import PeftModel
    from transformers import AutoTokenizer

    from qacore.models import load_causal_lm

    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise QAError(f"{out} already exists; remove it or choose another folder")
    model, _tokenizer, resolved = load_causal_lm(spec, dtype=dtype)
    if expected_hash and resolved.content_hash != expected_hash:
        raise WorkspaceError(f"base model {spec} has changed since the adapter was trained (sha256 "
                             f"{resolved.content_hash[:12]}, trained on {expected_hash[:12]}); retrain with `qa finetune`")
    merged = PeftModel.from_pretrained(model, str(adapter)).merge_and_unload()
    merged.to(getattr(torch, dtype))
    tokenizer = AutoTokenizer.from_pretrained(resolved.path)  # as shipped, not with qa's generation padding
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".tmp-{out.name}-", dir=out.parent))
    try:
        merged.save_pretrained(tmp, safe_serialization=True)
        tokenizer.save_pretrained(tmp)
        atomic_write_json(tmp / "qa_export.json", {"base_model": {"spec": spec, "model_id": resolved.model_id,
                                                                  "content_hash": resolved.content_hash},
                                                   "adapter": str(adapter), "dtype": dtype})
        fsync_tree(tmp)
        if out.exists():
            out.rmdir()  # empty, checked above
        os.replace(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    fsync_dir(out.parent)
    return out


def export_merged(workspace: Workspace, name: str, out: Path, *, dtype: str = "float32") -> Path:
    """`qa export-model NAME OUT`: the tuned model NAME, merged, as a transformers folder at OUT."""
    manifest = read_model_manifest(workspace, name)
    if manifest.get("kind") != LORA_KIND:
        raise WorkspaceError(f"model {name!r} is of kind {manifest.get('kind')!r}; only {LORA_KIND} adapters are "
                             f"merged (a qa.extractive model is already a plain folder: {model_folder(workspace, name)}/model)")
    adapter = model_folder(workspace, name) / "adapter"
    if not (adapter / "adapter_config.json").is_file():
        raise WorkspaceError(f"{adapter} has no adapter_config.json; retrain with `qa finetune --name {name}`")
    base = manifest["base_model"]
    print(f"qa: merging {adapter} into {base['model_id']}", file=sys.stderr)
    return merge_adapter(base["spec"], adapter, out, expected_hash=base.get("content_hash"), dtype=dtype)
