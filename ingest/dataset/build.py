"""The dataset recipe: chunks -> candidate pairs -> quality gates -> leakage-safe split -> JSONL + manifest.

Reads the published index snapshot and writes a new `.qa/datasets/NAME/` (named by `.qa/datasets/CURRENT`):

    train.jsonl          answerable pairs for fine-tuning
    eval.jsonl           answerable pairs from *other sections* than train (no chunk on both sides)
    unanswerable.jsonl   in-domain questions the corpus does not answer (reference: a refusal)
    report.json          counts, rejections by reason, coverage, question-type mix, split audit
    manifest.json        format version, source snapshot, file hashes, generators, config

The folder is built beside the old one and published by repointing CURRENT atomically, like the index.
"""

from __future__ import annotations

import json
import os
import sys
import time
import uuid
from collections import Counter
from dataclasses import asdict
from pathlib import Path

import numpy as np

from ingest.dataset.extractors import extract_all
from ingest.dataset.from_headings import heading_pairs, sections_running_on
from ingest.dataset.from_sentences import RULES_VERSION, sentence_pairs
from ingest.dataset.gates import (
    GateLimits,
    answer_problem,
    near_duplicates,
    question_problem,
    support_problem,
)
from ingest.dataset.list_questions import list_pairs
from ingest.dataset.llm import LLMStats, load_prompt, paraphrase_questions, question_candidates
from ingest.dataset.named_links import named_link_pairs
from ingest.dataset.pairs import Pair, pair_id
from ingest.dataset.prose import prose_words
from ingest.dataset.report import DatasetReport, coverage_by_document, question_type
from ingest.dataset.rule_quality import expected_good, family, hand_checked_rate, passes
from ingest.dataset.splits import assign_splits, spread
from ingest.dataset.topic import with_topic
from ingest.dataset.unanswerable import UNANSWERABLE_SOURCE, unanswerable_pairs
from qacore import FORMAT_VERSION
from qacore.config import QAConfig
from qacore.gencache import GenerationCache
from qacore.generation import Generator, make_generator
from qacore.retrieval import Retriever
from qacore.store import Snapshot
from qacore.support import SupportChecker, content_words
from qacore.workspace import (
    Workspace,
    atomic_write_json,
    atomic_write_text,
    fsync_tree,
    read_jsonl,
    remove_tree,
    sha256_file,
    sha256_text,
)

# 2: question templates read as questions (clean titles, labels quoted, plurals); 3: task headings
# (from_headings.py), FAQ headings and their page topic (topic.py), table cells that repeat their row key; 4: a
# lead-in and its list (list_questions.py); 5: lists of named links (named_links.py)
EXTRACTORS_VERSION = 5


def _own_shots(pairs, n: int = 40) -> list[tuple[str, str]]:
    """Few-shot examples for the LLM from this workspace's own rule-made pairs: wh-questions about short
    sentences, so the model sees questions about these documents rather than the template's generic ones."""
    good = [(p.question, p.answer) for p in pairs if p.question.split()[0] in {"What", "How", "When", "Who", "Where"}
            and len(p.answer.split()) <= 25 and "\n" not in p.answer]
    return sorted(good, key=lambda qa: sha256_text(qa[0]))[:n]


def _generator_family(extractor: str) -> str:
    """'definition' -> 'extractor:definition', 'sentence:number' as is, 'llm:question-v3' -> 'llm' (the names
    `report.by_generator` uses, so candidates and accepted pairs line up)."""
    if extractor.startswith("llm:"):
        return "llm"
    return extractor if extractor.startswith("sentence:") else f"extractor:{extractor}"


def open_generator(config: QAConfig) -> Generator | None:
    """The dataset's LLM (config dataset.generator), or None for "none". Cheap: weights load on first use."""
    spec = config.dataset.generator
    if spec.strip().lower() == "none":
        return None
    return make_generator(spec, base_url=config.dataset.base_url, batch_size=config.dataset.generation_batch_size)


def _progress_bar(total: int, desc: str, unit: str = "prompt"):
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit=unit, file=sys.stderr, disable=None, leave=False)


