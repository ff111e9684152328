"""`qa finetune` (LoRA): loss mask, shared-prefix forward, batching, a real tiny training run, resume after
kill -9, merged export, DDP with two CPU processes, config validation, RAFT context examples.

Models are built here: a 2-layer, 32-wide Llama with random weights and the SmolLM2 tokenizer (its real chat
template), saved as a local folder and loaded through the normal `finetune.base_model` path.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from qacore.config import load_config
from qacore.errors import ConfigError
from qacore.workspace import Workspace, atomic_write_json
from tests.conftest import REPO, run_qa

FACTS = [("annual leave days", "27 days"), ("VPN portal", "vpn.fernhill.example"), ("expense receipt limit", "EUR 25"),
         ("laptop refresh cycle", "every 3 years"), ("helpdesk phone", "extension 4357"), ("guest wifi", "FH-Guest"),
         ("password length", "14 characters"), ("travel approval", "your line manager"),
         ("learning budget", "GBP 1,000 a year"), ("backup retention", "90 days"), ("MFA app", "Microsoft Authenticator"),
         ("office hours", "8:00 to 18:00"), ("parking permit", "from Facilities"), ("printer queue", "FH-PRINT-2"),
         ("onboarding buddy", "assigned by your manager"), ("incident hotline", "ext. 999"),
         ("sabbatical length", "4 weeks"), ("meal cap", "GBP 40 a day"), ("pension match", "up to 6%"),
         ("loaner period", "14 days")]


@pytest.fixture(autouse=True)
def one_thread():
    """Tiny models gain nothing from threads, and on a busy machine OpenMP threads that wait for each other
    make each small matmul ~100x slower."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


@pytest.fixture(scope="module")
def tokenizer_path() -> Path:
    from qacore.models import resolve_generator_model

    return resolve_generator_model("embedded:SmolLM2-135M-Instruct").path


