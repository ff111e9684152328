"""The one prompt function: how a question (and, with retrieval, its context) becomes chat messages.

`qa finetune` trains on these messages, `qa ask` and `qa eval` answer with them, so a tuned model sees at
inference exactly the layout it was trained on. Change the wording here and bump PROMPT_VERSION: it is part
of every generation cache key and of every adapter's manifest, so stale caches and mismatched adapters show.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

PROMPT_VERSION = "answer-v2"  # v2: plain context prompt, no passage labels or numbers, trimmed passages
REFUSAL = "I don't know: the documents do not cover this."
UNUSABLE = "I don't know: the model's answer was not usable"  # shown instead of a degenerate output

# Measured on the 18F handbook (the 40 questions of bench/data/18f-gold.jsonl, SmolLM2-135M, k=3): the v1
# prompt (numbered passages under "Title > Heading" labels, a helpdesk persona, citation instructions) gave 12
# degenerate outputs of 40 (label lists, the persona echoed, repetition); this plain prompt over passages trimmed
# to their most relevant sentences gave 4. Citations are added by qa (qacore.answering.cited_passages), not asked of
# the model, which rarely wrote them.
SYSTEM_WITH_CONTEXT = (
    "Answer the question using only the context. If the context does not contain the answer, say "
    f"\"{REFUSAL}\""
)
SYSTEM_CLOSED_BOOK = (
    "You are the company's internal helpdesk assistant. Answer questions about the company's policies and IT "
    f"services in one or two short sentences. If you do not know the answer, reply exactly: {REFUSAL}"
)


def system_prompt(rag: bool) -> str:
    return SYSTEM_WITH_CONTEXT if rag else SYSTEM_CLOSED_BOOK


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
    context = "\n\n".join(p.text.strip() for p in passages) if passages else "(no passages found)"
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


# What a refusal clause says: "I don't know", "the context does not mention ...", "X is not specified", "I cannot
# find ...". Verbs that can also state a fact about the world ("covered", "available", "provided": "contractors
# are not covered by the health plan") count only when their object is the documents themselves.
_DOCS = r"(?:context|passages?|documents?|documentation|texts?|sources?|information|handbook|materials?)"
_REFUSAL_RE = re.compile(
    r"\bi (?:do not|don't|dont|do n't) know\b"
    r"|\b(?:not|n't|never) (?:explicitly |directly )?(?:mentioned|specified|stated|described|documented)\b"
    r"|\bnot (?:covered|provided|available|found|given|included|listed|addressed) (?:in|by) (?:the |these |this |any |"
    r"your |my )?(?:provided |given )?" + _DOCS +
    r"|\b(?:cannot|can't|can not|could not|couldn't|unable to) (?:find|answer|determine|tell|say)\b"
    r"|\bno (?:specific )?(?:information|mention|details?|data)\b"
    r"|\b" + _DOCS + r" (?:does|do|did)(?: not|n't) (?:contain|cover|say|mention|provide|specify|include|state|"
    r"describe|answer|address)\b"
    r"|\b(?:policy|policies|guide|it) (?:does|do|did)(?: not|n't) (?:say|mention|specify|state)\b",
    re.IGNORECASE,
)
# Politeness around a refusal ("I'm sorry, but ...") carries no answer.
_FILLER_RE = re.compile(r"^(?:i'?m sorry|i am sorry|sorry|unfortunately|i apologi[sz]e|apologies|however|but)$",
                        re.IGNORECASE)
_CLAUSE_SPLIT = re.compile(r"(?<=[.!?])\s+|\n+|;\s*|,\s*(?=but\b|however\b|although\b|though\b)"
                           r"|\s+(?=but\b)|:\s+(?=[A-Z])")


def is_refusal(answer: str) -> bool:
    """Does the answer decline to answer, and say nothing else? Lenient on wording (models paraphrase the
    refusal), strict on content: every clause must be a refusal or politeness. "The policy does not mention a
    cap, but contractors get 30 days" is an answer, whose claims the verifier then checks; so is "No. Contractors
    are not covered by the health plan." An empty answer counts as a refusal (nothing was claimed)."""
    text = re.sub(r"\[\d{1,2}\]", " ", answer[:600])
    clauses = [c.strip(" \t,.;:!?-*\"'()") for c in _CLAUSE_SPLIT.split(text)]
    clauses = [c for c in clauses if re.search(r"\w", c) and not _FILLER_RE.match(c)]
    return all(_REFUSAL_RE.search(c) for c in clauses)
