"""Incremental ingest, rebuilds, bad input in a run, strictness — with the tiny embedder."""

import os
import time

import numpy as np
import pytest

from ingest.pipeline import run_ingest
from qacore.config import load_config
from qacore.errors import NothingIngestedError, QAError
from qacore.retrieval import Retriever
from qacore.store import Snapshot
from qacore.workspace import Workspace


def ingest(paths, ws, config, **kw):
    return run_ingest(list(paths), ws, config, progress=False, log=lambda m: None, **kw)


def chunk_ids_by_doc(ws):
    snap = Snapshot.require(ws)
    out = {}
    for chunk in snap.iter_chunks():
        out.setdefault(chunk.source, []).append(chunk.id)
    return snap, out


def test_incremental_add_change_delete(docs, tmp_path, tiny_config):
    ws = Workspace(tmp_path / "ws")
    first = ingest([docs], ws, tiny_config)
    assert first.documents_in_index == 3 and first.chunks_embedded == first.chunks_in_index > 3
    snap1, ids1 = chunk_ids_by_doc(ws)
    vectors_before = snap1.vectors(ids1["docs/leave.md"])

    again = ingest([docs], ws, tiny_config)
    assert again.up_to_date and again.chunks_embedded == 0
    assert Snapshot.require(ws).path == snap1.path  # nothing republished

    # change one, delete one, add one
    (docs / "vpn.md").write_text("# VPN guide\n\nThe VPN portal moved to vpn2.example.test.\n")
    (docs / "expenses.md").unlink()
    (docs / "travel.md").write_text("# Travel\n\nBook trains for trips under 4 hours.\n")
    third = ingest([docs], ws, tiny_config)
    assert sorted(third.changed) == ["docs/vpn.md"]
    assert sorted(third.added) == ["docs/travel.md"]
    assert third.deleted == ["docs/expenses.md"]
    assert third.unchanged == ["docs/leave.md"]
    snap3, ids3 = chunk_ids_by_doc(ws)
    assert third.chunks_embedded == len(ids3["docs/vpn.md"]) + len(ids3["docs/travel.md"])  # leave.md not re-embedded
    assert ids3["docs/leave.md"] == ids1["docs/leave.md"]  # same ids, vectors carried over
    np.testing.assert_array_equal(snap3.vectors(ids3["docs/leave.md"]), vectors_before)
    assert "docs/expenses.md" not in ids3
    assert not set(ids3["docs/vpn.md"]) & set(ids1["docs/vpn.md"])  # stale chunks are gone
    texts = " ".join(c.text for c in snap3.iter_chunks())
    assert "vpn2.example.test" in texts and "EUR 25" not in texts
    assert len(list((ws.snapshots_dir).iterdir())) == 1  # old snapshots removed after publishing


def test_touch_without_change_is_not_reembedded(docs, tmp_path, tiny_config):
    ws = Workspace(tmp_path / "ws")
    ingest([docs], ws, tiny_config)
    path = docs / "leave.md"
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 10_000_000_000))
    report = ingest([docs], ws, tiny_config)
    assert report.up_to_date and report.chunks_embedded == 0


def test_config_change_triggers_full_rebuild_with_reason(docs, tmp_path, tiny_config):
    ws = Workspace(tmp_path / "ws")
    ingest([docs], ws, tiny_config)
    messages = []
    changed = tiny_config.model_copy(update={"ingest": tiny_config.ingest.model_copy(update={"chunk_tokens": 40})})
    report = run_ingest([docs], ws, changed, progress=False, log=messages.append)
    assert report.rebuild_reason == "chunker config changed"
    assert any("rebuilding the whole index" in m for m in messages)
    assert report.chunks_embedded == report.chunks_in_index and len(report.added) == 3


def test_documents_from_other_roots_are_kept(docs, tmp_path, tiny_config):
    ws = Workspace(tmp_path / "ws")
    other = tmp_path / "other"
    other.mkdir()
    (other / "faq.md").write_text("# FAQ\n\nPrinters are on floor 3.\n")
    ingest([docs], ws, tiny_config)
    report = ingest([other], ws, tiny_config)
    assert report.added == ["other/faq.md"] and report.deleted == []
    assert report.documents_in_index == 4