@pytest.fixture(scope="module")
def tiny_lm(tmp_path_factory, tokenizer_path) -> Path:
    import torch
    from transformers import AutoTokenizer, LlamaConfig, LlamaForCausalLM

    folder = tmp_path_factory.mktemp("tiny-lm")
    tokenizer = AutoTokenizer.from_pretrained(tokenizer_path)
    torch.manual_seed(0)
    config = LlamaConfig(vocab_size=len(tokenizer), hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                         num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=512,
                         tie_word_embeddings=True, initializer_range=0.3, bos_token_id=tokenizer.bos_token_id,
                         eos_token_id=tokenizer.eos_token_id, pad_token_id=tokenizer.pad_token_id)
    LlamaForCausalLM(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def make_workspace(root: Path, n_train: int = 12, n_eval: int = 4) -> Workspace:
    """A workspace with only a published dataset folder, as `qa generate` leaves it."""
    ws = Workspace(root / ".qa")
    folder = ws.datasets_dir / "ds-1"
    folder.mkdir(parents=True)

    def rows(facts, split):
        return [{"id": f"{split}{i}", "question": f"What is the {topic} at Fernhill?", "answer": answer,
                 "answerable": True, "split": split, "source": "handbook.md", "chunk_id": None, "heading_path": []}
                for i, (topic, answer) in enumerate(facts)]

    for split, items in (("train", rows(FACTS[:n_train], "train")), ("eval", rows(FACTS[n_train:n_train + n_eval], "eval")),
                         ("unanswerable", [])):
        (folder / f"{split}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in items), encoding="utf-8")
    atomic_write_json(folder / "manifest.json", {"format_version": 1, "name": "ds-1"})
    (ws.datasets_dir / "CURRENT").write_text("ds-1\n", encoding="utf-8")
    return ws


def tiny_config(tiny_lm: Path, **finetune):
    settings = {"base_model": str(tiny_lm), "epochs": 3, "batch_size": 4, "learning_rate": 1e-2, "lora_r": 4,
                "lora_alpha": 8, "lora_dropout": 0.1, "max_length": 256, "checkpoint_every": 2, "warmup_ratio": 0.0,
                "device": "cpu", **finetune}
    return load_config(None, {f"finetune.{k}": v for k, v in settings.items()})


def adapter_tensors(folder: Path) -> dict:
    from safetensors.torch import load_file

    return load_file(folder / "adapter" / "adapter_model.safetensors")


# --- prompts and the loss mask ---------------------------------------------------------------------------

def test_loss_mask_is_exactly_the_answer_and_end_of_turn(tokenizer_path):
    from transformers import AutoTokenizer

    from finetune.data import IGNORE, closed_book_examples, collate, end_of_turn
    from qacore.prompting import answer_messages, render_chat

    tokenizer = AutoTokenizer.from_pretrained(tokenizer_path)
    assert end_of_turn(tokenizer) == "<|im_end|>"
    pairs = [{"id": "a", "question": "How many days of annual leave do I get?", "answer": "27 days"},
             {"id": "b", "question": "Where is the VPN portal?", "answer": "vpn.fernhill.example, with GlobalProtect"}]
    skipped = Counter()
    examples = closed_book_examples(pairs, tokenizer, max_length=512, skipped=skipped)
    assert not skipped and len(examples) == 2
    prompt_ids = tokenizer(render_chat(tokenizer, answer_messages(pairs[0]["question"])), add_special_tokens=False).input_ids
    assert examples[0].input_ids[:examples[0].n_prompt] == prompt_ids  # the prompt `qa ask` sends, token for token

    batch = collate(examples, pad_id=tokenizer.pad_token_id)
    for row, (example, pair) in enumerate(zip(examples, pairs, strict=True)):
        labels = batch["labels"][row]
        unmasked = (labels != IGNORE).nonzero().flatten().tolist()
        assert unmasked == list(range(example.n_prompt, len(example)))  # contiguous: answer + end of turn, nothing else
        assert tokenizer.decode(labels[unmasked]) == pair["answer"] + "<|im_end|>"
        assert tokenizer.convert_ids_to_tokens(int(labels[unmasked[-1]])) == "<|im_end|>"
        assert batch["attention_mask"][row].sum() == len(example)
    assert batch["input_ids"].shape[1] == max(len(e) for e in examples)  # padded to this batch, not max_length
    # the shared prefix is the system prompt and chat markup, and stops before either question starts
    shared = int(batch["prefix_len"])
    system_only = tokenizer(render_chat(tokenizer, answer_messages("")), add_special_tokens=False).input_ids
    assert 40 < shared <= len(system_only)
    assert examples[0].input_ids[:shared] == examples[1].input_ids[:shared]
    assert examples[0].input_ids[shared] != examples[1].input_ids[shared]


def test_shared_prefix_forward_equals_running_every_row_whole(tiny_lm, tokenizer_path):
    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from finetune.data import closed_book_examples, collate
    from finetune.loss import AnswerLoss

    tokenizer = AutoTokenizer.from_pretrained(tokenizer_path)
    torch.manual_seed(0)
    lm = get_peft_model(AutoModelForCausalLM.from_pretrained(tiny_lm),
                        LoraConfig(r=4, lora_alpha=8, lora_dropout=0.0, target_modules="all-linear", init_lora_weights=False))
    model = AnswerLoss(lm)
    pairs = [{"question": f"What is the {t}?", "answer": a} for t, a in FACTS[:5]]
    batch = collate(closed_book_examples(pairs, tokenizer, 256, Counter()), tokenizer.pad_token_id)
    assert int(batch["prefix_len"]) > 40

    def loss_and_grads(prefix_len):
        lm.zero_grad()
        loss_sum, n = model(**{**batch, "prefix_len": torch.tensor(prefix_len)})
        (loss_sum / n).backward()
        return float(loss_sum.detach()), int(n), [p.grad.clone() for p in lm.parameters() if p.requires_grad]

    shared = loss_and_grads(int(batch["prefix_len"]))
    whole = loss_and_grads(0)
    assert shared[1] == whole[1] == int((batch["labels"] != -100).sum())
    assert shared[0] == pytest.approx(whole[0], rel=1e-5)
    for a, b in zip(shared[2], whole[2], strict=True):
        torch.testing.assert_close(a, b, rtol=1e-4, atol=1e-6)
    # and both equal the plain transformers loss on the full logits
    out = lm(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"], labels=batch["labels"])
    assert float(out.loss) == pytest.approx(shared[0] / shared[1], rel=1e-5)


def test_length_grouped_batches_are_deterministic_grouped_and_complete():
    from finetune.data import length_grouped_batches

    lengths = [(i * 37) % 101 + 5 for i in range(203)]
    epoch0 = length_grouped_batches(lengths, 8, seed=1, epoch=0)
    assert epoch0 == length_grouped_batches(lengths, 8, seed=1, epoch=0)
    assert epoch0 != length_grouped_batches(lengths, 8, seed=1, epoch=1)
    assert epoch0 != length_grouped_batches(lengths, 8, seed=2, epoch=0)
    assert sorted(i for b in epoch0 for i in b) == list(range(203))
    assert max(lengths[i] for i in epoch0[0]) == max(lengths)  # longest first: out-of-memory shows at step 1
    padded = sum(len(b) * max(lengths[i] for i in b) for b in epoch0)
    assert padded < 1.1 * sum(lengths)  # grouped: little padding (random batches pad ~1.6x here)


# --- training, resume, export ----------------------------------------------------------------------------

def test_training_loss_falls_and_publishes_the_contract(tmp_path, tiny_lm):
    from finetune.lora import run_finetune
    from qacore.artifacts import LORA_KIND, list_models, read_model_manifest
    from qacore.prompting import PROMPT_VERSION

    ws = make_workspace(tmp_path)
    result = run_finetune(ws, tiny_config(tiny_lm, epochs=4), progress=False, log=lambda m: None)
    manifest = read_model_manifest(ws, "tuned")
    assert manifest == json.loads(json.dumps(result.manifest))
    assert manifest["kind"] == LORA_KIND and manifest["prompt_version"] == PROMPT_VERSION
    assert manifest["with_context"] is False
    assert manifest["base_model"]["spec"] == str(tiny_lm) and len(manifest["base_model"]["content_hash"]) == 64
    assert manifest["dataset"]["folder"] == str(ws.datasets_dir / "ds-1")
    assert len(manifest["dataset"]["manifest_sha256"]) == 64
    assert manifest["config"]["lora_r"] == 4 and manifest["config"]["epochs"] == 4
    metrics = manifest["metrics"]
    assert metrics["steps"] == 12 and len(manifest["loss_curve"]) == 12 and metrics["tokens_per_second"] > 0
    curve = [p["loss"] for p in manifest["loss_curve"]]
    assert sum(curve[-3:]) / 3 < sum(curve[:3]) / 3 - 1.0  # it learns
    evals = [e["eval_loss"] for e in manifest["evals"]]  # unseen facts: it need not fall, but is measured
    assert len(evals) == 4 and all(0 < e < 100 for e in evals) and metrics["eval_loss"] == evals[-1]
    assert (ws.models_dir / "tuned" / "adapter" / "adapter_config.json").is_file()
    assert [m["name"] for m in list_models(ws)] == ["tuned"]
    assert not (ws.models_dir / "tuned.run").exists()  # checkpoints are gone once the model is published
    assert not [p for p in ws.models_dir.iterdir() if p.name.startswith(".tmp-")]


def test_time_budget_replans_the_run_so_the_schedule_ends_where_it_stops(tmp_path, tiny_lm):
    from finetune.lora import PLAN_STEPS, run_finetune, summary

    ws = make_workspace(tmp_path)
    ample = run_finetune(ws, tiny_config(tiny_lm, epochs=4, max_minutes=10_000.0), progress=False, log=lambda m: None)
    assert ample.manifest["metrics"]["steps"] == 12 and not ample.manifest["metrics"]["stopped_by_time_budget"]

    said = []
    # a budget no step fits: the run stops at its first re-plan, after PLAN_STEPS steps, publishes, and says so
    short = run_finetune(ws, tiny_config(tiny_lm, epochs=4, max_minutes=1e-9, name="short",
                                         lr_scheduler="linear"), progress=False, log=said.append)
    metrics, training = short.manifest["metrics"], short.manifest["training"]
    assert PLAN_STEPS < 12 and metrics["steps"] == PLAN_STEPS == training["total_steps"]
    assert metrics["stopped_by_time_budget"] and training["steps_without_time_budget"] == 12
    assert short.manifest["config"]["max_minutes"] == 1e-9
    assert any(f"{PLAN_STEPS} of 12 steps fit" in m for m in said)
    assert f"{PLAN_STEPS} of 12 steps fit the time budget" in summary(short)
    assert (short.folder / "adapter" / "adapter_config.json").is_file()


def test_resume_after_kill_ends_at_the_same_adapter(tmp_path, tiny_lm):
    import torch

    from finetune.lora import run_finetune

    ws = make_workspace(tmp_path)
    config = tiny_config(tiny_lm)  # 3 epochs x 3 steps, checkpoints at steps 2, 3 (epoch end), 4, 6 (epoch end)
    uninterrupted = run_finetune(ws, config, progress=False, log=lambda m: None)

    args = ["finetune", "-w", str(ws.root), "--name", "resumed", "--base-model", str(tiny_lm), "--epochs", "3",
            "--batch-size", "4", "--lr", "1e-2", "--lora-r", "4", "--lora-alpha", "8", "--lora-dropout", "0.1",
            "--max-length", "256", "--checkpoint-every", "2", "--device", "cpu"]
    toml = tmp_path / "qa.toml"
    toml.write_text("[finetune]\nwarmup_ratio = 0.0\n", encoding="utf-8")
    killed = run_qa("--config", str(toml), *args, env={"QA_FAILPOINT": "finetune.step-5", "OMP_NUM_THREADS": "1"}, timeout=120)
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]
    run_dir = ws.models_dir / "resumed.run"
    assert (run_dir / "LATEST").read_text().strip() == "ckpt-00000004"  # step 5 was lost with the kill
    assert not (ws.models_dir / "resumed").exists()

    resumed = run_finetune(ws, tiny_config(tiny_lm, name="resumed"), resume=True, progress=False, log=lambda m: None)
    a, b = adapter_tensors(uninterrupted.folder), adapter_tensors(resumed.folder)
    assert a.keys() == b.keys() and len(a) == 2 * 7 * 2  # A and B of 7 projections in 2 layers
    for key in a:
        torch.testing.assert_close(a[key], b[key], rtol=1e-5, atol=1e-7)
    assert [p["loss"] for p in resumed.manifest["loss_curve"]] == [p["loss"] for p in uninterrupted.manifest["loss_curve"]]
    assert resumed.manifest["metrics"]["eval_loss"] == uninterrupted.manifest["metrics"]["eval_loss"]
    assert not run_dir.exists()


def test_resume_refuses_changed_settings(tmp_path, tiny_lm, monkeypatch):
    from finetune import lora
    from qacore.errors import WorkspaceError

    class Killed(BaseException):
        pass

    def stop_at_step_2(name):
        if name == "finetune.step-2":
            raise Killed

    ws = make_workspace(tmp_path)
    monkeypatch.setattr(lora, "failpoint", stop_at_step_2)
    with pytest.raises(Killed):
        lora.run_finetune(ws, tiny_config(tiny_lm), progress=False, log=lambda m: None)
    assert (ws.models_dir / "tuned.run" / "LATEST").read_text().strip() == "ckpt-00000002"
    with pytest.raises(WorkspaceError, match="lora_r: 4 -> 8"):
        lora.run_finetune(ws, tiny_config(tiny_lm, lora_r=8), resume=True, progress=False, log=lambda m: None)
    # the schedule too: fewer epochs would publish a half-trained adapter under a manifest that says 2 epochs
    for change, message in [({"epochs": 2}, "epochs: 3 -> 2"), ({"max_steps": 4}, "max_steps: 0 -> 4"),
                            ({"lr_scheduler": "linear"}, "lr_scheduler: 'cosine' -> 'linear'"),
                            ({"early_stopping_patience": 1}, "early_stopping_patience: 0 -> 1")]:
        with pytest.raises(WorkspaceError, match=message):
            lora.run_finetune(ws, tiny_config(tiny_lm, **change), resume=True, progress=False, log=lambda m: None)
    # but not the learning rate: after a NaN loss the message says to lower it and resume
    monkeypatch.setattr(lora, "failpoint", lambda name: None)
    lower = lora.run_finetune(ws, tiny_config(tiny_lm, learning_rate=5e-3), resume=True, progress=False,
                              log=lambda m: None)
    assert lower.manifest["loss_curve"][0]["lr"] == 1e-2 and lower.manifest["metrics"]["steps"] == 9


def test_merged_export_matches_the_adapter(tmp_path, tiny_lm):
    import torch
    from peft import PeftModel
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from finetune.export import export_merged
    from finetune.lora import run_finetune

    ws = make_workspace(tmp_path)
    result = run_finetune(ws, tiny_config(tiny_lm, epochs=1), merge=True, progress=False, log=lambda m: None)
    assert adapter_tensors(result.folder) and result.manifest["merged"] == "merged"
    out = tmp_path / "merged"
    assert export_merged(ws, "tuned", out) == out  # what `qa export-model tuned OUT` calls

    merged = AutoModelForCausalLM.from_pretrained(out)  # plain transformers, no peft
    tokenizer = AutoTokenizer.from_pretrained(out)
    assert tokenizer.chat_template and not any("lora" in n for n, _ in merged.named_parameters())
    with_adapter = PeftModel.from_pretrained(AutoModelForCausalLM.from_pretrained(tiny_lm), result.folder / "adapter")
    base = AutoModelForCausalLM.from_pretrained(tiny_lm)
    ids = tokenizer(["What is the VPN portal at Fernhill?"], return_tensors="pt").input_ids
    with torch.no_grad():
        expected, got, untuned = with_adapter(ids).logits, merged(ids).logits, base(ids).logits
    torch.testing.assert_close(got, expected, rtol=1e-4, atol=1e-4)
    with torch.no_grad():  # `qa finetune --merge` published the same merged model next to the adapter
        torch.testing.assert_close(AutoModelForCausalLM.from_pretrained(result.folder / "merged")(ids).logits, got)
    assert not torch.allclose(got, untuned, atol=1e-3)  # the merge changed the weights
    with pytest.raises(Exception, match="already exists"):
        export_merged(ws, "tuned", out)


def test_ddp_two_cpu_processes(tmp_path, tiny_lm):
    ws = make_workspace(tmp_path, n_train=16, n_eval=4)  # one eval batch: process 0 has it, process 1 none
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    # on a machine without GPUs, accelerate's --multi_gpu launcher starts CPU processes that use gloo
    # (its --cpu flag alone needs mpirun for more than one process)
    cmd = [sys.executable, "-m", "accelerate.commands.launch", "--multi_gpu", "--num_processes", "2", "--num_machines", "1",
           "--mixed_precision", "no", "--dynamo_backend", "no", "--main_process_port", str(port),
           "-m", "cli", "finetune", "-w", str(ws.root), "--base-model", str(tiny_lm), "--epochs", "3",
           "--batch-size", "4", "--lr", "1e-2", "--lora-r", "4", "--max-length", "256", "--device", "cpu", "--json"]
    env = {**os.environ, "OMP_NUM_THREADS": "1", "QA_RAISE_ERRORS": "1"}
    done = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr[-3000:]
    manifest = json.loads((ws.models_dir / "tuned" / "manifest.json").read_text())
    assert manifest["training"]["processes"] == 2 and manifest["training"]["distributed"] == "MULTI_CPU"
    assert done.stdout.count('"folder"') == 1  # only rank 0 reports
    assert manifest["training"]["steps_per_epoch"] == 2  # 4 batches of 4, every 2nd one per process
    assert manifest["metrics"]["steps"] == 6 and manifest["metrics"]["tokens"] > 0
    assert len(manifest["evals"]) == 3 and all(e["eval_loss"] > 0 for e in manifest["evals"])
    curve = [p["loss"] for p in manifest["loss_curve"]]
    assert curve[-1] < curve[0]
    assert adapter_tensors(ws.models_dir / "tuned")


# --- configuration and errors ----------------------------------------------------------------------------

def test_config_rejects_bad_values_all_at_once(tmp_path, tiny_lm):
    bad = {"finetune.lora_r": 0, "finetune.learning_rate": -1.0, "finetune.refusal_share": 1.5,
           "finetune.target_modules": ["all-linear", "q_proj"], "finetune.name": "../escape", "finetune.epochs": 0,
           "finetune.dtype": "float8"}
    with pytest.raises(ConfigError) as err:
        load_config(None, bad)
    problems = "\n".join(err.value.problems)
    for key in bad:
        assert key in problems
    assert len(err.value.problems) == len(bad)

    toml = tmp_path / "qa.toml"
    toml.write_text('[finetune]\nbatch_size = 0\nlora_rank = 8\n', encoding="utf-8")
    done = run_qa("--config", str(toml), "finetune", "-w", str(tmp_path / "ws"))
    assert done.returncode == 2
    assert "finetune.batch_size" in done.stderr and "finetune.lora_rank: unknown key" in done.stderr


def test_bad_target_module_and_missing_dataset_are_named(tmp_path, tiny_lm):
    from finetune.lora import run_finetune
    from qacore.errors import WorkspaceError

    with pytest.raises(WorkspaceError, match="no dataset"):
        run_finetune(Workspace(tmp_path / "empty"), tiny_config(tiny_lm), progress=False, log=lambda m: None)
    ws = make_workspace(tmp_path)
    with pytest.raises(ConfigError, match="finetune.target_modules"):
        run_finetune(ws, tiny_config(tiny_lm, target_modules=["no_such_proj"]), progress=False, log=lambda m: None)
    with pytest.raises(ConfigError, match="float16 is for CUDA"):
        run_finetune(ws, tiny_config(tiny_lm, dtype="float16"), progress=False, log=lambda m: None)


def test_nan_loss_stops_and_keeps_the_last_checkpoint(tmp_path, tiny_lm, monkeypatch):
    import torch

    from finetune import lora

    ws = make_workspace(tmp_path)
    calls = {"n": 0}
    real_forward = lora.AnswerLoss.forward

    def poisoned(self, *args, **kwargs):
        loss_sum, n = real_forward(self, *args, **kwargs)
        calls["n"] += self.training  # training steps only, not eval batches
        return (loss_sum * torch.tensor(float("nan")) if self.training and calls["n"] == 4 else loss_sum), n

    monkeypatch.setattr(lora.AnswerLoss, "forward", poisoned)
    with pytest.raises(lora.TrainingError, match=r"loss became nan at step 4.*last good checkpoint is step 3"):
        lora.run_finetune(ws, tiny_config(tiny_lm), progress=False, log=lambda m: None)
    assert (ws.models_dir / "tuned.run" / "LATEST").read_text().strip() == "ckpt-00000003"
    assert not (ws.models_dir / "tuned").exists()


# --- with context (RAFT) ---------------------------------------------------------------------------------

def test_context_examples_hold_gold_distractors_and_refusals(tmp_path, docs, tiny_embedding_model, tokenizer_path):
    from transformers import AutoTokenizer

    from finetune.data import context_examples
    from ingest.pipeline import run_ingest  # the test builds an index; finetune itself reads it via qacore
    from qacore.prompting import REFUSAL
    from qacore.retrieval import Retriever
    from qacore.store import Snapshot

    config = load_config(None, {"models.embedding": str(tiny_embedding_model), "ingest.redact": False,
                                "ingest.chunk_tokens": 64, "ingest.chunk_overlap_tokens": 8, "ingest.header_tokens": 16})
    ws = Workspace(tmp_path / ".qa")
    run_ingest([docs], ws, config, progress=False, log=lambda m: None)
    snapshot = Snapshot.require(ws)
    chunks = list(snapshot.iter_chunks())
    pairs = []
    for n, chunk in enumerate(chunks):
        for fact in ("27 days", "EUR 25", "12 hours"):
            if fact in chunk.text:
                pairs.append({"id": f"p{n}", "question": f"What does section {n} say about {fact.split()[1]}?",
                              "answer": fact, "answerable": True, "chunk_id": chunk.id, "chunk_hash": chunk.content_hash})
    pairs.append({"id": "u1", "question": "Can I bring my dog to the office?", "answer": REFUSAL, "answerable": False})
    assert len(pairs) > 10
    tokenizer = AutoTokenizer.from_pretrained(tokenizer_path)
    skipped = Counter()
    examples = context_examples(pairs, tokenizer, Retriever(snapshot, config.retrieval), passages=3, refusal_share=0.3,
                                seed=0, max_length=1024, skipped=skipped)
    assert not skipped and len(examples) == len(pairs)
    by_chunk = {c.id: c for c in chunks}
    refusals = 0
    for pair, example in zip(pairs, examples, strict=True):
        prompt = tokenizer.decode(example.input_ids[:example.n_prompt])
        target = tokenizer.decode(example.input_ids[example.n_prompt:])
        context = prompt.split("Question: " + pair["question"])[0]
        assert sum(c.text.strip() in context for c in chunks) >= 2  # gold + a distractor, or 2+ passages
        if example.refusal:
            refusals += pair["answerable"]
            assert target == REFUSAL + "<|im_end|>"
            if pair["answerable"]:  # no passage gives the answer away
                assert pair["answer"] not in prompt.split("Question:")[0]
        else:
            assert target == f"{pair['answer']}<|im_end|>"  # the answer-v2 prompt numbers no passages to cite
            assert by_chunk[pair["chunk_id"]].text.strip() in context  # the gold chunk is in the prompt
            assert prompt.count(pair["answer"]) == by_chunk[pair["chunk_id"]].text.count(pair["answer"])
    assert 0 < refusals < len(pairs) - 1  # some, not all, answerable pairs were turned into refusals
    again = context_examples(pairs, tokenizer, Retriever(snapshot, config.retrieval), passages=3, refusal_share=0.3,
                             seed=0, max_length=1024, skipped=Counter())
    assert [e.input_ids for e in again] == [e.input_ids for e in examples]  # deterministic per seed
    short = context_examples(pairs[:3], tokenizer, Retriever(snapshot, config.retrieval), passages=3, refusal_share=0.0,
                             seed=0, max_length=220, skipped=Counter())
    assert all(len(e) <= 220 for e in short)  # distractors dropped to fit, gold kept
