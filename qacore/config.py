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

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from qacore.errors import ConfigError, QAError
from qacore.gate_expr import validate_gate_expressions

EMBEDDED_EMBEDDING = "embedded:all-MiniLM-L6-v2"
EMBEDDED_GENERATOR = "embedded:SmolLM2-135M-Instruct"
# the ragas metrics `qa eval --judge` can ask of an LLM judge (evalharness/judge.py implements each)
JUDGE_METRICS = ("faithfulness", "answer_correctness")


# A name that becomes one folder under the workspace (a tuned model, an eval run): no separators, no "..".
FOLDER_NAME = r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}"


class _Section(BaseModel):
    # allow_inf_nan=False: no setting means anything as inf or nan (TOML has both), and `max_file_mb = inf`
    # would only fail later, as an OverflowError in int(inf * 1e6)
    model_config = ConfigDict(extra="forbid", validate_assignment=True, allow_inf_nan=False)


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
    # 240 tokens measured best on policyqa-dev (BENCHMARKS.md): bigger chunks hold more of the answer. No overlap:
    # chunks are cut at paragraph/sentence boundaries anyway, and 40 tokens of overlap bought nothing while costing
    # 19% more tokens to embed (policyqa-dev recall@5, 2420 questions: hybrid 0.657 without vs 0.652 with, dense
    # 0.656 vs 0.640; 18F gold evidence in the 3 passages the answer sees: 28/30 both ways, top 5: 29 vs 30).
    chunk_tokens: int = Field(240, ge=16, le=8192)
    chunk_overlap_tokens: int = Field(0, ge=0)
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
    # what a +rag prompt shows of each passage: its most relevant sentences (qacore.guard.trim_passages)
    sentences_per_passage: int = Field(4, ge=1, le=1000, description="sentences of each passage shown to the model")
    guard_relevance: float | None = Field(None, ge=-1, le=1, description="+guard refuses below this sentence "
                                          "relevance (default: calibrated on the workspace's dataset)")


class DatasetConfig(_Section):
    """How `qa ingest` / `qa generate` builds the Q&A dataset."""

    # the LLM generator for questions, paraphrases and unanswerables: "none" (extractors only), a local model
    # (embedded:NAME, folder, HF id) or an OpenAI-compatible endpoint ("openai:MODEL", see base_url)
    generator: str = Field(EMBEDDED_GENERATOR, description="none, embedded:NAME, a local folder/HF id, or openai:MODEL")
    base_url: str | None = Field(None, description="OpenAI-compatible endpoint for openai:MODEL generators")
    eval_share: float = Field(0.25, gt=0, lt=1, description="share of answerable pairs (by section) held out for eval")
    # rule-based questions from prose sentences (ingest/dataset/sentence_questions.py), best by round trip
    sentence_questions_per_chunk: int = Field(4, ge=0, le=50, description="questions from prose sentences per chunk "
                                                                         "(0 = none)")
    # keep only generators whose pairs passed the hand check at least this often on the 18F handbook
    # (ingest/dataset/rule_quality.py): 0 keeps all; the default 0.3 keeps every rule and drops only the embedded
    # SmolLM2-135M's questions (3 of 20 good on 18F; another LLM counts at the overall rate and stays); 0.8 keeps
    # headings, FAQs and definitions (18F: 85% of a hand-checked sample good, 15% of the chunks)
    min_rule_quality: float = Field(0.3, ge=0, le=1, description="drop generators whose hand-checked pass rate "
                                                                   "is below this (0 = keep all)")
    llm_questions_per_chunk: int = Field(1, ge=0, le=20, description="LLM-written questions per chunk (0 = none)")
    # the LLM only writes for chunks that no extractor or sentence rule covered, the most fact-like first; each fact
    # is asked with the template's examples and with examples from the workspace's own pairs, the first candidate
    # that passes the gates is kept. The cap keeps a large corpus's build within minutes on a CPU: on the 18F
    # handbook 150 facts (538 prompts with the eval paraphrases) took the build to 563 s, 2.9x its ingest, for 57
    # accepted LLM pairs (38 of 149 first candidates, 19 of 149 second ones), so the default asked 60; since the
    # sentence rules and task headings cover most chunks (issue 13), 60 facts gave 22 pairs for ~240 s: now 30.
    llm_candidates_per_fact: int = Field(2, ge=1, le=8, description="LLM question candidates per fact (prompt "
                                                                    "variants)")
    llm_max_facts: int = Field(30, ge=0, le=1_000_000, description="facts the LLM writes questions for, per build")
    paraphrase_eval: bool = Field(True, description="eval questions are LLM paraphrases of the extracted ones")
    # on the 18F handbook the LLM-free rules give ~400 eval questions, and paraphrasing all of them took the default
    # build to 766 s, 3.3x its ingest (523 prompts); with 81 paraphrases and 60 facts it still took 585 s (2.6x:
    # 201 prompts at ~2 s on 2 cores), so the defaults are 60 paraphrases, evenly spread, and 30 facts
    paraphrase_max: int = Field(60, ge=0, le=1_000_000, description="eval questions paraphrased per build (evenly "
                                                                       "spread; the rest keep their wording)")
    generation_batch_size: int = Field(8, ge=1, le=512)


