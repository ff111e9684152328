"""The index snapshot on disk: FAISS vectors + SQLite chunks + BM25 + manifest.json. No pickle anywhere.

A snapshot is immutable once published. Ingest builds the next one in `index/tmp/`, fsyncs it, renames
it into `index/snapshots/`, then atomically repoints `index/CURRENT` (temp + fsync + rename); only after
that are older snapshots deleted. A crash at any moment therefore leaves CURRENT naming a complete snapshot.

Chunk ids are int64, stable across snapshots for unchanged documents (FAISS `IndexIDMap2` ids), so an
incremental re-ingest copies vectors of unchanged documents instead of re-embedding them.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from qacore import FORMAT_VERSION
from qacore.errors import WorkspaceError
from qacore.workspace import (
    Workspace,
    atomic_write_json,
    atomic_write_text,
    failpoint,
    fsync_tree,
    read_json,
    remove_tree,
    sha256_file,
)

MANIFEST = "manifest.json"
VECTORS = "vectors.faiss"
CHUNKS_DB = "chunks.sqlite"
BM25_DIR = "bm25"

_SCHEMA = """
CREATE TABLE chunks (
    id INTEGER PRIMARY KEY,      -- FAISS id
    doc_key TEXT NOT NULL,       -- absolute path of the source document
    source TEXT NOT NULL,        -- path shown to users (relative to the ingest root)
    title TEXT NOT NULL,
    heading_path TEXT NOT NULL,  -- JSON list of headings above the chunk
    page INTEGER,                -- 1-based page for PDFs, else NULL
    start INTEGER NOT NULL,      -- character offsets into the (redacted) document text
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    embed_text TEXT NOT NULL,    -- what was embedded: "title > headings" header + text
    content_hash TEXT NOT NULL,  -- sha256 of text
    n_tokens INTEGER NOT NULL
);
CREATE INDEX chunks_doc ON chunks(doc_key);
"""
_COLUMNS = ("id", "doc_key", "source", "title", "heading_path", "page", "start", "end", "text", "embed_text",
            "content_hash", "n_tokens")


@dataclass
class Chunk:
    id: int
    doc_key: str
    source: str
    title: str
    heading_path: list[str]
    page: int | None
    start: int
    end: int
    text: str
    embed_text: str
    content_hash: str
    n_tokens: int

    def as_row(self) -> tuple:
        return (self.id, self.doc_key, self.source, self.title, json.dumps(self.heading_path, ensure_ascii=False),
                self.page, self.start, self.end, self.text, self.embed_text, self.content_hash, self.n_tokens)

    @classmethod
    def from_row(cls, row: Sequence[Any]) -> Chunk:
        values = dict(zip(_COLUMNS, row, strict=True))
        values["heading_path"] = json.loads(values["heading_path"])
        return cls(**values)

    def to_json(self) -> dict:
        return {k: getattr(self, k) for k in _COLUMNS if k != "embed_text"}


def _new_index(dim: int, kind: str):
    import faiss

    if kind == "hnsw":
        inner = faiss.IndexHNSWFlat(dim, 32, faiss.METRIC_INNER_PRODUCT)
        inner.hnsw.efConstruction = 80
    else:
        inner = faiss.IndexFlatIP(dim)
    return faiss.IndexIDMap2(inner)


class Snapshot:
    """Read access to one published snapshot."""

    def __init__(self, path: Path):
        self.path = path
        manifest_path = path / MANIFEST
        if not manifest_path.is_file():
            raise WorkspaceError(f"index snapshot {path} has no manifest; re-run `qa ingest`")
        self.manifest: dict = read_json(manifest_path)
        version = self.manifest.get("format_version")
        if version != FORMAT_VERSION:
            raise WorkspaceError(
                f"index at {path} has format version {version}, this qa reads {FORMAT_VERSION}; "
                f"re-run `qa ingest` to rebuild it"
            )
        self._db: sqlite3.Connection | None = None
        self._index = None

    @classmethod
    def current(cls, workspace: Workspace) -> Snapshot | None:
        path = workspace.current_snapshot()
        return cls(path) if path is not None else None

    @classmethod
    def require(cls, workspace: Workspace) -> Snapshot:
        snap = cls.current(workspace)
        if snap is None:
            raise WorkspaceError(f"no index in workspace {workspace.root}; run `qa ingest PATH` first")
        return snap

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            # read-only URI: a reader can never modify a published snapshot
            self._db = sqlite3.connect(f"file:{self.path / CHUNKS_DB}?mode=ro", uri=True, check_same_thread=False)
        return self._db

    @property
    def index(self):
        if self._index is None:
            import faiss

            self._index = faiss.read_index(str(self.path / VECTORS))
        return self._index

    @property
    def documents(self) -> dict[str, dict]:
        return self.manifest["documents"]

    def chunk_count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM chunks").fetchone()[0]

    def chunks_by_ids(self, ids: Sequence[int]) -> list[Chunk]:
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        rows = self.db.execute(f"SELECT {', '.join(_COLUMNS)} FROM chunks WHERE id IN ({marks})", list(ids)).fetchall()
        by_id = {row[0]: Chunk.from_row(row) for row in rows}
        return [by_id[i] for i in ids if i in by_id]

    def iter_chunks(self) -> Iterable[Chunk]:
        for row in self.db.execute(f"SELECT {', '.join(_COLUMNS)} FROM chunks ORDER BY doc_key, start"):
            yield Chunk.from_row(row)

    def vectors(self, ids: Sequence[int]) -> np.ndarray:
        out = np.empty((len(ids), self.index.d), dtype=np.float32)
        for row, chunk_id in enumerate(ids):
            out[row] = self.index.reconstruct(int(chunk_id))
        return out

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


@dataclass
class SnapshotBuilder:
    """Builds the next snapshot in a temporary folder; `publish()` makes it current atomically."""

    workspace: Workspace
    dim: int
    name: str = field(default_factory=lambda: time.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8])

    def __post_init__(self):
        self.workspace.tmp_dir.mkdir(parents=True, exist_ok=True)
        self.dir = self.workspace.tmp_dir / self.name
        self.dir.mkdir()
        self.db = sqlite3.connect(self.dir / CHUNKS_DB)
        # The folder is fsynced as a whole before it is published, so per-statement durability is wasted work.
        self.db.execute("PRAGMA journal_mode=OFF")
        self.db.execute("PRAGMA synchronous=OFF")
        self.db.executescript(_SCHEMA)
        self._ids: list[np.ndarray] = []
        self._vectors: list[np.ndarray] = []

    def add(self, chunks: Sequence[Chunk], vectors: np.ndarray) -> None:
        assert len(chunks) == len(vectors), (len(chunks), vectors.shape)
        if not chunks:
            return
        self.db.executemany(f"INSERT INTO chunks VALUES ({','.join('?' * len(_COLUMNS))})", [c.as_row() for c in chunks])
        self._ids.append(np.array([c.id for c in chunks], dtype=np.int64))
        self._vectors.append(np.ascontiguousarray(vectors, dtype=np.float32))

    def copy_documents(self, base: Snapshot, doc_keys: Sequence[str]) -> int:
        """Carry unchanged documents over from `base`: rows and vectors, no re-embedding."""
        total = 0
        for doc_key in doc_keys:
            rows = base.db.execute(
                f"SELECT {', '.join(_COLUMNS)} FROM chunks WHERE doc_key = ? ORDER BY id", (doc_key,)
            ).fetchall()
            chunks = [Chunk.from_row(r) for r in rows]
            self.add(chunks, base.vectors([c.id for c in chunks]))
            total += len(chunks)
        return total

    def _write_bm25(self) -> None:
        import bm25s

        rows = self.db.execute("SELECT id, embed_text FROM chunks ORDER BY id").fetchall()
        ids = [r[0] for r in rows]
        retriever = bm25s.BM25()
        if rows:
            tokens = bm25s.tokenize([r[1] for r in rows], stopwords="en", show_progress=False)
            retriever.index(tokens, show_progress=False)
        (self.dir / BM25_DIR).mkdir()
        if rows:
            retriever.save(str(self.dir / BM25_DIR))
        (self.dir / BM25_DIR / "chunk_ids.json").write_text(json.dumps(ids), encoding="utf-8")

    def publish(self, manifest: dict, index_kind: str) -> Path:
        import faiss

        self.db.commit()
        self._write_bm25()
        self.db.close()
        index = _new_index(self.dim, index_kind)
        if self._ids:
            ids = np.concatenate(self._ids)
            vectors = np.concatenate(self._vectors)
            index.add_with_ids(vectors, ids)
        faiss.write_index(index, str(self.dir / VECTORS))
        manifest = dict(manifest)
        manifest.update(
            format_version=FORMAT_VERSION,
            kind="qa.index",
            snapshot=self.name,
            created_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            chunks=int(index.ntotal),
            index={"type": index_kind, "faiss": type(index.index).__name__ if hasattr(index, "index") else "?"},
            files={name: sha256_file(self.dir / name) for name in (VECTORS, CHUNKS_DB)},
        )
        atomic_write_json(self.dir / MANIFEST, manifest)
        fsync_tree(self.dir)
        failpoint("before_rename")

        # Publish: rename the complete folder, then repoint CURRENT atomically. Only then drop old snapshots.
        final = self.workspace.snapshots_dir / self.name
        final.parent.mkdir(parents=True, exist_ok=True)
        os.replace(self.dir, final)
        failpoint("before_current")
        atomic_write_text(self.workspace.current_pointer, self.name + "\n")
        failpoint("before_gc")
        garbage_collect(self.workspace)
        return final

    def abandon(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.db.close()
        remove_tree(self.dir)


def garbage_collect(workspace: Workspace) -> None:
    """Remove unpublished builds and snapshots that CURRENT no longer names. Call only under the lock."""
    current = workspace.current_snapshot()
    if workspace.tmp_dir.is_dir():
        for leftover in workspace.tmp_dir.iterdir():
            remove_tree(leftover)
    if workspace.snapshots_dir.is_dir():
        for snap in workspace.snapshots_dir.iterdir():
            if current is None or snap.name != current.name:
                remove_tree(snap)
