"""`qa finetune --task extractive`: transfer learning of a question-answering head onto an encoder.

The encoder (the embedded MiniLM by default, or any Hugging Face encoder folder such as distilbert-base-uncased)
gets a new, randomly initialized span head (`AutoModelForQuestionAnswering`), and the whole network is trained
on the dataset's pairs whose answer is a span of their source chunk:

    train.jsonl (question, chunk_id, answer_span)  +  chunk text from the index  ->  SQuAD-style windows
    -> start/end token positions ([CLS] where the window does not hold the answer, and for "negative" passages)
    -> AdamW, linear warm-up and decay, gradient clipping -> exact match / F1 on eval.jsonl after each epoch

Output, published atomically (built in a temporary folder, fsynced, renamed into place):

    .qa/models/NAME/model/          the question-answering model + tokenizer (save_pretrained)
    .qa/models/NAME/manifest.json   kind qa.extractive, base encoder id + hash, dataset hash, config,
                                    reader settings, metrics per epoch, loss curve

Stages do not import each other: the dataset and the index are read from disk through qacore only.
"""

from __future__ import annotations

import os
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from qacore import FORMAT_VERSION
from qacore.artifacts import EXTRACTIVE_KIND, model_folder
from qacore.config import QAConfig
from qacore.errors import ModelNotAvailableError, QAError, WorkspaceError
from qacore.reader import ExtractiveReader, encode_pairs, exact_match, f1_score, pad_batch
from qacore.store import Chunk, Snapshot
from qacore.support import content_words
from qacore.workspace import Workspace, atomic_write_json, read_jsonl, sha256_file

DEFAULT_NAME = "extractive"


@dataclass
class SpanExample:
    """A question whose answer is text[start:end] of a passage; start == end == -1 means "not in this passage"."""

    question: str
    text: str
    start: int
    end: int
    answer: str
    pair_id: str = ""
    chunk_id: int | None = None

    @property
    def has_answer(self) -> bool:
        return self.start >= 0


@dataclass
class ExtractiveResult:
    folder: Path
    manifest: dict
    skipped: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"folder": str(self.folder), "metrics": self.manifest["metrics"], "skipped": self.skipped}


# --- data ------------------------------------------------------------------------------------------------

def locate_answer(record: dict, chunk: Chunk) -> tuple[int, int] | str:
    """(start, end) of the record's answer inside chunk.text, or the reason it cannot be used.

    The dataset stores the answer's character span in the source document; minus chunk.start that is the offset
    in the chunk. The text there must be the answer: exactly, or the answer inside the span (extractors drop a
    final period), or the same words with different whitespace."""
    span = record.get("answer_span")
    if not span or len(span) != 2:
        return "no answer span"
    start, end = span[0] - chunk.start, span[1] - chunk.start
    if start < 0 or end > len(chunk.text) or start >= end:
        return "answer span outside its chunk"
    answer = (record.get("answer") or "").strip()
    found = chunk.text[start:end]
    if found == answer:
        return start, end
    inner = found.find(answer) if answer else -1
    if inner >= 0:
        return start + inner, start + inner + len(answer)
    if " ".join(found.split()) == " ".join(answer.split()):
        return start, end
    return "answer text differs from its span"


def load_span_examples(workspace: Workspace, split: str, snapshot: Snapshot | None = None
                       ) -> tuple[list[SpanExample], Counter]:
    """The answerable pairs of a split whose answer is a span of their chunk; skipped pairs counted by reason."""
    folder = workspace.current_dataset()
    if folder is None:
        raise WorkspaceError(f"no dataset in workspace {workspace.root}; run `qa ingest PATH` or `qa generate` first")
    snapshot = snapshot or Snapshot.require(workspace)
    records = read_jsonl(folder / f"{split}.jsonl")
    chunks = {c.id: c for c in snapshot.chunks_by_ids(sorted({r["chunk_id"] for r in records
                                                              if r.get("chunk_id") is not None}))}
    skipped: Counter = Counter()
    examples = []
    for record in records:
        if not record.get("answerable", True):
            skipped["unanswerable (a no-answer example)"] += 1
            continue
        if record.get("chunk_id") is None:
            skipped["no source chunk (imported pair)"] += 1
            continue
        chunk = chunks.get(record["chunk_id"])
        if chunk is None:
            skipped["chunk not in the index (re-run qa generate)"] += 1
            continue
        if record.get("chunk_hash") and record["chunk_hash"] != chunk.content_hash:
            skipped["chunk changed since the dataset was built"] += 1
            continue
        located = locate_answer(record, chunk)
        if isinstance(located, str):
            skipped[located] += 1
            continue
        start, end = located
        examples.append(SpanExample(question=record["question"], text=chunk.text, start=start, end=end,
                                    answer=chunk.text[start:end], pair_id=record.get("id", ""), chunk_id=chunk.id))
    return examples, skipped


