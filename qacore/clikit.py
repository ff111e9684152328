"""What every `qa` command shares: turning domain errors into clean CLI errors, loading the config, the
workspace option. In qacore because the commands live next to their stage (cli.py for ingest/ask/search,
evalharness/cli.py, finetune/cli.py, serve/cli.py) and stages import only qacore. Imports nothing heavy: `qa --help`
loads every command module."""

from __future__ import annotations

import functools
import os

import click

from qacore.errors import ConfigError, QAError


def handle_errors(func):
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


def load_cli_config(ctx: click.Context, overrides: dict):
    """Defaults < qa.toml (--config, $QA_CONFIG, ./qa.toml) < `overrides` (dotted keys; None = not given)."""
    from qacore.config import load_config

    return load_config(ctx.obj.get("config_path"), overrides)


def workspace_at(path):
    from qacore.workspace import Workspace

    return Workspace.at(path)


workspace_option = click.option(
    "--workspace", "-w", type=click.Path(file_okay=False), default=None, envvar="QA_WORKSPACE",
    help="Workspace folder for indexes, datasets and models. [default: ./.qa, or $QA_WORKSPACE]",
)


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
