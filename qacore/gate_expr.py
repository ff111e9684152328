"""Gate expressions of `qa eval` ("tuned+rag.hallucination_rate <= 0.15"), parsed in one place.

It lives in qacore because the config validates `eval.gates` when `qa.toml` is loaded; `evalharness.gates`
evaluates them. Grammar: ``VARIANT.METRIC OP NUMBER`` where

- VARIANT is any non-empty text (variant names contain '+', ':', '-', '/' and even '.', as in
  ``openai:gpt-4.1+rag``): the split is on the *last* '.' that is followed by a metric name and an operator;
- METRIC is an identifier (letters, digits, '_', starting with a letter or '_');
- OP is one of ``<=  <  >=  >  ==`` (``==`` compares with an absolute tolerance of 1e-9);
- NUMBER is a finite decimal number (``0.15``, ``1``, ``-0.5``, ``1e-3``), optionally followed by ``%``
  (``15%`` is 0.15).
"""

from __future__ import annotations

import math
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass

GATE_OPERATORS: dict[str, Callable[[float, float], bool]] = {
    "<=": operator.le,
    "<": operator.lt,
    ">=": operator.ge,
    ">": operator.gt,
    "==": lambda a, b: math.isclose(a, b, rel_tol=0.0, abs_tol=1e-9),
}

# Greedy VARIANT, so the split is on the last '.' that is followed by METRIC OP NUMBER.
_GATE_RE = re.compile(
    r"""^\s*
    (?P<variant>\S(?:.*\S)?)
    \.(?P<metric>[A-Za-z_][A-Za-z0-9_]*)
    \s*(?P<op><=|>=|==|<|>)\s*
    (?P<value>[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)(?P<percent>\s*%)?
    \s*$""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class GateExpression:
    """One parsed threshold gate."""

    variant: str
    metric: str
    op: str
    threshold: float
    expression: str

    def holds(self, value: float) -> bool:
        return GATE_OPERATORS[self.op](value, self.threshold)

    def __str__(self) -> str:
        return self.expression


_EXPECTED = (
    "expected 'VARIANT.METRIC OP NUMBER' with OP one of <=, <, >=, >, == "
    "(for example 'tuned+rag.hallucination_rate <= 0.15')"
)


class GateExpressionError(ValueError):
    """A gate expression that does not parse. `reason` is the short form (without the expected syntax)."""

    def __init__(self, expression: object, reason: str):
        self.expression = expression
        self.reason = reason
        super().__init__(f"{reason}; {_EXPECTED}")


def parse_gate_expression(expression: str) -> GateExpression:
    """Parse ``"VARIANT.METRIC OP NUMBER"``; a GateExpressionError (a ValueError) names the bad expression."""
    if not isinstance(expression, str):
        raise GateExpressionError(expression, f"gate {expression!r} is not a string")
    match = _GATE_RE.match(expression)
    if match is None:
        raise GateExpressionError(expression, f"bad gate expression {expression!r}")
    value = float(match["value"])
    if match["percent"]:
        value /= 100.0
    if not math.isfinite(value):
        raise GateExpressionError(expression, f"gate {expression!r}: the threshold must be a finite number")
    if any(ch in match["variant"] for ch in "<>="):
        # "a.b <= 1.c < 2" and the like: the greedy variant swallowed another comparison
        raise GateExpressionError(expression, f"gate {expression!r} holds more than one comparison")
    return GateExpression(
        variant=match["variant"],
        metric=match["metric"],
        op=match["op"],
        threshold=value,
        expression=expression.strip(),
    )


def validate_gate_expressions(expressions: list[str]) -> list[str]:
    """Check every expression; one ValueError names all the bad ones (for the config validator)."""
    reasons = []
    for expr in expressions:
        try:
            parse_gate_expression(expr)
        except GateExpressionError as exc:
            reasons.append(exc.reason)
    if reasons:
        raise ValueError("; ".join(reasons) + f"; {_EXPECTED}")
    return expressions
