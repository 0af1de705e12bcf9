"""The HTTP API under ``/v1``: recommend, rank, plan, check, explain.

Requests are JSON or multipart forms (a résumé file as ``resume``) with the library's field names;
responses are the library's results as ``model_dump(mode="json")`` gives them, so fields the library
adds appear without a change here.
"""

from __future__ import annotations

import hmac
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from pydantic import BaseModel

from infoquest.etiquette import EtiquetteVerdict
from infoquest.plan import InterviewPlan
from infoquest.recommendation import Recommendation
from infoquest.recommender import ProfileInsight
from infoquest.server.engine import Engine
from infoquest.server.inputs import (
    CheckRequest,
    PlanRequest,
    ProfileRequest,
    RankRequest,
    RecommendRequest,
    parse_request,
    profile_of,
)
from infoquest.server.problems import Problem

REQUEST_MODELS: dict[str, type[BaseModel]] = {
    "recommend": RecommendRequest,
    "rank": RankRequest,
    "plan": PlanRequest,
    "check": CheckRequest,
    "explain": ProfileRequest,
}
_ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"description": text, "content": {"application/json": {"example": {"error": "a one-line message"}}}}
    for status, text in [
        (400, "Bad input: an unreadable résumé, malformed JSON or form."),
        (401, "A token is required: send `Authorization: Bearer <token>`."),
        (413, "The body or the résumé is over 10 MiB."),
        (415, "Neither JSON nor a multipart form, or a résumé type that is not read."),
        (422, "A field is missing, of the wrong type or out of range."),
    ]
}


class Recommendations(BaseModel):
    """Questions with their scores, ranks and reasons."""

    recommendations: list[Recommendation]


class Verdicts(BaseModel):
    """One verdict per question, in order."""

    verdicts: list[EtiquetteVerdict]


def shared_engine(request: Request) -> Engine:
    found: Engine = request.app.state.engine
    return found


SharedEngine = Annotated[Engine, Depends(shared_engine)]


def require_token(request: Request) -> None:
    """With a token configured, every API call needs ``Authorization: Bearer <token>``."""
    token: str | None = request.app.state.token
    if token is None:
        return
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise Problem(401, "this server requires a token: send the header 'Authorization: Bearer <token>'")


def _dump(model: BaseModel) -> Any:
    return model.model_dump(mode="json")


router = APIRouter(prefix="/v1", dependencies=[Depends(require_token)], responses=_ERRORS, tags=["v1"])


def _body(name: str) -> dict[str, Any]:
    """The request body's documentation: the same fields as JSON or as a multipart form."""
    schema = {"$ref": f"#/components/schemas/{REQUEST_MODELS[name].__name__}"}
    content: dict[str, Any] = {"application/json": {"schema": schema}}
    if name != "check":
        form = {"allOf": [schema, {"properties": {"resume": {"type": "string", "format": "binary"}}}]}
        content["multipart/form-data"] = {"schema": form}
    return {"requestBody": {"required": True, "content": content}}


@router.post("/recommend", response_model=Recommendations, openapi_extra=_body("recommend"))
async def recommend(request: Request, engine: SharedEngine) -> Response:
    """Recommend `k` questions (default 10) in asking order, each with the reasons it was picked.

    `exclude` drops question ids (the user removed them); the next best questions take their place.
    """
    body, upload = await parse_request(request, RecommendRequest)
    profile = await engine.read(profile_of, body, upload)
    recs = await engine.call(engine.recommend, profile, body.k, body.exclude)
    return JSONResponse({"recommendations": [_dump(r) for r in recs]})


@router.post("/rank", response_model=Recommendations, openapi_extra=_body("rank"))
async def rank(request: Request, engine: SharedEngine) -> Response:
    """Rank every question in the corpus for the profile, best first (`limit` keeps the first ones)."""
    body, upload = await parse_request(request, RankRequest)
    profile = await engine.read(profile_of, body, upload)
    recs = await engine.call(engine.rank, profile, body.limit)
    return JSONResponse({"recommendations": [_dump(r) for r in recs]})


@router.post(
    "/plan",
    response_model=InterviewPlan,
    openapi_extra=_body("plan"),
    responses={200: {"content": {"text/markdown": {}}}},
)
async def plan(
    request: Request,
    engine: SharedEngine,
    format: Literal["json", "markdown"] = Query("json", description="`markdown` returns the printable plan."),
) -> Response:
    """Build a timed interview plan with its preparation and follow-up checklists.

    Your own questions (`extra`) are checked by the etiquette guard; those that ask for a job are left
    out and listed in `refused` with a suggested rewording.
    """
    body, upload = await parse_request(request, PlanRequest)
    profile = await engine.read(profile_of, body, upload)
    result = await engine.call(engine.plan, profile, body.minutes, body.extra, body.exclude)
    if format == "markdown":
        return PlainTextResponse(result.to_markdown(), media_type="text/markdown; charset=utf-8")
    return JSONResponse(_dump(result))


@router.post("/check", response_model=Verdicts, openapi_extra=_body("check"))
async def check(request: Request, engine: SharedEngine) -> Response:
    """Check questions against the guide's first rule: never ask for a job.

    A question that asks for a job gets `asks_for_job: true` and a `suggestion` that asks for
    information, advice or a referral instead (status 200: the check itself succeeded).
    """
    body, _ = await parse_request(request, CheckRequest)
    verdicts = await engine.call(engine.check, body.questions)
    return JSONResponse({"verdicts": [_dump(v) for v in verdicts]})


@router.post("/explain", response_model=ProfileInsight, openapi_extra=_body("explain"))
async def explain(request: Request, engine: SharedEngine) -> Response:
    """What was understood from the profile: the seeker's stage and needs, the interviewee's kind."""
    body, upload = await parse_request(request, ProfileRequest)
    profile = await engine.read(profile_of, body, upload)
    return JSONResponse(_dump(await engine.call(engine.explain, profile)))


def openapi_schema(app: FastAPI) -> dict[str, Any]:
    """FastAPI's schema plus the request models, which the routes read themselves (JSON or a form)."""
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    for model in REQUEST_MODELS.values():
        found = model.model_json_schema(ref_template="#/components/schemas/{model}")
        components.update(found.pop("$defs", {}))
        components[model.__name__] = found
    app.openapi_schema = schema
    return schema
