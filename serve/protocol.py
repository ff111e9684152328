"""The OpenAI chat-completions wire format for `qa serve`: request parsing and response shaping, no I/O.

Only what an assistant over documents needs: the last user message is the question (the assistant is single-turn:
earlier messages, system prompts, temperature and max_tokens are accepted and ignored, because decoding is greedy
and the prompt is qa's own, the one fine-tuning trained on). Citations travel twice: in the text, as a "Sources:"
block a chat UI shows as-is, and in the extra top-level field `citations` (source, heading, page, passage) for
programs; `qa` adds `qa` (variant, refused, guard decision) for the same reason.
"""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="allow")  # name, tool_calls, ...: accepted, unused
    role: str
    content: str | list[dict[str, Any]] | None = None


class ChatRequest(BaseModel):
    model_config = ConfigDict(extra="allow")  # temperature, max_tokens, user, ...: accepted, unused
    model: str | None = None
    messages: list[ChatMessage] = Field(min_length=1)
    stream: bool = False
    n: int = Field(1, ge=1, le=1)


def question_of(request: ChatRequest) -> str:
    """The text of the last user message (string content or the text parts of a content list)."""
    for message in reversed(request.messages):
        if message.role != "user":
            continue
        content = message.content
        if isinstance(content, list):
            content = " ".join(str(part.get("text", "")) for part in content if part.get("type") == "text")
        text = (content or "").strip()
        if text:
            return text
    raise ValueError("no user message with text: the last user message is the question")


def citations(result) -> list[dict]:
    out = []
    for i in result.cited:
        chunk = result.passages[i]
        out.append({"n": i + 1, "source": chunk.source, "heading": " > ".join(chunk.heading_path),
                    "page": chunk.page, "chunk_id": chunk.id, "passage": chunk.text})
    return out


def answer_text(result) -> str:
    """The answer as a chat UI shows it: the answer, then one line per cited source."""
    lines = [result.answer]
    cited = citations(result)
    if cited:
        lines.append("")
        lines.append("Sources:")
        for c in cited:
            where = c["source"] + (f", page {c['page']}" if c["page"] is not None else "")
            lines.append(f"[{c['n']}] {where}" + (f" | {c['heading']}" if c["heading"] else ""))
    return "\n".join(lines)


def extras(result) -> dict:
    return {"citations": citations(result),
            "qa": {"variant": result.variant, "refused": result.refused, "guard": result.guard,
                   "degenerate": result.degenerate, "latency_s": round(result.latency_s, 3)}}


def new_id() -> str:
    return "chatcmpl-" + uuid.uuid4().hex[:24]


def completion(result, completion_id: str) -> dict:
    return {"id": completion_id, "object": "chat.completion", "created": int(time.time()), "model": result.variant,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": answer_text(result)},
                         "finish_reason": "stop"}],
            **extras(result)}


def sse(data: dict | str) -> bytes:
    return f"data: {data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)}\n\n".encode()


def chunk(completion_id: str, model: str, created: int, delta: dict, finish: str | None = None, **more) -> bytes:
    return sse({"id": completion_id, "object": "chat.completion.chunk", "created": created, "model": model,
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}], **more})


def stream_pieces(text: str, words: int = 4) -> list[str]:
    """The answer in small deltas (a few words each), whitespace kept, so joining them gives the text back."""
    parts, current, count = [], "", 0
    for token in text.split(" "):
        current += (" " if current or parts else "") + token
        count += 1
        if count == words:
            parts.append(current)
            current, count = "", 0
    if current:
        parts.append(current)
    return parts


def error_body(message: str, kind: str, code: str | None = None) -> dict:
    return {"error": {"message": message, "type": kind, "param": None, "code": code}}
