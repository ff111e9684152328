"""Chat fine-tuning records (the OpenAI / Azure OpenAI JSONL format), shared by `qa export --format openai` and
`qa finetune --backend openai`, so an exported file and an uploaded one are the same bytes.

A record is the prompt `qa ask` would send (qacore.prompting.answer_messages, closed-book unless passages
are given) followed by the reference answer as the assistant message:

    {"messages": [{"role": "system", ...}, {"role": "user", "content": QUESTION}, {"role": "assistant", ...}]}
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from qacore.prompting import Passage, answer_messages

ALLOWED_MESSAGE_KEYS = {"role", "content", "name", "weight"}


def chat_record(question: str, answer: str, passages: Sequence[Passage] | None = None) -> dict:
    return {"messages": [*answer_messages(question, passages), {"role": "assistant", "content": answer.strip()}]}


def pair_chat_record(pair: dict) -> dict:
    """The closed-book record of one dataset pair (a row of train.jsonl / eval.jsonl / unanswerable.jsonl)."""
    return chat_record(pair["question"], pair["answer"])


def validate_chat_record(record: dict) -> list[str]:
    """The documented rules for chat fine-tuning files: a `messages` list; roles system/user/assistant; string
    content, non-empty; at least one user and one assistant message; the example ends with the assistant."""
    problems = []
    messages = record.get("messages") if isinstance(record, dict) else None
    if not isinstance(messages, list) or not messages:
        return ["missing 'messages' list"]
    for i, m in enumerate(messages):
        if not isinstance(m, dict) or set(m) - ALLOWED_MESSAGE_KEYS:
            problems.append(f"message {i}: unexpected keys")
            continue
        if m.get("role") not in ("system", "user", "assistant"):
            problems.append(f"message {i}: role {m.get('role')!r} is not system/user/assistant")
        if not isinstance(m.get("content"), str) or not m["content"].strip():
            problems.append(f"message {i}: empty content")
    roles = [m.get("role") for m in messages if isinstance(m, dict)]
    if "user" not in roles or roles.count("assistant") != 1 or roles[-1] != "assistant":
        problems.append("needs a user message and exactly one assistant answer, last")
    return problems


def chat_jsonl(records: Iterable[dict], what: str = "record") -> str:
    """Validate every record and serialize them as JSON Lines; ValueError naming the first bad record."""
    lines = []
    for n, record in enumerate(records, start=1):
        problems = validate_chat_record(record)
        if problems:
            raise ValueError(f"{what} {n} breaks the chat fine-tuning format: {'; '.join(problems)}")
        lines.append(json.dumps(record, ensure_ascii=False) + "\n")
    return "".join(lines)
