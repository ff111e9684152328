#!/usr/bin/env python3
"""How close prefill already runs to this CPU's limit: fp32 matrix-multiply throughput at SmolLM2-135M's shapes.

The eval benchmark (bench_eval.py) puts a ceiling of 3.8x on any engine's speed-up over the naive pipeline,
because one forward pass per prompt (prefill) cannot be skipped. That ceiling holds only if prefill itself cannot
be made much cheaper. This measures the matrix multiplies prefill is made of, for a 1,173-token prompt (the
bench's average with 5 passages), three ways: torch's default (MKL), `F.linear`, and oneDNN (mkldnn) layers.
If all run near the cores' peak, no kernel choice lifts the ceiling; less compute per prompt would (a GPU,
quantization, shorter prompts).

    .venv/bin/python bench/bench_gemm.py            # rewrites its section of BENCHMARKS.md
    .venv/bin/python bench/bench_gemm.py --no-write # print only
"""

from __future__ import annotations

import argparse
import datetime
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import machine, write_section  # noqa: E402  (bench/common.py, next to this script)

HEADING = "## Prefill matrix multiplies (bench/bench_gemm.py)"
TOKENS = 1173  # bench_eval's average base+rag prompt
# (in, out) of SmolLM2-135M's linear layers: hidden 576, MLP 1536, 3 KV heads of 64
SHAPES = {"MLP up/gate": (576, 1536), "MLP down": (1536, 576), "attention q/o": (576, 576), "attention k/v": (576, 192)}
REPEATS = 20


def gflops(fn, m: int, k: int, n: int) -> float:
    fn()  # warm-up: first-call allocation and kernel selection
    began = time.perf_counter()
    for _ in range(REPEATS):
        fn()
    return 2 * m * k * n / ((time.perf_counter() - began) / REPEATS) / 1e9


def measure() -> list[tuple[str, float, float, float]]:
    import torch
    from torch.utils import mkldnn

    torch.manual_seed(0)
    rows = []
    for name, (k, n) in SHAPES.items():
        x, layer = torch.randn(TOKENS, k), torch.nn.Linear(k, n, bias=False)
        w = layer.weight.detach()
        with torch.inference_mode():
            matmul = gflops(lambda x=x, w=w: x @ w.t(), TOKENS, k, n)
            linear = gflops(lambda x=x, w=w: torch.nn.functional.linear(x, w), TOKENS, k, n)
            onednn_layer, onednn_x = mkldnn.to_mkldnn(layer), x.to_mkldnn()
            onednn = gflops(lambda f=onednn_layer, a=onednn_x: f(a), TOKENS, k, n)
        rows.append((name, matmul, linear, onednn))
    return rows


def report(rows) -> str:
    lines = [
        HEADING, "",
        f"Measured {datetime.date.today().isoformat()} on {machine()}.", "",
        f"fp32 GFLOPS of one ({TOKENS} x in) @ (in x out) multiply, mean of {REPEATS} after a warm-up.", "",
        "| layer (in -> out) | `x @ w.T` (MKL) | `F.linear` | oneDNN (mkldnn) |", "|---|---|---|---|",
    ]
    for name, matmul, linear, onednn in rows:
        k, n = SHAPES[name]
        lines.append(f"| {name} ({k} -> {n}) | {matmul:.0f} | {linear:.0f} | {onednn:.0f} |")
    lines += ["", "Reproduce: `.venv/bin/python bench/bench_gemm.py` (seconds). It rewrites this section; pass "
              "`--no-write` to only print.", ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-write", action="store_true", help="print only; do not touch BENCHMARKS.md")
    args = parser.parse_args()
    section = report(measure())
    print(section)
    if not args.no_write:
        write_section(HEADING, section)


if __name__ == "__main__":
    main()
