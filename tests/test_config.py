import pytest

from qacore.config import QAConfig, load_config
from qacore.errors import ConfigError


def test_defaults_without_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("QA_CONFIG", raising=False)
    config = load_config()
    assert config == QAConfig()
    assert config.retrieval.mode == "hybrid"
    assert config.models.embedding == "embedded:all-MiniLM-L6-v2"


def test_toml_then_overrides(tmp_path):
    path = tmp_path / "qa.toml"
    path.write_text('[ingest]\nchunk_tokens = 150\nredact = false\n[retrieval]\nk = 9\n')
    config = load_config(path, {"retrieval.k": 3, "ingest.index": None})
    assert config.ingest.chunk_tokens == 150
    assert config.ingest.redact is False
    assert config.retrieval.k == 3  # flag beats file
    assert config.ingest.index == "auto"  # None means "flag not given"


def test_every_problem_is_reported_at_once(tmp_path):
    path = tmp_path / "qa.toml"
    path.write_text('[ingest]\nchunk_tokens = -5\nchunk_tokn = 3\n[retrieval]\nmode = "magic"\n[typo_section]\nx = 1\n')
    with pytest.raises(ConfigError) as info:
        load_config(path)
    problems = "\n".join(info.value.problems)
    assert len(info.value.problems) == 4, problems
    assert "ingest.chunk_tokens" in problems
    assert "ingest.chunk_tokn: unknown key" in problems
    assert "retrieval.mode" in problems and "'magic'" in problems
    assert "typo_section: unknown key" in problems
    assert str(path) in str(info.value)


def test_overlap_must_be_below_size():
    with pytest.raises(ConfigError, match="chunk_overlap_tokens"):
        load_config(None, {"ingest.chunk_tokens": 32, "ingest.chunk_overlap_tokens": 32})


def test_broken_toml_and_missing_file(tmp_path):
    bad = tmp_path / "qa.toml"
    bad.write_text("[ingest\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(bad)
    with pytest.raises(ConfigError, match="file not found"):
        load_config(tmp_path / "nope.toml")


def test_section_that_is_not_a_table_is_a_config_error(tmp_path):
    path = tmp_path / "qa.toml"
    path.write_text('ingest = "docs"\n')
    with pytest.raises(ConfigError, match="ingest: must be a table") as info:
        load_config(path, {"ingest.redact": False})  # a flag into a non-table section used to raise a TypeError
    assert str(path) in str(info.value)


@pytest.mark.parametrize("key", ["max_file_mb", "max_docx_uncompressed_mb"])
@pytest.mark.parametrize("value", ["inf", "nan"])
def test_non_finite_numbers_are_refused(tmp_path, key, value):
    path = tmp_path / "qa.toml"
    path.write_text(f"[ingest]\n{key} = {value}\n")
    with pytest.raises(ConfigError, match=f"ingest.{key}: "):
        load_config(path)
    with pytest.raises(ConfigError, match="retrieval.bm25_weight: "):
        load_config(None, {"retrieval.bm25_weight": float(value)})


def test_the_demo_config_is_valid_and_only_trims_llm_work():
    """scripts/demo.toml (what `make demo` runs with) passes the typed config and changes only the LLM budget."""
    from pathlib import Path

    demo = load_config(Path(__file__).parent.parent / "scripts" / "demo.toml")
    default = QAConfig()
    assert demo.dataset.paraphrase_max < default.dataset.paraphrase_max
    changed = {k for k, v in demo.dataset.model_dump().items() if default.dataset.model_dump()[k] != v}
    assert changed == {"paraphrase_max"} and demo.finetune == default.finetune
