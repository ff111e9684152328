"""`qa serve` under load: 1, 4 and 16 concurrent clients against the embedded model, side by side with the same
questions sent one at a time, on a real handbook nobody here wrote (the 18F handbook, bench/data/18f-gold.jsonl's
40 questions).

The server is started the way a user starts it (`qa serve` in its own process, default variant base+rag+guard);
clients are threads posting OpenAI chat completions with httpx. Each run sends every question once (the 40
questions `--repeat` times); answers/s = answers / wall seconds from the first request to the last answer;
latency per request includes waiting in the queue. "One at a time" is the sequential run (1 client), the way a
script loops over questions. The answers of every concurrent run are compared with the sequential ones: batched
greedy decoding should give the same text.

    .venv/bin/python bench/bench_serve.py                      # ingests the 18F handbook once (~5 min)
    .venv/bin/python bench/bench_serve.py --workspace DIR      # an existing 18F workspace
    .venv/bin/python bench/bench_serve.py --no-write           # print only
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, cpu_counters, machine, write_section  # noqa: E402

DOCS = ROOT.parent / "shared" / "datasets" / "18f-handbook" / "pages"
GOLD = ROOT / "bench" / "data" / "18f-gold.jsonl"
WORK = ROOT / "bench" / ".work" / "serve"
HEADING = "## Serving (bench/bench_serve.py)"
CLIENTS = (1, 4, 16)


def ensure_workspace() -> Path:
    ws, toml = WORK / ".qa", WORK / "qa.toml"
    WORK.mkdir(parents=True, exist_ok=True)
    toml.write_text('[dataset]\ngenerator = "none"\n', encoding="utf-8")
    print("bench: qa ingest of the 18F handbook (incremental)", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "cli", "--config", str(toml), "ingest", str(DOCS), "--workspace", str(ws)],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return ws


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(ws: Path, port: int) -> subprocess.Popen:
    import httpx

    server = subprocess.Popen([sys.executable, "-m", "cli", "serve", "--workspace", str(ws), "--port", str(port)],
                              cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 600  # the first start calibrates the guard on the workspace's dataset
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"qa serve exited: {server.stderr.read()[-2000:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.5)
    server.kill()
    raise SystemExit("qa serve did not become healthy in 10 minutes")


def run_load(url: str, questions: list[str], clients: int) -> dict:
    """Every question once, `clients` at a time; latencies, answers and failures."""
    import httpx

    todo = list(enumerate(questions))
    lock = threading.Lock()
    latencies, answers, failures = [], {}, []

    def client():
        with httpx.Client(timeout=600) as http:
            while True:
                with lock:
                    if not todo:
                        return
                    i, question = todo.pop(0)
                began = time.perf_counter()
                reply = http.post(url + "/v1/chat/completions", json={
                    "model": "qa", "messages": [{"role": "user", "content": question}]})
                took = time.perf_counter() - began
                with lock:
                    if reply.status_code == 200:
                        latencies.append(took)
                        answers[i] = reply.json()["choices"][0]["message"]["content"]
                    else:
                        failures.append(reply.status_code)

    busy0, _, wall0 = cpu_counters()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    busy1, _, wall1 = cpu_counters()
    latencies.sort()
    wall = wall1 - wall0
    return {"clients": clients, "answers": len(answers), "failures": failures, "wall_s": wall,
            "answers_per_s": len(answers) / wall, "p50_s": statistics.median(latencies),
            "p95_s": latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))],
            "cpu_busy_core_s": busy1 - busy0, "texts": answers}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workspace", type=Path, help="an existing workspace with the 18F handbook ingested")
    parser.add_argument("--repeat", type=int, default=1, help="send the 40 questions this many times per run")
    parser.add_argument("--no-write", action="store_true", help="print the section, do not write BENCHMARKS.md")
    args = parser.parse_args()
    ws = args.workspace or ensure_workspace()
    questions = [json.loads(line)["question"] for line in GOLD.read_text(encoding="utf-8").splitlines()]
    questions = questions * args.repeat
    port = free_port()
    print(f"bench: qa serve on port {port} (loading the model; the first start calibrates the guard)",
          file=sys.stderr)
    server = start_server(ws, port)
    url = f"http://127.0.0.1:{port}"
    try:
        import httpx

        httpx.post(url + "/v1/chat/completions", timeout=600, json={  # warm-up: first-call costs out of the runs
            "model": "qa", "messages": [{"role": "user", "content": "How do I request leave?"}]})
        runs = []
        for clients in CLIENTS:
            print(f"bench: {len(questions)} questions, {clients} client(s) at a time", file=sys.stderr)
            before = batch_counts(url)
            runs.append(run_load(url, questions, clients))
            after = batch_counts(url)
            r = runs[-1]
            r["batches"] = after[0] - before[0]
            r["per_batch"] = (after[1] - before[1]) / r["batches"] if r["batches"] else 0.0
            print(f"bench:   {r['answers_per_s']:.2f} answers/s, p50 {r['p50_s']:.2f} s, p95 {r['p95_s']:.2f} s, "
                  f"{len(r['failures'])} failed", file=sys.stderr)
    finally:
        server.terminate()
        server.wait(30)
    section = render(runs, questions)
    print(section)
    if not args.no_write:
        write_section(HEADING, section)


def batch_counts(url: str) -> tuple[float, float]:
    """(batches, questions in them) so far, from the server's /metrics (qa_batch_questions)."""
    import httpx

    lines = httpx.get(url + "/metrics", timeout=10).text.splitlines()
    count = next((float(x.split()[-1]) for x in lines if x.startswith("qa_batch_questions_count")), 0.0)
    total = next((float(x.split()[-1]) for x in lines if x.startswith("qa_batch_questions_sum")), 0.0)
    return count, total