class FinetuneConfig(_Section):
    """`qa finetune` (LoRA on a causal LM, or --task extractive)."""

    # LoRA on a causal LM (finetune/lora.py). The defaults are measured on the embedded SmolLM2-135M and the
    # ~290 corpora/ train pairs on a 2-core CPU (BENCHMARKS.md): a 135M model needs many epochs at a high
    # learning rate before it recalls facts closed-book.
    base_model: str | None = Field(None, description="causal LM: embedded:NAME, a local folder or a cached HF id "
                                                     "(default: models.generator)")
    name: str = Field("tuned", pattern=rf"^{FOLDER_NAME}$", description="output: .qa/models/NAME/")
    lora_r: int = Field(16, ge=1, le=1024, description="LoRA rank")
    lora_alpha: float = Field(32.0, gt=0, description="LoRA scaling is alpha / r")
    lora_dropout: float = Field(0.05, ge=0, lt=1)
    target_modules: list[str] = Field(
        default_factory=lambda: ["all-linear"], min_length=1,
        description='module names to adapt, e.g. ["q_proj", "v_proj"]; ["all-linear"] = every linear projection '
                    "except the output head")
    epochs: int | None = Field(None, ge=1, le=10_000, description="passes over the train split (default: 3 "
                                                                   "closed-book, 1 with context: ~7x longer prompts)")
    max_steps: int = Field(0, ge=0, description="stop after this many optimizer steps (0 = run all epochs)")
    max_minutes: float = Field(0.0, ge=0, description="time budget for the optimizer steps: every PLAN_STEPS steps "
                               "the run is re-planned to as many steps as fit, so the learning rate still decays "
                               "to its end (0 = off; model loading and eval passes not counted)")
    learning_rate: float = Field(3e-3, gt=0, le=1, description="peak; on corpora/ 8e-3 trained worse and 1e-3 "
                                                                 "needed twice the epochs")
    lr_scheduler: Literal["cosine", "linear", "constant"] = Field("cosine", description="after linear warm-up")
    warmup_ratio: float = Field(0.05, ge=0, lt=1, description="share of the steps spent warming up")
    weight_decay: float = Field(0.0, ge=0, le=1)
    max_grad_norm: float = Field(1.0, gt=0, description="gradient clipping")
    batch_size: int = Field(8, ge=1, le=4096, description="examples per optimizer step and process")
    max_length: int = Field(1024, ge=32, le=131_072, description="tokens per example (prompt + answer); with context, "
                                                                "distractors are dropped to fit, else it is skipped")
    seed: int = Field(0, ge=0, description="LoRA init, data order, dropout, context choice")
    early_stopping_patience: int = Field(0, ge=0, description="stop after this many evals without a better eval "
                                                              "loss and keep the best adapter (0 = off)")
    early_stopping_min_delta: float = Field(0.0, ge=0, description="smallest eval-loss drop that counts as better")
    checkpoint_every: int = Field(50, ge=0, description="optimizer steps between resumable checkpoints (0 = only "
                                                        "at the end of each epoch)")
    with_context: bool = Field(False, description="RAFT-style: train on prompts with retrieved passages (gold chunk "
                                                  "+ hard negatives), the layout of `qa ask` with retrieval")
    context_passages: int = Field(3, ge=1, le=20, description="passages per prompt with context")
    refusal_share: float = Field(0.2, ge=0, lt=1, description="with context: share of answerable examples shown "
                                                              "without their gold chunk, whose target is the refusal")
    train_unanswerable: bool = Field(False, description="with context: also train refusals on unanswerable.jsonl "
                                                        "(off: qa eval scores refusals on these questions)")
    dtype: Literal["auto", "float32", "bfloat16", "float16"] = Field(
        "auto", description="auto = float32 on CPU, bfloat16 on CUDA (float16 where bf16 is missing)")
    qlora: bool = Field(False, description="load the base model in 4 bits (CUDA + bitsandbytes)")
    device: Literal["auto", "cpu", "cuda"] = "auto"

    @field_validator("target_modules")
    @classmethod
    def _target_modules(cls, value: list[str]) -> list[str]:
        if any(not m.strip() for m in value):
            raise ValueError("module names must not be empty")
        if "all-linear" in value and len(value) > 1:
            raise ValueError('"all-linear" stands alone, not mixed with module names')
        return value

    # --task extractive: a question-answering head on an encoder (finetune/extractive.py, qacore/reader.py)
    extractive_base_model: str = Field(EMBEDDED_EMBEDDING, description="encoder: embedded:NAME, a local folder, or a cached HF id")
    extractive_epochs: int = Field(2, ge=1, le=100)
    # 2 epochs, 128-token windows, lr 5e-4: ~3 minutes on corpora/ on 2 CPU cores (README: extractive reader)
    extractive_learning_rate: float = Field(5e-4, gt=0, lt=1)
    extractive_batch_size: int = Field(8, ge=1, le=1024)
    extractive_max_length: int = Field(128, ge=96, le=4096, description="tokens per window: question + passage")
    extractive_stride: int = Field(48, ge=0, le=2048, description="tokens shared by overlapping windows")
    extractive_max_answer_tokens: int = Field(96, ge=1, le=1024)
    extractive_negatives: float = Field(0.5, ge=0, le=4, description="no-answer examples per question (another passage)")
    extractive_null_threshold: float = Field(0.0, description="abstain unless the best span beats 'no answer' by this")
    extractive_seed: int = 0


