"""The answering engine behind `qa serve`: one loaded model per variant, one worker thread, a bounded queue.

Why this shape: a local generator on a CPU has one useful lane. Requests from many clients go into a bounded
queue; one worker thread takes everything waiting (up to `max_batch` questions, after waiting `batch_wait_ms` for
more to arrive), groups it by variant and answers
each group with one `Assistant.answer_many` call, whose generation runs through the continuous-batching decoder
(qacore/decoding.py): sixteen questions decoded together cost far less than sixteen decoded one after another
(bench/bench_serve.py measures it, BENCHMARKS.md "Serving"). The short wait matters: without it, 16 clients fed
batches of 1.8 questions on average (each batch started with the one or two requests that were back first, and
the rest waited a whole batch for the next), 1.65x the sequential answers/s. A full queue is refused at once (HTTP 429) instead of
growing a backlog nobody will wait for. Questions that arrive while a batch is decoding join the next batch.

New artifacts are picked up without a restart: before each batch (at most every `reload_check_s`) the worker
compares the workspace's published index snapshot, dataset and tuned-model manifests with the ones its assistants
were built on; when they differ it builds new assistants, sharing the loaded base generator where that is still
the same model. A batch in flight finishes on the assistants it started with: they hold the old index in memory
(its SQLite file stays open, so `qa ingest` removing the old snapshot does not disturb them).
"""

from __future__ import annotations

import queue
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field

from qacore.answering import Assistant, Variant, available_variants
from qacore.artifacts import list_models
from qacore.config import QAConfig
from qacore.errors import QAError
from qacore.workspace import Workspace


class QueueFull(QAError):
    """The queue holds `max_queue` questions already; the client should retry later (HTTP 429)."""


class UnknownVariant(QAError):
    """The request named a model the workspace does not have (HTTP 404)."""


@dataclass
class Job:
    variant: str
    question: str
    future: Future = field(default_factory=Future)
    enqueued: float = field(default_factory=time.monotonic)


Loader = Callable[[Variant, "Assistant | None"], Assistant]  # (variant, an assistant to share a model with)


def fingerprint(workspace: Workspace) -> tuple:
    """What the assistants were built from: the published snapshot, dataset and each tuned model's manifest."""
    snapshot, dataset = workspace.current_snapshot(), workspace.current_dataset()
    models = []
    for manifest in list_models(workspace):
        path = workspace.models_dir / manifest["name"] / "manifest.json"
        try:
            models.append((manifest["name"], path.stat().st_mtime_ns))
        except OSError:
            continue
    return (snapshot.name if snapshot else None, dataset.name if dataset else None, tuple(models))


class Engine:
    def __init__(self, workspace: Workspace, config: QAConfig, *, base_url: str | None = None,
                 loader: Loader | None = None, on_batch: Callable[[list[Job], list], None] | None = None):
        self.workspace, self.config, self.base_url = workspace, config, base_url
        self.settings = config.serve
        self.default_variant = self.settings.variant
        self._loader = loader or self._load_assistant
        self.on_batch = on_batch  # metrics: called with each finished batch and its results
        self._queue: queue.Queue[Job] = queue.Queue(maxsize=self.settings.max_queue)
        self._assistants: dict[str, Assistant] = {}
        self._built_from: tuple | None = None
        self._checked_at = 0.0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.reloads = 0

    # --- the API side (any thread) --------------------------------------------------------------------------

    def variants(self) -> list[str]:
        names = [v.name for v in available_variants(self.workspace)]
        if self.default_variant not in names:
            names.insert(0, self.default_variant)  # e.g. openai:MODEL+rag given with --variant
        return names

    def resolve(self, model: str | None) -> str:
        """The variant a request's `model` names; "qa", "default" or nothing mean the served default."""
        if not model or model in ("qa", "default"):
            return self.default_variant
        if model in self.variants():  # which includes the default
            return model
        raise UnknownVariant(f"model {model!r} not found; GET /v1/models lists: {', '.join(self.variants())}")

    def submit(self, variant: str, question: str) -> Future:
        job = Job(variant, question)
        try:
            self._queue.put_nowait(job)
        except queue.Full:
            raise QueueFull(f"{self.settings.max_queue} questions are waiting already; retry shortly") from None
        return job.future

    @property
    def alive(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    @property
    def queue_depth(self) -> int:
        return self._queue.qsize()

    def start(self, warm: bool = True) -> Engine:
        """Start the worker; with `warm`, load the default variant first so the first request does not pay for it."""
        if warm:
            self._refresh(force=True)
            self._assistant(self.default_variant)
        self._thread = threading.Thread(target=self._run, name="qa-serve-engine", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    # --- the worker ---------------------------------------------------------------------------------------

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                first = self._queue.get(timeout=0.2)
            except queue.Empty:
                continue
            batch, until = [first], time.monotonic() + self.settings.batch_wait_ms / 1000
            while len(batch) < self.settings.max_batch:  # gather: clients answered by the last batch ask again
                try:
                    batch.append(self._queue.get(timeout=max(0.0, until - time.monotonic())))
                except queue.Empty:
                    break
            batch = [job for job in batch if job.future.set_running_or_notify_cancel()]  # drop timed-out ones
            if batch:
                self._answer(batch)

    def _answer(self, batch: list[Job]) -> None:
        try:
            self._refresh()
        except Exception as exc:  # a half-published workspace: answer with what is loaded, retry next batch
            print(f"qa serve: could not reload the workspace: {exc}", file=sys.stderr)
        for variant in dict.fromkeys(job.variant for job in batch):
            jobs = [job for job in batch if job.variant == variant]
            try:
                results = self._assistant(variant).answer_many([job.question for job in jobs])
            except Exception as exc:  # one variant's failure (a bad adapter, an endpoint down) fails its jobs only
                for job in jobs:
                    job.future.set_exception(exc)
                continue
            for job, result in zip(jobs, results, strict=True):
                job.future.set_result(result)
            if self.on_batch is not None:
                self.on_batch(jobs, results)

    def _assistant(self, name: str) -> Assistant:
        if name not in self._assistants:
            variant = Variant.parse(name)
            share = next((a for a in self._assistants.values() if a.variant.model == variant.model), None)
            self._assistants[name] = self._loader(variant, share)
        return self._assistants[name]

    def _refresh(self, force: bool = False) -> None:
        """Rebuild the assistants when the workspace published something new (see the module docstring)."""
        now = time.monotonic()
        if not force and now - self._checked_at < self.settings.reload_check_s:
            return
        self._checked_at = now
        current = fingerprint(self.workspace)
        if current == self._built_from:
            return
        changed_models = set(current[2]) ^ set(self._built_from[2]) if self._built_from else set()
        old, fresh = self._assistants, {}
        for name, assistant in old.items():
            variant = assistant.variant
            tuned_changed = any(model == variant.model for model, _ in changed_models)
            fresh[name] = self._loader(variant, None if tuned_changed else assistant)
        self._assistants, self._built_from = fresh, current
        if old:
            self.reloads += 1
            print(f"qa serve: reloaded {len(fresh)} variant(s) for index {current[0]}, dataset {current[1]}",
                  file=sys.stderr)

    def _load_assistant(self, variant: Variant, share: Assistant | None) -> Assistant:
        # the Retriever opens the snapshot's files at once, so a later `qa ingest` removing them cannot hurt it
        return Assistant(self.workspace, self.config, variant, base_url=self.base_url, reuse=share)
