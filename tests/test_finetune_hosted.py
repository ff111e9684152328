"""`qa finetune --backend openai` against a loopback fake of the fine-tuning API (never the internet).

The fake server implements only the endpoints used (file upload, job creation, job retrieval, job events),
records every request, and checks what a real server would refuse: the multipart upload's purpose, each line
of the uploaded JSONL, and that the job names files that were uploaded."""

from __future__ import annotations

import email.parser
import email.policy
import json
import socket
import threading
from http.server import ThreadingHTTPServer

import pytest

from finetune.hosted import format_status, hosted_status, make_client, start_hosted_finetune
from ingest.dataset.build import DatasetReport, Pair, _publish
from qacore.chatformat import validate_chat_record
from qacore.errors import QAError
from qacore.prompting import REFUSAL, SYSTEM_CLOSED_BOOK
from qacore.workspace import Workspace, read_json
from tests.conftest import JSONHandler


class FakeFineTuningAPI(JSONHandler):
    server: FakeServer

    def _error(self, status: int, message: str) -> None:
        self._reply(status, {"error": {"message": message, "type": "invalid_request_error", "param": None,
                                       "code": None}})

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        state = self.server.state
        state["requests"].append(("POST", self.path, self.headers.get("Authorization")))
        if self.server.reject_with:
            return self._error(*self.server.reject_with)
        if self.path == "/v1/files":
            message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
                b"Content-Type: " + self.headers["Content-Type"].encode() + b"\r\n\r\n" + body)
            fields = {part.get_param("name", header="content-disposition"): part for part in message.iter_parts()}
            if fields.get("purpose") is None or fields["purpose"].get_content().strip() != "fine-tune":
                return self._error(400, "purpose must be fine-tune")
            upload = fields["file"]
            content = upload.get_payload(decode=True).decode("utf-8")
            for n, line in enumerate(content.splitlines(), start=1):
                if validate_chat_record(json.loads(line)):
                    return self._error(400, f"line {n} is not a valid chat example")
            file_id = f"file-{len(state['files']) + 1}"
            state["files"][file_id] = {"filename": upload.get_filename(), "content": content}
            return self._reply(200, {"id": file_id, "object": "file", "bytes": len(content), "created_at": 1,
                                     "filename": upload.get_filename(), "purpose": "fine-tune",
                                     "status": "processed"})
        if self.path == "/v1/fine_tuning/jobs":
            request = json.loads(body)
            for key in ("training_file", "validation_file"):
                if key in request and request[key] not in state["files"]:
                    return self._error(400, f"{key} {request[key]} does not exist")
            job = {"id": "ftjob-abc123", "object": "fine_tuning.job", "created_at": 2, "model": request["model"],
                   "status": "validating_files", "training_file": request["training_file"],
                   "validation_file": request.get("validation_file"), "fine_tuned_model": None,
                   "seed": request.get("seed"), "organization_id": "org-test", "result_files": [],
                   "hyperparameters": {"n_epochs": "auto"}, "trained_tokens": None, "error": None,
                   "finished_at": None}
            state["jobs"][job["id"]] = {"request": request, "job": job}
            return self._reply(200, job)
        return self._error(404, f"no route {self.path}")

    def do_GET(self):
        state = self.server.state
        state["requests"].append(("GET", self.path.split("?")[0], self.headers.get("Authorization")))
        parts = self.path.split("?")[0].strip("/").split("/")  # v1 fine_tuning jobs ID [events]
        if parts[:3] != ["v1", "fine_tuning", "jobs"] or len(parts) < 4 or parts[3] not in state["jobs"]:
            return self._error(404, f"no fine-tuning job {parts[3] if len(parts) > 3 else ''} found")
        job = dict(state["jobs"][parts[3]]["job"], status="succeeded", trained_tokens=4321, finished_at=3,
                   fine_tuned_model="ft:gpt-4o-mini-2024-07-18:org-test::abc123")
        if len(parts) == 5 and parts[4] == "events":
            events = [{"id": f"ftevent-{i}", "object": "fine_tuning.job.event", "created_at": 1700000000 + i,
                       "level": "info", "message": msg, "type": "message"}
                      for i, msg in enumerate(["The job has successfully completed", "Step 10/10: training loss=0.12"])]
            return self._reply(200, {"object": "list", "data": events, "has_more": False})
        return self._reply(200, job)


class FakeServer(ThreadingHTTPServer):
    def __init__(self):
        super().__init__(("127.0.0.1", 0), FakeFineTuningAPI)  # port 0: a free random port
        self.state = {"requests": [], "files": {}, "jobs": {}}
        self.reject_with: tuple[int, str] | None = None


@pytest.fixture
def api(monkeypatch):
    server = FakeServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-key")
    monkeypatch.setenv("OPENAI_BASE_URL", f"http://127.0.0.1:{server.server_address[1]}/v1")
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def workspace(tmp_path):
    ws = Workspace(tmp_path / "ws")
    train = [Pair(id=f"t{i}", question=f"How many days of leave are there in country {i}?", answer=f"{20 + i} days",
                  answerable=True, split="train") for i in range(12)]
    evaluation = [Pair(id="e1", question="Who approves leave?", answer="Your line manager.", answerable=True,
                       split="eval")]
    unanswerable = [Pair(id="u1", question="Is there a pet policy?", answer=REFUSAL, answerable=False, split="eval")]
    _publish(ws, {"train.jsonl": train, "eval.jsonl": evaluation, "unanswerable.jsonl": unanswerable},
             DatasetReport(folder=""), {"format_version": 1})
    return ws