def round_trip_problem(pair_question: str, fact: str, chunk, retriever: Retriever) -> str | None:
    """An LLM-written question must be about its fact, and specifically: share a key term with the fact beyond
    the document's title and headings, and retrieve its own chunk first. Why this strict: with the looser rule
    (any shared word, chunk anywhere in the top k), 3 of 20 accepted pairs on corpora/ were wrong, all LLM-written
    and all vague ("What VPN service can help with?"); the 135M model's questions are cheap, wrong pairs are not."""
    generic = {"company", "employee", "employees", "policy", "fernhill", "staff", "work", "need", "get"}
    title_words = set(content_words(" ".join([chunk.title or "", *chunk.heading_path])))
    shared = (set(content_words(pair_question)) - generic - title_words) & set(content_words(fact))
    if not shared:
        return "generated question shares no key term with its fact (beyond the title)"
    hits = retriever.search(pair_question, k=1)
    if not hits or hits[0].chunk.id != chunk.id:
        return "generated question does not retrieve its source chunk first"
    return None


def build_dataset(
    workspace: Workspace,
    config: QAConfig,
    *,
    eval_share: float | None = None,
    limits: GateLimits = GateLimits(),
    generator: Generator | None | str = "config",
    wait_seconds: float = 0.0,
    log=lambda message: None,
) -> DatasetReport:
    """generator: "config" opens config.dataset.generator; pass a Generator (tests) or None (extractors only).
    Runs under the workspace lock (waiting up to `wait_seconds` for another qa process): publishing deletes the
    other dataset folders, which must not be another build's half-written or just-published one."""
    with workspace.lock(wait_seconds):
        return _build_dataset(workspace, config, eval_share=eval_share, limits=limits, generator=generator, log=log)


