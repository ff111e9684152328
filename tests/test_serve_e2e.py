"""`qa serve` end to end: the real embedded models behind a real uvicorn server, the official openai client, a raw
SSE stream, the chat page in headless Chromium (Playwright driving Debian's chromium), feedback through
`qa feedback export` into `qa eval --questions`, and a real `qa ingest` picked up under load."""

from __future__ import annotations

import json
import os
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from conftest import run_qa
from serve_fakes import XSS, chunk, fake_engine, free_port

REPO = Path(__file__).resolve().parent.parent
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@contextmanager
def running(engine, api_key: str | None = None):
    """A uvicorn server in a thread for this engine; yields its base URL."""
    import uvicorn

    from serve.app import create_app

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(engine, api_key=api_key), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(15)
        engine.stop()


@pytest.fixture(scope="module")
def real_server(corpora_workspace):
    """corpora/ (real MiniLM index, extractor dataset) answered by the embedded SmolLM2, base+rag+guard."""
    from qacore.config import load_config
    from qacore.workspace import Workspace
    from serve.engine import Engine

    engine = Engine(Workspace.at(corpora_workspace), load_config(None, {})).start()
    with running(engine) as url:
        yield url, corpora_workspace


def test_openai_client_gets_cited_answers_plain_and_streamed(real_server):
    import openai

    url, _ = real_server
    client = openai.OpenAI(base_url=url + "/v1", api_key="unused")
    assert "base+rag+guard" in [m.id for m in client.models.list()]
    reply = client.chat.completions.create(model="qa", messages=[
        {"role": "user", "content": "How many days of annual leave do employees in Portugal get?"}])
    text = reply.choices[0].message.content
    citations = reply.model_extra["citations"]
    assert reply.model == "base+rag+guard" and citations, text
    assert "Sources:" in text and citations[0]["source"] in text and citations[0]["passage"]
    assert reply.model_extra["qa"]["refused"] is False

    stream = client.chat.completions.create(model="qa", stream=True, messages=[
        {"role": "user", "content": "How many days of annual leave do employees in Portugal get?"}])
    streamed = "".join(c.choices[0].delta.content or "" for c in stream)
    assert streamed == text  # greedy and deterministic: the stream says what the plain reply said

    # what `curl -N` sees: SSE lines, the last one [DONE]
    with httpx.stream("POST", url + "/v1/chat/completions", timeout=120, json={
            "model": "qa", "stream": True,
            "messages": [{"role": "user", "content": "Can I bring my pet llama to the office?"}]}) as raw:
        lines = [line for line in raw.iter_lines() if line]
    assert all(line.startswith("data: ") for line in lines) and lines[-1] == "data: [DONE]"
    assert "citations" in json.loads(lines[-2].removeprefix("data: "))


def test_chat_page_in_chromium_asks_shows_citations_and_sends_feedback_then_exports_a_gold_file(real_server,
                                                                                                tmp_path):
    from playwright.sync_api import sync_playwright

    url, ws = real_server
    question = "How many days of annual leave do employees in Portugal get?"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=_chromium(), args=CHROMIUM_FLAGS)
        page = browser.new_page()
        errors = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(url + "/")
        page.wait_for_selector("body[data-ready='1']")
        page.wait_for_selector("#variant option[value='base+rag+guard']", state="attached")
        page.fill("#question", question)
        page.click("#send")
        turn = page.wait_for_selector(".turn[data-state]", timeout=120_000)
        assert turn.get_attribute("data-state") == "answered", turn.inner_text()
        page.click(".turn .citation >> nth=0")
        passage = page.locator(".turn blockquote.passage")
        assert passage.is_visible() and len(passage.inner_text()) > 20
        page.fill(".turn .feedback textarea", "25 days")
        page.click(".turn .feedback .down")
        page.wait_for_selector(".turn[data-feedback='down']")
        browser.close()
    assert not errors
    out = tmp_path / "gold.jsonl"
    exported = run_qa("feedback", "export", "-w", str(ws), "-o", str(out))
    assert exported.returncode == 0, exported.stderr
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert {"question": question, "from": "feedback", "answer": "25 days", "feedback": "correction",
            "variant": "base+rag+guard"} in rows
    scored = run_qa("eval", "-w", str(ws), "--questions", str(out), "--variant", "base+rag+guard", "--report", "json",
                    "--no-calibration",
                    timeout=900)
    assert scored.returncode in (0, 3), scored.stderr  # 3: a gate failed, the file itself was read and answered
    summary = json.loads(Path(scored.stdout.split()[-1]).read_text())
    assert list(summary["variants"]) == ["base+rag+guard"]
    assert summary["variants"]["base+rag+guard"]["items"] == len(rows)


