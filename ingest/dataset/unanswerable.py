"""In-domain questions the documents do not answer: the eval set's negatives, and a few refusals for training.

Two sources, because neither alone is enough: (a) a bank of generic workplace questions (HR, IT, facilities;
unanswerable_questions.txt), kept only when retrieval cannot find their answer in this corpus; (b) answerable
questions with their key entity swapped for a same-kind neighbour the corpus never mentions ("... for UK
employees?" -> "... for Japan employees?"), which look exactly like the answerable ones. Swaps of eval questions and
the bank form unanswerable.jsonl; swaps of train questions (at most 10% of train) teach refusal in train.jsonl.
"""

from __future__ import annotations

from collections import Counter
from importlib import resources

from ingest.dataset.gates import GateLimits, question_problem
from ingest.dataset.pairs import Pair, pair_id
from ingest.dataset.swaps import entity_swaps
from qacore.prompting import REFUSAL
from qacore.retrieval import Retriever
from qacore.store import Chunk
from qacore.support import content_words

UNANSWERABLE_SOURCE = "unanswerable_questions.txt"


def load_unanswerable_bank() -> list[str]:
    text = resources.files("ingest.dataset").joinpath(UNANSWERABLE_SOURCE).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def corpus_answers(question: str, retriever: Retriever, k: int = 5, coverage: float = 0.75) -> bool:
    """Could the corpus answer this? True when a top-k chunk contains most of the question's content words."""
    words = set(content_words(question)) - {"company", "employee", "employees", "office", "policy", "work", "get"}
    if not words:
        return True
    for hit in retriever.search(question, k=k):
        chunk_words = set(content_words(hit.chunk.text))
        if sum(w in chunk_words for w in words) / len(words) >= coverage:
            return True
    return False


def unanswerable_pairs(train: list[Pair], evaluation: list[Pair], chunks: list[Chunk], retriever: Retriever, k: int,
                       limits: GateLimits, rejected: Counter) -> tuple[list[Pair], list[Pair]]:
    """(unanswerable eval questions, refusals to add to train); every rejection is counted in `rejected`."""
    unanswerable = []
    for question in load_unanswerable_bank():
        if corpus_answers(question, retriever):
            rejected["unanswerable candidate is answered by the corpus"] += 1
            continue
        unanswerable.append(Pair(id=pair_id(question, REFUSAL, None), question=question, answer=REFUSAL,
                                 answerable=False, split="eval", generator="bank:unanswerable_questions@1"))
    corpus_text = "\n".join(c.text for c in chunks)
    train_refusals = []
    for split_pairs, target in ((evaluation, unanswerable), (train, train_refusals)):
        originals = [p.paraphrase_of or p.question for p in split_pairs if p.answerable]
        for _original, swapped, change in entity_swaps(originals, corpus_text):
            if question_problem(swapped, (), limits):
                rejected["entity swap fails the question gates"] += 1
                continue
            new_entity = change.split(" -> ")[1].lower()
            if any(new_entity in hit.chunk.text.lower() for hit in retriever.search(swapped, k=k)):
                rejected["entity swap is answered by the corpus"] += 1
                continue
            target.append(Pair(id=pair_id(swapped, REFUSAL, None), question=swapped, answer=REFUSAL,
                               answerable=False, split="train" if target is train_refusals else "eval",
                               generator="swap:entity@1", swapped=change))
    # The bank is generic workplace questions: on a corpus far from HR and IT (privacy policies: 49 bank vs 16
    # eval questions) it would swamp the eval set. Unanswerable items stay at most as many as answerable ones.
    over = len(unanswerable) - max(len(evaluation), 1)
    bank_ids = [p.id for p in unanswerable if p.generator.startswith("bank:")]
    if over > 0 and bank_ids:
        dropped = set(bank_ids[len(bank_ids) - min(over, len(bank_ids)):])
        unanswerable = [p for p in unanswerable if p.id not in dropped]
        rejected["bank question over the cap (unanswerable <= answerable eval)"] += len(dropped)
    # refusals stay a minority of training, or a small model learns to refuse everything
    return unanswerable, train_refusals[: max(1, len(train) // 10)]
