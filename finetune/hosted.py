"""`qa finetune --backend openai`: fine-tune a hosted model (OpenAI, or any server with the same API) on the dataset.

    start_hosted_finetune(workspace)   train split (+ eval and unanswerable as validation) -> chat JSONL
                                       (qacore.chatformat, the same records `qa export --format openai` writes)
                                       -> files.create(purpose="fine-tune") x2 -> fine_tuning.jobs.create
                                       -> .qa/models/NAME/hosted.json (job id, file ids, dataset hash)
    hosted_status(job_id)              fine_tuning.jobs.retrieve + the latest events; updates hosted.json

The key and endpoint come from $OPENAI_API_KEY and $OPENAI_BASE_URL (the official `openai` SDK's own
variables). The tuned model is then used as the generator `openai:<fine_tuned_model>`.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from pathlib import Path

from qacore.artifacts import model_folder
from qacore.chatformat import chat_jsonl, pair_chat_record
from qacore.errors import QAError, WorkspaceError
from qacore.prompting import PROMPT_VERSION
from qacore.workspace import (
    Workspace,
    atomic_write_json,
    atomic_write_text,
    read_json,
    read_jsonl,
    sha256_file,
    sha256_text,
)

HOSTED_KIND = "qa.hosted"
DEFAULT_BASE_MODEL = "gpt-4o-mini-2024-07-18"
DEFAULT_NAME = "openai"
HOSTED_FILE = "hosted.json"
MIN_TRAIN_EXAMPLES = 10  # the OpenAI fine-tuning API refuses smaller training files


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def make_client(api_key: str | None = None, base_url: str | None = None, max_retries: int = 2, timeout: float = 120):
    """An `openai.OpenAI` client from arguments or $OPENAI_API_KEY / $OPENAI_BASE_URL."""
    import openai

    key = api_key or os.environ.get("OPENAI_API_KEY")
    if not key:
        raise QAError("OPENAI_API_KEY is not set: hosted fine-tuning needs an API key for the fine-tuning service "
                      "(export OPENAI_API_KEY=...; set OPENAI_BASE_URL too for another OpenAI-compatible endpoint)")
    return openai.OpenAI(api_key=key, base_url=base_url or os.environ.get("OPENAI_BASE_URL") or None,
                         max_retries=max_retries, timeout=timeout)


@contextlib.contextmanager
def api_errors(client, doing: str):
    """SDK exceptions -> one-line QAErrors naming the endpoint, what we were doing, and the server's message."""
    import openai

    try:
        yield
    except openai.APIConnectionError as exc:  # includes timeouts
        cause = f" ({exc.__cause__})" if exc.__cause__ else ""
        raise QAError(f"cannot reach {client.base_url} while {doing}: {exc.message}{cause}") from exc
    except openai.APIStatusError as exc:
        body = exc.body if isinstance(exc.body, dict) else {}
        message = body.get("message") or exc.message
        raise QAError(f"{client.base_url} refused {doing} (HTTP {exc.status_code}): {message}") from exc


def training_files(workspace: Workspace) -> tuple[Path, str, str, dict]:
    """(dataset folder, train JSONL, validation JSONL, counts): train.jsonl as chat records; validation is
    eval.jsonl plus the unanswerable questions (their reference is the refusal), as `qa export --split eval`."""
    folder = workspace.current_dataset()
    if folder is None:
        raise WorkspaceError(f"no dataset in workspace {workspace.root}; run `qa ingest PATH` or `qa generate` first")
    train = read_jsonl(folder / "train.jsonl")
    validation = read_jsonl(folder / "eval.jsonl")
    if (folder / "unanswerable.jsonl").is_file():
        validation += read_jsonl(folder / "unanswerable.jsonl")
    if len(train) < MIN_TRAIN_EXAMPLES:
        raise QAError(f"the train split of {folder} has {len(train)} pairs; hosted fine-tuning needs at least "
                      f"{MIN_TRAIN_EXAMPLES} (add pairs with `qa import`)")
    try:
        train_text = chat_jsonl((pair_chat_record(p) for p in train), "train pair")
        validation_text = chat_jsonl((pair_chat_record(p) for p in validation), "validation pair")
    except ValueError as exc:
        raise QAError(str(exc)) from exc
    return folder, train_text, validation_text, {"train": len(train), "validation": len(validation)}


