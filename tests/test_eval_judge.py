"""`qa eval --judge`: ragas metrics asked of an LLM judge, against a loopback OpenAI-compatible server (never the
internet), and once with the real embedded SmolLM2 as a local judge.

The fake judge reads ragas' prompts (the JSON input after "input:") and answers like a rule-following model:
statement extraction returns the answer as one statement; faithfulness verdicts are 1 when every number of the
statement is in the context, except that it distrusts anything about monitors (a planted disagreement with the
verifier); the correctness classifier compares numbers. For questions about headsets it replies with prose
around broken JSON (and a script tag, which the reports must escape), and for keyboards with JSON of the wrong
shape: both must be counted as parse failures, with the items still in the results.
"""

from __future__ import annotations

import json
import re
import threading
import time
from http.server import ThreadingHTTPServer

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from evalharness.judge import agreement_stats, parse_reply, verifier_agreement
from ingest.pipeline import run_ingest
from qacore.workspace import Workspace
from tests.conftest import JSONHandler

DOCS = {
    "it.md": "# IT FAQ\n\n"
    + "\n\n".join(
        f"## {t.title()}\n\n### How do I request a {t} replacement?\n\nOpen a FernDesk ticket; {t} replacements take "
        f"{n} working days.\n"
        for t, n in [("laptop", 3), ("monitor", 5), ("headset", 2), ("keyboard", 1), ("badge", 4)]
    )
}
SCRIPT = "<script>alert('judge')</script>"


def _context(thing: str, days: int) -> str:
    return f"Open a FernDesk ticket; {thing} replacements take {days} working days."


# (question, answer, contexts, reference, answerable)
LOGS = [
    (
        "How long does a laptop replacement take?",
        "Laptop replacements take 3 working days. [1]",
        [_context("laptop", 3)],
        "3 working days",
        True,
    ),  # judge yes, verifier yes
    (
        "How long does a badge replacement take?",
        "Badge replacements take 9 working days.",
        [_context("badge", 4)],
        "4 working days",
        True,
    ),  # judge no, verifier no
    (
        "How long does a monitor replacement take?",
        "Monitor replacements take 5 working days.",
        [_context("monitor", 5)],
        "5 working days",
        True,
    ),  # judge no (planted), verifier yes
    (
        "How long does a headset replacement take?",
        "Headset replacements take 2 working days.",
        [_context("headset", 2)],
        "2 working days",
        True,
    ),  # unparseable statements: both metrics fail
    (
        "How long does a keyboard replacement take?",
        "Keyboard replacements take 1 working day.",
        [_context("keyboard", 1)],
        "1 working day",
        True,
    ),  # faithfulness verdicts of the wrong shape
    (
        "How long does a phone replacement take?",
        "I don't know: the documents do not cover this.",
        [_context("laptop", 3)],
        "6 working days",
        True,
    ),  # refusal: faithfulness n/a, correctness 0 by rule
    (
        "What is the dress code on Fridays?",
        "It is casual, since 42 days ago.",
        [_context("laptop", 3)],
        None,
        False,
    ),  # judge no, verifier no
]


def _numbers(text: str) -> set[str]:
    return set(re.findall(r"\d+", text))


