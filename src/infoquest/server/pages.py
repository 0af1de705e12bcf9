"""The web page: one form that walks from a résumé to questions to a printable plan.

It is stateless: the résumé text read from an upload travels back in the page itself (a text area the
user can see), so nothing about the seeker is kept on the server between requests.
"""

from __future__ import annotations

import hmac
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from pydantic import Field

from infoquest.errors import InfoquestError
from infoquest.plan import PART_TITLES
from infoquest.server.engine import Engine
from infoquest.server.inputs import ProfileRequest, parse_request, profile_of
from infoquest.server.problems import Problem, problem_of
from infoquest.server.uploads import BodyTooLarge, read_body
from infoquest.vocab import KINDS, STAGES

HERE = Path(__file__).parent
COOKIE = "infoquest_token"
#: No caching (the page holds résumé text), no framing, and only this site's own scripts and styles.
HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'"
    ),
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
}
#: Needs at least this likely are shown as what the goals ask about (the library's own cut-off).
NEED_SHOWN = 0.5

templates = Jinja2Templates(directory=HERE / "templates")
templates.env.filters["human"] = lambda value: str(value).replace("_", " ") if value else ""
router = APIRouter(include_in_schema=False)


class PageForm(ProfileRequest):
    """The page's form: the profile, the meeting, and what the user did last."""

    minutes: int = 25
    k: int = Field(10, ge=1, le=50)
    exclude: list[str] = Field(default_factory=list, max_length=50)
    drop: str = ""
    own: str = ""
    action: str = "suggest"
    show_plan: str = ""


def _engine(request: Request) -> Engine:
    found: Engine = request.app.state.engine
    return found


def _signed_in(request: Request) -> bool:
    token: str | None = request.app.state.token
    given = request.cookies.get(COOKIE, "")
    return token is None or hmac.compare_digest(given.encode(), token.encode())


def _page(request: Request, status: int = 200, **context: Any) -> HTMLResponse:
    context.setdefault("values", {"minutes": 25})
    context.update(stages=STAGES, kinds=KINDS)
    response = templates.TemplateResponse(request, "index.html", context, status_code=status)
    response.headers.update(HEADERS)
    return response


def _login(request: Request, status: int = 401, error: str = "") -> HTMLResponse:
    response = templates.TemplateResponse(request, "login.html", {"error": error}, status_code=status)
    response.headers.update(HEADERS)
    return response


@router.get("/", response_class=HTMLResponse)
async def home(request: Request) -> Response:
    if not _signed_in(request):
        return _login(request)
    return _page(request)


@router.post("/login")
async def login(request: Request) -> Response:
    try:  # read here, never by Starlette's parser, which would spool a file someone posts to disk
        body = await read_body(request, limit=4096)
    except BodyTooLarge:
        return _login(request, 413, "That is far longer than a token.")
    token: str | None = request.app.state.token
    given = parse_qs(body.decode("utf-8", "replace")).get("token", [""])[-1].strip()
    if token is not None and not hmac.compare_digest(given.encode(), token.encode()):
        return _login(request, 401, "That token is not right; check the one the server printed when it started.")
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(COOKIE, given, httponly=True, samesite="strict")
    return response


@router.post("/", response_class=HTMLResponse)
async def submit(request: Request) -> Response:
    """Suggest, drop a question, check the user's own questions or build the plan, then show it all."""
    if not _signed_in(request):
        return _login(request)
    try:
        form, upload = await parse_request(request, PageForm)
    except Problem as refused:
        return _page(request, refused.status, error=refused.message)
    exclude = [] if form.action == "restore" else list(dict.fromkeys([*form.exclude, *filter(None, [form.drop])]))
    if upload is not None:  # a new file replaces the text read from the last one
        form = form.model_copy(update={"resume": ""})
    own = [line.strip() for line in form.own.splitlines() if line.strip()]
    show_plan = form.action == "plan" or bool(form.show_plan)
    values = form.model_dump()
    try:
        engine = _engine(request)
        profile = await engine.read(profile_of, form, upload)
        values["resume"] = profile.resume
        insight, recs, verdicts, plan = await engine.call(
            engine.page, profile, form.k, exclude, own, form.minutes if show_plan else None
        )
    except (Problem, InfoquestError) as exc:
        problem = problem_of(exc)
        return _page(request, problem.status, error=problem.message, values=values, exclude=exclude)
    return _page(
        request,
        values=values,
        exclude=exclude,
        insight=_insight(insight.model_dump(mode="json")),
        recommendations=[r.model_dump(mode="json") for r in recs],
        verdicts=[v.model_dump(mode="json") for v in verdicts],
        plan=_plan(plan.model_dump(mode="json")) if plan is not None else None,
    )


@router.post("/plan.md")
async def plan_markdown(request: Request) -> Response:
    """The plan as a Markdown file to download."""
    if not _signed_in(request):
        return _login(request)
    try:
        form, upload = await parse_request(request, PageForm)
        if upload is not None:
            form = form.model_copy(update={"resume": ""})
        own = [line.strip() for line in form.own.splitlines() if line.strip()]
        engine = _engine(request)
        profile = await engine.read(profile_of, form, upload)
        plan = await engine.call(engine.plan, profile, form.minutes, own, form.exclude)
    except (Problem, InfoquestError) as exc:
        problem = problem_of(exc)
        return _page(request, problem.status, error=problem.message)
    return Response(
        plan.to_markdown(),
        media_type="text/markdown; charset=utf-8",
        headers={**HEADERS, "Content-Disposition": 'attachment; filename="interview-plan.md"'},
    )


def _insight(insight: dict[str, Any]) -> dict[str, Any]:
    """What the template shows of a ``ProfileInsight`` dump; fields it does not know are passed along."""
    seeker, who = insight.get("seeker", {}), insight.get("interviewee", {})
    needs = [name for name, p in (seeker.get("needs") or {}).items() if p >= NEED_SHOWN]
    concerns = insight.get("concerns", seeker.get("concerns"))
    return {
        **insight,
        "stage": seeker.get("stage"),
        "stage_confidence": (seeker.get("stage_probs") or {}).get(seeker.get("stage")),
        "stage_source": seeker.get("source"),
        "needs": needs,
        "concerns": _labels(concerns),
        "kind": who.get("kind"),
        "kind_confidence": (who.get("kind_probs") or {}).get(who.get("kind")),
        "kind_source": who.get("source"),
        "relationship": who.get("relationship") if who.get("relationship") not in (None, "none") else None,
    }


def _labels(value: Any) -> list[str]:
    """Readable labels from a list of strings, a mapping of label to weight, or a list of objects."""
    if not value:
        return []
    if isinstance(value, dict):
        return [str(k) for k, v in value.items() if not isinstance(v, int | float) or v >= NEED_SHOWN]
    labels = []
    for item in value:
        if isinstance(item, dict):
            item = item.get("label") or item.get("name") or item.get("text") or item.get("kind") or ""
        if item:
            labels.append(str(item))
    return labels


def _plan(plan: dict[str, Any]) -> dict[str, Any]:
    """The plan's parts in order, with questions numbered through the whole plan."""
    parts, number = [], 0
    for name, title in PART_TITLES.items():
        questions = [q for q in plan.get("questions", []) if q.get("part") == name]
        if questions:
            parts.append({"name": name, "title": title, "start": number + 1, "questions": questions})
            number += len(questions)
    return {**plan, "parts": parts}
