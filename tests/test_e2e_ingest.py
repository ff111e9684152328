"""End to end on the real embedded models: corpora/ through `qa ingest` (redaction on) and `qa search`."""

import json

from qacore.store import Snapshot
from qacore.workspace import Workspace
from tests.conftest import CORPORA, REPO, run_qa

PLANTED = json.loads((REPO / "scripts" / "corpus_src" / "PLANTED.json").read_text())


def stored_text(ws) -> str:
    snap = Snapshot.require(Workspace(ws))
    parts = []
    for chunk in snap.iter_chunks():
        parts += [chunk.text, chunk.embed_text, chunk.title, " ".join(chunk.heading_path)]
    parts.append(json.dumps(snap.manifest))
    return "\n".join(parts)


def test_every_corpus_file_is_ingested(corpora_workspace):
    snap = Snapshot.require(Workspace(corpora_workspace))
    sources = {doc["source"] for doc in snap.documents.values()}
    expected = {f"corpora/{p.name}" for p in CORPORA.iterdir() if p.is_file()}
    assert sources == expected
    loaders = {doc["loader"] for doc in snap.documents.values()}
    assert loaders == {"markdown", "text", "html", "pdf", "docx", "csv"}
    assert all(c.n_tokens <= 254 for c in snap.iter_chunks())  # MiniLM window minus [CLS]/[SEP]
    # PDF chunks carry their numbered section (kept through redaction) and no running footer
    leave = [c for c in snap.iter_chunks() if c.source == "corpora/leave-policy.pdf"]
    assert any(c.heading_path[-1:] == ["2.1 Booking annual leave"] for c in leave)
    assert not any("Page 1 of" in c.text for c in leave)


def test_no_planted_secret_or_personal_data_survives(corpora_workspace):
    text = stored_text(corpora_workspace)
    kinds = {p["type"] for p in PLANTED}
    assert kinds >= {"person", "email", "phone", "aws_key", "aws_secret", "password", "private_key", "card", "api_token"}
    survivors = [p for p in PLANTED if p["value"] in text]
    assert survivors == []
    # placeholders are there instead, and team mailboxes (not personal data) are kept
    assert "[PERSON]" in text and "[EMAIL]" in text and "[PRIVATE_KEY]" in text
    assert "helpdesk@fernhill.example" in text


def test_redaction_counts_per_type_in_manifest(corpora_workspace):
    snap = Snapshot.require(Workspace(corpora_workspace))
    totals = {}
    for doc in snap.documents.values():
        for kind, n in doc["redactions"].items():
            totals[kind] = totals.get(kind, 0) + n
    for kind in ("PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "PRIVATE_KEY"):
        assert totals.get(kind, 0) >= 1, totals


def test_search_finds_the_right_document(corpora_workspace):
    result = run_qa("search", "How many days of annual leave do UK employees get?", "-k", "3", "--json",
                    "--workspace", str(corpora_workspace))
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert len(hits) == 3 and [h["rank"] for h in hits] == [1, 2, 3]
    assert any(h["source"] in ("corpora/leave-policy.pdf", "corpora/seed_qa.csv") for h in hits)
    assert all({"score", "source", "heading_path", "start", "end", "text"} <= set(h) for h in hits)

    vpn = run_qa("search", "GlobalProtect portal address", "--mode", "dense", "-k", "1", "--workspace",
                 str(corpora_workspace))
    assert vpn.returncode == 0 and "vpn-guide.md" in vpn.stdout


def test_reingest_of_unchanged_corpus_is_up_to_date(corpora_workspace):
    result = run_qa("ingest", str(CORPORA), "--workspace", str(corpora_workspace), "--json", "--generator", "none")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["up_to_date"] and report["chunks_embedded"] == 0


def test_ingest_builds_a_redacted_dataset(corpora_workspace):
    from ingest.dataset.build import current_dataset

    folder = current_dataset(Workspace(corpora_workspace))
    assert folder is not None
    report = json.loads((folder / "report.json").read_text())
    assert report["accepted"]["train"] >= 50 and report["accepted"]["eval"] >= 10
    assert report["unanswerable_share_of_eval"] >= 0.1
    text = "\n".join((folder / name).read_text() for name in ("train.jsonl", "eval.jsonl", "unanswerable.jsonl"))
    assert [p for p in PLANTED if p["value"] in text] == []
    asked = [json.loads(line)["question"] for line in (folder / "unanswerable.jsonl").read_text().splitlines()]
    assert "Is there a pet policy?" in asked  # corpora/ deliberately never mentions pets


def test_import_then_export_via_cli(corpora_workspace, tmp_path):
    import shutil

    ws = tmp_path / "ws"
    shutil.copytree(corpora_workspace, ws)
    before = json.loads((current_dataset_path(ws) / "report.json").read_text())["accepted"]["train"]
    result = run_qa("import", str(CORPORA / "seed_qa.csv"), "--workspace", str(ws), "--generator", "none")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["train"] >= before + 40
    out = tmp_path / "openai.jsonl"
    result = run_qa("export", "--format", "openai", "-o", str(out), "--workspace", str(ws))
    assert result.returncode == 0, result.stderr
    lines = out.read_text().splitlines()
    assert len(lines) >= before + 40 and all(json.loads(line)["messages"][-1]["role"] == "assistant" for line in lines)
    bad = tmp_path / "bad.csv"
    bad.write_text("prompt,completion\nQ?,\n")
    result = run_qa("import", str(bad), "--workspace", str(ws), "--generator", "none")
    assert result.returncode == 1 and f"{bad}:2: empty completion" in result.stderr


def current_dataset_path(ws):
    from ingest.dataset.build import current_dataset

    return current_dataset(Workspace(ws))
