"""The web page: from a résumé to questions to a plan, through plain form posts (no JavaScript needed)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest
from fastapi.testclient import TestClient

from infoquest.server import create_app
from server_support import GOALS, RESUMES, ROLE, SUGGESTION, fast_recommender, no_real_model

PDF = RESUMES / "maya_chen_student.pdf"


@pytest.fixture
def client(monkeypatch: pytest.MonkeyPatch) -> TestClient:
    no_real_model(monkeypatch)
    return TestClient(create_app(fast_recommender()))


class Page(HTMLParser):
    """The parts of a page the tests read: form controls, labels, question ids, hidden fields."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.controls: list[dict[str, str]] = []
        self.labels: set[str] = set()
        self.questions: list[str] = []
        self.hidden: dict[str, list[str]] = {}
        self.html_lang = ""
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.html_lang = a.get("lang", "")
        if tag == "label" and "for" in a:
            self.labels.add(a["for"])
        if tag in ("input", "select", "textarea") and a.get("type") != "hidden":
            self.controls.append(a)
        if tag == "input" and a.get("type") == "hidden":
            self.hidden.setdefault(a["name"], []).append(a.get("value", ""))
        if tag == "li" and "question" in a.get("class", "").split():
            self.questions.append(a["data-id"])


def submit(client: TestClient, fields: dict[str, Any], resume: bytes | None = None, path: str = "/") -> Any:
    files = {"resume": (PDF.name, resume, "application/pdf")} if resume is not None else None
    data = {"goals": GOALS, "role": ROLE, "minutes": "25", **fields}
    return client.post(path, data=data, files=files or {"resume": ("", b"", "application/octet-stream")})


def test_the_empty_page_is_accessible_and_private(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    page = Page(response.text)
    assert page.html_lang == "en"
    assert '<meta name="viewport"' in response.text
    assert page.controls, "the form has no controls"
    for control in page.controls:
        assert control.get("id") in page.labels, f"{control} has no label"
    assert response.headers["cache-control"] == "no-store"
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert client.get("/static/style.css").status_code == 200
    assert "@media print" in client.get("/static/style.css").text


def test_upload_a_pdf_then_drop_a_question_then_build_the_plan(client: TestClient) -> None:
    first = submit(client, {"action": "suggest"}, PDF.read_bytes())
    assert first.status_code == 200, first.text
    page = Page(first.text)
    assert len(page.questions) == 10
    assert "What infoquest understood" in first.text
    # The résumé comes back as the text that was read, so the next post needs no file.
    assert "MAYA CHEN" in first.text and re.search(r"as infoquest read it \([\d,]+ characters\)", first.text)
    resume_text = re.search(r'<textarea id="resume-text"[^>]*>(.*?)</textarea>', first.text, re.S)
    assert resume_text

    import html

    fields = {"resume": html.unescape(resume_text.group(1)), "drop": page.questions[3]}
    second = submit(client, fields)
    dropped = Page(second.text)
    assert len(dropped.questions) == 10 and page.questions[3] not in dropped.questions
    assert len(set(dropped.questions) - set(page.questions)) == 1
    assert dropped.hidden["exclude"] == [page.questions[3]]

    third = submit(client, {**fields, "drop": "", "exclude": page.questions[3], "action": "plan"})
    assert third.status_code == 200
    assert "Before the meeting" in third.text and "After the meeting" in third.text
    assert 'class="checklist"' in third.text and "has-plan" in third.text
    assert page.questions[3] not in Page(third.text).questions

    markdown = submit(client, {**fields, "drop": "", "action": "plan"}, path="/plan.md")
    assert markdown.headers["content-type"].startswith("text/markdown")
    assert 'filename="interview-plan.md"' in markdown.headers["content-disposition"]
    assert markdown.text.startswith("# Informational interview plan")


def test_own_questions_are_checked_and_a_job_request_gets_a_rewording(client: TestClient) -> None:
    own = "Are you hiring this summer?\nWhat do you wish you had known as a student?"
    response = submit(client, {"action": "check", "own": own}, PDF.read_bytes())
    assert response.status_code == 200
    assert "Asks for a job" in response.text and SUGGESTION in response.text
    assert "Fine:</strong> What do you wish you had known as a student?" in response.text
    plan = submit(client, {"action": "plan", "own": own}, PDF.read_bytes())
    assert "Left out: these ask for a job" in plan.text and "(your question)" in plan.text


def test_corrections_are_shown_as_given(client: TestClient) -> None:
    response = submit(client, {"stage": "returning", "interviewee": "recruiter"}, PDF.read_bytes())
    assert "Returning" in response.text and "as you said" in response.text
    assert '<option value="recruiter" selected>' in response.text


def test_bring_dropped_questions_back(client: TestClient) -> None:
    first = Page(submit(client, {}, PDF.read_bytes()).text).questions
    back = submit(client, {"exclude": first[0], "action": "restore"}, PDF.read_bytes())
    assert Page(back.text).questions == first and "exclude" not in Page(back.text).hidden


@pytest.mark.parametrize(
    ("name", "data", "status", "fragment"),
    [
        ("cv.doc", b"\xd0\xcf\x11\xe0 old word", 415, "legacy"),
        ("cv.pdf", b"%PDF-1.4 broken", 400, "not a readable PDF"),
    ],
)
def test_a_bad_file_shows_the_message_on_the_page(
    client: TestClient, name: str, data: bytes, status: int, fragment: str
) -> None:
    response = client.post("/", data={"goals": GOALS}, files={"resume": (name, data)})
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    assert 'role="alert"' in response.text and fragment in response.text


def test_an_empty_form_says_what_to_give(client: TestClient) -> None:
    response = client.post("/", data={"goals": "", "role": ""}, files={"resume": ("", b"")})
    assert response.status_code == 422
    assert "the profile is empty: give your goals, a résumé, or both" in response.text


def test_what_the_user_typed_is_escaped(client: TestClient) -> None:
    response = submit(client, {"goals": "Become a nurse <script>alert(1)</script>", "own": "<b>bold</b>?"})
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text


def test_with_a_token_the_page_asks_for_it_once(monkeypatch: pytest.MonkeyPatch) -> None:
    no_real_model(monkeypatch)
    client = TestClient(create_app(fast_recommender(), token="s3cret"))
    asked = client.get("/")
    assert asked.status_code == 401 and 'name="token"' in asked.text
    assert client.post("/", data={"goals": GOALS}).status_code == 401
    refused = client.post("/login", data={"token": "wrong"})
    assert refused.status_code == 401 and "not right" in refused.text
    signed_in = client.post("/login", data={"token": "s3cret"}, follow_redirects=False)
    assert signed_in.status_code == 303
    assert "httponly" in signed_in.headers["set-cookie"].lower()
    assert "samesite=strict" in signed_in.headers["set-cookie"].lower()
    client.cookies.set("infoquest_token", "s3cret")
    assert client.get("/").status_code == 200
