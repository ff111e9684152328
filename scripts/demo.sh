#!/usr/bin/env bash
# The whole loop on corpora/ with the embedded default models: ingest -> finetune -> ask -> eval.
# Run through `make demo`. Timings on a 2-core CPU are in BENCHMARKS.md; every step prints its own progress.
set -euo pipefail
cd "$(dirname "$0")/.."
QA=.venv/bin/qa
started=$SECONDS

echo "== qa ingest corpora/   (index + Q&A dataset; the embedded SmolLM2 writes questions, cached)" >&2
$QA ingest corpora/

echo >&2
echo "== qa finetune   (LoRA on the train split -> .qa/models/tuned)" >&2
$QA finetune ${QA_DEMO_FINETUNE_ARGS:-}

question="How much annual leave do I get?"   # a train question: its answer is "UK employees get 27 days ..."
for flags in "--model base --no-rag" "--model tuned --no-rag" "--model tuned --rag"; do
  echo >&2
  echo "== qa ask \"$question\" $flags" >&2
  $QA ask "$question" $flags
done

echo >&2
echo "== qa eval --report html   (base vs tuned, closed-book vs RAG)" >&2
set +e
$QA eval --report html,json,md --limit "${QA_DEMO_EVAL_LIMIT:-60}" --run-name demo
status=$?
set -e
echo >&2
echo "demo finished in $((SECONDS - started)) s; report: .qa/runs/demo/report.html (eval exit code $status)" >&2
