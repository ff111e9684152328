"""Reports of a `qa eval` run: summary.json + items.jsonl always, and HTML, JUnit XML and Markdown on request.

    .qa/runs/RUN/
      summary.json   the run's summary (schema: evalharness/schema/summary.schema.json, docs/eval-schema.md)
      items.jsonl    one line per (variant, question): answer, contexts, claims, scores (schema: item.schema.json)
      report.html    one self-contained page: no network at all (inline CSS/JS/SVG, a Content-Security-Policy
                     that only lets its own script run), variant table, charts, gates, per-item drill-down
      junit.xml      one <testcase> per gate and per item, for CI test reporters
      report.md      a summary for a PR comment or $GITHUB_STEP_SUMMARY

Everything that comes from documents or models is escaped: HTML by Jinja's autoescape (and the JSON blob the
page's script reads has <, > and & written as \\u003c, \\u003e, \\u0026), XML by ElementTree (with the
characters XML 1.0 cannot hold replaced), Markdown cells by backslash escapes and HTML entities.

An item *fails* (JUnit, the "failures" filter, the counts) when it hallucinated (a claim the verifier found
unsupported, or a per-item ``hallucination_rate`` score above 0), refused an answerable question, or answered an
unanswerable one. An incorrect but grounded answer is flagged, not failed: correctness is a metric, gated with
``VARIANT.answer_correct >= X``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from qacore.workspace import atomic_write_bytes, atomic_write_text

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

__all__ = [
    "REPORT_FORMATS",
    "REPORT_FILES",
    "CHART_METRICS",
    "ItemOutcome",
    "item_outcome",
    "write_reports",
    "render_html",
    "render_junit",
    "render_markdown",
    "embed_json",
    "json_safe",
    "load_schema",
]


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


# ----------------------------------------------------------------------------------------------------- HTML


@cache
def _asset(name: str) -> str:
    return resources.files("evalharness").joinpath("templates", name).read_text(encoding="utf-8")


def load_schema(name: str = "summary") -> dict[str, Any]:
    """The JSON Schema of summary.json ("summary") or of one items.jsonl line ("item")."""
    text = (
        resources.files("evalharness").joinpath("schema", f"{name}.schema.json").read_text(encoding="utf-8")
    )
    return json.loads(text)


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def _answer_segments(answer: str, unsupported: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Split the answer into plain and unsupported-claim segments (claims found verbatim, case-insensitively)."""
    spans = []
    for claim in unsupported:
        text = str(claim.get("text") or "").strip().rstrip(".")
        if len(text) < 3:
            continue
        match = re.search(re.escape(text), answer, flags=re.IGNORECASE)
        if match:
            spans.append([match.start(), match.end()])
    spans.sort()
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    segments, pos = [], 0
    for start, end in merged:
        if start > pos:
            segments.append({"text": answer[pos:start], "unsupported": False})
        segments.append({"text": answer[start:end], "unsupported": True})
        pos = end
    if pos < len(answer) or not segments:
        segments.append({"text": answer[pos:], "unsupported": False})
    return segments


