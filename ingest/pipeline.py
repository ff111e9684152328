"""The ingest recipe, top to bottom: plan -> load & redact -> chunk -> embed -> publish.

Incremental by design. A document whose size and mtime match the index is not even read; one whose bytes
hash the same is not re-embedded; changed documents are re-chunked and re-embedded; documents that vanished
from the ingested folders lose their chunks. A different embedding model, chunker or redaction setting
changes the "rebuild key" and triggers a full rebuild, with a message saying why.

Everything happens under the workspace lock and lands in a new snapshot that is published atomically
(see qacore/store.py), so a crash or kill -9 at any point leaves the previous index intact; re-running
simply does the work again.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from ingest.chunking import make_chunks
from ingest.discover import Candidate, Skipped, discover, under_roots
from ingest.loaders import Unusable, load_document, parse_headings
from ingest.redact import apply_findings
from ingest.redact_worker import RedactionWorker
from qacore import FORMAT_VERSION
from qacore.config import QAConfig
from qacore.embedder import Embedder, choose_dtype
from qacore.errors import ConfigError, NothingIngestedError, QAError
from qacore.models import resolve_embedding_model
from qacore.store import Chunk, Snapshot, SnapshotBuilder, garbage_collect
from qacore.workspace import Workspace, failpoint, sha256_bytes

# Bump when the output of a stage changes for the same input, so old indexes are rebuilt.
CHUNKER_VERSION = 2  # 2: a bare heading opens the next section; no scrap at the end of a long section
LOADERS_VERSION = 3  # 2: PDF footers, hard wraps, numbered headings; 3: Markdown front matter
REDACTION_VERSION = 2  # 2: names need evidence besides NER; URL ids, team mailboxes kept; segments


@dataclass
class IngestReport:
    workspace: str
    snapshot: str | None = None
    up_to_date: bool = False
    rebuild_reason: str | None = None
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    kept_previous: list[str] = field(default_factory=list)  # changed but now unreadable: old version kept
    skipped: list[Skipped] = field(default_factory=list)
    documents_in_index: int = 0
    chunks_in_index: int = 0
    chunks_embedded: int = 0
    redactions: Counter = field(default_factory=Counter)
    index_type: str | None = None
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {
            "workspace": self.workspace, "snapshot": self.snapshot, "up_to_date": self.up_to_date,
            "rebuild_reason": self.rebuild_reason, "added": self.added, "changed": self.changed,
            "unchanged": len(self.unchanged), "deleted": self.deleted, "kept_previous": self.kept_previous,
            "skipped": [{"source": s.source, "reason": s.reason} for s in self.skipped],
            "documents_in_index": self.documents_in_index, "chunks_in_index": self.chunks_in_index,
            "chunks_embedded": self.chunks_embedded, "redactions": dict(self.redactions),
            "index_type": self.index_type, "seconds": round(self.seconds, 3),
            "timings": {k: round(v, 3) for k, v in self.timings.items()},
        }


def _stderr(message: str) -> None:
    print(message, file=sys.stderr)


def rebuild_key(config: QAConfig, embedding_hash: str, dtype: str) -> dict:
    ingest = config.ingest
    return {
        "format_version": FORMAT_VERSION,
        "embedding": {"spec": config.models.embedding, "model_hash": embedding_hash, "dtype": dtype},
        "chunker": {"version": CHUNKER_VERSION, "chunk_tokens": ingest.chunk_tokens,
                    "chunk_overlap_tokens": ingest.chunk_overlap_tokens, "header_tokens": ingest.header_tokens,
                    "merge_small_sections": ingest.merge_small_sections},
        "loaders": {"version": LOADERS_VERSION},
        "redaction": {"version": REDACTION_VERSION, "enabled": ingest.redact,
                      "entities": sorted(ingest.redact_entities) if ingest.redact else [],
                      "allow_list": sorted(ingest.redact_allow_list) if ingest.redact else []},
    }


def _describe_change(old: dict | None, new: dict) -> str:
    if not old:
        return "index predates rebuild keys"
    names = {"embedding": "embedding model changed", "chunker": "chunker config changed",
             "redaction": "redaction settings changed", "loaders": "document loaders changed",
             "format_version": "index format changed"}
    return ", ".join(names[k] for k in new if old.get(k) != new[k]) or "settings changed"


def _old_keys(candidates: list[Candidate], documents: dict[str, dict]) -> set[str]:
    """Older indexes keyed a symlinked file by its target: such an entry is the candidate under its old key."""
    return {str(c.path) for c in candidates if documents.get(str(c.path), {}).get("source") == c.source}


def _progress(total: int, desc: str, unit: str, enabled: bool):
    from tqdm import tqdm

    # disable=None: tqdm turns itself off when stderr is not a terminal (CI logs stay clean).
    return tqdm(total=total, desc=desc, unit=unit, file=sys.stderr, disable=None if enabled else True, leave=False)


def _apply_redaction(doc, findings, title_findings, allow_list, known_names: set[str]) -> Counter:
    """Replace secrets and personal data in `doc` (text, headings, page offsets, title) in place."""
    redacted = apply_findings(doc.text, findings, known_names, allow_list)
    if redacted.replacements:
        if doc.page_starts:
            doc.page_starts = [redacted.map_offset(p) for p in doc.page_starts]
        doc.text = redacted.text
        doc.headings = parse_headings(doc.loader, doc.text)  # a heading may have held a name
    title = apply_findings(doc.title, title_findings, known_names, allow_list)
    doc.title = title.text
    return redacted.counts + title.counts


def run_ingest(
    paths: list[Path],
    workspace: Workspace,
    config: QAConfig,
    *,
    strict: bool = False,
    wait_seconds: float = 0.0,
    progress: bool = True,
    log: Callable[[str], None] = _stderr,
) -> IngestReport:
    started = time.perf_counter()
    report = IngestReport(workspace=str(workspace.root))
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise QAError(f"path not found: {', '.join(missing)}")
    ingest_cfg = config.ingest

    with workspace.lock(wait_seconds):
        garbage_collect(workspace)  # leftovers of a killed run
        # a workspace inside an ingested folder (`qa ingest docs -w docs/qa-ws`) must not ingest its own artifacts
        candidates, skipped = discover(paths, ingest_cfg.include, ingest_cfg.exclude, int(ingest_cfg.max_file_mb * 1e6),
                                       skip_under=workspace.root.resolve())
        report.skipped.extend(skipped)
        base = Snapshot.current(workspace)

        resolved = resolve_embedding_model(config.models.embedding)
        dtype = choose_dtype(config.models.embedding_dtype)
        key = rebuild_key(config, resolved.content_hash, dtype)
        base_docs: dict[str, dict] = {}
        base_skipped: dict[str, dict] = {}
        if base is not None:
            if base.manifest.get("rebuild_key") != key:
                report.rebuild_reason = _describe_change(base.manifest.get("rebuild_key"), key)
                log(f"qa: {report.rebuild_reason}: rebuilding the whole index")
                # documents ingested from other folders are rebuilt too, if they still exist
                known = {c.doc_key for c in candidates} | _old_keys(candidates, base.documents)
                for doc_key, entry in base.documents.items():
                    path = Path(doc_key)
                    if doc_key not in known and path.is_file():
                        stat = path.stat()
                        candidates.append(Candidate(path, entry["source"], stat.st_size, stat.st_mtime_ns))
            else:
                base_docs = base.documents
                base_skipped = base.manifest.get("skipped", {})

        # -- plan ---------------------------------------------------------------------------------------
        t = time.perf_counter()
        unchanged: dict[str, dict] = {}
        to_load: list[tuple[Candidate, str, dict | None]] = []
        still_skipped: dict[str, dict] = {}
        kept_previous: dict[str, dict] = {}
        for cand in candidates:
            prev = base_docs.get(cand.doc_key)
            known_bad = base_skipped.get(cand.doc_key)
            if known_bad and known_bad["size"] == cand.size and known_bad["mtime_ns"] == cand.mtime_ns:
                # skipped last time and untouched since: same verdict, without parsing it again
                still_skipped[cand.doc_key] = known_bad
                report.skipped.append(Skipped(cand.source, known_bad["reason"]))
                if prev is not None:  # its last good version stays in the index
                    unchanged[cand.doc_key] = prev
                    report.kept_previous.append(cand.source)
                continue
            if prev and prev["size"] == cand.size and prev["mtime_ns"] == cand.mtime_ns:
                unchanged[cand.doc_key] = prev
                continue
            try:
                digest = sha256_bytes(cand.path.read_bytes())
            except OSError as exc:
                report.skipped.append(Skipped(cand.source, f"unreadable ({exc.strerror or exc})"))
                if prev is not None:  # as in the load phase: a changed document we cannot read keeps its last version
                    kept_previous[cand.doc_key] = prev
                    report.kept_previous.append(cand.source)
                continue
            if prev and prev["sha256"] == digest:
                unchanged[cand.doc_key] = prev  # touched, same bytes
            else:
                to_load.append((cand, digest, prev))
        seen = {c.doc_key for c in candidates} | _old_keys(candidates, base_docs)
        deleted = [k for k in base_docs if k not in seen and under_roots(k, paths)]
        elsewhere = {k: v for k, v in base_docs.items() if k not in seen and not under_roots(k, paths)}
        report.unchanged = [v["source"] for v in unchanged.values()]
        report.deleted = [base_docs[k]["source"] for k in deleted]
        report.timings["plan"] = time.perf_counter() - t
        failpoint("after_plan")

        if base is not None and not to_load and not deleted and report.rebuild_reason is None:
            report.up_to_date = True
            report.snapshot = base.path.name
            report.documents_in_index = len(base.documents)
            report.chunks_in_index = int(base.manifest.get("chunks", 0))
            report.index_type = base.manifest.get("index", {}).get("type")
            report.seconds = time.perf_counter() - started
            if not candidates and not report.skipped:
                raise NothingIngestedError(_nothing_found_message(paths, ingest_cfg.include))
            if strict and report.skipped:  # a file known to be bad still fails --strict when nothing changed
                raise QAError(f"--strict: {len(report.skipped)} file(s) skipped; the previous index was left as it was")
            return report
        if not candidates and not base_docs:
            raise NothingIngestedError(_nothing_found_message(paths, ingest_cfg.include), )

        # -- load, redact, chunk ------------------------------------------------------------------------
        # Documents are read here and redacted by a second process (ingest/redact_worker.py) while this one
        # loads the embedding model: in a fresh process both are seconds of imports, and they overlap.
        t = time.perf_counter()
        next_id = int(base.manifest.get("next_chunk_id", 1)) if base is not None else 1
        new_chunks: list[Chunk] = []
        new_docs: dict[str, dict] = {}
        def skip(cand: Candidate, prev: dict | None, reason: str) -> None:
            report.skipped.append(Skipped(cand.source, reason))
            still_skipped[cand.doc_key] = {"source": cand.source, "size": cand.size, "mtime_ns": cand.mtime_ns,
                                           "reason": reason}
            if prev is not None:  # a changed document that no longer loads: keep its previous version
                kept_previous[cand.doc_key] = prev
                report.kept_previous.append(cand.source)

        with ExitStack() as cleanup:
            redaction = None
            if ingest_cfg.redact and to_load:
                redaction = cleanup.enter_context(RedactionWorker(ingest_cfg.redact_entities,
                                                                  ingest_cfg.redact_allow_list))
            loaded = []
            with _progress(len(to_load), "reading", "doc", progress) as bar:
                for cand, digest, prev in to_load:
                    bar.set_postfix_str(cand.source[-40:], refresh=False)
                    try:
                        doc = load_document(cand.path, cand.path.read_bytes(),
                                            int(ingest_cfg.max_docx_uncompressed_mb * 1e6))
                    except Unusable as exc:
                        skip(cand, prev, str(exc))
                    except Exception as exc:  # a parser bug on one hostile file must not sink the run
                        skip(cand, prev, f"failed to load ({type(exc).__name__}: {str(exc)[:120]})")
                    else:
                        if redaction is not None:
                            redaction.submit(len(loaded), doc.text, doc.title)
                        loaded.append((cand, digest, prev, doc))
                    bar.update(1)
            if redaction is not None:
                redaction.close_input()
            report.timings["load"] = time.perf_counter() - t

            t = time.perf_counter()
            embedder = Embedder.shared(config.models.embedding, dtype=dtype,
                                       batch_size=config.models.embedding_batch_size)
            window = embedder.content_token_budget
            if ingest_cfg.header_tokens + 16 > window:
                raise ConfigError([f"ingest.header_tokens ({ingest_cfg.header_tokens}) leaves no room for text in "
                                   f"the embedding model's {window}-token window"])
            report.timings["load_embedder"] = time.perf_counter() - t

            t = time.perf_counter()
            found: dict[int, tuple] = {}
            if redaction is not None:
                with _progress(len(loaded), "redacting", "doc", progress) as bar:
                    found = {i: (text, title) for i, text, title in redaction.results(bar.update)}
            report.timings["wait_redaction"] = time.perf_counter() - t
        # Two passes so that a person's name found in one document is redacted in all of them.
        t = time.perf_counter()
        known_names = set().union(*(text.names for text, _title in found.values() if not isinstance(text, str)))
        for i, (cand, digest, prev, doc) in enumerate(loaded):
            counts = Counter()
            if redaction is not None:
                findings, title_findings = found[i]
                if isinstance(findings, str):  # the redactor failed on this document: skip it, as a loader error
                    skip(cand, prev, findings)
                    continue
                counts = _apply_redaction(doc, findings, title_findings, ingest_cfg.redact_allow_list, known_names)
            chunks = make_chunks(cand.doc_key, cand.source, doc, embedder, config.ingest, next_id)
            next_id += len(chunks)
            new_chunks.extend(chunks)
            report.redactions += counts
            (report.changed if prev is not None else report.added).append(cand.source)
            new_docs[cand.doc_key] = {
                "source": cand.source, "sha256": digest, "size": cand.size, "mtime_ns": cand.mtime_ns,
                "loader": doc.loader, "title": doc.title, "encoding": doc.encoding, "chunks": len(chunks),
                "pages": len(doc.page_starts) if doc.page_starts else None, "characters": len(doc.text),
                "redactions": dict(counts),
            }
        report.timings["redact_chunk"] = time.perf_counter() - t

        carried = {**unchanged, **kept_previous, **elsewhere}
        documents = {**carried, **new_docs}
        if not documents:
            raise NothingIngestedError("nothing could be ingested: every file was skipped (see the table above)")
        if strict and report.skipped:
            raise QAError(f"--strict: {len(report.skipped)} file(s) skipped; the previous index was left as it was")

        # -- embed --------------------------------------------------------------------------------------
        t = time.perf_counter()
        with _progress(len(new_chunks), "embedding", "chunk", progress) as bar:
            vectors = embedder.embed([c.embed_text for c in new_chunks], progress=bar.update)
        report.chunks_embedded = len(new_chunks)
        report.timings["embed"] = time.perf_counter() - t
        failpoint("after_embed")

        # -- publish ------------------------------------------------------------------------------------
        t = time.perf_counter()
        builder = SnapshotBuilder(workspace, dim=embedder.dim)
        try:
            if base is not None and carried:
                builder.copy_documents(base, list(carried))
            builder.add(new_chunks, vectors)
            failpoint("during_build")
            total = builder.db.execute("SELECT COUNT(*) FROM chunks").fetchone()[0]
            index_type = ingest_cfg.index
            if index_type == "auto":
                index_type = "hnsw" if total > ingest_cfg.hnsw_threshold else "flat"
            manifest = {
                "rebuild_key": key,
                "embedding": embedder.identity,
                "next_chunk_id": next_id,
                "documents": documents,
                "skipped": still_skipped,
                "config": config.model_dump(mode="json"),
            }
            final = builder.publish(manifest, index_type)
        except BaseException:
            builder.abandon()
            raise
        if base is not None:
            base.close()
        report.timings["publish"] = time.perf_counter() - t
        report.snapshot = final.name
        report.documents_in_index = len(documents)
        report.chunks_in_index = int(total)
        report.index_type = index_type
    report.seconds = time.perf_counter() - started
    return report


def _nothing_found_message(paths: list[Path], include: list[str]) -> str:
    return (f"no documents found under {', '.join(str(p) for p in paths)} "
            f"(looked for {', '.join(include)}); nothing was ingested")
