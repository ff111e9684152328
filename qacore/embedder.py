"""Sentence embeddings with the configured model.

Why a wrapper around sentence-transformers: we sort the whole input by token length and feed it in
batches ourselves so that (a) padding waste is minimal across the entire run, not just within one call,
and (b) our own progress bar counts chunks. On CPUs with native bf16 (AVX512-BF16 / AMX) MiniLM runs
~2x faster in bfloat16 with cosine >= 0.9999 to fp32 (see ../shared/stack-facts.md); elsewhere fp32.
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
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # a per-load "Loading weights" bar is noise on the user's terminal
        self.resolved: ResolvedModel = resolve_embedding_model(spec)
        self.dtype = choose_dtype(dtype, device)
        self.batch_size = batch_size
        self.model = SentenceTransformer(
            str(self.resolved.path),
            device=device,
            local_files_only=True,
            model_kwargs={"torch_dtype": getattr(torch, self.dtype)},
        )
        self.tokenizer = self.model.tokenizer
        self.max_seq_length: int = int(self.model.max_seq_length)
        self.dim: int = int(self.model.get_embedding_dimension())
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
            vectors = self.model.encode(
                [texts[i] for i in idx],
                batch_size=len(idx),
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
            out[idx] = vectors.astype(np.float32, copy=False)
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
        import torch

        with torch.inference_mode():
            prepare = getattr(self.model, "preprocess", None) or self.model.tokenize  # renamed in ST 6
            features = {k: v.to(self.model.device) if isinstance(v, torch.Tensor) else v
                        for k, v in prepare([text]).items()}
            vector = self.model(features)["sentence_embedding"]
            vector = torch.nn.functional.normalize(vector.float(), dim=-1)
        return vector[0].cpu().numpy()

    def _trace_query_encoder(self):
        """A TorchScript-frozen encoder for single queries, or None where it does not apply or does not match."""
        import warnings

        import torch
        from transformers.utils import logging as hf_logging

        modules = list(self.model)
        pooling = modules[1] if len(modules) > 1 else None
        if self.model.device.type != "cpu" or pooling is None or getattr(pooling, "pooling_mode", None) != "mean":
            return None
        probe = "How many days of annual leave do employees get per year?"
        verbosity = hf_logging.get_verbosity()
        try:
            encoded = self.tokenizer([probe], return_tensors="pt")
            hf_logging.set_verbosity_error()  # tracing trips a harmless "loss_type=None" config warning
            with warnings.catch_warnings(), torch.inference_mode(False), torch.no_grad():
                warnings.simplefilter("ignore")
                traced = torch.jit.trace(modules[0].auto_model, (encoded["input_ids"], encoded["attention_mask"]),
                                         strict=False, check_trace=False)
                traced = torch.jit.optimize_for_inference(torch.jit.freeze(traced.eval()))
            matches = float(self._embed_query_traced(traced, probe) @ self._embed_query_eager(probe)) >= 0.9999
            return traced if matches else None
        except Exception:  # any tracing limitation: the eager path is always correct
            return None
        finally:
            hf_logging.set_verbosity(verbosity)