def _chart(summary: dict[str, Any], metric: str, variants: list[str]) -> dict[str, Any] | None:
    bars_in = []
    for name in variants:
        entry = (((summary.get("variants") or {}).get(name) or {}).get("metrics") or {}).get(metric)
        if entry is None:
            continue
        value = _number(entry.get("value"))
        ci = entry.get("ci")
        ci = (_number(ci[0]), _number(ci[1])) if ci and len(ci) == 2 else None
        ci = ci if ci and None not in ci else None
        bars_in.append((name, value, ci))
    if not any(value is not None for _, value, _ in bars_in):
        return None
    numbers = [v for _, v, _ in bars_in if v is not None] + [x for _, _, ci in bars_in if ci for x in ci]
    vmax = 1.0 if all(0.0 <= x <= 1.0 for x in numbers) else (max(numbers) * 1.1 if max(numbers) > 0 else 1.0)
    label_w, plot_x, plot_w, row_h, top = 170, 178, 300, 26, 8
    height = top + row_h * len(bars_in) + 26
    best = _best_variants(summary, metric)

    def scale(x: float) -> float:
        return round(plot_x + plot_w * max(0.0, min(x, vmax)) / vmax, 1)

    bars = []
    for row, (name, value, ci) in enumerate(bars_in):
        y = top + row * row_h
        bar = {
            "variant": name,
            "label": name if len(name) <= 24 else name[:23] + "…",
            "y": y + 4,
            "h": row_h - 8,
            "text_y": y + row_h / 2 + 4,
            "label_x": label_w,
            "missing": value is None,
            "best": name in best,
            "value_text": _fmt(value) if value is not None else "no value",
        }
        bar["x"] = plot_x
        bar["w"] = round(scale(value) - plot_x, 1) if value is not None else 0
        bar["value_x"] = (scale(max(value, ci[1] if ci else value)) if value is not None else plot_x) + 6
        bar["ci"] = (
            {"x1": scale(ci[0]), "x2": scale(ci[1]), "y": y + row_h / 2} if ci and value is not None else None
        )
        bars.append(bar)
    axis_y = top + row_h * len(bars_in) + 2
    ticks = [{"x": scale(vmax * f), "label": _fmt(vmax * f)} for f in (0, 0.25, 0.5, 0.75, 1.0)]
    info = (summary.get("metrics") or {}).get(metric) or {}
    higher = _higher_is_better(summary, metric)
    return {
        "metric": metric,
        "id": "chart-" + re.sub(r"[^A-Za-z0-9_-]", "-", metric),
        "title": metric,
        "description": info.get("description") or "",
        "direction": "" if higher is None else ("higher is better" if higher else "lower is better"),
        "width": plot_x + plot_w + 70,
        "height": height,
        "bars": bars,
        "axis_y": axis_y,
        "plot_x": plot_x,
        "plot_right": plot_x + plot_w,
        "ticks": ticks,
        "top": top,
    }


