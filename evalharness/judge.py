"""The optional LLM judge of `qa eval`: ragas metrics asked of an LLM, next to the offline verifier.

    judge = "openai:gpt-4o-mini"                 any OpenAI-compatible endpoint (eval.judge_base_url)
    judge = "embedded:SmolLM2-135M-Instruct"     or any local causal LM (folder, cached HF id)

What runs: ragas' own metric code and prompts (`ragas.metrics.collections`: Faithfulness, AnswerCorrectness), with
the LLM behind ragas' `InstructorBaseRagasLLM` interface replaced by `JudgeLLM` below. Why not ragas'
`llm_factory`: it needs instructor's tool-calling mode on an OpenAI client (no local model), retries behind our
back and caches elsewhere. `JudgeLLM` instead sends ragas' prompt through the project's generator
(`qacore.generation.make_generator`, the backend registry every stage uses, so a local HF model and any
OpenAI-compatible endpoint take the same path), keeps every reply in the generation cache (an unchanged re-run
asks the judge nothing), and parses the reply itself so that a bad reply is an *error with a reason*, not a
silent None/NaN score (the known failure of small judges in other tools).

Per (variant, item, metric) the item gets a record in ``item["judge"][metric]``:

    {"status": "scored", "score": 0.75, "by": "judge"}                  a number from ragas
    {"status": "scored", "score": 0.0, "by": "rule", "reason": ...}     decided without the judge (a refusal to an
                                                                         answerable question is not correct)
    {"status": "failed", "score": null, "kind": "parse" | "llm_error" | "error", "reason": ...}
    {"status": "not_applicable", "score": null, "reason": ...}           e.g. faithfulness of a refusal

Failed items stay in the results (counted per metric and variant, shown in every report); not-applicable ones
are counted separately, so "the judge could not score it" is never confused with "there was nothing to judge".

Decisions, documented here because they change the numbers:
- evidence is the verifier's evidence (`item["evidence"]`): the retrieved passages for +rag variants, the source
  chunk + reference for closed-book ones. Citation markers ("[1]") are removed from the answer first.
- faithfulness: not applicable to refusals, empty answers and items without evidence. ragas returns NaN when the
  judge extracts no statement or no verdict; that is counted as a parse failure, as is a verdict other than 0/1.
- answer_correctness: ragas' factuality F1 (TP/FP/FN statements of answer vs reference), weights [1, 0]: the
  embedding half of ragas' default mix is already the `embedding_similarity` metric, and a judge number that is
  only the judge's verdict keeps the agreement and the failure counts readable. A refusal or empty answer to an
  answerable question scores 0 by rule (as token_f1 does: answering less must not look better). ragas scores an
  answer 1.0 when the judge extracts no statements from it or from the reference; that is counted as a parse
  failure here instead.
- a reply is parsed leniently only in form (code fences and text around one JSON object are ignored), never in
  content: it must validate against the pydantic schema ragas asked for. No retries: decoding is greedy, so asking
  again gives the same reply; the reply is cached, so a re-run reproduces the same failure without a call.
- agreement with the verifier: judge faithfulness >= 0.5 means "supported"; the verifier's verdict is "every claim
  of the answer supported". Compared on the items both scored (answers with at least one claim and a judge score):
  percent agreement and Cohen's kappa with the 2x2 table, overall and per variant.
"""

from __future__ import annotations

import asyncio
import json
import math
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path
from typing import Any

from qacore.claims import strip_citations
from qacore.errors import QAError

AGREEMENT_THRESHOLD = 0.5  # judge faithfulness at or above this = "the answer is supported"
JUDGE_SYSTEM = (
    "You are a careful, strict evaluator. Reply with exactly one JSON object that follows the schema "
    "you are given: no prose, no code fences, double quotes only."
)
FAILURE_KINDS = ("parse", "llm_error", "error")
_FENCE = re.compile(r"^```[a-zA-Z]*\s*|\s*```\s*$")


class JudgeParseError(Exception):
    """The judge replied, but not with JSON that fits the schema ragas asked for."""


class JudgeCallError(Exception):
    """The judge could not be asked: the endpoint refused or failed, the local model raised."""


