"""Reading résumés: the committed examples in every format, each bad input's message, and fuzzing."""

from __future__ import annotations

import contextlib
import copy
import io
import json
import logging
import os
import pickle
import tempfile
import zipfile
from pathlib import Path

import pytest
from fpdf import FPDF
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infoquest import resume_office, resume_pdf
from infoquest.errors import ResumeReadError
from infoquest.resume import (
    MAX_FILE_BYTES,
    MAX_PAGES,
    MAX_TEXT_CHARS,
    SUPPORTED_EXTENSIONS,
    ResumeText,
    read_resume,
    read_resume_bytes,
    split_sections,
)

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "resumes"


def example(name: str) -> ResumeText:
    return read_resume(EXAMPLES / name)


def flat(text: str) -> str:
    """Text with line breaks folded, to find sentences a PDF wrapped over several lines."""
    return " ".join(text.split())


def make_pdf(pages: list[list[str]]) -> bytes:
    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    for lines in pages:
        pdf.add_page()
        for line in lines:
            pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def make_zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def read_error(data: bytes, name: str) -> str:
    with pytest.raises(ResumeReadError) as caught:
        read_resume_bytes(data, name)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{name}: ")
    return message


# --- The committed examples ------------------------------------------------------------------------

ALL_EXAMPLES = {
    "maya_chen_student.pdf": "pdf",
    "daniel_okafor_two_column.pdf": "pdf",
    "priya_raman_tables.docx": "docx",
    "luis_ortega.docx": "docx",
    "grace_kim_returning.md": "md",
    "samuel_adeyemi.json": "json",
    "elena_novak_latin1.txt": "txt",
    "aisha_utf16.txt": "txt",
}


@pytest.mark.parametrize(("name", "fmt"), ALL_EXAMPLES.items())
def test_every_example_reads_as_a_realistic_resume(name: str, fmt: str) -> None:
    result = example(name)
    assert result.format == fmt
    assert result.source == str(EXAMPLES / name)
    assert 150 <= len(result.text.split()) <= 350
    assert {"experience", "education", "skills"} <= set(result.sections)
    assert "  " not in result.text and "\n\n\n" not in result.text


def test_example_script_lists_every_example() -> None:
    script = (EXAMPLES / "make_resumes.py").read_text(encoding="utf-8")
    on_disk = {path.name for path in EXAMPLES.iterdir() if path.suffix != ".py"}
    assert on_disk == set(ALL_EXAMPLES)
    assert all(name in script for name in ALL_EXAMPLES)


def test_one_column_pdf_sections() -> None:
    maya = example("maya_chen_student.pdf")
    assert maya.sections["header"].startswith("MAYA CHEN")
    assert "600 clinical hours" in flat(maya.sections["summary"])
    assert "Bachelor of Science in Nursing" in maya.sections["education"]
    # "Clinical Experience" and "Work Experience" both land in experience, in order.
    experience = maya.sections["experience"]
    assert experience.index("Pediatric Rotation") < experience.index("Certified Nursing Assistant, Oak")
    assert "Basic Life Support (BLS)" in maya.sections["certifications"]
    assert "wound care" in maya.sections["skills"]


def test_two_column_pdf_keeps_sidebar_out_of_experience() -> None:
    daniel = example("daniel_okafor_two_column.pdf")
    experience = daniel.sections["experience"]
    for title in ("Freelance UX Researcher", "UX Research Intern", "Science Teacher"):
        assert title in experience
    # The title and its right-aligned dates share a line, as on the page.
    assert "Freelance UX Researcher Jan 2026 - Present" in experience.splitlines()
    sidebar = ["Figma", "Dovetail", "Qualtrics", "Affinity mapping", "daniel.okafor@example.com", "Yoruba"]
    assert not [item for item in sidebar if item in experience]
    assert "Interviewed 30 teachers and mapped their grading workflow from first draft to report card." in flat(
        experience
    )
    # The sidebar's SKILLS and TOOLS both count as skills.
    assert "Affinity mapping" in daniel.sections["skills"] and "Dovetail" in daniel.sections["skills"]
    assert "daniel.okafor@example.com" in daniel.sections["contact"]
    assert "nine years of classroom teaching" in flat(daniel.sections["summary"])
    assert "M.Ed. Curriculum and Instruction" in daniel.sections["education"]


