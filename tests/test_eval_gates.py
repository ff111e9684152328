"""CI gates of `qa eval`: threshold expressions (parsing, config validation, evaluation) and the paired-bootstrap
comparison with a baseline run."""

from __future__ import annotations

import json
import random

import pytest

from evalharness.gates import (
    EXIT_ERROR,
    EXIT_GATE_FAILED,
    EXIT_OK,
    BaselineError,
    GateExpressionError,
    GateResult,
    compare_to_baseline,
    evaluate_gates,
    exit_code,
    load_baseline,
    parse_gate,
)
from evalharness.report import write_reports
from qacore.config import load_config
from qacore.errors import ConfigError
from qacore.workspace import Workspace

HIGHER = {
    "answer_correct": True,
    "token_f1": True,
    "abstention": True,
    "hallucination_rate": False,
    "latency_s": False,
}


def make_summary(values: dict[str, dict[str, float | None]], run: str = "r1") -> dict:
    return {
        "format_version": 1,
        "kind": "qa.eval",
        "run": run,
        "created_at": "2026-11-30T06:00:00+00:00",
        "variants": {
            v: {
                "metrics": {
                    m: {
                        "value": x,
                        "ci": None if x is None else [x - 0.05, x + 0.05],
                        "n": 60,
                        "unscored": 0 if x is not None else 60,
                        "higher_is_better": HIGHER[m],
                    }
                    for m, x in ms.items()
                },
                "items": 60,
                "description": v,
            }
            for v, ms in values.items()
        },
        "metrics": {
            m: {"description": m, "higher_is_better": h, "applies_to": "all"} for m, h in HIGHER.items()
        },
        "calibration": {},
        "judge": {"name": "verifier", "parse_failures": 0, "unscored": 0},
        "config": {},
        "gates": [],
    }


def make_run(variant: str, per_metric_scores: dict[str, list[float | None]], run: str = "r1"):
    """(summary, items) with one item per index; summary values are the item means."""
    n = len(next(iter(per_metric_scores.values())))
    items = [
        {
            "variant": variant,
            "item_id": f"q{i:03d}",
            "question": f"question {i}",
            "reference": "ref",
            "answerable": True,
            "answer": "a",
            "refused": False,
            "contexts": [],
            "claims": [],
            "scores": {m: scores[i] for m, scores in per_metric_scores.items()},
            "latency_s": 0.1,
            "new_tokens": 5,
        }
        for i in range(n)
    ]
    means = {}
    for m, scores in per_metric_scores.items():
        vals = [s for s in scores if s is not None]
        means[m] = sum(vals) / len(vals) if vals else None
    return make_summary({variant: means}, run=run), items


def ones(n: int, k: int, seed: int = 0) -> list[float]:
    """n scores of which k are 1.0, at random positions (fixed seed)."""
    positions = set(random.Random(seed).sample(range(n), k))
    return [1.0 if i in positions else 0.0 for i in range(n)]


# ------------------------------------------------------------------------------------------- expressions


@pytest.mark.parametrize(
    "expr, variant, metric, op, threshold",
    [
        ("tuned+rag.hallucination_rate <= 0.15", "tuned+rag", "hallucination_rate", "<=", 0.15),
        ("tuned+rag.abstention>=0.8", "tuned+rag", "abstention", ">=", 0.8),
        ("openai:gpt-4o+rag.answer_correct > .5", "openai:gpt-4o+rag", "answer_correct", ">", 0.5),
        (
            "openai:gpt-4.1-mini+rag.hallucination_rate < 15%",
            "openai:gpt-4.1-mini+rag",
            "hallucination_rate",
            "<",
            0.15,
        ),
        ("  base.latency_s == 1e-3 ", "base", "latency_s", "==", 0.001),
        ("extractive+rag.mrr >= -0", "extractive+rag", "mrr", ">=", 0.0),
    ],
)
def test_parse_gate_splits_on_the_last_dot_before_metric_and_operator(expr, variant, metric, op, threshold):
    gate = parse_gate(expr)
    assert (gate.variant, gate.metric, gate.op) == (variant, metric, op)
    assert gate.threshold == pytest.approx(threshold)
    assert gate.expression == expr.strip()


