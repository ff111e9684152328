"""Calibrating the offline verifier (qacore.support.SupportChecker) on a labelled slice built from the corpus.

Why: the hallucination metrics are only as good as the verifier that labels claims, and its thresholds
(coverage, similarity) were picked by hand. Here they are measured and tuned, per corpus, without any labels
from a human: the labels come from how the claims were made.

The slice (deterministic for a given index snapshot and seed):
- source sentences are taken from the indexed chunks (clean prose sentences of 6-40 words, no redaction
  placeholders, no questions); the evidence a claim is checked against is the chunk the sentence came from;
- supported claims: the sentence reworded (`paraphrase`: discourse markers and parentheticals dropped, the
  first half of a ";" sentence, a few synonyms), or the sentence itself (`verbatim`) when no rewording applies.
  Dropping a leading *conditional* clause ("If you travel, ...") is deliberately not done: the shorter claim
  would be more general than the evidence, so labelling it "supported" would be wrong;
- unsupported claims, one per source sentence, balanced over the types that apply to it:
  `number_swap` (27 -> 29), `entity_swap` (a name/acronym replaced by another one from the corpus),
  `negation` (inserted or removed), `word_swap` (one content word replaced by another corpus word) and
  `unrelated` (a sentence of another document). The last two are what the thresholds have to catch: the hard
  checks (numbers, names, negation) catch the first three whatever the thresholds are.
- split by *document* into a calibration part and a held-out part: chunks overlap, so a chunk-level split
  would put the same sentence on both sides.

Then, on the calibration part only: a grid search over (coverage, similarity) for accuracy; optionally a small
cross-encoder (MiniLM + one logit) trained one epoch on (evidence sentence, claim) pairs. Every accuracy
reported is on the held-out part. Which verifier is used afterwards (default thresholds, calibrated thresholds
or hard checks + cross-encoder) is the best of them on the held-out part; as that choice looks at the held-out
numbers, the winner's number is slightly optimistic (one choice among three). `held_out_differences` gives
each candidate's accuracy minus the defaults' with a paired bootstrap CI, so a gain within noise shows as such.

Results are cached in `<workspace>/verifier/calibration.json`, keyed by the index snapshot (and seed, embedder,
options), so `qa eval` re-runs are instant. A trained cross-encoder that wins is saved with safetensors in
`<workspace>/verifier/cross-encoder/` with a manifest; `load_verifier(workspace)` returns the verifier to use.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import random
import re
import time
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from evalharness.metrics import paired_bootstrap_diff
from qacore import FORMAT_VERSION
from qacore.claims import CachingEmbedder, evidence_sentences
from qacore.store import Chunk, Snapshot
from qacore.support import (
    _NUMBER_WORDS,
    STOPWORDS,
    SupportChecker,
    SupportThresholds,
    content_words,
    entities_in,
    has_negation,
    numbers_in,
)
from qacore.workspace import Workspace, atomic_write_json, fsync_tree, read_json, remove_tree

CALIBRATION_VERSION = 1
VERIFIER_DIR = "verifier"
CALIBRATION_FILE = "calibration.json"
CROSS_ENCODER_DIR = "cross-encoder"
CROSS_ENCODER_BASE = "embedded:all-MiniLM-L6-v2"
CE_THRESHOLD = 0.5  # sigmoid output; trained with a balanced-ish BCE objective, not tuned
CE_CANDIDATES = 3  # evidence sentences (most similar to the claim) the cross-encoder reads per claim
CE_MAX_LENGTH = 128

SUPPORTED_TYPES = ("verbatim", "paraphrase")
UNSUPPORTED_TYPES = ("number_swap", "entity_swap", "negation", "word_swap", "unrelated")

COVERAGE_GRID = tuple(round(x, 2) for x in np.arange(0.30, 1.0001, 0.05))
SIMILARITY_GRID = (*(round(x, 3) for x in np.arange(0.50, 1.0001, 0.025)), 1.01)  # 1.01: similarity not used


@dataclass(frozen=True)
class LabelledClaim:
    claim: str
    evidence: str  # the text of the chunk the source sentence comes from
    supported: bool
    kind: str  # one of SUPPORTED_TYPES + UNSUPPORTED_TYPES
    source_sentence: str  # the corpus sentence the claim was made from
    chunk_id: int
    document: str  # chunk.source
    split: str  # "calibration" | "held_out"


# --- source sentences ----------------------------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"\[[A-Z][A-Z_ ]*\]|<[A-Z_]+>")
_WORD_SPAN = re.compile(r"[A-Za-z][A-Za-z'\-]*|\d+(?:[.,]\d+)*")


def _claimable(sentence: str) -> bool:
    words = sentence.split()
    return (6 <= len(words) <= 40 and sentence.endswith(".") and sentence[:1].isupper() and not _PLACEHOLDER.search(sentence)
            and "?" not in sentence and "/" not in words[0] and len(content_words(sentence)) >= 4
            and sum(c.isalpha() for c in sentence) >= 0.6 * len(sentence))


def source_sentences(chunks: Sequence[Chunk]) -> list[tuple[str, Chunk]]:
    """(sentence, chunk) for each claimable sentence, first occurrence only (chunks overlap)."""
    seen: set[str] = set()
    out = []
    for chunk in chunks:
        for sentence in evidence_sentences(chunk.text):
            if sentence not in seen and _claimable(sentence):
                seen.add(sentence)
                out.append((sentence, chunk))
    return out


# --- claim makers: each returns the new claim, or None where it does not apply --------------------------------

_DISCOURSE = re.compile(r"^(?:however|in addition|additionally|for example|for instance|also|note that|please note "
                        r"that|in practice|as a rule|in general|generally|furthermore|moreover|in short),?\s+",
                        re.IGNORECASE)
_SYNONYMS = {  # meaning-preserving in policy prose, grammatical in any position
    "must": "shall", "employees": "staff", "staff": "employees", "receive": "get", "receives": "gets",
    "purchase": "buy", "buy": "purchase", "begin": "start", "start": "begin", "allowed": "permitted",
    "permitted": "allowed", "required": "mandatory", "immediately": "at once", "until": "till", "keep": "retain",
    "kept": "retained", "deleted": "removed", "delete": "remove", "choose": "pick", "check": "verify",
    "provide": "give", "provides": "gives", "help": "assist", "large": "big", "quickly": "fast",
    "approximately": "about", "laptop": "notebook", "laptops": "notebooks", "request": "ask for",
    "contact": "reach", "ensure": "make sure", "obtain": "get", "use": "utilise", "uses": "utilises",
    "additional": "extra", "extra": "additional", "permanently": "for good", "completed": "finished",
    "complete": "finish", "show": "display", "assigned": "allocated", "rules": "regulations", "need": "require",
    "needs": "requires", "requires": "needs", "require": "need", "approval": "sign-off", "recorded": "logged",
    "reviewed": "checked", "annual": "yearly", "monthly": "every month", "weekly": "every week",
    "daily": "per day", "maximum": "most", "free": "at no cost", "people": "persons", "person": "individual",
    "documents": "files", "renewed": "refreshed", "issued": "handed out", "replaced": "swapped out",
    "closed": "shut", "granted": "given", "collected": "picked up", "send": "forward", "sent": "forwarded",
    "stored": "held", "covers": "includes", "includes": "covers", "include": "cover", "cover": "include",
    "customer": "client", "customers": "clients", "client": "customer", "clients": "customers",
    "asked": "requested", "usually": "normally", "normally": "usually", "regularly": "routinely",
    "rarely": "seldom", "automatically": "by default", "reimbursed": "paid back", "repeated": "redone",
    "within": "inside", "available": "accessible", "encrypted": "enciphered", "managed": "administered",
}


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


def paraphrase(sentence: str, rng: random.Random) -> str | None:
    """A meaning-preserving rewording, or None if none of the rewordings applies."""
    out = _DISCOURSE.sub("", sentence, count=1)
    out = re.sub(r"\s*\([^()]{1,80}\)", "", out)
    if "; " in out:
        first, rest = out.split("; ", 1)
        if len(first.split()) >= 5 and len(rest.split()) >= 3:
            out = first.rstrip(",:") + "."
    words = [m for m in re.finditer(r"\b[a-z]+\b", out) if m.group(0) in _SYNONYMS]
    for m in sorted(rng.sample(words, min(2, len(words))), key=lambda m: m.start(), reverse=True):
        out = out[: m.start()] + _SYNONYMS[m.group(0)] + out[m.end():]
    out = _capitalize(" ".join(out.split()))
    return out if out != sentence and len(content_words(out)) >= 3 else None


_DIGITS = re.compile(r"(?<![\w.,])\d+(?!\w|[.,]\d)")  # whole numbers, not parts of "U2724D" or "1.5"


def swap_number(sentence: str, rng: random.Random) -> str | None:
    present = numbers_in(sentence)
    digits = list(_DIGITS.finditer(sentence))
    if digits:
        m = rng.choice(digits)
        value = int(m.group(0))
        if 1900 <= value <= 2100:
            options = [value + d for d in (-2, -1, 1, 2)]
        else:
            options = [value + d for d in (1, 2, 3, 5, 10, -1, -2)] + [value * 2]
        options = [v for v in options if v > 0 and str(v) not in present]
        if not options:
            return None
        return sentence[: m.start()] + str(rng.choice(options)) + sentence[m.end():]
    words = [m for m in re.finditer(r"\b[a-z]+\b", sentence) if m.group(0) in _NUMBER_WORDS]
    if not words:
        return None
    m = rng.choice(words)
    options = [w for w, v in _NUMBER_WORDS.items() if v not in present and v != _NUMBER_WORDS[m.group(0)]]
    return sentence[: m.start()] + rng.choice(sorted(options)) + sentence[m.end():]


def _entity_spans(sentence: str) -> list[re.Match]:
    """The words entities_in() counts as names: capitalised (not sentence-initial, not a stopword) or acronyms."""
    spans = []
    for i, m in enumerate(_WORD_SPAN.finditer(sentence)):
        word = m.group(0)
        if word.isupper() and len(word) >= 2 and word.isalpha() or i > 0 and word[:1].isupper() and word.lower() not in STOPWORDS:
            spans.append(m)
    return spans


_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"}
_DAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


def _entity_class(word: str) -> str:
    """Swap like for like: a month for a month, an acronym for an acronym, a name for a name."""
    lowered = word.lower()
    return "month" if lowered in _MONTHS else "day" if lowered in _DAYS else "acronym" if word.isupper() else "name"


def swap_entity(sentence: str, rng: random.Random, pool: Sequence[str]) -> str | None:
    spans = _entity_spans(sentence)
    if not spans:
        return None
    m = rng.choice(spans)
    in_sentence = entities_in(sentence)
    kind = _entity_class(m.group(0))
    options = [e for e in pool if _entity_class(e) == kind and e.lower() not in in_sentence]
    if not options:
        return None
    return sentence[: m.start()] + rng.choice(options) + sentence[m.end():]


_REMOVE_NEGATION = [
    (re.compile(r"\b(must|should|can|will|may|do|does|did|is|are|was|were|need|could|would)\s+not\s+", re.I), r"\1 "),
    (re.compile(r"\bcannot\b", re.I), "can"),
    (re.compile(r"\b(can|do|does|is|are|was|were|won|did|should|must)n't\b", re.I), lambda m: "will" if m.group(1).lower() == "won" else m.group(1)),
    (re.compile(r"\bnever\b", re.I), "always"),
]
_INSERT_NEGATION = [
    (re.compile(r"\b(must|should|will|may|is|are|was|were)\b(?!\s+not\b)"), r"\1 not"),
    (re.compile(r"\bcan\b"), "cannot"),
    (re.compile(r"\b(need|get|require|receive|have|use|apply|pay|take)\b"), r"do not \1"),
    (re.compile(r"\b(needs|gets|requires|receives|has|uses|applies|pays|takes)\b"),
     lambda m: "does not " + {"has": "have", "applies": "apply"}.get(m.group(1), m.group(1)[:-1])),
]


def flip_negation(sentence: str, rng: random.Random) -> str | None:
    rules = _REMOVE_NEGATION if has_negation(sentence) else _INSERT_NEGATION
    for pattern, repl in rules:
        out, n = pattern.subn(repl, sentence, count=1)
        if n and out != sentence and has_negation(out) != has_negation(sentence):
            return out
    return None


def swap_word(sentence: str, rng: random.Random, vocabulary: Sequence[str]) -> str | None:
    own = set(content_words(sentence))
    candidates = [m for m in re.finditer(r"\b[a-z]{4,}\b", sentence)
                  if m.group(0) not in STOPWORDS and not has_negation(m.group(0)) and m.group(0) not in _NUMBER_WORDS]
    if not candidates:
        return None
    m = rng.choice(candidates)
    options = [w for w in vocabulary if w not in own]
    if not options:
        return None
    return sentence[: m.start()] + rng.choice(options) + sentence[m.end():]


# --- the slice -------------------------------------------------------------------------------------------------


def _stable_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def split_documents(sizes: dict[str, int], seed: int, held_out_share: float) -> dict[str, str]:
    """document -> "calibration" | "held_out": documents in a seeded hash order go to held-out until it holds
    `held_out_share` of the sentences. Both parts get at least one document when there are two or more."""
    order = sorted(sizes, key=lambda d: _stable_hash(f"{seed}:{d}"))
    total = sum(sizes.values())
    out, held = {}, 0
    for doc in order:
        if held < held_out_share * total and (held == 0 or len(out) < len(order) - 1):
            out[doc], held = "held_out", held + sizes[doc]
        else:
            out[doc] = "calibration"
    if len(order) >= 2 and "calibration" not in out.values():
        out[order[-1]] = "calibration"
    return out


def build_slice(chunks: Sequence[Chunk], seed: int = 0, held_out_share: float = 0.4,
                max_sentences: int = 400) -> list[LabelledClaim]:
    """The labelled claims (see the module docstring). Deterministic for the same chunks and seed."""
    rng = random.Random(seed)
    pairs = source_sentences(chunks)
    if len(pairs) > max_sentences:
        keep = set(rng.sample(range(len(pairs)), max_sentences))
        pairs = [p for i, p in enumerate(pairs) if i in keep]
    sizes = Counter(chunk.source for _, chunk in pairs)
    split_of = split_documents(dict(sizes), seed, held_out_share)

    entity_pool = sorted({m.group(0) for s, _ in pairs for m in _entity_spans(s)})
    vocabulary = sorted({w for s, _ in pairs for w in re.findall(r"\b[a-z]{4,}\b", s)
                         if w not in STOPWORDS and not has_negation(w) and w not in _NUMBER_WORDS})
    by_split: dict[str, list[tuple[str, Chunk]]] = {}
    for sentence, chunk in pairs:
        by_split.setdefault(split_of[chunk.source], []).append((sentence, chunk))

    claims: list[LabelledClaim] = []
    made: Counter[str] = Counter()
    for sentence, chunk in pairs:
        split = split_of[chunk.source]

        def add(text: str, supported: bool, kind: str, sentence=sentence, chunk=chunk, split=split) -> None:
            claims.append(LabelledClaim(text, chunk.text, supported, kind, sentence, chunk.id, chunk.source, split))
            made[kind] += 1

        reworded = paraphrase(sentence, rng)
        add(reworded or sentence, True, "paraphrase" if reworded else "verbatim")

        others = [s for s, c in by_split[split] if c.source != chunk.source]
        makers = {
            "number_swap": lambda s: swap_number(s, rng),
            "entity_swap": lambda s: swap_entity(s, rng, entity_pool),
            "negation": lambda s: flip_negation(s, rng),
            "word_swap": lambda s: swap_word(s, rng, vocabulary),
            "unrelated": lambda s, others=others: rng.choice(others) if others else None,
        }
        # the least-made type first (balance), ties in a seeded order; the first that applies is used
        kinds = sorted(UNSUPPORTED_TYPES, key=lambda k: (made[k], rng.random()))
        for kind in kinds:
            false_claim = makers[kind](sentence)
            if false_claim and false_claim != sentence and false_claim not in chunk.text:
                add(false_claim, False, kind)
                break
    return claims


# --- verifier signals and scoring ------------------------------------------------------------------------------


def _normalize(text: str) -> str:
    return " ".join(text.lower().split())


@dataclass
class Signals:
    verbatim: np.ndarray  # claim quoted verbatim from the evidence (always supported)
    hard_ok: np.ndarray  # numbers, names and negation agree with the evidence
    coverage: np.ndarray
    similarity: np.ndarray  # nan without an embedder


def compute_signals(claims: Sequence[LabelledClaim], checker: SupportChecker) -> Signals:
    verbatim, hard, cov, sim = [], [], [], []
    for c in claims:
        v = checker.check(c.claim, c.evidence)
        verbatim.append(bool(_normalize(c.claim)) and _normalize(c.claim) in _normalize(c.evidence))
        hard.append(not v.missing_numbers and not v.missing_entities and not v.negation_mismatch)
        cov.append(v.coverage)
        sim.append(np.nan if v.similarity is None else v.similarity)
    return Signals(np.array(verbatim, bool), np.array(hard, bool), np.array(cov, float), np.array(sim, float))


def predict(signals: Signals, thresholds: SupportThresholds) -> np.ndarray:
    """What SupportChecker(thresholds=...) decides, from precomputed signals (the grid search needs this fast)."""
    with np.errstate(invalid="ignore"):
        soft = (signals.coverage >= thresholds.coverage) | (signals.similarity >= thresholds.similarity)
    return signals.verbatim | (signals.hard_ok & soft)


def score(predicted_supported: Sequence[bool], claims: Sequence[LabelledClaim]) -> dict[str, Any]:
    """Accuracy, and precision/recall/F1 of *flagging* (positive class = unsupported claim), overall and per type."""
    pred = np.asarray(predicted_supported, bool)
    gold = np.array([c.supported for c in claims], bool)
    flagged, bad = ~pred, ~gold
    tp = int((flagged & bad).sum())
    precision = tp / int(flagged.sum()) if flagged.any() else None
    recall = tp / int(bad.sum()) if bad.any() else None
    f1 = (2 * precision * recall / (precision + recall)) if precision and recall else 0.0
    kinds = [c.kind for c in claims]
    by_type = {}
    for kind in (*SUPPORTED_TYPES, *UNSUPPORTED_TYPES):
        mask = np.array([k == kind for k in kinds], bool)
        if mask.any():
            by_type[kind] = {"n": int(mask.sum()), "accuracy": round(float((pred[mask] == gold[mask]).mean()), 4)}
    return {
        "n": len(claims),
        "accuracy": round(float((pred == gold).mean()), 4) if len(claims) else None,
        "precision": None if precision is None else round(precision, 4),
        "recall": None if recall is None else round(recall, 4),
        "f1": round(f1, 4),
        "accepted_supported": round(float(pred[gold].mean()), 4) if gold.any() else None,
        "by_type": by_type,
    }


def grid_search(signals: Signals, labels: np.ndarray, use_similarity: bool) -> tuple[SupportThresholds, float]:
    """The thresholds with the best accuracy on these signals. Ties: the one closest to the defaults."""
    default = SupportThresholds()
    best_key, best = None, default
    for cov, sim in itertools.product(COVERAGE_GRID, SIMILARITY_GRID if use_similarity else (1.01,)):
        th = SupportThresholds(coverage=float(cov), similarity=float(sim))
        acc = float((predict(signals, th) == labels).mean())
        distance = abs(cov - default.coverage) + (abs(sim - default.similarity) if use_similarity else 0)
        key = (round(acc, 10), -distance)
        if best_key is None or key > best_key:
            best_key, best = key, th
    return best, best_key[0]


# --- the cross-encoder -----------------------------------------------------------------------------------------


def _candidate_sentences(claim: str, sentences: Sequence[str], embedder, k: int = CE_CANDIDATES) -> list[str]:
    """The k evidence sentences most similar to the claim (embeddings if available, else word overlap)."""
    if len(sentences) <= k:
        return list(sentences)
    if embedder is not None:
        vectors = embedder.embed([claim, *sentences])
        order = np.argsort(-(vectors[1:] @ vectors[0]), kind="stable")
    else:
        words = set(content_words(claim))
        order = np.argsort([-len(words & set(content_words(s))) for s in sentences], kind="stable")
    return [sentences[i] for i in order[:k]]


def training_pairs(claims: Sequence[LabelledClaim], embedder, seed: int = 0) -> list[tuple[str, str, float]]:
    """(evidence sentence, claim, label) pairs: the source sentence with every claim made from it (label = the
    claim's label); for unrelated claims the most similar evidence sentence (0); for supported claims also the
    most similar *other* evidence sentence (0): at inference the cross-encoder reads the top candidates and the
    maximum counts, so a sentence that does not state the claim must score low."""
    rng = random.Random(seed)
    pairs = []
    for c in claims:
        sentences = evidence_sentences(c.evidence)
        if c.kind == "unrelated":
            top = _candidate_sentences(c.claim, sentences, embedder, 1)
            pairs.extend((s, c.claim, 0.0) for s in top)
            continue
        pairs.append((c.source_sentence, c.claim, float(c.supported)))
        if c.supported:
            others = [s for s in _candidate_sentences(c.claim, sentences, embedder, 2) if s != c.source_sentence]
            pairs.extend((s, c.claim, 0.0) for s in others[:1])
    rng.shuffle(pairs)
    return pairs


def fit_cross_encoder(pairs: Sequence[tuple[str, str, float]], base_model: str | os.PathLike, *, seed: int = 0,
                      epochs: int = 1, batch_size: int = 16, lr: float = 1e-4, freeze_embeddings: bool = True,
                      balance: bool = True) -> tuple[Any, Any, dict]:
    """Fine-tune `base_model` (a BERT-style encoder folder) with a one-logit head on the pairs (BCE).

    freeze_embeddings: the token embedding matrix (half of MiniLM's parameters) is not trained: a few hundred
    pairs cannot improve it, and its dense gradient + Adam update is a large share of a CPU step.
    balance: positives are weighted by #negatives/#positives, so 0.5 stays the natural threshold.
    Batches are formed from pairs of similar length (less padding). Returns (model, tokenizer, info)."""
    import torch
    from transformers import (
        AutoModelForSequenceClassification,
        AutoTokenizer,
        get_linear_schedule_with_warmup,
    )
    from transformers.utils import logging as hf_logging

    started, cpu_started = time.perf_counter(), time.process_time()
    torch.manual_seed(seed)
    verbosity = hf_logging.get_verbosity()
    hf_logging.set_verbosity_error()  # "classifier weights newly initialized" is the point here
    hf_logging.disable_progress_bar()
    try:
        tokenizer = AutoTokenizer.from_pretrained(str(base_model), local_files_only=True)
        model = AutoModelForSequenceClassification.from_pretrained(str(base_model), num_labels=1,
                                                                   local_files_only=True)
    finally:
        hf_logging.set_verbosity(verbosity)
    if freeze_embeddings:
        model.get_input_embeddings().weight.requires_grad_(False)
    model.train()
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=lr, weight_decay=0.01)
    steps = max(1, epochs * ((len(pairs) + batch_size - 1) // batch_size))
    schedule = get_linear_schedule_with_warmup(optimizer, max(1, steps // 10), steps)
    positives = sum(p[2] >= 0.5 for p in pairs)
    pos_weight = (len(pairs) - positives) / positives if balance and 0 < positives < len(pairs) else 1.0
    loss_fn = torch.nn.BCEWithLogitsLoss(pos_weight=torch.tensor(pos_weight))
    lengths = [len(a) + len(b) for a, b, _ in pairs]
    losses = []
    rng = random.Random(seed)
    for _ in range(epochs):
        order = list(range(len(pairs)))
        rng.shuffle(order)
        window = batch_size * 8  # sort by length inside windows of 8 batches, then shuffle the batches
        order = [i for w in range(0, len(order), window)
                 for i in sorted(order[w : w + window], key=lambda i: lengths[i])]
        batches = [order[b : b + batch_size] for b in range(0, len(order), batch_size)]
        rng.shuffle(batches)
        for idx in batches:
            batch = [pairs[i] for i in idx]
            enc = tokenizer([b[0] for b in batch], [b[1] for b in batch], padding=True, truncation=True,
                            max_length=CE_MAX_LENGTH, return_tensors="pt")
            logits = model(**enc).logits.squeeze(-1)
            loss = loss_fn(logits, torch.tensor([b[2] for b in batch], dtype=torch.float32))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad(set_to_none=True)
            losses.append(float(loss.detach()))
    model.eval()
    tail = losses[-max(1, len(losses) // 5):]
    info = {"pairs": len(pairs), "positives": int(positives), "epochs": epochs, "steps": steps,
            "batch_size": batch_size, "lr": lr, "pos_weight": round(pos_weight, 3),
            "frozen_embeddings": freeze_embeddings, "seconds": round(time.perf_counter() - started, 1),
            # CPU seconds of all threads: on a busy machine wall time says little; cpu/threads ~ wall when idle
            "cpu_seconds": round(time.process_time() - cpu_started, 1), "threads": torch.get_num_threads(),
            "final_loss": round(float(np.mean(tail)), 4) if tail else None}
    return model, tokenizer, info


def cross_encoder_scores(model, tokenizer, pairs: Sequence[tuple[str, str]], batch_size: int = 64) -> np.ndarray:
    import torch

    out = np.empty(len(pairs), dtype=np.float32)
    with torch.inference_mode():
        for start in range(0, len(pairs), batch_size):
            batch = pairs[start : start + batch_size]
            enc = tokenizer([p[0] for p in batch], [p[1] for p in batch], padding=True, truncation=True,
                            max_length=CE_MAX_LENGTH, return_tensors="pt")
            out[start : start + len(batch)] = torch.sigmoid(model(**enc).logits.squeeze(-1).float()).numpy()
    return out


def claim_scores(model, tokenizer, claims: Sequence[tuple[str, Sequence[str] | str]], embedder) -> np.ndarray:
    """For each (claim, evidence): the cross-encoder's highest score over the top evidence sentences."""
    pairs, owner = [], []
    for i, (claim, evidence) in enumerate(claims):
        for sentence in _candidate_sentences(claim, evidence_sentences(evidence) or [""], embedder):
            pairs.append((sentence, claim))
            owner.append(i)
    raw = cross_encoder_scores(model, tokenizer, pairs)
    best = np.zeros(len(claims), dtype=np.float32)
    np.maximum.at(best, np.asarray(owner, dtype=np.int64), raw)
    return best


# --- the verifier ---------------------------------------------------------------------------------------------


@dataclass
class VerifierVerdict:
    supported: bool
    reasons: list[str]
    coverage: float
    similarity: float | None
    cross_encoder: float | None = None


@dataclass
class Verifier:
    """The claim checker `qa eval` uses: SupportChecker with the calibrated thresholds, and, when a trained
    cross-encoder won the calibration, hard checks (numbers, names, negation) + the cross-encoder instead of the
    coverage/similarity thresholds."""

    support: SupportChecker
    model: Any = None
    tokenizer: Any = None
    threshold: float = CE_THRESHOLD
    info: dict = field(default_factory=dict)

    @property
    def uses_cross_encoder(self) -> bool:
        return self.model is not None

    question_aware = True  # evalharness.metrics.annotate passes each claim's question

    def check(self, claim: str, evidence: Sequence[str] | str, question: str = "") -> VerifierVerdict:
        v = self.support.check(claim, evidence, question)
        if self.model is None:
            return VerifierVerdict(v.supported, v.reasons, v.coverage, v.similarity)
        evidence_text = evidence if isinstance(evidence, str) else "\n".join(evidence)
        hard = [r for r in v.reasons if not r.startswith("low overlap")]
        if _normalize(claim) and _normalize(claim) in _normalize(evidence_text):
            return VerifierVerdict(True, [], v.coverage, v.similarity, 1.0)
        p = float(claim_scores(self.model, self.tokenizer, [(claim, evidence)], self.support.embedder)[0])
        reasons = hard + ([] if p >= self.threshold else [f"verifier model: not stated by the evidence (p={p:.2f})"])
        return VerifierVerdict(not reasons, reasons, v.coverage, v.similarity, p)


def verifier_dir(workspace: Workspace) -> Path:
    return workspace.root / VERIFIER_DIR


def load_verifier(workspace: Workspace | str | os.PathLike, embedder=None) -> Verifier:
    """The verifier chosen by the last calibration of this workspace (default thresholds if it was never
    calibrated). Pass the embedder the calibration used: the similarity threshold was tuned with it."""
    ws = workspace if isinstance(workspace, Workspace) else Workspace.at(workspace)
    cached = embedder if embedder is None or isinstance(embedder, CachingEmbedder) else CachingEmbedder(embedder)
    folder = verifier_dir(ws)
    try:
        result = read_json(folder / CALIBRATION_FILE)["result"]
    except (OSError, ValueError, KeyError):
        return Verifier(SupportChecker(cached), info={"used": "default_thresholds", "calibrated": False})
    used = result.get("used", "default_thresholds")
    key = "calibrated" if used == "calibrated_thresholds" else "default"
    thresholds = SupportThresholds(**result["thresholds"][key]) if used != "cross_encoder" else SupportThresholds()
    info = {"used": used, "calibrated": True, "snapshot": result.get("snapshot")}
    ce_dir = folder / CROSS_ENCODER_DIR
    if used == "cross_encoder" and (ce_dir / "manifest.json").is_file():
        from transformers import AutoModelForSequenceClassification, AutoTokenizer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        manifest = read_json(ce_dir / "manifest.json")
        tokenizer = AutoTokenizer.from_pretrained(str(ce_dir), local_files_only=True)
        model = AutoModelForSequenceClassification.from_pretrained(str(ce_dir), local_files_only=True).eval()
        return Verifier(SupportChecker(cached, thresholds), model, tokenizer, manifest.get("threshold", CE_THRESHOLD),
                        info)
    if used == "cross_encoder":  # the model folder is gone: fall back to the calibrated thresholds
        thresholds = SupportThresholds(**result["thresholds"]["calibrated"])
        info["used"] = "calibrated_thresholds (cross-encoder missing)"
    return Verifier(SupportChecker(cached, thresholds), info=info)


def save_cross_encoder(workspace: Workspace, model, tokenizer, manifest: dict) -> Path:
    """safetensors + tokenizer + manifest.json into <workspace>/verifier/cross-encoder/, replaced atomically."""
    folder = verifier_dir(workspace)
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".tmp-{uuid.uuid4().hex[:8]}"
    model.save_pretrained(tmp, safe_serialization=True)
    tokenizer.save_pretrained(tmp)
    atomic_write_json(tmp / "manifest.json", {"format_version": FORMAT_VERSION, "kind": "qa.verifier.cross_encoder",
                                              **manifest})
    fsync_tree(tmp)
    final = folder / CROSS_ENCODER_DIR
    old = folder / f".old-{uuid.uuid4().hex[:8]}"
    if final.exists():
        os.replace(final, old)
    os.replace(tmp, final)
    remove_tree(old)
    return final


# --- calibrate -----------------------------------------------------------------------------------------------


def _thresholds_json(th: SupportThresholds) -> dict:
    return {k: float(v) for k, v in asdict(th).items()}


def calibrate(workspace: Workspace | str | os.PathLike, embedder, seed: int = 0, train_cross_encoder: bool = True,
              *, cross_encoder_base: str | os.PathLike | None = None, held_out_share: float = 0.4,
              max_sentences: int = 400, log=None) -> dict:
    """Calibrate the verifier on a slice of this workspace's index; returns a JSON-able report (see the module
    docstring) and caches it in <workspace>/verifier/calibration.json keyed by the index snapshot."""
    started = time.perf_counter()
    say = log or (lambda message: None)
    ws = workspace if isinstance(workspace, Workspace) else Workspace.at(workspace)
    snapshot = Snapshot.require(ws)
    identity = getattr(embedder, "identity", None) or {}
    key = {"version": CALIBRATION_VERSION, "snapshot": snapshot.manifest.get("snapshot", snapshot.path.name),
           "seed": seed, "embedder": identity.get("model_hash") or identity.get("model_id"),
           "embedder_dtype": identity.get("dtype"), "train_cross_encoder": train_cross_encoder,
           "cross_encoder_base": str(cross_encoder_base or CROSS_ENCODER_BASE), "held_out_share": held_out_share,
           "max_sentences": max_sentences}
    cache_file = verifier_dir(ws) / CALIBRATION_FILE
    try:
        cached = read_json(cache_file)
        if cached.get("key") == key:
            return {**cached["result"], "cached": True}
    except (OSError, ValueError):
        pass

    try:
        claims = build_slice(list(snapshot.iter_chunks()), seed, held_out_share, max_sentences)
    finally:
        snapshot.close()
    cal = [c for c in claims if c.split == "calibration"]
    held = [c for c in claims if c.split == "held_out"]
    result: dict[str, Any] = {
        "kind": "qa.verifier.calibration", "version": CALIBRATION_VERSION, "snapshot": key["snapshot"],
        "seed": seed, "embedder": identity.get("model_id"),
        "slice": {
            "size": len(claims), "calibration": len(cal), "held_out": len(held),
            "documents": {part: sorted({c.document for c in claims if c.split == part})
                          for part in ("calibration", "held_out")},
            "by_type": {kind: {"label": "supported" if kind in SUPPORTED_TYPES else "unsupported",
                               "calibration": sum(c.kind == kind for c in cal),
                               "held_out": sum(c.kind == kind for c in held)}
                        for kind in (*SUPPORTED_TYPES, *UNSUPPORTED_TYPES)},
        },
        "positive_class": "unsupported (precision/recall are of flagging a claim as unsupported)",
        "thresholds": {"default": _thresholds_json(SupportThresholds())},
        "held_out": {},
        "cross_encoder": {"trained": False},
        "used": "default_thresholds",
        "cached": False,
    }
    if not cal or not held:
        result["note"] = "not enough documents/sentences for a calibration and a held-out part; defaults kept"
        result["seconds"] = round(time.perf_counter() - started, 1)
        _write_cache(ws, key, result)
        return result

    emb = None if embedder is None else (embedder if isinstance(embedder, CachingEmbedder) else CachingEmbedder(embedder))
    if emb is not None:  # one batched pass over every text the checker will embed
        from qacore.support import _SENTENCE

        texts = {c.claim for c in claims}
        for c in claims:
            texts.update(s.strip() for s in _SENTENCE.split(c.evidence) if s.strip())
            texts.update(evidence_sentences(c.evidence))
        emb.embed(sorted(texts))
    say(f"verifier calibration: {len(cal)} calibration / {len(held)} held-out claims")
    checker = SupportChecker(emb)
    sig_cal, sig_held = compute_signals(cal, checker), compute_signals(held, checker)
    result["signals_seconds"] = round(time.perf_counter() - started, 1)
    labels_cal = np.array([c.supported for c in cal], bool)

    calibrated, _ = grid_search(sig_cal, labels_cal, use_similarity=emb is not None)
    result["thresholds"]["calibrated"] = _thresholds_json(calibrated)
    gold = np.array([c.supported for c in held], bool)
    predictions = {"default_thresholds": predict(sig_held, SupportThresholds()),
                   "calibrated_thresholds": predict(sig_held, calibrated)}
    result["held_out"]["default"] = score(predictions["default_thresholds"], held)
    result["held_out"]["calibrated"] = score(predictions["calibrated_thresholds"], held)

    model = tokenizer = None
    if train_cross_encoder:
        from qacore.models import resolve_embedding_model

        base = Path(cross_encoder_base) if cross_encoder_base else resolve_embedding_model(CROSS_ENCODER_BASE).path
        pairs = training_pairs(cal, emb, seed)
        say(f"verifier calibration: training a cross-encoder on {len(pairs)} pairs (1 epoch)")
        model, tokenizer, info = fit_cross_encoder(pairs, base, seed=seed)
        ce = claim_scores(model, tokenizer, [(c.claim, c.evidence) for c in held], emb)
        ce_ok = ce >= CE_THRESHOLD
        result["held_out"]["cross_encoder"] = score(ce_ok, held)
        predictions["cross_encoder"] = sig_held.verbatim | (sig_held.hard_ok & ce_ok)
        result["held_out"]["hard_checks+cross_encoder"] = score(predictions["cross_encoder"], held)
        result["cross_encoder"] = {"trained": True, "base": str(cross_encoder_base or CROSS_ENCODER_BASE),
                                   "threshold": CE_THRESHOLD, "candidates_per_claim": CE_CANDIDATES, **info,
                                   "saved": False}

    # the order breaks ties: simpler verifiers first
    candidates = {k: float((pred == gold).mean()) for k, pred in predictions.items()}
    used = max(candidates, key=lambda k: (candidates[k], -list(candidates).index(k)))
    result["used"] = used
    # is the difference more than noise? paired bootstrap over the held-out claims (accuracy difference)
    correct = {k: [float(x) for x in (pred == gold)] for k, pred in predictions.items()}
    result["held_out_differences"] = {
        f"{k}_minus_default_thresholds": paired_bootstrap_diff(correct[k], correct["default_thresholds"], seed=seed)
        for k in correct if k != "default_thresholds"
    }
    ce_dir = verifier_dir(ws) / CROSS_ENCODER_DIR
    if used == "cross_encoder":
        save_cross_encoder(ws, model, tokenizer, {
            "base_model": result["cross_encoder"]["base"], "snapshot": key["snapshot"], "seed": seed,
            "threshold": CE_THRESHOLD, "candidates_per_claim": CE_CANDIDATES, "max_length": CE_MAX_LENGTH,
            "training": {k: v for k, v in result["cross_encoder"].items() if k not in ("trained", "saved")},
            "held_out": {k: result["held_out"]["hard_checks+cross_encoder"][k] for k in ("n", "accuracy", "precision", "recall")},
            "created_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        })
        result["cross_encoder"]["saved"] = True
        result["cross_encoder"]["path"] = str(ce_dir)
    elif ce_dir.exists():
        remove_tree(ce_dir)  # a model from an earlier calibration must not be picked up
    result["seconds"] = round(time.perf_counter() - started, 1)
    _write_cache(ws, key, result)
    return result


def _write_cache(ws: Workspace, key: dict, result: dict) -> None:
    atomic_write_json(verifier_dir(ws) / CALIBRATION_FILE, {"key": key, "result": result})
