"""`qa serve`: the assistant as a service (OpenAI-compatible API, chat page, feedback, metrics). docs/serve.md.

    serve/run.py       the entry point: checks the bind address and key, starts the engine and uvicorn
    serve/engine.py    one loaded model per variant, a bounded queue, one worker answering in batches, hot reload
    serve/app.py       the HTTP routes (FastAPI), auth, body limit, CORS
    serve/protocol.py  the OpenAI wire format
    serve/feedback.py  feedback lines and `qa feedback export`
    serve/metrics.py   Prometheus metrics
"""
