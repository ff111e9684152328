"""Workspace layout, atomic writes and the workspace lock.

Every artifact is written to a temporary name, fsynced, then renamed into place, and the directory is
fsynced too, so a crash (even kill -9 or power loss) leaves either the old or the new file, never half of one.

    .qa/                        workspace (default ./.qa, or $QA_WORKSPACE, or --workspace)
      qa.lock                   held by a writer (ingest) for its whole run
      index/CURRENT             name of the published index snapshot (one line)
      index/snapshots/NAME/     manifest.json, vectors.faiss, chunks.sqlite, bm25/
      index/tmp/                snapshots being built; removed at the next run
      datasets/CURRENT          name of the published dataset folder (train/eval/unanswerable.jsonl, manifest)
      imports/                  pairs added with `qa import`
      models/NAME/              `qa finetune` outputs: manifest.json + adapter/ (LoRA) or model/ (extractive)
      runs/NAME/                `qa eval` runs: results, reports
      cache/generations.sqlite  LLM outputs keyed by model hash + exact prompt (dataset generation, eval)
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from qacore.errors import WorkspaceLockedError

DEFAULT_WORKSPACE = ".qa"


def resolve_workspace(path: str | os.PathLike | None = None) -> Path:
    return Path(path or os.environ.get("QA_WORKSPACE") or DEFAULT_WORKSPACE)


@dataclass(frozen=True)
class Workspace:
    root: Path

    @classmethod
    def at(cls, path: str | os.PathLike | None = None) -> Workspace:
        return cls(resolve_workspace(path))

    @property
    def index_dir(self) -> Path:
        return self.root / "index"

    @property
    def snapshots_dir(self) -> Path:
        return self.index_dir / "snapshots"

    @property
    def tmp_dir(self) -> Path:
        return self.index_dir / "tmp"

    @property
    def current_pointer(self) -> Path:
        return self.index_dir / "CURRENT"

    @property
    def datasets_dir(self) -> Path:
        return self.root / "datasets"

    @property
    def models_dir(self) -> Path:
        return self.root / "models"

    @property
    def runs_dir(self) -> Path:
        return self.root / "runs"

    @property
    def generation_cache(self) -> Path:
        return self.root / "cache" / "generations.sqlite"

    def current_dataset(self) -> Path | None:
        """The published dataset folder (train.jsonl, eval.jsonl, unanswerable.jsonl, manifest.json), or None."""
        try:
            name = (self.datasets_dir / "CURRENT").read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        folder = self.datasets_dir / name
        return folder if name and folder.is_dir() else None

    def current_snapshot(self) -> Path | None:
        """The published snapshot folder, or None when nothing was ingested yet."""
        try:
            name = self.current_pointer.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        path = self.snapshots_dir / name
        return path if name and path.is_dir() else None

    @contextlib.contextmanager
    def lock(self, wait_seconds: float = 0.0) -> Iterator[None]:
        """Exclusive writer lock (flock: released by the kernel if the holder dies, even on kill -9)."""
        self.root.mkdir(parents=True, exist_ok=True)
        owner_file = self.root / "qa.lock.owner"
        lock = FileLock(str(self.root / "qa.lock"))
        try:
            lock.acquire(timeout=wait_seconds)
        except Timeout:
            try:
                owner = owner_file.read_text(encoding="utf-8").strip()
            except OSError:
                owner = "unknown"
            raise WorkspaceLockedError(
                f"workspace {self.root} is locked by another qa process ({owner}); "
                f"wait for it to finish or pass --wait SECONDS"
            ) from None
        try:
            owner_file.write_text(f"pid {os.getpid()}", encoding="utf-8")
            yield
        finally:
            lock.release()


def failpoint(name: str) -> None:
    """Crash-test hook. With QA_FAILPOINT=NAME the process kills itself (SIGKILL) here; with
    QA_FAILPOINT=NAME:sleep=S it sleeps S seconds here (to hold the lock while another process tries); with
    QA_FAILPOINT=NAME:raise it raises RuntimeError (a bug at that spot). The crash tests use it to stop an ingest
    at each step of the publish protocol, and in its redaction process (ingest/redact_worker.py)."""
    spec = os.environ.get("QA_FAILPOINT")
    if not spec:
        return
    target, _, action = spec.partition(":")
    if target != name:
        return
    if action.startswith("sleep="):
        import time

        time.sleep(float(action.removeprefix("sleep=")))
    elif action == "raise":
        raise RuntimeError(f"failpoint {name}")
    else:
        import signal

        os.kill(os.getpid(), signal.SIGKILL)


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_json(path: Path, obj: Any) -> None:
    atomic_write_text(path, json.dumps(obj, indent=2, sort_keys=True, ensure_ascii=False) + "\n")


def fsync_tree(path: Path) -> None:
    """fsync every file and folder below `path` (before a rename publishes it)."""
    for dirpath, _dirnames, filenames in os.walk(path):
        for name in filenames:
            fd = os.open(os.path.join(dirpath, name), os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        fsync_dir(Path(dirpath))


def remove_tree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


def publish_folder(folder: Path, fill: Callable[[Path], None]) -> None:
    """Publish a whole folder atomically: `fill(tmp)` writes it in a temporary sibling, which is fsynced and
    renamed into place. A previous folder is renamed aside first and deleted only once the new one is in place,
    so a crash leaves a complete old or new folder (the old one as .old-NAME-* if it fell between the renames)."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".tmp-{folder.name}-", dir=folder.parent))
    old = None
    try:
        fill(tmp)
        fsync_tree(tmp)
        if folder.exists():
            old = folder.parent / f".old-{folder.name}-{uuid.uuid4().hex[:8]}"  # never an earlier leftover
            os.replace(folder, old)
        os.replace(tmp, folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        if old is not None and not folder.exists():
            os.replace(old, folder)
        raise
    fsync_dir(folder.parent)
    if old is not None:
        remove_tree(old)


def sha256_file(path: Path, chunk_size: int = 1 << 20) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(chunk_size):
            digest.update(block)
    return digest.hexdigest()


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_text(text: str) -> str:
    return sha256_bytes(text.encode("utf-8"))


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]
