# Task runner. `make demo` and `make test` are the README's two commands; CI runs `make test`.
VENV ?= .venv
BIN := $(VENV)/bin
export QA_WORKSPACE ?= .qa

.PHONY: setup demo test lint format bench clean

setup:
	@bash scripts/setup.sh

demo: setup
	@bash scripts/demo.sh

# The code is written dense (lines up to ~120 columns, literals kept on few lines); `ruff format` would explode
# it black-style (about 5,000 changed lines), so lint is `ruff check` only and `format` applies its safe fixes.
lint: setup
	$(BIN)/ruff check .

format: setup
	$(BIN)/ruff check --fix .

test: setup
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

bench: setup
	$(BIN)/python bench/bench_ingest.py
	$(BIN)/python bench/bench_finetune.py
	$(BIN)/python bench/bench_eval.py
	$(BIN)/python bench/bench_gemm.py

clean:
	rm -rf .qa .pytest_cache .ruff_cache
