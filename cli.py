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
      qa ingest ./docs            documents -> redacted chunks -> FAISS + BM25 index
      qa search "vpn portal"      look up the index
    """
    ctx.ensure_object(dict)
    ctx.obj["config_path"] = config_path


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@workspace_option
@click.option("--include", multiple=True, help="Glob of files to take (repeatable); replaces the defaults.")
@click.option("--exclude", multiple=True, help="Glob of files to leave out (repeatable); added to the defaults.")
@click.option("--redact/--no-redact", default=None, help="Remove secrets and personal data before storing. [default: on]")
@click.option("--index", "index_type", type=click.Choice(["auto", "flat", "hnsw"]), default=None,
              help="FAISS index: exact flat, approximate HNSW, or auto by size.")
@click.option("--chunk-tokens", type=int, default=None, help="Max tokens per chunk (embedding tokenizer).")
@click.option("--embedding-model", default=None, help="embedded:all-MiniLM-L6-v2, a local folder, or a cached HF id.")
@click.option("--strict", is_flag=True, help="Fail (and keep the previous index) if any file is skipped.")
@click.option("--wait", "wait_seconds", type=float, default=0.0, show_default=True,
              help="Seconds to wait for another ingest holding the workspace lock.")
@click.option("--dataset/--no-dataset", default=True, show_default=True,
              help="Build the Q&A dataset (train / eval / unanswerable) from the index after ingesting.")
@click.option("--json", "as_json", is_flag=True, help="Print the run report as JSON.")
@click.pass_context
@_handle_errors
def ingest(ctx, paths, workspace, include, exclude, redact, index_type, chunk_tokens, embedding_model, strict,
           wait_seconds, dataset, as_json):
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
    from qacore.config import IngestConfig

    overrides = {
        "ingest.redact": redact, "ingest.index": index_type, "ingest.chunk_tokens": chunk_tokens,
        "models.embedding": embedding_model,
        "ingest.include": list(include) or None,
        "ingest.exclude": (IngestConfig().exclude + list(exclude)) if exclude else None,
    }
    config = _load_config(ctx, overrides)
    ws = _workspace(workspace)
    report = run_ingest(list(paths), ws, config, strict=strict, wait_seconds=wait_seconds)
    dataset_report = None
    if dataset and not (report.up_to_date and _dataset_is_current(ws)):
        from ingest.dataset.build import build_dataset

        dataset_report = build_dataset(ws, config, log=lambda m: click.echo(m, err=True))
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


def _dataset_is_current(ws) -> bool:
    """The published dataset was built from the published index snapshot."""
    from ingest.dataset.build import current_dataset
    from qacore.workspace import read_json

    folder, snapshot = current_dataset(ws), ws.current_snapshot()
    return bool(folder and snapshot and read_json(folder / "manifest.json").get("index_snapshot") == snapshot.name)


@cli.command()
@workspace_option
@click.option("--eval-share", type=click.FloatRange(0.05, 0.9), default=0.25, show_default=True,
              help="Share of document sections whose pairs go to the eval split.")
@click.option("--json", "as_json", is_flag=True, help="Print the data-quality report as JSON.")
@click.pass_context
@_handle_errors
def generate(ctx, workspace, eval_share, as_json):
    """Build the Q&A dataset from the ingested index (also run by `qa ingest`).

    Pairs come from FAQ sections, definitions and tables in the documents, pass quality gates (self-contained
    question, answer supported by its source, no near-duplicates), are split train / eval by document section,
    and are joined by in-domain questions the corpus does not answer (unanswerable.jsonl).

    \b
    Examples:
      qa generate
      qa generate --eval-share 0.3 --json
    """
    from ingest.dataset.build import build_dataset

    config = _load_config(ctx, {})
    report = build_dataset(_workspace(workspace), config, eval_share=eval_share, log=lambda m: click.echo(m, err=True))
    if as_json:
        click.echo(json.dumps(report.to_json(), indent=2))
    else:
        from ingest.dataset.summary import print_dataset_report

        print_dataset_report(report)


@cli.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@workspace_option
@click.option("--as-eval", is_flag=True, help="Put the pairs in the eval split instead of train.")
@click.pass_context
@_handle_errors
def import_(ctx, files, workspace, as_eval):
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
    report = build_dataset(ws, _load_config(ctx, {}), log=lambda m: click.echo(m, err=True))
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
@click.option("-k", type=int, default=None, help="Number of chunks. [default: 5]")
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
