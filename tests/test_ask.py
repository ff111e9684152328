"""`qa ask`: variants, citations, errors; and once with the real embedded SmolLM2, with and without retrieval."""

from __future__ import annotations

import json

import pytest
from conftest import run_qa

from qacore.answering import Variant, cited_passages
from qacore.errors import QAError
from qacore.store import Chunk


def chunk(i: int, text: str) -> Chunk:
    return Chunk(i, "doc", f"doc{i}.md", "Doc", ["Doc", f"Part {i}"], None, 0, len(text), text, text, "h", 10)


def test_variant_names_round_trip_and_bad_ones_are_named():
    for name in ("base", "base+rag", "base+rag+guard", "tuned", "tuned+rag", "openai:gpt-4o-mini+rag"):
        assert Variant.parse(name).name == name
    assert Variant.parse("tuned+rag") == Variant("tuned", True)
    with pytest.raises(QAError, match="bad variant 'tuned\\+bm25'"):
        Variant.parse("tuned+bm25")


def test_citations_from_marks_or_best_supporting_passage():
    passages = [chunk(1, "The VPN disconnects after 12 hours."), chunk(2, "Laptops are replaced every 4 years.")]
    assert cited_passages("Every 4 years [2].", passages) == [1]
    assert cited_passages("Laptops are replaced every four years.", passages) == [1]  # no marks: best overlap
    assert cited_passages("I don't know: the documents do not cover this.", passages) == []
    assert cited_passages("See [7].", passages) == []  # a mark past the passages is not a citation


def test_unknown_tuned_model_is_a_clear_error(tmp_path):
    result = run_qa("ask", "anything", "--model", "nope", "--workspace", str(tmp_path / "ws"))
    assert result.returncode == 1 and "no tuned model 'nope'" in result.stderr


def test_models_are_listed_by_folder_and_publish_leftovers_are_not_models(tmp_path):
    from qacore.artifacts import list_models, read_model_manifest
    from qacore.workspace import Workspace

    ws = Workspace(tmp_path / "ws")
    for folder in ("tuned", "tuned-v1", ".old-tuned-1234", ".tmp-tuned-abcd"):  # tuned-v1: a copy kept by hand
        (ws.models_dir / folder).mkdir(parents=True)
        (ws.models_dir / folder / "manifest.json").write_text(json.dumps({"name": "tuned", "kind": "qa.lora"}))
    assert [m["name"] for m in list_models(ws)] == ["tuned", "tuned-v1"]
    assert read_model_manifest(ws, "tuned-v1")["name"] == "tuned-v1"


def test_ask_with_the_real_model_with_and_without_retrieval(corpora_workspace):
    question = "How many days of annual leave do UK employees get?"
    rag = run_qa("ask", question, "--workspace", str(corpora_workspace), "--json", "-k", "3")
    assert rag.returncode == 0, rag.stderr
    answer = json.loads(rag.stdout)
    assert answer["variant"] == "base+rag+guard" and answer["answer"].strip()  # guarded by default
    assert len(answer["retrieved"]) == 3 and all(s["source"].startswith("corpora/") for s in answer["retrieved"])
    assert any("leave" in s["source"] for s in answer["retrieved"])  # retrieval found the leave policy
    assert all(s in answer["retrieved"] for s in answer["cited"])
    # the guard (calibrated on the workspace's dataset) lets a question the leave policy answers through
    assert answer["guard"]["action"] in ("pass", "quote") and answer["cited"], answer

    closed = run_qa("ask", question, "--workspace", str(corpora_workspace), "--json", "--no-rag")
    assert closed.returncode == 0, closed.stderr
    answer = json.loads(closed.stdout)
    assert answer["variant"] == "base" and answer["retrieved"] == [] and answer["cited"] == []

    # without a question, one question per line from a pipe; the model loads once
    piped = run_qa("ask", "--workspace", str(corpora_workspace), "--json", "--no-rag",
                   input="What is the VPN address?\n\nWho approves expenses?\n")
    assert piped.returncode == 0, piped.stderr
    assert [json.loads(line)["question"] for line in piped.stdout.splitlines()] == [
        "What is the VPN address?", "Who approves expenses?"]
    assert piped.stderr.count("loading generator") == 1