def test_table_docx_reads_header_nested_tables_and_text_box_in_order() -> None:
    priya = example("priya_raman_tables.docx")
    assert priya.text.startswith("Priya Raman, EIT\nAustin, TX")  # from the page header
    box = "Open to entry-level roles in water resources or transportation engineering"
    assert priya.text.count(box) == 1  # Word's fallback copy of the text box is skipped
    experience = priya.sections["experience"]
    order = [
        "Internships (most recent first):",
        "Water Resources Engineering Intern, Hillcrest Civil Partners",
        "May 2025 - Aug 2025",
        "Sized detention ponds",
        "Transportation Engineering Intern",
        "Both internships included weekly site visits",
    ]
    positions = [experience.index(part) for part in order]
    assert positions == sorted(positions)
    assert "HEC-RAS" in priya.sections["skills"]
    assert "The University of Texas at Austin" in priya.sections["education"]
    assert "green-street retrofit" in priya.sections["projects"]
    assert "Engineer in Training (EIT), Texas Board" in priya.sections["certifications"]


def test_paragraph_docx_sections() -> None:
    luis = example("luis_ortega.docx")
    assert luis.text.startswith("Luis Ortega\n")
    assert "Electrical Foreman, Desert Current Electric" in luis.sections["experience"]
    assert "Train apprentices; five have passed their journeyman exams" in luis.sections["experience"]
    assert "own electrical contracting business" in luis.sections["summary"]
    assert "OSHA 30 Construction" in luis.sections["certifications"]
    assert "Small Business Management certificate" in luis.sections["education"]


def test_markdown_is_demarked_and_keeps_its_headings() -> None:
    grace = example("grace_kim_returning.md")
    assert not any(mark in grace.text for mark in ("**", "](", "## ", "# ", "*Mar"))
    assert "Seattle, WA · grace.kim@example.com · LinkedIn" in grace.sections["header"]
    assert "linkedin.com" not in grace.text
    assert "Senior Accountant, Cascade Outdoor Co., Seattle — Mar 2018 – Aug 2022" in grace.sections["experience"]
    assert "Full-time caregiver for a parent" in grace.sections["career_break"]
    assert "- Certified Public Accountant, Washington State" in grace.sections["certifications"]


def test_json_resume_is_rendered_to_sections() -> None:
    samuel = example("samuel_adeyemi.json")
    assert samuel.sections["header"] == "Samuel Adeyemi\nSenior Software Engineer | Toronto, Ontario, CA"
    experience = samuel.sections["experience"].splitlines()
    assert "Senior Software Engineer, Northwind Payments (Mar 2021 – present)" in experience
    assert "Software Engineer, Parcelway Logistics (Jun 2017 – Feb 2021)" in experience
    assert "- Mentored six engineers; two were promoted to senior" in experience
    assert "Backend: Go, Python, Java, gRPC, REST" in samuel.sections["skills"]
    assert "Computer Science, University of Ibadan" in samuel.sections["education"]
    assert "Code Mentors Toronto" in samuel.sections["volunteer"]
    assert "samuel.adeyemi@example.com" not in samuel.text  # contact details are left out


def test_cp1252_text_keeps_its_accents() -> None:
    elena = example("elena_novak_latin1.txt")
    for word in (
        "Peñafiel",
        "Münchner",
        "Económico",
        "café-politics",
        "“follow the money”",
        "English–Spanish",
    ):
        assert word in elena.text
    assert "Senior Reporter – Diario Económico del Sur" in elena.sections["experience"]
    assert "Complutense" in elena.sections["education"]
    assert "finalist" in elena.sections["awards"]
    assert "- Led a six-month investigation" in elena.sections["experience"]  # "*" bullets normalised


def test_utf16_text() -> None:
    aisha = example("aisha_utf16.txt")
    assert "العربية" in aisha.sections["skills"]
    assert "entry-level epidemiologist" in flat(aisha.sections["summary"])  # from OBJECTIVE
    assert "- Evaluated a community health worker program" in aisha.sections["experience"]
    assert "University of Wisconsin–Madison" in aisha.sections["education"]