def render(runs: list[dict], questions: list[str]) -> str:
    sequential = runs[0]
    rows = []
    for r in runs:
        same = sum(r["texts"].get(i) == sequential["texts"].get(i) for i in range(len(questions)))
        label = "1 (one at a time)" if r["clients"] == 1 else str(r["clients"])
        rows.append(f"| {label} | {r['answers']} / {len(questions)} | {len(r['failures'])} | {r['answers_per_s']:.2f} | "
                    f"{r['answers_per_s'] / sequential['answers_per_s']:.2f}x | {r['p50_s']:.2f} s | {r['p95_s']:.2f} s"
                    f" | {r['per_batch']:.1f} | {same} / {len(questions)} | {r['cpu_busy_core_s']:.0f} core-s in "
                    f"{r['wall_s']:.0f} s |")
    top = runs[-1]
    target = top["answers_per_s"] / sequential["answers_per_s"]
    return "\n".join([
        HEADING, "",
        f"Measured {time.strftime('%Y-%m-%d')} on {machine()}. `qa serve` in its own process, default variant "
        f"base+rag+guard (embedded SmolLM2-135M + MiniLM), workspace: the 18F handbook (../shared/datasets/"
        f"18f-handbook), questions: bench/data/18f-gold.jsonl ({len(questions)} requests per run: 30 answerable, 10 "
        "unanswerable; guarded refusals skip generation). Clients are threads posting non-streamed chat "
        "completions; latency includes queueing. CPU column: all processes on the machine during the run (the "
        "server uses both cores).", "",
        "| concurrent clients | answered | failed | answers/s | vs one at a time | p50 latency | p95 latency | "
        "questions per batch | same answer as one at a time | machine CPU |",
        "|---|---|---|---|---|---|---|---|---|---|",
        *rows, "",
        "Questions per batch: from qa_batch_questions in the server's /metrics, read before and after each run.", "",
        f"Target: at 16 clients at least 3x the answers/s of one at a time: **{'met' if target >= 3 else 'missed'}** "
        f"({target:.2f}x).", "",
        "Reproduce: `.venv/bin/python bench/bench_serve.py` (ingests the 18F handbook into bench/.work/serve once, "
        "about 5 minutes; `--workspace DIR` reuses one); `--no-write` only prints.", ""])


if __name__ == "__main__":
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    main()
