"""Feedback from the people using the assistant, and the gold file it becomes.

    POST /v1/feedback   -> one JSON line appended to .qa/feedback/YYYY-MM-DD.jsonl
    qa feedback export  -> a `qa eval --questions` file:
                           a correction             -> the question with the correction as its reference
                           thumbs up on an answer   -> the question with the answer a person approved
                           thumbs up on a refusal   -> an unanswerable question ("answerable": false)
                           thumbs down, no correction -> the question with no reference ("needs_label": true):
                                                      scored for hallucination and abstention, not correctness,
                                                      until someone writes its answer

Why one `os.write` per line on an O_APPEND descriptor, then fsync: the file must never hold half a line, even when
the server is killed with SIGKILL mid-request. A line is written by one system call, so a kill lands before or
after it; concurrent requests (threads) append whole lines, never interleaved ones. Lines are capped at
MAX_LINE_BYTES, well under what the kernel writes in one piece to a local file. The export still skips (and counts)
a line that does not parse, so a file damaged some other way (a full disk) loses that line only.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from qacore.prompting import is_refusal
from qacore.workspace import Workspace, atomic_write_text, fsync_dir

MAX_LINE_BYTES = 60_000


class Feedback(BaseModel):
    """The body of POST /v1/feedback."""
    model_config = ConfigDict(extra="forbid")
    rating: Literal["up", "down"]
    question: str = Field(min_length=1, max_length=4000)
    answer: str = Field("", max_length=20_000)
    correction: str | None = Field(None, max_length=20_000)
    variant: str | None = Field(None, max_length=200)
    completion_id: str | None = Field(None, max_length=200)  # the chat completion's id, to join with logs
    comment: str | None = Field(None, max_length=4000)


def feedback_dir(workspace: Workspace) -> Path:
    return workspace.root / "feedback"


def append_feedback(workspace: Workspace, item: Feedback) -> Path:
    """Append one line; returns the file. Raises ValueError when the line would be too long."""
    folder = feedback_dir(workspace)
    if not folder.is_dir():
        folder.mkdir(parents=True, exist_ok=True)
        fsync_dir(folder.parent)
    record = {"time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), **item.model_dump(exclude_none=True)}
    line = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
    if len(line) > MAX_LINE_BYTES:
        raise ValueError(f"feedback is {len(line)} bytes as JSON; at most {MAX_LINE_BYTES}")
    path = folder / f"{time.strftime('%Y-%m-%d', time.gmtime())}.jsonl"
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        written = os.write(fd, line)
        if written != len(line):  # never seen on a local file; a short write must not pass silently
            raise OSError(f"short write to {path}: {written} of {len(line)} bytes")
        os.fsync(fd)
    finally:
        os.close(fd)
    return path


def read_feedback(workspace: Workspace) -> tuple[list[dict], int]:
    """Every feedback record, oldest file first, and the number of lines that did not parse."""
    rows, broken = [], 0
    folder = feedback_dir(workspace)
    for path in sorted(folder.glob("*.jsonl")) if folder.is_dir() else []:
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                Feedback.model_validate({k: v for k, v in row.items() if k != "time"})
            except ValueError:
                broken += 1
                continue
            rows.append(row)
    return rows, broken


def gold_rows(records: list[dict]) -> list[dict]:
    """The `qa eval --questions` rows for these feedback records (the module docstring says which becomes what);
    the latest record per question wins."""
    latest: dict[str, dict] = {}
    for record in records:
        latest[" ".join(record["question"].split()).lower()] = record
    out = []
    for record in latest.values():
        row = {"question": record["question"], "from": "feedback"}
        correction = (record.get("correction") or "").strip()
        answer = (record.get("answer") or "").strip()
        if correction:
            row.update(answer=correction, feedback="correction")
        elif record["rating"] == "up" and answer and is_refusal(answer):
            row.update(answerable=False, feedback="refusal approved")
        elif record["rating"] == "up" and answer:
            row.update(answer=answer, feedback="answer approved")
        else:
            row.update(answer="", needs_label=True, feedback="thumbs down", served_answer=answer)
        if record.get("variant"):
            row["variant"] = record["variant"]
        out.append(row)
    return out


def export_feedback(workspace: Workspace, out: Path) -> dict:
    """Write the gold file (atomically); returns counts for the CLI to print."""
    records, broken = read_feedback(workspace)
    rows = gold_rows(records)
    atomic_write_text(out, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    kinds: dict[str, int] = {}
    for row in rows:
        kinds[row["feedback"]] = kinds.get(row["feedback"], 0) + 1
    return {"records": len(records), "unreadable_lines": broken, "questions": len(rows), **kinds}