@pytest.mark.parametrize(
    "bad",
    [
        "tuned+rag.hallucination_rate =< 0.15",  # operator typo
        "tuned+rag hallucination_rate <= 0.15",  # no dot
        "tuned+rag.hallucination_rate <= high",  # not a number
        "tuned+rag.hallucination_rate <= 0.1 < 0.2",
        "a.b <= 0.5.c < 2",  # two comparisons, the greedy variant would swallow one
        "tuned+rag.1metric <= 0.1",  # metric must be an identifier
        ".hallucination_rate <= 0.1",  # no variant
        "tuned+rag.hallucination_rate != 0.1",
        "",
    ],
)
def test_bad_gate_expressions_are_rejected_naming_the_expression(bad):
    with pytest.raises(GateExpressionError) as info:
        parse_gate(bad)
    assert repr(bad) in str(info.value)
    assert "VARIANT.METRIC OP NUMBER" in str(info.value)


def test_config_validates_gates_at_load_time(tmp_path):
    good = tmp_path / "good.toml"
    good.write_text(
        '[eval]\ngates = ["tuned+rag.hallucination_rate <= 0.15", "openai:gpt-4o+rag.abstention >= 0.8"]\n'
    )
    config = load_config(good)
    assert config.eval.gates == [
        "tuned+rag.hallucination_rate <= 0.15",
        "openai:gpt-4o+rag.abstention >= 0.8",
    ]
    assert load_config(None).eval.gates == []

    bad = tmp_path / "bad.toml"
    bad.write_text(
        '[eval]\ngates = ["tuned+rag.hallucination_rate <= 0.2", "base.answer_correct => 0.5", '
        '"no_metric_here <= 1"]\n'
    )
    with pytest.raises(ConfigError) as info:
        load_config(bad)
    message = str(info.value)
    assert "eval.gates" in message
    assert "'base.answer_correct => 0.5'" in message and "'no_metric_here <= 1'" in message
    assert (
        "'tuned+rag.hallucination_rate <= 0.2'" not in message.split("(got")[0]
    )  # the good one is not blamed


# ----------------------------------------------------------------------------------------------- thresholds


def test_threshold_gates_pass_and_fail_by_operator():
    summary = make_summary(
        {
            "tuned+rag": {"hallucination_rate": 0.15, "abstention": 0.9},
            "base": {"hallucination_rate": 0.4, "abstention": 0.2},
        }
    )
    results = evaluate_gates(
        summary,
        [
            "tuned+rag.hallucination_rate <= 0.15",  # equal: passes
            "tuned+rag.hallucination_rate < 0.15",  # equal: fails
            "tuned+rag.abstention >= 0.8",
            "base.abstention > 0.5",
            "base.hallucination_rate == 0.4",
        ],
    )
    assert [r.passed for r in results] == [True, False, True, False, True]
    failed = results[1]
    assert failed.kind == "threshold" and failed.value == pytest.approx(0.15) and failed.threshold == 0.15
    assert "is not <" in failed.message
    assert exit_code(results) == EXIT_GATE_FAILED
    assert exit_code([r for r in results if r.passed]) == EXIT_OK
    assert exit_code([]) == EXIT_OK
    assert (EXIT_OK, EXIT_ERROR, EXIT_GATE_FAILED) == (0, 1, 3)


def test_gates_on_missing_variant_metric_or_value_fail_with_a_reason():
    summary = make_summary({"tuned+rag": {"hallucination_rate": None, "abstention": 0.9}})
    summary["variants"]["tuned+rag"]["metrics"]["answer_correct"] = {
        "value": float("nan"),
        "ci": None,
        "n": 0,
        "unscored": 60,
        "higher_is_better": True,
    }
    results = evaluate_gates(
        summary,
        [
            "tuned.hallucination_rate <= 0.5",  # no such variant
            "tuned+rag.hit_at_k >= 0.5",  # no such metric
            "tuned+rag.hallucination_rate <= 1.0",  # value None: would pass any threshold, must not
            "tuned+rag.answer_correct >= 0",  # NaN
        ],
    )
    assert not any(r.passed for r in results)
    assert "variant 'tuned' is not in this run" in results[0].message and "tuned+rag" in results[0].message
    assert "metric 'hit_at_k' was not measured" in results[1].message
    assert "has no value" in results[2].message and "unscored=60" in results[2].message
    assert "has no value" in results[3].message


def test_gate_result_json_round_trip():
    result = evaluate_gates(make_summary({"v": {"abstention": 0.5}}), ["v.abstention >= 0.4"])[0]
    data = json.loads(json.dumps(result.to_json()))
    assert GateResult.from_json(data) == result


# ------------------------------------------------------------------------------------------------- baseline


