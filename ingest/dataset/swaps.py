"""Unanswerable questions by swapping the key entity: "... for UK employees?" -> "... for Japan employees?".

Such questions are the hard kind for a helpdesk bot: in-domain, well-formed, close to a real answer in the
index, and still not answered by it. They are only plausible if the swapped-in entity is a neighbour of the
same kind (a place for a place, a product for a product), listed in prompts/swap_entities.txt, and only
unanswerable if the corpus never mentions it — both are checked here; build.py also checks retrieval.
"""

from __future__ import annotations

import hashlib
import re
from importlib import resources


def load_swap_entities() -> dict[str, list[list[str]]]:
    """kind -> entities, each a list of its names ("UK | United Kingdom" is one entity)."""
    text = resources.files("ingest.dataset").joinpath("prompts/swap_entities.txt").read_text(encoding="utf-8")
    kinds: dict[str, list[list[str]]] = {}
    current = None
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = kinds.setdefault(line[1:-1], [])
        elif current is not None:
            current.append([name.strip() for name in line.split("|") if name.strip()])
    return kinds


def _mentions(text: str, name: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text) is not None


def entity_swaps(questions: list[str], corpus_text: str, per_question: int = 1) -> list[tuple[str, str, str]]:
    """(original, swapped question, "A -> B") for each question naming a listed entity the corpus mentions,
    swapped for a same-kind entity the corpus never mentions under any of its names. The replacement is chosen
    by a hash of the question, so runs are repeatable and different questions get different neighbours."""
    kinds = load_swap_entities()
    absent = {kind: [names[0] for names in entities if not any(_mentions(corpus_text, n) for n in names)]
              for kind, entities in kinds.items()}
    out = []
    for question in questions:
        made = 0
        for kind, entities in kinds.items():
            for name in (n for names in entities for n in names):
                if made >= per_question or not absent[kind]:
                    break
                if _mentions(question, name) and _mentions(corpus_text, name):
                    pick = int(hashlib.sha256(question.encode()).hexdigest(), 16) % len(absent[kind])
                    replacement = absent[kind][pick]
                    # "the UK" -> "Japan", not "the Japan"; "the Netherlands" keeps its article
                    article = r"(?:\bthe\s+)?" if kind == "countries" and not replacement.startswith(
                        ("Netherlands", "United")) else ""
                    swapped = re.sub(rf"{article}(?<![\w-]){re.escape(name)}(?![\w-])", replacement, question)
                    out.append((question, swapped, f"{name} -> {replacement}"))
                    made += 1
    return out
