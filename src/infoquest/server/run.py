"""Starting the server: refuse an open address without a token, say how to reach it, run uvicorn."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable

from infoquest.errors import InputError
from infoquest.recommender import Recommender

DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8000
#: Connections served at once; more get 503 instead of piling up memory.
MAX_CONNECTIONS = 200


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable from this machine only (``127.0.0.1``, ``::1``, ``localhost``)."""
    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def start_message(host: str, port: int, token: str | None) -> str:
    """The line printed on start: where the page and the API are, and whether a token is needed."""
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}"
    line = f"infoquest: serving the page at {url}/ and the API at {url}/v1/ (docs: {url}/docs); Ctrl+C stops it"
    if token:
        line += "\ninfoquest: a token is required: API calls send 'Authorization: Bearer <token>'; the page asks once"
    return line


def serve(
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    token: str | None = None,
    *,
    recommender: Recommender | None = None,
    announce: Callable[[str], None] | None = None,
) -> None:
    """Serve the web page and the API with uvicorn until interrupted.

    Args:
        host: the address to bind; anything but a loopback address needs ``token``.
        port: the TCP port.
        token: the bearer token API calls (and the page, once) must give; ``None`` for none.
        recommender: the shared recommender (default: the curated corpus and MiniLM).
        announce: called with the start message once the address is checked (e.g. ``click.echo``).

    Raises:
        InputError: a non-loopback ``host`` without a token, or a port out of range.
    """
    token = token or None
    if not is_loopback(host) and token is None:
        raise InputError(
            f"refusing to serve on {host} without a token: anyone who can reach it could use it; "
            "give --token (or INFOQUEST_TOKEN), or bind to 127.0.0.1"
        )
    if not 0 < port < 65536:
        raise InputError(f"port must be from 1 to 65535, got {port}")
    import uvicorn

    from infoquest.server.app import create_app

    if announce is not None:
        announce(start_message(host, port, token))
    app = create_app(recommender, token=token, warm=True)
    # The access log has the method, path and status only: bodies, and so résumés, are never logged.
    uvicorn.run(app, host=host, port=port, limit_concurrency=MAX_CONNECTIONS, server_header=False)
