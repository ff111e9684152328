"""Typed configuration: defaults live here and nowhere else.

Sources, later wins: built-in defaults < `qa.toml` (./qa.toml, $QA_CONFIG or --config) < command-line flags.
Unknown keys are rejected and every problem is reported at once, so a typo in `qa.toml` never silently
falls back to a default. The resolved config is saved into every artifact's manifest.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from qacore.errors import ConfigError

EMBEDDED_EMBEDDING = "embedded:all-MiniLM-L6-v2"
EMBEDDED_GENERATOR = "embedded:SmolLM2-135M-Instruct"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class ModelsConfig(_Section):
    embedding: str = Field(EMBEDDED_EMBEDDING, description="embedded:NAME, a local folder, or a HF id in the local cache")
    embedding_dtype: Literal["auto", "float32", "bfloat16"] = Field(
        "auto", description="auto = bfloat16 where the CPU has native bf16 (AVX512-BF16/AMX) or on CUDA, else float32"
    )
    generator: str = Field(EMBEDDED_GENERATOR, description="embedded:NAME, a local folder, or a HF id in the local cache")
    embedding_batch_size: int = Field(32, ge=1, le=4096)


class IngestConfig(_Section):
    include: list[str] = Field(
        default_factory=lambda: ["**/*.md", "**/*.markdown", "**/*.txt", "**/*.html", "**/*.htm", "**/*.pdf",
                                 "**/*.docx", "**/*.csv", "**/*.jsonl"]
    )
    exclude: list[str] = Field(default_factory=lambda: ["**/.*", "**/.*/**", "**/node_modules/**", "**/__pycache__/**"])
    max_file_mb: float = Field(25.0, gt=0, description="files above this size are skipped")
    max_docx_uncompressed_mb: float = Field(100.0, gt=0, description="zip-bomb guard for DOCX")
    redact: bool = True
    redact_entities: list[str] = Field(
        default_factory=lambda: ["PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "US_SSN"]
    )
    redact_allow_list: list[str] = Field(
        default_factory=list, description="words never redacted (e.g. product names NER mistakes for people)"
    )
    # Token budget per chunk, measured with the embedding model's own tokenizer. Each chunk is embedded with
    # its "title > headings" header; a chunk is cut shorter where needed so that both fit the model's window.
    # 240/40 measured best on policyqa-dev (BENCHMARKS.md): bigger chunks hold more of the answer.
    chunk_tokens: int = Field(240, ge=16, le=8192)
    chunk_overlap_tokens: int = Field(40, ge=0)
    header_tokens: int = Field(40, ge=0, le=512, description="budget for 'title > heading path' prefixed to each chunk")
    merge_small_sections: bool = Field(True, description="merge adjacent small sections up to chunk_tokens")
    index: Literal["auto", "flat", "hnsw"] = "auto"
    hnsw_threshold: int = Field(200_000, ge=1, description="index=auto switches to HNSW above this many chunks")

    @model_validator(mode="after")
    def _overlap_below_size(self) -> IngestConfig:
        if self.chunk_overlap_tokens >= self.chunk_tokens:
            raise ValueError(
                f"chunk_overlap_tokens ({self.chunk_overlap_tokens}) must be smaller than chunk_tokens ({self.chunk_tokens})"
            )
        return self


class RetrievalConfig(_Section):
    mode: Literal["hybrid", "dense", "bm25"] = Field("hybrid", description="hybrid = dense + BM25, reciprocal-rank fusion")
    k: int = Field(5, ge=1, le=1000)
    candidates: int = Field(50, ge=1, le=10_000, description="per-retriever candidates fused in hybrid mode")
    rrf_k: int = Field(60, ge=1)
    # 0.3 measured best on policyqa-dev (recall@5 0.652 vs 0.638 at equal weight and 0.640 dense-only; BENCHMARKS.md)
    bm25_weight: float = Field(0.3, ge=0, description="weight of the BM25 ranking in hybrid fusion (dense is 1)")
    hnsw_ef_search: int = Field(64, ge=1)


class DatasetConfig(_Section):
    """How `qa ingest` / `qa generate` builds the Q&A dataset."""

    # the LLM generator for questions, paraphrases and unanswerables: "none" (extractors only), a local model
    # (embedded:NAME, folder, HF id) or an OpenAI-compatible endpoint ("openai:MODEL", see base_url)
    generator: str = Field(EMBEDDED_GENERATOR, description="none, embedded:NAME, a local folder/HF id, or openai:MODEL")
    base_url: str | None = Field(None, description="OpenAI-compatible endpoint for openai:MODEL generators")
    eval_share: float = Field(0.25, gt=0, lt=1, description="share of answerable pairs (by section) held out for eval")
    paraphrase_eval: bool = Field(True, description="eval questions are LLM paraphrases of the extracted ones")
    generation_batch_size: int = Field(8, ge=1, le=512)


class FinetuneConfig(_Section):
    """`qa finetune` (LoRA on a causal LM, or --task extractive)."""


class EvalConfig(_Section):
    """`qa eval`: variants, metrics, judges, gates."""


class QAConfig(_Section):
    models: ModelsConfig = Field(default_factory=ModelsConfig)
    ingest: IngestConfig = Field(default_factory=IngestConfig)
    retrieval: RetrievalConfig = Field(default_factory=RetrievalConfig)
    dataset: DatasetConfig = Field(default_factory=DatasetConfig)
    finetune: FinetuneConfig = Field(default_factory=FinetuneConfig)
    eval: EvalConfig = Field(default_factory=EvalConfig)


def _format_errors(err: ValidationError) -> list[str]:
    problems = []
    for e in err.errors():
        where = ".".join(str(p) for p in e["loc"]) or "(top level)"
        msg = e["msg"].removeprefix("Value error, ")
        if e["type"] == "extra_forbidden":
            msg = "unknown key"
        problems.append(f"{where}: {msg}" + (f" (got {e['input']!r})" if e["type"] != "extra_forbidden" and not isinstance(e.get("input"), dict) else ""))
    return problems


def _set_dotted(data: dict[str, Any], dotted: str, value: Any) -> None:
    node = data
    *parents, leaf = dotted.split(".")
    for part in parents:
        node = node.setdefault(part, {})
    node[leaf] = value


def find_config_file(explicit: str | os.PathLike | None = None) -> Path | None:
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError([f"{path}: file not found"], source="config file")
        return path
    env = os.environ.get("QA_CONFIG")
    if env:
        return find_config_file(env)
    local = Path("qa.toml")
    return local if local.is_file() else None


def load_config(path: str | os.PathLike | None = None, overrides: dict[str, Any] | None = None) -> QAConfig:
    """Defaults < qa.toml < overrides (dotted keys such as ``"ingest.redact"``; None values are ignored)."""
    file = find_config_file(path)
    data: dict[str, Any] = {}
    source = "configuration"
    if file is not None:
        source = str(file)
        try:
            data = tomllib.loads(file.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError([f"not valid TOML: {exc}"], source=source) from exc
    for key, value in (overrides or {}).items():
        if value is not None:
            _set_dotted(data, key, value)
    try:
        return QAConfig.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(_format_errors(exc), source=source) from exc
