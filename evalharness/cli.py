"""`qa eval`: the command (options, the summary table it prints); the recipe is evalharness/run.py."""

from __future__ import annotations

from pathlib import Path

import click

from qacore.clikit import handle_errors, load_cli_config, workspace_at, workspace_option


@click.command("eval")
@workspace_option
@click.option("--variant", "variants", multiple=True,
              help="Variant to evaluate (repeatable): base, base+rag, NAME, NAME+rag, extractive+rag, "
                   "openai:MODEL[+rag]. [default: every variant the workspace has]")
@click.option("--questions", "questions_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Your gold set instead of the dataset's eval split: JSONL with question, optional answer "
                   "(empty = no reference, correctness unscored), optional answerable (true/false), optional source.")
@click.option("--dataset", "dataset_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Score answers produced elsewhere without generating: JSONL with question, answer, contexts "
                   "(list of strings), optional reference (empty = none), optional answerable (true/false). The file "
                   "is one variant: its stem, STEM+rag if any row has contexts.")
@click.option("--limit", type=click.IntRange(1), default=None,
              help="Only N items, spread over the documents, keeping the unanswerable share (a quick look).")
@click.option("-k", "k", type=click.IntRange(1), default=None,
              help="Passages per +rag question (and hit@k). [default: retrieval.k]")
@click.option("--report", "report", default="html,json,junit,md", show_default=True,
              help="Comma-separated report formats: html, json, junit, md.")
@click.option("--baseline", default=None,
              help="A previous run (name under .qa/runs, its folder, or its summary.json): fail on regressions "
                   "beyond run-to-run noise (paired bootstrap).")
@click.option("--gate", "gates", multiple=True,
              help='Extra threshold gate (repeatable), e.g. "tuned+rag.hallucination_rate <= 0.15"; added to '
                   "eval.gates from qa.toml.")
@click.option("--run-name", default=None,
              help="Run folder name under .qa/runs (letters, digits, _ . -); an existing run of that name is "
                   "replaced. [default: the start time, YYYYMMDDTHHMMSS, with -2, -3... if taken]")
@click.option("--base-url", default=None, help="Endpoint for openai:MODEL variants.")
@click.option("--no-calibration", is_flag=True, help="Use the verifier's last calibration (or its defaults).")
@click.option("--judge", default=None,
              help="Also score with an LLM judge (ragas faithfulness, answer correctness): openai:MODEL, or a "
                   "local model (embedded:NAME, folder, cached HF id). Up to 4 LLM calls per answer (both metrics), "
                   "cached. [default: eval.judge, none]")
@click.option("--judge-base-url", default=None, help="Endpoint for an openai:MODEL judge. [default: $OPENAI_BASE_URL]")
@click.pass_context
@handle_errors
def eval_(ctx, workspace, variants, questions_file, dataset_file, limit, k, report, baseline, gates, run_name,
          base_url, no_calibration, judge, judge_base_url):
    """Evaluate every variant (base / tuned, closed-book / RAG): correctness, hallucination, abstention.

    Prints the variant table and where the reports are. Exit codes: 0 all gates passed, 3 a gate failed
    (a threshold, or a regression against --baseline), 1 an error, 2 bad usage or configuration.

    \b
    Examples:
      qa eval --report html
      qa eval --variant base+rag --variant tuned+rag --limit 40
      qa eval --questions gold.jsonl --gate "tuned+rag.abstention >= 0.8"
      qa eval --dataset my_rag_logs.jsonl --report md
      qa eval --baseline last-release
      qa eval --variant tuned+rag --judge openai:gpt-4o-mini --judge-base-url http://localhost:8000/v1
    """
    from evalharness.gates import exit_code
    from evalharness.run import run_eval

    formats = tuple(f.strip() for f in report.split(",") if f.strip())
    unknown = sorted(set(formats) - {"html", "json", "junit", "md"})
    if unknown:
        raise click.BadParameter(f"unknown format(s) {', '.join(unknown)}; choose from html, json, junit, md",
                                 param_hint="--report")
    if questions_file and dataset_file:
        raise click.BadParameter("use --questions or --dataset, not both", param_hint="--dataset")
    overrides = {"eval.judge": judge, "eval.judge_base_url": judge_base_url, "retrieval.k": k}
    config = load_cli_config(ctx, overrides)
    if gates:
        config = load_cli_config(ctx, {**overrides, "eval.gates": [*config.eval.gates, *gates]})
    result = run_eval(workspace_at(workspace), config, variants=list(variants) or None, questions_file=questions_file,
                      dataset_file=dataset_file, limit=limit, formats=formats, baseline=baseline,
                      run_name=run_name, base_url=base_url, calibrate_verifier=not no_calibration,
                      log=lambda m: click.echo(m, err=True))
    _print_eval_summary(result)
    ctx.exit(exit_code(result.gate_results))


def _print_eval_summary(result) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False)
    shown = ["answer_correct", "token_f1", "hallucination_rate", "abstention", "over_refusal", "hit_at_k",
             "latency_s"]
    # metrics as rows, variants as columns: metric names are long, variant names short, and a CI log is
    # 80 columns wide (the other way round, rich cut the metric names to "halluc…")
    table = Table(title=f"qa eval {result.summary['run']}")
    table.add_column("metric")
    variants = result.summary["variants"]
    for variant in variants:  # "tuned+rag+guard" as three header lines keeps six variants within 80 columns
        table.add_column(variant.replace("+", "\n+"), justify="right")
    for metric in shown:
        arrow = "↑" if result.summary["metrics"][metric]["higher_is_better"] else "↓"
        values = [info["metrics"].get(metric, {}).get("value") for info in variants.values()]
        table.add_row(f"{metric} {arrow}", *("-" if v is None else f"{v:.2f}" for v in values))
    console.print(table)
    for gate in result.summary["gates"]:
        mark = "PASS" if gate["passed"] else "FAIL"
        console.print(f"gate {mark}: {gate.get('name') or gate.get('expression')} {gate.get('message', '')}")
    judge = result.summary.get("judge") or {}
    if judge.get("llm"):
        agreement = judge.get("agreement") or {}
        kappa = agreement.get("kappa")
        console.print(f"judge {judge['llm']['spec']}: {sum(judge['failures'].values())} judgments failed "
                      f"({judge['parse_failures']} unparseable replies); agreement with the verifier "
                      + (f"{agreement['agreement']:.2f}, kappa {'-' if kappa is None else f'{kappa:.2f}'}, "
                         f"n={agreement['n']}" if agreement.get("n") else "not measured (no item scored by both)"))
    verifier = result.summary.get("verifier") or {}
    real = verifier.get("real_answers") or {}
    if verifier:
        console.print(f"verifier: {verifier['used']}" + (  # within 80 columns for CI logs
            f"; hand-label agreement {real['agreement']:.0%} ({real['n']} real answers)"
            if real.get("agreement") is not None else ""))
    calibration = result.summary.get("calibration") or {}
    if calibration.get("used"):
        from evalharness.report import verifier_held_out_accuracy

        accuracy, n = verifier_held_out_accuracy(calibration)
        console.print(f"corpus slice: {calibration['used']}, held-out accuracy "
                      + (f"{accuracy:.3f} ({n} claims)" if accuracy is not None else "not measured"))
    for fmt, path in result.reports.items():
        console.print(f"{fmt:6} {path}")
