"""A cache of LLM generations in SQLite, keyed by everything that determines the output.

key = sha256(generator identity (model + adapter content hashes, backend), the exact chat messages, the token
budget). Prompt templates carry their version inside the messages, and chunk text is in the messages too, so
"chunk hash + generator + prompt version" is covered without listing them separately. Decoding is greedy, so a
cached answer is the answer the model would give again. Used by the dataset generator and by `qa eval`.

SQLite gives atomic, crash-safe writes for free (a killed run keeps every finished row and loses none).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path

from qacore.generation import Generation, Generator, Messages
from qacore.workspace import sha256_text


def cache_key(identity: dict, messages: Messages, max_new_tokens: int) -> str:
    payload = json.dumps({"generator": identity, "messages": messages, "max_new_tokens": max_new_tokens},
                         sort_keys=True, ensure_ascii=False)
    return sha256_text(payload)


class GenerationCache:
    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("CREATE TABLE IF NOT EXISTS generations (key TEXT PRIMARY KEY, text TEXT NOT NULL, "
                        "prompt_tokens INTEGER, new_tokens INTEGER, seconds REAL)")

    def get(self, keys: Sequence[str]) -> dict[str, Generation]:
        found = {}
        for i in range(0, len(keys), 500):
            part = list(keys[i:i + 500])
            rows = self.db.execute(f"SELECT key, text, prompt_tokens, new_tokens, seconds FROM generations "
                                   f"WHERE key IN ({','.join('?' * len(part))})", part)
            found.update({k: Generation(t, p, n, s) for k, t, p, n, s in rows})
        return found

    def put(self, items: dict[str, Generation]) -> None:
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO generations VALUES (?, ?, ?, ?, ?)",
                                [(k, g.text, g.prompt_tokens, g.new_tokens, g.seconds) for k, g in items.items()])

    def close(self) -> None:
        self.db.close()


def cached_generate(generator: Generator, conversations: Sequence[Messages], cache: GenerationCache | None,
                    max_new_tokens: int, progress: Callable[[int], None] | None = None,
                    chunk_size: int = 64) -> tuple[list[Generation], int]:
    """Generate what the cache lacks, in chunks that are saved as they finish (a killed run resumes where it
    stopped). Returns (generations in input order, number of cache hits)."""
    keys = [cache_key(generator.identity, m, max_new_tokens) for m in conversations]
    have = cache.get(keys) if cache is not None else {}
    if progress is not None and have:
        progress(sum(k in have for k in keys))
    missing = list(dict.fromkeys(i for i, k in enumerate(keys) if k not in have))
    todo: dict[str, int] = {}
    for i in missing:
        todo.setdefault(keys[i], i)  # identical prompts are generated once
    pending = list(todo.values())
    for start in range(0, len(pending), chunk_size):
        rows = pending[start:start + chunk_size]
        made = generator.generate([conversations[i] for i in rows], max_new_tokens=max_new_tokens, progress=progress)
        fresh = {keys[i]: g for i, g in zip(rows, made, strict=True)}
        if cache is not None:
            cache.put(fresh)
        have.update(fresh)
    hits = len(keys) - len(missing)
    return [have[k] for k in keys], hits
