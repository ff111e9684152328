"""Fakes for the `qa serve` tests: an assistant that answers instantly (or slowly, or blocked) without a model, and
a script that serves it with uvicorn in its own process (for the kill -9 test).

    python tests/serve_fakes.py WORKSPACE PORT
"""

from __future__ import annotations

import socket
import sys
import threading
import time
from pathlib import Path

from qacore.answering import AnswerResult
from qacore.store import Chunk

XSS = '<img src=x onerror="document.body.setAttribute(\'data-pwned\',1)"><script>document.title="PWNED"</script>'


def chunk(source: str = "handbook/leave.md", text: str = "Employees get 27 days of annual leave a year.",
          heading: tuple[str, ...] = ("Leave", "Annual leave")) -> Chunk:
    return Chunk(id=7, doc_key=source, source=source, title=heading[0], heading_path=list(heading), page=None,
                 start=0, end=len(text), text=text, embed_text=text, content_hash="0" * 16, n_tokens=12)


class FakeAssistant:
    """Answers "You get 27 days [1]." citing one passage; refuses questions containing "unknown"."""

    def __init__(self, variant, delay: float = 0.0, gate: threading.Event | None = None,
                 passage: Chunk | None = None, snapshot: str = "s1"):
        self.variant, self.delay, self.gate, self.snapshot = variant, delay, gate, snapshot
        self.passage = passage or chunk()
        self.batches: list[int] = []

    def answer_many(self, questions):
        self.batches.append(len(questions))
        if self.gate is not None:
            self.gate.wait(30)
        time.sleep(self.delay)
        out = []
        for q in questions:
            refused = "unknown" in q
            answer = "I don't know: the documents do not cover this." if refused else "You get 27 days [1]."
            out.append(AnswerResult(q, answer, self.variant.name, refused, [self.passage], [] if refused else [0],
                                    new_tokens=0 if refused else 6, latency_s=self.delay,
                                    guard={"action": "refuse" if refused else "pass", "reason": "fake"}))
        return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fake_engine(workspace: Path, overrides: dict | None = None, **assistant_kwargs):
    """An Engine over `workspace` whose assistants are FakeAssistants; `engine.loaded` lists what was loaded."""
    from qacore.config import load_config
    from qacore.workspace import Workspace
    from serve.engine import Engine

    config = load_config(None, overrides or {})
    loaded = []

    def loader(variant, share):
        assistant = FakeAssistant(variant, **assistant_kwargs)
        loaded.append(assistant)
        return assistant

    engine = Engine(Workspace.at(workspace), config, loader=loader)
    engine.loaded = loaded
    return engine


if __name__ == "__main__":
    import uvicorn

    from serve.app import create_app

    engine = fake_engine(Path(sys.argv[1])).start()
    uvicorn.run(create_app(engine), host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")