# --- Other encodings, sniffing, ODT ------------------------------------------------------------------

TEXT_RESUME = "Jo Park\n\nEXPERIENCE\nBarista, Café Lumière\n\nEDUCATION\nB.A. Économie, Université Laval\n"


@pytest.mark.parametrize(
    "encoded",
    [
        TEXT_RESUME.encode("utf-8"),
        TEXT_RESUME.encode("utf-8-sig"),
        TEXT_RESUME.encode("utf-16-le"),  # no byte-order mark
        TEXT_RESUME.encode("utf-16-be"),
        TEXT_RESUME.encode("utf-32"),
        TEXT_RESUME.encode("latin-1"),
        TEXT_RESUME.replace("\n", "\r\n").encode("cp1252"),
    ],
)
def test_text_encodings(encoded: bytes) -> None:
    result = read_resume_bytes(encoded, "jo.txt")
    assert result.sections == {
        "header": "Jo Park",
        "experience": "Barista, Café Lumière",
        "education": "B.A. Économie, Université Laval",
    }


@pytest.mark.parametrize(
    ("data", "fmt"),
    [
        (make_pdf([["EXPERIENCE", "Barista at a cafe"]]), "pdf"),
        ((EXAMPLES / "luis_ortega.docx").read_bytes(), "docx"),
        ((EXAMPLES / "samuel_adeyemi.json").read_bytes(), "json"),
        ((EXAMPLES / "grace_kim_returning.md").read_bytes(), "md"),
        ((EXAMPLES / "aisha_utf16.txt").read_bytes(), "txt"),
    ],
)
def test_stdin_format_is_sniffed(data: bytes, fmt: str) -> None:
    result = read_resume("-", stdin=io.BytesIO(data))
    assert (result.format, result.source) == (fmt, "<stdin>")
    assert result.sections["experience"]


def test_content_beats_a_wrong_extension(tmp_path: Path) -> None:
    path = tmp_path / "cv.txt"
    path.write_bytes((EXAMPLES / "maya_chen_student.pdf").read_bytes())
    assert read_resume(path).format == "pdf"
    assert read_resume_bytes(b"EXPERIENCE\nCook", "cv.json", fmt="txt").format == "txt"


