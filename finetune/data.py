"""Training examples for `qa finetune`: dataset pairs on disk -> chat prompts -> token ids with an answer-only mask.

    pairs (train.jsonl / eval.jsonl / unanswerable.jsonl)
      -> messages: qacore.prompting.answer_messages(question, passages), the same function `qa ask` and
         `qa eval` use, closed-book or with retrieved context (RAFT-style, `with_context`)
      -> prompt ids = render_chat(tokenizer, messages) tokenized on its own (exactly what the model sees at
         inference), target ids = answer + the chat template's end-of-turn token ("<|im_end|>" for ChatML)
      -> one Example per pair; only the target tokens carry loss

Batches are grouped by length (shuffle, then sort inside mega-batches of 50 batches) and padded to the longest
example of their own batch, never to max_length. `collate` also finds the prompt prefix every row of a batch
shares (the system prompt, ~55 of ~100 tokens in closed-book prompts), which the training step runs once per
batch instead of once per row (finetune/loss.py, `AnswerLoss`).
"""

from __future__ import annotations

import hashlib
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from qacore.errors import QAError, WorkspaceError
from qacore.prompting import REFUSAL, answer_messages, render_chat
from qacore.workspace import read_jsonl

IGNORE = -100  # label of tokens without loss (prompt, padding)
MEGA_BATCH = 50  # batches per length-sorted group: like HF's group_by_length


@dataclass
class Example:
    input_ids: list[int]  # prompt + target
    n_prompt: int  # tokens before the target
    pair_id: str
    refusal: bool = False  # the target is qacore.prompting.REFUSAL

    def __len__(self) -> int:
        return len(self.input_ids)


# --- pairs -----------------------------------------------------------------------------------------------

def read_pairs(dataset: Path, split: str) -> list[dict]:
    """Rows of train.jsonl / eval.jsonl / unanswerable.jsonl (a missing optional split is empty)."""
    path = dataset / f"{split}.jsonl"
    if not path.is_file():
        if split == "train":
            raise WorkspaceError(f"dataset {dataset} has no train.jsonl; rebuild it with `qa generate`")
        return []
    try:
        rows = read_jsonl(path)
    except ValueError as exc:
        raise WorkspaceError(f"{path} is not valid JSON Lines ({exc}); rebuild it with `qa generate`") from exc
    bad = [n for n, r in enumerate(rows, start=1) if not (isinstance(r, dict) and isinstance(r.get("question"), str)
                                                          and isinstance(r.get("answer"), str))]
    if bad:
        raise WorkspaceError(f"{path}: line {bad[0]} lacks a question or answer string; rebuild it with `qa generate`")
    return rows


# --- tokens ----------------------------------------------------------------------------------------------

def end_of_turn(tokenizer) -> str:
    """The text that closes an assistant turn in this model's chat template ("<|im_end|>" for ChatML), found by
    rendering a turn around a sentinel; the eos token for models without a template (render_chat's fallback)."""
    if getattr(tokenizer, "chat_template", None):
        messages = [{"role": "user", "content": "Q"}]
        prompt = render_chat(tokenizer, messages)
        sentinel = "XQXAXZX"
        full = tokenizer.apply_chat_template([*messages, {"role": "assistant", "content": sentinel}], tokenize=False)
        if full.startswith(prompt) and sentinel in full:
            eot = full[full.index(sentinel) + len(sentinel):].strip()
            if eot:
                return eot
    if not tokenizer.eos_token:
        raise QAError("the base model's tokenizer has neither a chat template nor an eos token, so an answer cannot "
                      "be ended; pick another base model")
    return tokenizer.eos_token


def encode(tokenizer, messages: list[dict[str, str]], target: str, eot: str) -> tuple[list[int], int]:
    """(input ids, prompt length). Prompt and target are tokenized apart, as generation sees them."""
    prompt = tokenizer(render_chat(tokenizer, messages), add_special_tokens=False).input_ids
    answer = tokenizer(target.strip() + eot, add_special_tokens=False).input_ids
    return prompt + answer, len(prompt)


def closed_book_examples(pairs: Sequence[dict], tokenizer, max_length: int, skipped: Counter) -> list[Example]:
    eot = end_of_turn(tokenizer)
    examples = []
    for pair in pairs:
        ids, n_prompt = encode(tokenizer, answer_messages(pair["question"]), pair["answer"], eot)
        if len(ids) > max_length:
            skipped["longer than max_length"] += 1
            continue
        examples.append(Example(ids, n_prompt, str(pair.get("id", "")), refusal=not pair.get("answerable", True)))
    return examples


# --- with context (RAFT) ---------------------------------------------------------------------------------

def _norm(text: str) -> str:
    return " ".join(text.split()).lower()


