"""The Q&A pair as written to train.jsonl / eval.jsonl / unanswerable.jsonl (docs/eval-schema.md)."""

from __future__ import annotations

from dataclasses import dataclass, field

from qacore.workspace import sha256_text


@dataclass
class Pair:
    id: str
    question: str
    answer: str
    answerable: bool
    split: str
    source: str | None = None
    chunk_id: int | None = None
    chunk_hash: str | None = None
    heading_path: list[str] = field(default_factory=list)
    answer_span: list[int] | None = None  # character span of the supporting text in the source document
    generator: str = ""
    prompt_version: str | None = None
    paraphrase_of: str | None = None  # eval questions: the question as extracted, before paraphrasing
    swapped: str | None = None  # entity-swap unanswerables: "UK -> Japan"


def pair_id(question: str, answer: str, source: str | None) -> str:
    return sha256_text(f"{source}\n{question}\n{answer}")[:16]
