"""What an API request carries: a profile (the library's field names) plus the call's options.

A request is JSON or ``multipart/form-data`` with the same field names; in a form the résumé may be a
file (``resume``) instead of text. Fields the models below do not name are passed to ``Profile`` as
they are, so a field the library adds (``met_before``, say) works without a server change, and a
misspelt one is refused by ``Profile`` with its own message.
"""

from __future__ import annotations

import json
import os
from typing import Any, TypeVar
from urllib.parse import parse_qs

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.requests import Request

from infoquest.errors import ResumeReadError
from infoquest.profile import Profile
from infoquest.resume import MAX_FILE_BYTES, SUPPORTED_EXTENSIONS, ResumeText, read_resume_bytes
from infoquest.server.problems import Problem, validation_message
from infoquest.server.uploads import MAX_PARTS, BadForm, BodyTooLarge, Form, Upload, parse_multipart, read_body

_URLENCODED = "application/x-www-form-urlencoded"
#: The most questions one request may drop (each one widens the selection that replaces it).
MAX_EXCLUDE = 50

T = TypeVar("T", bound=BaseModel)


class ProfileRequest(BaseModel):
    """The job seeker's inputs, as ``Profile`` names them. Needs ``goals`` or ``resume`` (or both)."""

    model_config = ConfigDict(extra="allow")

    goals: str = Field("", description="The seeker's goals, in their own words (5,000 characters at most).")
    resume: str = Field(
        "", description="The résumé as text; in a multipart form it may instead be a file (.pdf .docx .odt ...)."
    )
    role: str = Field("", description='Who they will talk to, e.g. "retired newspaper editor".')
    stage: str | None = Field(None, description="A correction of the inferred seeker stage.")
    interviewee: str | None = Field(None, description="A correction of the inferred interviewee kind.")


class RecommendRequest(ProfileRequest):
    """``recommend``: ``k`` questions, leaving out the ids in ``exclude`` (the next best take their place)."""

    k: int = Field(10, description="How many questions, 1-100.")
    exclude: list[str] = Field(default_factory=list, max_length=MAX_EXCLUDE, description="Question ids to drop.")


class RankRequest(ProfileRequest):
    """``rank``: every question, best first; ``limit`` keeps the first ones only."""

    limit: int | None = Field(None, ge=1, description="Return only the first LIMIT questions.")


class PlanRequest(ProfileRequest):
    """``plan``: a timed plan; ``extra`` are the seeker's own questions, ``exclude`` ids they dropped."""

    minutes: int = Field(25, description="The meeting's length, 10-60.")
    extra: list[str] = Field(default_factory=list, max_length=50, description="Your own questions.")
    exclude: list[str] = Field(default_factory=list, max_length=MAX_EXCLUDE, description="Question ids to drop.")


class CheckRequest(BaseModel):
    """``check``: questions to hold to the guide's first rule, never ask for a job."""

    model_config = ConfigDict(extra="forbid")

    questions: list[str] = Field(min_length=1, max_length=200, description="The questions to check.")


def option_names(model: type[BaseModel]) -> set[str]:
    """The fields of a request model that are options of the call, not fields of the profile."""
    return set(model.model_fields) - set(ProfileRequest.model_fields)


def profile_of(request: ProfileRequest, upload: Upload | None = None) -> Profile:
    """The ``Profile`` a request describes, reading an uploaded résumé in memory.

    Raises:
        Problem: both a résumé file and résumé text, or an unreadable file (400, 413, 415).
        ProfileError: a profile field is empty, too long or unknown (the library's message).
    """
    fields: dict[str, Any] = {
        name: value
        for name, value in request.model_dump().items()
        if name not in option_names(type(request)) and value is not None
    }
    if upload is not None:
        if fields.get("resume", "").strip():
            raise Problem(422, "resume: give the résumé as a file or as text, not both")
        resume = read_upload(upload)
        fields.update(resume=resume.text, resume_sections=dict(resume.sections))
    return Profile(**fields)