def judge_reply(prompt: str) -> str:
    payload = json.loads(prompt.rsplit("input: ", 1)[1].rsplit("Output:", 1)[0])
    if prompt.startswith("Given a question and an answer"):  # ragas StatementGeneratorPrompt
        if "headset" in payload["question"]:
            return f'Sure! Here are the statements {SCRIPT}: {{"statements": ["Headset replacements take'
        return json.dumps({"statements": [payload["answer"]]})
    if prompt.startswith("Your task is to judge the faithfulness"):  # ragas NLIStatementPrompt
        if "Keyboard" in payload["statements"][0]:
            return json.dumps({"verdicts": [1]})  # not the schema ragas asked for
        verdicts = [
            {
                "statement": s,
                "reason": "numbers",
                "verdict": int(_numbers(s) <= _numbers(payload["context"]) and "Monitor" not in s),
            }
            for s in payload["statements"]
        ]
        return "```json\n" + json.dumps({"statements": verdicts}) + "\n```"  # fenced, as small models do
    if payload.get("ground_truth") is not None:  # ragas CorrectnessClassifierPrompt
        truth = set().union(*(_numbers(t) for t in payload["ground_truth"]))
        tp = [s for s in payload["answer"] if _numbers(s) <= truth]
        fp = [s for s in payload["answer"] if s not in tp]
        fn = [] if tp else payload["ground_truth"]
        return json.dumps(
            {
                k: [{"statement": s, "reason": "numbers"} for s in v]
                for k, v in {"TP": tp, "FP": fp, "FN": fn}.items()
            }
        )
    return "I cannot help with that."


class FakeJudgeAPI(JSONHandler):
    server: FakeJudgeServer

    def do_POST(self):
        request = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
        self.server.requests.append(request)
        if self.path != "/v1/chat/completions":
            return self._reply(
                404, {"error": {"message": f"no route {self.path}", "type": "invalid_request_error"}}
            )
        content = judge_reply(request["messages"][-1]["content"])
        self._reply(
            200,
            {
                "id": "chatcmpl-1",
                "object": "chat.completion",
                "created": int(time.time()),
                "model": request["model"],
                "choices": [
                    {
                        "index": 0,
                        "finish_reason": "stop",
                        "message": {"role": "assistant", "content": content},
                    }
                ],
                "usage": {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120},
            },
        )


class FakeJudgeServer(ThreadingHTTPServer):
    def __init__(self):
        super().__init__(("127.0.0.1", 0), FakeJudgeAPI)
        self.requests: list[dict] = []


@pytest.fixture
def judge_server():
    server = FakeJudgeServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def built_workspace(tmp_path_factory):
    from qacore.config import load_config

    root = tmp_path_factory.mktemp("judge-ws")
    (root / "docs").mkdir()
    for name, text in DOCS.items():
        (root / "docs" / name).write_text(text)
    config = load_config(None, {"ingest.redact": False, "dataset.generator": "none"})
    ws = Workspace(root / "ws")
    run_ingest([root / "docs"], ws, config, progress=False, log=lambda m: None)
    return ws


@pytest.fixture
def workspace(built_workspace, tmp_path, monkeypatch):
    import shutil

    ws = Workspace(tmp_path / "ws")
    shutil.copytree(built_workspace.root, ws.root)
    (tmp_path / "qa.toml").write_text('[ingest]\nredact = false\n[dataset]\ngenerator = "none"\n')
    monkeypatch.setenv("QA_CONFIG", str(tmp_path / "qa.toml"))
    for var in ("OPENAI_BASE_URL", "OPENAI_API_KEY"):
        monkeypatch.delenv(var, raising=False)
    return ws


def qa(*args):
    from cli import cli

    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _logs(tmp_path):
    path = tmp_path / "logs.jsonl"
    path.write_text(
        "".join(
            json.dumps({"question": q, "answer": a, "contexts": c, "reference": r, "answerable": ok}) + "\n"
            for q, a, c, r, ok in LOGS
        )
    )
    return path


