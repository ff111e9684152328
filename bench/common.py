"""What every benchmark in bench/ measures the same way: CPU counters (to report contention), peak RSS, and
rewriting its own section of BENCHMARKS.md while keeping the others (and the hand-written readings)."""

from __future__ import annotations

import os
import platform
import time
from pathlib import Path

# Every benchmark runs offline on the built-in defaults (embedded models), never a user's qa.toml. Set when a
# script imports this module, which each does before anything imports transformers or huggingface_hub.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.pop("QA_CONFIG", None)

ROOT = Path(__file__).resolve().parents[1]
BENCHMARKS_MD = ROOT / "BENCHMARKS.md"


def machine(*extra: str) -> str:
    """The machine a section was measured on, plus what a benchmark adds (library versions, settings)."""
    import psutil
    import torch

    cpu = "unknown"
    with open("/proc/cpuinfo", encoding="utf-8") as fh:
        cpu = next((line.split(":", 1)[1].strip() for line in fh if line.startswith("model name")), cpu)
    parts = [f"{os.cpu_count()} cores ({cpu})", f"torch {torch.__version__} with {torch.get_num_threads()} threads",
             *extra, f"{psutil.virtual_memory().total / 2**30:.0f} GiB RAM", f"Python {platform.python_version()}"]
    return ", ".join(parts)


def cpu_counters() -> tuple[float, float, float]:
    """(busy CPU-seconds of the whole machine, CPU-seconds of this process and its children, wall clock)."""
    with open("/proc/stat", encoding="utf-8") as fh:
        ticks = [int(x) for x in fh.readline().split()[1:8]]  # user nice system idle iowait irq softirq
    busy = (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")
    t = os.times()
    return busy, t.user + t.system + t.children_user + t.children_system, time.monotonic()


def peak_rss_mib() -> float:
    """This process's peak resident memory (VmHWM), in MiB."""
    with open("/proc/self/status", encoding="utf-8") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:")) / 1024


def write_section(heading: str, section: str, path: Path = BENCHMARKS_MD) -> None:
    """Replace the section that starts with `heading` (up to the next "## " heading), or append it."""
    if path.exists():
        text = path.read_text(encoding="utf-8")
    else:
        text = ("# Benchmarks\n\nNumbers here are measured by the scripts in bench/ on the machine described in each "
                "section, never hand-edited.\n\n")
    start = text.find(heading)
    if start == -1:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        end = text.find("\n## ", start + len(heading))
        text = text[:start] + section + ("" if end == -1 else "\n" + text[end + 1:])
    path.write_text(text, encoding="utf-8")


def corpora_workspace(work: Path) -> Path:
    """A workspace with corpora/ ingested once into `work`/.qa, extractors only (no LLM), for benchmarks that need a
    dataset but not the time LLM question writing takes."""
    import subprocess
    import sys

    from qacore.workspace import Workspace

    ws = work / ".qa"
    if Workspace(ws).current_dataset() is None:
        work.mkdir(parents=True, exist_ok=True)
        toml = work / "qa.toml"
        toml.write_text('[dataset]\ngenerator = "none"\n', encoding="utf-8")
        print(f"bench: ingesting corpora/ into {ws} (about a minute)", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "cli", "--config", str(toml), "ingest", str(ROOT / "corpora"),
                        "--workspace", str(ws)], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return ws