def test_baseline_catches_a_planted_hallucination_regression():
    base_summary, base_items = make_run(
        "tuned+rag",
        {"hallucination_rate": ones(60, 6, seed=1), "answer_correct": ones(60, 40, seed=2)},
        run="base",
    )
    cur_summary, cur_items = make_run(
        "tuned+rag",
        {"hallucination_rate": ones(60, 30, seed=3), "answer_correct": ones(60, 40, seed=2)},
        run="cur",
    )
    results = compare_to_baseline(cur_summary, cur_items, base_summary, base_items)
    by_metric = {r.metric: r for r in results}
    hall = by_metric["hallucination_rate"]
    assert not hall.passed and hall.kind == "baseline"
    assert hall.baseline == pytest.approx(0.1) and hall.value == pytest.approx(0.5)
    assert hall.delta == pytest.approx(0.4) and hall.ci[0] > 0 and hall.n == 60
    assert hall.message.startswith("regression")
    assert by_metric["answer_correct"].passed  # unchanged
    assert exit_code(results) == EXIT_GATE_FAILED


def test_baseline_catches_a_drop_in_a_higher_is_better_metric_and_accepts_improvements():
    base_summary, base_items = make_run(
        "base+rag", {"answer_correct": ones(60, 48, seed=4), "hallucination_rate": ones(60, 30, seed=5)}
    )
    cur_summary, cur_items = make_run(
        "base+rag", {"answer_correct": ones(60, 24, seed=6), "hallucination_rate": ones(60, 3, seed=7)}
    )
    by_metric = {r.metric: r for r in compare_to_baseline(cur_summary, cur_items, base_summary, base_items)}
    assert not by_metric["answer_correct"].passed
    assert by_metric["hallucination_rate"].passed and by_metric["hallucination_rate"].message.startswith(
        "improved"
    )


def test_identical_or_equivalent_rerun_never_fails():
    summary, items = make_run(
        "tuned+rag",
        {
            "hallucination_rate": ones(60, 9, seed=8),
            "token_f1": [random.Random(i).random() for i in range(60)],
            "answer_correct": ones(60, 30, seed=9),
        },
    )
    results = compare_to_baseline(summary, items, summary, items)
    assert results and all(r.passed and not r.skipped for r in results)
    assert all(r.delta == 0 and r.ci == (0.0, 0.0) for r in results)
    # the same results in another order, as re-read from disk (JSON round trip), with another run name
    shuffled = json.loads(json.dumps(items))
    random.Random(1).shuffle(shuffled)
    again = json.loads(json.dumps({**summary, "run": "r2"}))
    assert all(r.passed for r in compare_to_baseline(again, shuffled, summary, items))


def test_small_noise_is_not_called_a_regression():
    rng = random.Random(11)
    base = ones(60, 6, seed=12)
    noisy = list(base)
    flips = rng.sample([i for i, x in enumerate(base) if x == 0.0], 2)  # 2 of 60 items newly hallucinate
    for i in flips:
        noisy[i] = 1.0
    f1_base = [rng.random() for _ in range(60)]
    f1_noisy = [min(1.0, max(0.0, x + rng.gauss(0, 0.05))) for x in f1_base]
    base_summary, base_items = make_run("tuned+rag", {"hallucination_rate": base, "token_f1": f1_base})
    cur_summary, cur_items = make_run("tuned+rag", {"hallucination_rate": noisy, "token_f1": f1_noisy})
    results = compare_to_baseline(cur_summary, cur_items, base_summary, base_items)
    assert all(r.passed for r in results), [r.message for r in results]
    hall = next(r for r in results if r.metric == "hallucination_rate")
    assert hall.delta == pytest.approx(2 / 60) and hall.ci[0] <= 0 <= hall.ci[1]


def test_consistent_change_below_min_effect_passes_above_it_fails():
    f1 = [0.2 + 0.6 * random.Random(i).random() for i in range(60)]
    base_summary, base_items = make_run("tuned+rag", {"token_f1": f1})
    small_summary, small_items = make_run("tuned+rag", {"token_f1": [x - 0.01 for x in f1]})
    big_summary, big_items = make_run("tuned+rag", {"token_f1": [x - 0.05 for x in f1]})
    small = compare_to_baseline(small_summary, small_items, base_summary, base_items)[0]
    assert small.passed and "within the minimum effect" in small.message and small.ci[1] < 0
    big = compare_to_baseline(big_summary, big_items, base_summary, base_items)[0]
    assert not big.passed
    stricter = compare_to_baseline(small_summary, small_items, base_summary, base_items, min_effect=0.005)[0]
    assert not stricter.passed


