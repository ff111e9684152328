"""`qa serve` and `qa feedback export`: the commands; the server is serve/run.py."""

from __future__ import annotations

import json
from pathlib import Path

import click

from qacore.clikit import handle_errors, load_cli_config, workspace_at, workspace_option


@click.command()
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
@handle_errors
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

    config = load_cli_config(ctx, {"serve.variant": variant, "serve.host": host, "serve.port": port,
                                "serve.log_content": log_content})
    run_server(workspace_at(workspace), config, api_key=api_key or None, base_url=base_url)


@click.group()
def feedback():
    """What people said about the served answers (POST /v1/feedback, stored in .qa/feedback/)."""


@feedback.command("export")
@workspace_option
@click.option("--out", "-o", type=click.Path(dir_okay=False, path_type=Path), default=Path("feedback-gold.jsonl"),
              show_default=True, help="The gold file to write (for qa eval --questions).")
@handle_errors
def feedback_export(workspace, out):
    """Turn feedback into a `qa eval --questions` gold file: corrections and approved answers become references,
    approved refusals unanswerable questions, thumbs-down without a correction questions to label.

    \b
    Example:
      qa feedback export -o gold.jsonl && qa eval --questions gold.jsonl --variant base+rag+guard
    """
    from serve.feedback import export_feedback

    counts = export_feedback(workspace_at(workspace), out)
    click.echo(json.dumps(counts))
    click.echo(f"qa: wrote {counts['questions']} questions to {out}"
               + (f"; {counts['unreadable_lines']} unreadable feedback lines skipped" if counts["unreadable_lines"]
                  else ""), err=True)
