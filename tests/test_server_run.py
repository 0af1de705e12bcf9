"""``infoquest serve``: loopback by default, a token required anywhere else, and a clear start message."""

from __future__ import annotations

from typing import Any

import pytest
from click.testing import CliRunner

from infoquest.cli import cli
from infoquest.server.run import is_loopback, start_message


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """What uvicorn would have been asked to run (nothing is started)."""
    import uvicorn

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: calls.append({"app": app, **kwargs}))
    monkeypatch.delenv("INFOQUEST_TOKEN", raising=False)
    return calls


def serve(*args: str, env: dict[str, str] | None = None) -> Any:
    return CliRunner().invoke(cli, ["serve", *args], env=env, catch_exceptions=False)


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::", "example.org"])
def test_an_open_address_without_a_token_is_refused_in_one_line(started: list[Any], host: str) -> None:
    result = serve("--host", host)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("Error: refusing to serve on")
    assert "--token" in result.stderr and "INFOQUEST_TOKEN" in result.stderr
    assert started == []


def test_the_default_is_loopback_without_a_token(started: list[dict[str, Any]]) -> None:
    result = serve("--port", "8123")
    assert result.exit_code == 0, result.output
    assert started[0]["host"] == "127.0.0.1" and started[0]["port"] == 8123
    assert started[0]["app"].state.token is None
    assert "http://127.0.0.1:8123/" in result.stdout and "token" not in result.stdout


def test_a_token_from_the_environment_is_required_and_announced(started: list[dict[str, Any]]) -> None:
    result = serve("--host", "0.0.0.0", env={"INFOQUEST_TOKEN": "s3cret"})
    assert result.exit_code == 0, result.output
    assert started[0]["app"].state.token == "s3cret"
    assert "Authorization: Bearer <token>" in result.stdout
    assert "s3cret" not in result.stdout  # the token itself is not printed


def test_a_port_out_of_range_is_a_usage_error(started: list[Any]) -> None:
    assert serve("--port", "70000").exit_code == 2


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("127.0.0.2", True), ("::1", True), ("[::1]", True), ("localhost", True),
     ("0.0.0.0", False), ("10.0.0.1", False), ("myhost", False)],
)  # fmt: skip
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_start_message_brackets_ipv6() -> None:
    assert "http://[::1]:8000/" in start_message("::1", 8000, None)