# --- the reply parser ------------------------------------------------------------------------------------------


def parse_reply(text: str, model: type) -> Any:
    """The pydantic `model` instance in the judge's reply, or JudgeParseError saying what was wrong.

    Lenient in form only: a ```json fence and text before or after ONE JSON object are ignored (small models add
    them), but the object must validate against the schema, and verdicts must be 0 or 1."""
    from pydantic import ValidationError

    body = _FENCE.sub("", (text or "").strip())
    start = body.find("{")
    if start < 0:
        raise JudgeParseError(f"no JSON object in the reply{_quote(text)}")
    try:
        data, _ = json.JSONDecoder().raw_decode(body[start:])
    except json.JSONDecodeError as exc:
        raise JudgeParseError(f"reply is not valid JSON ({exc.msg} at char {exc.pos}){_quote(text)}") from exc
    try:
        parsed = model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(top level)"
        raise JudgeParseError(
            f"reply does not fit the {model.__name__} schema ({len(exc.errors())} problem(s), "
            f"first: {where}: {first['msg']}){_quote(text)}"
        ) from exc
    for statement in getattr(parsed, "statements", None) or []:
        verdict = getattr(statement, "verdict", None)
        if verdict is not None and verdict not in (0, 1):
            raise JudgeParseError(f"verdict {verdict!r} is not 0 or 1{_quote(text)}")
    return parsed


def _quote(text: str | None, n: int = 120) -> str:
    text = " ".join((text or "").split())
    return f"; reply began {text[:n]!r}" if text else "; the reply was empty"


# --- the LLM behind ragas' interface ---------------------------------------------------------------------------


class JudgeClient:
    """The judge model + the generation cache, shared by every judgment of a run.

    Calls run in a thread pool (a few at a time for an endpoint, one at a time for a local model, which batches
    nothing here and must not run twice at once); the cache is read and written only on the event loop's thread
    (SQLite connections stay on their thread). Identical prompts in flight at once (the answer's statements
    for both metrics, the reference's for every variant) are asked once."""

    def __init__(self, generator, cache, max_new_tokens: int, concurrency: int):
        self.generator, self.cache, self.max_new_tokens = generator, cache, max_new_tokens
        self.pool = ThreadPoolExecutor(max(1, concurrency), thread_name_prefix="qa-judge")
        self.calls = self.cache_hits = 0
        self._inflight: dict[str, asyncio.Future] = {}

    def messages(self, prompt: str) -> list[dict[str, str]]:
        return [{"role": "system", "content": JUDGE_SYSTEM}, {"role": "user", "content": prompt}]

    async def ask(self, prompt: str) -> str:
        from qacore.gencache import cache_key

        messages = self.messages(prompt)
        key = cache_key(self.generator.identity, messages, self.max_new_tokens)
        if self.cache is not None:
            hit = self.cache.get([key]).get(key)
            if hit is not None:
                self.cache_hits += 1
                return hit.text
        if key in self._inflight:
            return await asyncio.shield(self._inflight[key])
        future = asyncio.get_running_loop().create_future()
        self._inflight[key] = future
        try:
            self.calls += 1
            generation = await asyncio.get_running_loop().run_in_executor(
                self.pool, lambda: self.generator.generate([messages], max_new_tokens=self.max_new_tokens)[0]
            )
        except Exception as exc:
            # the endpoint or the model failed: nothing is cached, so the next run asks again
            error = JudgeCallError(f"{type(exc).__name__}: {exc}")
            future.set_exception(error)
            future.exception()  # retrieved: no "exception never retrieved" warning when nobody else waits
            raise error from exc
        finally:
            self._inflight.pop(key, None)
        if self.cache is not None:
            self.cache.put({key: generation})
        future.set_result(generation.text)
        return generation.text

    def close(self) -> None:
        self.pool.shutdown(wait=True)


