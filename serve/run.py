"""Start `qa serve`: check that the address is safe to bind, load the default variant, run uvicorn.

Loopback by default. Any other address (0.0.0.0, a LAN address, a hostname) needs an API key, because the
assistant answers from internal documents: a server that anyone on the network can query without a key is a leak.
"""

from __future__ import annotations

import ipaddress
import logging
import sys

from qacore.config import QAConfig
from qacore.errors import QAError
from qacore.workspace import Workspace


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a hostname: it may resolve to anything


def check_bind(host: str, api_key: str | None) -> None:
    if not is_loopback(host) and not api_key:
        raise QAError(f"refusing to serve on {host!r} without an API key: anyone who can reach it could read the "
                      f"documents through it. Pass --api-key (or set QA_API_KEY), or bind 127.0.0.1")
    if api_key is not None and len(api_key) < 16:
        raise QAError("the API key is shorter than 16 characters; use a long random one (e.g. `openssl rand -hex 24`)")


def serve(workspace: Workspace, config: QAConfig, *, api_key: str | None = None, base_url: str | None = None
          ) -> None:
    settings = config.serve
    check_bind(settings.host, api_key)
    import uvicorn

    from serve.app import create_app
    from serve.engine import Engine

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s qa serve: %(message)s"))
    logging.getLogger("qa.serve").addHandler(handler)
    logging.getLogger("qa.serve").setLevel(logging.INFO)
    print(f"qa serve: loading {settings.variant} ...", file=sys.stderr)
    engine = Engine(workspace, config, base_url=base_url).start()
    app = create_app(engine, api_key=api_key)
    print(f"qa serve: http://{settings.host}:{settings.port}/ (chat page), OpenAI base URL "
          f"http://{settings.host}:{settings.port}/v1, model {settings.variant!r} (or 'qa')"
          + ("; API key required" if api_key else ""), file=sys.stderr)
    try:
        uvicorn.run(app, host=settings.host, port=settings.port, log_level="info", access_log=True,
                    timeout_graceful_shutdown=5)
    finally:
        engine.stop()
