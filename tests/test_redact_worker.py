"""Redaction in its own process (ingest/redact_worker.py): same findings as in-process, failures named, the previous
index kept. Real spaCy + Presidio + detect-secrets in the child; the tiny embedder in the parent."""

from pathlib import Path

import pytest

from ingest.pipeline import run_ingest
from ingest.redact import Redactor, apply_findings
from ingest.redact_worker import RedactionWorker
from qacore.config import load_config
from qacore.errors import QAError
from qacore.store import Snapshot
from qacore.workspace import Workspace

ENTITIES = ["PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "US_SSN"]
TEXTS = [
    "Contact Dana Okafor, Finance Director, at dana.okafor@corp.example or +44 20 7946 0321.\n\n"
    "aws_access_key_id = AKIAZ7Q4MFRN2XKT5WLB\npassword: Hunter2-Is-Not-Safe\n",
    # 18F handbook (public domain): programme names and a document link are facts, not personal data or secrets
    "You can receive 15 Military Leave days each year for active duty. See "
    "https://docs.google.com/document/d/1Hn5Yl0pAd8nKZ9x3QmBv/edit#gid=1234567890 for the form.",
    "",
    "Dana Okafor approves the budget.",  # the name is learned in the first text and redacted here by `apply`
]


def test_worker_finds_what_the_in_process_redactor_finds():
    redactor = Redactor(ENTITIES, ["press@corp.example"])
    with RedactionWorker(ENTITIES, ["press@corp.example"]) as worker:
        for i, text in enumerate(TEXTS):
            worker.submit(i, text, f"Title {i}")
        worker.close_input()
        got = {i: (text, title) for i, text, title in worker.results()}
    assert sorted(got) == list(range(len(TEXTS)))
    for i, text in enumerate(TEXTS):
        expected = redactor.find(text)
        assert sorted((r.start, r.end, r.kind) for r in got[i][0].spans) == sorted(
            (r.start, r.end, r.kind) for r in expected.spans)
        assert got[i][0].names == expected.names
    known = set().union(*(text.names for text, _ in got.values()))
    assert "Dana Okafor" in known
    out = [apply_findings(t, got[i][0], known).text for i, t in enumerate(TEXTS)]
    assert "[PERSON]" in out[0] and "[EMAIL]" in out[0] and "[PHONE]" in out[0] and "AKIAZ7Q4" not in out[0]
    assert out[1] == TEXTS[1]
    assert out[3] == "[PERSON] approves the budget."


def _config(tiny_config, **overrides):
    return load_config(None, {**_flat(tiny_config), "ingest.redact": True, **overrides})


def _flat(config) -> dict:
    return {"models.embedding": config.models.embedding, "models.embedding_dtype": "float32",
            "ingest.chunk_tokens": 64, "ingest.chunk_overlap_tokens": 8, "ingest.header_tokens": 16}


def _docs(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "leave.md").write_text("# Leave\n\nEmployees get 25 days of annual leave. Ask Dana Okafor, "
                                   "People Lead, on +44 20 7946 0321.\n", encoding="utf-8")
    (docs / "vpn.md").write_text("# VPN\n\nInstall the VPN client before travelling.\n", encoding="utf-8")
    return docs


def test_ingest_redacts_through_the_worker_and_survives_its_failures(tmp_path, tiny_config, monkeypatch):
    docs, ws = _docs(tmp_path), Workspace(tmp_path / "ws")
    report = run_ingest([docs], ws, _config(tiny_config), progress=False, log=lambda _m: None)
    assert report.redactions["PERSON"] >= 1 and report.redactions["PHONE_NUMBER"] == 1
    text = " ".join(c.text for c in Snapshot.require(ws).iter_chunks())
    assert "Dana Okafor" not in text and "7946" not in text and "25 days of annual leave" in text
    before = Snapshot.require(ws).path.name

    # the redaction process dies: a clear error, and the previous index is still the published one
    (docs / "vpn.md").write_text("# VPN\n\nInstall the VPN client before you travel abroad.\n", encoding="utf-8")
    monkeypatch.setenv("QA_FAILPOINT", "redaction_worker")  # the child kills itself as it starts
    with pytest.raises(QAError, match="redaction process stopped"):
        run_ingest([docs], ws, _config(tiny_config), progress=False, log=lambda _m: None)
    assert Snapshot.require(ws).path.name == before

    # the redactor fails on one document: that document is skipped (its previous version kept), not the run
    (docs / "new.md").write_text("# Travel\n\nBook trains through the travel desk.\n", encoding="utf-8")
    monkeypatch.setenv("QA_FAILPOINT", "redact_document:raise")  # a redactor bug on every document it is given
    report = run_ingest([docs], ws, _config(tiny_config), progress=False, log=lambda _m: None)
    reason = "failed to redact (RuntimeError: failpoint redact_document)"
    assert sorted((s.source, s.reason) for s in report.skipped) == [("docs/new.md", reason), ("docs/vpn.md", reason)]
    assert report.unchanged == ["docs/leave.md"] and report.kept_previous == ["docs/vpn.md"]
    assert report.documents_in_index == 2 and Snapshot.require(ws).path.name != before


def test_a_2_mb_text_file_is_ingested_and_redacted(tmp_path, tiny_config):
    """spaCy's max_length (1M characters) used to make such a file be skipped; it goes through the worker's pipe."""
    docs = tmp_path / "docs"
    docs.mkdir()
    filler = "Employees request equipment through the service portal and keep receipts.\n\n"
    text = filler * 27_000 + "Owner: contact Priya Raman, Head of People, on +44 20 7946 0321.\n\npassword: Winter2026!Fernhill\n"
    assert len(text.encode()) > 2_000_000
    (docs / "big.txt").write_text(text, encoding="utf-8")
    config = _config(tiny_config, **{"ingest.chunk_tokens": 120})
    report = run_ingest([docs], Workspace(tmp_path / "ws"), config, progress=False, log=lambda _m: None)
    assert report.skipped == [] and report.added == ["docs/big.txt"]
    assert report.redactions["PERSON"] == 1 and report.redactions["PHONE_NUMBER"] == 1 and sum(
        n for kind, n in report.redactions.items() if kind.startswith("SECRET")) == 1
    chunks = list(Snapshot.require(Workspace(tmp_path / "ws")).iter_chunks())
    joined = "".join(c.text for c in chunks)
    assert "Priya Raman" not in joined and "7946" not in joined and "Winter2026" not in joined
    assert "contact [PERSON], Head of People, on [PHONE]." in joined
