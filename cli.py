"""`qa`: the command-line entry point. Thin on purpose: parse options, call one library function, print.

The group and the ingest-side commands (ingest, generate, import, export, search, ask, models) are here; the
commands of the later stages live next to them (evalharness/cli.py: eval; finetune/cli.py: finetune,
export-model; serve/cli.py: serve, feedback) and are added to the group at the bottom. What they share
(error handling, config loading, the workspace option) is qacore/clikit.py.

Results go to stdout, progress and messages to stderr. Domain errors (qacore.errors.QAError) become
clean one-line errors; set QA_RAISE_ERRORS=1 to see the traceback instead. Heavy libraries (torch,
transformers, faiss) are imported inside the commands, so `qa --help` stays instant.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from evalharness.cli import eval_
from finetune.cli import export_model, finetune
from qacore.clikit import (
    generator_options,
    handle_errors,
    load_cli_config,
    wait_option,
    workspace_at,
    workspace_option,
)
from serve.cli import feedback, serve


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
      qa serve                    the assistant as an OpenAI-compatible API + chat page (docs/serve.md)
    """
    ctx.ensure_object(dict)
    ctx.obj["config_path"] = config_path


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
@handle_errors
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
    config = load_cli_config(ctx, overrides)
    if exclude:  # added to qa.toml's (or the default) excludes, never instead of them: they may keep secrets out
        config.ingest.exclude = config.ingest.exclude + list(exclude)
    ws = workspace_at(workspace)
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
@click.option("--min-rule-quality", type=click.FloatRange(0, 1), default=None,
              help="Keep only generators whose pairs passed the hand check at least this often on the 18F handbook "
                   "(0.3: all rules, not the embedded 135M model's questions; 0.8: headings, FAQs, definitions; "
                   "fewer, cleaner pairs; 0: all). [default: dataset.min_rule_quality]")
@generator_options
@wait_option
@click.option("--json", "as_json", is_flag=True, help="Print the data-quality report as JSON.")
@click.pass_context
@handle_errors
def generate(ctx, workspace, eval_share, min_rule_quality, generator, base_url, wait_seconds, as_json):
    """Build the Q&A dataset from the ingested index (also run by `qa ingest`).

    Pairs come from FAQ sections, definitions and tables in the documents, from questions phrased by rule from
    prose sentences, and from questions an LLM writes for fact sentences in chunks nothing else covered (the
    answer is the sentence itself; not the embedded 135M model, whose questions fall below the default
    --min-rule-quality). They pass quality gates (self-contained question, answer
    supported by its source, no near-duplicates), are split train / eval by document section, eval questions are
    paraphrased, and in-domain questions the corpus does not answer are added (unanswerable.jsonl). LLM outputs
    are cached: re-running on an unchanged corpus generates nothing.

    \b
    Examples:
      qa generate
      qa generate --generator none                  # extractors only, no LLM
      qa generate --generator openai:llama3.1 --base-url http://localhost:11434/v1   # Ollama
      qa generate --eval-share 0.3 --json
      qa generate --min-rule-quality 0.8             # only the generators hand-checked at >= 80%
    """
    from ingest.dataset.build import build_dataset

    config = load_cli_config(ctx, {"dataset.eval_share": eval_share, "dataset.generator": generator,
                                "dataset.base_url": base_url, "dataset.min_rule_quality": min_rule_quality})
    report = build_dataset(workspace_at(workspace), config, wait_seconds=wait_seconds,
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
@handle_errors
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

    ws = workspace_at(workspace)
    for file in files:
        n = import_pairs(ws, file, "eval" if as_eval else "train")
        click.echo(f"imported {n} pairs from {file} into {'eval' if as_eval else 'train'}", err=True)
    config = load_cli_config(ctx, {"dataset.generator": generator, "dataset.base_url": base_url})
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
@handle_errors
def export(workspace, fmt, split, output):
    """Export the dataset for fine-tuning elsewhere.

    \b
    Examples:
      qa export --format openai -o train.jsonl
      qa export --format hf --split eval -o hf-dataset/
    """
    from ingest.dataset.io import export_dataset

    n = export_dataset(workspace_at(workspace), fmt, split, output)
    click.echo(f"wrote {n} {split} examples as {fmt} to {output}")


@cli.command()
@click.argument("query")
@workspace_option
@click.option("-k", type=click.IntRange(1), default=None, help="Number of chunks. [default: 5]")
@click.option("--mode", type=click.Choice(["hybrid", "dense", "bm25"]), default=None,
              help="hybrid = dense + BM25 fused by reciprocal rank. [default: hybrid]")
@click.option("--json", "as_json", is_flag=True, help="Print hits as JSON.")
@click.pass_context
@handle_errors
def search(ctx, query, workspace, k, mode, as_json):
    """Search the ingested documents.

    \b
    Examples:
      qa search "how do I reset my password"
      qa search "expense receipt limit" -k 3 --json
    """
    from qacore.retrieval import Retriever
    from qacore.store import Snapshot

    config = load_cli_config(ctx, {"retrieval.k": k, "retrieval.mode": mode})
    snapshot = Snapshot.require(workspace_at(workspace))
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
@handle_errors
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

    config = load_cli_config(ctx, {})
    variant = Variant(model, rag, guard and rag)
    assistant = Assistant(workspace_at(workspace), config, variant, k=k, base_url=base_url)
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


@cli.command()
@click.pass_context
@handle_errors
def models(ctx):
    """Show which models are configured and whether they are available offline."""
    from qacore.errors import ModelNotAvailableError
    from qacore.models import resolve_embedding_model, resolve_generator_model

    config = load_cli_config(ctx, {})
    for role, spec, resolve in (("embedding", config.models.embedding, resolve_embedding_model),
                                ("generator", config.models.generator, resolve_generator_model)):
        try:
            resolved = resolve(spec)
            click.echo(f"{role:10} {spec}\n{'':10} -> {resolved.model_id}\n{'':10}    {resolved.path}"
                       f"\n{'':10}    sha256 {resolved.content_hash[:16]}")
        except ModelNotAvailableError as exc:
            click.echo(f"{role:10} {spec}\n{'':10} NOT AVAILABLE: {exc}")


for command in (eval_, finetune, export_model, serve, feedback):  # commands that live next to their stage
    cli.add_command(command)


def main():
    cli(prog_name="qa")


if __name__ == "__main__":
    sys.exit(main())
