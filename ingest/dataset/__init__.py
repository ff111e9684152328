"""Synthetic Q&A pairs from the ingested chunks: extractors (no LLM), quality gates, leakage-safe splits."""
