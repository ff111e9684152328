"""Prometheus metrics for `qa serve` (GET /metrics), with prometheus-client.

One registry per app (not the library's global one), so two servers in one process (the tests) do not share
counters. Labels carry no question or document text: route, status, variant and guard action only.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

# answers take ~0.1 s (a guarded refusal) to tens of seconds (a full batch on 2 CPU cores)
LATENCY_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60, 120, 300)


class ServeMetrics:
    def __init__(self, queue_depth):
        self.registry = CollectorRegistry()
        self.requests = Counter("qa_requests", "HTTP requests by route and status code", ["route", "status"],
                                registry=self.registry)
        self.latency = Histogram("qa_request_seconds", "Request latency by route (streamed: until the last byte)",
                                 ["route"], buckets=LATENCY_BUCKETS, registry=self.registry)
        self.answers = Counter("qa_answers", "Answers by variant and how they were decided (generated, quote, "
                                             "refuse)", ["variant", "action"], registry=self.registry)
        self.refusals = Counter("qa_refusals", "Answers that refused (the documents do not say)", ["variant"],
                                registry=self.registry)
        self.tokens = Counter("qa_generated_tokens", "Tokens the generator produced", ["variant"],
                              registry=self.registry)
        self.batch_size = Histogram("qa_batch_questions", "Questions answered together in one batch",
                                    buckets=(1, 2, 4, 8, 16, 32, 64), registry=self.registry)
        self.queue = Gauge("qa_queue_depth", "Questions waiting for the model", registry=self.registry)
        self.queue.set_function(queue_depth)
        self.rejected = Counter("qa_rejected", "Requests refused before answering: queue_full, timeout",
                                ["reason"], registry=self.registry)
        self.feedback = Counter("qa_feedback", "Feedback received by rating", ["rating"], registry=self.registry)

    def record_batch(self, jobs, results) -> None:
        self.batch_size.observe(len(jobs))
        for result in results:
            action = (result.guard or {}).get("action") or ("refuse" if result.refused else "generated")
            self.answers.labels(result.variant, "generated" if action == "pass" else action).inc()
            if result.refused:
                self.refusals.labels(result.variant).inc()
            self.tokens.labels(result.variant).inc(result.new_tokens)

    def render(self) -> bytes:
        return generate_latest(self.registry)