def test_baseline_pairs_only_shared_items_and_is_deterministic():
    base_summary, base_items = make_run("tuned+rag", {"hallucination_rate": ones(60, 6, seed=13)})
    cur_summary, cur_items = make_run("tuned+rag", {"hallucination_rate": ones(60, 30, seed=14)})
    cur_items = cur_items[:40] + [{**it, "item_id": "new-" + it["item_id"]} for it in cur_items[40:]]
    first = compare_to_baseline(cur_summary, cur_items, base_summary, base_items)
    second = compare_to_baseline(cur_summary, cur_items, base_summary, base_items)
    assert first == second and first[0].n == 40


def test_baseline_skips_pairs_whose_question_differs_and_counts_them():
    # ids of line numbers (an older qa): one line added on top shifts every id onto the next question
    base_summary, base_items = make_run("tuned+rag", {"hallucination_rate": ones(60, 6, seed=15)})
    cur_summary, cur_items = make_run("tuned+rag", {"hallucination_rate": ones(60, 6, seed=15)})
    shifted = [{**it, "question": base_items[(i + 1) % 60]["question"]} for i, it in enumerate(cur_items[:20])]
    cur_items = shifted + [{**it, "question": "  " + it["question"].upper()} for it in cur_items[20:]]
    result = compare_to_baseline(cur_summary, cur_items, base_summary, base_items)[0]
    assert result.n == 40 and result.passed  # whitespace and case do not make another question
    assert "20 pair(s) skipped: same item_id, different question text" in result.message
    unrelated = [{**it, "question": f"other {i}"} for i, it in enumerate(cur_items)]
    failed = compare_to_baseline(cur_summary, unrelated, base_summary, base_items)
    assert len(failed) == 1 and not failed[0].passed and "60 pair(s) skipped" in failed[0].message
    no_text = [{k: v for k, v in it.items() if k != "question"} for it in unrelated]  # records without the question
    assert compare_to_baseline(cur_summary, no_text, base_summary, base_items)[0].n == 60


def test_baseline_without_shared_items_fails_and_skips_machine_metrics():
    base_summary, base_items = make_run(
        "tuned+rag", {"hallucination_rate": ones(60, 6), "latency_s": [0.1] * 60}
    )
    other = [{**it, "variant": "base"} for it in base_items]
    other_summary = {**base_summary, "variants": {"base": base_summary["variants"]["tuned+rag"]}}
    results = compare_to_baseline(other_summary, other, base_summary, base_items)
    assert len(results) == 1 and not results[0].passed and "shares no" in results[0].message

    slower = [{**it, "scores": {**it["scores"], "latency_s": 5.0}} for it in base_items]
    default = compare_to_baseline(base_summary, slower, base_summary, base_items)
    assert {r.metric for r in default} == {"hallucination_rate"}  # latency is not compared by default
    latency = compare_to_baseline(base_summary, slower, base_summary, base_items, metrics=["latency_s"])
    assert [r.metric for r in latency] == ["latency_s"] and not latency[0].passed


def test_unscored_metric_is_skipped_not_failed():
    base_summary, base_items = make_run(
        "tuned+rag", {"hallucination_rate": ones(60, 6), "abstention": [None] * 60}
    )
    results = compare_to_baseline(base_summary, base_items, base_summary, base_items)
    abst = next(r for r in results if r.metric == "abstention")
    assert abst.passed and abst.skipped and "no item scored in both runs" in abst.message


# -------------------------------------------------------------------------------------------- load_baseline


def test_load_baseline_by_folder_run_name_or_summary_path(tmp_path):
    ws = Workspace.at(tmp_path / ".qa")
    summary, items = make_run("tuned+rag", {"hallucination_rate": ones(60, 6)}, run="main-1")
    run_dir = ws.runs_dir / "main-1"
    write_reports(run_dir, summary, items, formats=[])
    for ref in (run_dir, str(run_dir), "main-1", run_dir / "summary.json"):
        got_summary, got_items = load_baseline(ref, ws)
        assert got_summary["run"] == "main-1" and len(got_items) == 60
        assert got_items[0]["item_id"] == "q000"
    assert load_baseline("main-1", tmp_path / ".qa")[0]["run"] == "main-1"  # workspace as a path

    with pytest.raises(BaselineError, match="not found"):
        load_baseline("no-such-run", ws)
    (run_dir / "items.jsonl").unlink()
    with pytest.raises(BaselineError, match=r"items\.jsonl is missing"):
        load_baseline("main-1", ws)
    other = tmp_path / "other"
    other.mkdir()
    (other / "summary.json").write_text(json.dumps({"kind": "something.else"}))
    (other / "items.jsonl").write_text("")
    with pytest.raises(BaselineError, match="not a qa eval summary"):
        load_baseline(other, ws)
    (other / "summary.json").write_text("{not json")
    with pytest.raises(BaselineError, match="cannot read"):
        load_baseline(other, ws)
