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
import re
from collections.abc import Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from evalharness.report_common import (  # noqa: F401  # noqa: F401  (re-exported: evalharness.report is the public module)
    CHART_METRICS,
    CONTEXT_CHARS_IN_HTML,
    JUDGE_BASIC_KEYS,
    REPORT_FILES,
    REPORT_FORMATS,
    ItemOutcome,
    _best_variants,
    _ci_text,
    _counts,
    _dumps,
    _fmt,
    _gates,
    _higher_is_better,
    _llm_judge,
    _metric_order,
    _number,
    _variant_order,
    embed_json,
    item_outcome,
    json_safe,
    verifier_held_out_accuracy,
)
from evalharness.report_text import render_junit, render_markdown  # noqa: F401
from evalharness.report_views import by_question, verifier_view
from qacore.workspace import atomic_write_bytes, atomic_write_text

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
        "verifier": verifier_view(summary),
        "by_question": by_question(items, variants),
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
