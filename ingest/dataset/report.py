"""The dataset build's report (report.json): counts, rejections, coverage per document, question types. Split out
of build.py, which had grown past 430 lines."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field


@dataclass
class DatasetReport:
    folder: str
    candidates: int = 0
    accepted: dict[str, int] = field(default_factory=dict)
    rejected: dict[str, int] = field(default_factory=dict)
    by_generator: dict[str, int] = field(default_factory=dict)  # accepted answerable pairs
    candidates_by_generator: dict[str, int] = field(default_factory=dict)  # before the gates: acceptance = ratio
    question_types: dict[str, int] = field(default_factory=dict)
    documents_covered: str = ""
    chunks_covered: str = ""
    fact_chunks_covered: str = ""  # covered / chunks with a checkable fact (a usable sentence, FAQ, table, ...)
    unanswerable_share_of_eval: float = 0.0
    unanswerable_by_kind: dict[str, int] = field(default_factory=dict)
    llm: dict = field(default_factory=dict)  # generator, prompts, cache hits, parse failures, paraphrases
    sentences: dict = field(default_factory=dict)  # rule-based questions: sentences parsed, phrased, kept by rule
    prose_words: int = 0  # words of running text in the index (ingest.dataset.prose)
    words_per_pair: float = 0.0  # prose words per accepted answerable pair
    # mean hand-checked pass rate of the generated answerable pairs' generators (rule_quality.py; measured on 18F)
    expected_good: float = 0.0
    coverage_by_document: dict[str, str] = field(default_factory=dict)  # source -> "covered/total" chunks
    documents_without_pairs: list[str] = field(default_factory=list)
    train_eval_near_duplicates: int = 0
    shared_chunks_between_splits: int = 0
    seconds: float = 0.0

    def to_json(self) -> dict:
        return asdict(self)


def question_type(question: str) -> str:
    first = question.strip().split()[0].lower() if question.strip() else ""
    return first if first in {"what", "how", "who", "when", "where", "which", "why", "can", "do", "does", "is",
                              "are"} else "other"


def coverage_by_document(chunks, covered_chunks: set[int]) -> tuple[dict[str, str], list[str]]:
    """"covered/total" chunks per source document, and the documents no accepted pair comes from (what the bot
    will not have learned), both sorted by source."""
    total: Counter = Counter(c.source for c in chunks)
    covered: Counter = Counter(c.source for c in chunks if c.id in covered_chunks)
    by_document = {source: f"{covered[source]}/{total[source]}" for source in sorted(total)}
    return by_document, [source for source in sorted(total) if not covered[source]]
