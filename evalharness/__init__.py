"""`qa eval`: base vs tuned, closed-book and RAG: correctness, hallucination, abstention. Not built yet: see the eval issue."""
