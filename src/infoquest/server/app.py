"""The ASGI app: the web page, the ``/v1`` API and its OpenAPI documentation over one ``Recommender``."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from infoquest._version import __version__
from infoquest.recommender import Recommender
from infoquest.server import api, pages, problems
from infoquest.server.engine import Engine

DESCRIPTION = """\
Questions for informational interviews that fit a job seeker's goals, résumé and interviewee.

Every endpoint takes JSON or a `multipart/form-data` form with the same fields; in a form the résumé may
be a file (`resume`: .pdf .docx .odt .json .md .txt, up to 10 MiB, read in memory and never stored).
Results use the library's field names. Errors are `{"error": "<one line>"}` with status 400 (bad
input), 401 (token missing or wrong), 413 (too large), 415 (unsupported type) or 422 (invalid field).
"""


def create_app(recommender: Recommender | None = None, *, token: str | None = None, warm: bool = False) -> FastAPI:
    """The infoquest web app.

    Args:
        recommender: the one ``Recommender`` every request shares; ``None`` makes the default one
            (the curated corpus and MiniLM, loaded on first use).
        token: when given, API calls need ``Authorization: Bearer <token>`` and the page asks for it once.
        warm: load the model and the corpus index at start-up instead of on the first request.

    Returns:
        A FastAPI (ASGI) application; serve it with uvicorn, or test it with Starlette's ``TestClient``.
    """
    engine = Engine(recommender if recommender is not None else Recommender())

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if warm:
            await engine.call(engine.warm)
        yield
        engine.close()

    app = FastAPI(
        title="infoquest",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        redoc_url=None,
    )
    app.state.engine = engine
    app.state.token = token or None
    problems.install(app)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=Path(pages.HERE, "static")), name="static")

    def openapi() -> dict[str, Any]:
        return api.openapi_schema(app)

    app.openapi = openapi  # type: ignore[method-assign]
    return app