@cache
def _judge_llm_class():
    from ragas.llms.base import InstructorBaseRagasLLM

    class JudgeLLM(InstructorBaseRagasLLM):
        """ragas' structured-output LLM interface over a JudgeClient. One per judgment: `trace` keeps every
        parsed reply, so an NaN or a "no statements" score can be explained afterwards."""

        def __init__(self, client: JudgeClient):
            self.client = client
            self.trace: list[tuple[str, Any]] = []

        async def agenerate(self, prompt, response_model):
            parsed = parse_reply(await self.client.ask(prompt), response_model)
            self.trace.append((response_model.__name__, parsed))
            return parsed

        def generate(self, prompt, response_model):  # ragas' collections metrics only call agenerate
            return asyncio.run(self.agenerate(prompt, response_model))

    return JudgeLLM


# --- one judgment ----------------------------------------------------------------------------------------------


def _record(status: str, score: float | None = None, **extra: Any) -> dict[str, Any]:
    return {"status": status, "score": score, **{k: v for k, v in extra.items() if v is not None}}


def _plan(item: dict, metric: str) -> tuple[dict | None, dict | None]:
    """(ragas inputs to judge, None) or (None, the record decided without the judge)."""
    answer = strip_citations(item.get("answer") or "").strip()
    refused = bool(item.get("refused")) or not answer
    if metric == "faithfulness":
        evidence = [e for e in (item.get("evidence") or []) if e and e.strip()]
        if refused:
            return None, _record("not_applicable", reason="refusal or empty answer: no statement to check")
        if not evidence:
            return None, _record("not_applicable", reason="no evidence to check against")
        return {"user_input": item["question"], "response": answer, "retrieved_contexts": evidence}, None
    if metric == "answer_correctness":
        reference = item.get("reference")
        if not item.get("answerable", True) or not reference:
            return None, _record("not_applicable", reason="no reference answer (unanswerable question)")
        if refused:
            return None, _record(
                "scored", 0.0, by="rule", reason="refused (or left empty) an answerable question"
            )
        return {"user_input": item["question"], "response": answer, "reference": reference}, None
    raise ValueError(f"unknown judge metric {metric!r}")


def _make_metric(metric: str, llm):
    from ragas.metrics.collections import AnswerCorrectness, Faithfulness

    if metric == "faithfulness":
        return Faithfulness(llm=llm)
    return AnswerCorrectness(llm=llm, weights=[1.0, 0.0])  # factuality only: see the module docstring


def _interpret(metric: str, value: Any, trace: list[tuple[str, Any]]) -> dict[str, Any]:
    """The record for a ragas result, turning its silent NaN / 1.0-by-default cases into counted failures."""
    statements = [out for name, out in trace if name == "StatementGeneratorOutput"]
    if metric == "answer_correctness" and any(not out.statements for out in statements):
        return _record(
            "failed",
            kind="parse",
            reason="the judge extracted no statements from the answer or the "
            "reference (ragas would score that 1.0)",
        )
    number = value if isinstance(value, int | float) else None
    if number is None or not math.isfinite(number):
        if statements and not statements[0].statements:
            why = "the judge extracted no statements from the answer (ragas returns NaN)"
        elif metric == "faithfulness" and trace and not getattr(trace[-1][1], "statements", True):
            why = "the judge returned no verdicts (ragas returns NaN)"
        else:
            why = f"ragas returned {value!r}"
        return _record("failed", kind="parse", reason=why)
    if not 0.0 <= number <= 1.0:
        return _record("failed", kind="parse", reason=f"score {number} outside [0, 1]")
    record = _record("scored", round(float(number), 6), by="judge")
    if metric == "faithfulness" and trace and trace[-1][0] == "NLIStatementOutput":
        record["statements"] = [
            {"statement": s.statement, "verdict": int(s.verdict), "reason": s.reason}
            for s in trace[-1][1].statements
        ][:20]
    return record


async def _judge_one(client: JudgeClient, metric: str, inputs: dict) -> dict[str, Any]:
    llm = _judge_llm_class()(client)
    try:
        result = await _make_metric(metric, llm).ascore(**inputs)
    except JudgeParseError as exc:
        return _record("failed", kind="parse", reason=str(exc))
    except JudgeCallError as exc:
        return _record("failed", kind="llm_error", reason=str(exc))
    except Exception as exc:  # ragas itself raised: still a counted failure of this item, never a dropped one
        return _record("failed", kind="error", reason=f"{type(exc).__name__}: {exc}")
    return _interpret(metric, getattr(result, "value", result), llm.trace)