def _build_dataset(workspace: Workspace, config: QAConfig, *, eval_share: float | None, limits: GateLimits,
                   generator: Generator | None | str, log) -> DatasetReport:
    started = time.perf_counter()
    eval_share = config.dataset.eval_share if eval_share is None else eval_share
    snapshot = Snapshot.require(workspace)
    retriever = Retriever(snapshot, config.retrieval)
    embedder = retriever.embedder
    checker = SupportChecker()
    chunks = {c.id: c for c in snapshot.iter_chunks()}
    report = DatasetReport(folder="")
    rejected: Counter = Counter()
    if generator == "config":
        generator = open_generator(config)
    stats = LLMStats(generator=generator.identity.get("model_id", "") if generator else "none")
    cache = GenerationCache(workspace.generation_cache) if generator is not None else None

    # 1. candidates from every chunk, 2. per-pair gates
    kept: list[tuple[Pair, str]] = []  # (pair, split group)
    candidates = []
    taken: dict[int, list[tuple[int, int]]] = {}  # chunk id -> answer spans the extractors use
    running_on = sections_running_on(list(chunks.values()))
    for chunk in chunks.values():
        # "What is Cloud.gov?" from a list of named links, with the extractors' pairs
        for cand in [*extract_all(chunk.text, chunk.id, chunk.source, chunk.title),
                     *named_link_pairs(chunk.text, chunk.id, chunk.source)]:
            if cand.extractor == "faq-heading" and chunk.id in running_on and not chunk.text[cand.answer_end:].strip():
                rejected["answer section goes on in the next chunk"] += 1  # it would be cut (from_headings.py)
                continue
            if cand.extractor == "faq-heading":  # "What are my user roles?" in Concur (ingest/dataset/topic.py)
                cand.question = with_topic(cand.question, chunk.title)
            candidates.append(cand)
            taken.setdefault(chunk.id, []).append((cand.answer_start, cand.answer_end))
    with _progress_bar(len(chunks), "qa generate: sentences", unit="chunk") as bar:
        from_prose, sentence_stats = sentence_pairs(list(chunks.values()), retriever,
                                                    config.dataset.sentence_questions_per_chunk, taken, bar.update)
    from_headings = heading_pairs(list(chunks.values()), retriever, running_on)  # "How do I request leave?"
    candidates += from_prose + from_headings
    for cand in from_prose + from_headings:
        taken.setdefault(cand.chunk_id, []).append((cand.answer_start, cand.answer_end))
    # "What should the medical note include?" from a lead-in and its list, where nothing above used that text
    from_lists = list_pairs(list(chunks.values()), retriever, running_on, taken)
    candidates += from_lists
    for cand in from_lists:
        taken.setdefault(cand.chunk_id, []).append((cand.answer_start, cand.answer_end))
    report.sentences = {k: v for k, v in asdict(sentence_stats).items() if k != "usable_chunks"}
    # a chunk holds a checkable fact if a rule or extractor could read one there: a usable sentence, an FAQ entry,
    # a definition, a table cell or a task heading (the denominator of `fact_chunks_covered`)
    fact_chunks = sentence_stats.usable_chunks | set(taken)
    llm_rated = f"llm:{stats.generator}"  # rated per model: the embedded 135M's questions were 3 of 20 good on 18F
    if generator is not None and config.dataset.llm_questions_per_chunk \
            and not passes(llm_rated, config.dataset.min_rule_quality):
        stats.questions_skipped = (f"{stats.generator}'s questions pass the hand check "
                                   f"{hand_checked_rate(llm_rated):.0%} of the time, below dataset.min_rule_quality "
                                   f"{config.dataset.min_rule_quality}")
    elif generator is not None and config.dataset.llm_questions_per_chunk:
        # the LLM writes questions only where no extractor or sentence rule found one: it is the slow, least
        # precise generator, so it is spent on coverage (and on 18F this keeps the build within 2x the ingest)
        uncovered = [c for c in chunks.values() if c.id not in taken]
        variants = config.dataset.llm_candidates_per_fact
        asked = min(len(uncovered) * config.dataset.llm_questions_per_chunk, config.dataset.llm_max_facts)
        with _progress_bar(asked * variants, "qa generate: questions") as bar:
            candidates += question_candidates(uncovered, generator, cache, config.dataset.llm_questions_per_chunk,
                                              taken, stats, bar.update, shots=_own_shots(from_prose),
                                              variants=variants, max_facts=config.dataset.llm_max_facts)
    report.candidates_by_generator = dict(Counter(_generator_family(c.extractor) for c in candidates).most_common())
    fact_done: set[tuple[int, int]] = set()  # LLM facts that already have an accepted question
    by_prompt: dict[str, list[int]] = {}  # prompt version -> [accepted, candidates]
    for cand in candidates:
        chunk = chunks[cand.chunk_id]
        report.candidates += 1
        is_llm = cand.extractor.startswith("llm:")
        from_rule = cand.extractor.startswith("sentence:")
        if is_llm:
            by_prompt.setdefault(cand.extractor.removeprefix("llm:"), [0, 0])[1] += 1
            if (cand.chunk_id, cand.answer_start) in fact_done:
                rejected["another candidate for the same fact was kept"] += 1
                continue
        if not passes(llm_rated if is_llm else _generator_family(cand.extractor), config.dataset.min_rule_quality):
            rejected["generator below dataset.min_rule_quality"] += 1
            continue
        problem = (question_problem(cand.question, chunk.heading_path, limits) or answer_problem(cand.answer, limits)
                   or support_problem(cand.answer, chunk.text, checker)
                   or (round_trip_problem(cand.question, cand.answer, chunk, retriever)
                       if is_llm else None))
        if problem:
            rejected[problem] += 1
            continue
        pair = Pair(
            id=pair_id(cand.question, cand.answer, chunk.source), question=cand.question, answer=cand.answer,
            answerable=True, split="", source=chunk.source, chunk_id=chunk.id, chunk_hash=chunk.content_hash,
            heading_path=chunk.heading_path,
            answer_span=[chunk.start + cand.answer_start, chunk.start + cand.answer_end],
            generator=(f"llm:{stats.generator}" if is_llm else f"{cand.extractor}@{RULES_VERSION}" if from_rule
                       else f"extractor:{cand.extractor}@{EXTRACTORS_VERSION}"),
            prompt_version=cand.extractor.removeprefix("llm:") if is_llm else None,
        )
        if is_llm:
            fact_done.add((cand.chunk_id, cand.answer_start))
            by_prompt[pair.prompt_version][0] += 1
        # the split unit is the document section (top two heading levels), never smaller than a chunk
        kept.append((pair, f"{chunk.source}\n{' > '.join(chunk.heading_path[:2])}"))
    stats.accepted_by_prompt = {version: f"{n_ok}/{n}" for version, (n_ok, n) in sorted(by_prompt.items())}

    # 3. near-duplicate questions (embedding similarity), first one wins
    if kept:
        vectors = embedder.embed([p.question for p, _ in kept])
        duplicate_of = near_duplicates(vectors, limits.duplicate_cosine)
        rejected["near-duplicate question"] += sum(d is not None for d in duplicate_of)
        keep_rows = [i for i, d in enumerate(duplicate_of) if d is None]
        kept = [kept[i] for i in keep_rows]
        vectors = vectors[keep_rows]
    else:
        vectors = np.zeros((0, embedder.dim), dtype=np.float32)
    # question vectors are reused by the audit below instead of embedding the same questions again
    vector_of = {p.question: v for (p, _), v in zip(kept, vectors, strict=True)}

    # 4. leakage-safe split by section; then drop eval pairs that paraphrase a train question
    split_of = assign_splits([group for _, group in kept], eval_share)
    for pair, group in kept:
        pair.split = split_of[group]
    train_rows = [i for i, (p, _) in enumerate(kept) if p.split == "train"]
    eval_rows = [i for i, (p, _) in enumerate(kept) if p.split == "eval"]
    if train_rows and eval_rows:
        sims = vectors[eval_rows] @ vectors[train_rows].T  # (n_eval, n_train)
        leaky = {eval_rows[i] for i in np.where(sims.max(axis=1) >= 0.9)[0]}
        rejected["eval question near-duplicates a train question"] += len(leaky)
        kept = [kp for i, kp in enumerate(kept) if i not in leaky]
    train = [p for p, _ in kept if p.split == "train"]
    evaluation = [p for p, _ in kept if p.split == "eval"]

    # 4b. eval questions are paraphrased, so eval measures understanding rather than recall of training wording
    to_paraphrase = spread(evaluation, config.dataset.paraphrase_max) if config.dataset.paraphrase_eval else []
    if generator is not None and to_paraphrase:
        if len(to_paraphrase) < len(evaluation):
            log(f"qa: paraphrasing {len(to_paraphrase)} of {len(evaluation)} eval questions (dataset.paraphrase_max)")
        with _progress_bar(len(to_paraphrase), "qa generate: paraphrases") as bar:
            paraphrases = paraphrase_questions([p.question for p in to_paraphrase], generator, cache, embedder,
                                               stats, progress=bar.update)
        for pair, paraphrase in zip(to_paraphrase, paraphrases, strict=True):
            if paraphrase is None:
                continue
            if question_problem(paraphrase, pair.heading_path, limits):
                stats.paraphrase_rejected["failed the question gates"] = (
                    stats.paraphrase_rejected.get("failed the question gates", 0) + 1)
                stats.paraphrased -= 1
                continue
            pair.paraphrase_of, pair.question = pair.question, paraphrase
            pair.prompt_version = "+".join(filter(None, [pair.prompt_version, load_prompt("paraphrase_question").version]))

    # user-imported pairs (`qa import`) join their split as they are: the user vouches for them
    from ingest.dataset.io import load_imported

    imported = load_imported(workspace)
    train += [p for p in imported if p.split == "train"]
    evaluation += [p for p in imported if p.split == "eval"]

    # 5. unanswerable questions (ingest/dataset/unanswerable.py); train refusals stay a minority of train
    unanswerable, train_refusals = unanswerable_pairs(train, evaluation, list(chunks.values()), retriever,
                                                      config.retrieval.k, limits, rejected)
    train += train_refusals
    report.unanswerable_by_kind = dict(Counter(p.generator.split(":")[0] for p in unanswerable).most_common())
    if len(unanswerable) < 0.1 * (len(evaluation) + len(unanswerable)):
        log(f"qa: only {len(unanswerable)} unanswerable questions for {len(evaluation)} eval pairs (< 10%)")

    # 6. audit and report
    train_chunks = {p.chunk_id for p in train if p.chunk_id is not None}
    report.shared_chunks_between_splits = len(train_chunks & {p.chunk_id for p in evaluation})
    if train and evaluation:
        new = sorted({p.question for p in train + evaluation} - vector_of.keys())  # imported pairs
        vector_of.update(zip(new, embedder.embed(new), strict=True))
        t_vec = np.stack([vector_of[p.question] for p in train])
        e_vec = np.stack([vector_of[p.question] for p in evaluation])
        report.train_eval_near_duplicates = int(((e_vec @ t_vec.T) >= 0.9).any(axis=1).sum())
    report.accepted = {"train": len(train), "eval": len(evaluation), "unanswerable": len(unanswerable)}
    report.rejected = dict(rejected.most_common())
    report.by_generator = dict(Counter(family(p.generator) for p in train + evaluation).most_common())
    report.llm = asdict(stats)
    report.question_types = dict(Counter(question_type(p.question) for p in train + evaluation).most_common())
    if cache is not None:
        cache.close()
    covered_docs = {p.source for p in train + evaluation if p.source}
    covered_chunks = {p.chunk_id for p in train + evaluation if p.chunk_id is not None}
    report.documents_covered = f"{len(covered_docs)}/{len(snapshot.documents)}"
    report.chunks_covered = f"{len(covered_chunks)}/{len(chunks)}"
    report.fact_chunks_covered = f"{len(covered_chunks & fact_chunks)}/{len(fact_chunks)}"
    report.coverage_by_document, report.documents_without_pairs = coverage_by_document(chunks.values(), covered_chunks)
    report.prose_words = sum(prose_words(c.text) for c in chunks.values())
    answerable = sum(p.answerable for p in train + evaluation)
    report.words_per_pair = round(report.prose_words / answerable, 1) if answerable else 0.0
    report.expected_good = round(expected_good(  # imported pairs are the user's, not a generator's
        p.generator for p in train + evaluation if p.answerable and not p.generator.startswith("import:")), 3)
    total_eval = len(evaluation) + len(unanswerable)
    report.unanswerable_share_of_eval = round(len(unanswerable) / total_eval, 3) if total_eval else 0.0
    report.seconds = round(time.perf_counter() - started, 2)

    manifest = {
        "format_version": FORMAT_VERSION, "kind": "qa.dataset",
        "created_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "index_snapshot": snapshot.path.name, "embedding": snapshot.manifest["embedding"],
        "generators": {"extractors": EXTRACTORS_VERSION, "sentence_rules": RULES_VERSION,
                       "unanswerable_bank": UNANSWERABLE_SOURCE,
                       "llm": generator.identity if generator is not None else None,
                       "prompts": [load_prompt(n).version for n in ("question_from_fact", "paraphrase_question")]},
        "eval_share": eval_share, "gate_limits": asdict(limits), "config": config.model_dump(mode="json"),
    }
    _publish(workspace, {"train.jsonl": train, "eval.jsonl": evaluation, "unanswerable.jsonl": unanswerable},
             report, manifest)
    return report


