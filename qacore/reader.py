"""Extractive reader: a question-answering head on an encoder picks the answer as a span of the given passages.

    reader = ExtractiveReader(".qa/models/extractive")          # trained by `qa finetune --task extractive`
    answer = reader.answer("How many leave days?", chunks)    # qacore.store.Chunk objects (anything with .text)
    answer.text, answer.passage_index, answer.start, answer.end, answer.abstained
    answers = reader.answer_many([(question, chunks), ...])   # batched over all questions

Its answers are always spans of the passages, so it cannot invent facts; it can still pick the wrong span, or
abstain. `qa ask` and `qa eval` use it, and `qa finetune --task extractive` validates with the same code.

How a span is chosen (the SQuAD 2.0 recipe): each (question, passage) pair is tokenized as
`[CLS] question [SEP] passage [SEP]`, long passages split into overlapping windows (`stride` tokens shared).
A span (i, j) scores start_logit[i] + end_logit[j] over passage tokens with j - i < max_answer_tokens; the
"no answer" score is start_logit[CLS] + end_logit[CLS]. The best span over every window of every passage wins,
unless it does not beat the no-answer score (the lowest over the windows) by at least `null_threshold`:
then the reader abstains (text ""). A higher null_threshold abstains more; -inf never abstains.
"""

from __future__ import annotations

import json
import math
import re
import string
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qacore.errors import ModelNotAvailableError, QAError

DEFAULT_MAX_LENGTH = 256
DEFAULT_STRIDE = 64
DEFAULT_MAX_ANSWER_TOKENS = 96
DEFAULT_MAX_QUESTION_TOKENS = 64
DEFAULT_NULL_THRESHOLD = 0.0


@dataclass
class ReaderAnswer:
    text: str  # the answer span ("" when the reader abstains)
    score: float  # start + end logit of the best span
    passage_index: int | None  # which passage the span is in (None when abstaining)
    start: int | None  # character offsets of the span in passages[passage_index].text
    end: int | None
    null_score: float = float("-inf")  # start + end logit of [CLS] ("no answer"), lowest over the windows
    abstained: bool = False
    candidate: str = ""  # the best span even when abstaining (for reports and threshold tuning)

    @property
    def margin(self) -> float:
        """How far the best span beats "no answer" (what null_threshold is compared with)."""
        return self.score - self.null_score

    def to_json(self) -> dict:
        return {"text": self.text, "score": self.score, "null_score": self.null_score, "abstained": self.abstained,
                "passage_index": self.passage_index, "start": self.start, "end": self.end,
                "candidate": self.candidate}


def passage_text(passage: Any) -> str:
    return passage if isinstance(passage, str) else passage.text


# --- tokenization shared by training and inference -------------------------------------------------------

@dataclass
class Features:
    """Tokenized windows of (question, passage) pairs; `pair_of[f]` is the pair window f came from."""

    input_ids: list[list[int]]
    token_type_ids: list[list[int]] | None
    offsets: list[list[tuple[int, int] | None]]  # char offsets into the passage; None outside the passage
    pair_of: list[int]

    def __len__(self) -> int:
        return len(self.input_ids)


def _clip_question(tokenizer, question: str, max_tokens: int) -> str:
    """Cut an overlong question so the passage always gets most of the window."""
    question = " ".join(question.split())
    enc = tokenizer(question, add_special_tokens=False, return_offsets_mapping=True)
    if len(enc["input_ids"]) <= max_tokens:
        return question
    return question[: enc["offset_mapping"][max_tokens - 1][1]]