def read_upload(upload: Upload) -> ResumeText:
    """Read an uploaded résumé with the library's readers and limits (in memory, nothing written).

    Raises:
        Problem: 415 for a file type the library does not read, 413 over the size limit, 400 otherwise,
            each with the library's one-line message.
    """
    name = os.path.basename(upload.filename.replace("\\", "/")) or "résumé"
    try:
        return read_resume_bytes(upload.data, name)
    except ResumeReadError as exc:
        extension = os.path.splitext(name)[1].lower()
        if len(upload.data) > MAX_FILE_BYTES:
            status = 413
        elif extension and extension not in SUPPORTED_EXTENSIONS:
            status = 415
        else:
            status = 400
        raise Problem(status, str(exc)) from None


async def parse_request(request: Request, model: type[T]) -> tuple[T, Upload | None]:
    """The request's fields validated by ``model``, and the uploaded résumé file if there is one.

    Raises:
        Problem: 413 too large, 415 neither JSON nor a multipart form, 400 malformed, 422 invalid fields.
    """
    data, upload = await read_fields(request, model)
    try:
        return model.model_validate(data), upload
    except ValidationError as exc:
        raise Problem(422, validation_message(exc.errors())) from None


async def read_fields(request: Request, model: type[BaseModel]) -> tuple[dict[str, Any], Upload | None]:
    """The raw fields of a JSON body or a multipart form (lists where ``model`` expects lists)."""
    content_type = request.headers.get("content-type", "")
    kind = content_type.split(";")[0].strip().lower()
    if kind not in ("application/json", "multipart/form-data", _URLENCODED):
        shown = kind or "none"
        raise Problem(415, f"unsupported content type {shown!r}; send application/json or multipart/form-data")
    try:
        body = await read_body(request)
    except BodyTooLarge as exc:
        raise Problem(413, str(exc)) from None
    if kind == "application/json":
        try:
            data = json.loads(body or b"null")
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            where = f" (line {exc.lineno}, column {exc.colno})" if isinstance(exc, json.JSONDecodeError) else ""
            raise Problem(400, f"the body is not valid JSON{where}; send a JSON object") from None
        if not isinstance(data, dict):
            raise Problem(422, "the body must be a JSON object with the request's fields; see /docs")
        return data, None
    if kind == _URLENCODED:  # a form without a file (curl -d)
        try:
            fields = parse_qs(body.decode("utf-8"), keep_blank_values=True, max_num_fields=MAX_PARTS)
        except (UnicodeDecodeError, ValueError):
            raise Problem(
                400, "the form is not UTF-8 text with at most 200 fields; send it as a browser would"
            ) from None
        return form_fields(Form(fields, {}), model), None
    try:
        form = parse_multipart(body, content_type)
    except BodyTooLarge as exc:
        raise Problem(413, str(exc)) from None
    except BadForm as exc:
        raise Problem(400, str(exc)) from None
    return form_fields(form, model), form.files.get("resume")


def form_fields(form: Form, model: type[BaseModel]) -> dict[str, Any]:
    """Form values as the model expects them: lists for list fields, blank corrections as not given."""
    lists = {name for name, info in model.model_fields.items() if _is_list(info.annotation)}
    data: dict[str, Any] = {}
    for name, raw in form.fields.items():
        values = [v.replace("\r\n", "\n") for v in raw]  # browsers send a text area's lines with CRLF
        if name in lists:
            data[name] = [v for v in values if v.strip()]
        else:
            # The last value given; a blank one (an empty file input sent without a file name, an
            # "as inferred" correction) does not hide an earlier one, and a blank correction is none.
            given = [v for v in values if v.strip()]
            if given or name not in ("stage", "interviewee"):
                data[name] = given[-1] if given else values[-1]
    return data


def _is_list(annotation: Any) -> bool:
    return getattr(annotation, "__origin__", None) is list
