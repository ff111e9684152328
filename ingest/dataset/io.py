"""Import Q&A pairs users already have, and export the dataset in the formats fine-tuning tools take.

Import: CSV with `prompt,completion` columns; JSONL with `prompt`/`completion` (or `question`/`answer`) or chat
`messages`. Every problem names the file and line; nothing is imported from a file with errors.
Export: OpenAI chat fine-tuning JSONL (also what Azure OpenAI takes), a Hugging Face `datasets` folder, and
prompt/completion JSONL.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict
from pathlib import Path

from ingest.dataset.build import Pair, current_dataset, read_pairs
from qacore.chatformat import pair_chat_record as openai_record
from qacore.chatformat import validate_chat_record as validate_openai_record
from qacore.errors import QAError
from qacore.workspace import Workspace, atomic_write_text, sha256_text


class ImportProblem(QAError):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("cannot import:\n" + "\n".join(f"  - {p}" for p in problems[:50]) +
                         (f"\n  ... and {len(problems) - 50} more" if len(problems) > 50 else ""))


def _pair(question: str, answer: str, split: str, origin: str) -> Pair:
    return Pair(id=sha256_text(f"import\n{question}\n{answer}")[:16], question=question.strip(), answer=answer.strip(),
                answerable=True, split=split, generator=f"import:{origin}")


def _from_messages(messages, where: str, problems: list[str]) -> tuple[str, str] | None:
    if not isinstance(messages, list) or not all(isinstance(m, dict) for m in messages):
        problems.append(f"{where}: 'messages' must be a list of objects")
        return None
    users = [m.get("content") for m in messages if m.get("role") == "user"]
    assistants = [m.get("content") for m in messages if m.get("role") == "assistant"]
    if len(users) != 1 or len(assistants) != 1:
        problems.append(f"{where}: expected exactly one user and one assistant message, "
                        f"got {len(users)} and {len(assistants)}")
        return None
    return users[0], assistants[0]


def parse_pairs_file(path: Path, split: str = "train") -> list[Pair]:
    """Validate a whole file first; raise ImportProblem listing every bad line."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportProblem([f"{path}: cannot read ({exc})"]) from None
    problems: list[str] = []
    rows: list[tuple[str, str, str]] = []  # (where, question, answer)
    if path.suffix.lower() == ".csv":
        reader = csv.DictReader(io.StringIO(text))
        try:  # csv.Error: e.g. a cell over csv.field_size_limit()
            fields = [f.strip().lower() for f in reader.fieldnames or []]
            if not {"prompt", "completion"} <= set(fields):
                raise ImportProblem([f"{path}:1: header must have 'prompt' and 'completion' columns, got {fields}"])
            for line_no, row in enumerate(reader, start=2):
                row = {(k or "").strip().lower(): (v or "") for k, v in row.items()}
                rows.append((f"{path}:{reader.line_num or line_no}", row.get("prompt", ""), row.get("completion", "")))
        except csv.Error as exc:  # the inner reader's line_num: DictReader's lags a row behind
            raise ImportProblem([f"{path}:{reader.reader.line_num}: not valid CSV ({exc})"]) from None
    elif path.suffix.lower() == ".jsonl":
        for line_no, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            where = f"{path}:{line_no}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(f"{where}: not valid JSON ({exc.msg})")
                continue
            if not isinstance(record, dict):
                problems.append(f"{where}: expected a JSON object")
                continue
            if "messages" in record:
                pair = _from_messages(record["messages"], where, problems)
                if pair:
                    rows.append((where, *pair))
            else:
                question = record.get("prompt", record.get("question"))
                answer = record.get("completion", record.get("answer"))
                if question is None or answer is None:
                    problems.append(f"{where}: needs 'prompt' and 'completion' (or 'question'/'answer', or 'messages')")
                    continue
                rows.append((where, question, answer))
    else:
        raise ImportProblem([f"{path}: unsupported format {path.suffix or '(none)'}; use .csv or .jsonl"])
    pairs = []
    for where, question, answer in rows:
        if not isinstance(question, str) or not question.strip():
            problems.append(f"{where}: empty prompt")
        elif not isinstance(answer, str) or not answer.strip():
            problems.append(f"{where}: empty completion")
        else:
            pairs.append(_pair(question, answer, split, path.name))
    if problems:
        raise ImportProblem(problems)
    if not pairs:
        raise ImportProblem([f"{path}: no pairs found"])
    return pairs