def encode_pairs(tokenizer, questions: Sequence[str], contexts: Sequence[str], max_length: int, stride: int,
                 max_question_tokens: int | None = None) -> Features:
    """Tokenize (question, passage) pairs into windows of at most max_length tokens (no padding). Questions are
    cut to max_question_tokens (default: 64, at most a third of the window)."""
    if not getattr(tokenizer, "is_fast", False):
        raise ModelNotAvailableError("the extractive reader needs a fast (Rust) tokenizer for character offsets")
    if max_question_tokens is None:
        max_question_tokens = min(DEFAULT_MAX_QUESTION_TOKENS, max_length // 3)
    if max_length - max_question_tokens - 3 <= stride:
        raise QAError(f"max_length {max_length} leaves no room for a passage window larger than the stride {stride} "
                      f"after a question of up to {max_question_tokens} tokens")
    if not questions:
        return Features([], [], [], [])
    questions = [_clip_question(tokenizer, q, max_question_tokens) for q in questions]
    # the fast tokenizer cannot split an empty passage into windows; a single space gives one empty window
    contexts = [c if c.strip() else " " for c in contexts]
    enc = tokenizer(list(questions), list(contexts), truncation="only_second", max_length=max_length, stride=stride,
                    return_overflowing_tokens=True, return_offsets_mapping=True, padding=False)
    offsets = []
    for f in range(len(enc["input_ids"])):
        seq = enc.sequence_ids(f)
        offsets.append([tuple(o) if s == 1 else None for o, s in zip(enc["offset_mapping"][f], seq, strict=True)])
    return Features(input_ids=enc["input_ids"], token_type_ids=enc.get("token_type_ids"), offsets=offsets,
                    pair_of=list(enc["overflow_to_sample_mapping"]))


def pad_batch(features: Features, rows: Sequence[int], pad_id: int, device: str = "cpu", model=None) -> dict:
    """Right-padded tensors for the given windows. With `model`, token_type_ids only if its forward takes them
    (DistilBERT's does not, though a BERT tokenizer paired with it produces them)."""
    import inspect

    import torch

    width = max(len(features.input_ids[r]) for r in rows)
    ids = torch.full((len(rows), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    types = torch.zeros((len(rows), width), dtype=torch.long)
    for b, r in enumerate(rows):
        n = len(features.input_ids[r])
        ids[b, :n] = torch.tensor(features.input_ids[r])
        mask[b, :n] = 1
        if features.token_type_ids is not None:
            types[b, :n] = torch.tensor(features.token_type_ids[r])
    batch = {"input_ids": ids, "attention_mask": mask}
    takes_types = model is None or "token_type_ids" in inspect.signature(model.forward).parameters
    if features.token_type_ids is not None and takes_types:
        batch["token_type_ids"] = types
    return {k: v.to(device) for k, v in batch.items()}


def best_spans(start_logits, end_logits, offsets: Sequence[Sequence[tuple[int, int] | None]],
               max_answer_tokens: int) -> list[tuple[float, int, int, float]]:
    """For each window: (best span score, start char, end char, no-answer score). A window without passage
    tokens gets score -inf. Logits are (windows, tokens) tensors; offsets per window as in Features."""
    import torch

    n, width = start_logits.shape
    in_passage = torch.zeros((n, width), dtype=torch.bool)
    for f, row in enumerate(offsets):
        for t, o in enumerate(row[:width]):
            in_passage[f, t] = o is not None and o[1] > o[0]
    start_logits, end_logits = start_logits.float().cpu(), end_logits.float().cpu()
    scores = start_logits[:, :, None] + end_logits[:, None, :]  # (windows, start token, end token)
    ones = torch.ones((width, width), dtype=torch.bool)
    allowed = torch.triu(ones) & ~torch.triu(ones, diagonal=max_answer_tokens)  # start <= end < start + max
    allowed = allowed[None] & in_passage[:, :, None] & in_passage[:, None, :]
    scores = scores.masked_fill(~allowed, float("-inf"))
    best = scores.view(n, -1).max(dim=1)
    out = []
    for f in range(n):
        score = float(best.values[f])
        null = float(start_logits[f, 0] + end_logits[f, 0])
        if score == float("-inf"):
            out.append((score, 0, 0, null))
            continue
        i, j = divmod(int(best.indices[f]), width)
        out.append((score, offsets[f][i][0], offsets[f][j][1], null))
    return out


# --- the reader ------------------------------------------------------------------------------------------

class ExtractiveReader:
    """Loads `.qa/models/NAME/` (manifest.json + model/) or a bare question-answering model folder."""

    def __init__(self, folder: str | Path, device: str = "auto", null_threshold: float | None = None,
                 max_answer_tokens: int | None = None, batch_size: int = 16):
        from transformers import AutoModelForQuestionAnswering, AutoTokenizer
        from transformers.utils import logging as hf_logging

        from qacore.generation import pick_device

        folder = Path(folder)
        model_dir = folder / "model" if (folder / "model" / "config.json").is_file() else folder
        if not (model_dir / "config.json").is_file():
            raise ModelNotAvailableError(f"{folder} holds no extractive model (expected model/config.json); "
                                         f"train one with `qa finetune --task extractive`")
        # the reader settings it was trained with: .qa/models/NAME/manifest.json, beside model/
        self.manifest = {}
        for manifest_path in (folder / "manifest.json", model_dir.parent / "manifest.json"):
            if manifest_path.is_file():
                self.manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
                break
        settings: dict = self.manifest.get("reader", {})
        hf_logging.disable_progress_bar()
        device = pick_device(device)
        model = AutoModelForQuestionAnswering.from_pretrained(model_dir).to(device)
        tokenizer = AutoTokenizer.from_pretrained(model_dir)
        self._setup(model, tokenizer, device=device, batch_size=batch_size,
                    max_length=settings.get("max_length", DEFAULT_MAX_LENGTH),
                    stride=settings.get("stride", DEFAULT_STRIDE),
                    max_answer_tokens=max_answer_tokens or settings.get("max_answer_tokens", DEFAULT_MAX_ANSWER_TOKENS),
                    null_threshold=(null_threshold if null_threshold is not None
                                    else settings.get("null_threshold", DEFAULT_NULL_THRESHOLD)))
        self.folder = folder
        self.model_dir = model_dir

    @property
    def identity(self) -> dict:
        """What determines this reader's answers (for caches and reports)."""
        from qacore.models import folder_hash

        model_hash = folder_hash(self.model_dir) if self.model_dir is not None else None
        return {"model_id": self.manifest.get("name") or (str(self.model_dir) if self.model_dir else "in-memory"),
                "model_hash": model_hash, "base_model": self.manifest.get("base_model", {}).get("model_id"),
                "max_length": self.max_length, "stride": self.stride, "max_answer_tokens": self.max_answer_tokens,
                "null_threshold": self.null_threshold}

    @classmethod
    def from_model(cls, model, tokenizer, *, device: str = "cpu", max_length: int = DEFAULT_MAX_LENGTH,
                   stride: int = DEFAULT_STRIDE, max_answer_tokens: int = DEFAULT_MAX_ANSWER_TOKENS,
                   null_threshold: float = DEFAULT_NULL_THRESHOLD, batch_size: int = 16) -> ExtractiveReader:
        """A reader around a model in memory (training uses it to validate)."""
        reader = cls.__new__(cls)
        reader.manifest, reader.folder, reader.model_dir = {}, None, None
        reader._setup(model, tokenizer, device=device, batch_size=batch_size, max_length=max_length, stride=stride,
                      max_answer_tokens=max_answer_tokens, null_threshold=null_threshold)
        return reader

    def _setup(self, model, tokenizer, *, device, batch_size, max_length, stride, max_answer_tokens, null_threshold):
        self.model, self.tokenizer, self.device = model, tokenizer, device
        self.batch_size, self.max_length, self.stride = batch_size, max_length, stride
        self.max_answer_tokens = max_answer_tokens
        self.null_threshold = null_threshold

    def answer(self, question: str, passages: Sequence[Any]) -> ReaderAnswer:
        return self.answer_many([(question, passages)])[0]

    def answer_many(self, items: Sequence[tuple[str, Sequence[Any]]], null_threshold: float | None = None,
                    progress=None) -> list[ReaderAnswer]:
        """One answer per (question, passages); every window of every passage is scored, in length-sorted
        batches. `progress(n)` is called after each batch with the number of windows done."""
        import torch

        threshold = self.null_threshold if null_threshold is None else null_threshold
        questions, contexts, owner = [], [], []  # owner: (item index, passage index) of each pair
        for i, (question, passages) in enumerate(items):
            for p, passage in enumerate(passages):
                questions.append(question)
                contexts.append(passage_text(passage))
                owner.append((i, p))
        features = encode_pairs(self.tokenizer, questions, contexts, self.max_length, self.stride)
        window_scores: list[tuple[float, int, int, float]] = [None] * len(features)  # type: ignore[list-item]
        order = sorted(range(len(features)), key=lambda f: -len(features.input_ids[f]))
        was_training = self.model.training
        self.model.eval()
        try:
            for begin in range(0, len(order), self.batch_size):
                rows = order[begin:begin + self.batch_size]
                batch = pad_batch(features, rows, self.tokenizer.pad_token_id or 0, self.device, self.model)
                with torch.inference_mode():
                    out = self.model(**batch)
                found = best_spans(out.start_logits, out.end_logits, [features.offsets[r] for r in rows],
                                   self.max_answer_tokens)
                for r, scored in zip(rows, found, strict=True):
                    window_scores[r] = scored
                if progress is not None:
                    progress(len(rows))
        finally:
            self.model.train(was_training)

        best: list[tuple[float, int, int, int] | None] = [None] * len(items)  # (score, passage, start, end)
        null = [math.inf] * len(items)
        for f, (score, start, end, null_score) in enumerate(window_scores):
            item, passage = owner[features.pair_of[f]]
            null[item] = min(null[item], null_score)
            if score > float("-inf") and (best[item] is None or score > best[item][0]):
                best[item] = (score, passage, start, end)
        answers = []
        for i, (_question, passages) in enumerate(items):
            if best[i] is None:  # no passages, or only empty ones
                answers.append(ReaderAnswer(text="", score=float("-inf"), passage_index=None, start=None, end=None,
                                            null_score=null[i] if null[i] < math.inf else float("-inf"),
                                            abstained=True))
                continue
            score, p, start, end = best[i]
            text = passage_text(passages[p])[start:end]
            if score - null[i] < threshold:
                answers.append(ReaderAnswer(text="", score=score, passage_index=None, start=None, end=None,
                                            null_score=null[i], abstained=True, candidate=text))
            else:
                answers.append(ReaderAnswer(text=text, score=score, passage_index=p, start=start, end=end,
                                            null_score=null[i], candidate=text))
        return answers


# --- SQuAD metrics ---------------------------------------------------------------------------------------

_ARTICLES = re.compile(r"\b(a|an|the)\b")
_PUNCT = str.maketrans("", "", string.punctuation)


def normalize_answer(text: str) -> str:
    """SQuAD normalization: lower case, no punctuation, no articles, single spaces."""
    return " ".join(_ARTICLES.sub(" ", text.lower().translate(_PUNCT)).split())


def exact_match(prediction: str, reference: str) -> float:
    return float(normalize_answer(prediction) == normalize_answer(reference))


def f1_score(prediction: str, reference: str) -> float:
    return token_f1(normalize_answer(prediction).split(), normalize_answer(reference).split())


def token_f1(pred: list[str], ref: list[str]) -> float:
    """SQuAD token F1 of two normalised token lists (qa eval's token_f1 normalises more, then calls this)."""
    if not pred or not ref:
        return float(pred == ref)
    common = sum((Counter(pred) & Counter(ref)).values())
    if common == 0:
        return 0.0
    precision, recall = common / len(pred), common / len(ref)
    return 2 * precision * recall / (precision + recall)