class EvalConfig(_Section):
    """`qa eval`: variants, metrics, judges, gates."""

    # CI gates, checked after every run (evalharness.gates): "VARIANT.METRIC OP NUMBER", OP one of <= < >= > ==.
    # A gate on a variant or metric the run lacks, or on a metric without a value, fails.
    gates: list[str] = Field(
        default_factory=list, description='e.g. ["tuned+rag.hallucination_rate <= 0.15"]'
    )
    # The verifier's cross-encoder (MiniLM trained on corpus-built perturbations) is tried only when asked: on
    # corpora/ it lost to the calibrated thresholds on held-out claims (0.84 vs 0.86) and costs ~1.5 min per index.
    train_cross_encoder: bool = Field(False, description="calibration also trains a cross-encoder verifier and "
                                                         "uses it if it beats the thresholds on held-out claims")
    regression_min_effect: float = Field(
        0.02, ge=0, description="--baseline: smallest change of a metric's mean that counts as a regression"
    )
    # The optional LLM judge (evalharness/judge.py): ragas metrics asked of an LLM, next to the offline verifier.
    # Off by default: it costs LLM calls per answer (2 for faithfulness, 3 for answer_correctness) and a small
    # local judge often breaks its JSON. Its failures are counted and shown, never dropped.
    judge: str = Field("none", description="none, openai:MODEL (an OpenAI-compatible endpoint, see judge_base_url), "
                                           "or a local causal LM: embedded:NAME, a local folder, a cached HF id")
    judge_base_url: str | None = Field(None, description="endpoint for an openai:MODEL judge "
                                                         "(default: $OPENAI_BASE_URL, else OpenAI)")
    judge_metrics: list[str] = Field(default_factory=lambda: list(JUDGE_METRICS), min_length=1,
                                     description=f"ragas metrics the judge scores: {', '.join(JUDGE_METRICS)}")
    judge_max_new_tokens: int = Field(768, ge=32, le=32_768, description="token budget of one judge reply (ragas "
                                                                          "asks for JSON with a reason per statement)")

    @field_validator("gates")
    @classmethod
    def _gates_parse(cls, value: list[str]) -> list[str]:
        return validate_gate_expressions(value)

    @field_validator("judge")
    @classmethod
    def _judge_spec(cls, value: str) -> str:
        value = value.strip()
        if not value:
            raise ValueError('empty; use "none" for no LLM judge')
        if value.startswith("openai:") and not value.removeprefix("openai:").strip():
            raise ValueError("an OpenAI-compatible judge needs a model name: openai:MODEL")
        return value

    @field_validator("judge_metrics")
    @classmethod
    def _judge_metric_names(cls, value: list[str]) -> list[str]:
        unknown = [m for m in value if m not in JUDGE_METRICS]
        if unknown:
            raise ValueError(f"unknown judge metric(s) {', '.join(map(repr, unknown))}; supported: "
                             f"{', '.join(JUDGE_METRICS)}")
        if len(set(value)) != len(value):
            raise ValueError("a judge metric is listed twice")
        return value

    @model_validator(mode="after")
    def _judge_base_url_needs_openai(self) -> EvalConfig:
        if self.judge_base_url and not self.judge.startswith("openai:"):
            raise ValueError(f"judge_base_url is only for an openai:MODEL judge (judge is {self.judge!r})")
        return self


