"""The HTTP side of `qa serve`: an OpenAI-compatible API, a chat page, feedback, health and metrics (FastAPI).

    GET  /                     the chat page (serve/static/chat.html, self-contained, strict CSP)
    GET  /v1/models            the variants this workspace can answer with
    POST /v1/chat/completions  OpenAI chat completions, plain or streamed (SSE); `model` picks the variant
    POST /v1/feedback          thumbs up/down and an optional correction (serve/feedback.py)
    GET  /healthz              liveness: the engine's worker runs, and what it serves
    GET  /metrics              Prometheus text format (serve/metrics.py)

Safe by default (what a help desk needs before anyone else can reach it): with an API key (--api-key or
$QA_API_KEY) every /v1 route and /metrics need `Authorization: Bearer KEY`, compared in constant time; `qa serve`
refuses to bind a non-loopback address without one (serve/run.py). Bodies over `serve.max_request_bytes` get 413
before they are read; CORS is off unless origins are configured; the access log has paths and status codes, never
questions or answers, unless `serve.log_content`.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import logging
import re
import time
from importlib import resources

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from pydantic import ValidationError

from serve import protocol
from serve.engine import Engine, QueueFull, UnknownVariant
from serve.feedback import Feedback, append_feedback
from serve.metrics import ServeMetrics

log = logging.getLogger("qa.serve")
RETRY_AFTER_S = 2


def _error(status: int, message: str, kind: str, headers: dict | None = None) -> JSONResponse:
    return JSONResponse(protocol.error_body(message, kind), status_code=status, headers=headers)


def _limit_body(app, max_bytes: int):
    """ASGI middleware: 413 for a body over max_bytes, by its Content-Length or (chunked) as it arrives. A chunked
    body is cut off at the limit and whatever the app answers to the cut body is replaced by the 413."""

    async def middleware(scope, receive, send):
        if scope["type"] != "http":
            return await app(scope, receive, send)
        length = dict(scope.get("headers") or []).get(b"content-length")
        too_large = _error(413, f"request body over {max_bytes} bytes", "request_too_large")
        if length is not None and (not length.isdigit() or int(length) > max_bytes):
            return await too_large(scope, receive, send)
        seen, over, replaced = 0, False, False

        async def counted():
            nonlocal seen, over
            if over:
                return {"type": "http.disconnect"}
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > max_bytes:
                over = True
                return {"type": "http.request", "body": b"", "more_body": False}
            return message

        async def replacing(message):
            nonlocal replaced
            if not over:
                return await send(message)
            if not replaced:
                replaced = True
                await too_large(scope, receive, send)

        return await app(scope, counted, replacing)

    return middleware


def _page() -> tuple[str, str]:
    """The chat page and its Content-Security-Policy: only the page's own inline script and style may run."""
    html = resources.files("serve").joinpath("static/chat.html").read_text(encoding="utf-8")

    def digest(tag: str) -> str:
        body = re.search(rf"<{tag}>(.*?)</{tag}>", html, re.S).group(1)
        return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"

    csp = (f"default-src 'none'; script-src {digest('script')}; style-src {digest('style')}; connect-src 'self'; "
           "img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
    return html, csp


def create_app(engine: Engine, *, api_key: str | None = None):
    """The ASGI app to run: the FastAPI routes inside the body-size limit (and CORS, when configured)."""
    settings = engine.settings
    metrics = ServeMetrics(lambda: engine.queue_depth)
    engine.on_batch = metrics.record_batch
    app = FastAPI(title="qa serve", docs_url=None, redoc_url=None, openapi_url=None)
    page, csp = _page()
    expected = api_key.encode() if api_key else None

    @app.middleware("http")
    async def guard(request: Request, call_next):
        route = request.url.path if request.url.path in _ROUTES else "other"
        began = time.perf_counter()
        if expected is not None and (route.startswith("/v1/") or route == "/metrics"):
            given = request.headers.get("authorization", "")
            token = given[7:].encode() if given.lower().startswith("bearer ") else b""
            if not hmac.compare_digest(token, expected):
                metrics.requests.labels(route, "401").inc()
                return _error(401, "missing or wrong API key: send Authorization: Bearer KEY", "unauthorized",
                              {"WWW-Authenticate": "Bearer"})
        response = await call_next(request)
        metrics.requests.labels(route, str(response.status_code)).inc()
        if not response.headers.get("content-type", "").startswith("text/event-stream"):  # streams: at their end
            metrics.latency.labels(route).observe(time.perf_counter() - began)
        return response

    @app.get("/", response_class=HTMLResponse)
    async def chat_page():
        return HTMLResponse(page, headers={"Content-Security-Policy": csp, "X-Content-Type-Options": "nosniff",
                                           "Referrer-Policy": "no-referrer", "Cache-Control": "no-store"})

    @app.get("/healthz")
    async def healthz():
        alive = engine.alive
        body = {"status": "ok" if alive else "stopped", "variant": engine.default_variant,
                "queue_depth": engine.queue_depth, "reloads": engine.reloads}
        return JSONResponse(body, status_code=200 if alive else 503)

    @app.get("/metrics")
    async def prometheus():
        return Response(metrics.render(), media_type="text/plain; version=0.0.4; charset=utf-8")

    @app.get("/v1/models")
    async def models():
        names = await asyncio.to_thread(engine.variants)
        return {"object": "list", "data": [{"id": name, "object": "model", "created": 0, "owned_by": "qa",
                                            "default": name == engine.default_variant} for name in names]}

    @app.post("/v1/chat/completions")
    async def chat(request: Request):
        try:
            body = protocol.ChatRequest.model_validate_json(await request.body())
            question = protocol.question_of(body)
            variant = engine.resolve(body.model)
        except (ValidationError, ValueError) as exc:
            return _error(400, str(exc)[:2000], "invalid_request_error")
        except UnknownVariant as exc:
            return _error(404, str(exc), "model_not_found")
        try:
            future = engine.submit(variant, question)
        except QueueFull as exc:
            metrics.rejected.labels("queue_full").inc()
            return _error(429, str(exc), "rate_limit_exceeded", {"Retry-After": str(RETRY_AFTER_S)})
        completion_id, began = protocol.new_id(), time.perf_counter()
        waiting = asyncio.wrap_future(future)
        if body.stream:
            return StreamingResponse(_stream(waiting, future, completion_id, variant, question, began),
                                     media_type="text/event-stream", headers={"Cache-Control": "no-store"})
        try:
            result = await asyncio.wait_for(waiting, settings.timeout_s)
        except TimeoutError:
            future.cancel()
            metrics.rejected.labels("timeout").inc()
            return _error(504, f"no answer within {settings.timeout_s:g} s", "timeout")
        except Exception as exc:  # the variant failed to load or answer: the client gets the reason
            return _error(500, f"answering failed: {exc}", "server_error")
        _log(completion_id, question, result)
        return protocol.completion(result, completion_id)

    async def _stream(waiting, future, completion_id: str, variant: str, question: str, began: float):
        created = int(time.time())
        yield protocol.chunk(completion_id, variant, created, {"role": "assistant", "content": ""})
        try:
            result = await asyncio.wait_for(waiting, settings.timeout_s)
        except TimeoutError:
            future.cancel()
            metrics.rejected.labels("timeout").inc()
            yield protocol.sse(protocol.error_body(f"no answer within {settings.timeout_s:g} s", "timeout"))
            return
        except Exception as exc:
            yield protocol.sse(protocol.error_body(f"answering failed: {exc}", "server_error"))
            return
        for piece in protocol.stream_pieces(protocol.answer_text(result)):
            yield protocol.chunk(completion_id, result.variant, created, {"content": piece})
        yield protocol.chunk(completion_id, result.variant, created, {}, "stop", **protocol.extras(result))
        yield protocol.sse("[DONE]")
        metrics.latency.labels("/v1/chat/completions").observe(time.perf_counter() - began)
        _log(completion_id, question, result)

    def _log(completion_id: str, question: str, result) -> None:
        action = (result.guard or {}).get("action", "refuse" if result.refused else "generated")
        content = f" question={question!r} answer={result.answer!r}" if settings.log_content else ""
        log.info("%s variant=%s action=%s latency=%.2fs tokens=%d%s", completion_id, result.variant, action,
                 result.latency_s, result.new_tokens, content)

    @app.post("/v1/feedback")
    async def feedback(request: Request):
        try:
            item = Feedback.model_validate_json(await request.body())
            path = await asyncio.to_thread(append_feedback, engine.workspace, item)
        except (ValidationError, ValueError) as exc:
            return _error(400, str(exc)[:2000], "invalid_request_error")
        metrics.feedback.labels(item.rating).inc()
        return {"ok": True, "file": path.name}

    wrapped = _limit_body(app, settings.max_request_bytes)
    if settings.cors_origins:
        from starlette.middleware.cors import CORSMiddleware

        wrapped = CORSMiddleware(wrapped, allow_origins=settings.cors_origins, allow_methods=["GET", "POST"],
                                 allow_headers=["authorization", "content-type"])
    return wrapped


_ROUTES = {"/", "/healthz", "/metrics", "/v1/models", "/v1/chat/completions", "/v1/feedback"}
