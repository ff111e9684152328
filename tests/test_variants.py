"""The tuned variants end to end on tiny real models: `qa ask --model NAME` with a LoRA adapter, the refusal of an
adapter whose base model changed, "extractive needs retrieval", generation-cache keys per adapter, and `qa eval`
model discovery and runs over tuned, tuned+rag and extractive+rag.

The models are the ones tests/test_finetune_lora.py and tests/test_finetune_extractive.py build (a 2-layer, 32-wide
Llama with the SmolLM2 tokenizer; a 1-layer BERT encoder), trained once per module through the real `qa finetune`
code for a single epoch on the meeting-room workspace of test_finetune_extractive.py (tiny embedder index + dataset).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from qacore.answering import ANSWER_TOKENS, Assistant, Variant
from qacore.config import load_config
from qacore.errors import QAError
from qacore.prompting import REFUSAL, answer_messages
from qacore.workspace import Workspace
from tests.test_finetune_extractive import _config as extractive_config
from tests.test_finetune_extractive import build_room_workspace, tiny_qa_encoder  # noqa: F401 (fixture)
from tests.test_finetune_lora import one_thread, tiny_lm, tokenizer_path  # noqa: F401 (fixtures)

QUESTION = "What is the door code for the Amber room?"


def settings(embedder: Path, lm: Path) -> dict:
    """Tiny embedder index, the tiny Llama as base generator and LoRA base, one quick epoch of LoRA."""
    return {"models.embedding": str(embedder), "models.embedding_dtype": "float32", "models.generator": str(lm),
            "ingest.redact": False, "ingest.chunk_tokens": 64, "ingest.chunk_overlap_tokens": 8,
            "ingest.header_tokens": 16, "retrieval.k": 3, "dataset.generator": "none",
            "finetune.base_model": str(lm), "finetune.epochs": 1, "finetune.batch_size": 4,
            "finetune.learning_rate": 1e-2, "finetune.lora_r": 4, "finetune.lora_alpha": 8,
            "finetune.max_length": 256, "finetune.checkpoint_every": 0, "finetune.warmup_ratio": 0.0,
            "finetune.device": "cpu"}


def write_toml(path: Path, values: dict) -> Path:
    sections: dict[str, list[str]] = {}
    for key, value in values.items():
        section, name = key.split(".", 1)
        sections.setdefault(section, []).append(f"{name} = {json.dumps(value)}")
    path.write_text("".join(f"[{s}]\n" + "\n".join(lines) + "\n" for s, lines in sections.items()), encoding="utf-8")
    return path


class Models:
    def __init__(self, root: Path, ws: Workspace, values: dict, lm: Path):
        self.root, self.ws, self.values, self.lm = root, ws, values, lm
        self.config = load_config(None, values)
        self.toml = write_toml(root / "qa.toml", values)

    def copy(self, dest: Path) -> Workspace:
        """The workspace copied (a test that writes runs, caches or edits models works on its own copy)."""
        shutil.copytree(self.ws.root, dest)
        return Workspace(dest)


@pytest.fixture(scope="module")
def models(tmp_path_factory, tiny_embedding_model, tiny_lm, tiny_qa_encoder) -> Models:  # noqa: F811
    """Room workspace + LoRA "tuned" + LoRA "tuned-b" (same base, another seed) + extractive reader "extractive"."""
    import torch

    from finetune.extractive import train_extractive
    from finetune.lora import run_finetune

    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # as one_thread: tiny models only lose from threads on a busy machine
    try:
        root = tmp_path_factory.mktemp("variants")
        values = settings(tiny_embedding_model, tiny_lm)
        ws = build_room_workspace(root, load_config(None, values))
        quiet = {"progress": False, "log": lambda m: None}
        run_finetune(ws, load_config(None, values), **quiet)
        run_finetune(ws, load_config(None, {**values, "finetune.name": "tuned-b", "finetune.seed": 1}), **quiet)
        train_extractive(ws, extractive_config(tiny_qa_encoder, extractive_epochs=1), name="extractive", **quiet)
    finally:
        torch.set_num_threads(threads)
    return Models(root, ws, values, tiny_lm)


def qa(*args):
    from cli import cli

    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


# --- qa ask with a LoRA adapter ------------------------------------------------------------------------------

def test_ask_with_a_tuned_lora_model(models):
    ws = models.ws
    ask = ("--config", models.toml, "ask", QUESTION, "--model", "tuned", "-w", ws.root, "--json")
    rag = qa(*ask, "--no-guard")
    assert rag.exit_code == 0, rag.output
    answer = json.loads(rag.stdout)
    assert answer["variant"] == "tuned+rag" and answer["answer"].strip() and answer["new_tokens"] > 0
    assert len(answer["retrieved"]) == 3 and all(s in answer["retrieved"] for s in answer["cited"])
    # the adapter published by `qa finetune` was loaded, on the base model its manifest names
    assert f"loading generator {models.lm} + adapter {ws.models_dir / 'tuned' / 'adapter'}" in rag.stderr

    guarded = qa(*ask)  # the default: the guard checks the tuned model's answer against the passages
    assert guarded.exit_code == 0, guarded.output
    answer = json.loads(guarded.stdout)
    assert answer["variant"] == "tuned+rag+guard" and answer["answer"].strip()
    assert answer["guard"]["action"] in ("pass", "quote", "refuse") and len(answer["retrieved"]) == 3

    closed = qa(*ask, "--no-rag")
    assert closed.exit_code == 0, closed.output
    answer = json.loads(closed.stdout)
    assert answer["variant"] == "tuned" and answer["retrieved"] == [] and answer["cited"] == []
    assert answer["new_tokens"] > 0 and answer["guard"] is None


def test_assistant_runs_the_adapter_on_its_recorded_base(models):
    import torch
    from peft import PeftModel

    from qacore.models import folder_hash

    tuned = Assistant(models.ws, models.config, Variant("tuned", False))
    base = Assistant(models.ws, models.config, Variant("base", False))
    assert tuned.identity["model_hash"] == base.identity["model_hash"]  # models.generator is the same tiny Llama
    assert tuned.identity["adapter_hash"] == folder_hash(models.ws.models_dir / "tuned" / "adapter")
    assert base.identity["adapter_hash"] is None
    result = tuned.answer(QUESTION)
    assert result.variant == "tuned" and result.new_tokens > 0 and result.answer.strip()
    assert isinstance(tuned.generator.model, PeftModel)
    base.generator.load()
    ids = tuned.generator.tokenizer([tuned.generator.render(answer_messages(QUESTION))], return_tensors="pt").input_ids
    with torch.no_grad():  # the trained adapter changes what the model computes: it is applied, not just loaded
        assert not torch.allclose(tuned.generator.model(ids).logits, base.generator.model(ids).logits, atol=1e-4)


def test_adapter_on_a_changed_base_model_is_refused(models, tmp_path):
    from safetensors.torch import load_file, save_file

    base = Path(shutil.copytree(models.lm, tmp_path / "base"))  # the same bytes elsewhere: the same content hash
    ws = Workspace(tmp_path / "ws")
    shutil.copytree(models.ws.models_dir / "tuned", ws.models_dir / "tuned")
    manifest_path = ws.models_dir / "tuned" / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["base_model"]["spec"] = str(base)
    manifest_path.write_text(json.dumps(manifest))
    Assistant(ws, models.config, Variant("tuned", False))  # unchanged base: accepted

    weights = load_file(base / "model.safetensors")  # the base model is replaced by another version
    name = next(iter(weights))
    weights[name] = weights[name] + 0.01
    save_file(weights, base / "model.safetensors", metadata={"format": "pt"})
    expected = manifest["base_model"]["content_hash"][:12]
    with pytest.raises(QAError, match=rf"trained on base model .*\({expected}\).*differs; re-run `qa finetune`"):
        Assistant(ws, models.config, Variant("tuned", False))
    cli = qa("--config", models.toml, "ask", QUESTION, "--model", "tuned", "--no-rag", "-w", ws.root)
    assert cli.exit_code == 1 and "re-run `qa finetune`" in cli.stderr


# --- the extractive reader -----------------------------------------------------------------------------------

def test_extractive_needs_retrieval(models):
    needs_rag = r"'extractive' is an extractive reader.*use it with retrieval \(extractive\+rag\)"
    with pytest.raises(QAError, match=needs_rag):
        Assistant(models.ws, models.config, Variant("extractive", False))
    cli = qa("--config", models.toml, "ask", QUESTION, "--model", "extractive", "--no-rag", "-w", models.ws.root)
    assert cli.exit_code == 1 and "(extractive+rag)" in cli.stderr

    ask = ("--config", models.toml, "ask", QUESTION, "--model", "extractive", "-w", models.ws.root, "--json")
    # `qa ask` guards by default
    for args, variant in (((), "extractive+rag+guard"), (("--no-guard",), "extractive+rag")):
        with_rag = qa(*ask, *args)
        assert with_rag.exit_code == 0, with_rag.output
        answer = json.loads(with_rag.stdout)
        assert answer["variant"] == variant and len(answer["retrieved"]) == 3 and answer["new_tokens"] == 0
    result = Assistant(models.ws, models.config, Variant("extractive", True)).answer(QUESTION)
    if result.refused:  # the reader abstained
        assert result.answer == REFUSAL and result.cited == []
    else:  # or answered with a span of the passage it cites
        assert len(result.cited) == 1 and result.answer in result.passages[result.cited[0]].text


# --- generation cache keys -----------------------------------------------------------------------------------

def test_generation_cache_keeps_two_adapters_on_one_base_apart(models, tmp_path):
    from qacore.gencache import GenerationCache, cache_key
    from qacore.generation import Generation
    from qacore.models import folder_hash

    a = Assistant(models.ws, models.config, Variant("tuned", False))
    b = Assistant(models.ws, models.config, Variant("tuned-b", False))
    assert a.identity["adapter_hash"] == folder_hash(models.ws.models_dir / "tuned" / "adapter")
    assert b.identity["adapter_hash"] == folder_hash(models.ws.models_dir / "tuned-b" / "adapter")
    assert a.identity["adapter_hash"] != b.identity["adapter_hash"]
    # the same base, device and template: the adapter is the only thing telling them apart
    assert {k: v for k, v in a.identity.items() if k != "adapter_hash"} == \
        {k: v for k, v in b.identity.items() if k != "adapter_hash"}
    messages = answer_messages(QUESTION)
    key_a, key_b = (cache_key(x.identity, messages, ANSWER_TOKENS) for x in (a, b))
    assert key_a != key_b

    cache = GenerationCache(tmp_path / "generations.sqlite")
    a.answer_many([QUESTION], cache=cache)
    assert [k for (k,) in cache.db.execute("SELECT key FROM generations")] == [key_a]  # the key computed above
    planted = "The Amber room code is PLANTED."  # tuned's cached answer from now on
    cache.put({key_a: Generation(planted, 10, 5, 0.0)})
    again = Assistant(models.ws, models.config, Variant("tuned", False))
    assert again.answer_many([QUESTION], cache=cache)[0].answer == planted  # tuned is served from the cache...
    assert again.generator.model is None  # ...without loading the model

    calls = []
    generate = b.generator.generate
    b.generator.generate = lambda conversations, **kw: calls.append(len(conversations)) or generate(conversations, **kw)
    other = b.answer_many([QUESTION], cache=cache)[0]
    assert calls == [1] and other.answer != planted and other.new_tokens > 0  # ...and never for tuned-b
    assert cache.db.execute("SELECT COUNT(*) FROM generations").fetchone()[0] == 2
    cache.close()


# --- qa eval over the tuned variants -------------------------------------------------------------------------

def test_eval_discovers_every_variant_of_every_model(models):
    from evalharness.run import available_variants

    variants = available_variants(models.ws)
    assert [v.name for v in variants] == [
        "base", "base+rag", "base+rag+guard",
        "extractive+rag", "extractive+rag+guard",  # a reader answers from passages only: never closed-book
        "tuned", "tuned+rag", "tuned+rag+guard",
        "tuned-b", "tuned-b+rag", "tuned-b+rag+guard",
    ]
    assert Variant("extractive", True, True) in variants and Variant("tuned", True, False) in variants
    assert [Variant.parse(v.name) for v in variants] == variants  # each name is one `qa eval --variant` accepts


def test_eval_runs_tuned_and_extractive_variants_end_to_end(models, tmp_path):
    ws = models.copy(tmp_path / "ws")
    args = ["--config", models.toml, "eval", "-w", ws.root, "--variant", "tuned", "--variant", "tuned+rag",
            "--variant", "extractive+rag", "--no-calibration", "--report", "json"]
    first = qa(*args, "--run-name", "first")
    assert first.exit_code == 0, first.output
    summary = json.loads((ws.runs_dir / "first" / "summary.json").read_text())
    assert set(summary["variants"]) == {"tuned", "tuned+rag", "extractive+rag"}
    assert all(v["items"] == 2 for v in summary["variants"].values())  # the Kestrel and Linden eval pairs
    assert first.stderr.count("loading generator") == 1  # tuned and tuned+rag share one loaded model + adapter
    items = [json.loads(line) for line in (ws.runs_dir / "first" / "items.jsonl").read_text().splitlines()]
    by_variant: dict[str, list[dict]] = {}
    for item in items:
        by_variant.setdefault(item["variant"], []).append(item)
    assert all(i["contexts"] == [] and not i["rag"] and i["new_tokens"] > 0 for i in by_variant["tuned"])
    assert all(len(i["retrieved_chunk_ids"]) == 3 and i["new_tokens"] > 0 for i in by_variant["tuned+rag"])
    for reader, generated in zip(by_variant["extractive+rag"], by_variant["tuned+rag"], strict=True):
        assert reader["item_id"] == generated["item_id"]
        assert reader["retrieved_chunk_ids"] == generated["retrieved_chunk_ids"]  # one retrieval for every +rag
        assert reader["new_tokens"] == 0
        assert reader["refused"] or any(reader["answer"] in c["text"] for c in reader["contexts"])

    again = qa(*args, "--run-name", "second")  # an unchanged re-run: every tuned answer from the cache
    assert again.exit_code == 0, again.output
    assert "loading generator" not in again.stderr
    second = [json.loads(line) for line in (ws.runs_dir / "second" / "items.jsonl").read_text().splitlines()]
    assert [(i["variant"], i["answer"]) for i in second] == [(i["variant"], i["answer"]) for i in items]