def test_judge_scores_counts_failures_and_agrees_with_the_verifier(workspace, judge_server, tmp_path):
    url = f"http://127.0.0.1:{judge_server.server_port}/v1"
    ws, logs = str(workspace.root), _logs(tmp_path)
    result = qa(
        "eval",
        "-w",
        ws,
        "--dataset",
        str(logs),
        "--run-name",
        "judged",
        "--no-calibration",
        "--judge",
        "openai:judge-model",
        "--judge-base-url",
        url,
    )
    assert result.exit_code == 0, result.output
    run = workspace.runs_dir / "judged"
    summary = json.loads((run / "summary.json").read_text())
    items = {
        i["question"].split()[4] if "replacement" in i["question"] else "dress": i
        for i in map(json.loads, (run / "items.jsonl").read_text().splitlines())
    }
    assert len(items) == len(LOGS)  # nothing dropped

    judged = {
        name: {m: (r["status"], r["score"]) for m, r in item["judge"].items()} for name, item in items.items()
    }
    assert judged["laptop"] == {"faithfulness": ("scored", 1.0), "answer_correctness": ("scored", 1.0)}
    assert judged["badge"] == {"faithfulness": ("scored", 0.0), "answer_correctness": ("scored", 0.0)}
    assert judged["monitor"]["faithfulness"] == ("scored", 0.0)
    assert judged["headset"] == {"faithfulness": ("failed", None), "answer_correctness": ("failed", None)}
    headset = items["headset"]["judge"]["faithfulness"]
    assert headset["kind"] == "parse" and "not valid JSON" in headset["reason"]
    keyboard = items["keyboard"]["judge"]
    assert (
        keyboard["faithfulness"]["kind"] == "parse"
        and "NLIStatementOutput schema" in keyboard["faithfulness"]["reason"]
    )
    assert keyboard["answer_correctness"]["status"] == "scored"  # its other metric still scored
    assert judged["phone"] == {
        "faithfulness": ("not_applicable", None),
        "answer_correctness": ("scored", 0.0),
    }
    assert items["phone"]["judge"]["answer_correctness"]["by"] == "rule"
    assert judged["dress"] == {
        "faithfulness": ("scored", 0.0),
        "answer_correctness": ("not_applicable", None),
    }
    # the per-item scores: failures are None (unscored), not left out
    assert items["headset"]["scores"]["judge_faithfulness"] is None
    assert "judge_faithfulness" not in items["phone"]["scores"]  # not applicable: outside the population

    judge = summary["judge"]
    assert judge["parse_failures"] == 3 and judge["failures"] == {"parse": 3, "llm_error": 0, "error": 0}
    cell = judge["per_variant"]["logs+rag"]
    assert cell["faithfulness"] == {
        "mean": pytest.approx(0.25),
        "scored": 4,
        "failed": 2,
        "parse_failures": 2,
        "llm_errors": 0,
        "not_applicable": 1,
    }
    assert cell["answer_correctness"]["failed"] == 1 and cell["answer_correctness"]["not_applicable"] == 1
    metrics = summary["variants"]["logs+rag"]["metrics"]
    assert metrics["judge_faithfulness"]["value"] == pytest.approx(0.25)
    assert metrics["judge_faithfulness"]["n"] == 4 and metrics["judge_faithfulness"]["unscored"] == 2
    assert (
        metrics["judge_answer_correctness"]["n"] == 5 and metrics["judge_answer_correctness"]["unscored"] == 1
    )
    # laptop (yes, yes), badge (no, no), monitor (judge no, verifier yes), dress (no, no): 3/4 agree;
    # p_e = 1/4 * 2/4 + 3/4 * 2/4 = 0.5, kappa = (0.75 - 0.5) / 0.5 = 0.5
    assert [
        items[k]["claims"] and all(c["supported"] for c in items[k]["claims"])
        for k in ("laptop", "badge", "monitor", "dress")
    ] == [True, False, True, False]
    agreement = judge["agreement"]
    assert agreement["n"] == 4 and agreement["agreement"] == pytest.approx(0.75)
    assert agreement["kappa"] == pytest.approx(0.5)
    assert agreement["table"] == {"both_yes": 1, "a_yes_b_no": 0, "a_no_b_yes": 1, "both_no": 2}
    assert judge["llm"]["spec"] == "openai:judge-model" and judge["llm"]["calls"] == len(
        judge_server.requests
    )

    import jsonschema

    from evalharness.report import load_schema

    jsonschema.validate(summary, load_schema("summary"))
    for item in items.values():
        jsonschema.validate(item, load_schema("item"))

    md = (run / "report.md").read_text()
    assert (
        "### LLM judge openai:judge-model" in md
        and "| logs+rag | faithfulness | 0.250 | 4 | 2 | 2 | 0 | 1 |" in md
    )
    assert "| all variants | 4 | 0.750 | 0.500 | 1 | 0 | 1 | 2 |" in md
    html = (run / "report.html").read_text()
    assert SCRIPT not in html  # the judge's reply is quoted in the reason, escaped
    soup = BeautifulSoup(html, "html.parser")
    assert "not valid JSON" in soup.find("section", id="judge").get_text()
    assert soup.find("table", id="judge-agreement") is not None
    rows = [r.get_text(" ", strip=True) for r in soup.select("#judge-table tbody tr")]
    assert any(r.startswith("logs+rag faithfulness 0.250 4 2 2") for r in rows)
    assert len(soup.find_all("span", class_="warn", string="judge failed")) == 2
    assert "judge_faithfulness" in soup.find("table", id="variant-table").get_text()

    # an unchanged re-run asks the judge nothing: every reply comes from the generation cache
    asked = len(judge_server.requests)
    again = qa(
        "eval",
        "-w",
        ws,
        "--dataset",
        str(logs),
        "--run-name",
        "again",
        "--no-calibration",
        "--report",
        "json",
        "--judge",
        "openai:judge-model",
        "--judge-base-url",
        url,
        "--gate",
        "logs+rag.judge_faithfulness >= 0.5",
    )
    assert again.exit_code == 3, again.output  # and judge metrics gate like any other
    assert len(judge_server.requests) == asked
    second = json.loads((workspace.runs_dir / "again" / "summary.json").read_text())
    assert second["judge"]["llm"]["calls"] == 0 and second["judge"]["agreement"] == agreement


