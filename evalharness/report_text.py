"""The text reports of a `qa eval` run: JUnit XML (one <testcase> per gate and per item, for CI test reporters)
and Markdown (a summary for a PR comment or $GITHUB_STEP_SUMMARY). Escaping: XML by ElementTree, with the
characters XML 1.0 cannot hold replaced; Markdown cells by backslash escapes and HTML entities."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import Any

from evalharness.report_common import (
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
    item_outcome,
    verifier_held_out_accuracy,
)

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
    verifier = summary.get("verifier") or {}
    real = verifier.get("real_answers") or {}
    if verifier:
        lines.append(f"Verifier: **{_md(verifier.get('used'))}**" + (
            f", agrees with hand labels on **{real['agreement']:.0%}** of {real['n']} held-out real answers "
            f"(AUROC {_fmt(real.get('auroc'))}; {real.get('false_flags')}/{real.get('supported')} supported answers "
            "flagged)." if real.get("agreement") is not None else "."))
    calibration = summary.get("calibration") or {}
    accuracy, n = verifier_held_out_accuracy(calibration)
    if accuracy is not None:
        lines.append(f"Threshold verifier on this corpus: {_md(calibration.get('used'))}, held-out accuracy "
                     f"**{accuracy:.3f}** on {n} corpus-built claims (true sentences and paraphrases vs. swapped "
                     "numbers, names, negations).")
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


