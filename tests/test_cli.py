import json
import subprocess
import sys

import pytest

from tests.conftest import REPO, run_qa


def test_help_does_not_import_heavy_libraries():
    code = (
        "import sys; from click.testing import CliRunner; from cli import cli;"
        "r = CliRunner().invoke(cli, ['--help']); assert r.exit_code == 0, r.output;"
        "r2 = CliRunner().invoke(cli, ['ingest', '--help']); assert 'Examples' in r2.output;"
        "heavy = [m for m in ('torch', 'transformers', 'faiss', 'sentence_transformers', 'presidio_analyzer') if m in sys.modules];"
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_bad_config_value_is_a_clear_usage_error(tmp_path):
    cfg = tmp_path / "qa.toml"
    cfg.write_text("[ingest]\nmax_file_mb = 0\nwhat = 1\n")
    result = run_qa("--config", str(cfg), "ingest", str(tmp_path))
    assert result.returncode == 2
    assert "ingest.max_file_mb" in result.stderr and "ingest.what: unknown key" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_path_and_empty_folder_fail_cleanly(tmp_path):
    result = run_qa("ingest", str(tmp_path / "missing"), "--workspace", str(tmp_path / "ws"))
    assert result.returncode == 1 and "path not found" in result.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run_qa("ingest", str(empty), "--workspace", str(tmp_path / "ws"))
    assert result.returncode == 1
    assert "no documents found" in result.stderr and "Traceback" not in result.stderr


def test_raise_errors_env_shows_traceback(tmp_path):
    result = run_qa("ingest", str(tmp_path / "missing"), env={"QA_RAISE_ERRORS": "1"})
    assert result.returncode == 1 and "Traceback" in result.stderr


def test_search_without_index_says_what_to_do(tmp_path):
    result = run_qa("search", "anything", "--workspace", str(tmp_path / "ws"))
    assert result.returncode == 1 and "run `qa ingest PATH` first" in result.stderr


@pytest.mark.parametrize("command", ["ask", "search"])
def test_k_below_one_is_a_usage_error_not_a_silent_default(command, tmp_path):
    result = run_qa(command, "anything", "-k", "0", "--workspace", str(tmp_path / "ws"))
    assert result.returncode == 2 and "'-k'" in result.stderr


def test_ingest_json_report_with_tiny_model(docs, tiny_embedding_model, tmp_path):
    ws = tmp_path / "ws"
    result = run_qa("ingest", str(docs), "--workspace", str(ws), "--embedding-model", str(tiny_embedding_model),
                    "--no-redact", "--chunk-tokens", "64", "--generator", "none", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["documents_in_index"] == 3 and report["chunks_in_index"] >= 3
    assert sorted(report["added"]) == ["docs/expenses.md", "docs/leave.md", "docs/vpn.md"]


def test_exclude_flag_adds_to_the_config_excludes(docs, tiny_embedding_model, tmp_path):
    cfg = tmp_path / "qa.toml"
    cfg.write_text('[ingest]\nexclude = ["**/leave.md"]\n')  # e.g. a folder that must never be indexed
    result = run_qa("--config", str(cfg), "ingest", str(docs), "--workspace", str(tmp_path / "ws"),
                    "--embedding-model", str(tiny_embedding_model), "--no-redact", "--generator", "none", "--json",
                    "--exclude", "**/vpn.md")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["added"] == ["docs/expenses.md"]
