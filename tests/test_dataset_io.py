"""Import of good and broken CSV/JSONL; exports (OpenAI chat format validated, HF datasets folder, completion)."""

import json
import re

import pytest

from ingest.dataset.build import DatasetReport, Pair, _publish
from ingest.dataset.io import (
    ImportProblem,
    export_dataset,
    import_pairs,
    load_imported,
    parse_pairs_file,
    validate_openai_record,
)
from qacore.workspace import Workspace
from tests.conftest import CORPORA


def test_import_the_seed_csv(tmp_path):
    ws = Workspace(tmp_path / "ws")
    n = import_pairs(ws, CORPORA / "seed_qa.csv")
    pairs = load_imported(ws)
    assert n == len(pairs) >= 40
    assert all(p.split == "train" and p.generator == "import:seed_qa.csv" for p in pairs)
    assert any("," in p.answer for p in pairs)  # quoted commas survive


def test_import_jsonl_plain_and_chat(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text('{"prompt": "Where is the VPN portal?", "completion": "vpn.example.test"}\n'
                    '{"question": "Who approves leave?", "answer": "Your line manager."}\n'
                    '{"messages": [{"role": "system", "content": "s"}, {"role": "user", "content": "Q?"}, '
                    '{"role": "assistant", "content": "A."}]}\n')
    pairs = parse_pairs_file(path, "eval")
    assert [(p.question, p.answer, p.split) for p in pairs][2] == ("Q?", "A.", "eval")


@pytest.mark.parametrize(("content", "suffix", "expected"), [
    ("question,answer\nQ?,A\n", ".csv", "header must have 'prompt' and 'completion'"),
    ("prompt,completion\nQ?,\n", ".csv", ":2: empty completion"),
    ('{"prompt": "Q?", "completion": "A"}\n{not json\n', ".jsonl", ":2: not valid JSON"),
    ('{"prompt": "Q?"}\n', ".jsonl", ":1: needs 'prompt' and 'completion'"),
    ('{"messages": [{"role": "user", "content": "Q?"}]}\n', ".jsonl", ":1: expected exactly one user and one assistant"),
])
def test_broken_files_name_file_and_line(tmp_path, content, suffix, expected):
    path = tmp_path / f"bad{suffix}"
    path.write_text(content)
    with pytest.raises(ImportProblem) as info:
        parse_pairs_file(path)
    assert str(path) in str(info.value) and expected in str(info.value)


@pytest.fixture
def published(tmp_path):
    ws = Workspace(tmp_path / "ws")
    train = [Pair(id="a", question="How many leave days?", answer="27 days", answerable=True, split="train")]
    evaluation = [Pair(id="b", question="Who approves leave?", answer="Your manager", answerable=True, split="eval")]
    unanswerable = [Pair(id="c", question="Is there a pet policy?", answer="I don't know.", answerable=False,
                         split="eval")]
    _publish(ws, {"train.jsonl": train, "eval.jsonl": evaluation, "unanswerable.jsonl": unanswerable},
             DatasetReport(folder=""), {"format_version": 1})
    return ws


def test_openai_export_validates(published, tmp_path):
    out = tmp_path / "train.jsonl"
    assert export_dataset(published, "openai", "train", out) == 1
    record = json.loads(out.read_text().splitlines()[0])
    assert validate_openai_record(record) == []
    assert [m["role"] for m in record["messages"]] == ["system", "user", "assistant"]
    assert validate_openai_record({"messages": [{"role": "user", "content": "q"}]})
    assert validate_openai_record({"messages": [{"role": "bot", "content": "q"}, {"role": "assistant", "content": ""}]})


def test_hf_and_completion_exports(published, tmp_path):
    import datasets

    assert export_dataset(published, "hf", "train", tmp_path / "hf") == 1
    assert export_dataset(published, "hf", "eval", tmp_path / "hf") == 2  # eval + unanswerable
    loaded = datasets.load_dataset(str(tmp_path / "hf"))
    assert set(loaded) == {"train", "validation"} and loaded["validation"].num_rows == 2
    assert loaded["train"][0]["answer"] == "27 days"
    export_dataset(published, "completion", "eval", tmp_path / "c.jsonl")
    rows = [json.loads(line) for line in (tmp_path / "c.jsonl").read_text().splitlines()]
    assert rows[1] == {"prompt": "Is there a pet policy?", "completion": "I don't know."}


def test_dataset_report_prints_names_verbatim():
    import io

    from rich.console import Console

    from ingest.dataset.summary import print_dataset_report

    out = io.StringIO()
    print_dataset_report(DatasetReport(folder="ws/datasets/[/b]", by_generator={"import:notes[/i].csv": 2}),
                         Console(file=out, width=300, highlight=False))
    assert "ws/datasets/[/b]" in out.getvalue() and "import:notes[/i].csv 2" in out.getvalue()


def test_dataset_report_lists_the_documents_without_pairs():
    import io

    from rich.console import Console

    from ingest.dataset.summary import MAX_LISTED, print_dataset_report

    missing = [f"pages/play-{n}.md" for n in range(MAX_LISTED + 3)]
    out = io.StringIO()
    print_dataset_report(DatasetReport(folder="ws", chunks_covered="3/10", fact_chunks_covered="3/6",
                                       documents_without_pairs=missing, expected_good=0.654),
                         Console(file=out, width=300))
    text = out.getvalue()
    assert re.search(r"expected good +65% of generated pairs", text)
    assert "chunks 3/10 (of chunks with a checkable fact: 3/6)" in text
    assert f"{MAX_LISTED + 3} document(s) gave no pair" in text
    assert "pages/play-0.md" in text and f"pages/play-{MAX_LISTED}.md" not in text and "... and 3 more" in text


def test_imports_with_the_same_name_are_all_kept(tmp_path):
    ws = Workspace(tmp_path / "ws")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "faq.csv").write_text("prompt,completion\nWhere is the VPN portal?,vpn.example.test\n")
    (tmp_path / "b" / "faq.jsonl").write_text('{"prompt": "Who approves leave?", "completion": "Your manager."}\n')
    import_pairs(ws, tmp_path / "a" / "faq.csv")
    import_pairs(ws, tmp_path / "b" / "faq.jsonl")
    import_pairs(ws, tmp_path / "a" / "faq.csv")  # importing the same file again adds nothing
    assert sorted(p.question for p in load_imported(ws)) == ["Where is the VPN portal?", "Who approves leave?"]
    # an edited file imported again replaces its earlier import: its deleted pair leaves
    (tmp_path / "a" / "faq.csv").write_text("prompt,completion\nWhere is the VPN client?,GlobalProtect\n")
    import_pairs(ws, tmp_path / "a" / "faq.csv")
    assert sorted(p.question for p in load_imported(ws)) == ["Where is the VPN client?", "Who approves leave?"]


def test_csv_field_over_the_limit_names_file_and_line(tmp_path):
    path = tmp_path / "big.csv"
    path.write_text('prompt,completion\nQ?,A\nQ2?,"' + "x" * 200_000 + '"\n')
    with pytest.raises(ImportProblem, match=f"{path}:3: "):
        parse_pairs_file(path)


def test_export_onto_the_wrong_kind_of_path_names_it(published, tmp_path):
    from qacore.errors import QAError

    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(QAError, match=f"{folder}"):
        export_dataset(published, "openai", "train", folder)
    file = tmp_path / "hf.jsonl"
    file.write_text("")
    with pytest.raises(QAError, match=f"{file}"):
        export_dataset(published, "hf", "train", file)