async def _judge_all(client: JudgeClient, todo: list[tuple[dict, str, dict]], progress) -> None:
    async def one(item: dict, metric: str, inputs: dict) -> None:
        item["judge"][metric] = await _judge_one(client, metric, inputs)
        progress(1)

    await asyncio.gather(*(one(item, metric, inputs) for item, metric, inputs in todo))


# --- the run ---------------------------------------------------------------------------------------------------


def make_judge_generator(spec: str, base_url: str | None = None):
    """The generator a judge spec names: the same backend registry as every other LLM in the project."""
    from qacore.generation import make_generator

    return make_generator(spec, base_url=base_url)


def run_judge(
    results: list[dict],
    *,
    spec: str,
    metrics: Sequence[str],
    cache_path: Path | None,
    base_url: str | None = None,
    max_new_tokens: int = 768,
    log: Callable[[str], None] = lambda m: None,
) -> dict[str, Any]:
    """Judge every result (in place: `item["judge"][metric]`) and return the summary's judge fields."""
    os.environ.setdefault("RAGAS_DO_NOT_TRACK", "true")  # ragas' usage telemetry: never from an eval run
    import ragas

    from qacore.gencache import GenerationCache

    generator = make_judge_generator(spec, base_url)
    concurrency = 1 if generator.identity.get("backend") == "local" else 4
    cache = GenerationCache(cache_path) if cache_path is not None else None
    client = JudgeClient(generator, cache, max_new_tokens, concurrency)
    todo = []
    for item in results:
        item["judge"] = {}
        for metric in metrics:
            inputs, decided = _plan(item, metric)
            if decided is not None:
                item["judge"][metric] = decided
            else:
                todo.append((item, metric, inputs))
    began = time.perf_counter()
    from tqdm import tqdm

    with tqdm(
        total=len(todo),
        desc=f"qa eval: judge {spec}",
        unit="judgment",
        file=sys.stderr,
        disable=None,
        leave=False,
    ) as bar:
        try:
            asyncio.run(_judge_all(client, todo, bar.update))
        finally:
            client.close()
            if cache is not None:
                cache.close()
    seconds = time.perf_counter() - began
    summary = summarize_judge(results, metrics)
    errors = [item["judge"][m] for item, m, _ in todo]
    if todo and all(r.get("kind") == "llm_error" for r in errors):
        # nothing was judged at all: a wrong URL or model must not pass as "every item failed to parse"
        raise QAError(f"the LLM judge {spec} answered no request: {errors[0]['reason']}")
    summary["llm"] = {
        "spec": spec,
        "identity": generator.identity,
        "ragas_version": ragas.__version__,
        "metrics": list(metrics),
        "max_new_tokens": max_new_tokens,
        "judgments": len(todo),
        "calls": client.calls,
        "cache_hits": client.cache_hits,
        "seconds": round(seconds, 1),
    }
    failed = sum(summary["failures"].values())
    log(
        f"qa eval: judge {spec}: {len(todo)} judgments, {client.calls} LLM calls ({client.cache_hits} cached) in "
        f"{seconds:.1f} s; {failed} failed ({summary['failures']['parse']} unparseable replies)"
    )
    return summary


# --- summaries -------------------------------------------------------------------------------------------------


