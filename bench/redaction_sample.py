#!/usr/bin/env python3
"""Run the redactor over a folder of real documents (default: the 18F handbook), count redactions per kind,
and draw a seeded random sample of them for labelling by hand (docs/labelling.md, "Redactions").

Documents are loaded with the project's own loaders and redacted the way `qa ingest` does it: `find` per
document, then `apply` with the names learned across all documents.

    .venv/bin/python bench/redaction_sample.py                      # counts + 20 examples per kind
    .venv/bin/python bench/redaction_sample.py --baseline ac02f24   # the redactor before redact_rules.py
    .venv/bin/python bench/redaction_sample.py --draw 120 --out bench/data/new.jsonl   # sample to label
    .venv/bin/python bench/redaction_sample.py --score bench/data/redaction-sample-18f.jsonl  # precision
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT_DOCS = ROOT.parent / "shared" / "datasets" / "18f-handbook" / "pages"
ENTITIES = ["PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "US_SSN"]  # the config default
SEED = 2026


def redact_module(baseline: str | None):
    if not baseline:
        import ingest.redact as module

        return module
    source = subprocess.run(["git", "show", f"{baseline}:ingest/redact.py"], cwd=ROOT, check=True,
                            capture_output=True, text=True).stdout
    path = Path(tempfile.mkdtemp()) / "redact_baseline.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("redact_baseline", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def redactions(docs: Path, baseline: str | None = None) -> tuple[list[dict], float, int]:
    """Every redaction made on the folder: source, kind, span (the original text) and ~80 chars of context."""
    from ingest.loaders import Unusable, load_document

    module = redact_module(baseline)
    redactor = module.Redactor(ENTITIES)
    loaded = []
    for path in sorted(p for p in docs.rglob("*") if p.is_file() and p.suffix in {".md", ".txt", ".html", ".pdf"}):
        try:
            loaded.append((path, load_document(path, path.read_bytes()).text))
        except Unusable:
            continue
    t = time.perf_counter()
    findings = [redactor.find(text) for _, text in loaded]
    known = set().union(*(f.names for f in findings))
    out = []
    for (path, text), found in zip(loaded, findings, strict=True):
        result = redactor.apply(text, found, known)
        for old_start, old_end, _new_start, _new_end in result.replacements:
            kind = _kind_at(result, old_start)
            left, right = max(0, old_start - 40), min(len(text), old_end + 40)
            out.append({"source": str(path.relative_to(docs)), "kind": kind, "span": text[old_start:old_end],
                        "context": " ".join(text[left:right].split())})
    return out, time.perf_counter() - t, len(loaded)


def _kind_at(result, old_start: int) -> str:
    # apply_redactions keeps the kind only as a count; the placeholder text in the output tells it back
    for old_s, _old_e, new_s, new_e in result.replacements:
        if old_s == old_start:
            return result.text[new_s:new_e].strip("[]")
    return "?"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=Path, default=DEFAULT_DOCS)
    parser.add_argument("--baseline", help="a git revision whose ingest/redact.py stands alone (ac02f24 or older): "
                                           "use it instead of the working tree's")
    parser.add_argument("--examples", type=int, default=20, help="examples printed per kind")
    parser.add_argument("--draw", type=int, help=f"write a random sample (seed {SEED}) of this many to --out")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--score", type=Path, help="a labelled sample: print its precision and exit")
    args = parser.parse_args()

    if args.score:
        rows = [json.loads(line) for line in args.score.read_text(encoding="utf-8").splitlines() if line.strip()]
        by_kind = Counter(r["kind"] for r in rows)
        ok = Counter(r["kind"] for r in rows if r["correct"])
        print(f"precision {sum(ok.values())}/{len(rows)} = {sum(ok.values()) / len(rows):.1%}")
        for kind in sorted(by_kind):
            print(f"  {kind}: {ok[kind]}/{by_kind[kind]}")
        return

    found, seconds, n_docs = redactions(args.docs, args.baseline)
    counts = Counter(r["kind"] for r in found)
    print(f"{len(found)} redactions in {n_docs} documents, {seconds:.1f} s (find + apply): {dict(counts.most_common())}")
    rng = random.Random(SEED)
    for kind in sorted(counts):
        rows = [r for r in found if r["kind"] == kind]
        print(f"\n== {kind} ({len(rows)})")
        for r in rng.sample(rows, min(args.examples, len(rows))):
            print(f"  {r['source']}: {r['span']!r}  ...{r['context']}...")
    if args.draw:
        sample = found if len(found) <= args.draw else random.Random(SEED).sample(found, args.draw)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        with args.out.open("w", encoding="utf-8") as f:
            for r in sample:
                f.write(json.dumps({**r, "correct": None, "why": ""}, ensure_ascii=False) + "\n")
        print(f"\nwrote {len(sample)} of {len(found)} to {args.out}")


if __name__ == "__main__":
    main()