def _chromium() -> str:
    import shutil

    browser = os.environ.get("QA_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    assert browser, "chromium not found: `make test` installs Debian's chromium (scripts/setup.sh)"
    return browser


def test_xss_planted_in_a_document_does_not_run_in_the_chat_page(tmp_path):
    from playwright.sync_api import sync_playwright

    planted = chunk(source=f"evil{XSS}.md", text=f"Leave is 27 days. {XSS}", heading=(f"Leave {XSS}",))
    engine = fake_engine(tmp_path / ".qa", passage=planted).start()
    with running(engine) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=_chromium(), args=CHROMIUM_FLAGS)
        page = browser.new_page()
        page.goto(url + "/")
        page.wait_for_selector("body[data-ready='1']")
        page.fill("#question", f"How many days? {XSS}")
        page.click("#send")
        page.wait_for_selector(".turn[data-state='answered']")
        page.click(".turn .citation >> nth=0")
        assert XSS in page.locator(".turn blockquote.passage").inner_text()  # shown as text
        assert XSS in page.locator(".turn .citation").first.inner_text()
        assert page.evaluate("document.body.getAttribute('data-pwned')") is None
        assert page.title() == "qa" and page.locator("img").count() == 0
        assert page.locator("script").count() == 1  # the page's own
        browser.close()


def test_a_new_qa_ingest_during_load_is_picked_up_with_no_failed_request(tmp_path, docs, tiny_embedding_model):
    """Real ingest (tiny embedder) and the real Assistant; the guard refuses everything (relevance 1.0) so the
    load is made of many quick requests instead of a few slow generations."""
    from qacore.config import load_config
    from qacore.store import Snapshot
    from qacore.workspace import Workspace
    from serve.engine import Engine

    ws = tmp_path / ".qa"
    toml = tmp_path / "qa.toml"
    toml.write_text(f'[models]\nembedding = "{tiny_embedding_model}"\nembedding_dtype = "float32"\n'
                    '[ingest]\nredact = false\n[retrieval]\nguard_relevance = 1.0\n'
                    '[serve]\nreload_check_s = 0.2\n', encoding="utf-8")
    env = {"QA_CONFIG": str(toml)}
    assert run_qa("ingest", str(docs), "-w", str(ws), "--generator", "none", env=env).returncode == 0
    engine = Engine(Workspace.at(ws), load_config(toml)).start()
    failures, answered, stop = [], [], threading.Event()

    def load(url):
        with httpx.Client(timeout=60) as http:
            while not stop.is_set():
                try:
                    reply = http.post(url + "/v1/chat/completions", json={
                        "model": "qa", "messages": [{"role": "user", "content": "How long do VPN sessions last?"}]})
                except httpx.HTTPError as exc:
                    failures.append(repr(exc))
                    continue
                (answered if reply.status_code == 200 else failures).append(reply.status_code)

    with running(engine) as url:
        threads = [threading.Thread(target=load, args=(url,)) for _ in range(3)]
        for t in threads:
            t.start()
        (docs / "parking.md").write_text("# Parking\n\nThe garage opens at 7am. Permits cost EUR 40 a month.\n")
        first_deadline = time.monotonic() + 60
        while not answered and not failures and time.monotonic() < first_deadline:
            time.sleep(0.05)
        before = len(answered)
        ingest = run_qa("ingest", str(docs), "-w", str(ws), "--generator", "none", env=env)
        assert ingest.returncode == 0, ingest.stderr
        deadline = time.monotonic() + 30
        while engine.reloads < 1 and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(0.5)
        stop.set()
        for t in threads:
            t.join(60)
        current = Snapshot.require(Workspace.at(ws)).path.name
        served_from = engine._assistants["base+rag+guard"].retriever.snapshot.path.name
    assert not failures, failures[:3]
    assert len(answered) > before > 0
    assert engine.reloads >= 1 and served_from == current
