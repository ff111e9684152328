"""`qa finetune` and `qa export-model`: the commands; the recipes are finetune/lora.py, extractive.py, hosted.py,
export.py."""

from __future__ import annotations

import json
from pathlib import Path

import click

from qacore.clikit import handle_errors, load_cli_config, workspace_at, workspace_option


@click.command()
@workspace_option
@click.option("--name", default=None, help="Output folder .qa/models/NAME. [default: finetune.name, tuned]")
@click.option("--base-model", default=None,
              help="Causal LM to tune: embedded:SmolLM2-135M-Instruct, a local folder or a cached HF id. "
                   "[default: models.generator]")
@click.option("--epochs", type=int, default=None, help="Passes over the train split. [default: finetune.epochs]")
@click.option("--max-steps", type=int, default=None, help="Stop after this many optimizer steps (0 = all epochs).")
@click.option("--max-minutes", type=float, default=None,
              help="Time budget for training steps: re-plans the run to the steps that fit (0 = off).")
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
@handle_errors
def finetune(ctx, workspace, name, base_model, epochs, max_steps, max_minutes, learning_rate, batch_size, max_length,
             lora_r, lora_alpha, lora_dropout, target_modules, seed, with_context, refusal_share, early_stopping_patience,
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
        "finetune.max_steps": max_steps, "finetune.max_minutes": max_minutes,
        "finetune.learning_rate": learning_rate, "finetune.batch_size": batch_size,
        "finetune.max_length": max_length, "finetune.lora_r": lora_r, "finetune.lora_alpha": lora_alpha,
        "finetune.lora_dropout": lora_dropout, "finetune.seed": seed, "finetune.with_context": with_context,
        "finetune.refusal_share": refusal_share, "finetune.early_stopping_patience": early_stopping_patience,
        "finetune.checkpoint_every": checkpoint_every, "finetune.dtype": dtype, "finetune.qlora": qlora,
        "finetune.device": device,
        "finetune.target_modules": [m.strip() for m in target_modules.split(",")] if target_modules else None,
    }
    config = load_cli_config(ctx, overrides)
    result = run_finetune(workspace_at(workspace), config, resume=resume, merge=merge)
    if not result.main_process:  # another rank of `accelerate launch` / torchrun: rank 0 reports
        return
    if as_json:
        click.echo(json.dumps({"folder": str(result.folder), **result.manifest["metrics"]}, indent=2))
    else:
        click.echo(summary(result))


def _finetune_extractive(ctx, workspace, name, base_model, epochs, learning_rate, batch_size, max_length, seed,
                         device, as_json):
    from finetune.extractive import DEFAULT_NAME, main_summary, train_extractive

    config = load_cli_config(ctx, {
        "finetune.extractive_base_model": base_model, "finetune.extractive_epochs": epochs,
        "finetune.extractive_learning_rate": learning_rate, "finetune.extractive_batch_size": batch_size,
        "finetune.extractive_max_length": max_length, "finetune.extractive_seed": seed,
    })
    result = train_extractive(workspace_at(workspace), config, name=name or DEFAULT_NAME, device=device or "auto")
    if as_json:
        click.echo(json.dumps({"folder": str(result.folder), **result.manifest["metrics"]}, indent=2))
    else:
        click.echo(main_summary(result))


def _finetune_hosted(workspace, name, base_model, seed, status_job, as_json):
    from finetune import hosted

    ws = workspace_at(workspace)
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


@click.command("export-model")
@click.argument("name")
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@workspace_option
@click.option("--dtype", type=click.Choice(["float32", "bfloat16", "float16"]), default="float32", show_default=True)
@handle_errors
def export_model(name, out, workspace, dtype):
    """Write the tuned model NAME as one merged transformers folder (base + LoRA) with its tokenizer.

    \b
    Examples:
      qa export-model tuned ./fernhill-assistant
      python -c "from transformers import AutoModelForCausalLM; AutoModelForCausalLM.from_pretrained('./fernhill-assistant')"
    """
    from finetune.export import export_merged

    folder = export_merged(workspace_at(workspace), name, out, dtype=dtype)
    click.echo(f"wrote {folder}")
