"""Find secrets and personal data in a second process, while the ingest loads the embedding model.

Why a process: in a fresh `qa ingest`, loading spaCy + Presidio (~2.6 s) and redacting policyqa-dev (~1 s) came
on top of loading torch, transformers and the embedding model (~8.5 s), all on one core, while the machine has
two. A thread does not help: both sides are mostly imports, which hold the GIL (measured: the redactor took
11.9 s on a thread next to the model loading instead of 2.6 s alone, no time saved). A child process overlaps
them for real.

The protocol is JSON lines, never pickle (documents are untrusted): the parent passes the settings as an
argument, writes one line per document {"id", "text", "title"} and closes stdin; the child loads its models while
a thread drains stdin (so the parent never waits on a full pipe and its reading overlaps the loading too), then
writes one line per document {"id", "text": findings, "title": findings} or {"id", "error"} (a redactor bug on one
hostile file skips that file, as in-process), or one fatal line if it cannot start.
The parent applies the findings itself (ingest/redact.py `apply_findings`, no models), so names found in one
document are still redacted in all of them.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from ingest.redact import Findings, Redaction
from qacore.errors import QAError
from qacore.workspace import failpoint


def _findings_to_json(findings: Findings) -> dict:
    return {"spans": [[r.start, r.end, r.kind] for r in findings.spans], "names": sorted(findings.names)}


def _findings_from_json(data: dict) -> Findings:
    return Findings([Redaction(int(s), int(e), str(k)) for s, e, k in data["spans"]], set(data["names"]))


class RedactionWorker:
    """`submit` each document, `close_input`, do other work, then `results()`. Always `stop()` (a context manager)."""

    def __init__(self, entities: list[str], allow_list: list[str]):
        package_root = str(Path(__file__).resolve().parent.parent)  # so `-m ingest.redact_worker` imports anywhere
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (package_root, os.environ.get("PYTHONPATH"))
                                                          if p)}
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 (closed in stop()) the child's warnings, shown if it fails
        settings = json.dumps({"entities": list(entities), "allow_list": list(allow_list)})
        self._proc = subprocess.Popen([sys.executable, "-m", "ingest.redact_worker", settings], stdin=subprocess.PIPE,
                                      stdout=subprocess.PIPE, stderr=self._stderr, env=env)
        self._expected: list[int] = []

    def __enter__(self) -> RedactionWorker:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def _send(self, message: dict) -> None:
        try:
            self._proc.stdin.write((json.dumps(message) + "\n").encode("utf-8"))
        except BrokenPipeError:
            raise self._failure() from None

    def submit(self, doc_id: int, text: str, title: str) -> None:
        self._expected.append(doc_id)
        self._send({"id": doc_id, "text": text, "title": title})

    def close_input(self) -> None:
        try:
            self._proc.stdin.close()
        except BrokenPipeError:
            raise self._failure() from None

    def results(self, progress: Callable[[int], None] | None = None) -> Iterator[tuple[int, Findings | str, Findings]]:
        """(id, text findings or an error message, title findings) per submitted document."""
        pending = set(self._expected)
        for line in self._proc.stdout:
            message = json.loads(line)
            if "fatal" in message:
                raise QAError(f"redaction could not start: {message['fatal']}")
            pending.discard(message["id"])
            if "error" in message:
                yield message["id"], message["error"], Findings([], set())
            else:
                yield message["id"], _findings_from_json(message["text"]), _findings_from_json(message["title"])
            if progress is not None:
                progress(1)
        if pending or self._proc.wait() != 0:
            raise self._failure()

    def _failure(self) -> QAError:
        code = self._proc.wait()
        self._stderr.seek(0)
        tail = self._stderr.read().decode("utf-8", "replace").strip().splitlines()[-5:]
        return QAError(f"the redaction process stopped (exit code {code}) before it finished; nothing was written. "
                       + (" | ".join(tail) if tail else ""))

    def stop(self) -> None:
        if self._proc.poll() is None:
            self._proc.kill()
        self._proc.wait()
        for stream in (self._proc.stdin, self._proc.stdout, self._stderr):
            with contextlib.suppress(OSError, ValueError):
                stream.close()


def _main() -> int:
    out = sys.stdout.buffer
    settings = json.loads(sys.argv[1])
    # Drain stdin from the start, so that the parent never waits on a full pipe while the models load here.
    lines: list[bytes] = []
    reader = threading.Thread(target=lambda: lines.extend(sys.stdin.buffer), daemon=True)
    reader.start()
    failpoint("redaction_worker")
    # Presidio's optional Hugging Face NER engine imports transformers (and thinc imports torch) when they are
    # installed, as they are here: 11.0 s to load the redactor instead of 2.3 s, with the same findings. This
    # process never needs either, so they are marked absent; the libraries treat that as "not installed".
    for module in ("torch", "transformers"):
        sys.modules.setdefault(module, None)
    try:
        from ingest.redact import Redactor

        redactor = Redactor(settings["entities"], settings["allow_list"])
    except Exception as exc:  # reported to the parent, which names it
        out.write((json.dumps({"fatal": f"{type(exc).__name__}: {exc}"}) + "\n").encode("utf-8"))
        return 1
    reader.join()
    for doc in map(json.loads, lines):
        try:
            failpoint("redact_document")
            message = {"id": doc["id"], "text": _findings_to_json(redactor.find(doc["text"])),
                       "title": _findings_to_json(redactor.find(doc["title"]))}
        except Exception as exc:  # one hostile document must not sink the run
            message = {"id": doc["id"], "error": f"failed to redact ({type(exc).__name__}: {str(exc)[:120]})"}
        out.write((json.dumps(message) + "\n").encode("utf-8"))
        out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(_main())
