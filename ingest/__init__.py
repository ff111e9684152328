"""`qa ingest`: documents -> clean, redacted, structure-aware chunks -> FAISS + SQLite + BM25 snapshot.

Read in this order: `discover` (which files), `loaders` (bytes -> text + headings, with every bad-input
check), `redact` (secrets and personal data out), `chunking` (token-bounded, heading-aware spans), and
`pipeline` (plan -> compute -> publish, incremental and crash-safe).
"""
