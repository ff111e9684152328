"""`qa generate`: outputs, provenance, leakage-safe split, unanswerable verification.

Uses the real MiniLM embedder: near-duplicate detection needs meaningful embeddings (a random tiny model
maps all short questions close together)."""

import json

import pytest

from ingest.dataset.build import build_dataset, current_dataset, read_pairs
from ingest.dataset.unanswerable import load_unanswerable_bank
from ingest.pipeline import run_ingest
from qacore.workspace import Workspace

HANDBOOK = {
    "it-faq.md": "# IT FAQ\n\n" + "\n\n".join(
        f"## Topic {t}\n\n### How do I request a {t} replacement?\n\nOpen a FernDesk ticket; {t} replacements take "
        f"{n} working days.\n" for t, n in [("laptop", 3), ("monitor", 5), ("headset", 2), ("keyboard", 1),
                                             ("badge", 4), ("phone", 6)]),
    "leave.md": "# Leave Policy\n\n## Allowances\n\n| Country | Annual leave | Carry over |\n|---|---|---|\n"
                "| UK | 27 days | 5 days |\n| Portugal | 25 days | 3 days |\n\n## Terms\n\n"
                "Accrual year: the period from 1 January to 31 December in which leave is earned.\n",
    "dress.md": "# Office Guide\n\n## Dress code\n\nThe dress code for the office is smart casual; "
                "the dress code for client meetings is business attire.\n",
}


@pytest.fixture
def config():
    from qacore.config import load_config

    return load_config(None, {"ingest.redact": False, "dataset.generator": "none"})


@pytest.fixture
def ingested(tmp_path, config):
    docs = tmp_path / "handbook"
    docs.mkdir()
    for name, text in HANDBOOK.items():
        (docs / name).write_text(text)
    ws = Workspace(tmp_path / "ws")
    run_ingest([docs], ws, config, progress=False, log=lambda m: None)
    return ws


def test_dataset_outputs_provenance_and_split(ingested, config):
    report = build_dataset(ingested, config, eval_share=0.4)
    # coverage is reported over all chunks and over the chunks with a checkable fact (a subset of all)
    covered, total = (int(x) for x in report.chunks_covered.split("/"))
    fact_covered, facts = (int(x) for x in report.fact_chunks_covered.split("/"))
    assert 0 < fact_covered <= facts <= total and fact_covered == covered <= facts
    folder = current_dataset(ingested)
    assert folder is not None and str(folder) == report.folder
    train, evaluation = read_pairs(folder / "train.jsonl"), read_pairs(folder / "eval.jsonl")
    unanswerable = read_pairs(folder / "unanswerable.jsonl")
    assert train and evaluation and unanswerable
    questions = {p["question"] for p in train + evaluation}
    assert "How do I request a laptop replacement?" in questions
    assert "What is the annual leave for UK in the Leave Policy?" in questions
    refusals = [p for p in train if not p["answerable"]]  # entity-swap questions teaching refusal
    assert all(p["generator"] == "swap:entity@1" and p["answer"].startswith("I don't know") for p in refusals)
    assert not [p for p in evaluation if not p["answerable"]]
    for pair in [p for p in train if p["answerable"]] + evaluation:
        assert pair["answerable"] and pair["id"] and pair["chunk_id"] and pair["source"].startswith("handbook/")
        assert pair["generator"].startswith("extractor:") and len(pair["answer_span"]) == 2
    # the answer span points into the (stored) document text
    leave = next(p for p in train + evaluation if p["answer"] == "27 days")
    assert leave["answer_span"][1] - leave["answer_span"][0] == len("27 days")
    # leakage-safe: no chunk on both sides, no near-duplicate questions across the split
    assert not {p["chunk_id"] for p in train} & {p["chunk_id"] for p in evaluation}
    assert report.shared_chunks_between_splits == 0 and report.train_eval_near_duplicates == 0
    # unanswerable: refusals, and the bank questions this corpus *does* answer were rejected
    assert all(not p["answerable"] and p["answer"].startswith("I don't know") for p in unanswerable)
    asked = {p["question"] for p in unanswerable}
    assert "What is the dress code for the office?" not in asked
    assert report.rejected.get("unanswerable candidate is answered by the corpus", 0) >= 1
    assert len(asked) < len(load_unanswerable_bank())
    # a small corpus leaves most of the bank unanswered: capped, so unanswerable never outnumber answerable
    assert len(unanswerable) <= len(evaluation)
    if len(evaluation) < len(load_unanswerable_bank()) - report.rejected.get(
            "unanswerable candidate is answered by the corpus", 0):
        assert report.rejected["bank question over the cap (unanswerable <= answerable eval)"] >= 1
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["format_version"] == 1 and set(manifest["files"]) == {"train.jsonl", "eval.jsonl",
                                                                           "unanswerable.jsonl"}
    assert manifest["index_snapshot"] and manifest["counts"]["train.jsonl"] == len(train)