def _closest_chunk(question: str, candidates: list[Chunk], words_of: dict[int, set[str]], exclude: set[int],
                   answer: str) -> Chunk | None:
    """The candidate sharing most content words with the question (a "hard negative" passage) that is not
    excluded and does not contain the answer."""
    words = set(content_words(question))
    best, best_overlap = None, -1
    for chunk in candidates:
        if chunk.id in exclude or (answer and answer.lower() in chunk.text.lower()):
            continue
        overlap = len(words & words_of[chunk.id])
        if overlap > best_overlap:
            best, best_overlap = chunk, overlap
    return best


def negative_examples(examples: list[SpanExample], candidates: list[Chunk], share: float, seed: int
                      ) -> list[SpanExample]:
    """No-answer examples: a share of the questions paired with the most similar *other* passage. They teach the
    head to prefer [CLS] when the passage does not answer, which is what lets the reader abstain on retrieved
    passages that miss the answer."""
    if share <= 0 or not candidates:
        return []
    rng = random.Random(seed)
    words_of = {c.id: set(content_words(c.text)) for c in candidates}
    picks = [rng.choice(examples) for _ in range(round(share * len(examples)))] if share > 1 else \
        rng.sample(examples, round(share * len(examples)))
    out = []
    for ex in picks:
        chunk = _closest_chunk(ex.question, candidates, words_of, {ex.chunk_id}, ex.answer)
        if chunk is not None:
            out.append(SpanExample(question=ex.question, text=chunk.text, start=-1, end=-1, answer="",
                                   pair_id=ex.pair_id, chunk_id=chunk.id))
    return out


def unanswerable_examples(records: list[dict], candidates: list[Chunk]) -> list[SpanExample]:
    """Questions the corpus does not answer (the dataset's entity swaps such as "... for Japan?" in train.jsonl,
    and unanswerable.jsonl) paired with the passage closest to them: the hardest no-answer examples."""
    if not candidates:
        return []
    words_of = {c.id: set(content_words(c.text)) for c in candidates}
    out = []
    for record in records:
        if record.get("answerable", True):
            continue
        chunk = _closest_chunk(record["question"], candidates, words_of, set(), "")
        if chunk is not None:
            out.append(SpanExample(question=record["question"], text=chunk.text, start=-1, end=-1, answer="",
                                   pair_id=record.get("id", ""), chunk_id=chunk.id))
    return out


def training_windows(tokenizer, examples: list[SpanExample], max_length: int, stride: int, seed: int = 0):
    """SQuAD preprocessing: (features, start token, end token, rows to train on).

    Every passage is cut into overlapping windows; a window holding the whole answer points at its first and last
    token, any other window at [CLS] (0). Training uses the windows that hold the answer, plus one random window
    of each no-answer passage: the answerless windows of answered passages would multiply the cost (a 240-token
    chunk is 2-3 windows) while the explicit negatives already teach "not here"."""
    features = encode_pairs(tokenizer, [e.question for e in examples], [e.text for e in examples], max_length, stride)
    starts, ends = [], []
    windows_of: dict[int, list[int]] = {}
    for f in range(len(features)):
        ex = examples[features.pair_of[f]]
        windows_of.setdefault(features.pair_of[f], []).append(f)
        offsets = features.offsets[f]
        in_passage = [t for t, o in enumerate(offsets) if o is not None]
        first, last = (in_passage[0], in_passage[-1]) if in_passage else (None, None)
        if not ex.has_answer or first is None or offsets[first][0] > ex.start or offsets[last][1] < ex.end:
            starts.append(0)
            ends.append(0)
            continue
        s = first
        while s <= last and (offsets[s] is None or offsets[s][1] <= ex.start):
            s += 1
        e = last
        while e >= first and (offsets[e] is None or offsets[e][0] >= ex.end):
            e -= 1
        starts.append(s)
        ends.append(max(e, s))
    rng = random.Random(seed)
    rows = []
    for i, ex in enumerate(examples):
        windows = windows_of.get(i, [])
        if ex.has_answer:
            rows += [f for f in windows if starts[f] > 0]  # none when the answer is longer than a window
        elif windows:
            rows.append(rng.choice(windows))
    return features, starts, ends, rows