def make_odt() -> bytes:
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
        'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"'
    )
    content = f"""<office:document-content {ns}><office:body><office:text>
      <text:h text:outline-level="1">Experience</text:h>
      <text:p>Line cook,<text:s text:c="3"/>Blue Door Bistro<draw:frame><draw:text-box>
        <text:p>Available from March</text:p></draw:text-box></draw:frame></text:p>
      <text:list><text:list-item><text:p>Ran the grill station<text:note><text:note-body>
        <text:p>a footnote</text:p></text:note-body></text:note></text:p></text:list-item></text:list>
      <table:table><table:table-row><table:table-cell><text:p>Education</text:p></table:table-cell>
        <table:table-cell><text:p>Culinary diploma, 2024</text:p></table:table-cell></table:table-row>
      </table:table></office:text></office:body></office:document-content>"""
    styles = f"""<office:document-styles {ns}><office:master-styles><style:master-page>
      <style:header><text:p>Sam Rivera</text:p></style:header></style:master-page>
      </office:master-styles></office:document-styles>"""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("styles.xml", styles, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def test_odt() -> None:
    result = read_resume_bytes(make_odt(), "sam.odt")
    assert result.format == "odt"
    assert result.sections == {
        "header": "Sam Rivera",
        "experience": "Line cook, Blue Door Bistro\nAvailable from March\nRan the grill station",
        "education": "Culinary diploma, 2024",
    }
    assert read_resume_bytes(make_odt(), "sam.docx").format == "odt"  # the content decides


# --- Sections and normalising --------------------------------------------------------------------------


def test_split_sections_recognises_heading_styles() -> None:
    text = "\n".join(
        [
            "Ana Ruiz",
            "## Professional Summary",
            "Teacher.",
            "WORK EXPERIENCE:",
            "Tutor",
            "**Education**",
            "BA",
            "S K I L L S",
            "Excel",
            "Licenses & Certifications",
            "CPR",
            "Volunteer Experience",
            "Food bank",
            "Technical skills and tools",
            "SQL",
            "Employment History",
            "Clerk",
        ]
    )
    assert split_sections(text) == {
        "header": "Ana Ruiz",
        "summary": "Teacher.",
        "experience": "Tutor\n\nClerk",
        "education": "BA",
        "skills": "Excel\n\nSQL",
        "certifications": "CPR",
        "volunteer": "Food bank",
    }


def test_split_sections_needs_a_heading_on_its_own_line() -> None:
    assert split_sections("I have experience in education and skills in Excel.") == {}
    assert split_sections("Skills: Excel, SQL\nEducation in Lima") == {}
    assert split_sections("") == {}
    assert split_sections("Experience\n\n") == {}


def test_text_is_normalised() -> None:
    raw = "Name\u00a0 Lee\r\n\r\n\r\n\u2022\tof\ufb01ce work\x07\n\u25aaFiling\u200b\n\n\n  spaced   out \n"
    expected = "Name Lee\n\n- office work\n- Filing\n\nspaced out"
    assert read_resume_bytes(raw.encode(), "x.txt").text == expected


def test_result_is_immutable_and_serialisable() -> None:
    result = example("luis_ortega.docx")
    with pytest.raises(TypeError):
        result.sections["skills"] = "x"  # type: ignore[index]
    with pytest.raises(AttributeError):
        result.text = "x"  # type: ignore[misc]
    assert json.loads(json.dumps(result.to_dict()))["sections"] == dict(result.sections)
    assert hash(result) == hash(example("luis_ortega.docx"))
    assert copy.deepcopy(result) == pickle.loads(pickle.dumps(result)) == result


def test_nothing_is_logged_or_written(caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a temporary file was created")

    for name in ("mkstemp", "mkdtemp", "NamedTemporaryFile", "TemporaryFile", "SpooledTemporaryFile"):
        monkeypatch.setattr(tempfile, name, refuse)
    caplog.set_level(logging.DEBUG)
    texts = [example(name).text for name in ALL_EXAMPLES]
    logged = caplog.text
    assert not [line for text in texts for line in text.splitlines() if len(line) > 12 and line in logged]


# --- Bad inputs: each gives one clear line ---------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ResumeReadError, match=r"nope\.pdf: no such file; check the path"):
        read_resume(tmp_path / "nope.pdf")


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(ResumeReadError, match="is a folder; give the path of the résumé file"):
        read_resume(tmp_path)


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "cv.txt"
    path.write_text("Experience\nCook")
    path.chmod(0)
    if os.access(path, os.R_OK):  # root reads anything: make the open fail the way it would

        def denied(*args: object, **kwargs: object) -> None:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(os, "open", denied)
    with pytest.raises(ResumeReadError, match=r"cv\.txt: permission denied; check who may read"):
        read_resume(path)


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "cv.docx").write_bytes(b"")
    with pytest.raises(ResumeReadError, match=r"cv\.docx: empty, nothing to read"):
        read_resume(tmp_path / "cv.docx")
    assert "empty" in read_error(b" \n\t ", "cv.txt")
    with pytest.raises(ResumeReadError, match="<stdin>: empty"):
        read_resume("-", stdin=io.BytesIO(b""))


def test_unsupported_extension_lists_supported_ones(tmp_path: Path) -> None:
    (tmp_path / "cv.xyz").write_text("Experience\nCook")
    with pytest.raises(ResumeReadError) as caught:
        read_resume(tmp_path / "cv.xyz")
    message = str(caught.value)
    assert "unsupported file type '.xyz'" in message
    assert all(extension in message for extension in SUPPORTED_EXTENSIONS)
    assert "save it as .docx or PDF" in read_error(b"Experience\nCook", "cv.doc")


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "huge.pdf"
    with path.open("wb") as stream:
        stream.truncate(MAX_FILE_BYTES + 1)  # sparse: no data written

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", no_reading)
    with pytest.raises(ResumeReadError, match=r"huge\.pdf: 10\.0 MiB is over the 10 MiB limit"):
        read_resume(path)
    assert "over the 10 MiB limit" in read_error(b"x" * (MAX_FILE_BYTES + 1), "big.txt")


def test_over_limit_stdin_is_refused() -> None:
    with pytest.raises(ResumeReadError, match=r"<stdin>: .* over the 10 MiB limit"):
        read_resume("-", stdin=io.BytesIO(b"a" * (MAX_FILE_BYTES + 5)))


def test_image_only_pdf() -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_fill_color(90)
    pdf.rect(20, 20, 120, 160, style="F")
    assert "no text layer (scanned image?); export a text PDF" in read_error(bytes(pdf.output()), "scan.pdf")


def encrypt(data: bytes, user: str, algorithm: str = "RC4-128") -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user, owner_password="owner-secret", algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_encrypted_pdf() -> None:
    data = (EXAMPLES / "maya_chen_student.pdf").read_bytes()
    assert "password-protected; save a copy without a password" in read_error(encrypt(data, "pw"), "cv.pdf")
    # Only an owner password (printing or copying restricted): it opens with "" and reads.
    assert read_resume_bytes(encrypt(data, ""), "cv.pdf").text == example("maya_chen_student.pdf").text


def test_aes_pdf_with_empty_password() -> None:
    pytest.importorskip("cryptography")
    data = encrypt(make_pdf([["Experience", "Welder"]]), "", algorithm="AES-256")
    assert read_resume_bytes(data, "cv.pdf").sections == {"experience": "Welder"}


def test_aes_pdf_without_the_crypto_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    def needs_crypto(self: object, password: str) -> None:
        raise DependencyError("cryptography is required for AES algorithm")

    monkeypatch.setattr(PdfReader, "decrypt", needs_crypto)
    data = encrypt(make_pdf([["Experience", "Welder"]]), "")
    assert "AES-encrypted; install 'pypdf[crypto]' to read it" in read_error(data, "cv.pdf")


@pytest.mark.parametrize("cut", [0.1, 0.5, 0.9])
def test_truncated_pdf(cut: float) -> None:
    data = (EXAMPLES / "maya_chen_student.pdf").read_bytes()
    message = read_error(data[: int(len(data) * cut)], "cv.pdf")
    assert "not a readable PDF (damaged or incomplete); export it again" in message


def test_text_named_pdf(caplog: pytest.LogCaptureFixture) -> None:
    assert "not a PDF (no PDF header)" in read_error(b"Jo Park, nurse", "cv.pdf")
    assert "Jo Park" not in caplog.text


def test_pdf_over_the_page_limit() -> None:
    data = make_pdf([["Experience", f"Job {n}"] for n in range(MAX_PAGES + 1)])
    assert f"{MAX_PAGES + 1} pages is more than the {MAX_PAGES} a résumé may have" in read_error(data, "cv.pdf")
    assert read_resume_bytes(make_pdf([["Experience", "Job"]] * MAX_PAGES), "cv.pdf").format == "pdf"


@pytest.mark.parametrize(("limit", "value"), [("MAX_PDF_OPERATIONS", 50), ("MAX_PDF_CONTENT_BYTES", 100)])
def test_pdf_work_is_bounded(limit: str, value: int, monkeypatch: pytest.MonkeyPatch) -> None:
    data = (EXAMPLES / "maya_chen_student.pdf").read_bytes()
    assert read_resume_bytes(data, "cv.pdf").sections
    monkeypatch.setattr(resume_pdf, limit, value)
    assert "pages are too complex to read" in read_error(data, "cv.pdf")


def test_corrupt_docx() -> None:
    data = (EXAMPLES / "luis_ortega.docx").read_bytes()
    assert "not a readable DOCX file (damaged?); open it and save it again" in read_error(data[:3000], "cv.docx")
    broken = make_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document"})
    assert "not a readable Word document (damaged?)" in read_error(broken, "cv.docx")


def test_docx_zip_bomb_is_refused_from_declared_sizes(monkeypatch: pytest.MonkeyPatch) -> None:
    bomb = make_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"\0" * (60 * 2**20)})
    assert len(bomb) < 1_000_000

    def must_not_parse(*args: object) -> None:
        raise AssertionError("a part of the archive was parsed")

    monkeypatch.setattr(resume_office, "_parse", must_not_parse)
    message = read_error(bomb, "cv.docx")
    assert "would unpack to 60.0 MiB in 2 part(s) (limit 50 MiB" in message