def test_bad_files_are_skipped_and_good_ones_ingested(docs, tmp_path, tiny_config):
    (docs / "broken.pdf").write_bytes(b"%PDF-1.4 nonsense")
    (docs / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (docs / "empty.md").write_bytes(b"")
    (docs / "huge.md").write_bytes(b"a " * 600_000)
    config = tiny_config.model_copy(update={"ingest": tiny_config.ingest.model_copy(update={"max_file_mb": 1.0})})
    ws = Workspace(tmp_path / "ws")
    report = ingest([docs], ws, config)
    reasons = {s.source: s.reason for s in report.skipped}
    assert set(reasons) == {"docs/broken.pdf", "docs/binary.txt", "docs/empty.md", "docs/huge.md"}
    assert "size cap" in reasons["docs/huge.md"] and "corrupt PDF" in reasons["docs/broken.pdf"]
    assert report.documents_in_index == 3
    again = ingest([docs], ws, config)  # known-bad files are not parsed again, and still reported
    assert again.up_to_date and {s.source for s in again.skipped} == set(reasons)

    with pytest.raises(QAError, match="--strict"):
        ingest([docs], Workspace(tmp_path / "strict"), config, strict=True)
    assert Snapshot.current(Workspace(tmp_path / "strict")) is None


def index_state(ws, config):
    """What a reader of the index sees: the CURRENT pointer, the snapshots on disk, every chunk, a search's hits."""
    snap = Snapshot.require(ws)
    hits = Retriever(snap, config.retrieval).search("How many days of annual leave can I carry over?", k=3)
    state = {"current": ws.current_pointer.read_text(encoding="utf-8"),
             "snapshots": sorted(p.name for p in ws.snapshots_dir.iterdir()),
             "chunks_in_manifest": snap.manifest["chunks"],
             "chunks": [(c.id, c.source, c.content_hash) for c in snap.iter_chunks()],
             "hits": [(h.chunk.id, round(h.score, 6)) for h in hits]}
    snap.close()
    return state


def test_strict_failure_on_an_existing_index_leaves_it_as_it_was(docs, tmp_path, tiny_config):
    ws = Workspace(tmp_path / "ws")
    ingest([docs], ws, tiny_config)
    before = index_state(ws, tiny_config)
    assert before["chunks"] and before["hits"]
    (docs / "leave.md").write_text("# Leave policy\n\nEmployees now get 33 days of annual leave.\n")  # a good change
    (docs / "broken.pdf").write_bytes(b"%PDF-1.4 nonsense")  # and a bad new file

    with pytest.raises(QAError, match=r"--strict: 1 file\(s\) skipped; the previous index was left as it was"):
        ingest([docs], ws, tiny_config, strict=True)
    assert index_state(ws, tiny_config) == before  # not even the good change was published
    assert "33 days" not in " ".join(c.text for c in Snapshot.require(ws).iter_chunks())
    assert not ws.tmp_dir.exists() or not list(ws.tmp_dir.iterdir())  # no half-built snapshot left behind

    # the same run without --strict would have replaced the index: the check above is not vacuous
    report = ingest([docs], ws, tiny_config)
    assert report.changed == ["docs/leave.md"] and [s.source for s in report.skipped] == ["docs/broken.pdf"]
    after = index_state(ws, tiny_config)
    assert after["current"] != before["current"] and after["chunks"] != before["chunks"]


def test_strict_fails_on_a_known_bad_file_even_when_nothing_else_changed(docs, tmp_path, tiny_config):
    ws = Workspace(tmp_path / "ws")
    (docs / "broken.pdf").write_bytes(b"%PDF-1.4 nonsense")
    assert [s.source for s in ingest([docs], ws, tiny_config).skipped] == ["docs/broken.pdf"]
    with pytest.raises(QAError, match="--strict"):  # --help: "Fail ... if any file is skipped"
        ingest([docs], ws, tiny_config, strict=True)


def test_embedding_model_change_reembeds_every_document(docs, tmp_path, tiny_config, tiny_embedding_model):
    from qacore.embedder import Embedder
    from qacore.models import resolve_embedding_model
    from tests.conftest import make_tiny_embedding_model

    ws = Workspace(tmp_path / "ws")
    first = ingest([docs], ws, tiny_config)
    snap1, ids1 = chunk_ids_by_doc(ws)
    identity1 = snap1.manifest["embedding"]
    old_vectors = snap1.vectors(ids1["docs/leave.md"])
    snap1.close()

    # another model: same tokenizer and dimension (so old vectors would even fit), other weights, other folder
    (tmp_path / "other-embedder").mkdir()
    other = make_tiny_embedding_model(tmp_path / "other-embedder", seed=1)
    config = tiny_config.model_copy(update={"models": tiny_config.models.model_copy(update={"embedding": str(other)})})
    messages = []
    report = run_ingest([docs], ws, config, progress=False, log=messages.append)
    assert report.rebuild_reason == "embedding model changed"
    assert any("rebuilding the whole index" in m for m in messages)
    assert sorted(report.added) == ["docs/expenses.md", "docs/leave.md", "docs/vpn.md"] and report.unchanged == []
    assert report.chunks_embedded == report.chunks_in_index == first.chunks_in_index  # every chunk, none carried

    snap2, ids2 = chunk_ids_by_doc(ws)
    identity2 = snap2.manifest["embedding"]
    assert identity2["spec"] == str(other) != identity1["spec"]
    assert identity2["model_hash"] == resolve_embedding_model(str(other)).content_hash != identity1["model_hash"]
    assert snap2.manifest["rebuild_key"]["embedding"]["model_hash"] == identity2["model_hash"]
    # the stored vectors are the new model's, not the old ones carried over
    leave = [c for c in snap2.iter_chunks() if c.source == "docs/leave.md"]
    new_vectors = snap2.vectors(ids2["docs/leave.md"])
    np.testing.assert_allclose(new_vectors, Embedder.shared(str(other), dtype="float32").embed(
        [c.embed_text for c in leave]), atol=1e-5)
    assert new_vectors.shape == old_vectors.shape and not np.allclose(new_vectors, old_vectors, atol=1e-3)
    assert len(Retriever(snap2, config.retrieval).search("annual leave", k=3)) == 3
    snap2.close()
    assert ingest([docs], ws, config).up_to_date  # and the rebuilt index is current for the new model


def test_nothing_ingestable_fails(tmp_path, tiny_config):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "a.pdf").write_bytes(b"not a pdf")
    with pytest.raises(NothingIngestedError):
        ingest([folder], Workspace(tmp_path / "ws"), tiny_config)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(NothingIngestedError, match="no documents found"):
        ingest([empty], Workspace(tmp_path / "ws2"), tiny_config)


