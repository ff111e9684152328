"""Two readable views of a run for the HTML report: how good the judge is (the verifier used, its agreement with
hand labels on real answers, and the threshold verifier's synthetic-slice calibration as a short table instead of
nested dictionaries), and the results question by question with every variant's answer side by side."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from evalharness.report_common import item_outcome

_CANDIDATES = (("default", "default thresholds"), ("calibrated", "calibrated thresholds"),
               ("hard_checks+cross_encoder", "hard checks + cross-encoder"))
_USED_KEY = {"default_thresholds": "default", "calibrated_thresholds": "calibrated",
             "cross_encoder": "hard_checks+cross_encoder"}


def _pct(value: Any) -> str:
    return "-" if not isinstance(value, int | float) else f"{value:.0%}"


def verifier_view(summary: dict[str, Any]) -> dict[str, Any]:
    verifier = summary.get("verifier") or {}
    real = verifier.get("real_answers") or {}
    calibration = summary.get("calibration") or {}
    held = calibration.get("held_out") or {}
    kinds = sorted({k for scores in held.values() if isinstance(scores, dict) for k in scores.get("by_type") or {}})
    rows = []
    used_key = _USED_KEY.get(str(calibration.get("used")), "")
    for key, label in _CANDIDATES:
        scores = held.get(key)
        if not isinstance(scores, dict):
            continue
        accepted = scores.get("accepted_supported")
        by_type = scores.get("by_type") or {}
        rows.append({"name": label, "chosen": key == used_key, "n": scores.get("n"),
                     "accuracy": _pct(scores.get("accuracy")),
                     "false_flags": _pct(None if accepted is None else 1 - accepted),
                     "kinds": [_pct((by_type.get(k) or {}).get("accuracy")) for k in kinds]})
    real_row = None
    if real:
        ci = real.get("agreement_ci") or [None, None]
        real_row = {"n": real.get("n"), "agreement": _pct(real.get("agreement")),
                    "ci": f"{_pct(ci[0])}-{_pct(ci[1])}" if ci[0] is not None else "-",
                    "auroc": "-" if real.get("auroc") is None else f"{real['auroc']:.2f}",
                    "false_flags": f"{real.get('false_flags')}/{real.get('supported')}",
                    "missed": f"{real.get('missed')}/{real.get('unsupported')}",
                    "correct_agreement": _pct(real.get("answer_correct_agreement"))}
    return {"used": verifier.get("used") or calibration.get("used") or "-", "why": verifier.get("why") or "",
            "real": real_row, "kinds": kinds, "rows": rows, "slice_n": (calibration.get("slice") or {}).get("size")}


def by_question(items: Sequence[dict[str, Any]], variants: Sequence[str]) -> list[dict[str, Any]]:
    """One entry per question (item_id), in first-seen order: its reference and each variant's answer."""
    groups: dict[str, dict[str, Any]] = {}
    for item in items:
        key = str(item.get("item_id") or item.get("question"))
        group = groups.setdefault(key, {"item_id": key, "question": str(item.get("question") or ""),
                                        "reference": item.get("reference"), "answers": {}})
        outcome = item_outcome(item)
        correct = (item.get("scores") or {}).get("answer_correct")
        group["answers"][item.get("variant")] = {
            "answer": str(item.get("answer") or ""), "refused": bool(item.get("refused")),
            "hallucinated": outcome.hallucinated, "correct": None if correct is None else bool(correct)}
    return [{**g, "cells": [g["answers"].get(v) for v in variants]} for g in groups.values()]