def test_zip_that_is_not_a_docx() -> None:
    data = make_zip({"notes.txt": b"Experience\nCook"})
    assert "a zip archive but not a Word document" in read_error(data, "cv.docx")


def test_legacy_or_password_protected_office_file() -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500)
    assert "legacy or password-protected Office file" in read_error(ole, "cv.docx")


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
        bytes(range(1, 32)) * 40,  # no NUL bytes, but control characters
    ],
)
def test_binary_file_named_txt(data: bytes) -> None:
    assert "looks like a binary file, not text" in read_error(data, "cv.txt")


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"12345 ---- 678\n\n(555) 010-0000", "cv.txt"),
        (b"# ---\n\n**  **", "cv.md"),
        (json.dumps({"basics": {"name": ""}, "work": [{"startDate": "2020"}]}).encode(), "cv.json"),
    ],
)
def test_resume_without_words(data: bytes, name: str) -> None:
    assert "no words could be read from it" in read_error(data, name)


def test_docx_without_words() -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("   ")
    document.add_table(rows=1, cols=1)
    buffer = io.BytesIO()
    document.save(buffer)
    assert "no words could be read from it" in read_error(buffer.getvalue(), "blank.docx")


@pytest.mark.parametrize("data", [b"[1, 2, 3]", b'"a string"', b'{"name": "Ana", "jobs": []}'])
def test_json_that_is_not_a_json_resume(data: bytes) -> None:
    assert "JSON but not a JSON Resume object (https://jsonresume.org/schema)" in read_error(data, "cv.json")