def test_upload_then_job_then_status(api, workspace):
    record = start_hosted_finetune(workspace, name="hosted", base_model="gpt-4o-mini-2024-07-18", seed=7,
                                   log=lambda m: None)
    state = api.state
    # the request sequence: two uploads, then the job naming both uploaded files, with our key
    assert [(m, p) for m, p, _ in state["requests"]] == [("POST", "/v1/files"), ("POST", "/v1/files"),
                                                         ("POST", "/v1/fine_tuning/jobs")]
    assert all(auth == "Bearer sk-test-key" for _, _, auth in state["requests"])
    assert {f["filename"] for f in state["files"].values()} == {"train.jsonl", "validation.jsonl"}
    train_id = next(i for i, f in state["files"].items() if f["filename"] == "train.jsonl")
    val_id = next(i for i, f in state["files"].items() if f["filename"] == "validation.jsonl")
    job_request = state["jobs"]["ftjob-abc123"]["request"]
    assert job_request == {"training_file": train_id, "validation_file": val_id,
                           "model": "gpt-4o-mini-2024-07-18", "seed": 7}
    # uploaded content: the closed-book prompt of qacore.prompting + the reference answer, one example per pair
    train_lines = [json.loads(line) for line in state["files"][train_id]["content"].splitlines()]
    assert len(train_lines) == 12
    assert train_lines[0]["messages"] == [{"role": "system", "content": SYSTEM_CLOSED_BOOK},
                                          {"role": "user", "content": "How many days of leave are there in country 0?"},
                                          {"role": "assistant", "content": "20 days"}]
    val_lines = [json.loads(line) for line in state["files"][val_id]["content"].splitlines()]
    assert [m["messages"][-1]["content"] for m in val_lines] == ["Your line manager.", REFUSAL]
    # the job is recorded, with the very bytes that were uploaded
    assert record["job_id"] == "ftjob-abc123" and record["training_file"] == train_id
    saved = read_json(workspace.models_dir / "hosted" / "hosted.json")
    assert saved["job_id"] == "ftjob-abc123" and saved["status"] == "validating_files"
    assert (workspace.models_dir / "hosted" / "train.jsonl").read_text() == state["files"][train_id]["content"]

    status = hosted_status("ftjob-abc123", workspace=workspace)
    assert [(m, p) for m, p, _ in state["requests"][3:]] == [("GET", "/v1/fine_tuning/jobs/ftjob-abc123"),
                                                              ("GET", "/v1/fine_tuning/jobs/ftjob-abc123/events")]
    assert status["status"] == "succeeded"
    assert status["fine_tuned_model"] == "ft:gpt-4o-mini-2024-07-18:org-test::abc123"
    assert [e["message"] for e in status["events"]][0] == "The job has successfully completed"
    text = format_status(status)
    assert "succeeded" in text and "openai:ft:gpt-4o-mini-2024-07-18:org-test::abc123" in text
    saved = read_json(workspace.models_dir / "hosted" / "hosted.json")
    assert saved["status"] == "succeeded" and saved["fine_tuned_model"] == status["fine_tuned_model"]


def test_server_refusal_carries_its_message(api, workspace):
    api.reject_with = (401, "Incorrect API key provided: sk-te****")
    with pytest.raises(QAError, match=r"HTTP 401.*Incorrect API key provided"):
        start_hosted_finetune(workspace, log=lambda m: None)
    with pytest.raises(QAError, match=r"HTTP 404.*no fine-tuning job ftjob-nope"):
        hosted_status("ftjob-nope")


def test_missing_key_and_refused_connection(workspace, monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    with pytest.raises(QAError, match="OPENAI_API_KEY is not set"):
        start_hosted_finetune(workspace, log=lambda m: None)
    # a port nobody listens on: bind, note the port, close
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    client = make_client(api_key="sk-test", base_url=f"http://127.0.0.1:{port}/v1", max_retries=0)
    with pytest.raises(QAError, match=rf"cannot reach http://127.0.0.1:{port}/v1/ while the training file upload"):
        start_hosted_finetune(workspace, client=client, log=lambda m: None)
    assert not (workspace.models_dir / "openai" / "hosted.json").exists()


def test_too_few_pairs_is_refused_before_any_request(tmp_path, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    ws = Workspace(tmp_path / "ws")
    _publish(ws, {"train.jsonl": [Pair(id="a", question="Q?", answer="A", answerable=True, split="train")],
                  "eval.jsonl": [], "unanswerable.jsonl": []}, DatasetReport(folder=""), {"format_version": 1})
    with pytest.raises(QAError, match="needs at least 10"):
        start_hosted_finetune(ws, client=object(), log=lambda m: None)


def test_cli_prints_the_job_id_then_the_status(api, workspace):
    from tests.conftest import run_qa

    env = {"OPENAI_API_KEY": "sk-test-key", "OPENAI_BASE_URL": f"http://127.0.0.1:{api.server_address[1]}/v1"}
    started = run_qa("finetune", "--backend", "openai", "-w", str(workspace.root), env=env, timeout=120)
    assert started.returncode == 0, started.stderr
    assert started.stdout.strip() == "ftjob-abc123"  # stdout: just the job id, for scripts
    assert read_json(workspace.models_dir / "openai" / "hosted.json")["base_model"] == "gpt-4o-mini-2024-07-18"
    status = run_qa("finetune", "--status", "ftjob-abc123", "-w", str(workspace.root), env=env, timeout=120)
    assert status.returncode == 0, status.stderr
    assert "ftjob-abc123: succeeded" in status.stdout and "ft:gpt-4o-mini-2024-07-18:org-test::abc123" in status.stdout
    unset = run_qa("finetune", "--backend", "openai", "-w", str(workspace.root), env={"OPENAI_API_KEY": ""},
                   timeout=120)
    assert unset.returncode == 1 and "OPENAI_API_KEY is not set" in unset.stderr
