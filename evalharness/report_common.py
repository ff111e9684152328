"""What the HTML, JUnit and Markdown reports of a `qa eval` run share: JSON safety, number formatting, each
item's outcome (hallucinated / refused / incorrect / failed), variant and metric order, counts, gates, the LLM-judge
summary and the verifier's description. Split out of evalharness/report.py when it passed 900 lines."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

REPORT_FORMATS = ("html", "json", "junit", "md")
REPORT_FILES = {
    "json": "summary.json",
    "items": "items.jsonl",
    "html": "report.html",
    "junit": "junit.xml",
    "md": "report.md",
}
CHART_METRICS = ("hallucination_rate", "answer_correct", "abstention", "over_refusal", "hit_at_k")
CONTEXT_CHARS_IN_HTML = 2000

# ----------------------------------------------------------------------------------------------- shared helpers


def json_safe(obj: Any) -> Any:
    """A copy of `obj` that json.dumps(allow_nan=False) accepts: NaN/inf -> None, tuples -> lists, keys -> str."""
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, dict):
        return {str(k): json_safe(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [json_safe(v) for v in obj]
    if hasattr(obj, "to_json"):
        return json_safe(obj.to_json())
    if obj is None or isinstance(obj, str | int | bool):
        return obj
    if hasattr(obj, "item"):  # numpy scalars
        return json_safe(obj.item())
    return str(obj)


def _dumps(obj: Any, **kwargs: Any) -> str:
    return json.dumps(json_safe(obj), ensure_ascii=False, allow_nan=False, **kwargs)


def embed_json(obj: Any) -> str:
    """JSON that is safe inside an HTML <script type="application/json"> element: '<', '>' and '&' are written as
    \\u003c, \\u003e and \\u0026 (they can only occur inside JSON strings, where these escapes mean the same), so
    no "</script>" or "<!--" from a document or an answer can end the element; U+2028/2029 are escaped too."""
    text = _dumps(obj, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _number(value: Any) -> float | None:
    if value is None or isinstance(value, str):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _fmt(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    number = _number(value)
    if number is None:
        return "—"
    if number != 0 and abs(number) < 0.001:
        return f"{number:.2e}"
    if abs(number) >= 100:
        return f"{number:.0f}"
    if abs(number) >= 10:
        return f"{number:.1f}"
    return f"{number:.3f}"


def _ci_text(ci: Any) -> str:
    if not ci or len(ci) != 2 or _number(ci[0]) is None or _number(ci[1]) is None:
        return ""
    return f"[{_fmt(ci[0])}, {_fmt(ci[1])}]"


@dataclass
class ItemOutcome:
    """What went wrong with one item (see the module docstring for the definition of a failure)."""

    hallucinated: bool
    wrongly_refused: bool
    wrongly_answered: bool
    incorrect: bool
    unsupported_claims: list[dict[str, Any]] = field(default_factory=list)
    claims: int = 0

    @property
    def failed(self) -> bool:
        return self.hallucinated or self.wrongly_refused or self.wrongly_answered

    @property
    def reasons(self) -> list[str]:
        reasons = []
        if self.hallucinated:
            if self.unsupported_claims:
                reasons.append(
                    f"hallucinated: {len(self.unsupported_claims)} of {self.claims} claims unsupported"
                )
            else:
                reasons.append("hallucinated (hallucination score above 0)")
        if self.wrongly_refused:
            reasons.append("refused an answerable question")
        if self.wrongly_answered:
            reasons.append("answered an unanswerable question")
        return reasons


def item_outcome(item: dict[str, Any]) -> ItemOutcome:
    claims = [c for c in (item.get("claims") or []) if isinstance(c, dict)]
    unsupported = [c for c in claims if c.get("supported") is False]
    scores = item.get("scores") or {}
    hallucination_score = _number(scores.get("hallucination_rate"))
    answerable = bool(item.get("answerable", True))
    refused = bool(item.get("refused", False))
    correct = _number(scores.get("answer_correct"))
    return ItemOutcome(
        hallucinated=bool(unsupported) or (hallucination_score is not None and hallucination_score > 0),
        wrongly_refused=answerable and refused,
        wrongly_answered=(not answerable) and (not refused),
        incorrect=answerable and not refused and correct is not None and correct <= 0,
        unsupported_claims=unsupported,
        claims=len(claims),
    )


def _variant_order(summary: dict[str, Any], items: Sequence[dict[str, Any]]) -> list[str]:
    order = [str(v) for v in (summary.get("variants") or {})]
    for item in items:
        name = str(item.get("variant"))
        if name not in order:
            order.append(name)
    return order


def _metric_order(summary: dict[str, Any]) -> list[str]:
    order = [str(m) for m in (summary.get("metrics") or {})]
    for variant in (summary.get("variants") or {}).values():
        for name in variant.get("metrics") or {}:
            if name not in order:
                order.append(str(name))
    return order


def _higher_is_better(summary: dict[str, Any], metric: str) -> bool | None:
    declared = (summary.get("metrics") or {}).get(metric) or {}
    if "higher_is_better" in declared:
        return bool(declared["higher_is_better"])
    for variant in (summary.get("variants") or {}).values():
        entry = (variant.get("metrics") or {}).get(metric) or {}
        if "higher_is_better" in entry:
            return bool(entry["higher_is_better"])
    return None


def _best_variants(summary: dict[str, Any], metric: str) -> set[str]:
    """Variants with the best value of `metric` (ties all best); empty when < 2 values or all equal."""
    higher = _higher_is_better(summary, metric)
    if higher is None:
        return set()
    values = {}
    for name, variant in (summary.get("variants") or {}).items():
        value = _number(((variant.get("metrics") or {}).get(metric) or {}).get("value"))
        if value is not None:
            values[str(name)] = value
    if len(values) < 2 or len(set(values.values())) == 1:
        return set()
    best = max(values.values()) if higher else min(values.values())
    return {name for name, value in values.items() if math.isclose(value, best, rel_tol=1e-12, abs_tol=1e-12)}


def _counts(summary: dict[str, Any], items: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = {
        name: {
            "variant": name,
            "total": 0,
            "answerable": 0,
            "unanswerable": 0,
            "hallucinated": 0,
            "wrongly_refused": 0,
            "wrongly_answered": 0,
            "incorrect": 0,
            "failed": 0,
        }
        for name in _variant_order(summary, items)
    }
    for item in items:
        row = rows[str(item.get("variant"))]
        outcome = item_outcome(item)
        row["total"] += 1
        row["answerable" if item.get("answerable", True) else "unanswerable"] += 1
        for key in ("hallucinated", "wrongly_refused", "wrongly_answered", "incorrect", "failed"):
            row[key] += int(getattr(outcome, key))
    return list(rows.values())


def _gates(summary: dict[str, Any]) -> list[dict[str, Any]]:
    return [json_safe(g) for g in (summary.get("gates") or [])]


JUDGE_BASIC_KEYS = ("name", "parse_failures", "unscored")


def _llm_judge(summary: dict[str, Any]) -> dict[str, Any] | None:
    """The LLM judge's numbers in display form (evalharness.judge.summarize_judge), or None when it did not run."""
    judge = summary.get("judge")
    if not isinstance(judge, dict) or not isinstance(judge.get("per_variant"), dict):
        return None
    llm = judge.get("llm") or {}
    rows = []
    for variant, per_metric in judge["per_variant"].items():
        for metric, cell in (per_metric or {}).items():
            cell = cell or {}
            rows.append(
                {
                    "variant": str(variant),
                    "metric": str(metric),
                    "mean": _fmt(cell.get("mean")),
                    **{
                        k: cell.get(k, 0)
                        for k in ("scored", "failed", "parse_failures", "llm_errors", "not_applicable")
                    },
                }
            )
    agreement = judge.get("agreement") or {}

    def agreement_row(name: str, stats: dict[str, Any]) -> dict[str, Any]:
        table = stats.get("table") or {}
        return {
            "variant": name,
            "n": stats.get("n", 0),
            "agreement": _fmt(stats.get("agreement")),
            "kappa": _fmt(stats.get("kappa")),
            "both_yes": table.get("both_yes", 0),
            "judge_only": table.get("a_yes_b_no", 0),
            "verifier_only": table.get("a_no_b_yes", 0),
            "both_no": table.get("both_no", 0),
        }

    agreement_rows = []
    if agreement:
        agreement_rows = [agreement_row("all variants", agreement)] + [
            agreement_row(str(v), stats or {}) for v, stats in (agreement.get("per_variant") or {}).items()
        ]
    failures = judge.get("failures") or {}
    return {
        "spec": str(llm.get("spec") or ""),
        "ragas_version": str(llm.get("ragas_version") or ""),
        "calls": llm.get("calls"),
        "cache_hits": llm.get("cache_hits"),
        "judgments": llm.get("judgments"),
        "seconds": llm.get("seconds"),
        "failures": {str(k): v for k, v in failures.items()},
        "failed": sum(v for v in failures.values() if isinstance(v, int)),
        "rows": rows,
        "threshold": _fmt(agreement.get("threshold")) if agreement else "",
        "agreement": agreement_rows,
        "examples": [
            {k: str(e.get(k) or "") for k in ("variant", "item_id", "metric", "kind", "reason")}
            for e in (judge.get("failure_examples") or [])
            if isinstance(e, dict)
        ],
    }



def verifier_held_out_accuracy(calibration: dict) -> tuple[float | None, int | None]:
    """The chosen verifier's accuracy on the held-out claims. Calibration names the candidates twice ("used" says
    calibrated_thresholds, "held_out" scores it under "calibrated"), so map one to the other here, once."""
    if not isinstance(calibration, dict) or not calibration.get("used"):
        return None, None
    used = calibration["used"]
    key = {"default_thresholds": "default", "calibrated_thresholds": "calibrated",
           "cross_encoder": "hard_checks+cross_encoder"}.get(used, used)
    scores = (calibration.get("held_out") or {}).get(key) or {}
    return scores.get("accuracy"), scores.get("n")

