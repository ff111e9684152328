"""`qa`: the command-line entry point. Thin on purpose: parse options, call one library function, print.

Results go to stdout, progress and messages to stderr. Domain errors (qacore.errors.QAError) become
clean one-line errors; set QA_RAISE_ERRORS=1 to see the traceback instead. Heavy libraries (torch,
transformers, faiss) are imported inside the commands, so `qa --help` stays instant.
"""

from __future__ import annotations

import functools
import json
import os
import sys
from pathlib import Path

import click

from qacore.errors import ConfigError, QAError


def _handle_errors(func):
    """Turn QAError into click errors (exit 1) unless QA_RAISE_ERRORS=1."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except ConfigError as exc:
            if os.environ.get("QA_RAISE_ERRORS") == "1":
                raise
            raise click.BadParameter(str(exc), param_hint="config") from exc
        except QAError as exc:
            if os.environ.get("QA_RAISE_ERRORS") == "1":
                raise
            raise click.ClickException(str(exc)) from exc

    return wrapper


def _load_config(ctx: click.Context, overrides: dict):
    from qacore.config import load_config

    return load_config(ctx.obj.get("config_path"), overrides)


def _workspace(path):
    from qacore.workspace import Workspace

    return Workspace.at(path)


workspace_option = click.option(
    "--workspace", "-w", type=click.Path(file_okay=False), default=None, envvar="QA_WORKSPACE",
    help="Workspace folder for indexes, datasets and models. [default: ./.qa, or $QA_WORKSPACE]",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 110})
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None, envvar="QA_CONFIG",
              help="qa.toml to use. [default: ./qa.toml if present]")
@click.version_option(package_name="qa-docs")
@click.pass_context
def cli(ctx: click.Context, config_path: str | None):
    """qa: turn internal documents into a question-answering assistant, and measure whether it tells the truth.

    \b
    Typical flow:
      qa ingest ./docs            documents -> redacted chunks -> FAISS + BM25 index + Q&A dataset
      qa search "vpn portal"      look up the index
      qa finetune                 LoRA on the dataset -> .qa/models/tuned
      qa ask "question"           answer with citations (--model base|tuned|extractive, --rag/--no-rag)
      qa eval --report html       base vs tuned, closed-book vs RAG: correctness, hallucination, abstention
    """
    ctx.ensure_object(dict)
    ctx.obj["config_path"] = config_path


_generator_options = [
    click.option("--generator", default=None,
                 help="LLM for questions and paraphrases: embedded:SmolLM2-135M-Instruct, a local folder or cached HF "
                      "id, openai:MODEL (any OpenAI-compatible server; key from $OPENAI_API_KEY), or none "
                      "(extractors only). [default: dataset.generator]"),
    click.option("--base-url", default=None, help="Endpoint for openai:MODEL, e.g. http://localhost:8000/v1 (vLLM)."),
]


def generator_options(func):
    for option in reversed(_generator_options):
        func = option(func)
    return func


wait_option = click.option("--wait", "wait_seconds", type=click.FloatRange(0), default=0.0, show_default=True,
                           help="Seconds to wait for another qa process holding the workspace lock.")


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@workspace_option
@click.option("--include", multiple=True, help="Glob of files to take (repeatable); replaces the defaults.")
@click.option("--exclude", multiple=True, help="Glob of files to leave out (repeatable); added to ingest.exclude (qa.toml or the defaults).")
@click.option("--redact/--no-redact", default=None, help="Remove secrets and personal data before storing. [default: on]")
@click.option("--index", "index_type", type=click.Choice(["auto", "flat", "hnsw"]), default=None,
              help="FAISS index: exact flat, approximate HNSW, or auto by size.")
@click.option("--chunk-tokens", type=int, default=None, help="Max tokens per chunk (embedding tokenizer).")
@click.option("--embedding-model", default=None, help="embedded:all-MiniLM-L6-v2, a local folder, or a cached HF id.")
@click.option("--strict", is_flag=True, help="Fail (and keep the previous index) if any file is skipped.")
@wait_option
@click.option("--dataset/--no-dataset", default=True, show_default=True,
              help="Build the Q&A dataset (train / eval / unanswerable) from the index after ingesting.")
@generator_options
@click.option("--json", "as_json", is_flag=True, help="Print the run report as JSON.")
@click.pass_context
@_handle_errors
def ingest(ctx, paths, workspace, include, exclude, redact, index_type, chunk_tokens, embedding_model, strict,
           wait_seconds, dataset, generator, base_url, as_json):
    """Ingest documents (md, txt, html, pdf, docx, csv, jsonl) into the workspace index.

    Re-running is incremental: unchanged files are skipped without re-embedding, changed files are
    re-chunked, deleted files are dropped. Bad files are skipped with a reason; the run fails only if
    nothing could be ingested (or with --strict).

    \b
    Examples:
      qa ingest corpora/
      qa ingest ./handbook ./it-wiki --exclude '**/drafts/**'
      qa ingest docs/ --no-redact --json
    """
    from ingest.pipeline import run_ingest

    overrides = {
        "ingest.redact": redact, "ingest.index": index_type, "ingest.chunk_tokens": chunk_tokens,
        "models.embedding": embedding_model, "dataset.generator": generator, "dataset.base_url": base_url,
        "ingest.include": list(include) or None,
    }
    config = _load_config(ctx, overrides)
    if exclude:  # added to qa.toml's (or the default) excludes, never instead of them: they may keep secrets out
        config.ingest.exclude = config.ingest.exclude + list(exclude)
    ws = _workspace(workspace)
    report = run_ingest(list(paths), ws, config, strict=strict, wait_seconds=wait_seconds)
    dataset_report = None
    if dataset and not (report.up_to_date and _dataset_is_current(ws, config)):
        from ingest.dataset.build import build_dataset

        dataset_report = build_dataset(ws, config, wait_seconds=wait_seconds, log=lambda m: click.echo(m, err=True))
    if as_json:
        payload = report.to_json()
        if dataset_report is not None:
            payload["dataset"] = dataset_report.to_json()
        click.echo(json.dumps(payload, indent=2))
        return
    from ingest.summary import print_summary

    print_summary(report)
    if dataset_report is not None:
        from ingest.dataset.summary import print_dataset_report

        print_dataset_report(dataset_report)


def _dataset_is_current(ws, config) -> bool:
    """The published dataset was built from the published index snapshot with the same dataset settings."""
    from ingest.dataset.build import current_dataset
    from qacore.workspace import read_json

    folder, snapshot = current_dataset(ws), ws.current_snapshot()
    if not (folder and snapshot):
        return False
    manifest = read_json(folder / "manifest.json")
    return (manifest.get("index_snapshot") == snapshot.name
            and manifest.get("config", {}).get("dataset") == config.dataset.model_dump(mode="json"))


@cli.command()
@workspace_option
@click.option("--eval-share", type=click.FloatRange(0.05, 0.9), default=None,
              help="Share of document sections whose pairs go to the eval split. [default: dataset.eval_share]")
@generator_options
@wait_option
@click.option("--json", "as_json", is_flag=True, help="Print the data-quality report as JSON.")
@click.pass_context
@_handle_errors
def generate(ctx, workspace, eval_share, generator, base_url, wait_seconds, as_json):
    """Build the Q&A dataset from the ingested index (also run by `qa ingest`).

    Pairs come from FAQ sections, definitions and tables in the documents, from questions phrased by rule from
    prose sentences, and from questions an LLM writes for fact sentences in chunks nothing else covered (the
    answer is the sentence itself). They pass quality gates (self-contained question, answer
    supported by its source, no near-duplicates), are split train / eval by document section, eval questions are
    paraphrased, and in-domain questions the corpus does not answer are added (unanswerable.jsonl). LLM outputs
    are cached: re-running on an unchanged corpus generates nothing.

    \b
    Examples:
      qa generate
      qa generate --generator none                  # extractors only, no LLM
      qa generate --generator openai:llama3.1 --base-url http://localhost:11434/v1   # Ollama
      qa generate --eval-share 0.3 --json
    """
    from ingest.dataset.build import build_dataset

    config = _load_config(ctx, {"dataset.eval_share": eval_share, "dataset.generator": generator,
                                "dataset.base_url": base_url})
    report = build_dataset(_workspace(workspace), config, wait_seconds=wait_seconds,
                           log=lambda m: click.echo(m, err=True))
    if as_json:
        click.echo(json.dumps(report.to_json(), indent=2))
    else:
        from ingest.dataset.summary import print_dataset_report

        print_dataset_report(report)


@cli.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@workspace_option
@click.option("--as-eval", is_flag=True, help="Put the pairs in the eval split instead of train.")
@generator_options
@wait_option
@click.pass_context
@_handle_errors
def import_(ctx, files, workspace, as_eval, generator, base_url, wait_seconds):
    """Import Q&A pairs you already have, then rebuild the dataset with them.

    CSV with prompt,completion columns; JSONL with prompt/completion (or question/answer) or chat `messages`.
    A file with any bad line is refused whole, and every bad line is named.

    \b
    Examples:
      qa import seed_qa.csv
      qa import golden.jsonl --as-eval
    """
    from ingest.dataset.build import build_dataset
    from ingest.dataset.io import import_pairs

    ws = _workspace(workspace)
    for file in files:
        n = import_pairs(ws, file, "eval" if as_eval else "train")
        click.echo(f"imported {n} pairs from {file} into {'eval' if as_eval else 'train'}", err=True)
    config = _load_config(ctx, {"dataset.generator": generator, "dataset.base_url": base_url})
    report = build_dataset(ws, config, wait_seconds=wait_seconds, log=lambda m: click.echo(m, err=True))
    click.echo(json.dumps(report.accepted))


@cli.command()
@workspace_option
@click.option("--format", "fmt", type=click.Choice(["openai", "hf", "completion"]), required=True,
              help="openai: chat fine-tuning JSONL (OpenAI, Azure OpenAI); hf: a `datasets` folder; "
                   "completion: prompt/completion JSONL.")
@click.option("--split", type=click.Choice(["train", "eval"]), default="train", show_default=True,
              help="eval includes the unanswerable questions.")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="Output file (openai, completion) or folder (hf).")
@_handle_errors
def export(workspace, fmt, split, output):
    """Export the dataset for fine-tuning elsewhere.

    \b
    Examples:
      qa export --format openai -o train.jsonl
      qa export --format hf --split eval -o hf-dataset/
    """
    from ingest.dataset.io import export_dataset

    n = export_dataset(_workspace(workspace), fmt, split, output)
    click.echo(f"wrote {n} {split} examples as {fmt} to {output}")


@cli.command()
@click.argument("query")
@workspace_option
@click.option("-k", type=click.IntRange(1), default=None, help="Number of chunks. [default: 5]")
@click.option("--mode", type=click.Choice(["hybrid", "dense", "bm25"]), default=None,
              help="hybrid = dense + BM25 fused by reciprocal rank. [default: hybrid]")
@click.option("--json", "as_json", is_flag=True, help="Print hits as JSON.")
@click.pass_context
@_handle_errors
def search(ctx, query, workspace, k, mode, as_json):
    """Search the ingested documents.

    \b
    Examples:
      qa search "how do I reset my password"
      qa search "expense receipt limit" -k 3 --json
    """
    from qacore.retrieval import Retriever
    from qacore.store import Snapshot

    config = _load_config(ctx, {"retrieval.k": k, "retrieval.mode": mode})
    snapshot = Snapshot.require(_workspace(workspace))
    hits = Retriever(snapshot, config.retrieval).search(query)
    if as_json:
        click.echo(json.dumps([h.to_json() for h in hits], indent=2, ensure_ascii=False))
        return
    if not hits:
        click.echo("no results")
    for hit in hits:
        where = " > ".join(hit.chunk.heading_path) or hit.chunk.title
        page = f" p.{hit.chunk.page}" if hit.chunk.page else ""
        click.secho(f"{hit.rank}. {hit.chunk.source}{page} | {where}  (score {hit.score:.4f})", bold=True)
        snippet = " ".join(hit.chunk.text.split())
        click.echo(f"   {snippet[:300]}{'…' if len(snippet) > 300 else ''}")


@cli.command()
@click.argument("question", required=False)
@workspace_option
@click.option("--model", "-m", default="base", show_default=True,
              help="base, a tuned model's name (qa finetune --name), extractive, or openai:MODEL.")
@click.option("--rag/--no-rag", default=True, show_default=True, help="Put the top-k passages into the prompt.")
@click.option("--guard/--no-guard", default=True, show_default=True,
              help="With --rag: show an answer only if the passages support it; else quote the best passage "
                   "sentence, or refuse when nothing relevant was found.")
@click.option("-k", type=click.IntRange(1), default=None, help="Passages to retrieve. [default: retrieval.k]")
@click.option("--base-url", default=None, help="Endpoint for openai:MODEL, e.g. http://localhost:8000/v1.")
@click.option("--json", "as_json", is_flag=True, help="Print the answer, citations and sources as JSON.")
@click.pass_context
@_handle_errors
def ask(ctx, question, workspace, model, rag, guard, k, base_url, as_json):
    """Answer a question, with the sources it came from.

    Without QUESTION, reads questions interactively (or one per line from a pipe); the model is loaded once.

    \b
    Examples:
      qa ask "How many days of annual leave do UK employees get?"
      qa ask "What is the VPN address?" --model tuned --json
      qa ask "Who approves travel?" --model tuned --no-rag
      qa ask "How many sick days?" --no-guard      # the generator's own answer, unchecked
      qa ask --model extractive
      qa ask "..." --model openai:llama3.1 --base-url http://localhost:11434/v1
    """
    from qacore.answering import Assistant, Variant

    config = _load_config(ctx, {})
    variant = Variant(model, rag, guard and rag)
    assistant = Assistant(_workspace(workspace), config, variant, k=k, base_url=base_url)
    if question is not None:
        _print_answer(assistant.answer(question), as_json)
        return
    interactive = sys.stdin.isatty()
    if interactive:
        click.echo(f"qa ask ({variant.name}); an empty line or Ctrl-D ends.", err=True)
    while True:
        try:
            line = input("? " if interactive else "")
        except EOFError:
            break
        if not line.strip():
            if interactive:
                break
            continue
        _print_answer(assistant.answer(line.strip()), as_json)


def _print_answer(result, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(result.to_json(), ensure_ascii=False))
        return
    click.echo(result.answer)
    for source in result.sources("cited"):
        heading = f" | {source['heading']}" if source.get("heading") else ""
        click.secho(f"  [{source['n']}] {source['source']}{heading}", dim=True)
    if result.passages and not result.cited and not result.refused:
        click.secho("  (no retrieved passage supports this answer)", fg="yellow", err=True)


@cli.command("eval")
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
@_handle_errors
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
    config = _load_config(ctx, overrides)
    if gates:
        config = _load_config(ctx, {**overrides, "eval.gates": [*config.eval.gates, *gates]})
    result = run_eval(_workspace(workspace), config, variants=list(variants) or None, questions_file=questions_file,
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
    calibration = result.summary.get("calibration") or {}
    if calibration.get("used"):
        from evalharness.report import verifier_held_out_accuracy

        accuracy, n = verifier_held_out_accuracy(calibration)
        console.print(f"verifier: {calibration['used']}, held-out accuracy "
                      + (f"{accuracy:.3f} on {n} corpus-built claims" if accuracy is not None else "not measured"))
    for fmt, path in result.reports.items():
        console.print(f"{fmt:6} {path}")


@cli.command()
@workspace_option
@click.option("--name", default=None, help="Output folder .qa/models/NAME. [default: finetune.name, tuned]")
@click.option("--base-model", default=None,
              help="Causal LM to tune: embedded:SmolLM2-135M-Instruct, a local folder or a cached HF id. "
                   "[default: models.generator]")
@click.option("--epochs", type=int, default=None, help="Passes over the train split. [default: finetune.epochs]")
@click.option("--max-steps", type=int, default=None, help="Stop after this many optimizer steps (0 = all epochs).")
@click.option("--learning-rate", "--lr", "learning_rate", type=float, default=None, help="Peak learning rate.")
@click.option("--batch-size", type=int, default=None, help="Examples per step (per process).")
@click.option("--max-length", type=int, default=None, help="Max tokens per example (prompt + answer).")
@click.option("--lora-r", type=int, default=None, help="LoRA rank.")
@click.option("--lora-alpha", type=float, default=None, help="LoRA alpha (scaling alpha / r).")
@click.option("--lora-dropout", type=float, default=None, help="Dropout on the LoRA input.")
@click.option("--target-modules", default=None,
              help="Comma-separated module names to adapt (q_proj,v_proj), or all-linear.")
@click.option("--seed", type=int, default=None, help="Seed for LoRA init, data order, dropout, context choice.")
@click.option("--with-context/--closed-book", default=None,
              help="Train on prompts with retrieved passages (gold + hard negatives, some refusals: RAFT), the "
                   "layout `qa ask --rag` uses, or on the bare question. [default: closed-book]")
@click.option("--refusal-share", type=float, default=None,
              help="With context: share of examples without their gold passage, trained to refuse.")
@click.option("--early-stopping-patience", type=int, default=None,
              help="Stop after N epochs without a better eval loss and keep the best adapter (0 = off).")
@click.option("--checkpoint-every", type=int, default=None, help="Steps between resumable checkpoints.")
@click.option("--dtype", type=click.Choice(["auto", "float32", "bfloat16", "float16"]), default=None,
              help="auto: float32 on CPU, bfloat16 (or float16) on CUDA.")
@click.option("--qlora", is_flag=True, default=None, help="4-bit base weights (CUDA + bitsandbytes).")
@click.option("--device", type=click.Choice(["auto", "cpu", "cuda"]), default=None)
@click.option("--resume", is_flag=True, help="Continue the unfinished run of NAME from its last checkpoint.")
@click.option("--merge", is_flag=True, help="Also write a merged transformers model to .qa/models/NAME/merged.")
@click.option("--task", type=click.Choice(["lora", "extractive"]), default="lora", show_default=True,
              help="extractive: train a question-answering head on an encoder (--base-model is then the encoder, "
                   "default finetune.extractive_base_model) -> .qa/models/NAME (default extractive).")
@click.option("--backend", type=click.Choice(["local", "openai"]), default="local", show_default=True,
              help="openai: upload the dataset and start a hosted fine-tuning job ($OPENAI_API_KEY, "
                   "$OPENAI_BASE_URL; --base-model default gpt-4o-mini-2024-07-18); prints the job id.")
@click.option("--status", "status_job", metavar="JOB", default=None,
              help="Show a hosted fine-tuning job's status, tuned model name and recent events.")
@click.option("--json", "as_json", is_flag=True, help="Print the manifest's metrics as JSON.")
@click.pass_context
@_handle_errors
def finetune(ctx, workspace, name, base_model, epochs, max_steps, learning_rate, batch_size, max_length, lora_r,
             lora_alpha, lora_dropout, target_modules, seed, with_context, refusal_share, early_stopping_patience,
             checkpoint_every, dtype, qlora, device, resume, merge, task, backend, status_job, as_json):
    """Fine-tune the generator with LoRA on the workspace's Q&A dataset -> .qa/models/NAME.

    Prompts are the ones `qa ask` uses; loss is on the answer only. Progress, eval loss per epoch and
    checkpoints go to stderr and .qa/models/NAME.run; a killed run continues with --resume. Runs unchanged
    on several processes or GPUs: `accelerate launch --multi_gpu --num_processes 2 -m cli finetune`
    (docs/multi-gpu.md).

    \b
    Examples:
      qa finetune
      qa finetune --with-context --epochs 3
      qa finetune --name big --base-model Qwen/Qwen2.5-0.5B-Instruct --qlora
      qa finetune --resume
      qa finetune --task extractive
      qa finetune --backend openai --base-model gpt-4o-mini-2024-07-18
      qa finetune --status ftjob-abc123
    """
    if status_job or backend == "openai":
        if task != "lora":
            raise click.UsageError("--backend openai tunes a hosted chat model; it has no --task extractive")
        _finetune_hosted(workspace, name, base_model, seed, status_job, as_json)
        return
    if task == "extractive":
        if resume or merge:
            raise click.UsageError("--resume and --merge are for LoRA runs, not --task extractive")
        _finetune_extractive(ctx, workspace, name, base_model, epochs, learning_rate, batch_size, max_length, seed,
                             device, as_json)
        return
    from finetune.lora import run_finetune, summary

    overrides = {
        "finetune.name": name, "finetune.base_model": base_model, "finetune.epochs": epochs,
        "finetune.max_steps": max_steps, "finetune.learning_rate": learning_rate, "finetune.batch_size": batch_size,
        "finetune.max_length": max_length, "finetune.lora_r": lora_r, "finetune.lora_alpha": lora_alpha,
        "finetune.lora_dropout": lora_dropout, "finetune.seed": seed, "finetune.with_context": with_context,
        "finetune.refusal_share": refusal_share, "finetune.early_stopping_patience": early_stopping_patience,
        "finetune.checkpoint_every": checkpoint_every, "finetune.dtype": dtype, "finetune.qlora": qlora,
        "finetune.device": device,
        "finetune.target_modules": [m.strip() for m in target_modules.split(",")] if target_modules else None,
    }
    config = _load_config(ctx, overrides)
    result = run_finetune(_workspace(workspace), config, resume=resume, merge=merge)
    if not result.main_process:  # another rank of `accelerate launch` / torchrun: rank 0 reports
        return
    if as_json:
        click.echo(json.dumps({"folder": str(result.folder), **result.manifest["metrics"]}, indent=2))
    else:
        click.echo(summary(result))


def _finetune_extractive(ctx, workspace, name, base_model, epochs, learning_rate, batch_size, max_length, seed,
                         device, as_json):
    from finetune.extractive import DEFAULT_NAME, main_summary, train_extractive

    config = _load_config(ctx, {
        "finetune.extractive_base_model": base_model, "finetune.extractive_epochs": epochs,
        "finetune.extractive_learning_rate": learning_rate, "finetune.extractive_batch_size": batch_size,
        "finetune.extractive_max_length": max_length, "finetune.extractive_seed": seed,
    })
    result = train_extractive(_workspace(workspace), config, name=name or DEFAULT_NAME, device=device or "auto")
    if as_json:
        click.echo(json.dumps({"folder": str(result.folder), **result.manifest["metrics"]}, indent=2))
    else:
        click.echo(main_summary(result))


def _finetune_hosted(workspace, name, base_model, seed, status_job, as_json):
    from finetune import hosted

    ws = _workspace(workspace)
    if status_job:
        status = hosted.hosted_status(status_job, workspace=ws)
        click.echo(json.dumps(status, indent=2) if as_json else hosted.format_status(status))
        return
    record = hosted.start_hosted_finetune(ws, name=name or hosted.DEFAULT_NAME, seed=seed if seed is not None else 0,
                                          base_model=base_model or hosted.DEFAULT_BASE_MODEL)
    click.echo(json.dumps(record, indent=2) if as_json else record["job_id"])
    if not as_json:
        click.echo(f"qa: job recorded in {ws.models_dir / record['name'] / 'hosted.json'}; "
                   f"follow it with `qa finetune --status {record['job_id']}`", err=True)


@cli.command("export-model")
@click.argument("name")
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@workspace_option
@click.option("--dtype", type=click.Choice(["float32", "bfloat16", "float16"]), default="float32", show_default=True)
@_handle_errors
def export_model(name, out, workspace, dtype):
    """Write the tuned model NAME as one merged transformers folder (base + LoRA) with its tokenizer.

    \b
    Examples:
      qa export-model tuned ./fernhill-assistant
      python -c "from transformers import AutoModelForCausalLM; AutoModelForCausalLM.from_pretrained('./fernhill-assistant')"
    """
    from finetune.export import export_merged

    folder = export_merged(_workspace(workspace), name, out, dtype=dtype)
    click.echo(f"wrote {folder}")


@cli.command()
@workspace_option
@click.option("--variant", default=None, help="What requests for model 'qa' get (any name GET /v1/models lists "
                                              "can be asked for too). [default: serve.variant, base+rag+guard]")
@click.option("--host", default=None, help="Address to bind; anything but loopback needs --api-key. "
                                           "[default: serve.host, 127.0.0.1]")
@click.option("--port", type=click.IntRange(1, 65535), default=None, help="[default: serve.port, 8000]")
@click.option("--api-key", default=None, envvar="QA_API_KEY",
              help="Require `Authorization: Bearer KEY` on /v1 and /metrics. [default: $QA_API_KEY]")
@click.option("--base-url", default=None, help="Endpoint for openai:MODEL variants, e.g. http://localhost:8001/v1.")
@click.option("--log-content/--no-log-content", default=None,
              help="Log questions and answers. [default: serve.log_content, off]")
@click.pass_context
@_handle_errors
def serve(ctx, workspace, variant, host, port, api_key, base_url, log_content):
    """Serve the assistant: an OpenAI-compatible API, a chat page at /, feedback, /healthz and /metrics.

    \b
    Examples:
      qa serve                                   # http://127.0.0.1:8000/, model "qa" = base+rag+guard
      qa serve --variant tuned+rag+guard --port 8080
      QA_API_KEY=$(openssl rand -hex 24) qa serve --host 0.0.0.0
      curl -s localhost:8000/v1/chat/completions -H 'content-type: application/json' \\
           -d '{"model": "qa", "messages": [{"role": "user", "content": "How do I get a laptop?"}]}'

    docs/serve.md: the API, streaming, feedback, reverse proxies, systemd, containers.
    """
    from serve.run import serve as run_server

    config = _load_config(ctx, {"serve.variant": variant, "serve.host": host, "serve.port": port,
                                "serve.log_content": log_content})
    run_server(_workspace(workspace), config, api_key=api_key or None, base_url=base_url)


@cli.group()
def feedback():
    """What people said about the served answers (POST /v1/feedback, stored in .qa/feedback/)."""


@feedback.command("export")
@workspace_option
@click.option("--out", "-o", type=click.Path(dir_okay=False, path_type=Path), default=Path("feedback-gold.jsonl"),
              show_default=True, help="The gold file to write (for qa eval --questions).")
@_handle_errors
def feedback_export(workspace, out):
    """Turn feedback into a `qa eval --questions` gold file: corrections and approved answers become references,
    approved refusals unanswerable questions, thumbs-down without a correction questions to label.

    \b
    Example:
      qa feedback export -o gold.jsonl && qa eval --questions gold.jsonl --variant base+rag+guard
    """
    from serve.feedback import export_feedback

    counts = export_feedback(_workspace(workspace), out)
    click.echo(json.dumps(counts))
    click.echo(f"qa: wrote {counts['questions']} questions to {out}"
               + (f"; {counts['unreadable_lines']} unreadable feedback lines skipped" if counts["unreadable_lines"]
                  else ""), err=True)


@cli.command()
@click.pass_context
@_handle_errors
def models(ctx):
    """Show which models are configured and whether they are available offline."""
    from qacore.errors import ModelNotAvailableError
    from qacore.models import resolve_embedding_model, resolve_generator_model

    config = _load_config(ctx, {})
    for role, spec, resolve in (("embedding", config.models.embedding, resolve_embedding_model),
                                ("generator", config.models.generator, resolve_generator_model)):
        try:
            resolved = resolve(spec)
            click.echo(f"{role:10} {spec}\n{'':10} -> {resolved.model_id}\n{'':10}    {resolved.path}"
                       f"\n{'':10}    sha256 {resolved.content_hash[:16]}")
        except ModelNotAvailableError as exc:
            click.echo(f"{role:10} {spec}\n{'':10} NOT AVAILABLE: {exc}")


def main():
    cli(prog_name="qa")


if __name__ == "__main__":
    sys.exit(main())