def start_hosted_finetune(workspace: Workspace, *, name: str = DEFAULT_NAME, base_model: str = DEFAULT_BASE_MODEL,
                          seed: int = 0, suffix: str | None = None, validation: bool = True, client=None,
                          log=_log) -> dict:
    """Upload the dataset and create the fine-tuning job; returns the record written to hosted.json."""
    if not name or name.startswith(".") or "/" in name or os.sep in name:
        raise QAError(f"model name {name!r} must be a plain folder name")
    dataset, train_text, validation_text, counts = training_files(workspace)
    client = client or make_client()
    folder = model_folder(workspace, name)
    if (folder / "manifest.json").is_file():
        raise WorkspaceError(f"{folder} holds a locally tuned model; choose another --name for the hosted job")
    # the exact bytes uploaded are kept beside the job record
    atomic_write_text(folder / "train.jsonl", train_text)
    if validation:
        atomic_write_text(folder / "validation.jsonl", validation_text)

    with api_errors(client, "the training file upload"):
        train_file = client.files.create(file=("train.jsonl", train_text.encode("utf-8"), "application/jsonl"),
                                         purpose="fine-tune")
    log(f"qa: uploaded train.jsonl ({counts['train']} examples) as {train_file.id}")
    validation_file = None
    if validation and counts["validation"]:
        with api_errors(client, "the validation file upload"):
            validation_file = client.files.create(
                file=("validation.jsonl", validation_text.encode("utf-8"), "application/jsonl"), purpose="fine-tune")
        log(f"qa: uploaded validation.jsonl ({counts['validation']} examples) as {validation_file.id}")
    options: dict = {"training_file": train_file.id, "model": base_model, "seed": seed}
    if validation_file is not None:
        options["validation_file"] = validation_file.id
    if suffix:
        options["suffix"] = suffix
    with api_errors(client, "the fine-tuning job creation"):
        job = client.fine_tuning.jobs.create(**options)

    previous = _read_record(folder)
    record = {
        "kind": HOSTED_KIND, "name": name, "backend": "openai", "base_url": str(client.base_url),
        "job_id": job.id, "status": job.status, "fine_tuned_model": job.fine_tuned_model,
        "base_model": base_model, "seed": seed, "suffix": suffix,
        "training_file": train_file.id, "validation_file": validation_file.id if validation_file else None,
        "files": {"train.jsonl": {"examples": counts["train"], "sha256": sha256_text(train_text)},
                  **({"validation.jsonl": {"examples": counts["validation"], "sha256": sha256_text(validation_text)}}
                     if validation else {})},
        "dataset": {"folder": str(dataset), "manifest_sha256": _manifest_hash(dataset)},
        "prompt_version": PROMPT_VERSION, "with_context": False,
        "created_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "previous_jobs": ([previous["job_id"], *previous.get("previous_jobs", [])] if previous else []),
    }
    atomic_write_json(folder / HOSTED_FILE, record)
    return record


def hosted_status(job_id: str, *, workspace: Workspace | None = None, client=None, events: int = 10) -> dict:
    """The job's status, tuned model name and latest events; hosted.json files naming the job are updated."""
    client = client or make_client()
    with api_errors(client, f"the status request for job {job_id}"):
        job = client.fine_tuning.jobs.retrieve(job_id)
    with api_errors(client, f"the events request for job {job_id}"):
        page = client.fine_tuning.jobs.list_events(job_id, limit=events)
    error = getattr(job, "error", None)
    status = {
        "job_id": job.id, "status": job.status, "model": job.model, "fine_tuned_model": job.fine_tuned_model,
        "trained_tokens": getattr(job, "trained_tokens", None), "finished_at": getattr(job, "finished_at", None),
        "error": (getattr(error, "message", None) or None) if error else None,
        "events": [{"created_at": e.created_at, "level": e.level, "message": e.message} for e in page.data],
    }
    if workspace is not None and workspace.models_dir.is_dir():
        for path in sorted(workspace.models_dir.glob(f"*/{HOSTED_FILE}")):
            record = _read_record(path.parent)
            if record and record.get("job_id") == job_id:
                record.update(status=status["status"], fine_tuned_model=status["fine_tuned_model"],
                              error=status["error"], checked_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))
                atomic_write_json(path, record)
    return status


def format_status(status: dict) -> str:
    lines = [f"job {status['job_id']}: {status['status']}", f"base model: {status['model']}"]
    if status.get("fine_tuned_model"):
        lines.append(f"fine-tuned model: {status['fine_tuned_model']}  (use it as the generator "
                     f"openai:{status['fine_tuned_model']})")
    if status.get("trained_tokens"):
        lines.append(f"trained tokens: {status['trained_tokens']}")
    if status.get("error"):
        lines.append(f"error: {status['error']}")
    if status.get("events"):
        lines.append("recent events (newest first):")
        for event in status["events"]:
            when = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(event["created_at"])) if event["created_at"] else "?"
            lines.append(f"  {when}  {event['level']:<5}  {event['message']}")
    return "\n".join(lines)


def _read_record(folder: Path) -> dict | None:
    try:
        return read_json(folder / HOSTED_FILE)
    except (FileNotFoundError, ValueError):
        return None


def _manifest_hash(dataset: Path) -> str | None:
    manifest = dataset / "manifest.json"
    return sha256_file(manifest) if manifest.is_file() else None
