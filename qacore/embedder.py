"""Sentence embeddings with the configured model.

Why a wrapper around the model: we sort the whole input by token length and feed it in batches ourselves so
that (a) padding waste is minimal across the entire run, not just within one call, and (b) our own progress bar
counts chunks. On CPUs with native bf16 (AVX512-BF16 / AMX) MiniLM runs ~2x faster in bfloat16 with cosine
>= 0.9999 to fp32 (see ../shared/stack-facts.md); elsewhere fp32.

Why the common sentence-transformers layout (a transformer, mean or CLS pooling, optional normalisation: MiniLM and
most embedding models) runs on `transformers` directly: importing sentence-transformers takes 7-9 s in a fresh
process here (it pulls in scikit-learn, SciPy and more), a quarter of a first `qa ingest` of policyqa-dev,
and every cold `qa ask` or `qa serve` paid it too; the same model through AutoModel plus the pooling written out
below costs no extra import and gives the same vectors (cosine >= 0.9999, tests/test_models.py). Any other layout
(Dense layers, prompts, other pooling) is loaded with sentence-transformers itself.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import numpy as np

from qacore.models import ResolvedModel, resolve_embedding_model


@functools.cache
def cpu_has_native_bf16() -> bool:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            flags = fh.read()
    except OSError:
        return False
    return any(flag in flags for flag in (" avx512_bf16", " amx_bf16"))


def choose_dtype(requested: str, device: str = "cpu") -> str:
    if requested != "auto":
        return requested
    if device.startswith("cuda"):
        return "bfloat16"
    return "bfloat16" if cpu_has_native_bf16() else "float32"


_SHARED: dict[tuple, Embedder] = {}


class Embedder:
    @classmethod
    def shared(cls, spec: str, dtype: str = "auto", batch_size: int = 32, device: str = "cpu") -> Embedder:
        """One loaded instance per (spec, dtype, batch size, device) in this process: retrieval, the dataset
        builder and the eval verifier all embed with the index's model, and loading it (plus tracing the query
        encoder) costs seconds each time. Embedders hold no per-use state, so sharing is safe."""
        key = (spec, choose_dtype(dtype, device), batch_size, device)
        if key not in _SHARED:
            _SHARED[key] = cls(spec, dtype=dtype, batch_size=batch_size, device=device)
        return _SHARED[key]

    def __init__(self, spec: str, dtype: str = "auto", batch_size: int = 32, device: str = "cpu"):
        import torch
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # a per-load "Loading weights" bar is noise on the user's terminal
        self.resolved: ResolvedModel = resolve_embedding_model(spec)
        self.dtype = choose_dtype(dtype, device)
        self.batch_size = batch_size
        self.device = torch.device(device)
        layout = plain_layout(self.resolved.path)
        self._st = None  # a SentenceTransformer, for layouts the plain path does not cover
        if layout is not None:
            from transformers import AutoModel, AutoTokenizer

            self.tokenizer = AutoTokenizer.from_pretrained(str(self.resolved.path), local_files_only=True)
            self.auto_model = AutoModel.from_pretrained(str(self.resolved.path), local_files_only=True,
                                                        dtype=getattr(torch, self.dtype)).to(self.device).eval()
            self.pooling, self.lowercase = layout["pooling"], layout["lowercase"]
            self.max_seq_length = int(layout["max_seq_length"] or min(self.auto_model.config.max_position_embeddings,
                                                                      self.tokenizer.model_max_length))
            self.dim = int(self.auto_model.config.hidden_size)
        else:
            from sentence_transformers import SentenceTransformer

            self._st = SentenceTransformer(str(self.resolved.path), device=device, local_files_only=True,
                                           model_kwargs={"dtype": getattr(torch, self.dtype)})
            self.tokenizer = self._st.tokenizer
            self.max_seq_length = int(self._st.max_seq_length)
            self.dim = int(self._st.get_embedding_dimension())
            self.pooling, self.lowercase, self.auto_model = None, False, None
        self._traced = None  # query encoder, built on first embed_query

    @property
    def identity(self) -> dict:
        """What must match for two vectors to be comparable; recorded in the index manifest."""
        return {
            "spec": self.resolved.spec,
            "model_id": self.resolved.model_id,
            "model_hash": self.resolved.content_hash,
            "dtype": self.dtype,
            "dim": self.dim,
            "max_seq_length": self.max_seq_length,
        }

    def count_tokens(self, text: str) -> int:
        """Tokens the model sees for `text`, without the [CLS]/[SEP] specials."""
        return len(self.tokenizer(text, add_special_tokens=False, truncation=False)["input_ids"])

    @property
    def content_token_budget(self) -> int:
        """Largest text (in tokens, without specials) the model embeds without truncation."""
        return self.max_seq_length - self.tokenizer.num_special_tokens_to_add(pair=False)

    def embed(self, texts: Sequence[str], progress=None) -> np.ndarray:
        """float32 array (len(texts), dim), L2-normalized, in input order. `progress(n)` is called per batch."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        lengths = [len(t) for t in texts]  # characters track tokens closely enough for ordering
        order = np.argsort(lengths)[::-1]  # longest first: an out-of-memory shows up in the first batch
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(order), self.batch_size):
            idx = order[start : start + self.batch_size]
            out[idx] = self._encode([texts[i] for i in idx])
            if progress is not None:
                progress(len(idx))
        return out

    def embed_query(self, text: str) -> np.ndarray:
        """One query, on the shortest path. A search embeds a single short query, where PyTorch's per-op
        overhead is a large share of the ~15 ms: a traced, frozen graph of the encoder (built once, checked
        against the regular path) takes ~18% off, which is what brings hybrid search under 20 ms p50 here."""
        if self._traced is None:
            self._traced = self._trace_query_encoder() or False  # False: tracing does not apply, stay eager
        if self._traced is False:
            return self._embed_query_eager(text)
        return self._embed_query_traced(self._traced, text)

    def _embed_query_traced(self, traced, text: str) -> np.ndarray:
        import torch

        encoded = self.tokenizer([text], return_tensors="pt", truncation=True, max_length=self.max_seq_length)
        with torch.inference_mode():
            output = traced(encoded["input_ids"], encoded["attention_mask"])
            hidden = output["last_hidden_state"] if isinstance(output, dict) else output[0]  # (1, seq, dim)
            vector = hidden.float().mean(dim=1)  # one unpadded sequence: mean pooling = plain mean
            vector = torch.nn.functional.normalize(vector, dim=-1)
        return vector[0].numpy()

    def _embed_query_eager(self, text: str) -> np.ndarray:
        return self._encode([text])[0]

    def _encode(self, texts: list[str]) -> np.ndarray:
        """One batch -> float32 (len, dim), L2-normalised, as sentence-transformers' encode would compute it."""
        import torch

        if self._st is not None:
            vectors = self._st.encode(texts, batch_size=len(texts), normalize_embeddings=True,
                                      convert_to_numpy=True, show_progress_bar=False)
            return vectors.astype(np.float32, copy=False)
        texts = [t.strip().lower() if self.lowercase else t.strip() for t in texts]
        encoded = self.tokenizer(texts, padding=True, truncation="longest_first", max_length=self.max_seq_length,
                                 return_tensors="pt").to(self.device)
        with torch.inference_mode():
            hidden = self.auto_model(**encoded).last_hidden_state.float()
            if self.pooling == "cls":
                pooled = hidden[:, 0]
            else:  # mean over the real tokens
                mask = encoded["attention_mask"].unsqueeze(-1).float()
                pooled = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
            pooled = torch.nn.functional.normalize(pooled, dim=-1)
        return pooled.cpu().numpy()

    def _trace_query_encoder(self):
        """A TorchScript-frozen encoder for single queries, or None where it does not apply or does not match."""
        import warnings

        import torch
        from transformers.utils import logging as hf_logging

        if self.auto_model is None or self.device.type != "cpu" or self.pooling != "mean":
            return None
        probe = "How many days of annual leave do employees get per year?"
        verbosity = hf_logging.get_verbosity()
        try:
            encoded = self.tokenizer([probe], return_tensors="pt")
            hf_logging.set_verbosity_error()  # tracing trips a harmless "loss_type=None" config warning
            with warnings.catch_warnings(), torch.inference_mode(False), torch.no_grad():
                warnings.simplefilter("ignore")
                traced = torch.jit.trace(self.auto_model, (encoded["input_ids"], encoded["attention_mask"]),
                                         strict=False, check_trace=False)
                traced = torch.jit.optimize_for_inference(torch.jit.freeze(traced.eval()))
            matches = float(self._embed_query_traced(traced, probe) @ self._embed_query_eager(probe)) >= 0.9999
            return traced if matches else None
        except Exception:  # any tracing limitation: the eager path is always correct
            return None
        finally:
            hf_logging.set_verbosity(verbosity)