class ServeConfig(_Section):
    """`qa serve` (serve/): the assistant over HTTP. The API key is never read from here: --api-key or $QA_API_KEY."""
    variant: str = Field("base+rag+guard", description="variant answering requests whose model is 'qa' (or "
                                                        "missing); any name GET /v1/models lists can be asked for")
    host: str = Field("127.0.0.1", description="bind address; anything but loopback needs an API key")
    port: int = Field(8000, ge=1, le=65535)
    max_queue: int = Field(64, ge=1, le=100_000, description="questions waiting for the model; more get 429")
    max_batch: int = Field(16, ge=1, le=256, description="questions decoded together by the local model")
    batch_wait_ms: float = Field(100, ge=0, le=10_000, description="how long a batch waits for more questions "
                                                                   "before it starts")
    timeout_s: float = Field(120.0, gt=0, le=3600, description="a request still unanswered after this gets an error")
    max_request_bytes: int = Field(65_536, ge=1024, le=16 * 1024 * 1024, description="larger bodies get 413")
    cors_origins: list[str] = Field(default_factory=list, description="origins allowed by CORS (none: CORS off)")
    log_content: bool = Field(False, description="log questions and answers (off: logs carry no document text)")
    reload_check_s: float = Field(2.0, gt=0, le=3600, description="how often a new index, dataset or adapter is "
                                                                  "looked for")

    @field_validator("variant")
    @classmethod
    def _variant_shape(cls, value: str) -> str:
        from qacore.answering import (
            Variant,  # the one rule for variant names (imported late: it imports this)
        )

        try:
            Variant.parse(value)
        except QAError as exc:
            raise ValueError(str(exc)) from None
        return value


class QAConfig(_Section):
    models: ModelsConfig = Field(default_factory=ModelsConfig)
    ingest: IngestConfig = Field(default_factory=IngestConfig)
    retrieval: RetrievalConfig = Field(default_factory=RetrievalConfig)
    dataset: DatasetConfig = Field(default_factory=DatasetConfig)
    finetune: FinetuneConfig = Field(default_factory=FinetuneConfig)
    eval: EvalConfig = Field(default_factory=EvalConfig)
    serve: ServeConfig = Field(default_factory=ServeConfig)


def _format_errors(err: ValidationError) -> list[str]:
    problems = []
    for e in err.errors():
        where = ".".join(str(p) for p in e["loc"]) or "(top level)"
        msg = e["msg"].removeprefix("Value error, ")
        if e["type"] == "extra_forbidden":
            msg = "unknown key"
        problems.append(f"{where}: {msg}" + (f" (got {e['input']!r})" if e["type"] != "extra_forbidden" and not isinstance(e.get("input"), dict) else ""))
    return problems


def _set_dotted(data: dict[str, Any], dotted: str, value: Any, source: str) -> None:
    node = data
    *parents, leaf = dotted.split(".")
    for n, part in enumerate(parents, start=1):
        node = node.setdefault(part, {})
        if not isinstance(node, dict):  # e.g. `ingest = "docs"` in qa.toml, then a flag sets ingest.redact
            section = ".".join(parents[:n])
            raise ConfigError([f"{section}: must be a table ([{section}]), got {node!r}"], source=source)
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
            _set_dotted(data, key, value, source)
    try:
        return QAConfig.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(_format_errors(exc), source=source) from exc
