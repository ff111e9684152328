#!/usr/bin/env bash
# The whole pipeline on corpora/ with the embedded default models. Run through `make demo`.
set -euo pipefail
cd "$(dirname "$0")/.."
QA=.venv/bin/qa

echo "== qa ingest corpora/" >&2
$QA ingest corpora/

for question in "How do I connect to the VPN from a hotel?" \
                "How many days of annual leave do UK employees get?" \
                "What is the receipt threshold for expenses?"; do
  echo >&2
  echo "== qa search \"$question\" -k 3" >&2
  $QA search "$question" -k 3
done
