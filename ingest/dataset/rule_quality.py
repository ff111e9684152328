"""How often each generator's pairs pass the hand check, and `dataset.min_rule_quality`, which keeps only the
generators that pass it often enough.

Why: the dataset cannot be both large and clean with the LLM-free generators. On the 18F handbook the hand checks
(bench/data/18f-dataset-labels.jsonl, rules in docs/labelling.md) pass 83-88% of the heading, FAQ and definition
pairs but 33-63% of most sentence-rule pairs, and no ranking we measured separates a sentence rule's good pairs
from its bad ones (BENCHMARKS.md, "Reading the synthetic Q&A numbers": a classifier on the labels reached a
cross-validated AUC of 0.65, the 135M model's log-probability of the question 0.50). So the trade is made per
generator: by default (0.3) every rule is kept (1,881 pairs from 45% of the chunks, 65% good by these rates) and
only the embedded SmolLM2-135M's questions are left out (3 of 20 good, round 25; LLMs are rated per model, so a
capable endpoint's questions, unlabelled, count at the overall rate and stay);
`min_rule_quality = 0.8` keeps the four generators measured at 80% or more (533 pairs from 15% of the chunks, an
expected 82% good and 51 of 60 in its hand-checked sample; `bench/dataset_probes.py` prints the whole trade-off),
for an eval set or a first fine-tune where a wrong pair costs more than a missing one.

The rates are the labels of rounds 12 and later (rounds before 12 judged rules since rewritten), shrunk towards the
overall rate by `PSEUDO_LABELS` so that a generator with three labels cannot pass on luck ("sentence:agent", 3 of
3, counts 0.77). A generator never labelled on 18F counts as the labelled one it works like (a "Q:/A:" line as
an FAQ heading) or, with none, at the overall rate; an LLM is rated by its model (`rated_as`). The rates are
measured on one handbook: on other documents read them as a ranking, not a promise (18F's table cells pass 7 of 13, corpora/'s clean tables would
do better, and 0.8 drops them there too).
`tests/test_dataset_rule_quality.py` checks that HAND_CHECKED matches the committed labels.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

FIRST_ROUND = 12
PSEUDO_LABELS = 5
# generator family -> (labelled good, labelled), 18F hand checks of rounds >= FIRST_ROUND (`counts_from_labels`)
HAND_CHECKED: dict[str, tuple[int, int]] = {
    "extractor:definition": (32, 37), "extractor:faq-heading": (16, 18), "extractor:link": (1, 2),
    "extractor:list": (6, 9), "extractor:section": (78, 96), "extractor:table": (7, 13), "extractor:task": (7, 14),
    "llm:SmolLM2-135M-Instruct": (3, 20),
    "sentence:agent": (3, 3), "sentence:condition": (26, 46), "sentence:definition": (17, 19),
    "sentence:frequency": (1, 1), "sentence:imperative": (10, 18), "sentence:means": (2, 7),
    "sentence:number": (3, 9), "sentence:object": (10, 26), "sentence:outcome": (23, 39), "sentence:place": (3, 6),
    "sentence:purpose": (9, 12), "sentence:responsible": (1, 1), "sentence:statement": (57, 95),
    "sentence:time": (4, 5), "sentence:yes-no": (28, 47),
}
_CHECKS = ("natural", "self_contained", "answerable", "correct")


def family(generator: str) -> str:
    """"sentence:condition@2" -> "sentence:condition"; "llm:SmolLM2-..." -> "llm"."""
    name = generator.split("@")[0]
    return name if name.startswith(("extractor:", "sentence:")) else name.split(":")[0]


def rated_as(generator: str) -> str:
    """The HAND_CHECKED key of a generator: its family, except that an LLM's questions are rated per model (a
    capable endpoint is not the embedded 135M): "llm:HuggingFaceTB/SmolLM2-135M-Instruct (GGUF Q4_1, dequantized)"
    -> "llm:SmolLM2-135M-Instruct"."""
    if not generator.startswith("llm:"):
        return family(generator)
    model = generator.removeprefix("llm:").split(" (")[0].rstrip("/").rsplit("/", 1)[-1]
    return f"llm:{model}"


def overall_rate() -> float:
    return sum(g for g, _ in HAND_CHECKED.values()) / sum(n for _, n in HAND_CHECKED.values())


# a generator the 18F handbook cannot exercise, read as the labelled one it works like: a "Q: ... A: ..." line is a
# question the documents' author wrote, like an FAQ heading (corpora/ has 48 such pairs, 18F none)
_WORKS_LIKE = {"extractor:faq-line": "extractor:faq-heading"}


def hand_checked_rate(generator: str) -> float:
    """The share of `generator`'s pairs that pass the hand check, shrunk towards the overall rate."""
    name = rated_as(generator)
    good, n = HAND_CHECKED.get(_WORKS_LIKE.get(name, name), (0, 0))
    return (good + PSEUDO_LABELS * overall_rate()) / (n + PSEUDO_LABELS)


def expected_good(generators: Iterable[str]) -> float:
    """The share of pairs from these generators (one name per pair) expected to pass the hand check; 0 for none."""
    rates = [hand_checked_rate(g) for g in generators]
    return sum(rates) / len(rates) if rates else 0.0


def passes(generator: str, min_rule_quality: float) -> bool:
    return min_rule_quality <= 0 or hand_checked_rate(generator) >= min_rule_quality


def counts_from_labels(path: Path, first_round: int = FIRST_ROUND) -> dict[str, tuple[int, int]]:
    """HAND_CHECKED recomputed from a labels file (one JSON object per line, as bench/data/18f-dataset-labels.jsonl)."""
    good: Counter = Counter()
    total: Counter = Counter()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        label = json.loads(line)
        if label["round"] >= first_round:
            name = rated_as(label["generator"])
            total[name] += 1
            good[name] += all(label[check] for check in _CHECKS)
    return {name: (good[name], total[name]) for name in sorted(total)}