def plain_layout(folder) -> dict | None:
    """{pooling, max_seq_length, lowercase} when the model at `folder` is a transformer + mean/CLS pooling
    (+ normalisation), which the embedder runs on `transformers` alone; None for anything else. Reads both the
    sentence-transformers 2-5 files (MiniLM's) and the 6.x ones. A folder without modules.json is a plain
    Hugging Face model, which sentence-transformers also mean-pools."""
    import json
    from pathlib import Path

    def read(path: Path) -> dict:
        return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}

    folder = Path(folder)
    try:
        extra = read(folder / "config_sentence_transformers.json")
        if any((extra.get("prompts") or {}).values()) or extra.get("default_prompt_name"):
            return None  # prompts prepended to texts: leave them to sentence-transformers
        modules = read(folder / "modules.json") if (folder / "modules.json").is_file() else None
        if modules is None:
            return {"pooling": "mean", "max_seq_length": None, "lowercase": False}
        kinds = [m["type"].rsplit(".", 1)[-1] for m in modules if m["type"].startswith("sentence_transformers.")]
        if (len(kinds) != len(modules) or kinds[:2] != ["Transformer", "Pooling"] or kinds[2:] not in ([], ["Normalize"])
                or modules[0].get("path", "") not in ("", ".")):
            return None
        transformer = read(folder / "sentence_bert_config.json")
        if transformer.get("transformer_task", "feature-extraction") != "feature-extraction" or any(
                cfg.get("method_output_name", "last_hidden_state") != "last_hidden_state"
                for cfg in (transformer.get("modality_config") or {}).values()):
            return None
        pool = read(folder / modules[1]["path"] / "config.json")
        if "pooling_mode" in pool:  # sentence-transformers 6
            modes = {pool["pooling_mode"]}
        else:
            modes = {k.removeprefix("pooling_mode_") for k, v in pool.items() if k.startswith("pooling_mode_") and v}
        pooling = {"mean": "mean", "mean_tokens": "mean", "cls": "cls", "cls_token": "cls"}.get(
            modes.pop() if len(modes) == 1 else None)
        if pooling is None:
            return None
    except (OSError, ValueError, KeyError, IndexError, AttributeError, TypeError):
        return None  # unusual files: sentence-transformers decides
    return {"pooling": pooling, "max_seq_length": transformer.get("max_seq_length"),
            "lowercase": bool(transformer.get("do_lower_case", False))}
