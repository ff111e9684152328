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
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from qacore.artifacts import EXTRACTIVE_KIND, LORA_KIND, list_models, model_folder, read_model_manifest
from qacore.config import QAConfig
from qacore.degenerate import degenerate_reason, tidy_answer
from qacore.errors import QAError
from qacore.prompting import REFUSAL, UNUSABLE, answer_messages, is_refusal, passage_label, system_prompt
from qacore.store import Chunk
from qacore.support import content_words
from qacore.workspace import Workspace

ANSWER_TOKENS = 96


@dataclass(frozen=True)
class Variant:
    model: str  # "base", a tuned model's NAME, "extractive", or "openai:MODEL"
    rag: bool
    guard: bool = False  # only with rag: answers the passages do not support become quotes or refusals

    @property
    def name(self) -> str:
        return self.model + ("+rag" if self.rag else "") + ("+guard" if self.guard else "")

    @classmethod
    def parse(cls, text: str) -> Variant:
        model, plus, rest = text.partition("+")
        if plus and rest not in ("rag", "rag+guard") or not model:
            raise QAError(f"bad variant {text!r}: write MODEL, MODEL+rag or MODEL+rag+guard (e.g. base, "
                          f"tuned+rag, base+rag+guard, openai:gpt-4o+rag)")
        return cls(model, bool(plus), rest == "rag+guard")


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
    degenerate: str | None = None  # why the generator's own output was not an answer (qacore.degenerate)
    guard: dict | None = None  # +guard variants: {"action": pass|quote|refuse, "reason": ...}

    def sources(self, which: str = "cited") -> list[dict]:
        rows = self.cited if which == "cited" else range(len(self.passages))
        return [{"n": i + 1, "source": self.passages[i].source, "heading": " > ".join(self.passages[i].heading_path),
                 "chunk_id": self.passages[i].id} for i in rows]

    def to_json(self) -> dict:
        return {"question": self.question, "answer": self.answer, "variant": self.variant, "refused": self.refused,
                "cited": self.sources("cited"), "retrieved": self.sources("retrieved"),
                "new_tokens": self.new_tokens, "latency_s": round(self.latency_s, 4),
                "degenerate": self.degenerate, "guard": self.guard}


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


# generators whose question is made from its answer's words (or its section's heading)
RULE_MADE = ("sentence:", "extractor:task", "extractor:section")