def test_invalid_json() -> None:
    assert "not valid JSON (line 2, column 1)" in read_error(b'{"basics": 1,\n}', "cv.json")
    assert "too deeply nested" in read_error(b"[" * 100_000, "cv.json")


def test_text_over_the_character_limit() -> None:
    data = ("word " * (MAX_TEXT_CHARS // 4)).encode()
    assert "too long for a résumé" in read_error(data, "cv.txt")


def test_unknown_format_argument() -> None:
    with pytest.raises(ResumeReadError, match="unknown format 'doc'; use one of pdf, docx"):
        read_resume_bytes(b"Experience", "cv", fmt="doc")


def test_name_with_control_characters_stays_on_one_line() -> None:
    with pytest.raises(ResumeReadError) as caught:
        read_resume_bytes(b"", "bad\nname.txt")
    assert str(caught.value).startswith("bad?name.txt: ")


# --- Fuzzing: anything in, a ResumeText or a ResumeReadError out ---------------------------------------

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)


@FUZZ
@given(data=st.binary(max_size=3_000), extension=st.sampled_from([*SUPPORTED_EXTENSIONS, ""]))
def test_arbitrary_bytes_never_escape(data: bytes, extension: str) -> None:
    try:
        result = read_resume_bytes(data, "cv" + extension)
    except ResumeReadError as error:
        assert "\n" not in str(error)
    else:
        assert isinstance(result, ResumeText) and result.text


SEEDS = [(EXAMPLES / name).read_bytes() for name in ALL_EXAMPLES]


@FUZZ
@given(
    seed=st.sampled_from(SEEDS),
    cut=st.floats(0.05, 1.0),
    edits=st.lists(st.tuples(st.floats(0, 0.999), st.integers(0, 255)), max_size=8),
)
def test_damaged_examples_never_escape(seed: bytes, cut: float, edits: list[tuple[float, int]]) -> None:
    data = bytearray(seed[: max(1, int(len(seed) * cut))])
    for where, value in edits:
        data[int(where * len(data))] = value
    for name in ("cv", "cv.pdf", "cv.docx", "cv.txt"):
        with contextlib.suppress(ResumeReadError):
            read_resume_bytes(bytes(data), name)


@FUZZ
@given(text=st.text(max_size=2_000))
def test_markdown_and_sections_accept_any_text(text: str) -> None:
    sections = split_sections(text)
    assert all(isinstance(key, str) and value for key, value in sections.items())
    with contextlib.suppress(ResumeReadError):
        read_resume_bytes(text.encode(), "cv.md")