def test_rebuild_replaces_the_dataset_atomically(ingested, config, monkeypatch):
    import time

    real_strftime = time.strftime  # both builds in the same second: the folder names must still differ
    monkeypatch.setattr(time, "strftime", lambda fmt, *t: "20260101T000000" if fmt == "%Y%m%dT%H%M%S"
                        else real_strftime(fmt, *t))
    first = build_dataset(ingested, config)
    second = build_dataset(ingested, config)
    assert first.folder != second.folder
    folders = [p for p in (ingested.root / "datasets").iterdir() if p.is_dir()]
    assert [p.name for p in folders] == [current_dataset(ingested).name]
    assert read_pairs(current_dataset(ingested) / "train.jsonl")  # the new one is complete


def test_dataset_build_takes_the_workspace_lock(ingested, config):
    from qacore.errors import WorkspaceLockedError

    before = current_dataset(ingested)
    # another qa process (an ingest, a second generate) is writing the workspace
    with ingested.lock(), pytest.raises(WorkspaceLockedError, match="--wait"):
        build_dataset(ingested, config)
    assert current_dataset(ingested) == before
    assert build_dataset(ingested, config, wait_seconds=5).folder  # once it is free


def test_assign_splits_keeps_groups_whole_and_hits_the_share():
    from ingest.dataset.build import assign_splits

    groups = [f"doc{i % 7}" for i in range(70)]
    split = assign_splits(groups, 0.25)
    assert set(split) == {f"doc{i}" for i in range(7)}
    eval_pairs = sum(split[g] == "eval" for g in groups)
    assert 10 <= eval_pairs <= 30 and "train" in split.values()
    assert assign_splits(groups, 0.25) == split  # deterministic
    assert set(assign_splits(["a", "b"], 0.9).values()) == {"train", "eval"}


def test_min_rule_quality_keeps_only_the_hand_checked_generators(ingested):
    from qacore.config import load_config

    precise = load_config(None, {"ingest.redact": False, "dataset.generator": "none", "dataset.min_rule_quality": 0.8})
    report = build_dataset(ingested, precise)
    folder = current_dataset(ingested)
    pairs = [p for p in read_pairs(folder / "train.jsonl") + read_pairs(folder / "eval.jsonl") if p["answerable"]]
    generators = {p["generator"].split("@")[0] for p in pairs}
    # FAQ headings (11 of 12 good on 18F) stay; table cells (7 of 12) go, and the report says why
    assert "extractor:faq-heading" in generators and "extractor:table" not in generators
    assert "How do I request a laptop replacement?" in {p["question"] for p in pairs}
    assert report.rejected["generator below dataset.min_rule_quality"] >= 2  # the two table rows at least
    assert json.loads((folder / "manifest.json").read_text())["config"]["dataset"]["min_rule_quality"] == 0.8
    # the report's expected share of good pairs is the mean hand-checked rate of the kept generators: >= 0.8 here
    from ingest.dataset.rule_quality import hand_checked_rate
    assert report.expected_good == pytest.approx(sum(hand_checked_rate(p["generator"]) for p in pairs) / len(pairs),
                                                 abs=1e-3)
    assert report.expected_good >= 0.8
