"""The hand-checked pass rate per generator (ingest/dataset/rule_quality.py) and `dataset.min_rule_quality`."""

from pathlib import Path

import pytest

from ingest.dataset.rule_quality import (
    HAND_CHECKED,
    counts_from_labels,
    expected_good,
    family,
    hand_checked_rate,
    overall_rate,
    passes,
    rated_as,
)
from qacore.config import QAConfig

LABELS = Path(__file__).resolve().parent.parent / "bench" / "data" / "18f-dataset-labels.jsonl"


def test_the_shipped_rates_are_the_committed_labels():
    # a new labelling round changes the counts: re-run counts_from_labels and paste its result into HAND_CHECKED
    assert counts_from_labels(LABELS) == HAND_CHECKED


def test_family_names():
    assert family("sentence:condition@2") == "sentence:condition"
    assert family("extractor:section@5") == "extractor:section"
    assert family("llm:SmolLM2-135M-Instruct") == "llm"


def test_few_labels_cannot_pass_on_luck():
    good, n = HAND_CHECKED["sentence:agent"]
    assert good == n  # every one of its few labels passed ...
    assert hand_checked_rate("sentence:agent@2") < 0.8  # ... but shrunk towards the overall rate it does not
    assert hand_checked_rate("extractor:section@5") >= 0.8  # many labels, mostly good
    assert hand_checked_rate("sentence:object@2") < 0.5


def test_unlabelled_generators_count_at_the_overall_rate():
    assert hand_checked_rate("extractor:new-rule@1") == pytest.approx(overall_rate())
    # LLM questions are rated per model: the embedded 135M's were labelled (round 25: 3 of 20 good), far below the
    # rules and below the default dataset.min_rule_quality; another model's are not labelled and count as average
    embedded = "llm:HuggingFaceTB/SmolLM2-135M-Instruct (GGUF Q4_1, dequantized)"
    assert rated_as(embedded) == "llm:SmolLM2-135M-Instruct" and family(embedded) == "llm"
    assert hand_checked_rate(embedded) < 0.3 < overall_rate()
    assert hand_checked_rate("llm:llama3.1:70b") == pytest.approx(overall_rate())
    assert not passes(embedded, QAConfig().dataset.min_rule_quality) and passes("llm:gpt-4o", 0.3)
    assert all(passes(name, QAConfig().dataset.min_rule_quality) for name in HAND_CHECKED if name.startswith(
        ("extractor:", "sentence:")))  # the default drops no rule
    # a Q:/A: line is an author's question like an FAQ heading (18F has none to label)
    assert hand_checked_rate("extractor:faq-line@5") == hand_checked_rate("extractor:faq-heading@5")


def test_expected_good_is_the_mean_rate_of_the_pairs():
    pairs = ["extractor:section@5", "extractor:section@5", "sentence:object@2"]
    assert expected_good(pairs) == pytest.approx((2 * hand_checked_rate(pairs[0]) + hand_checked_rate(pairs[2])) / 3)
    assert expected_good([]) == 0.0


def test_zero_keeps_everything():
    assert passes("sentence:object@2", 0.0) and passes("llm:x", 0.0)
    assert not passes("sentence:object@2", 0.8) and passes("extractor:definition@5", 0.8)


def test_config_rejects_out_of_range():
    from qacore.config import ConfigError, load_config

    with pytest.raises(ConfigError):
        load_config(None, {"dataset.min_rule_quality": 1.5})
