#!/usr/bin/env bash
# The whole loop on corpora/ with the embedded default models: ingest -> finetune -> ask -> eval.
# Run through `make demo`. Timings on a 2-core CPU are in BENCHMARKS.md; every step prints its own progress.
set -euo pipefail
cd "$(dirname "$0")/.."
QA=.venv/bin/qa
export QA_CONFIG="${QA_CONFIG:-scripts/demo.toml}"  # fewer LLM paraphrases (see the file)
started=$SECONDS

echo "== qa ingest corpora/   (index + Q&A dataset; the embedded SmolLM2 paraphrases eval questions, cached; $QA_CONFIG)" >&2
$QA ingest corpora/

echo >&2
# 2 epochs, at most 5 minutes of training steps: on the faster CPU kind here 2 epochs took 6.9 min, on the slower
# one 11.5 min (the demo then took 27.5 min); --max-minutes re-plans the run to the steps that fit, so the demo
# ends in about the same time on either. `qa finetune` alone defaults to 3 epochs and no time budget, which
# recalls more of the training facts (README, "qa finetune").
echo "== qa finetune --epochs 2 --max-minutes 5   (LoRA on the train split -> .qa/models/tuned)" >&2
$QA finetune ${QA_DEMO_FINETUNE_ARGS:---epochs 2 --max-minutes 5}

question="How much annual leave do I get?"   # a train question: its answer is "UK employees get 27 days ..."
for flags in "--model base --no-rag" "--model tuned --no-rag" "--model tuned --rag"; do
  echo >&2
  echo "== qa ask \"$question\" $flags" >&2
  $QA ask "$question" $flags
done

echo >&2
echo "== qa eval --report html   (base vs tuned, closed-book vs RAG, on eval + unanswerable questions)" >&2
set +e
# 20 questions and 3 passages per +rag question: each +rag answer costs about 3 s here (measured), most of it
# reading the prompt; 5 passages would nearly double that
$QA eval --report html,json,md --limit "${QA_DEMO_EVAL_LIMIT:-20}" -k 3 --run-name demo
status=$?
set -e

# Eval questions test generalisation; this checks memorisation: did fine-tuning put the corpus' facts into the
# model? 12 train questions, closed-book, base vs tuned (the HF export is a valid --questions file).
echo >&2
echo "== qa eval on 12 train questions, closed-book: base vs tuned" >&2
$QA export --format hf --split train -o .qa/exports/train-questions >/dev/null
$QA eval --variant base --variant tuned --questions .qa/exports/train-questions/train.jsonl --limit 12 \
  --report md,json --run-name demo-train-recall || true

echo >&2
echo "demo finished in $((SECONDS - started)) s; report: .qa/runs/demo/report.html (eval exit code $status)" >&2
