"""kill -9 during ingest, and two ingests at once: the previous index always survives."""

import json
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

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


# A real `qa ingest` (python -m cli) with probes that report to the test over stdout and wait for it on stdin: the
# lock test is ordered by these events, never by sleeps, so a slow start on a busy machine cannot reorder it.
PROBED_INGEST = """
import runpy, sys

role = sys.argv.pop(1)
if role == "hold":  # stop inside the workspace lock until the test says so
    import ingest.pipeline as pipeline

    real_failpoint = pipeline.failpoint

    def hold(name):
        real_failpoint(name)
        if name == "after_plan":
            print("HOLDING", flush=True)
            sys.stdin.readline()

    pipeline.failpoint = hold
elif role == "wait":  # say when the lock was found taken, then wait for it as --wait does
    import qacore.workspace as workspace
    from filelock import Timeout

    class ReportingLock(workspace.FileLock):
        def acquire(self, timeout=None, **kwargs):
            try:
                return super().acquire(timeout=0, **kwargs)
            except Timeout:
                print("BLOCKED", flush=True)
            return super().acquire(timeout=timeout, **kwargs)

    workspace.FileLock = ReportingLock
sys.argv[0] = "qa"
runpy.run_module("cli", run_name="__main__")
"""


def read_report(proc, log: Path, timeout: float = 180) -> str:
    """The next line the probed process prints (the timeout only turns a hang into a failure)."""
    ready, _, _ = select.select([proc.stdout], [], [], timeout)
    line = proc.stdout.readline() if ready else ""
    if not line:
        proc.kill()
        proc.wait()
        pytest.fail(f"no report from the probed ingest (exit {proc.returncode}): {log.read_text()[-3000:]}")
    return line.strip()


def test_second_concurrent_ingest_fails_clearly_or_waits(docs, tmp_path, tiny_embedding_model):
    ws = tmp_path / "ws"
    probe = tmp_path / "probed_ingest.py"
    probe.write_text(PROBED_INGEST, encoding="utf-8")
    procs = []

    def start(role, *extra):
        log = tmp_path / f"{role}.stderr"
        # --no-dataset: the index lock is what is tested; a dataset build after it only adds minutes
        args = [*ingest_args(docs, ws, tiny_embedding_model), "--no-dataset", *extra]
        with log.open("w") as stderr:
            proc = subprocess.Popen([sys.executable, str(probe), role, *args], cwd=REPO, stdin=subprocess.PIPE,
                                    stdout=subprocess.PIPE, stderr=stderr, text=True)
        procs.append(proc)
        return proc, log

    try:
        holder, holder_log = start("hold")
        assert read_report(holder, holder_log) == "HOLDING"  # from here on it holds the lock, until we release it
        second = run_qa(*ingest_args(docs, ws, tiny_embedding_model))
        assert second.returncode == 1
        assert f"locked by another qa process (pid {holder.pid})" in second.stderr and "--wait" in second.stderr
        waiting, waiting_log = start("wait", "--wait", "120")
        assert read_report(waiting, waiting_log) == "BLOCKED"  # it found the lock taken and waits for it

        holder.stdin.write("release\n")
        holder.stdin.flush()
        out, _ = holder.communicate(timeout=180)
        assert holder.returncode == 0, holder_log.read_text()[-3000:]
        assert not json.loads(out)["up_to_date"] and json.loads(out)["chunks_embedded"] > 0  # it built the index
        out, _ = waiting.communicate(timeout=180)
        assert waiting.returncode == 0, waiting_log.read_text()[-3000:]
        assert json.loads(out[out.index("{"):])["up_to_date"]  # it ran after the first finished, and saw its result
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
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
