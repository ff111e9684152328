"""The `qa eval` recipe: items -> answers per variant -> claims checked -> metrics -> gates -> reports.

    items      the dataset's eval split + unanswerable set (+ --questions FILE), or --dataset FILE (answers
               produced elsewhere, scored without generating)
    variants   every one the workspace has: base, base+rag, NAME, NAME+rag per tuned LoRA, extractive+rag,
               plus any openai:MODEL[+rag] asked for; all answer through qacore.answering (the `qa ask` path)
    evidence   what claims are checked against: the retrieved passages for +rag variants; the source chunk and
               the reference for closed-book variants (there is nothing else the answer could be grounded in)
    verifier   the offline support checker, calibrated on this corpus (evalharness.calibration)
    judge      optional (eval.judge): ragas metrics asked of an LLM, with failures counted and its agreement
               with the verifier reported (evalharness.judge)
    run folder .qa/runs/RUN/: summary.json, items.jsonl, report.html, junit.xml, report.md

Answers are generated greedily, batched, and cached by model/adapter hash + exact prompt, so an unchanged re-run
only re-scores. Retrieval is done once per question and shared by every +rag variant.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qacore import FORMAT_VERSION
from qacore.answering import Assistant, Variant, available_variants, unique_variants
from qacore.config import FOLDER_NAME, QAConfig
from qacore.errors import QAError, WorkspaceError
from qacore.prompting import REFUSAL, is_refusal
from qacore.store import Snapshot
from qacore.workspace import Workspace, read_jsonl

VERIFIER_NAME = ("offline verifier (qacore.support + calibration)",
                 "learned question-aware verifier (evalharness/verifier.py, trained on hand-labelled real answers)")


@dataclass
class EvalItem:
    item_id: str
    question: str
    reference: str | None
    answerable: bool
    source: str | None = None
    source_chunk_id: int | None = None
    origin: str = "dataset"  # dataset | questions-file | external


@dataclass
class EvalResult:
    run_dir: Path
    summary: dict
    items: list[dict]
    gate_results: list = field(default_factory=list)
    reports: dict = field(default_factory=dict)


# --- items ---------------------------------------------------------------------------------------------------

def dataset_items(workspace: Workspace) -> list[EvalItem]:
    folder = workspace.current_dataset()
    if folder is None:
        raise WorkspaceError(f"no dataset in {workspace.root}; run `qa ingest PATH` (or `qa generate`) first")
    items = []
    for name in ("eval.jsonl", "unanswerable.jsonl"):
        for pair in read_jsonl(folder / name):
            items.append(EvalItem(pair["id"], pair["question"], pair["answer"] if pair["answerable"] else None,
                                  bool(pair["answerable"]), pair.get("source"), pair.get("chunk_id")))
    return items


# optional fields of --questions / --dataset rows: checked on reading, not met later as a TypeError deep in scoring,
# and a string "false" must not count as answerable. null is the same as leaving the field out.
_FIELD_TYPES = {"answer": (str, "a string"), "reference": (str, "a string"), "source": (str, "a string"),
                "answerable": (bool, "true or false"), "contexts": (list, "a list of strings")}


def _read_user_jsonl(path: Path, required: tuple[str, ...], present: tuple[str, ...] = ()) -> list[dict]:
    """Rows with `required` non-empty strings, `present` fields given (not null) and every _FIELD_TYPES field of
    its type; each problem is named by path:line and field, all at once (up to 20)."""
    rows = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise QAError(f"{path}: cannot read: {exc}") from exc
    problems = []
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError as exc:
            problems.append(f"{path}:{n}: not JSON ({exc.msg})")
            continue
        if not isinstance(row, dict):
            problems.append(f"{path}:{n}: expected a JSON object")
            continue
        missing = [k for k in required if not isinstance(row.get(k), str) or not row[k].strip()]
        if missing:
            problems.append(f"{path}:{n}: missing or empty {', '.join(missing)}")
            continue
        wrong = _type_problems(row, present)
        if wrong:
            problems += [f"{path}:{n}: {problem}" for problem in wrong]
            continue
        rows.append(row)
    if problems:
        raise QAError("\n".join(problems[:20]) + (f"\n... and {len(problems) - 20} more" if len(problems) > 20 else ""))
    if not rows:
        raise QAError(f"{path}: no items")
    return rows


def _type_problems(row: dict, present: tuple[str, ...]) -> list[str]:
    problems = []
    for key, (kind, what) in _FIELD_TYPES.items():
        value = row.get(key)
        if value is None and key not in present:
            continue  # optional, not given
        if not isinstance(value, kind) or (kind is list and not all(isinstance(c, str) for c in value)):
            problems.append(f"{key} must be {what}, not {json.dumps(value)[:40] if key in row else 'missing'}")
    return problems


def _stable_ids(prefix: str, questions: list[str]) -> list[str]:
    """PREFIX:HASH of the normalised question, not its line number: a line added to the file must not make
    --baseline pair different questions. A repeated question gets -2, -3... in file order."""
    seen: Counter = Counter()
    ids = []
    for question in questions:
        digest = hashlib.sha256(" ".join(question.split()).casefold().encode()).hexdigest()[:12]
        seen[digest] += 1
        ids.append(f"{prefix}:{digest}" + (f"-{seen[digest]}" if seen[digest] > 1 else ""))
    return ids


def _reference(text: str | None) -> str | None:
    """An empty reference is no reference: the item is unscored for correctness, not scored against ""."""
    return text if text and text.strip() else None


def questions_file_items(path: Path) -> list[EvalItem]:
    """A user gold set: {"question", optional "answer" (empty = no reference: correctness unscored), optional
    "answerable": false, optional "source"}."""
    rows = _read_user_jsonl(path, ("question",))
    items = []
    for item_id, row in zip(_stable_ids(path.stem, [r["question"] for r in rows]), rows, strict=True):
        answerable = row.get("answerable") is not False
        items.append(EvalItem(item_id, row["question"], _reference(row.get("answer")) if answerable else None,
                              answerable, row.get("source"), origin="questions-file"))
    return items


# --- variants ------------------------------------------------------------------------------------------------

# --- the recipe ----------------------------------------------------------------------------------------------

def _progress(total: int, desc: str):
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit="answer", file=sys.stderr, disable=None, leave=False)


def _context_json(chunk) -> dict:
    return {"chunk_id": chunk.id, "source": chunk.source, "heading": " > ".join(chunk.heading_path),
            "text": chunk.text}


def generate_answers(workspace: Workspace, config: QAConfig, variants: list[Variant], items: list[EvalItem], *,
                     base_url: str | None = None, log: Callable[[str], None] = lambda m: None) -> list[dict]:
    """One result dict per (variant, item), in the layout evalharness.metrics and the reports read."""
    from qacore.gencache import GenerationCache

    snapshot = Snapshot.require(workspace)
    chunk_text = {c.id: c.text for c in snapshot.chunks_by_ids([i.source_chunk_id for i in items
                                                                if i.source_chunk_id is not None])}
    cache = GenerationCache(workspace.generation_cache)
    questions = [i.question for i in items]
    shared_passages = None
    results = []
    assistant = None
    for variant in variants:
        began = time.perf_counter()
        # NAME and NAME+rag share one loaded model: the previous variant's, when it is the same model
        assistant = Assistant(workspace, config, variant, base_url=base_url, reuse=assistant)
        passages = None
        if variant.rag:
            if shared_passages is None:
                shared_passages = assistant.retrieve(questions)  # same retrieval for every +rag variant
            passages = shared_passages
        with _progress(len(items), f"qa eval: {variant.name}") as bar:
            answers = assistant.answer_many(questions, cache=cache, progress=bar.update, passages=passages)
        for item, answer in zip(items, answers, strict=True):
            contexts = [_context_json(c) for c in answer.passages]
            if variant.rag:
                evidence = [c["text"] for c in contexts]
            else:  # closed-book: the answer can only be grounded in the source and the reference
                evidence = [t for t in (chunk_text.get(item.source_chunk_id), item.reference) if t]
            results.append({
                "variant": variant.name, "item_id": item.item_id, "question": item.question,
                "reference": item.reference, "answerable": item.answerable, "answer": answer.answer,
                "refused": answer.refused, "rag": variant.rag, "contexts": contexts, "evidence": evidence,
                "source": item.source, "source_chunk_id": item.source_chunk_id,
                "retrieved_chunk_ids": [c.id for c in answer.passages], "latency_s": answer.latency_s,
                "new_tokens": answer.new_tokens, "origin": item.origin, "degenerate": answer.degenerate,
                "guard": answer.guard,
            })
        log(f"qa eval: {variant.name}: {len(items)} answers in {time.perf_counter() - began:.1f} s")
    cache.close()
    return results


def external_results(path: Path) -> list[dict]:
    """`--dataset FILE`: answers from another system ({question, answer, contexts, optional reference (empty = no
    reference: correctness unscored), optional answerable}), scored as they are. The variant is the file's stem,
    +rag when any row has contexts: one system, one variant (a row without passages retrieved nothing)."""
    rows = _read_user_jsonl(path, ("question",), present=("answer",))
    rag = any(row.get("contexts") for row in rows)
    results = []
    for item_id, row in zip(_stable_ids(path.stem, [r["question"] for r in rows]), rows, strict=True):
        contexts = row.get("contexts") or []
        answerable = row.get("answerable") is not False
        reference = _reference(row.get("reference"))
        results.append({
            "variant": path.stem + ("+rag" if rag else ""), "item_id": item_id,
            "question": row["question"], "reference": reference if answerable else None,
            "answerable": answerable, "answer": row["answer"], "refused": is_refusal(row["answer"]),
            "rag": rag, "contexts": [{"chunk_id": None, "source": None, "heading": "", "text": c} for c in contexts],
            # as generate_answers: +rag answers are checked against their passages, closed-book ones the reference
            "evidence": contexts if rag else [t for t in [reference] if t], "source": row.get("source"),
            "source_chunk_id": None, "retrieved_chunk_ids": [], "latency_s": None, "new_tokens": None,
            "origin": "external",
        })
    return results


# a plain folder name, as for tuned models: --run-name cannot nest or escape .qa/runs
_RUN_NAME = re.compile(FOLDER_NAME)


def run_eval(workspace: Workspace, config: QAConfig, *, variants: list[str] | None = None,
             questions_file: Path | None = None, dataset_file: Path | None = None, limit: int | None = None,
             formats: tuple[str, ...] = ("html", "json", "junit", "md"), baseline: str | None = None,
             run_name: str | None = None, base_url: str | None = None, calibrate_verifier: bool = True,
             log: Callable[[str], None] = lambda m: None) -> EvalResult:
    from evalharness.calibration import calibrate
    from evalharness.gates import compare_to_baseline, evaluate_gates, load_baseline
    from evalharness.metrics import aggregate, annotate, run_metrics, score_item
    from evalharness.report import write_reports
    from qacore.embedder import Embedder

    started = time.perf_counter()
    if run_name is not None and not _RUN_NAME.fullmatch(run_name):
        raise QAError(f"bad run name {run_name!r}: a folder name of letters, digits, '_', '.', '-' (at most 64, "
                      f"starting with a letter or digit)")
    # read before any model is loaded: a mistyped --baseline must not cost the whole run
    base_summary, base_items = load_baseline(baseline, workspace) if baseline else (None, None)
    # answers produced elsewhere (--dataset) need no index: the verifier ships with qa, and answer-vs-reference
    # similarity uses the configured embedding model
    snapshot = Snapshot.current(workspace) if dataset_file is not None else Snapshot.require(workspace)
    ident = snapshot.manifest["embedding"] if snapshot else {"spec": config.models.embedding,
                                                            "dtype": config.models.embedding_dtype}
    embedder = Embedder.shared(ident["spec"], dtype=ident["dtype"])

    if dataset_file is not None:
        chosen: list[Variant] = []
        results = external_results(dataset_file)[:limit] if limit else external_results(dataset_file)
        items_info = {"external": len(results)}
    else:
        items = questions_file_items(questions_file) if questions_file else dataset_items(workspace)
        items = _limit(items, limit)
        chosen = unique_variants([Variant.parse(v) for v in variants]) if variants else available_variants(workspace)
        results = generate_answers(workspace, config, chosen, items, base_url=base_url, log=log)
        items_info = {"answerable": sum(i.answerable for i in items),
                      "unanswerable": sum(not i.answerable for i in items)}

    calibration = {}
    if calibrate_verifier and snapshot is not None:
        log("qa eval: calibrating the verifier on this corpus (cached per index snapshot)")
        calibration = calibrate(workspace, embedder, train_cross_encoder=config.eval.train_cross_encoder, log=log)
    verifier, verifier_info = choose_verifier(workspace, embedder)
    log(f"qa eval: claims checked by the {verifier_info['used']} verifier")
    annotate(results, verifier, embedder)
    judge: dict = {}
    if config.eval.judge != "none":  # the optional LLM judge (ragas metrics), next to the verifier
        from evalharness.judge import run_judge

        judge = run_judge(results, spec=config.eval.judge, metrics=config.eval.judge_metrics,
                          cache_path=workspace.generation_cache, base_url=config.eval.judge_base_url,
                          max_new_tokens=config.eval.judge_max_new_tokens, log=log)
    metrics = run_metrics(judge.get("metrics", ()))
    for row in results:
        row["scores"] = score_item(row, metrics)

    run_dir = workspace.runs_dir / run_name if run_name else _new_run_dir(workspace.runs_dir)
    name = run_dir.name
    summary = {
        "format_version": FORMAT_VERSION, "kind": "qa.eval", "run": name,
        "created_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "variants": {}, "metrics": {m.name: {"description": m.description, "higher_is_better": m.higher_is_better,
                                             "applies_to": m.applies_to} for m in metrics.values()},
        "items": items_info, "calibration": calibration, "verifier": verifier_info,
        "judge": {"name": VERIFIER_NAME[verifier_info["used"] == "learned"] + (f" + LLM judge {config.eval.judge} (ragas metrics)" if judge else ""),
                  "parse_failures": judge["failures"]["parse"] if judge else 0,
                  "unscored": sum(v is None for r in results for v in r["scores"].values()), **judge},
        "index_snapshot": snapshot.path.name if snapshot else None, "config": config.model_dump(mode="json"), "gates": [],
    }
    for variant, values in aggregate(results, metrics).items():
        summary["variants"][variant] = {"metrics": values, "items": sum(r["variant"] == variant for r in results),
                                        "description": _describe(variant)}
    gate_results = evaluate_gates(summary, config.eval.gates) if config.eval.gates else []
    if baseline:
        gate_results += compare_to_baseline(summary, results, base_summary, base_items,
                                            min_effect=config.eval.regression_min_effect)
    summary["gates"] = [g.to_json() for g in gate_results]
    summary["seconds"] = round(time.perf_counter() - started, 1)
    reports = write_reports(run_dir, summary, results, list(formats))
    return EvalResult(run_dir, summary, results, gate_results, reports)


def choose_verifier(workspace: Workspace, embedder) -> tuple[Any, dict]:
    """The learned verifier shipped with qa (evalharness/learned_verifier.json) when present; otherwise the
    threshold verifier of this workspace's calibration (or its defaults). Returns it and what the summary and the
    report say about it: which was used, why, and how it agreed with hand labels on held-out real answers."""
    from evalharness.calibration import load_verifier
    from evalharness.verifier import WEIGHTS_FILE, load_learned

    learned = load_learned()
    if learned is not None and not learned.info.get("beats_threshold_verifier"):
        verifier = load_verifier(workspace, embedder)
        held = learned.info.get("held_out") or {}
        real = {**held["threshold_verifier"], "answer_correct_agreement": held.get("answer_correct_agreement")} \
            if held.get("threshold_verifier") else None
        return verifier, {"used": verifier.info["used"], "real_answers": real,
                          "why": "the learned verifier did not beat it on held-out real answers"}
    if learned is not None:
        return learned, {"used": "learned", "why": "it beat the threshold verifier on held-out hand-labelled real "
                                                   "answers (bench/bench_verifier.py)",
                         "real_answers": learned.info.get("held_out"), "trained_on": learned.info.get("trained_on"),
                         "path": learned.info["path"]}
    verifier = load_verifier(workspace, embedder)
    return verifier, {"used": verifier.info["used"], "why": f"no learned verifier at {WEIGHTS_FILE}",
                      "real_answers": None}


def _new_run_dir(runs_dir: Path) -> Path:
    """A fresh folder named by the time; a second run in the same second gets "-2", "-3"... so an earlier
    run's record is never overwritten (mkdir without exist_ok claims the name atomically)."""
    stamp = time.strftime("%Y%m%dT%H%M%S")
    runs_dir.mkdir(parents=True, exist_ok=True)
    for n in range(1, 1000):
        candidate = runs_dir / (stamp if n == 1 else f"{stamp}-{n}")
        try:
            candidate.mkdir()
            return candidate
        except FileExistsError:
            continue
    raise RuntimeError(f"could not find a free run folder name under {runs_dir}")


def _limit(items: list[EvalItem], limit: int | None) -> list[EvalItem]:
    """`limit` items spread evenly over the list, keeping the answerable/unanswerable mix: a quick look that
    still measures both kinds and every document (the splits are ordered by source, so the first N would cover
    only the first few documents). Deterministic, so runs with the same --limit compare item for item."""
    if not limit or limit >= len(items):
        return items
    answerable = [i for i in items if i.answerable]
    unanswerable = [i for i in items if not i.answerable]
    n_unans = min(len(unanswerable), round(limit * len(unanswerable) / len(items)))
    return _spread(answerable, limit - n_unans) + _spread(unanswerable, n_unans)


def _spread(items: list, n: int) -> list:
    """n items at even steps through the list (all of them when n >= len)."""
    if n >= len(items):
        return list(items)
    return [items[i * len(items) // n] for i in range(n)]


def _describe(variant: str) -> str:
    model, _, rag = variant.partition("+")
    what = {"base": "the base model"}.get(model, f"model {model}")
    return f"{what}, {'with retrieved passages' if rag else 'closed-book'}"


__all__ = ["REFUSAL", "EvalItem", "EvalResult", "available_variants", "dataset_items", "external_results",
           "generate_answers", "questions_file_items", "run_eval"]
