"""`sopgen serve`: uvicorn on a socket bound here, so a port in use is said in Indonesian
and `--port 0` can pick a free one (the start-up line names the port really used)."""

from __future__ import annotations

import logging
import os
import socket
import sys
from typing import TextIO

from sopgen import messages as msg
from sopgen.web.auth import is_loopback
from sopgen.web.jobs import Settings

MIN_TOKEN = 16
TOKEN_ENV = "SOPGEN_TOKEN"


class ServeError(Exception):
    """Cannot start as asked; str() is the Indonesian sentence (exit status 2)."""


def token_for(host: str, given: str | None) -> str | None:
    """The access token: `--token`, else SOPGEN_TOKEN; required beyond loopback."""
    token = given if given is not None else os.environ.get(TOKEN_ENV) or None
    if token is not None:
        token = token.strip()
        if len(token) < MIN_TOKEN:
            raise ServeError(msg.serve_token_short(MIN_TOKEN))
    if token is None and not is_loopback(host):
        raise ServeError(msg.serve_needs_token(host))
    return token


def bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host.strip("[]"), port))
        sock.listen(128)
    except OSError as err:
        sock.close()
        raise ServeError(msg.serve_cannot_listen(host, port, err.strerror or str(err))) from err
    sock.set_inheritable(True)
    return sock


def run(host: str, port: int, settings: Settings, out: TextIO) -> None:
    """Serve until Ctrl+C or SIGTERM; raises ServeError when it cannot start.
    `settings.token` is `--token`; SOPGEN_TOKEN stands in when it is None."""
    import dataclasses

    import uvicorn

    from sopgen.web.app import create_app

    token = token_for(host, settings.token)
    sock = bind(host, port)
    real_port = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    logging.basicConfig(level=logging.INFO, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    url = f"http://{shown}:{real_port}/"

    def ready() -> None:
        print(msg.serve_listening(url, is_loopback(host), token is not None), file=out,
              flush=True)

    app = create_app(dataclasses.replace(settings, token=token), ready)
    config = uvicorn.Config(app, log_level="info", access_log=True, timeout_graceful_shutdown=10,
                            proxy_headers=True, server_header=False)
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn raises Ctrl+C again once it has shut down cleanly
        pass
    finally:
        sock.close()
        print(msg.serve_stopped(), file=out, flush=True)