def summarize_judge(results: Sequence[dict], metrics: Sequence[str]) -> dict[str, Any]:
    """Per variant and metric: mean of the scored items, scored / failed (by kind) / not applicable counts;
    failure totals; a few failure reasons to look at; agreement with the verifier."""
    per_variant: dict[str, dict[str, dict[str, Any]]] = {}
    failures: Counter = Counter({kind: 0 for kind in FAILURE_KINDS})
    examples = []
    for item in results:
        row = per_variant.setdefault(item["variant"], {})
        for metric in metrics:
            record = (item.get("judge") or {}).get(metric)
            cell = row.setdefault(
                metric,
                {
                    "mean": None,
                    "scored": 0,
                    "failed": 0,
                    "parse_failures": 0,
                    "llm_errors": 0,
                    "not_applicable": 0,
                    "_sum": 0.0,
                },
            )
            if record is None or record["status"] == "not_applicable":
                cell["not_applicable"] += 1
            elif record["status"] == "scored":
                cell["scored"] += 1
                cell["_sum"] += record["score"]
            else:
                cell["failed"] += 1
                kind = record.get("kind", "error")
                failures[kind] += 1
                cell["parse_failures"] += kind == "parse"
                cell["llm_errors"] += kind == "llm_error"
                if len(examples) < 10:
                    examples.append(
                        {
                            "variant": item["variant"],
                            "item_id": item["item_id"],
                            "metric": metric,
                            "kind": kind,
                            "reason": record.get("reason", "")[:300],
                        }
                    )
    for row in per_variant.values():
        for cell in row.values():
            total = cell.pop("_sum")
            cell["mean"] = total / cell["scored"] if cell["scored"] else None
    return {
        "metrics": list(metrics),
        "per_variant": per_variant,
        "failures": dict(failures),
        "failure_examples": examples,
        "agreement": verifier_agreement(results) if "faithfulness" in metrics else None,
    }


def verifier_verdict(item: dict) -> bool | None:
    """The offline verifier's per-answer verdict: every claim supported (None: no claim was checked)."""
    claims = [c for c in (item.get("claims") or []) if c.get("supported") is not None]
    return all(c["supported"] for c in claims) if claims else None


def judge_verdict(item: dict, threshold: float = AGREEMENT_THRESHOLD) -> bool | None:
    record = (item.get("judge") or {}).get("faithfulness") or {}
    if record.get("status") != "scored" or record.get("by") != "judge":
        return None
    return record["score"] >= threshold


def agreement_stats(pairs: Sequence[tuple[bool, bool]]) -> dict[str, Any]:
    """Agreement of two yes/no raters over (rater_a, rater_b) pairs: n, percent agreement, Cohen's kappa and the
    2x2 table. kappa = (p_o - p_e) / (1 - p_e) with p_e from each rater's own "yes" rate; None when p_e = 1
    (both raters said the same single thing every time: kappa is undefined) or when there is no pair."""
    n = len(pairs)
    table = {
        "both_yes": sum(a and b for a, b in pairs),
        "a_yes_b_no": sum(a and not b for a, b in pairs),
        "a_no_b_yes": sum((not a) and b for a, b in pairs),
        "both_no": sum(not a and not b for a, b in pairs),
    }
    out: dict[str, Any] = {"n": n, "agreement": None, "kappa": None, "table": table}
    if not n:
        return out
    observed = (table["both_yes"] + table["both_no"]) / n
    a_yes = (table["both_yes"] + table["a_yes_b_no"]) / n
    b_yes = (table["both_yes"] + table["a_no_b_yes"]) / n
    expected = a_yes * b_yes + (1 - a_yes) * (1 - b_yes)
    out["agreement"] = observed
    out["kappa"] = None if math.isclose(expected, 1.0) else (observed - expected) / (1 - expected)
    return out


def verifier_agreement(results: Sequence[dict], threshold: float = AGREEMENT_THRESHOLD) -> dict[str, Any]:
    """Judge (faithfulness >= threshold) vs offline verifier (no unsupported claim), on the items both scored;
    overall and per variant. In the table, "a" is the judge and "b" the verifier; yes = supported."""
    by_variant: dict[str, list[tuple[bool, bool]]] = {}
    for item in results:
        judge, verifier = judge_verdict(item, threshold), verifier_verdict(item)
        if judge is not None and verifier is not None:
            by_variant.setdefault(item["variant"], []).append((judge, verifier))
    overall = agreement_stats([p for pairs in by_variant.values() for p in pairs])
    return {
        "metric": "faithfulness",
        "threshold": threshold,
        "raters": {"a": "LLM judge", "b": "offline verifier"},
        **overall,
        "per_variant": {v: agreement_stats(p) for v, p in by_variant.items()},
    }


__all__ = [
    "AGREEMENT_THRESHOLD",
    "JudgeCallError",
    "JudgeClient",
    "JudgeParseError",
    "agreement_stats",
    "judge_verdict",
    "parse_reply",
    "run_judge",
    "summarize_judge",
    "verifier_agreement",
    "verifier_verdict",
]