def test_no_judge_by_default_and_an_unreachable_judge_is_an_error(workspace, tmp_path):
    ws, logs = str(workspace.root), _logs(tmp_path)
    plain = qa(
        "eval",
        "-w",
        ws,
        "--dataset",
        str(logs),
        "--run-name",
        "plain",
        "--no-calibration",
        "--report",
        "json",
    )
    assert plain.exit_code == 0, plain.output
    summary = json.loads((workspace.runs_dir / "plain" / "summary.json").read_text())
    assert "judge_faithfulness" not in summary["metrics"] and "per_variant" not in summary["judge"]
    assert summary["judge"]["parse_failures"] == 0

    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    down = qa(
        "eval",
        "-w",
        ws,
        "--dataset",
        str(logs),
        "--no-calibration",
        "--report",
        "json",
        "--judge",
        "openai:judge-model",
        "--judge-base-url",
        f"http://127.0.0.1:{port}/v1",
    )
    assert down.exit_code == 1 and "answered no request" in down.output

    bad = qa("eval", "-w", ws, "--judge", "none", "--judge-base-url", "http://127.0.0.1:1/v1")
    assert bad.exit_code == 2 and "judge_base_url is only for an openai:MODEL judge" in bad.output


def test_agreement_and_kappa_on_known_tables():
    # 20 both yes, 5 only a, 10 only b, 15 both no: p_o = 0.7, p_e = 0.5 * 0.6 + 0.5 * 0.4 = 0.5, kappa = 0.4
    pairs = [(True, True)] * 20 + [(True, False)] * 5 + [(False, True)] * 10 + [(False, False)] * 15
    stats = agreement_stats(pairs)
    assert (
        stats["n"] == 50 and stats["agreement"] == pytest.approx(0.7) and stats["kappa"] == pytest.approx(0.4)
    )
    assert agreement_stats([(True, False), (False, True)])["kappa"] == pytest.approx(-1.0)
    same = agreement_stats([(True, True)] * 3)
    assert same["agreement"] == 1.0 and same["kappa"] is None  # both raters constant: kappa undefined
    assert agreement_stats([]) == {
        "n": 0,
        "agreement": None,
        "kappa": None,
        "table": {"both_yes": 0, "a_yes_b_no": 0, "a_no_b_yes": 0, "both_no": 0},
    }

    def item(variant, score, supported, by="judge"):
        return {
            "variant": variant,
            "judge": {"faithfulness": {"status": "scored", "score": score, "by": by}},
            "claims": [{"text": "x", "supported": s} for s in supported],
        }

    results = [
        item("a", 0.9, [True]),
        item("a", 0.5, [True, False]),
        item("b", 0.2, [False]),
        item("b", 0.0, []),  # no claims: the verifier did not score it
        {
            "variant": "b",
            "judge": {"faithfulness": {"status": "failed", "score": None}},
            "claims": [{"text": "x", "supported": True}],
        },
    ]
    agreement = verifier_agreement(results)
    assert agreement["n"] == 3 and agreement["agreement"] == pytest.approx(2 / 3)
    assert agreement["per_variant"]["a"]["n"] == 2 and agreement["per_variant"]["b"]["agreement"] == 1.0