def test_changed_but_now_corrupt_document_keeps_previous_version(docs, tmp_path, tiny_config):
    ws = Workspace(tmp_path / "ws")
    ingest([docs], ws, tiny_config)
    (docs / "leave.md").write_bytes(b"\x00\x01\x02 binary now" * 50)
    report = ingest([docs], ws, tiny_config)
    assert report.kept_previous == ["docs/leave.md"]
    _, ids = chunk_ids_by_doc(ws)
    assert "docs/leave.md" in ids
    again = ingest([docs], ws, tiny_config)
    assert again.up_to_date and again.kept_previous == ["docs/leave.md"]
    assert "docs/leave.md" in chunk_ids_by_doc(ws)[1]


def test_include_exclude_globs(docs, tmp_path, tiny_config):
    (docs / "drafts").mkdir()
    (docs / "drafts" / "wip.md").write_text("# WIP\n\nnot ready\n")
    (docs / "notes.txt").write_text("plain notes about printers\n")
    cfg = load_config(None, {**_overrides(tiny_config), "ingest.exclude": ["**/drafts/**"], "ingest.include": ["**/*.md"]})
    report = ingest([docs], Workspace(tmp_path / "ws"), cfg)
    assert sorted(report.added) == ["docs/expenses.md", "docs/leave.md", "docs/vpn.md"]


def test_hnsw_index_by_flag_searches(docs, tmp_path, tiny_config):
    cfg = tiny_config.model_copy(update={"ingest": tiny_config.ingest.model_copy(update={"index": "hnsw"})})
    ws = Workspace(tmp_path / "ws")
    report = ingest([docs], ws, cfg)
    assert report.index_type == "hnsw"
    snap = Snapshot.require(ws)
    assert snap.manifest["index"]["type"] == "hnsw"
    hits = Retriever(snap, cfg.retrieval).search("annual leave", k=3, mode="dense")
    assert len(hits) == 3
    # incremental change on an HNSW index (which cannot remove ids) still works: it is rebuilt from vectors
    (docs / "vpn.md").write_text("# VPN\n\nchanged\n")
    assert ingest([docs], ws, cfg).changed == ["docs/vpn.md"]


def test_manifest_records_what_built_it(docs, tmp_path, tiny_config):
    ws = Workspace(tmp_path / "ws")
    ingest([docs], ws, tiny_config)
    manifest = Snapshot.require(ws).manifest
    assert manifest["format_version"] == 1
    assert manifest["embedding"]["model_hash"] and manifest["embedding"]["dim"] == 32
    assert manifest["config"]["ingest"]["chunk_tokens"] == 64
    assert set(manifest["files"]) == {"vectors.faiss", "chunks.sqlite"}
    doc = next(iter(manifest["documents"].values()))
    assert len(doc["sha256"]) == 64 and doc["chunks"] >= 1


def _overrides(config):
    return {"models.embedding": config.models.embedding, "models.embedding_dtype": "float32", "ingest.redact": False,
            "ingest.chunk_tokens": 64, "ingest.chunk_overlap_tokens": 8, "ingest.header_tokens": 16}


