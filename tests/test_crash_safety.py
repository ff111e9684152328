"""kill -9 during ingest, and two ingests at once: the previous index always survives."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from qacore.config import load_config
from qacore.retrieval import Retriever
from qacore.store import Snapshot
from qacore.workspace import Workspace
from tests.conftest import REPO, run_qa


def ingest_args(docs, ws, model):
    return ("ingest", str(docs), "--workspace", str(ws), "--embedding-model", str(model), "--no-redact",
            "--chunk-tokens", "64", "--generator", "none", "--json")


def ingest_in_process(docs, ws, model):
    from ingest.pipeline import run_ingest

    config = load_config(None, {"models.embedding": str(model), "ingest.redact": False, "ingest.chunk_tokens": 64})
    return run_ingest([docs], Workspace(ws), config, progress=False, log=lambda m: None)


def index_state(ws):
    snap = Snapshot.require(Workspace(ws))
    cfg = load_config(None, {"models.embedding": snap.manifest["embedding"]["spec"]})
    hits = Retriever(snap, cfg.retrieval).search("annual leave", k=2)
    return snap.path.name, sorted(c.source for c in snap.iter_chunks()), len(hits)


@pytest.mark.parametrize("point", ["after_plan", "after_embed", "during_build", "before_rename", "before_current", "before_gc"])
def test_sigkill_at_each_step_keeps_previous_index(point, docs, tmp_path, tiny_embedding_model):
    ws = tmp_path / "ws"
    ingest_in_process(docs, ws, tiny_embedding_model)
    before = index_state(ws)

    (docs / "leave.md").write_text("# Leave policy\n\nEmployees now get 30 days of annual leave.\n")
    killed = run_qa(*ingest_args(docs, ws, tiny_embedding_model), env={"QA_FAILPOINT": point})
    assert killed.returncode == -signal.SIGKILL

    after_kill = index_state(ws)  # loadable and searchable
    if point in ("before_gc",):
        assert after_kill[0] != before[0]  # CURRENT already points at the new, complete snapshot
    else:
        assert after_kill == before

    report = ingest_in_process(docs, ws, tiny_embedding_model).to_json()
    texts = " ".join(c.text for c in Snapshot.require(Workspace(ws)).iter_chunks())
    assert "30 days" in texts
    assert report["up_to_date"] or report["changed"] == ["docs/leave.md"]
    leftovers = list(Workspace(ws).tmp_dir.iterdir()) if Workspace(ws).tmp_dir.exists() else []
    assert leftovers == [] and len(list(Workspace(ws).snapshots_dir.iterdir())) == 1


def test_sigkill_at_random_moments(docs, tmp_path, tiny_embedding_model):
    ws = tmp_path / "ws"
    ingest_in_process(docs, ws, tiny_embedding_model)
    before = index_state(ws)
    for i in range(6):
        (docs / f"extra{i}.md").write_text(f"# Extra {i}\n\n" + "More text about printers. " * 200)
    env = {**os.environ}
    owner = ws / "qa.lock.owner"
    for delay in (0.0, 0.3, 0.8, 1.5):
        owner.unlink(missing_ok=True)
        proc = subprocess.Popen([sys.executable, "-m", "cli", *ingest_args(docs, ws, tiny_embedding_model)], cwd=REPO,
                                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 60
        while not owner.exists() and time.time() < deadline:  # the ingest itself has started (lock taken)
            time.sleep(0.01)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        state = index_state(ws)  # never broken
        assert state == before or "docs/extra0.md" in state[1]
    ingest_in_process(docs, ws, tiny_embedding_model)
    assert "docs/extra5.md" in index_state(ws)[1]


def test_second_concurrent_ingest_fails_clearly_or_waits(docs, tmp_path, tiny_embedding_model):
    ws = tmp_path / "ws"
    holder = subprocess.Popen([sys.executable, "-m", "cli", *ingest_args(docs, ws, tiny_embedding_model)], cwd=REPO,
                              env={**os.environ, "QA_FAILPOINT": "after_plan:sleep=8"},
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    while not (ws / "qa.lock.owner").exists() and time.time() < deadline:
        time.sleep(0.1)
    second = run_qa(*ingest_args(docs, ws, tiny_embedding_model))
    assert second.returncode == 1
    assert "locked by another qa process" in second.stderr and "--wait" in second.stderr
    waiting = run_qa(*ingest_args(docs, ws, tiny_embedding_model), "--wait", "120")
    out, err = holder.communicate(timeout=120)
    assert holder.returncode == 0, err
    assert waiting.returncode == 0, waiting.stderr
    assert json.loads(waiting.stdout)["up_to_date"]  # it ran after the first finished, and saw its result
    assert index_state(ws)[2] == 2


def test_publish_folder_replaces_whole_keeps_the_old_on_failure_and_ignores_leftovers(tmp_path):
    from qacore.workspace import publish_folder

    target = tmp_path / "models" / "tuned"

    def write(files):
        return lambda tmp: [(tmp / name).write_text(text) for name, text in files.items()]

    publish_folder(target, write({"a.txt": "1", "b.txt": "1"}))
    # a crash of an earlier process (same pid, even) left its renamed-aside folder behind
    leftover = target.parent / f".old-tuned-{os.getpid()}"
    leftover.mkdir()
    (leftover / "x").write_text("stale")
    publish_folder(target, write({"a.txt": "2"}))
    assert {p.name: p.read_text() for p in target.iterdir()} == {"a.txt": "2"}  # whole: no stale b.txt

    def fail(tmp):
        (tmp / "a.txt").write_text("half")
        raise RuntimeError("killed while writing")

    with pytest.raises(RuntimeError):
        publish_folder(target, fail)
    assert {p.name: p.read_text() for p in target.iterdir()} == {"a.txt": "2"}
    assert sorted(p.name for p in target.parent.iterdir()) == [leftover.name, "tuned"]  # no temp folder left


def test_an_open_retriever_survives_a_concurrent_reingest(docs, tmp_path, tiny_embedding_model):
    ws = tmp_path / "ws"
    ingest_in_process(docs, ws, tiny_embedding_model)
    snap = Snapshot.require(Workspace(ws))
    cfg = load_config(None, {"models.embedding": snap.manifest["embedding"]["spec"]})
    reader = Retriever(snap, cfg.retrieval)  # a `qa ask` session, or an eval, holds the index open...
    (docs / "extra.md").write_text("# Printers\n\nThe printer on floor 2 is called Basil.\n")
    ingest_in_process(docs, ws, tiny_embedding_model)  # ...while an ingest publishes and deletes the old snapshot
    assert not snap.path.exists()
    hits = reader.search("annual leave", k=2)  # still answers, from the snapshot it opened
    assert len(hits) == 2 and all(h.chunk.text for h in hits)