def calibration_pairs(rows: list[dict], n_answerable: int = 100) -> list[dict]:
    """The guard's calibration questions: answerable ones from train.jsonl (never evaluated, so `qa eval` stays out
    of sample for them; at most `n_answerable`, spread evenly), unanswerable ones from both files (train has only a
    few refusals). Not the rule-made questions (generator "sentence:..." and the headings' "extractor:task" and
    "extractor:section"):
    phrased from their answer's own words, they score far more relevant than a person's question. Calibrating on
    them moved the 18F threshold from 0.47 to 0.71 and refused 16 of the 30 answerable questions of
    bench/data/18f-gold.jsonl."""
    answerable = [p for p in rows if p.get("answerable", True)
                  and not str(p.get("generator", "")).startswith(RULE_MADE)]
    step = max(1, len(answerable) // n_answerable)
    return answerable[::step][:n_answerable] + [p for p in rows if not p.get("answerable", True)]


def available_variants(workspace: Workspace) -> list[Variant]:
    """Every variant the workspace can run: base and each tuned LoRA closed-book, with retrieval and guarded
    (+rag+guard: its answers are the +rag generations, from the cache, checked by the guard), extractive readers
    with retrieval, guarded or not."""
    variants = [Variant("base", False), Variant("base", True), Variant("base", True, True)]
    for manifest in list_models(workspace):
        if manifest.get("kind") == LORA_KIND:
            variants += [Variant(manifest["name"], False), Variant(manifest["name"], True),
                         Variant(manifest["name"], True, True)]
        elif manifest.get("kind") == EXTRACTIVE_KIND:
            variants += [Variant(manifest["name"], True), Variant(manifest["name"], True, True)]
    return unique_variants(variants)


def unique_variants(variants: list[Variant]) -> list[Variant]:
    """First of each name, in order: a variant asked for twice (or a LoRA named "base") answers each item once."""
    return list({v.name: v for v in variants}.values())


def _tokenizer_words(embedder) -> list[str]:
    """Whole words of the embedding model's tokenizer vocabulary (qacore.unknown_terms: common English words)."""
    tokenizer = getattr(embedder, "tokenizer", None)
    vocab = tokenizer.get_vocab() if tokenizer is not None else {}
    return [w.lstrip("\u0120\u2581") for w in vocab if w.lstrip("\u0120\u2581").isalpha()]


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
        self.retriever = self.guard = None
        if variant.guard and not variant.rag:
            raise QAError(f"bad variant {variant.name!r}: the guard checks answers against retrieved passages; use "
                          f"{variant.model}+rag+guard")
        if variant.rag:
            from qacore.retrieval import Retriever
            from qacore.store import Snapshot

            self.retriever = Retriever(Snapshot.require(workspace), config.retrieval)
        if variant.guard:
            from qacore.guard import GENERIC_WORDS, Guard
            from qacore.unknown_terms import Vocabulary

            vocabulary = Vocabulary(self.retriever.vocabulary(), _tokenizer_words(self.retriever.embedder),
                                    GENERIC_WORDS)
            self.guard = Guard(self.retriever.embedder, self._guard_thresholds(), vocabulary)

    def _guard_thresholds(self):
        """config retrieval.guard_relevance, else calibrated once per index snapshot + dataset + k on the workspace's
        own answerable vs unanswerable dataset questions (qacore.guard.calibrate), kept in guard.json."""
        from qacore.guard import GuardThresholds, load_or_calibrate
        from qacore.workspace import read_jsonl

        if self.config.retrieval.guard_relevance is not None:
            return GuardThresholds(self.config.retrieval.guard_relevance, "config retrieval.guard_relevance")
        dataset = self.workspace.current_dataset()

        def pairs() -> list[dict]:
            if dataset is None:
                return []
            print("qa: calibrating the guard on the workspace's dataset (once per index)", file=sys.stderr)
            return calibration_pairs([p for name in ("train.jsonl", "unanswerable.jsonl") if (dataset / name).exists()
                                      for p in read_jsonl(dataset / name)])

        key = f"{self.retriever.snapshot.path.name}|{dataset.name if dataset else None}|k={self.k}|" \
              f"{self.config.retrieval.mode}"
        return load_or_calibrate(self.workspace.root / "guard.json", key, pairs, self.retrieve,
                                 self.retriever.embedder)

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
                if self.guard is not None:
                    ranked = self._rank([question], [found])[0]
                    decision = self.guard.decide(question, text, found, ranked)
                    results.append(self._guarded(question, found, decision, None, 0, time.perf_counter() - began))
                else:
                    results.append(AnswerResult(question, text, self.variant.name, is_refusal(text), found, cited, 0,
                                                time.perf_counter() - began))
                if progress is not None:
                    progress(1)
            return results
        from qacore.gencache import cached_generate

        ranked = self._rank(questions, passages)
        refuse = [self.guard is not None and self.guard.refusal_reason(q, r) is not None
                  for q, r in zip(questions, ranked, strict=True)]
        todo = [i for i, r in enumerate(refuse) if not r]  # a guarded refusal needs no generation
        conversations = [answer_messages(questions[i], self._prompt_passages(passages[i], ranked[i])
                                         if self.variant.rag else None) for i in todo]
        if progress is not None and len(todo) < len(questions):
            progress(len(questions) - len(todo))
        generations, _ = cached_generate(self.generator, conversations, cache, ANSWER_TOKENS, progress=progress)
        results, generated = [], iter(generations)
        for question, found, ranks, refused in zip(questions, passages, ranked, refuse, strict=True):
            if refused:
                results.append(self._guarded(question, found, self.guard.decide(question, "", found, ranks), None,
                                             0, 0.0))
                continue
            g = next(generated)
            results.append(self._finish(question, g.text, found, ranks, g.new_tokens, g.seconds))
        return results

    def _rank(self, questions: Sequence[str], passages: list[list[Chunk]]) -> list[list]:
        """Passage sentences by relevance to each question (+rag only): the prompt's trimmed context, the guard's
        evidence."""
        from qacore.guard import rank_sentences

        if not self.variant.rag:
            return [[] for _ in questions]
        return [rank_sentences(q, found, self.retriever.embedder) for q, found in zip(questions, passages, strict=True)]

    def _prompt_passages(self, found: list[Chunk], ranked: list) -> list[Chunk]:
        from qacore.guard import trim_passages

        return trim_passages(found, ranked, self.config.retrieval.sentences_per_passage)

    def _finish(self, question: str, text: str, found: list[Chunk], ranked: list, new_tokens: int,
                seconds: float) -> AnswerResult:
        """The answer shown for one generation: guarded, or (unguarded) the generation unless it is degenerate."""
        labels = [passage_label(p) for p in found]
        text = tidy_answer(text)
        degenerate = degenerate_reason(text, prompt=system_prompt(self.variant.rag), labels=labels)
        if self.guard is not None:
            decision = self.guard.decide(question, text, found, ranked, labels=labels,
                                         prompt=system_prompt(self.variant.rag))
            return self._guarded(question, found, decision, degenerate, new_tokens, seconds)
        shown = f"{UNUSABLE} ({degenerate})" if degenerate else text
        cited = cited_passages(shown, found) if self.variant.rag else []
        return AnswerResult(question, shown, self.variant.name, is_refusal(shown), found, cited, new_tokens, seconds,
                            degenerate)

    def _guarded(self, question: str, found: list[Chunk], decision, degenerate: str | None, new_tokens: int,
                 seconds: float) -> AnswerResult:
        cited = list(decision.cited) or cited_passages(decision.answer, found)  # a refusal cites nothing
        return AnswerResult(question, decision.answer, self.variant.name, decision.action == "refuse" or
                            is_refusal(decision.answer), found, cited, new_tokens, seconds, degenerate,
                            {"action": decision.action, "reason": decision.reason,
                             "relevance_threshold": self.guard.thresholds.relevance,
                             "thresholds_from": self.guard.thresholds.source})

    def answer(self, question: str) -> AnswerResult:
        return self.answer_many([question])[0]