def _unit(seed: int, *parts: object) -> float:
    """A stable number in [0, 1) per (seed, parts): which examples refuse, where the gold passage goes."""
    digest = hashlib.sha256("\0".join(map(str, (seed, *parts))).encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def context_examples(pairs: Sequence[dict], tokenizer, retriever, *, passages: int, refusal_share: float, seed: int,
                     max_length: int, skipped: Counter) -> list[Example]:
    """RAFT-style examples: the gold chunk (the pair's chunk_id) among hard negatives (other top retrieved chunks
    that do not contain the answer), the answer as target (no citation mark: the answer-v2 prompt numbers no
    passages, and qa cites by itself, qacore.answering.cited_passages); `refusal_share` of them without the gold
    chunk, whose target is the refusal. Unanswerable pairs get their retrieved passages and the refusal.
    Distractors are dropped, last first, until an example fits max_length."""
    eot = end_of_turn(tokenizer)
    snapshot = retriever.snapshot
    examples = []
    for pair in pairs:
        question, answer = pair["question"], pair["answer"]
        answerable = pair.get("answerable", True)
        # extra candidates: chunks that quote the answer are not distractors, and some documents repeat it
        hits = [h.chunk for h in retriever.search(question, k=2 * passages + 8)]
        if not answerable:
            chosen, gold_at, target = hits[:passages], None, REFUSAL
        else:
            gold = None
            if pair.get("chunk_id") is not None:
                found = snapshot.chunks_by_ids([int(pair["chunk_id"])])
                if found and (not pair.get("chunk_hash") or found[0].content_hash == pair["chunk_hash"]):
                    gold = found[0]
            if gold is None:  # an imported pair, or the index changed since: a retrieved chunk quoting the answer
                gold = next((c for c in hits if _norm(answer) in _norm(c.text)), None)
            if gold is None:
                skipped["gold chunk not in the index"] += 1
                continue
            distractors = [c for c in hits if c.id != gold.id and _norm(answer) not in _norm(c.text)]
            if _unit(seed, "refuse", pair.get("id"), question) < refusal_share:
                chosen, gold_at, target = distractors[:passages], None, REFUSAL
            else:
                chosen = distractors[:passages - 1]
                gold_at = int(_unit(seed, "position", pair.get("id"), question) * (len(chosen) + 1))
                chosen.insert(gold_at, gold)
                target = answer.strip()
        while True:
            ids, n_prompt = encode(tokenizer, answer_messages(question, chosen), target, eot)
            if len(ids) <= max_length or len(chosen) <= (1 if gold_at is not None else 0):
                break
            # drop the last distractor (never the gold passage)
            drop = len(chosen) - 1 if gold_at != len(chosen) - 1 else len(chosen) - 2
            chosen.pop(drop)
            if gold_at is not None and drop < gold_at:
                gold_at -= 1
        if len(ids) > max_length:
            skipped["longer than max_length"] += 1
            continue
        examples.append(Example(ids, n_prompt, str(pair.get("id", "")), refusal=target == REFUSAL))
    return examples


# --- batches ---------------------------------------------------------------------------------------------

def length_grouped_batches(lengths: Sequence[int], batch_size: int, seed: int, epoch: int) -> list[list[int]]:
    """The epoch's batches: shuffled, then sorted by length inside mega-batches, so a batch holds examples of
    similar length (little padding) while the order still changes every epoch. The longest batch comes first:
    an out-of-memory shows at step 1, not hours in. Deterministic in (seed, epoch), which is what lets a
    resumed run replay the same order."""
    rng = random.Random(f"{seed}:{epoch}")
    order = list(range(len(lengths)))
    rng.shuffle(order)
    batches: list[list[int]] = []
    group = batch_size * MEGA_BATCH
    for start in range(0, len(order), group):
        chunk = sorted(order[start:start + group], key=lambda i: -lengths[i])
        batches += [chunk[i:i + batch_size] for i in range(0, len(chunk), batch_size)]
    if not batches:
        return []
    longest = max(range(len(batches)), key=lambda b: (max(lengths[i] for i in batches[b]), -b))
    first = batches.pop(longest)
    rng.shuffle(batches)
    return [first, *batches]


class EpochBatches:
    """A batch sampler over `length_grouped_batches` for the epoch picked with `use_epoch`. (Not `set_epoch`:
    accelerate calls that with its own count of passes over the loader, which a resumed run does not share.)"""

    def __init__(self, lengths: Sequence[int], batch_size: int, seed: int):
        self.lengths, self.batch_size, self.seed, self.epoch = list(lengths), batch_size, seed, 0

    def use_epoch(self, epoch: int) -> None:
        self.epoch = epoch

    def __iter__(self):
        return iter(length_grouped_batches(self.lengths, self.batch_size, self.seed, self.epoch))

    def __len__(self) -> int:
        return -(-len(self.lengths) // self.batch_size)


def shared_prefix_length(rows: Sequence[Sequence[int]], n_prompts: Sequence[int]) -> int:
    """Tokens every row starts with, kept short of each row's last prompt token (whose logit predicts the first
    answer token), so no loss position falls inside the shared part."""
    if len(rows) < 2:
        return 0
    limit = min(n_prompts) - 1
    first = rows[0]
    n = 0
    while n < limit and all(r[n] == first[n] for r in rows):
        n += 1
    return n


def collate(examples: Sequence[Example], pad_id: int, share_prefix: bool = True) -> dict:
    """Right-padded to the longest row of this batch; labels are IGNORE except on each row's target."""
    import torch

    length = max(len(e) for e in examples)
    input_ids = torch.full((len(examples), length), pad_id, dtype=torch.long)
    attention_mask = torch.zeros((len(examples), length), dtype=torch.long)
    labels = torch.full((len(examples), length), IGNORE, dtype=torch.long)
    for row, e in enumerate(examples):
        ids = torch.tensor(e.input_ids, dtype=torch.long)
        input_ids[row, :len(e)] = ids
        attention_mask[row, :len(e)] = 1
        labels[row, e.n_prompt:len(e)] = ids[e.n_prompt:]
    prefix = shared_prefix_length([e.input_ids for e in examples], [e.n_prompt for e in examples]) if share_prefix else 0
    return {"input_ids": input_ids, "attention_mask": attention_mask, "labels": labels,
            "prefix_len": torch.tensor(prefix)}
