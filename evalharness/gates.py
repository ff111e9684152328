"""CI gates of `qa eval`: thresholds from `qa.toml` and regressions against a baseline run.

Two kinds of checks, both returning `GateResult`s (stored in `summary["gates"]`, shown by every report):

- **threshold gates** (`eval.gates` in qa.toml, ``"tuned+rag.hallucination_rate <= 0.15"``): the variant's
  metric value must satisfy the comparison. A gate on a variant or metric the run does not have, or on a metric
  whose value is None (nothing could be scored), FAILS with a message saying so: a gate never passes silently.
- **baseline comparison** (`--baseline RUN`): for each variant and metric present in both runs, a paired
  bootstrap over the items both runs share (matched by variant + item_id; a pair whose question text differs is
  skipped and counted) gives a confidence interval of the mean per-item difference. A regression is called only
  when the whole interval lies on the worse side (by the metric's ``higher_is_better``) AND the mean change is
  larger than ``min_effect``; an identical re-run, or one that differs by noise, passes.

Exit codes of `qa eval` (also in docs/ci.md): `EXIT_OK` (0) every gate passed, `EXIT_ERROR` (1) the run could not
be done (missing index, model, baseline...), 2 a usage or configuration error (click's own code, e.g. a bad gate
expression in qa.toml), `EXIT_GATE_FAILED` (3) the run finished and its reports were written, but a gate failed.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from evalharness.bootstrap import bootstrap_ci
from qacore.errors import QAError
from qacore.gate_expr import GateExpression, GateExpressionError, parse_gate_expression
from qacore.workspace import Workspace, read_json, read_jsonl

__all__ = [
    "EXIT_OK",
    "EXIT_ERROR",
    "EXIT_USAGE",
    "EXIT_GATE_FAILED",
    "DEFAULT_MIN_EFFECT",
    "BASELINE_SKIP_METRICS",
    "GateResult",
    "GateExpression",
    "GateExpressionError",
    "BaselineError",
    "parse_gate",
    "evaluate_gates",
    "compare_to_baseline",
    "load_baseline",
    "gates_passed",
    "exit_code",
]

EXIT_OK = 0
"""The run finished and every gate passed."""
EXIT_ERROR = 1
"""The run could not be done: a domain error (missing index or model, unreadable baseline, ...)."""
EXIT_USAGE = 2
"""A usage or configuration error (click's code for bad options; also a bad gate expression in qa.toml)."""
EXIT_GATE_FAILED = 3
"""The run finished and its reports were written, but at least one gate (threshold or baseline) failed."""

DEFAULT_MIN_EFFECT = 0.02
DEFAULT_RESAMPLES = 2000
DEFAULT_SEED = 20240601
BASELINE_SKIP_METRICS = frozenset({"latency_s", "new_tokens"})
"""Not compared with a baseline unless named in `metrics=`: they measure the machine, not the answers."""

SUMMARY_KIND = "qa.eval"
SUPPORTED_FORMAT_VERSIONS = frozenset({1})


class BaselineError(QAError):
    """The baseline run cannot be found or read."""


@dataclass(frozen=True)
class GateResult:
    """The outcome of one gate. `kind` is "threshold" or "baseline"; a skipped check counts as passed."""

    name: str
    kind: str
    passed: bool
    message: str
    variant: str | None = None
    metric: str | None = None
    value: float | None = None
    op: str | None = None
    threshold: float | None = None
    baseline: float | None = None
    delta: float | None = None
    ci: tuple[float, float] | None = None
    n: int | None = None
    skipped: bool = False

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["ci"] = list(self.ci) if self.ci is not None else None
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> GateResult:
        fields = {k: data.get(k) for k in cls.__dataclass_fields__}
        fields["ci"] = tuple(data["ci"]) if data.get("ci") is not None else None
        fields["skipped"] = bool(data.get("skipped", False))
        return cls(**fields)


def parse_gate(expression: str | GateExpression) -> GateExpression:
    """``"VARIANT.METRIC OP NUMBER"`` -> GateExpression; raises GateExpressionError (a ValueError) when bad."""
    return expression if isinstance(expression, GateExpression) else parse_gate_expression(expression)


def _number(value: Any) -> float | None:
    """A finite float, or None for None / NaN / inf / non-numbers (bools count as 0/1)."""
    if value is None or isinstance(value, str):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _fmt(value: float | None) -> str:
    return "None" if value is None else f"{value:.4g}"


def evaluate_gates(summary: dict[str, Any], gates: Iterable[str | GateExpression]) -> list[GateResult]:
    """Check each threshold gate against ``summary["variants"][VARIANT]["metrics"][METRIC]["value"]``.

    A missing variant, a missing metric or a value of None fails (with a message that says which); a bad
    expression raises GateExpressionError (config loading already rejects those for qa.toml)."""
    variants = summary.get("variants") or {}
    results = []
    for raw in gates:
        gate = parse_gate(raw)
        common = {
            "name": gate.expression,
            "kind": "threshold",
            "variant": gate.variant,
            "metric": gate.metric,
            "op": gate.op,
            "threshold": gate.threshold,
        }
        variant = variants.get(gate.variant)
        if variant is None:
            known = ", ".join(variants) or "none"
            results.append(
                GateResult(
                    passed=False,
                    message=f"variant {gate.variant!r} is not in this run (variants: {known})",
                    **common,
                )
            )
            continue
        metric = (variant.get("metrics") or {}).get(gate.metric)
        if metric is None:
            known = ", ".join(variant.get("metrics") or {}) or "none"
            results.append(
                GateResult(
                    passed=False,
                    message=f"metric {gate.metric!r} was not measured for variant "
                    f"{gate.variant!r} (metrics: {known})",
                    **common,
                )
            )
            continue
        value = _number(metric.get("value"))
        n = metric.get("n")
        if value is None:
            results.append(
                GateResult(
                    passed=False,
                    n=n,
                    message=f"{gate.variant}.{gate.metric} has no value (n={n}, unscored={metric.get('unscored')}): "
                    f"nothing could be scored, so the gate cannot pass",
                    **common,
                )
            )
            continue
        ok = gate.holds(value)
        ci = metric.get("ci")
        ci = (_number(ci[0]), _number(ci[1])) if isinstance(ci, list | tuple) and len(ci) == 2 else None
        ci = ci if ci is not None and None not in ci else None
        ci_text = f" (95% CI {_fmt(ci[0])}..{_fmt(ci[1])}, n={n})" if ci else f" (n={n})"
        message = (
            f"{_fmt(value)} {gate.op} {_fmt(gate.threshold)}"
            if ok
            else f"{_fmt(value)} is not {gate.op} {_fmt(gate.threshold)}"
        ) + ci_text
        results.append(
            GateResult(
                passed=ok,
                value=value,
                message=message,
                n=n,
                ci=ci,
                **common,
            )
        )
    return results


def _higher_is_better(
    summary: dict[str, Any], baseline: dict[str, Any], variant: str, metric: str
) -> bool | None:
    for source in (summary, baseline):
        declared = (source.get("metrics") or {}).get(metric) or {}
        if "higher_is_better" in declared:
            return bool(declared["higher_is_better"])
        per_variant = ((source.get("variants") or {}).get(variant, {}).get("metrics") or {}).get(metric) or {}
        if "higher_is_better" in per_variant:
            return bool(per_variant["higher_is_better"])
    return None


def _scores_by_key(items: Iterable[dict[str, Any]], metric: str) -> dict[tuple[str, str], float]:
    scores = {}
    for item in items:
        value = _number((item.get("scores") or {}).get(metric))
        if value is not None:
            scores[(str(item.get("variant")), str(item.get("item_id")))] = value
    return scores


def _questions_by_key(items: Iterable[dict[str, Any]]) -> dict[tuple[str, str], str | None]:
    """(variant, item_id) -> the question, whitespace and case normalised (as evalharness.run hashes it into
    ids), or None where the item record does not carry one."""
    return {
        (str(i.get("variant")), str(i.get("item_id"))): (
            " ".join(i["question"].split()).casefold() if isinstance(i.get("question"), str) else None
        )
        for i in items
    }


def _differ_note(n: int) -> str:
    return f"; {n} pair(s) skipped: same item_id, different question text" if n else ""


def compare_to_baseline(
    summary: dict[str, Any],
    items: Sequence[dict[str, Any]],
    baseline_summary: dict[str, Any],
    baseline_items: Sequence[dict[str, Any]],
    metrics: Iterable[str] | None = None,
    confidence: float = 0.95,
    min_effect: float = DEFAULT_MIN_EFFECT,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
) -> list[GateResult]:
    """One GateResult per (variant, metric) present in both runs: failed when the metric regressed.

    Items are paired by (variant, item_id) where both runs scored them and, where both records carry the
    question, it is the same text (whitespace and case aside); the per-item differences
    (run - baseline) are bootstrapped (`resamples` draws, fixed `seed`) into a `confidence` interval of the mean
    difference. A regression needs the whole interval on the worse side of 0 AND ``|mean difference| >
    min_effect`` (in the metric's own units). `metrics=None` compares every metric both runs have except
    BASELINE_SKIP_METRICS (latency_s, new_tokens). A metric without a direction (higher_is_better) or without
    shared scored items is reported as skipped. If the runs share no item at all, one failed result says so:
    a baseline that cannot be compared must not look like a pass."""
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must be between 0 and 1, got {confidence}")
    if min_effect < 0:
        raise ValueError(f"min_effect must be >= 0, got {min_effect}")
    run_variants = summary.get("variants") or {}
    base_variants = baseline_summary.get("variants") or {}
    wanted = set(metrics) if metrics is not None else None
    run_questions, base_questions = _questions_by_key(items), _questions_by_key(baseline_items)
    # an item_id that names another question in the baseline (an edited gold set, ids of an older qa) would pair
    # unrelated answers: such pairs are left out, and counted in the messages
    differ = {
        k
        for k in run_questions.keys() & base_questions.keys()
        if None not in (run_questions[k], base_questions[k]) and run_questions[k] != base_questions[k]
    }
    shared_keys = (run_questions.keys() & base_questions.keys()) - differ
    if not shared_keys:
        return [
            GateResult(
                name="baseline: shared items",
                kind="baseline",
                passed=False,
                message=f"the baseline run {baseline_summary.get('run')!r} shares no (variant, item_id) with this run: "
                f"nothing can be compared (different dataset or variants?)" + _differ_note(len(differ)),
            )
        ]
    results = []
    for variant, run_entry in run_variants.items():
        if variant not in base_variants:
            continue
        run_metrics = run_entry.get("metrics") or {}
        base_metrics = base_variants[variant].get("metrics") or {}
        for metric in run_metrics:
            if metric not in base_metrics:
                continue
            if wanted is not None:
                if metric not in wanted:
                    continue
            elif metric in BASELINE_SKIP_METRICS:
                continue
            name = f"baseline: {variant}.{metric}"
            common = {"name": name, "kind": "baseline", "variant": variant, "metric": metric}
            higher = _higher_is_better(summary, baseline_summary, variant, metric)
            cur = _scores_by_key((i for i in items if i.get("variant") == variant), metric)
            base = _scores_by_key((i for i in baseline_items if i.get("variant") == variant), metric)
            keys = sorted((cur.keys() & base.keys()) - differ)
            note = _differ_note(sum(k[0] == variant for k in differ))
            if higher is None:
                results.append(
                    GateResult(
                        passed=True,
                        skipped=True,
                        n=len(keys),
                        message=f"{metric} has no higher_is_better: not compared",
                        **common,
                    )
                )
                continue
            if not keys:
                results.append(
                    GateResult(
                        passed=True,
                        skipped=True,
                        n=0,
                        message="no item scored in both runs: not compared" + note,
                        **common,
                    )
                )
                continue
            diffs = np.array([cur[k] - base[k] for k in keys], dtype=float)
            lo, hi = bootstrap_ci(diffs, n_resamples=resamples, seed=seed, confidence=confidence)
            delta = float(diffs.mean())
            run_mean = float(np.mean([cur[k] for k in keys]))
            base_mean = float(np.mean([base[k] for k in keys]))
            worse_ci = hi < 0 if higher else lo > 0
            worse_mean = delta < -min_effect if higher else delta > min_effect
            regressed = bool(worse_ci and worse_mean)
            pct = f"{confidence:.0%}"
            change = (
                f"{_fmt(base_mean)} -> {_fmt(run_mean)} (diff {delta:+.4g}, {pct} CI {lo:+.4g}..{hi:+.4g}, "
                f"n={len(keys)} paired items)" + note
            )
            if regressed:
                message = f"regression: {change}"
            elif worse_ci:
                message = f"worse but within the minimum effect {min_effect:g}: {change}"
            else:
                better_ci = lo > 0 if higher else hi < 0
                message = f"{'improved' if better_ci else 'no significant change'}: {change}"
            results.append(
                GateResult(
                    passed=not regressed,
                    message=message,
                    value=run_mean,
                    baseline=base_mean,
                    delta=delta,
                    ci=(lo, hi),
                    n=len(keys),
                    **common,
                )
            )
    return results


def gates_passed(results: Iterable[GateResult | dict[str, Any]]) -> bool:
    return all((r.passed if isinstance(r, GateResult) else bool(r.get("passed"))) for r in results)


def exit_code(results: Iterable[GateResult | dict[str, Any]]) -> int:
    """EXIT_OK when every gate passed (or there are none), else EXIT_GATE_FAILED."""
    return EXIT_OK if gates_passed(results) else EXIT_GATE_FAILED


def load_baseline(
    path_or_run_name: str | os.PathLike,
    workspace: Workspace | str | os.PathLike | None = None,
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """(summary, items) of an earlier run, given as a run folder, a run name under ``WORKSPACE/runs/``, or a
    summary.json path (items.jsonl must be beside it). Raises BaselineError saying what was tried."""
    ws = workspace if isinstance(workspace, Workspace) else Workspace.at(workspace)
    given = Path(path_or_run_name)
    name = str(path_or_run_name)
    is_bare_name = bool(name) and "/" not in name and os.sep not in name and name not in (".", "..")
    if is_bare_name and (ws.runs_dir / name).is_dir():
        summary_path = ws.runs_dir / name / "summary.json"
    elif given.is_file():
        summary_path = given
    elif given.is_dir():
        summary_path = given / "summary.json"
    else:
        raise BaselineError(
            f"baseline {str(path_or_run_name)!r} not found: it is neither a run folder, a summary.json file, nor a run "
            f"name under {ws.runs_dir}"
        )
    items_path = summary_path.parent / "items.jsonl"
    for needed in (summary_path, items_path):
        if not needed.is_file():
            raise BaselineError(
                f"baseline {str(path_or_run_name)!r}: {needed} is missing (a qa eval run folder holds "
                f"summary.json and items.jsonl)"
            )
    try:
        summary = read_json(summary_path)
        items = read_jsonl(items_path)
    except (ValueError, UnicodeDecodeError) as exc:
        raise BaselineError(
            f"baseline {str(path_or_run_name)!r}: cannot read {summary_path.parent}: {exc}"
        ) from exc
    if not isinstance(summary, dict) or summary.get("kind") != SUMMARY_KIND:
        raise BaselineError(
            f"baseline {summary_path} is not a qa eval summary (kind {SUMMARY_KIND!r} expected)"
        )
    if summary.get("format_version") not in SUPPORTED_FORMAT_VERSIONS:
        raise BaselineError(
            f"baseline {summary_path} has format_version {summary.get('format_version')!r}; this "
            f"version of qa reads {sorted(SUPPORTED_FORMAT_VERSIONS)}"
        )
    return summary, items
