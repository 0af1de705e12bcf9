"""Every bad résumé the CLI may be given: one line on stderr naming the file, exit status 1, no traceback."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from fpdf import FPDF
from hypothesis import given, settings
from hypothesis import strategies as st

from infoquest import resume
from infoquest.cli import cli
from infoquest.errors import ProfileError
from infoquest.profile import Profile
from test_resume import EXAMPLES, encrypt, make_pdf, make_zip


def _scan() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 120, 160, style="F")
    return bytes(pdf.output())


def _bomb() -> bytes:
    # A real zip whose one member inflates far beyond the limit: refused from its declared size.
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (resume.MAX_DOCX_UNCOMPRESSED + 1024))
    return buffer.getvalue()


BAD = {
    "scanned.pdf": (_scan, "no text layer"),
    "locked.pdf": (lambda: encrypt((EXAMPLES / "maya_chen_student.pdf").read_bytes(), "pw"), "password"),
    "truncated.pdf": (lambda: (EXAMPLES / "maya_chen_student.pdf").read_bytes()[:900], "pdf"),
    "broken.docx": (lambda: b"PK\x03\x04 this is not really a zip", "docx"),
    "bomb.docx": (_bomb, "unpack to"),
    "notes.docx": (lambda: make_zip({"readme.txt": b"hello"}), "docx"),
    "binary.txt": (lambda: bytes(range(256)) * 40, "binary"),
    "photo.xyz": (lambda: b"whatever", ".pdf"),
    "empty.txt": (lambda: b"", "empty"),
    "blank.md": (lambda: b"   \n\n  \t ", "empty"),
    "blank.pdf": (lambda: make_pdf([["   "]]), "text"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_resume_gives_one_line_and_exit_1(tmp_path: Path, name: str) -> None:
    make, hint = BAD[name]
    path = tmp_path / name
    path.write_bytes(make())
    result = CliRunner().invoke(cli, ["suggest", "--resume", str(path), "--goals", "learn about nursing"])
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert name in lines[0] and hint.lower() in lines[0].lower()
    assert "Traceback" not in result.output + result.stderr


def test_oversized_file_is_refused_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(resume, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "huge.txt"
    path.write_text("Experience\n" + "nurse " * 400, encoding="utf-8")
    result = CliRunner().invoke(cli, ["suggest", "--resume", str(path), "--goals", "x"])
    assert result.exit_code == 1 and "huge.txt" in result.stderr and "Traceback" not in result.stderr


def test_unreadable_goals_file_is_named(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["suggest", "--goals-file", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1 and "nope.txt" in result.stderr


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400), st.text(max_size=2000), st.text(max_size=300))
def test_any_text_makes_a_profile_or_a_profile_error(goals: str, resume_text: str, role: str) -> None:
    try:
        profile = Profile(goals=goals, resume=resume_text, role=role)
    except ProfileError as exc:
        assert "\n" not in str(exc)
        assert not goals.strip() and not resume_text.strip()
    else:
        assert profile.goals == goals and profile.role == role


@pytest.mark.parametrize(("field", "limit", "given"), [("goals", 5_000, 6_123), ("role", 500, 501)])
def test_too_long_says_how_long_the_text_was(field: str, limit: int, given: int) -> None:
    with pytest.raises(ProfileError) as caught:
        Profile(**{field: "x" * given, "resume": "Paralegal, 2009 - 2018."})
    assert str(caught.value) == f"{field} is too long ({given:,} characters; {limit:,} characters at most); shorten it"
    args = (
        ["suggest", "--goals", "y" * given]
        if field == "goals"
        else ["suggest", "--goals", "Law", "--role", "y" * given]
    )
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    assert (
        result.stderr
        == f"Error: {field} is too long ({given:,} characters; {limit:,} characters at most); shorten it\n"
    )