# --- training --------------------------------------------------------------------------------------------

def length_bucketed(rows: list[int], lengths: list[int], batch_size: int, rng: random.Random) -> list[int]:
    """A shuffled order in which each batch holds windows of similar length (less padding): shuffle, sort
    within pools of 16 batches, then shuffle the batches."""
    order = list(rows)
    rng.shuffle(order)
    pool = 16 * batch_size
    batches = []
    for begin in range(0, len(order), pool):
        ranked = sorted(order[begin:begin + pool], key=lambda r: lengths[r])
        batches += [ranked[i:i + batch_size] for i in range(0, len(ranked), batch_size)]
    rng.shuffle(batches)
    return [r for batch in batches for r in batch]

def resolve_base(spec: str):
    from qacore.models import resolve_embedding_model

    return resolve_embedding_model(spec)


def load_base(path: Path):
    from transformers import AutoModelForQuestionAnswering, AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    verbosity = hf_logging.get_verbosity()
    hf_logging.set_verbosity_error()  # the "qa_outputs newly initialized" load report is expected here
    try:
        model = AutoModelForQuestionAnswering.from_pretrained(path)
    except (ValueError, KeyError) as exc:
        raise ModelNotAvailableError(f"{path} cannot take a question-answering head: {exc}") from exc
    finally:
        hf_logging.set_verbosity(verbosity)
    tokenizer = AutoTokenizer.from_pretrained(path)
    if not tokenizer.is_fast:
        raise ModelNotAvailableError(f"{path} has no fast tokenizer (tokenizer.json); extractive QA needs offsets")
    return model, tokenizer


def evaluate(reader: ExtractiveReader, examples: list[SpanExample], negatives: list[SpanExample],
             unanswerable: list[SpanExample] | None = None) -> dict:
    """EM / F1 of the best span given each question's own passage (never abstaining), the share of those the
    reader would answer at its threshold, and the shares it abstains on: eval questions given another passage,
    and unanswerable questions given their closest passage."""
    metrics: dict = {}
    if examples:
        answers = reader.answer_many([(e.question, [e.text]) for e in examples])
        metrics["eval_exact_match"] = round(sum(exact_match(a.candidate, e.answer) for a, e in
                                                zip(answers, examples, strict=True)) / len(examples), 4)
        metrics["eval_f1"] = round(sum(f1_score(a.candidate, e.answer) for a, e in
                                       zip(answers, examples, strict=True)) / len(examples), 4)
        metrics["eval_answered"] = round(sum(not a.abstained for a in answers) / len(examples), 4)
    if negatives:
        answers = reader.answer_many([(e.question, [e.text]) for e in negatives])
        metrics["eval_no_answer_abstained"] = round(sum(a.abstained for a in answers) / len(negatives), 4)
    if unanswerable:
        answers = reader.answer_many([(e.question, [e.text]) for e in unanswerable])
        metrics["eval_unanswerable_abstained"] = round(sum(a.abstained for a in answers) / len(unanswerable), 4)
    return metrics


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def train_extractive(workspace: Workspace, config: QAConfig, *, name: str = DEFAULT_NAME, base_model: str | None = None,
                     device: str = "auto", progress: bool = True, log=_log) -> ExtractiveResult:
    """Train, validate each epoch, publish `.qa/models/NAME/`. Returns the folder and its manifest.
    One run per NAME at a time (a lock file beside the model folders)."""
    from filelock import FileLock, Timeout

    if not name or name.startswith(".") or "/" in name or os.sep in name:
        raise QAError(f"model name {name!r} must be a plain folder name")
    workspace.models_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(workspace.models_dir / f".{name}.lock"))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise WorkspaceError(f"another `qa finetune` is writing {model_folder(workspace, name)}; "
                             f"wait for it to finish") from None
    try:
        return _train_extractive(workspace, config, name, base_model, device, progress, log)
    finally:
        lock.release()


