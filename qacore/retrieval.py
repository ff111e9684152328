"""Search a published index snapshot: dense (FAISS), BM25 (bm25s), or hybrid (reciprocal-rank fusion).

Hybrid is the default because it measured best on policyqa-dev (see BENCHMARKS.md), with BM25's ranking
weighted 0.3 against dense 1.0: equal weights were no better than dense alone there, because BM25 by itself is
much weaker on paraphrased questions, but as a tie-breaker it catches exact terms (product names, error codes,
policy numbers) that a 22M-parameter embedder blurs. RRF needs no score calibration, only ranks.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from qacore.config import RetrievalConfig
from qacore.embedder import Embedder
from qacore.errors import WorkspaceError
from qacore.store import BM25_DIR, Chunk, Snapshot


@dataclass
class Hit:
    chunk: Chunk
    score: float  # fused score in hybrid mode, cosine in dense mode, BM25 score in bm25 mode
    rank: int  # 1-based
    ranks: dict[str, int] = field(default_factory=dict)  # rank per retriever that found it

    def to_json(self) -> dict:
        return {"rank": self.rank, "score": round(float(self.score), 6), "ranks": self.ranks, **self.chunk.to_json()}


def reciprocal_rank_fusion(
    rankings: dict[str, list[int]], rrf_k: int = 60, weights: dict[str, float] | None = None
) -> list[tuple[int, float, dict[str, int]]]:
    """Fuse ranked id lists: score(id) = sum over lists of weight / (rrf_k + rank). Ties keep first-list order."""
    scores: dict[int, float] = {}
    ranks: dict[int, dict[str, int]] = {}
    for name, ids in rankings.items():
        weight = (weights or {}).get(name, 1.0)
        for rank, chunk_id in enumerate(ids, start=1):
            scores[chunk_id] = scores.get(chunk_id, 0.0) + weight / (rrf_k + rank)
            ranks.setdefault(chunk_id, {})[name] = rank
    fused = sorted(scores.items(), key=lambda kv: -kv[1])
    return [(cid, score, ranks[cid]) for cid, score in fused]


class Retriever:
    """Loads the snapshot once; each `search` embeds the query and looks it up."""

    def __init__(self, snapshot: Snapshot, config: RetrievalConfig, embedder: Embedder | None = None):
        self.snapshot = snapshot
        self.config = config
        ident = snapshot.manifest["embedding"]
        self.embedder = embedder or Embedder.shared(ident["spec"], dtype=ident["dtype"])
        if self.embedder.identity["model_hash"] != ident["model_hash"]:
            raise WorkspaceError(
                f"the index was built with embedding model {ident['model_id']} ({ident['model_hash'][:12]}), "
                f"but {self.embedder.identity['model_id']} is loaded; re-run `qa ingest`"
            )
        index = snapshot.index
        if hasattr(index, "index") and hasattr(index.index, "hnsw"):
            index.index.hnsw.efSearch = config.hnsw_ef_search
        self._bm25 = None
        self._bm25_ids: list[int] = []
        # Open everything now: a concurrent `qa ingest` deletes this snapshot's folder once it publishes a new one,
        # and open files (the SQLite db) or loaded ones (FAISS, BM25) outlive that; a lazy open would then fail.
        _ = snapshot.db
        self._load_bm25()

    def _load_bm25(self):
        if self._bm25 is None:
            import bm25s

            folder = self.snapshot.path / BM25_DIR
            self._bm25_ids = json.loads((folder / "chunk_ids.json").read_text(encoding="utf-8"))
            self._bm25 = bm25s.BM25.load(str(folder)) if self._bm25_ids else bm25s.BM25()
        return self._bm25

    def vocabulary(self) -> set[str]:
        """Every token of the index (BM25's vocabulary: lowercased words of the chunks, stopwords removed)."""
        return set(getattr(self._bm25, "vocab_dict", None) or {})

    def dense_ids(self, query: str, n: int) -> list[tuple[int, float]]:
        n = min(n, self.snapshot.index.ntotal)
        if n == 0:
            return []
        vector = self.embedder.embed_query(query)[None, :]
        scores, ids = self.snapshot.index.search(vector, n)
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i != -1]

    def bm25_ids(self, query: str, n: int) -> list[tuple[int, float]]:
        import bm25s

        retriever = self._load_bm25()
        n = min(n, len(self._bm25_ids))
        if n == 0:
            return []
        tokens = bm25s.tokenize([query], stopwords="en", return_ids=False, show_progress=False)
        docs, scores = retriever.retrieve(tokens, k=n, show_progress=False, n_threads=1)
        return [(self._bm25_ids[int(d)], float(s)) for d, s in zip(docs[0], scores[0], strict=True) if s > 0]

    def search_ids_many(self, queries: list[str], k: int | None = None) -> list[list[int]]:
        """Chunk ids of the top k for many queries at once, ranked as `search` ranks them (in the configured mode).
        One batched embedding and FAISS call instead of one per query: the dataset's round-trip check asks this
        for thousands of generated questions (18F: ~25x faster than calling `search` in a loop)."""
        import bm25s

        k = k or self.config.k
        if not queries:
            return []
        n = min(max(k, self.config.candidates), self.snapshot.index.ntotal)
        dense: list[list[int]] = [[] for _ in queries]
        if n and self.config.mode in {"dense", "hybrid"}:
            _, ids = self.snapshot.index.search(self.embedder.embed(queries), n)
            dense = [[int(i) for i in row if i != -1] for row in ids]
        sparse: list[list[int]] = [[] for _ in queries]
        n_bm25 = min(n, len(self._bm25_ids))
        if n_bm25 and self.config.mode in {"bm25", "hybrid"}:
            tokens = bm25s.tokenize(queries, stopwords="en", return_ids=False, show_progress=False)
            docs, scores = self._load_bm25().retrieve(tokens, k=n_bm25, show_progress=False, n_threads=1)
            sparse = [[self._bm25_ids[int(d)] for d, s in zip(drow, srow, strict=True) if s > 0]
                      for drow, srow in zip(docs, scores, strict=True)]
        if self.config.mode == "dense":
            return [row[:k] for row in dense]
        if self.config.mode == "bm25":
            return [row[:k] for row in sparse]
        weights = {"dense": 1.0, "bm25": self.config.bm25_weight}
        return [[cid for cid, _, _ in reciprocal_rank_fusion({"dense": d, "bm25": b}, self.config.rrf_k, weights)[:k]]
                for d, b in zip(dense, sparse, strict=True)]

    def search(self, query: str, k: int | None = None, mode: str | None = None) -> list[Hit]:
        k = k or self.config.k
        mode = mode or self.config.mode
        if mode == "dense":
            found = self.dense_ids(query, k)
            scored = [(cid, score, {"dense": r}) for r, (cid, score) in enumerate(found, start=1)]
        elif mode == "bm25":
            found = self.bm25_ids(query, k)
            scored = [(cid, score, {"bm25": r}) for r, (cid, score) in enumerate(found, start=1)]
        elif mode == "hybrid":
            n = max(k, self.config.candidates)
            rankings = {
                "dense": [cid for cid, _ in self.dense_ids(query, n)],
                "bm25": [cid for cid, _ in self.bm25_ids(query, n)],
            }
            weights = {"dense": 1.0, "bm25": self.config.bm25_weight}
            scored = reciprocal_rank_fusion(rankings, self.config.rrf_k, weights)[:k]
        else:
            raise ValueError(f"unknown retrieval mode {mode!r}")
        chunks = self.snapshot.chunks_by_ids([cid for cid, _, _ in scored])
        by_id = {c.id: c for c in chunks}
        return [Hit(by_id[cid], score, rank, ranks) for rank, (cid, score, ranks) in enumerate(scored, start=1)
                if cid in by_id]
