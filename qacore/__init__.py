"""Shared foundation of `qa`: what every stage uses.

- `config`     typed configuration (qa.toml + flags), one place for defaults
- `workspace`  workspace paths, atomic writes, locks, manifests
- `models`     resolving the embedded default models, HF ids and local paths, offline
- `embedder`   sentence embeddings (batched, length-sorted, bf16 where the CPU supports it)
- `store`      the on-disk index snapshot: FAISS vectors + SQLite chunks + BM25 + manifest
- `retrieval`  dense / BM25 / hybrid search over a published snapshot

Stages (`ingest`, `finetune`, `evalharness`) import from here and never from each other.
"""

FORMAT_VERSION = 1
