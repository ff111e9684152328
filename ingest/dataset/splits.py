"""Which pairs go to train and which to eval: whole document sections to one split, chosen by hash. Split out of
build.py, which had grown past 430 lines."""

from __future__ import annotations

import hashlib
from collections import Counter


def spread(items: list, n: int) -> list:
    """At most n items, evenly spread over the list (every k-th), in order: a deterministic subset that samples
    every part of the corpus rather than its first documents."""
    if n <= 0:
        return []
    if len(items) <= n:
        return list(items)
    return [items[i * len(items) // n] for i in range(n)]


def assign_splits(groups: list[str], eval_share: float) -> dict[str, str]:
    """Whole groups (document sections) go to one split. Groups are taken in the order of their hash, so the
    choice is deterministic and unrelated to content, until eval holds `eval_share` of the pairs; with two or more
    groups both splits are non-empty."""
    sizes = Counter(groups)
    order = sorted(sizes, key=lambda g: hashlib.sha256(g.encode()).hexdigest())
    split, in_eval, total = {}, 0, len(groups)
    for group in order:
        wants_eval = in_eval < eval_share * total and len(split) < len(order) - 1
        split[group] = "eval" if wants_eval else "train"
        in_eval += sizes[group] if wants_eval else 0
    return split
