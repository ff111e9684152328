"""`qa eval` end to end: variants answer through the `qa ask` path, claims are verified, gates decide the exit code.

A fake generator is registered in qacore.generation.BACKENDS (where the real backends are looked up) and set as
models.generator, so the real retrieval, verifier, metrics, reports and gates run on its answers. It answers
like a careless model: with passages it copies the passage line sharing most words with the question (or
refuses when none shares two), closed-book it invents a number (a hallucination), and
`FakeGenerator.mode = "worse"` makes it invent with passages too.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from ingest.dataset.build import build_dataset
from ingest.pipeline import run_ingest
from qacore import generation
from qacore.generation import Generation
from qacore.workspace import Workspace

DOCS = {
    "leave.md": "# Leave Policy\n\n## Allowance\n\n| Country | Annual leave | Carry over |\n|---|---|---|\n"
                "| UK | 27 days | 5 days |\n| Portugal | 25 days | 3 days |\n\n## Sick leave\n\n"
                "### How do I report sick leave?\n\nTell your manager before 10:00 on the first day.\n",
    "it.md": "# IT FAQ\n\n" + "\n\n".join(
        f"## {t.title()}\n\n### How do I request a {t} replacement?\n\nOpen a FernDesk ticket; {t} replacements take "
        f"{n} working days.\n" for t, n in [("laptop", 3), ("monitor", 5), ("headset", 2), ("keyboard", 1),
                                             ("badge", 4), ("phone", 6)]),
}


class FakeGenerator:
    calls = 0
    made = 0
    mode = "good"

    def __init__(self, name: str, **_):
        FakeGenerator.made += 1
        self.identity = {"backend": "fake", "model_id": f"fake:{name}", "mode": FakeGenerator.mode}

    def generate(self, conversations, max_new_tokens=128, progress=None):
        FakeGenerator.calls += len(conversations)
        out = []
        for messages in conversations:
            user = messages[-1]["content"]
            if user.startswith("Context:") and self.identity["mode"] == "good":
                question = set(re.findall(r"[a-z]{4,}", user.split("Question:")[-1].lower()))
                lines = [line for line in user.split("Question:")[0].splitlines()
                         if line.strip() and not line.startswith(("#", "|", "[", "Context:"))]
                best = max(lines, key=lambda line: len(question & set(re.findall(r"[a-z]{4,}", line.lower()))))
                overlap = len(question & set(re.findall(r"[a-z]{4,}", best.lower())))
                text = f"{best.strip()} [1]" if overlap >= 2 else "I don't know: the documents do not cover this."
            else:
                text = "It is 42 days, approved by Gandalf."
            out.append(Generation(text, 20, 9, 0.01))
            if progress:
                progress(1)
        return out


@pytest.fixture
def fake(monkeypatch):
    monkeypatch.setitem(generation.BACKENDS, "fake", FakeGenerator)
    FakeGenerator.calls, FakeGenerator.made, FakeGenerator.mode = 0, 0, "good"
    return FakeGenerator


CONFIG_TOML = '[models]\ngenerator = "fake:tiny"\n[ingest]\nredact = false\n[dataset]\ngenerator = "none"\n'


@pytest.fixture(scope="module")
def built_workspace(tmp_path_factory):
    """Ingested once per module (real MiniLM index + extractor dataset); each test gets its own copy."""
    from qacore.config import load_config

    root = tmp_path_factory.mktemp("eval-ws")
    docs = root / "docs"
    docs.mkdir()
    for name, text in DOCS.items():
        (docs / name).write_text(text)
    (root / "qa.toml").write_text(CONFIG_TOML)
    config = load_config(root / "qa.toml")
    ws = Workspace(root / "ws")
    run_ingest([docs], ws, config, progress=False, log=lambda m: None)
    build_dataset(ws, config, eval_share=0.4)
    return ws


@pytest.fixture
def workspace(built_workspace, tmp_path, monkeypatch):
    import shutil

    ws = Workspace(tmp_path / "ws")
    shutil.copytree(built_workspace.root, ws.root)
    (tmp_path / "qa.toml").write_text(CONFIG_TOML)
    monkeypatch.setenv("QA_CONFIG", str(tmp_path / "qa.toml"))
    return ws


def qa(*args):
    from cli import cli

    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_eval_scores_variants_writes_reports_and_caches(workspace, fake):
    result = qa("eval", "-w", str(workspace.root), "--run-name", "first", "--no-calibration")
    assert result.exit_code == 0, result.output
    run = workspace.runs_dir / "first"
    summary = json.loads((run / "summary.json").read_text())
    assert set(summary["variants"]) == {"base", "base+rag", "base+rag+guard"}
    assert fake.made == 1  # base, base+rag and base+rag+guard share one loaded model
    # the terminal table fits an 80-column CI log without cutting metric names
    assert "hallucination_rate ↓" in result.output and "over_refusal ↓" in result.output
    assert max(len(line) for line in result.output.splitlines()) <= 80, [
        line for line in result.output.splitlines() if len(line) > 80]
    rag, closed = summary["variants"]["base+rag"]["metrics"], summary["variants"]["base"]["metrics"]
    # closed-book the fake invents "42 days ... Gandalf": unsupported by the source chunk and reference
    assert closed["hallucination_rate"]["value"] == 1.0
    assert rag["hallucination_rate"]["value"] < 0.5 and rag["hit_at_k"]["value"] > 0.5
    assert closed["hit_at_k"]["value"] is None  # closed-book has no retrieval to score
    assert rag["abstention"]["n"] >= 1 and 0 <= rag["abstention"]["value"] <= 1
    items = [json.loads(line) for line in (run / "items.jsonl").read_text().splitlines()]
    invented = next(i for i in items if i["variant"] == "base")
    assert any(not c["supported"] for c in invented["claims"])
    guarded = [i for i in items if i["variant"] == "base+rag+guard"]
    assert guarded and all(i["guard"]["action"] in ("pass", "quote", "refuse") for i in guarded)
    assert all(i["degenerate"] is None or isinstance(i["degenerate"], str) for i in items)
    ET.parse(run / "junit.xml")  # well-formed
    assert "base+rag" in (run / "report.md").read_text() and (run / "report.html").stat().st_size > 1000

    calls = fake.calls
    again = qa("eval", "-w", str(workspace.root), "--run-name", "second", "--no-calibration")
    assert again.exit_code == 0 and fake.calls == calls  # every answer from the cache
    second = json.loads((workspace.runs_dir / "second" / "summary.json").read_text())
    assert second["variants"]["base+rag"]["metrics"]["hallucination_rate"] == rag["hallucination_rate"]

    # reusing a run name replaces that run whole: no report.html left over from the older run
    assert qa("eval", "-w", str(workspace.root), "--run-name", "first", "--no-calibration",
              "--report", "json").exit_code == 0
    assert not (run / "report.html").exists() and (run / "summary.json").exists()


def test_gates_decide_the_exit_code(workspace, fake):
    ws = str(workspace.root)
    passing = qa("eval", "-w", ws, "--variant", "base+rag", "--no-calibration", "--report", "json",
                 "--gate", "base+rag.hallucination_rate <= 0.5")
    assert passing.exit_code == 0, passing.output
    failing = qa("eval", "-w", ws, "--variant", "base", "--no-calibration", "--report", "json,junit",
                 "--gate", "base.hallucination_rate <= 0.15")
    assert failing.exit_code == 3 and "FAIL" in failing.output
    # back-to-back runs with default names (same second, even) each keep their own folder
    runs = sorted(p for p in workspace.runs_dir.iterdir() if p.is_dir())
    assert len(runs) == 2 and {tuple(json.loads((r / "summary.json").read_text())["variants"]) for r in runs} == {
        ("base+rag",), ("base",)}
    bad = qa("eval", "-w", ws, "--gate", "base+rag.hallucination_rate =< 0.1")
    assert bad.exit_code == 2


def test_baseline_catches_a_planted_regression_and_ignores_a_rerun(workspace, fake):
    ws = str(workspace.root)
    assert qa("eval", "-w", ws, "--variant", "base+rag", "--run-name", "good", "--no-calibration",
              "--report", "json").exit_code == 0
    same = qa("eval", "-w", ws, "--variant", "base+rag", "--no-calibration", "--report", "json", "--baseline", "good")
    assert same.exit_code == 0, same.output
    fake.mode = "worse"  # a new model version that invents answers even with passages
    worse = qa("eval", "-w", ws, "--variant", "base+rag", "--no-calibration", "--report", "json", "--baseline", "good")
    assert worse.exit_code == 3 and "hallucination_rate" in worse.output


def test_external_answers_and_user_gold_set(workspace, fake, tmp_path):
    logs = tmp_path / "rag_logs.jsonl"
    logs.write_text("\n".join(json.dumps(r) for r in [
        {"question": "How long does a laptop replacement take?", "answer": "3 working days.",
         "contexts": ["Open a FernDesk ticket; laptop replacements take 3 working days."], "reference": "3 working days"},
        {"question": "How long does a badge replacement take?", "answer": "It takes 9 working days.",
         "contexts": ["Open a FernDesk ticket; badge replacements take 4 working days."], "reference": "4 working days"},
    ]) + "\n")
    result = qa("eval", "-w", str(workspace.root), "--dataset", str(logs), "--run-name", "ext", "--no-calibration")
    assert result.exit_code == 0, result.output
    assert fake.calls == 0  # nothing generated
    summary = json.loads((workspace.runs_dir / "ext" / "summary.json").read_text())
    assert summary["variants"]["rag_logs+rag"]["metrics"]["hallucination_rate"]["value"] == 0.5

    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"question": "How many days of annual leave do UK staff get?", "answer": "27 days"})
                    + "\n" + json.dumps({"question": "What is the dress code?", "answerable": False}) + "\n")
    result = qa("eval", "-w", str(workspace.root), "--questions", str(gold), "--variant", "base+rag",
                "--run-name", "gold", "--no-calibration", "--report", "json")
    assert result.exit_code == 0, result.output
    summary = json.loads((workspace.runs_dir / "gold" / "summary.json").read_text())
    assert summary["items"] == {"answerable": 1, "unanswerable": 1}

    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"question": "ok?"}\nnot json\n{"answer": "x"}\n')
    result = qa("eval", "-w", str(workspace.root), "--questions", str(broken))
    assert result.exit_code == 1 and f"{broken}:2: not JSON" in result.output and f"{broken}:3: missing" in result.output


def test_limit_spreads_over_the_items_and_keeps_the_unanswerable_mix():
    from evalharness.run import EvalItem, _limit

    items = [EvalItem(f"a{i}", f"q{i}", "r", True, source=f"doc{i // 10}") for i in range(40)]
    items += [EvalItem(f"u{i}", f"u{i}", None, False) for i in range(10)]
    picked = _limit(items, 10)
    assert len(picked) == 10 and sum(not i.answerable for i in picked) == 2
    assert {i.source for i in picked if i.answerable} == {"doc0", "doc1", "doc2", "doc3"}  # not only the first doc
    assert [i.item_id for i in _limit(items, 10)] == [i.item_id for i in picked]  # same items every run
    assert _limit(items, 100) == items


def test_item_ids_follow_the_question_not_the_line(tmp_path):
    from evalharness.run import external_results, questions_file_items

    rows = [{"question": "How long does a laptop replacement take?", "answer": "3 working days"},
            {"question": "What is the dress code?", "answerable": False},
            {"question": "how long does a  laptop replacement take? ", "answer": "3 days"}]  # the same, repeated
    first, second = tmp_path / "gold.jsonl", tmp_path / "v2" / "gold.jsonl"
    second.parent.mkdir()
    first.write_text("".join(json.dumps(r) + "\n" for r in rows))
    second.write_text(json.dumps({"question": "A new first question?"}) + "\n" + first.read_text())
    before = {i.item_id: i.question for i in questions_file_items(first)}
    after = {i.item_id: i.question for i in questions_file_items(second)}
    assert len(before) == 3 and all(after[k] == q for k, q in before.items())  # a line on top changes no id
    ids = list(before)
    assert ids[2] == ids[0] + "-2" and ids[0].startswith("gold:")  # a repeat gets a suffix in file order
    logs = [{**r, "answer": r.get("answer", ""), "contexts": ["Laptop replacements take 3 working days."]} for r in rows]
    first.write_text("".join(json.dumps(r) + "\n" for r in logs))
    second.write_text(json.dumps(logs[1]) + "\n" + json.dumps(logs[0]) + "\n" + json.dumps(logs[2]) + "\n")
    assert ({r["item_id"]: r["question"] for r in external_results(first)}
            == {r["item_id"]: r["question"] for r in external_results(second)})


def test_user_files_are_type_checked_up_front(tmp_path):
    from evalharness.run import external_results, questions_file_items
    from qacore.errors import QAError

    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"question": "How many days of leave?", "answer": 27}) + "\n"
                    + json.dumps({"question": "Office dog?", "answerable": "false"}) + "\n"
                    + json.dumps({"question": "VPN?", "source": ["it.md"]}) + "\n")
    with pytest.raises(QAError) as err:
        questions_file_items(gold)
    assert f"{gold}:1: answer must be a string, not 27" in str(err.value)
    assert f"{gold}:2: answerable must be true or false" in str(err.value) and f"{gold}:3: source must be" in str(err.value)
    gold.write_text(json.dumps({"question": "Leave?", "answer": ""}) + "\n" + json.dumps({"question": "Dog?"}) + "\n")
    assert [(i.reference, i.answerable) for i in questions_file_items(gold)] == [(None, True), (None, True)]

    logs = tmp_path / "logs.jsonl"
    for row, problem in [({"question": "q?", "answer": "a", "contexts": [1]}, ":1: contexts must be a list of strings"),
                         ({"question": "q?", "answer": "a", "reference": 4}, ":1: reference must be a string"),
                         ({"question": "q?", "answer": "a", "answerable": "false"}, ":1: answerable must be"),
                         ({"question": "q?"}, ":1: answer must be a string, not missing")]:
        logs.write_text(json.dumps(row) + "\n")
        with pytest.raises(QAError, match=re.escape(f"{logs}{problem}")):
            external_results(logs)
    logs.write_text(json.dumps({"question": "q?", "answer": "", "reference": " "}) + "\n")
    assert external_results(logs)[0]["reference"] is None  # empty reference: unscored, not scored against ""


def test_dataset_file_is_one_variant_rag_if_any_row_has_contexts(tmp_path):
    from evalharness.run import external_results

    logs = tmp_path / "rag_logs.jsonl"
    logs.write_text("\n".join(json.dumps(r) for r in [
        {"question": "VPN address?", "answer": "vpn.example.com [1]", "contexts": ["The VPN is vpn.example.com."]},
        {"question": "CEO salary?", "answer": "I don't know.", "contexts": [], "answerable": False},
        {"question": "Office dog name?", "answer": "Rex.", "answerable": False}]) + "\n")
    results = external_results(logs)
    assert {r["variant"] for r in results} == {"rag_logs+rag"} and all(r["rag"] for r in results)
    assert results[2]["evidence"] == []  # a +rag answer given without passages is grounded in nothing


def test_run_name_baseline_and_variants_are_checked_before_any_model(workspace, fake):
    ws = str(workspace.root)
    for bad in ("feature/x", "../..", ".hidden"):
        result = qa("eval", "-w", ws, "--run-name", bad, "--no-calibration")
        assert result.exit_code == 1 and repr(bad) in result.output, result.output
    missing = qa("eval", "-w", ws, "--variant", "base+rag", "--baseline", "no-such-run", "--no-calibration")
    assert missing.exit_code == 1 and "no-such-run" in missing.output
    assert fake.made == 0 and not workspace.runs_dir.exists()  # refused before any model was loaded or run written

    twice = qa("eval", "-w", ws, "--variant", "base+rag", "--variant", "base+rag", "--run-name", "twice",
               "--no-calibration", "--report", "json")
    assert twice.exit_code == 0, twice.output
    summary = json.loads((workspace.runs_dir / "twice" / "summary.json").read_text())
    assert summary["variants"]["base+rag"]["items"] == sum(summary["items"].values())  # each item answered once


def test_default_path_calibrates_and_uses_the_learned_verifier_through_the_cli(workspace, fake, monkeypatch):
    """No --no-calibration: the workspace calibration runs (then is cached per snapshot), the shipped learned
    verifier checks the claims, and the summary, the terminal and the report say which verifier was used."""
    import evalharness.calibration as calibration

    result = qa("eval", "-w", str(workspace.root), "--variant", "base+rag", "--variant", "base", "--run-name", "cal")
    assert result.exit_code == 0, result.output
    summary = json.loads((workspace.runs_dir / "cal" / "summary.json").read_text())
    assert summary["calibration"]["cached"] is False and summary["calibration"]["slice"]["size"] > 0
    used = summary["verifier"]["used"]  # the learned verifier, or the threshold one when it did not win
    assert used in {"learned", "calibrated_thresholds", "default_thresholds", "cross_encoder"}
    assert summary["verifier"]["real_answers"]["n"] > 0 and summary["verifier"]["why"]
    assert f"verifier: {used}; hand-label agreement" in result.output and "real answers)" in result.output
    items = [json.loads(line) for line in (workspace.runs_dir / "cal" / "items.jsonl").read_text().splitlines()]
    invented = [i for i in items if i["variant"] == "base"]
    assert invented and all(any(not c["supported"] for c in i["claims"]) for i in invented)  # "42 days ... Gandalf"
    assert summary["variants"]["base+rag"]["metrics"]["hallucination_rate"]["value"] < 0.5
    html = (workspace.runs_dir / "cal" / "report.html").read_text()
    assert 'id="verifier-real"' in html and 'id="verifier-calibration"' in html
    # the second run reads the calibration from its cache
    monkeypatch.setattr(calibration, "build_slice", lambda *a, **k: pytest.fail("calibration not cached"))
    again = qa("eval", "-w", str(workspace.root), "--variant", "base+rag", "--run-name", "cal2", "--report", "json")
    assert again.exit_code == 0, again.output
    assert json.loads((workspace.runs_dir / "cal2" / "summary.json").read_text())["calibration"]["cached"] is True


def test_external_answers_need_no_ingested_workspace(tmp_path, monkeypatch):
    """`qa eval --dataset` on another system's logs: no index, no corpus-specific tuning; the shipped verifier."""
    monkeypatch.setenv("QA_CONFIG", str(tmp_path / "none.toml"))
    (tmp_path / "none.toml").write_text("")
    logs = tmp_path / "logs.jsonl"
    logs.write_text("\n".join(json.dumps(r) for r in [
        {"question": "What is the monthly gym stipend?", "answer": "The monthly gym stipend is €50/month.",
         "contexts": ["You can claim up to €50/month towards a gym membership."], "reference": "EUR 50 per month"},
        {"question": "How many days of annual leave do UK staff get?", "answer": "UK staff get 26 days.",
         "contexts": ["UK employees receive 27 days of annual leave per year. Sick pay lasts 26 weeks."],
         "reference": "27 days"},
    ]) + "\n")
    ws = tmp_path / "fresh"
    result = qa("eval", "-w", str(ws), "--dataset", str(logs), "--run-name", "logs", "--report", "json,md")
    assert result.exit_code == 0, result.output
    summary = json.loads((ws / "runs" / "logs" / "summary.json").read_text())
    assert summary["index_snapshot"] is None and summary["calibration"] == {}
    assert summary["verifier"]["used"] in {"learned", "default_thresholds"}
    metrics = summary["variants"]["logs+rag"]["metrics"]
    assert metrics["hallucination_rate"]["value"] == 0.5  # the restated stipend is supported, 26 days is not
    assert metrics["answer_correct"]["value"] == 0.5  # €50/month = EUR 50 per month; 26 days != 27 days
