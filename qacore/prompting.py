"""The one prompt function: how a question (and, with retrieval, its context) becomes chat messages.

`qa finetune` trains on these messages, `qa ask` and `qa eval` answer with them, so a tuned model sees at
inference exactly the layout it was trained on. Change the wording here and bump PROMPT_VERSION: it is part
of every generation cache key and of every adapter's manifest, so stale caches and mismatched adapters show.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

PROMPT_VERSION = "answer-v1"
REFUSAL = "I don't know: the documents do not cover this."

SYSTEM_WITH_CONTEXT = (
    "You are the company's internal helpdesk assistant. Answer the question using only the numbered context "
    "passages. Be short and exact, and cite the passages you used like [1]. If the passages do not contain the "
    f"answer, reply exactly: {REFUSAL}"
)
SYSTEM_CLOSED_BOOK = (
    "You are the company's internal helpdesk assistant. Answer questions about the company's policies and IT "
    f"services in one or two short sentences. If you do not know the answer, reply exactly: {REFUSAL}"
)


class Passage(Protocol):
    """What a context passage needs (qacore.store.Chunk has these)."""

    text: str
    source: str
    title: str
    heading_path: list[str]


def passage_label(passage: Passage) -> str:
    title = passage.title or passage.source
    return " > ".join([title, *(h for h in passage.heading_path if h != title)])


def answer_messages(question: str, passages: Sequence[Passage] | None = None) -> list[dict[str, str]]:
    """Chat messages for one question. passages=None means closed-book; an empty list means retrieval found
    nothing, which is still the with-context layout (the model should then refuse)."""
    if passages is None:
        return [{"role": "system", "content": SYSTEM_CLOSED_BOOK}, {"role": "user", "content": question.strip()}]
    blocks = [f"[{i}] {passage_label(p)}\n{p.text.strip()}" for i, p in enumerate(passages, start=1)]
    context = "\n\n".join(blocks) if blocks else "(no passages found)"
    return [
        {"role": "system", "content": SYSTEM_WITH_CONTEXT},
        {"role": "user", "content": f"Context:\n{context}\n\nQuestion: {question.strip()}"},
    ]


def render_chat(tokenizer, messages: list[dict[str, str]], add_generation_prompt: bool = True) -> str:
    """The prompt text for a causal LM: its own chat template, or a plain fallback for models without one
    (base models), so any HF causal LM works."""
    if getattr(tokenizer, "chat_template", None):
        return tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=add_generation_prompt)
    text = "".join(f"### {m['role'].capitalize()}:\n{m['content']}\n\n" for m in messages)
    return text + ("### Assistant:\n" if add_generation_prompt else "")


_REFUSAL_RE = re.compile(
    r"\b(?:i (?:do not|don't|dont) know|not (?:covered|mentioned|specified|stated|provided|available|in the "
    r"(?:context|passages|documents))|(?:cannot|can't|could not|couldn't) (?:find|answer|determine)|no information|"
    r"do not (?:contain|cover|say|mention)|does not (?:contain|cover|say|mention)|unable to (?:find|answer))\b",
    re.IGNORECASE,
)


def is_refusal(answer: str) -> bool:
    """Does the answer decline to answer? Lenient on wording, because models paraphrase the refusal."""
    return not answer.strip() or bool(_REFUSAL_RE.search(answer[:300]))
