"""Tuned-model artifacts in the workspace: the contract between `qa finetune` (writer) and `qa ask` /
`qa eval` (readers). Stages never import each other; they meet here and on disk.

    .qa/models/NAME/manifest.json   kind "qa.lora" or "qa.extractive", base model id + hash, dataset hash,
                                    prompt version, with_context, resolved config, metrics, loss curve
    .qa/models/NAME/adapter/        kind qa.lora: a PEFT LoRA adapter (adapter_config.json + safetensors)
    .qa/models/NAME/model/          kind qa.extractive: a transformers question-answering model + tokenizer
"""

from __future__ import annotations

import json
from pathlib import Path

from qacore.errors import WorkspaceError
from qacore.workspace import Workspace

LORA_KIND = "qa.lora"
EXTRACTIVE_KIND = "qa.extractive"


def model_folder(workspace: Workspace, name: str) -> Path:
    return workspace.models_dir / name


def read_model_manifest(workspace: Workspace, name: str) -> dict:
    path = model_folder(workspace, name) / "manifest.json"
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        known = ", ".join(m["name"] for m in list_models(workspace)) or "none yet; run `qa finetune`"
        raise WorkspaceError(f"no tuned model {name!r} in {workspace.models_dir} (available: {known})") from None
    except ValueError as exc:
        raise WorkspaceError(f"{path} is not valid JSON: {exc}") from exc
    manifest["name"] = name  # a model is addressed by its folder (a copy "tuned-v1" of "tuned" is "tuned-v1")
    return manifest


def list_models(workspace: Workspace) -> list[dict]:
    """Manifests of the finished tuned models, sorted by folder name. Folders without a manifest are unfinished;
    dot-folders are a publish's temporary or renamed-aside copies (qacore.workspace.publish_folder), not models."""
    found = []
    if workspace.models_dir.is_dir():
        for folder in sorted(workspace.models_dir.iterdir()):
            manifest = folder / "manifest.json"
            if folder.is_dir() and not folder.name.startswith(".") and manifest.is_file():
                try:
                    data = json.loads(manifest.read_text(encoding="utf-8"))
                except ValueError:
                    continue
                data["name"] = folder.name
                found.append(data)
    return found
