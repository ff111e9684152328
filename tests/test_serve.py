"""`qa serve` with a fake assistant (no model): the API contract, auth, limits, queue, timeouts, reload, feedback.

The real models, the official openai client, streaming with curl-like parsing and the chat page in Chromium are in
tests/test_serve_e2e.py.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from serve_fakes import fake_engine, free_port

REPO = Path(__file__).resolve().parent.parent
KEY = "k" * 32
ASK = {"model": "qa", "messages": [{"role": "user", "content": "How many days of annual leave do I get?"}]}


@pytest.fixture
def served(tmp_path):
    """(client, engine) for a started fake engine; pass overrides through request.param-free helper below."""
    engines = []

    def make(overrides: dict | None = None, api_key: str | None = None, start: bool = True, **kwargs):
        from serve.app import create_app

        engine = fake_engine(tmp_path / ".qa", overrides, **kwargs)
        if start:
            engine.start()
        engines.append(engine)
        return TestClient(create_app(engine, api_key=api_key)), engine

    yield make
    for engine in engines:
        engine.stop()


def test_chat_completion_carries_citations_in_text_and_extra_field(served):
    client, _ = served()
    reply = client.post("/v1/chat/completions", json=ASK)
    assert reply.status_code == 200, reply.text
    body = reply.json()
    assert body["object"] == "chat.completion" and body["model"] == "base+rag+guard"
    text = body["choices"][0]["message"]["content"]
    assert text.startswith("You get 27 days [1].") and "Sources:\n[1] handbook/leave.md | Leave > Annual leave" in text
    assert body["citations"] == [{"n": 1, "source": "handbook/leave.md", "heading": "Leave > Annual leave",
                                  "page": None, "chunk_id": 7,
                                  "passage": "Employees get 27 days of annual leave a year."}]
    assert body["qa"]["refused"] is False and body["qa"]["guard"]["action"] == "pass"


def test_stream_is_openai_sse_whose_deltas_join_to_the_answer(served):
    client, _ = served()
    with client.stream("POST", "/v1/chat/completions", json={**ASK, "stream": True}) as reply:
        assert reply.status_code == 200 and reply.headers["content-type"].startswith("text/event-stream")
        events = [line.removeprefix("data: ") for line in reply.iter_lines() if line.startswith("data: ")]
    assert events[-1] == "[DONE]"
    chunks = [json.loads(e) for e in events[:-1]]
    assert chunks[0]["choices"][0]["delta"]["role"] == "assistant"
    assert all(c["object"] == "chat.completion.chunk" for c in chunks)
    text = "".join(c["choices"][0]["delta"].get("content") or "" for c in chunks)
    assert text.startswith("You get 27 days [1].\n\nSources:\n[1] handbook/leave.md")
    assert chunks[-1]["choices"][0]["finish_reason"] == "stop" and chunks[-1]["citations"][0]["n"] == 1


def test_models_lists_the_workspace_variants_and_unknown_models_get_404(served):
    client, _ = served()
    ids = [m["id"] for m in client.get("/v1/models").json()["data"]]
    assert ids[:3] == ["base", "base+rag", "base+rag+guard"]
    assert client.post("/v1/chat/completions", json={**ASK, "model": "base+rag"}).json()["model"] == "base+rag"
    missing = client.post("/v1/chat/completions", json={**ASK, "model": "gpt-7"})
    assert missing.status_code == 404 and "gpt-7" in missing.json()["error"]["message"]
    bad = client.post("/v1/chat/completions", json={"model": "qa", "messages": [{"role": "system", "content": "x"}]})
    assert bad.status_code == 400 and "user message" in bad.json()["error"]["message"]


def test_api_key_is_required_on_api_and_metrics_when_set(served):
    client, _ = served(api_key=KEY)
    assert client.post("/v1/chat/completions", json=ASK).status_code == 401
    wrong = client.post("/v1/chat/completions", json=ASK, headers={"Authorization": "Bearer " + "x" * 32})
    assert wrong.status_code == 401 and wrong.headers["www-authenticate"] == "Bearer"
    assert client.get("/metrics").status_code == 401 and client.get("/v1/models").status_code == 401
    ok = client.post("/v1/chat/completions", json=ASK, headers={"Authorization": f"Bearer {KEY}"})
    assert ok.status_code == 200
    assert client.get("/healthz").status_code == 200 and client.get("/").status_code == 200  # the page asks for it


def test_bodies_over_the_limit_get_413_by_length_and_when_chunked(served):
    client, engine = served({"serve.max_request_bytes": 2048})
    big = {**ASK, "messages": [{"role": "user", "content": "x" * 5000}]}
    assert client.post("/v1/chat/completions", json=big).status_code == 413

    def chunked():
        yield json.dumps(big).encode()

    reply = client.post("/v1/chat/completions", content=chunked(), headers={"content-type": "application/json"})
    assert reply.status_code == 413 and reply.json()["error"]["type"] == "request_too_large"
    assert engine.queue_depth == 0 and not engine.loaded[0].batches  # nothing reached the model


def test_non_loopback_needs_a_key_and_the_default_is_loopback(tmp_path):
    from qacore.config import load_config
    from qacore.errors import QAError
    from serve.run import check_bind, is_loopback

    assert load_config(None, {}).serve.host == "127.0.0.1"
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("10.1.2.3") and not is_loopback("example.org")
    with pytest.raises(QAError, match="without an API key"):
        check_bind("0.0.0.0", None)
    with pytest.raises(QAError, match="shorter than 16"):
        check_bind("0.0.0.0", "short")
    check_bind("0.0.0.0", KEY)
    check_bind("127.0.0.1", None)
    cli = subprocess.run([sys.executable, "-m", "cli", "serve", "--host", "0.0.0.0", "-w", str(tmp_path / ".qa")],
                         cwd=REPO, capture_output=True, text=True, timeout=120, env={**os.environ, "QA_API_KEY": ""})
    assert cli.returncode == 1 and "refusing to serve on '0.0.0.0' without an API key" in cli.stderr


def test_full_queue_gets_429_with_retry_after(served):
    gate = threading.Event()
    client, engine = served({"serve.max_queue": 2, "serve.max_batch": 1}, gate=gate)
    futures = [engine.submit("base+rag+guard", "first")]  # taken by the worker, which then blocks on the gate
    deadline = time.monotonic() + 10
    while engine.queue_depth and time.monotonic() < deadline:
        time.sleep(0.01)
    futures += [engine.submit("base+rag+guard", f"q{i}") for i in range(2)]  # fills the queue
    reply = client.post("/v1/chat/completions", json=ASK)
    assert reply.status_code == 429 and reply.headers["retry-after"] == "2"
    assert reply.json()["error"]["type"] == "rate_limit_exceeded"
    gate.set()
    assert [f.result(10).answer for f in futures] == ["You get 27 days [1]."] * 3  # the queued ones still answer
    assert "qa_rejected_total{reason=\"queue_full\"} 1.0" in client.get("/metrics").text


def test_a_request_past_its_timeout_gets_an_error_not_a_hung_connection(served):
    client, _ = served({"serve.timeout_s": 0.3}, delay=1.5)
    reply = client.post("/v1/chat/completions", json=ASK)  # waiting for the answer would give 200 after 1.5 s
    assert reply.status_code == 504 and reply.json()["error"]["type"] == "timeout"
    with client.stream("POST", "/v1/chat/completions", json={**ASK, "stream": True}) as streamed:
        events = [line for line in streamed.iter_lines() if line.startswith("data: ")]
    assert json.loads(events[-1].removeprefix("data: "))["error"]["type"] == "timeout"


def test_sixteen_concurrent_clients_all_get_answers_decoded_in_shared_batches(served):
    client, engine = served(delay=0.2)
    replies = [None] * 16

    def ask(i):
        replies[i] = client.post("/v1/chat/completions", json={**ASK, "messages": [
            {"role": "user", "content": f"question {i}: how many days?"}]})

    threads = [threading.Thread(target=ask, args=(i,)) for i in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert all(r is not None and r.status_code == 200 for r in replies)
    batches = engine.loaded[0].batches
    assert sum(batches) == 16 and max(batches) > 1 and len(batches) < 16
    metrics = client.get("/metrics").text
    assert 'qa_requests_total{route="/v1/chat/completions",status="200"} 16.0' in metrics
    assert "qa_request_seconds_bucket" in metrics and "qa_queue_depth 0.0" in metrics
    assert 'qa_generated_tokens_total{variant="base+rag+guard"} 96.0' in metrics


def test_refusals_are_counted_in_metrics(served):
    client, _ = served()
    client.post("/v1/chat/completions", json={**ASK, "messages": [{"role": "user", "content": "unknown thing?"}]})
    metrics = client.get("/metrics").text
    assert 'qa_refusals_total{variant="base+rag+guard"} 1.0' in metrics
    assert 'qa_answers_total{action="refuse",variant="base+rag+guard"} 1.0' in metrics


def _publish_snapshot(ws: Path, name: str) -> None:
    (ws / "index" / "snapshots" / name).mkdir(parents=True)
    (ws / "index" / "CURRENT").write_text(name, encoding="utf-8")


def test_a_new_snapshot_is_picked_up_between_batches_without_failing_requests(tmp_path):
    from qacore.workspace import Workspace

    ws = tmp_path / ".qa"
    assert Workspace.at(ws).current_pointer == ws / "index" / "CURRENT"  # the layout _publish_snapshot writes
    _publish_snapshot(ws, "snap-1")
    engine = fake_engine(ws, {"serve.reload_check_s": 0.05}, delay=0.05).start()
    try:
        first = [engine.submit("base+rag+guard", f"q{i}") for i in range(8)]
        _publish_snapshot(ws, "snap-2")  # while those are being answered
        time.sleep(0.1)
        later = [engine.submit("base+rag+guard", f"r{i}") for i in range(4)]
        answers = [f.result(10) for f in first + later]
    finally:
        engine.stop()
    assert all(a.answer == "You get 27 days [1]." for a in answers)
    assert engine.reloads == 1 and len(engine.loaded) == 2  # the default variant, loaded again for snap-2


def test_feedback_is_appended_and_exported_as_a_gold_file_qa_eval_reads(served, tmp_path):
    from evalharness.run import questions_file_items
    from qacore.workspace import Workspace
    from serve.feedback import export_feedback

    client, engine = served()
    posts = [
        {"rating": "down", "question": "How many leave days?", "answer": "You get 12 days.", "correction": "27 days"},
        {"rating": "up", "question": "What is the VPN?", "answer": "GlobalProtect [1].", "variant": "base+rag"},
        {"rating": "up", "question": "Pet insurance?", "answer": "I don't know: the documents do not cover this."},
        {"rating": "down", "question": "Who approves travel?", "answer": "The CEO."},
    ]
    for post in posts:
        assert client.post("/v1/feedback", json=post).status_code == 200
    assert client.post("/v1/feedback", json={"rating": "meh", "question": "x"}).status_code == 400
    assert client.post("/v1/feedback", json={"rating": "up", "question": "x", "extra": 1}).status_code == 400
    files = list((tmp_path / ".qa" / "feedback").glob("*.jsonl"))
    assert len(files) == 1 and len(files[0].read_text().splitlines()) == 4
    counts = export_feedback(Workspace.at(tmp_path / ".qa"), tmp_path / "gold.jsonl")
    assert counts == {"records": 4, "unreadable_lines": 0, "questions": 4, "correction": 1, "answer approved": 1,
                      "refusal approved": 1, "thumbs down": 1}
    items = {i.question: i for i in questions_file_items(tmp_path / "gold.jsonl")}
    assert items["How many leave days?"].reference == "27 days"
    assert items["What is the VPN?"].reference == "GlobalProtect [1]."
    assert items["Pet insurance?"].answerable is False
    assert items["Who approves travel?"].answerable and not items["Who approves travel?"].reference
    assert 'qa_feedback_total{rating="up"} 2.0' in client.get("/metrics").text


def test_kill_9_never_leaves_a_half_written_feedback_line(tmp_path):
    import httpx

    port, ws = free_port(), tmp_path / ".qa"
    server = subprocess.Popen([sys.executable, str(REPO / "tests" / "serve_fakes.py"), str(ws), str(port)],
                              cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              env={**os.environ, "PYTHONPATH": f"{REPO}:{REPO / 'tests'}"})
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        stop = threading.Event()
        sent = []

        def hammer(n):
            with httpx.Client(timeout=5) as http:
                i = 0
                while not stop.is_set():
                    try:
                        http.post(url + "/v1/feedback", json={"rating": "down", "question": f"q{n}-{i}",
                                                              "correction": "long correction " * 1200})
                        sent.append(1)
                    except httpx.HTTPError:
                        return
                    i += 1

        threads = [threading.Thread(target=hammer, args=(n,)) for n in range(4)]
        for t in threads:
            t.start()
        while len(sent) < 40 and time.monotonic() < deadline:
            time.sleep(0.01)
        server.send_signal(signal.SIGKILL)
        server.wait(10)
        stop.set()
        for t in threads:
            t.join(10)
    finally:
        if server.poll() is None:
            server.kill()
    lines = [line for f in (ws / "feedback").glob("*.jsonl") for line in f.read_text().split("\n")]
    assert lines[-1] == ""  # the file ends with a newline: the last line is whole
    records = [json.loads(line) for line in lines if line]  # every line parses
    assert len(records) >= 40 and all(r["correction"].startswith("long correction") for r in records)


def test_a_new_adapter_is_picked_up_and_its_variants_listed(tmp_path):
    ws = tmp_path / ".qa"
    _publish_snapshot(ws, "snap-1")
    engine = fake_engine(ws, {"serve.reload_check_s": 0.001}).start()
    time.sleep(0.01)
    try:
        assert "tuned+rag+guard" not in engine.variants()
        manifest = ws / "models" / "tuned" / "manifest.json"
        manifest.parent.mkdir(parents=True)
        manifest.write_text(json.dumps({"kind": "qa.lora"}), encoding="utf-8")
        assert {"tuned", "tuned+rag", "tuned+rag+guard"} <= set(engine.variants())
        assert engine.submit("tuned+rag+guard", "q").result(10).variant == "tuned+rag+guard"
        reloads, tuned = engine.reloads, engine._assistants["tuned+rag+guard"]
        time.sleep(0.02)
        manifest.write_text(json.dumps({"kind": "qa.lora", "retrained": True}), encoding="utf-8")  # new mtime
        time.sleep(0.01)
        assert engine.submit("tuned+rag+guard", "q").result(10).answer == "You get 27 days [1]."
    finally:
        engine.stop()
    assert engine.reloads == reloads + 1 and engine._assistants["tuned+rag+guard"] is not tuned