def test_summary_prints_file_names_verbatim():
    import io

    from rich.console import Console

    from ingest.discover import Skipped
    from ingest.pipeline import IngestReport
    from ingest.summary import print_summary

    report = IngestReport(workspace="ws", up_to_date=True, kept_previous=["docs/a[/i].md"],
                          skipped=[Skipped("docs/notes[/b].md", "failed to load (KeyError: '[/x]')")])
    out = io.StringIO()
    print_summary(report, Console(file=out, width=300, highlight=False))  # markup in a name used to raise
    assert "docs/notes[/b].md" in out.getvalue() and "docs/a[/i].md" in out.getvalue() and "'[/x]'" in out.getvalue()


def test_file_name_that_is_not_utf8_is_skipped(docs, tmp_path, tiny_config):
    with open(os.path.join(os.fsencode(docs), b"caf\xe9-menu.md"), "wb") as fh:  # a Latin-1 name from an old share
        fh.write(b"# Cafe\n\nThe cafe opens at 8.\n")
    report = ingest([docs], Workspace(tmp_path / "ws"), tiny_config)
    assert [(s.source, s.reason) for s in report.skipped] == [("docs/caf\\xe9-menu.md", "file name is not valid UTF-8")]
    assert report.documents_in_index == 3


def test_changed_but_unreadable_document_keeps_previous_version(docs, tmp_path, tiny_config, monkeypatch):
    ws = Workspace(tmp_path / "ws")
    ingest([docs], ws, tiny_config)
    (docs / "leave.md").write_text("# Leave policy\n\nNow 30 days.\n")
    (docs / "vpn.md").write_text("# VPN\n\nNew portal vpn2.example.test.\n")
    read_bytes = type(docs).read_bytes

    def unreadable_leave(path):
        if path.name == "leave.md":
            raise PermissionError(13, "Permission denied")
        return read_bytes(path)

    monkeypatch.setattr(type(docs), "read_bytes", unreadable_leave)
    report = ingest([docs], ws, tiny_config)
    assert report.changed == ["docs/vpn.md"] and report.kept_previous == ["docs/leave.md"]
    assert ("docs/leave.md", "unreadable (Permission denied)") in [(s.source, s.reason) for s in report.skipped]
    assert "docs/leave.md" in chunk_ids_by_doc(ws)[1]


def test_workspace_inside_the_ingested_folder_is_not_ingested(docs, tmp_path, tiny_config):
    ws = Workspace(docs / "qa-ws")
    (ws.root / "datasets" / "d1").mkdir(parents=True)
    (ws.root / "datasets" / "d1" / "eval.jsonl").write_text('{"prompt": "Q?", "completion": "A."}\n')
    report = ingest([docs], ws, tiny_config)
    assert sorted(report.added) == ["docs/expenses.md", "docs/leave.md", "docs/vpn.md"]


def test_symlinked_document_is_keyed_by_its_link(docs, tmp_path, tiny_config):
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "policy.md").write_text("# Old policy\n\nRetired rule: passwords never expire.\n")
    (docs / "policy.md").symlink_to(shared / "policy.md")
    (docs / "leave-again.md").symlink_to(docs / "leave.md")  # the same file twice is ingested once
    ws = Workspace(tmp_path / "ws")
    first = ingest([docs], ws, tiny_config)
    assert sorted(first.added) == ["docs/expenses.md", "docs/leave-again.md", "docs/policy.md", "docs/vpn.md"]
    (docs / "policy.md").unlink()
    report = ingest([docs], ws, tiny_config)
    assert report.deleted == ["docs/policy.md"] and "docs/policy.md" not in chunk_ids_by_doc(ws)[1]


@pytest.mark.parametrize("rebuild", [False, True])
def test_symlink_keyed_by_its_target_in_an_older_index_is_rekeyed(docs, tmp_path, tiny_config, monkeypatch, rebuild):
    from ingest.discover import Candidate

    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "policy.md").write_text("# Old policy\n\nRetired rule: passwords never expire.\n")
    (docs / "policy.md").symlink_to(tmp_path / "shared" / "policy.md")
    ws = Workspace(tmp_path / "ws")
    with monkeypatch.context() as m:
        m.setattr(Candidate, "doc_key", property(lambda c: str(c.path)))  # how older versions keyed documents
        ingest([docs], ws, tiny_config)
    config = tiny_config.model_copy(update={"ingest": tiny_config.ingest.model_copy(update={"chunk_tokens": 40})})
    ingest([docs], ws, config if rebuild else tiny_config)
    sources = [v["source"] for v in Snapshot.require(ws).documents.values()]
    assert sorted(sources) == ["docs/expenses.md", "docs/leave.md", "docs/policy.md", "docs/vpn.md"]  # not twice
    (docs / "policy.md").unlink()
    assert ingest([docs], ws, config if rebuild else tiny_config).deleted == ["docs/policy.md"]