def _train_extractive(workspace: Workspace, config: QAConfig, name: str, base_model: str | None, device: str,
                      progress: bool, log) -> ExtractiveResult:
    import torch
    from tqdm import tqdm
    from transformers import get_linear_schedule_with_warmup, set_seed

    from qacore.generation import pick_device

    cfg = config.finetune
    began = time.perf_counter()
    device = pick_device(device)
    spec = base_model or cfg.extractive_base_model
    folder = model_folder(workspace, name)

    # data: the spans, checked against the index, before anything slow
    dataset = workspace.current_dataset()
    snapshot = Snapshot.require(workspace)
    train, skipped_train = load_span_examples(workspace, "train", snapshot)
    evaluation, skipped_eval = load_span_examples(workspace, "eval", snapshot)
    if skipped_train:
        log(f"qa: skipped {sum(skipped_train.values())} train pairs: "
            + ", ".join(f"{n} {why}" for why, n in skipped_train.most_common()))
    if not train:
        raise QAError(f"no train pair of {dataset} has its answer as a span of its chunk; nothing to train on")
    eval_chunks = {e.chunk_id for e in evaluation}
    all_chunks = list(snapshot.iter_chunks())
    # negatives for training come only from passages no eval pair uses, so eval text never enters training
    train_chunks = [c for c in all_chunks if c.id not in eval_chunks]
    train_negatives = negative_examples(train, train_chunks, cfg.extractive_negatives, cfg.extractive_seed)
    train_negatives += unanswerable_examples(read_jsonl(dataset / "train.jsonl"), train_chunks)
    eval_negatives = negative_examples(evaluation, all_chunks, 1.0, cfg.extractive_seed) if evaluation else []
    eval_unanswerable = (unanswerable_examples(read_jsonl(dataset / "unanswerable.jsonl"), all_chunks)
                         if (dataset / "unanswerable.jsonl").is_file() else [])

    resolved = resolve_base(spec)
    log(f"qa: extractive QA on {resolved.model_id}: {len(train)} train pairs (+{len(train_negatives)} no-answer), "
        f"{len(evaluation)} eval pairs, {cfg.extractive_epochs} epochs, device {device}")
    set_seed(cfg.extractive_seed)  # before loading: the new head is initialized from it
    model, tokenizer = load_base(resolved.path)
    model.to(device)
    features, starts, ends, rows = training_windows(tokenizer, train + train_negatives, cfg.extractive_max_length,
                                                    cfg.extractive_stride, cfg.extractive_seed)
    answered = {features.pair_of[r] for r in rows if starts[r] > 0}
    too_long = sum(1 for i in range(len(train)) if i not in answered)
    if too_long:
        log(f"qa: {too_long} train answers do not fit in a {cfg.extractive_max_length}-token window; left out")
    reader_settings = {"max_length": cfg.extractive_max_length, "stride": cfg.extractive_stride,
                       "max_answer_tokens": cfg.extractive_max_answer_tokens,
                       "null_threshold": cfg.extractive_null_threshold}
    reader = ExtractiveReader.from_model(model, tokenizer, device=device, batch_size=cfg.extractive_batch_size * 2,
                                         **reader_settings)

    batch_size = cfg.extractive_batch_size
    steps_per_epoch = -(-len(rows) // batch_size)
    total_steps = steps_per_epoch * cfg.extractive_epochs
    optimizer = torch.optim.AdamW(model.parameters(), lr=cfg.extractive_learning_rate, weight_decay=0.01)
    scheduler = get_linear_schedule_with_warmup(optimizer, int(0.1 * total_steps), total_steps)
    rng = random.Random(cfg.extractive_seed)
    loss_curve: list[dict] = []
    epochs: list[dict] = []
    step = 0
    for epoch in range(1, cfg.extractive_epochs + 1):
        model.train()
        order = length_bucketed(rows, [len(ids) for ids in features.input_ids], batch_size, rng)
        epoch_losses = []
        bar = tqdm(total=len(order), desc=f"epoch {epoch}/{cfg.extractive_epochs}", unit="win", file=sys.stderr,
                   disable=not progress, leave=False)
        for begin in range(0, len(order), batch_size):
            batch_rows = order[begin:begin + batch_size]
            batch = pad_batch(features, batch_rows, tokenizer.pad_token_id or 0, device, model)
            out = model(**batch, start_positions=torch.tensor([starts[r] for r in batch_rows], device=device),
                        end_positions=torch.tensor([ends[r] for r in batch_rows], device=device))
            out.loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad(set_to_none=True)
            step += 1
            loss = out.loss.detach().item()
            epoch_losses.append(loss)
            loss_curve.append({"step": step, "epoch": epoch, "loss": round(loss, 4)})
            bar.update(len(batch_rows))
            bar.set_postfix(loss=f"{loss:.3f}")
        bar.close()
        record = {"epoch": epoch, "train_loss": round(sum(epoch_losses) / len(epoch_losses), 4)}
        last = epoch == cfg.extractive_epochs  # abstention is measured once, at the end: it costs more passes
        record.update(evaluate(reader, evaluation, eval_negatives if last else [], eval_unanswerable if last else []))
        epochs.append(record)
        log("qa: " + ", ".join(f"{k} {v}" for k, v in record.items()))

    metrics = {"train_loss": epochs[-1]["train_loss"], "first_epoch_train_loss": epochs[0]["train_loss"],
               **{k: v for k, v in epochs[-1].items() if k.startswith("eval_")},
               "train_examples": len(train), "train_no_answer_examples": len(train_negatives),
               "train_answers_too_long": too_long, "train_windows": len(rows), "eval_examples": len(evaluation),
               "eval_no_answer_examples": len(eval_negatives), "eval_unanswerable_examples": len(eval_unanswerable),
               "steps": step,
               "seconds": round(time.perf_counter() - began, 1)}
    manifest = {
        "format_version": FORMAT_VERSION, "kind": EXTRACTIVE_KIND, "name": name,
        "created_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "base_model": {"spec": resolved.spec, "model_id": resolved.model_id, "content_hash": resolved.content_hash},
        "dataset": {"folder": str(dataset), "manifest_sha256": sha256_file(dataset / "manifest.json"),
                    "skipped": {"train": dict(skipped_train), "eval": dict(skipped_eval)}},
        "index_snapshot": snapshot.path.name,
        "config": {k: v for k, v in cfg.model_dump(mode="json").items() if k.startswith("extractive_")},
        "reader": reader_settings, "device": device, "torch_threads": torch.get_num_threads(),
        "metrics": metrics, "epochs": epochs, "loss_curve": loss_curve,
    }

    publish_model(folder, model, tokenizer, manifest)
    log(f"qa: saved {folder}")
    return ExtractiveResult(folder=folder, manifest=manifest,
                            skipped={f"train: {k}": v for k, v in skipped_train.items()}
                            | {f"eval: {k}": v for k, v in skipped_eval.items()})


def publish_model(folder: Path, model, tokenizer, manifest: dict) -> None:
    """model/ (transformers) + manifest.json, published atomically (qacore.workspace.publish_folder)."""
    from qacore.workspace import publish_folder

    def fill(tmp: Path) -> None:
        model.save_pretrained(tmp / "model", safe_serialization=True)
        tokenizer.save_pretrained(tmp / "model")
        atomic_write_json(tmp / "manifest.json", manifest)

    publish_folder(folder, fill)


def main_summary(result: ExtractiveResult) -> str:
    m = result.manifest["metrics"]
    parts = [f"train loss {m['first_epoch_train_loss']} -> {m['train_loss']}"]
    if "eval_exact_match" in m:
        parts.append(f"eval exact match {m['eval_exact_match']:.3f}, F1 {m['eval_f1']:.3f} "
                     f"({m['eval_examples']} pairs)")
    if "eval_no_answer_abstained" in m:
        parts.append(f"abstains on {m['eval_no_answer_abstained']:.0%} of eval questions given another passage")
    if "eval_unanswerable_abstained" in m:
        parts.append(f"on {m['eval_unanswerable_abstained']:.0%} of unanswerable questions")
    return f"{result.folder}: " + "; ".join(parts) + f"; {m['seconds']} s"
