"""Answer questions with any variant: the path `qa ask` and `qa eval` share, so they cannot drift apart.

A variant is a model plus whether it retrieves:

    base            the base generator (config models.generator), closed-book
    base+rag        the same, with the top-k passages from the index in the prompt
    NAME, NAME+rag  a LoRA adapter from `qa finetune --name NAME` on its recorded base model
    extractive+rag  an extractive reader from `qa finetune --task extractive` (always retrieves: it can only
                    answer with a span of the passages)
    openai:MODEL    any OpenAI-compatible endpoint (vLLM, Ollama, TGI, OpenAI), with or without +rag

Prompts come from qacore.prompting.answer_messages, the function fine-tuning trained on.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from qacore.artifacts import EXTRACTIVE_KIND, LORA_KIND, model_folder, read_model_manifest
from qacore.config import QAConfig
from qacore.errors import QAError
from qacore.prompting import REFUSAL, answer_messages, is_refusal
from qacore.store import Chunk
from qacore.support import content_words
from qacore.workspace import Workspace

ANSWER_TOKENS = 96


@dataclass(frozen=True)
class Variant:
    model: str  # "base", a tuned model's NAME, "extractive", or "openai:MODEL"
    rag: bool

    @property
    def name(self) -> str:
        return self.model + ("+rag" if self.rag else "")

    @classmethod
    def parse(cls, text: str) -> Variant:
        model, plus, rest = text.partition("+")
        if plus and rest != "rag" or not model:
            raise QAError(f"bad variant {text!r}: write MODEL or MODEL+rag (e.g. base, tuned+rag, openai:gpt-4o+rag)")
        return cls(model, bool(plus))


@dataclass
class AnswerResult:
    question: str
    answer: str
    variant: str
    refused: bool
    passages: list[Chunk] = field(default_factory=list)  # retrieved, in rank order; empty when closed-book
    cited: list[int] = field(default_factory=list)  # 0-based indexes into passages
    new_tokens: int = 0
    latency_s: float = 0.0

    def sources(self, which: str = "cited") -> list[dict]:
        rows = self.cited if which == "cited" else range(len(self.passages))
        return [{"n": i + 1, "source": self.passages[i].source, "heading": " > ".join(self.passages[i].heading_path),
                 "chunk_id": self.passages[i].id} for i in rows]

    def to_json(self) -> dict:
        return {"question": self.question, "answer": self.answer, "variant": self.variant, "refused": self.refused,
                "cited": self.sources("cited"), "retrieved": self.sources("retrieved"),
                "new_tokens": self.new_tokens, "latency_s": round(self.latency_s, 4)}


_CITATION = re.compile(r"\[(\d{1,2})\]")


def cited_passages(answer: str, passages: Sequence[Chunk]) -> list[int]:
    """Passages the answer cites as [n]; if it cites none, the passage sharing most words with it (small models
    rarely write citation marks, and an answer without a source is what a user must not be shown)."""
    marked = sorted({int(n) - 1 for n in _CITATION.findall(answer) if 0 < int(n) <= len(passages)})
    if marked or not passages or is_refusal(answer):
        return marked
    words = set(content_words(answer))
    overlaps = [len(words & set(content_words(p.text))) for p in passages]
    best = max(range(len(passages)), key=lambda i: overlaps[i])
    return [best] if overlaps[best] else []


class Assistant:
    """Loads a variant once (model, adapter, index); answers one question or many (batched, optionally cached)."""

    def __init__(self, workspace: Workspace, config: QAConfig, variant: Variant, *, k: int | None = None,
                 base_url: str | None = None, device: str = "auto", reuse: Assistant | None = None):
        """reuse: an assistant of the same model (e.g. base for base+rag), whose loaded model is shared."""
        from qacore.generation import make_generator

        self.workspace, self.config, self.variant = workspace, config, variant
        self.k = k or config.retrieval.k
        self.reader = self.generator = None
        if reuse is not None and reuse.variant.model == variant.model and reuse.generator is not None:
            self.generator = reuse.generator
        elif variant.model == "base":
            self.generator = make_generator(config.models.generator, device=device)
        elif variant.model.startswith("openai:"):
            self.generator = make_generator(variant.model, base_url=base_url)
        else:
            manifest = read_model_manifest(workspace, variant.model)
            folder = model_folder(workspace, variant.model)
            if manifest.get("kind") == LORA_KIND:
                self.generator = make_generator(manifest["base_model"]["spec"], adapter=folder / "adapter",
                                                device=device)
                expected = manifest["base_model"].get("content_hash")
                if expected and self.generator.identity.get("model_hash") != expected:
                    raise QAError(f"tuned model {variant.model!r} was trained on base model "
                                  f"{manifest['base_model']['model_id']} ({expected[:12]}), but the base model found "
                                  f"now differs; re-run `qa finetune`")
            elif manifest.get("kind") == EXTRACTIVE_KIND:
                if not variant.rag:
                    raise QAError(f"{variant.model!r} is an extractive reader: it answers from retrieved passages "
                                  f"only; use it with retrieval ({variant.model}+rag)")
                from qacore.reader import ExtractiveReader

                self.reader = ExtractiveReader(Path(folder) / "model")
            else:
                raise QAError(f"{folder} holds an unknown model kind {manifest.get('kind')!r}")
        self.retriever = None
        if variant.rag:
            from qacore.retrieval import Retriever
            from qacore.store import Snapshot

            self.retriever = Retriever(Snapshot.require(workspace), config.retrieval)

    @property
    def identity(self) -> dict:
        """What determines this variant's answers (for caches and reports)."""
        if self.reader is not None:
            return {"backend": "extractive", **self.reader.identity}
        return self.generator.identity

    def retrieve(self, questions: Sequence[str]) -> list[list[Chunk]]:
        if self.retriever is None:
            return [[] for _ in questions]
        return [[hit.chunk for hit in self.retriever.search(q, k=self.k)] for q in questions]

    def answer_many(self, questions: Sequence[str], *, cache=None, progress: Callable[[int], None] | None = None,
                    passages: list[list[Chunk]] | None = None) -> list[AnswerResult]:
        passages = passages if passages is not None else self.retrieve(questions)
        if self.reader is not None:
            results = []
            for question, found in zip(questions, passages, strict=True):
                began = time.perf_counter()
                span = self.reader.answer(question, found)
                text = span.text if span.text and not span.abstained else REFUSAL
                cited = [span.passage_index] if not span.abstained and span.passage_index is not None else []
                results.append(AnswerResult(question, text, self.variant.name, is_refusal(text), found, cited, 0,
                                            time.perf_counter() - began))
                if progress is not None:
                    progress(1)
            return results
        from qacore.gencache import cached_generate

        conversations = [answer_messages(q, found if self.variant.rag else None)
                         for q, found in zip(questions, passages, strict=True)]
        generations, _ = cached_generate(self.generator, conversations, cache, ANSWER_TOKENS, progress=progress)
        return [AnswerResult(q, g.text, self.variant.name, is_refusal(g.text), found,
                             cited_passages(g.text, found) if self.variant.rag else [], g.new_tokens, g.seconds)
                for q, g, found in zip(questions, generations, passages, strict=True)]

    def answer(self, question: str) -> AnswerResult:
        return self.answer_many([question])[0]
