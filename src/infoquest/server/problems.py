"""HTTP errors as one JSON line: ``{"error": "<the message the CLI would print>"}`` with a fitting status."""

from __future__ import annotations

import logging
import os

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from infoquest.errors import InfoquestError, InputError, ProfileError, ResumeReadError

logger = logging.getLogger("infoquest.server")


class Problem(Exception):
    """A request the server refuses, with its HTTP status and a one-line message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class Unexpected(Exception):
    """A bug: reported as 500 naming only the exception's type (its text might quote a résumé)."""


def status_of(exc: InfoquestError) -> int:
    """422 for values out of range (``k``, ``minutes``, an empty or oversized profile), 400 for an
    unreadable résumé, 500 for the server's own trouble (its model, corpus or cache)."""
    if isinstance(exc, InputError | ProfileError):
        return 422
    return 400 if isinstance(exc, ResumeReadError) else 500


def problem_of(exc: BaseException) -> Problem:
    """The ``Problem`` a handler raised or a library error turned into one; unknown errors become a 500."""
    if isinstance(exc, Problem):
        return exc
    if isinstance(exc, InfoquestError):
        return Problem(status_of(exc), str(exc))
    name = str(exc) if isinstance(exc, Unexpected) else type(exc).__name__
    return Problem(500, f"unexpected {name}; please report it (INFOQUEST_DEBUG=1 logs the details)")


def log_unexpected(exc: BaseException, where: str) -> None:
    """Log a bug by its type only; the traceback (which may quote inputs) only with ``INFOQUEST_DEBUG``."""
    if os.environ.get("INFOQUEST_DEBUG"):
        logger.exception("unexpected %s in %s", type(exc).__name__, where)
    else:
        logger.error("unexpected %s in %s (set INFOQUEST_DEBUG=1 for the traceback)", type(exc).__name__, where)


def json_error(problem: Problem) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if problem.status == 401 else None
    return JSONResponse({"error": problem.message}, status_code=problem.status, headers=headers)


def install(app: FastAPI) -> None:
    """Register the handlers that turn every refusal into ``{"error": ...}``."""

    async def on_problem(request: Request, exc: Exception) -> JSONResponse:
        return json_error(problem_of(exc))

    async def on_validation(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        return json_error(Problem(422, validation_message(exc.errors())))

    async def on_http(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        return json_error(Problem(exc.status_code, str(exc.detail)))

    async def on_bug(request: Request, exc: Exception) -> JSONResponse:
        if not isinstance(exc, Unexpected):  # already logged (by type only) where the library was called
            log_unexpected(exc, request.url.path)
        return json_error(problem_of(exc))

    app.add_exception_handler(Problem, on_problem)
    app.add_exception_handler(InfoquestError, on_problem)
    app.add_exception_handler(Unexpected, on_bug)
    # Anything else still answers one JSON line; Starlette then re-raises it for the server's own log.
    app.add_exception_handler(Exception, on_bug)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)


def validation_message(errors: object) -> str:
    """The first pydantic error as ``field: message`` (never the input itself, which may be a résumé)."""
    first: object = next(iter(errors), {}) if isinstance(errors, list | tuple) else {}
    if not isinstance(first, dict):
        return "the request does not match the API; see /docs"
    where = ".".join(str(p) for p in first.get("loc", ()) if p != "body") or "body"
    return f"{where}: {str(first.get('msg', 'invalid')).removeprefix('Value error, ')}"