def _html_context(summary: dict[str, Any], items: Sequence[dict[str, Any]]) -> dict[str, Any]:
    from markupsafe import Markup

    variants = _variant_order(summary, items)
    variant_info = summary.get("variants") or {}
    metrics_info = summary.get("metrics") or {}
    metric_rows = []
    for metric in _metric_order(summary):
        best = _best_variants(summary, metric)
        higher = _higher_is_better(summary, metric)
        cells = []
        for name in variants:
            entry = ((variant_info.get(name) or {}).get("metrics") or {}).get(metric)
            value = _number(entry.get("value")) if entry else None
            cells.append(
                {
                    "variant": name,
                    "present": entry is not None,
                    "value": _fmt(value),
                    "has_value": value is not None,
                    "ci": _ci_text(entry.get("ci")) if entry else "",
                    "n": entry.get("n") if entry else None,
                    "unscored": entry.get("unscored") if entry else None,
                    "best": name in best,
                }
            )
        info = metrics_info.get(metric) or {}
        metric_rows.append(
            {
                "name": metric,
                "description": info.get("description") or "",
                "applies_to": info.get("applies_to") or "",
                "cells": cells,
                "arrow": "" if higher is None else ("↑" if higher else "↓"),
                "direction": "" if higher is None else ("higher is better" if higher else "lower is better"),
            }
        )
    charts = [c for c in (_chart(summary, m, variants) for m in CHART_METRICS) if c]
    if not charts:
        charts = [c for c in (_chart(summary, m, variants) for m in _metric_order(summary)[:3]) if c]

    view_items, blob_items = [], []
    for idx, item in enumerate(items):
        outcome = item_outcome(item)
        answer = str(item.get("answer") or "")
        contexts = []
        for ctx in item.get("contexts") or []:
            text = str(ctx.get("text") or "")
            contexts.append(
                {
                    "source": str(ctx.get("source") or ""),
                    "heading": ctx.get("heading") or "",
                    "chunk_id": str(ctx.get("chunk_id") or ""),
                    "text": text[:CONTEXT_CHARS_IN_HTML],
                    "cut": max(0, len(text) - CONTEXT_CHARS_IN_HTML),
                }
            )
            if isinstance(contexts[-1]["heading"], list | tuple):
                contexts[-1]["heading"] = " > ".join(str(h) for h in contexts[-1]["heading"])
            contexts[-1]["heading"] = str(contexts[-1]["heading"])
        claims = [
            {
                "text": str(c.get("text") or ""),
                "supported": c.get("supported"),
                "reasons": [str(r) for r in (c.get("reasons") or [])],
            }
            for c in (item.get("claims") or [])
            if isinstance(c, dict)
        ]
        scores = [{"metric": k, "value": _fmt(v)} for k, v in (item.get("scores") or {}).items()]
        judged = [
            {
                "metric": str(metric),
                "status": str(record.get("status") or ""),
                "score": _fmt(record.get("score")),
                "by": str(record.get("by") or ""),
                "kind": str(record.get("kind") or ""),
                "reason": str(record.get("reason") or ""),
            }
            for metric, record in (item.get("judge") or {}).items()
            if isinstance(record, dict)
        ]
        view_items.append(
            {
                "idx": idx,
                "variant": str(item.get("variant")),
                "item_id": str(item.get("item_id") or ""),
                "question": str(item.get("question") or ""),
                "reference": str(item.get("reference") or ""),
                "answer": answer,
                "answer_segments": _answer_segments(answer, outcome.unsupported_claims),
                "answerable": bool(item.get("answerable", True)),
                "refused": bool(item.get("refused", False)),
                "contexts": contexts,
                "claims": claims,
                "scores": scores,
                "judge": judged,
                "judge_failed": any(j["status"] == "failed" for j in judged),
                "outcome": outcome,
                "latency": _fmt(item.get("latency_s")) if _number(item.get("latency_s")) is not None else "",
                "new_tokens": item.get("new_tokens"),
            }
        )
        search_text = " ".join(
            [
                str(item.get("item_id") or ""),
                str(item.get("question") or ""),
                str(item.get("reference") or ""),
                answer,
            ]
        ).lower()
        blob_items.append(
            {
                "i": idx,
                "v": str(item.get("variant")),
                "a": bool(item.get("answerable", True)),
                "h": outcome.hallucinated,
                "f": outcome.failed,
                "t": search_text,
            }
        )

    gates = _gates(summary)
    js = _asset("report.js")
    css = _asset("report.css")
    if "</" in js.lower() or "</" in css.lower():
        raise RuntimeError("report.js / report.css must not contain '</'")
    csp = (
        "default-src 'none'; "
        f"script-src {_csp_hash(js)}; style-src {_csp_hash(css)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    judge = summary.get("judge") or {}
    return {
        "run": str(summary.get("run") or ""),
        "created_at": str(summary.get("created_at") or ""),
        "variants": [
            {
                "name": name,
                "description": str((variant_info.get(name) or {}).get("description") or ""),
                "n_items": (variant_info.get(name) or {}).get("items"),
            }
            for name in variants
        ],
        "metric_rows": metric_rows,
        "charts": charts,
        "gates": gates,
        "gates_failed": sum(1 for g in gates if not g.get("passed")),
        "counts": _counts(summary, items),
        "items": view_items,
        "judge": (
            json_safe({k: v for k, v in judge.items() if k in JUDGE_BASIC_KEYS or not _llm_judge(summary)})
            if isinstance(judge, dict)
            else {"value": json_safe(judge)}
        ),
        "llm_judge": _llm_judge(summary),
        "calibration": json_safe(summary.get("calibration") or {}),
        "config_json": _dumps(summary.get("config") or {}, indent=2),
        "data_json": Markup(
            embed_json({"run": summary.get("run"), "variants": variants, "items": blob_items})
        ),
        "js": Markup(js),
        "css": Markup(css),
        "csp": csp,
    }


@cache
def _environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(
        loader=PackageLoader("evalharness", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["fmt"] = _fmt
    env.tests["mapping"] = lambda x: isinstance(x, dict)
    env.tests["sequence_value"] = lambda x: isinstance(x, list | tuple)
    return env


def render_html(summary: dict[str, Any], items: Sequence[dict[str, Any]]) -> str:
    """The self-contained HTML report (a string)."""
    return _environment().get_template("report.html.j2").render(**_html_context(summary, items))


# ---------------------------------------------------------------------------------------------------- JUnit

_XML_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _x(value: Any, limit: int | None = None) -> str:
    """Text XML 1.0 can hold: characters it forbids (control characters, lone surrogates, U+FFFE/FFFF) become
    U+FFFD; ElementTree escapes the rest (& < > and quotes)."""
    text = _XML_INVALID.sub("\ufffd", "" if value is None else str(value))
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def _item_failure_text(item: dict[str, Any], outcome: ItemOutcome) -> str:
    lines = [
        f"variant: {item.get('variant')}",
        f"item: {item.get('item_id')}",
        f"answerable: {bool(item.get('answerable', True))}",
        f"refused: {bool(item.get('refused', False))}",
        f"question: {item.get('question')}",
        f"reference: {item.get('reference')}",
        f"answer: {item.get('answer')}",
    ]
    for claim in outcome.unsupported_claims:
        reasons = "; ".join(str(r) for r in claim.get("reasons") or []) or "no reason given"
        lines.append(f"unsupported claim: {claim.get('text')} ({reasons})")
    for ctx in item.get("contexts") or []:
        lines.append(f"context: {ctx.get('source')} [{ctx.get('chunk_id')}]")
    return "\n".join(lines)


def render_junit(summary: dict[str, Any], items: Sequence[dict[str, Any]]) -> bytes:
    """JUnit XML (UTF-8 bytes): a testsuite "gates" (one testcase per gate) and one testsuite per variant (one
    testcase per item). A failed gate or item has a <failure message=... type=...> with the details."""
    run = _x(summary.get("run") or "")
    timestamp = _x(summary.get("created_at") or "")
    root = ET.Element("testsuites", {"name": f"qa eval {run}".strip()})
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0, "time": 0.0}

    def new_suite(name: str) -> ET.Element:
        attrs = {"name": _x(name)}
        if timestamp:
            attrs["timestamp"] = timestamp
        return ET.SubElement(root, "testsuite", attrs)

    def close_suite(suite: ET.Element, tests: int, failures: int, skipped: int, seconds: float) -> None:
        suite.set("tests", str(tests))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        suite.set("skipped", str(skipped))
        suite.set("time", f"{seconds:.3f}")
        for key, value in (("tests", tests), ("failures", failures), ("skipped", skipped), ("time", seconds)):
            totals[key] += value

    gates = _gates(summary)
    if gates:
        suite = new_suite("qa.eval.gates")
        failures = skipped = 0
        for gate in gates:
            case = ET.SubElement(
                suite,
                "testcase",
                {
                    "classname": f"qa.eval.gates.{_x(gate.get('kind') or 'gate')}",
                    "name": _x(gate.get("name")),
                    "time": "0.000",
                },
            )
            if not gate.get("passed"):
                failures += 1
                failure = ET.SubElement(
                    case, "failure", {"message": _x(gate.get("message"), 1000), "type": "GateFailed"}
                )
                failure.text = _x(_dumps(gate, indent=2))
            elif gate.get("skipped"):
                skipped += 1
                ET.SubElement(case, "skipped", {"message": _x(gate.get("message"), 1000)})
        close_suite(suite, len(gates), failures, skipped, 0.0)

    by_variant: dict[str, list[dict[str, Any]]] = {name: [] for name in _variant_order(summary, items)}
    for item in items:
        by_variant[str(item.get("variant"))].append(item)
    for variant, variant_items in by_variant.items():
        if not variant_items:
            continue
        suite = new_suite(f"qa.eval.items.{variant}")
        failures = 0
        seconds = 0.0
        for item in variant_items:
            outcome = item_outcome(item)
            latency = _number(item.get("latency_s")) or 0.0
            seconds += latency
            name = f"{item.get('item_id')}: {item.get('question') or ''}"
            case = ET.SubElement(
                suite,
                "testcase",
                {
                    "classname": _x(f"qa.eval.items.{variant}"),
                    "name": _x(name, 200),
                    "time": f"{latency:.3f}",
                },
            )
            if outcome.failed:
                failures += 1
                failure = ET.SubElement(
                    case,
                    "failure",
                    {
                        "message": _x("; ".join(outcome.reasons), 1000),
                        "type": "Hallucination" if outcome.hallucinated else "Abstention",
                    },
                )
                failure.text = _x(_item_failure_text(item, outcome))
        close_suite(suite, len(variant_items), failures, 0, seconds)

    for key in ("tests", "failures", "errors", "skipped"):
        root.set(key, str(totals[key]))
    root.set("time", f"{totals['time']:.3f}")
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


# ------------------------------------------------------------------------------------------------- Markdown

_MD_SPECIAL = re.compile(r"([\\`*\[\]|~$])")


def _md(value: Any) -> str:
    """One Markdown table cell: HTML escaped, Markdown punctuation and pipes backslash-escaped, one line."""
    text = "" if value is None else str(value)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return " ".join(text.split())


def render_markdown(summary: dict[str, Any], items: Sequence[dict[str, Any]]) -> str:
    """A summary fit for a PR comment or $GITHUB_STEP_SUMMARY (no item text: only names, numbers, gates)."""
    variants = _variant_order(summary, items)
    variant_info = summary.get("variants") or {}
    gates = _gates(summary)
    failed = [g for g in gates if not g.get("passed")]
    if not gates:
        headline = "no gates configured"
        icon = "ℹ️"
    elif failed:
        headline = f"{len(failed)} of {len(gates)} gates failed"
        icon = "❌"
    else:
        headline = f"all {len(gates)} gates passed"
        icon = "✅"
    lines = [f"## {icon} qa eval {_md(summary.get('run'))}: {headline}", ""]
    created = summary.get("created_at")
    lines += [
        f"{len(items)} result{'s' if len(items) != 1 else ''} over {len(variants)} variant{'s' if len(variants) != 1 else ''}"
        + (f", {_md(created)}" if created else "")
        + ". Values are means with 95% confidence intervals; **bold** is the best variant.",
        "",
    ]
    if variants:
        lines.append("| metric | " + " | ".join(_md(v) for v in variants) + " |")
        lines.append("|---|" + "---:|" * len(variants))
        for metric in _metric_order(summary):
            best = _best_variants(summary, metric)
            higher = _higher_is_better(summary, metric)
            arrow = "" if higher is None else (" ↑" if higher else " ↓")
            cells = []
            for name in variants:
                entry = ((variant_info.get(name) or {}).get("metrics") or {}).get(metric)
                if entry is None:
                    cells.append("")
                    continue
                value = _fmt(entry.get("value"))
                value = f"**{value}**" if name in best else value
                ci = _ci_text(entry.get("ci")) if _number(entry.get("value")) is not None else ""
                cells.append(f"{value} {_md(ci)}".strip())
            lines.append(f"| {_md(metric)}{arrow} | " + " | ".join(cells) + " |")
        lines.append("")
    if gates:
        lines += ["### Gates", "", "| | gate | result |", "|---|---|---|"]
        for gate in gates:
            mark = "❌" if not gate.get("passed") else ("⏭️" if gate.get("skipped") else "✅")
            lines.append(f"| {mark} | {_md(gate.get('name'))} | {_md(gate.get('message'))} |")
        lines.append("")
    lines += [
        "### Items",
        "",
        "| variant | items | answerable | unanswerable | hallucinated | refused answerable "
        "| answered unanswerable | failed |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in _counts(summary, items):
        lines.append(
            f"| {_md(row['variant'])} | {row['total']} | {row['answerable']} | {row['unanswerable']} | "
            f"{row['hallucinated']} | {row['wrongly_refused']} | {row['wrongly_answered']} | {row['failed']} |"
        )
    lines.append("")
    judge = summary.get("judge") or {}
    if isinstance(judge, dict) and judge:
        lines.append(
            f"Judge: {_md(judge.get('name'))}; parse failures {_md(judge.get('parse_failures'))}, "
            f"unscored {_md(judge.get('unscored'))}."
        )
    llm_judge = _llm_judge(summary)
    if llm_judge:
        lines += [
            "",
            f"### LLM judge {_md(llm_judge['spec'])}",
            "",
            f"{_md(llm_judge['judgments'])} judgments, {_md(llm_judge['calls'])} LLM calls "
            f"({_md(llm_judge['cache_hits'])} from the cache); **{llm_judge['failed']} failed** ("
            + ", ".join(f"{_md(k)} {_md(v)}" for k, v in llm_judge["failures"].items())
            + "). Failed judgments stay in the results, unscored.",
            "",
            "| variant | metric | mean | scored | failed | unparseable | LLM errors | not applicable |",
            "|---|---|---:|---:|---:|---:|---:|---:|",
        ]
        for row in llm_judge["rows"]:
            lines.append(
                f"| {_md(row['variant'])} | {_md(row['metric'])} | {row['mean']} | {row['scored']} | "
                f"{row['failed']} | {row['parse_failures']} | {row['llm_errors']} | {row['not_applicable']} |"
            )
        if llm_judge["agreement"]:
            lines += [
                "",
                f"Agreement with the offline verifier (judge faithfulness >= {llm_judge['threshold']} = supported; "
                "verifier: no unsupported claim), on the answers both scored:",
                "",
                "| variant | n | agreement | Cohen's kappa | both supported | judge only | verifier only | neither |",
                "|---|---:|---:|---:|---:|---:|---:|---:|",
            ]
            for row in llm_judge["agreement"]:
                lines.append(
                    f"| {_md(row['variant'])} | {row['n']} | {row['agreement']} | {row['kappa']} | "
                    f"{row['both_yes']} | {row['judge_only']} | {row['verifier_only']} | {row['both_no']} |"
                )
        lines.append("")
    calibration = summary.get("calibration") or {}
    accuracy, n = verifier_held_out_accuracy(calibration)
    if accuracy is not None:
        lines.append(f"Verifier: {_md(calibration.get('used'))}, held-out accuracy **{accuracy:.3f}** on {n} "
                     "corpus-built claims (true sentences and paraphrases vs. swapped numbers, names, negations).")
    if isinstance(calibration, dict):
        scalars = [(k, v) for k, v in calibration.items() if isinstance(v, int | float | str | bool)]
        if scalars:
            lines.append(
                "Verifier calibration: "
                + ", ".join(
                    f"{_md(k)} {_fmt(v) if isinstance(v, float) else _md(v)}" for k, v in scalars[:12]
                )
                + "."
            )
    return "\n".join(lines).rstrip() + "\n"


# ---------------------------------------------------------------------------------------------------- write


def write_reports(
    run_dir: str | Path, summary: dict[str, Any], items: Sequence[dict[str, Any]], formats: Sequence[str]
) -> dict[str, Path]:
    """Write the run's files into `run_dir` and return {format: path}.

    summary.json ("json") and items.jsonl ("items") are always written: they are the run's record (and what
    `--baseline` reads back); `formats` adds "html" (report.html), "junit" (junit.xml) and "md" (report.md).
    Unknown formats raise ValueError before anything is written. Every file is written atomically; a report
    file of a format not asked for this time is removed, so a reused folder never mixes two runs."""
    unknown = [f for f in formats if f not in REPORT_FORMATS]
    if unknown:
        raise ValueError(
            f"unknown report format(s) {', '.join(map(repr, unknown))}; choose from "
            f"{', '.join(REPORT_FORMATS)}"
        )
    folder = Path(run_dir)
    folder.mkdir(parents=True, exist_ok=True)
    summary = json_safe(summary)
    items = [json_safe(item) for item in items]
    written: dict[str, Path] = {}
    lines = "".join(_dumps(item) + "\n" for item in items)
    atomic_write_text(folder / REPORT_FILES["items"], lines)
    written["items"] = folder / REPORT_FILES["items"]
    atomic_write_text(folder / REPORT_FILES["json"], _dumps(summary, indent=2) + "\n")
    written["json"] = folder / REPORT_FILES["json"]
    if "html" in formats:
        atomic_write_text(folder / REPORT_FILES["html"], render_html(summary, items))
        written["html"] = folder / REPORT_FILES["html"]
    if "junit" in formats:
        atomic_write_bytes(folder / REPORT_FILES["junit"], render_junit(summary, items))
        written["junit"] = folder / REPORT_FILES["junit"]
    if "md" in formats:
        atomic_write_text(folder / REPORT_FILES["md"], render_markdown(summary, items))
        written["md"] = folder / REPORT_FILES["md"]
    for fmt, filename in REPORT_FILES.items():  # a reused --run-name: no report left over from the older run
        if fmt not in written:
            (folder / filename).unlink(missing_ok=True)
    return written


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