def test_parse_reply_is_lenient_in_form_only():
    from ragas.metrics.collections.faithfulness.util import NLIStatementOutput, StatementGeneratorOutput

    from evalharness.judge import JudgeParseError

    assert parse_reply('```json\n{"statements": ["a"]}\n```', StatementGeneratorOutput).statements == ["a"]
    assert parse_reply(
        'Here: {"statements": ["a", "b"]} hope it helps', StatementGeneratorOutput
    ).statements == ["a", "b"]
    for bad, why in [
        ("", "no JSON object"),
        ("statements: a, b", "no JSON object"),
        ('{"statements": ["a"', "not valid JSON"),
        ('{"statement": ["a"]}', "schema"),
        ("{'statements': ['a']}", "not valid JSON"),
    ]:
        with pytest.raises(JudgeParseError, match=why):
            parse_reply(bad, StatementGeneratorOutput)
    with pytest.raises(JudgeParseError, match="not 0 or 1"):
        parse_reply('{"statements": [{"statement": "s", "reason": "r", "verdict": 2}]}', NLIStatementOutput)


@pytest.mark.e2e
def test_embedded_smollm2_as_a_local_judge_scores_or_counts_every_item(workspace, tmp_path):
    """The honest behaviour of a 135M judge: whatever it replies, every judgment is scored or counted as failed."""
    logs = tmp_path / "two.jsonl"
    logs.write_text(
        "".join(
            json.dumps({"question": q, "answer": a, "contexts": c, "reference": r}) + "\n"
            for q, a, c, r, _ in LOGS[:2]
        )
    )
    (tmp_path / "qa.toml").write_text(
        '[ingest]\nredact = false\n[dataset]\ngenerator = "none"\n'
        '[eval]\njudge_metrics = ["faithfulness"]\njudge_max_new_tokens = 96\n'
    )
    began = time.perf_counter()
    result = qa(
        "eval",
        "-w",
        str(workspace.root),
        "--dataset",
        str(logs),
        "--run-name",
        "smol",
        "--no-calibration",
        "--report",
        "json,md",
        "--judge",
        "embedded:SmolLM2-135M-Instruct",
    )
    assert result.exit_code == 0, result.output
    summary = json.loads((workspace.runs_dir / "smol" / "summary.json").read_text())
    items = [
        json.loads(line) for line in (workspace.runs_dir / "smol" / "items.jsonl").read_text().splitlines()
    ]
    assert len(items) == 2
    for item in items:
        record = item["judge"]["faithfulness"]
        assert record["status"] in ("scored", "failed")
        assert (record["score"] is not None) == (record["status"] == "scored")
        assert record["status"] == "scored" or record["reason"]
    cell = summary["judge"]["per_variant"]["two+rag"]["faithfulness"]
    assert cell["scored"] + cell["failed"] == 2
    print(
        f"SmolLM2 judge: {cell['scored']} scored, {cell['failed']} failed "
        f"({[i['judge']['faithfulness'].get('reason', '')[:100] for i in items]}) "
        f"in {time.perf_counter() - began:.0f} s"
    )