def imports_dir(workspace: Workspace) -> Path:
    return workspace.root / "imports"


def import_pairs(workspace: Workspace, path: Path, split: str = "train") -> int:
    """Validate and store pairs in the workspace; the dataset builder merges them into their split."""
    pairs = parse_pairs_file(path, split)
    text = "".join(json.dumps(asdict(p), ensure_ascii=False) + "\n" for p in pairs)
    # named by the file's own path: a/faq.csv and b/faq.jsonl are both kept, and re-importing an edited file
    # replaces its earlier import (a pair deleted from the file leaves the dataset)
    where = sha256_text(str(path.resolve()))[:12]
    atomic_write_text(imports_dir(workspace) / f"{path.stem}.{where}.{split}.jsonl", text)
    return len(pairs)


def load_imported(workspace: Workspace) -> list[Pair]:
    folder = imports_dir(workspace)
    if not folder.is_dir():
        return []
    pairs = [Pair(**record) for file in sorted(folder.glob("*.jsonl")) for record in read_pairs(file)]
    # the same pair from two imported files (a copy of a file, or an import stored under the older naming) is one
    return list({(p.id, p.split): p for p in pairs}.values())


# --- export ----------------------------------------------------------------------------------------------

# openai_record / validate_openai_record live in qacore.chatformat (imported above): `qa finetune --backend openai`
# uploads exactly these records, built with the same prompt function as `qa ask` (qacore.prompting).


def export_dataset(workspace: Workspace, fmt: str, split: str, out: Path) -> int:
    folder = current_dataset(workspace)
    if folder is None:
        raise QAError(f"no dataset in workspace {workspace.root}; run `qa ingest PATH` or `qa generate` first")
    pairs = read_pairs(folder / f"{split}.jsonl")
    if split == "eval":
        pairs += read_pairs(folder / "unanswerable.jsonl")  # abstention examples belong to evaluation
    if fmt == "hf" and out.exists() and not out.is_dir():
        raise QAError(f"{out} is a file; --format hf writes a folder, give a folder path")
    if fmt != "hf" and out.is_dir():
        raise QAError(f"{out} is a folder; --format {fmt} writes a file, give a file path")
    try:
        _write_export(fmt, split, out, pairs)
    except OSError as exc:  # else the error names atomic_write_text's temp file, not the output
        raise QAError(f"cannot write {out}: {exc.strerror or exc}") from None
    return len(pairs)


def _write_export(fmt: str, split: str, out: Path, pairs: list[dict]) -> None:
    if fmt == "openai":
        records = [openai_record(p) for p in pairs]
        for n, record in enumerate(records, start=1):
            problems = validate_openai_record(record)
            if problems:
                raise QAError(f"export record {n} breaks the chat fine-tuning format: {'; '.join(problems)}")
        atomic_write_text(out, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    elif fmt == "completion":
        atomic_write_text(out, "".join(json.dumps({"prompt": p["question"], "completion": p["answer"]},
                                                  ensure_ascii=False) + "\n" for p in pairs))
    elif fmt == "hf":
        # A folder `datasets.load_dataset(out)` reads: one JSON Lines file per split, named by split.
        name = "train" if split == "train" else "validation"
        rows = [{k: p.get(k) for k in ("id", "question", "answer", "answerable", "source", "chunk_id", "generator")}
                for p in pairs]
        atomic_write_text(out / f"{name}.jsonl", "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    else:
        raise QAError(f"unknown export format {fmt!r}; use openai, hf or completion")