def _publish(workspace: Workspace, splits: dict[str, list[Pair]], report: DatasetReport, manifest: dict) -> None:
    """Write a new dataset folder, then repoint datasets/CURRENT atomically; then drop older folders."""
    root = workspace.root / "datasets"
    # timestamp for people, random suffix for uniqueness: two builds in the same second (same process even)
    # must not collide, or the second would fail to publish
    name = time.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]
    tmp = root / f".tmp-{name}"
    tmp.mkdir(parents=True)
    try:
        for filename, pairs in splits.items():
            with open(tmp / filename, "w", encoding="utf-8") as fh:
                for pair in pairs:
                    fh.write(json.dumps(asdict(pair), ensure_ascii=False) + "\n")
        manifest["files"] = {filename: sha256_file(tmp / filename) for filename in splits}
        manifest["counts"] = {filename: len(pairs) for filename, pairs in splits.items()}
        report.folder = str(root / name)
        atomic_write_json(tmp / "report.json", report.to_json())
        atomic_write_json(tmp / "manifest.json", manifest)
        fsync_tree(tmp)
        os.replace(tmp, root / name)
        atomic_write_text(root / "CURRENT", name + "\n")
    except BaseException:
        remove_tree(tmp)
        raise
    for old in root.iterdir():
        if old.is_dir() and old.name != name:
            remove_tree(old)


def current_dataset(workspace: Workspace) -> Path | None:
    return workspace.current_dataset()


read_pairs = read_jsonl
