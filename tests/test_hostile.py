"""Hostile input (issue 15): every case ends within 10 s and 500 MiB, with exit 0 or 1 and one line.

Each input is built here. The heavy cases run in a child process that reports its own peak memory,
so a regression fails the test instead of taking the test run down with it.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import subprocess
import sys
import textwrap
import threading
import time
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from click.testing import CliRunner, Result

from infoquest import cli as cli_module
from infoquest import transformer_encoder, validation
from infoquest.budget import BudgetExceeded, WorkBudget
from infoquest.corpus import load_corpus
from infoquest.duplicates import near_duplicate_pairs
from infoquest.encoders import HashingEncoder
from infoquest.errors import CorpusError, ResumeReadError
from infoquest.etiquette import EtiquetteGuard, EtiquetteVerdict
from infoquest.recommender import Recommender
from infoquest.resume import read_resume, read_resume_bytes
from infoquest.sanitise import for_json, for_terminal, one_line, quote
from infoquest.selection import NEAR_DUPLICATE
from infoquest.timeline import read_timeline
from infoquest.validation import near_duplicate_problems, validate_corpus_file

SRC = Path(__file__).resolve().parents[1] / "src"
MiB = 2**20
TIME_LIMIT = 10.0
MEMORY_LIMIT = 500 * MiB
# Characters that must never reach a terminal raw: ESC (CSI, OSC), BEL, BS, DEL, the one-byte CSI,
# NEL, bidi overrides and isolates.
RAW = ("\x1b", "\x07", "\x08", "\x7f", "\x9b", "\x85", "\u202e", "\u2066", "\u2069", "\r")
HOSTILE = "Bad \x1b[31mred\x1b[0m \x1b]0;title\x07 bell\x07 back\x08 del\x7f csi\x9b2J bidi\u202eevil\u2066x\u2069 end"


@pytest.fixture(autouse=True)
def _fake_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        cli_module, "_recommender", lambda path: Recommender(corpus=path, encoder=HashingEncoder(128), trained=False)
    )

    def check(self: EtiquetteGuard, texts: list[str], vectors: Any = None) -> list[EtiquetteVerdict]:
        return [
            EtiquetteVerdict(text=" ".join(t.split()), asks_for_job=False, confidence=1.0, reason="") for t in texts
        ]

    monkeypatch.setattr(EtiquetteGuard, "check", check)  # the guard's head needs the real model

    def refuse(model_dir: str) -> Any:
        raise AssertionError("a hostile-input test tried to load the real model")

    monkeypatch.setattr(transformer_encoder, "_load_sentence_transformer", refuse)


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(cli_module.cli, [str(a) for a in args], catch_exceptions=False)


def assert_one_line(result: Result, *fragments: str) -> str:
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


# --- Building hostile files ----------------------------------------------------------------------------


def build_pdf(objects: list[bytes]) -> bytes:
    """A PDF of numbered objects (1 is the catalog) with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def pdf_stream(data: bytes, extra: bytes = b"") -> bytes:
    packed = zlib.compress(data, 9)
    return b"<< /Length %d /Filter /FlateDecode %s >>\nstream\n" % (len(packed), extra) + packed + b"\nendstream"


def one_page_pdf(content: bytes, resources: bytes, more: tuple[bytes, ...] = ()) -> bytes:
    """Objects 1-5: catalog, pages, page, its content, Helvetica as /F1; ``more`` are objects 6, 7, ..."""
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources " + resources + b" /Contents 4 0 R >>"
    return build_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            page,
            pdf_stream(content),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            *more,
        ]
    )


def form_bomb(draws: int = 30_000, form_bytes: int = 60_000) -> bytes:
    """One form XObject of ``form_bytes`` of text drawn ``draws`` times on one page (1.8 KB as a file)."""
    line = b"BT /F1 10 Tf 72 700 Td (Jane Doe, registered nurse) Tj ET\n"
    form = pdf_stream(
        line * (form_bytes // len(line)),
        b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >>",
    )
    resources = b"<< /Font << /F1 5 0 R >> /XObject << /Fm0 6 0 R >> >>"
    return one_page_pdf(b"q /Fm0 Do Q\n" * draws, resources, (form,))


def cid_font_pdf() -> bytes:
    """Text in a Type0 font with Identity-H encoding and no ToUnicode map: glyph ids, not characters."""
    return one_page_pdf(
        b"BT /F1 12 Tf 72 700 Td <0003001100120013001400150016> Tj ET\n",
        b"<< /Font << /F1 6 0 R >> >>",
        (
            b"<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+Calibri /Encoding /Identity-H "
            b"/DescendantFonts [7 0 R] >>",
            b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+Calibri "
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 500 >>",
        ),
    )


def leaky_cmap_pdf() -> bytes:
    """A font whose character map has a broken line quoting personal data: pypdf logs the line."""
    cmap = b"/CIDInit /ProcSet findresource begin\n1 beginbfchar\n41 0041 Jane Doe SSN 078-05-1120\nendbfchar\nend\n"
    return one_page_pdf(
        b"BT /F1 12 Tf 72 700 Td (Experience) Tj 0 -20 Td (Registered nurse at a clinic) Tj ET\n",
        b"<< /Font << /F1 6 0 R >> >>",
        (
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 7 0 R >>",
            pdf_stream(cmap),
        ),
    )


def make_zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in members.items():
            archive.writestr(name, data, compress_type=zipfile.ZIP_STORED if name == "mimetype" else None)
    return buffer.getvalue()


_ODT_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


def odt_entity_bomb(entity_bytes: int = MiB, references: int = 700) -> bytes:
    """content.xml declares one 1 MiB entity and uses it 700 times (700 MiB of text from a 10 KB file)."""
    content = (
        f'<?xml version="1.0"?><!DOCTYPE office:document-content [<!ENTITY a "{"x" * entity_bytes}">]>'
        f"<office:document-content {_ODT_NS}><office:body><office:text><text:p>"
        + "&a;" * references
        + "</text:p></office:text></office:body></office:document-content>"
    )
    return make_zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": content.encode()})


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006"


def docx(body: bytes, headers: tuple[bytes, ...] = ()) -> bytes:
    """A minimal valid Word document: the body's XML and optional headers' XML (inside <w:hdr>)."""
    overrides = "".join(
        f'<Override PartName="/word/header{k}.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
        for k in range(1, len(headers) + 1)
    )
    rels = "".join(
        f'<Relationship Id="rId{k}" Type="{_REL}/header" Target="header{k}.xml"/>' for k in range(1, len(headers) + 1)
    )
    members = {
        "[Content_Types].xml": (
            f'<Types xmlns="{_PKG}/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            f"{overrides}</Types>"
        ).encode(),
        "_rels/.rels": (
            f'<Relationships xmlns="{_PKG}/relationships">'
            f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="word/document.xml"/></Relationships>'
        ).encode(),
        "word/_rels/document.xml.rels": f'<Relationships xmlns="{_PKG}/relationships">{rels}</Relationships>'.encode(),
        "word/document.xml": f"<w:document {_W}><w:body>".encode() + body + b"</w:body></w:document>",
    }
    for k, header in enumerate(headers, start=1):
        members[f"word/header{k}.xml"] = f"<w:hdr {_W}>".encode() + header + b"</w:hdr>"
    return make_zip(members)


def empty_paragraphs_docx(parts: int = 6, part_bytes: int = 8 * MiB - 4096) -> bytes:
    """Six parts (body and five headers) of about 8 MB each, all empty paragraphs: 110 KB zipped."""
    empty = b"<w:p/>" * (part_bytes // 6)
    return docx(empty + b"<w:p><w:r><w:t>Registered nurse</w:t></w:r></w:p>", (empty,) * (parts - 1))


def run_measured(script: str, *args: str) -> dict[str, Any]:
    """Run ``script`` in a child Python; return its output, exit status, wall time and peak memory.

    The child writes its peak RSS to a file (stdout and stderr stay what the user would see) and runs
    under a 2 GiB address-space limit, so a regression fails here instead of exhausting the machine.
    """
    import resource
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "rss"
        wrapper = textwrap.dedent(
            f"""
            import atexit, sys

            def _peak():
                # VmHWM is this process image's own peak: ru_maxrss would also count the pytest process this
                # child was forked from (Linux keeps the high-water mark across exec).
                for line in open("/proc/self/status"):
                    if line.startswith("VmHWM:"):
                        return line.split()[1]
                return "-1"

            atexit.register(lambda: open({str(report)!r}, "w").write(_peak()))
            sys.argv = [sys.argv[0], *sys.argv[1:]]
            """
        )

        def limit() -> None:
            resource.setrlimit(resource.RLIMIT_AS, (2 * 2**30, 2 * 2**30))

        env = {**os.environ, "PYTHONPATH": str(SRC), "HF_HUB_OFFLINE": "1", "INFOQUEST_DEBUG": ""}
        start = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-c", wrapper + textwrap.dedent(script), *args],
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
            preexec_fn=limit,
        )
        seconds = time.monotonic() - start
        rss = int(report.read_text()) * 1024 if report.exists() else -1
    return {"status": done.returncode, "stdout": done.stdout, "stderr": done.stderr, "seconds": seconds, "rss": rss}


READ_ONE = """
import sys
from infoquest.cli import main
sys.argv = ["infoquest", "suggest", "--resume", sys.argv[1], "--goals", "nursing"]
main()
"""


def assert_refused_within_budget(path: Path, *fragments: str) -> str:
    outcome = run_measured(READ_ONE, str(path))
    lines = outcome["stderr"].splitlines()
    assert outcome["status"] == 1 and len(lines) == 1 and lines[0].startswith("Error: "), outcome
    assert outcome["seconds"] < TIME_LIMIT, outcome
    assert 0 < outcome["rss"] < MEMORY_LIMIT, outcome
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return str(lines[0])


# --- 1. A work budget for every résumé reader ------------------------------------------------------------


def test_budget_is_spent_while_working_and_stays_spent() -> None:
    budget = WorkBudget({"characters": 10, "elements": 5})
    budget.spend("characters", 10)
    with pytest.raises(BudgetExceeded) as caught:
        budget.spend("characters")
    assert (caught.value.what, caught.value.limit) == ("characters", 10)
    with pytest.raises(BudgetExceeded):  # a library that swallowed the first one is stopped at its next step
        budget.spend("elements")
    with pytest.raises(BudgetExceeded):
        budget.check()


def test_form_xobject_bomb_ends_in_seconds(tmp_path: Path) -> None:
    data = form_bomb()
    assert len(data) < 2_500
    path = tmp_path / "bomb.pdf"
    path.write_bytes(data)
    line = assert_refused_within_budget(path, "bomb.pdf")
    assert "too long" in line or "too complex" in line
    assert "Jane" not in line


@pytest.mark.parametrize("draws", [2_500, 100_000])
def test_a_small_form_drawn_too_often_is_refused(draws: int) -> None:
    start = time.monotonic()
    with pytest.raises(ResumeReadError, match=r"too complex to read|too long"):
        read_resume_bytes(form_bomb(draws=draws, form_bytes=60), "cv.pdf")
    assert time.monotonic() - start < TIME_LIMIT


def test_a_form_drawn_a_few_times_is_read() -> None:
    resume = read_resume_bytes(form_bomb(draws=3, form_bytes=60), "cv.pdf")
    assert resume.text.count("Jane Doe, registered nurse") == 3


def test_odt_entity_bomb_is_refused_early(tmp_path: Path) -> None:
    data = odt_entity_bomb()
    assert len(data) < 20_000
    path = tmp_path / "bomb.odt"
    path.write_bytes(data)
    assert_refused_within_budget(path, "bomb.odt", "declares a DTD")


def test_docx_of_empty_paragraphs_is_refused_early(tmp_path: Path) -> None:
    data = empty_paragraphs_docx()
    assert len(data) < 200_000
    path = tmp_path / "bomb.docx"
    path.write_bytes(data)
    assert_refused_within_budget(path, "bomb.docx", "XML elements")


def test_docx_with_a_dtd_is_refused() -> None:
    data = docx(b"<w:p><w:r><w:t>Nurse</w:t></w:r></w:p>")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    members["word/document.xml"] = b'<!DOCTYPE w:document [<!ENTITY a "aaaa">]>' + members["word/document.xml"]
    with pytest.raises(ResumeReadError, match="declares a DTD"):
        read_resume_bytes(make_zip(members), "cv.docx")


def test_a_small_docx_still_reads() -> None:
    resume = read_resume_bytes(
        docx(b"<w:p><w:r><w:t>Experience</w:t></w:r></w:p><w:p><w:r><w:t>Nurse</w:t></w:r></w:p>"), "cv.docx"
    )
    assert resume.sections["experience"] == "Nurse"


# --- 2. Linear-time date patterns ---------------------------------------------------------------------


@pytest.mark.parametrize("text", ["jan" * 20_000, "jan" * 29_000, "January " * 10_000, "expected" + " " * 80_000])
def test_timeline_is_linear(text: str) -> None:
    start = time.monotonic()
    read_timeline(text)
    assert time.monotonic() - start < 1.0


def test_resume_with_one_very_long_line(tmp_path: Path) -> None:
    path = tmp_path / "cv.txt"
    path.write_text("Experience\nNurse, Jun 2019 - Present\n" + "jan" * 29_000 + "\n", encoding="utf-8")
    start = time.monotonic()
    result = invoke("suggest", "--resume", path, "--goals", "nursing", "--format", "json", "-k", "3")
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)) == 3
    assert time.monotonic() - start < TIME_LIMIT


# --- 3. Near-duplicates that scale -----------------------------------------------------------------------


def test_blockwise_pairs_match_the_full_matrix() -> None:
    rng = np.random.default_rng(0)
    base = rng.normal(size=(40, 16))
    vectors = np.vstack([base, base[:25] + rng.normal(scale=0.2, size=(25, 16))])
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    sims = vectors @ vectors.T
    expected = {(i, j) for i in range(len(vectors)) for j in range(i + 1, len(vectors)) if sims[i, j] >= 0.9}
    assert expected
    for block in (1, 7, 64, 1024):
        found = list(near_duplicate_pairs(vectors, 0.9, block=block))
        assert {(i, j) for i, j, _ in found} == expected and len(found) == len(expected)
        assert all(abs(sim - sims[i, j]) < 1e-5 for i, j, sim in found)


def _corpus(path: Path, texts: Iterator[str]) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for number, text in enumerate(texts):
            handle.write(json.dumps({"id": f"q{number}", "text": text}) + "\n")
    return path


def test_twenty_thousand_distinct_questions_validate_in_seconds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(1)
    words = [f"w{k:04d}x" for k in range(5_000)]
    texts = (" ".join(rng.choices(words, k=10)) + "?" for _ in range(20_000))
    path = _corpus(tmp_path / "big.jsonl", texts)
    start = time.monotonic()
    report = validate_corpus_file(path, encoder=HashingEncoder(128))
    assert report.questions == 20_000 and report.ok, report.problems[:3]
    assert time.monotonic() - start < TIME_LIMIT


def test_near_identical_questions_stay_in_memory_and_are_capped(tmp_path: Path) -> None:
    path = _corpus(
        tmp_path / "same.jsonl", (f"What does a typical week look like for you, part {n}?" for n in range(3_000))
    )
    script = f"""
    import json
    from infoquest import validation
    from infoquest.encoders import HashingEncoder
    validation._job_request_problems = lambda *args: []
    report = validation.validate_corpus_file({str(path)!r}, encoder=HashingEncoder(384))
    print(json.dumps([p.kind for p in report.problems]))
    """
    outcome = run_measured(script)
    assert outcome["status"] == 0, outcome
    kinds = json.loads(outcome["stdout"])
    assert kinds == ["near_duplicate"] * (validation.MAX_NEAR_DUPLICATES + 1)
    assert outcome["seconds"] < TIME_LIMIT and 0 < outcome["rss"] < MEMORY_LIMIT, outcome


def test_each_question_is_reported_once_and_the_detector_is_pluggable() -> None:
    corpus = [
        (n + 1, q)
        for n, q in enumerate(
            load_corpus_from_texts(["What do you do?", "What do you do all day?", "Where do you work?"])
        )
    ]
    vectors = np.eye(3)

    def everything(vectors: np.ndarray, threshold: float) -> Iterator[tuple[int, int, float]]:
        assert threshold == NEAR_DUPLICATE
        yield from ((0, 1, 0.9), (0, 2, 0.95), (1, 2, 0.99))

    problems = near_duplicate_problems(corpus, vectors, find_pairs=everything)
    assert [(p.line, p.message) for p in problems] == [
        (2, "says the same as line 1 (q0), similarity 0.90"),
        (3, "says the same as line 1 (q0), similarity 0.95"),
    ]
    capped = near_duplicate_problems(corpus, vectors, find_pairs=everything, limit=1)
    assert [p.line for p in capped] == [2, None] and "more near-duplicates" in capped[1].message


def load_corpus_from_texts(texts: list[str]) -> list[Any]:
    from infoquest.corpus import Question

    return [Question(id=f"q{n}", text=text) for n, text in enumerate(texts)]


# --- 4. Files opened safely -----------------------------------------------------------------------------


@pytest.fixture
def fifo(tmp_path: Path) -> Iterator[Path]:
    """A named pipe; a watchdog opens its other end after 5 s so a regression fails instead of hanging."""
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)

    def unblock() -> None:
        with contextlib.suppress(OSError):  # nobody was waiting on it
            os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))

    watchdog = threading.Timer(5.0, unblock)
    watchdog.start()
    yield path
    watchdog.cancel()


FIFO_COMMANDS = {
    "--resume": ("suggest", "--goals", "nursing", "--resume", "{}"),
    "--goals-file": ("suggest", "--goals-file", "{}"),
    "check --file": ("check", "--file", "{}"),
    "--add-file": ("plan", "--goals", "nursing", "--add-file", "{}"),
    "--corpus": ("suggest", "--goals", "nursing", "--corpus", "{}"),
    "corpus validate": ("corpus", "validate", "--fast", "{}"),
    "corpus list": ("corpus", "list", "{}"),
}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize("option", sorted(FIFO_COMMANDS))
def test_a_fifo_is_refused_without_waiting(option: str, fifo: Path) -> None:
    start = time.monotonic()
    result = invoke(*(str(fifo) if arg == "{}" else arg for arg in FIFO_COMMANDS[option]))
    assert time.monotonic() - start < 4.0
    assert_one_line(result, "pipe.txt", "named pipe (FIFO), not a regular file")


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
@pytest.mark.parametrize(
    "args",
    [
        ("corpus", "validate", "/dev/zero"),
        ("corpus", "validate", "--fast", "/dev/zero"),
        ("suggest", "--goals", "nursing", "--corpus", "/dev/zero"),
        ("suggest", "--goals", "nursing", "--resume", "/dev/zero"),
        ("suggest", "--goals-file", "/dev/zero"),
        ("check", "--file", "/dev/zero"),
    ],
)
def test_a_device_is_refused_before_reading(args: tuple[str, ...]) -> None:
    assert_one_line(invoke(*args), "/dev/zero", "is a device, not a regular file")


def test_a_corpus_over_the_limit_is_refused_while_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from infoquest import corpus

    monkeypatch.setattr(corpus, "MAX_CORPUS_BYTES", 100)
    path = _corpus(tmp_path / "c.jsonl", (f"What does a typical week look like, {n}?" for n in range(10)))
    with pytest.raises(CorpusError, match="larger than"):
        load_corpus(path)


# --- 5. Library logs never printed; sniffing by leading magic bytes -----------------------------------


def test_pdf_library_logs_are_never_printed(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "cv.pdf"
    path.write_bytes(leaky_cmap_pdf())
    caplog.set_level("DEBUG")
    result = invoke("suggest", "--resume", path, "--goals", "nursing", "--format", "json", "-k", "1")
    assert result.exit_code == 0, result.output
    assert "Jane" not in result.stderr + caplog.text and "078-05" not in result.stderr + caplog.text


def test_form_bomb_warnings_are_not_printed(
    caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    caplog.set_level("DEBUG")
    with pytest.raises(ResumeReadError):
        read_resume_bytes(form_bomb(draws=2_500, form_bytes=60), "cv.pdf")
    assert caplog.text == "" and capsys.readouterr().err == ""


def test_text_mentioning_a_pdf_header_is_text(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("DEBUG")
    data = b"Jane Doe\nNotes: files start with %PDF-1.7\n\nExperience\nNurse at a clinic\n"
    for name in ("cv.txt", "cv.md", "cv"):
        resume = read_resume_bytes(data, name)
        assert resume.format in ("txt", "md") and resume.sections["experience"] == "Nurse at a clinic"
    assert "Jane" not in caplog.text


# --- 6. One sanitiser for everything printed -------------------------------------------------------------


def assert_clean(text: str) -> None:
    assert not [ch for ch in RAW if ch in text], repr(text)


def strings(data: Any) -> Iterator[str]:
    """Every string in decoded JSON."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from strings(value)


def test_sanitiser_escapes_controls_and_bidi() -> None:
    assert for_terminal("a\x1b[2Jb\tc\nd\u202e") == "a\\x1b[2Jb\tc\nd\\u202e"
    assert one_line("path\nwith\ttab\x9b") == "path\\x0awith\\x09tab\\x9b"
    assert json.loads(for_json(json.dumps(HOSTILE, ensure_ascii=False))) == HOSTILE
    assert_clean(for_json(json.dumps(HOSTILE, ensure_ascii=False)))
    long = quote("x" * 15_000_000)
    assert len(long) < 200 and "15,000,000 characters" in long
    assert len(one_line("y" * 50_000)) <= 1_000


@pytest.mark.parametrize(
    ("command", "fmt"),
    [
        ("suggest", "table"),
        ("suggest", "markdown"),
        ("suggest", "json"),
        ("plan", "markdown"),
        ("plan", "text"),
        ("plan", "json"),
    ],
)
def test_user_text_is_escaped_in_every_format(command: str, fmt: str, tmp_path: Path) -> None:
    corpus = _corpus(
        tmp_path / "c.jsonl",
        iter(
            [
                f"What is {HOSTILE} like?",
                "What does a typical week look like for you?",
                "Who else should I talk to about this work?",
            ]
        ),
    )
    args = [
        command,
        "--goals",
        f"nursing {HOSTILE}",
        "--role",
        f"editor {HOSTILE}",
        "--corpus",
        corpus,
        "--format",
        fmt,
    ]
    if command == "plan":
        args += ["--add", f"How did {HOSTILE} start?", "--minutes", "20"]
    else:
        args += ["--explain"]
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    assert_clean(result.stdout)
    if fmt == "json":  # escaped, not lost: the data still holds what the user gave
        assert any(HOSTILE in text for text in strings(json.loads(result.stdout)))


def test_check_and_corpus_list_escape_user_text(tmp_path: Path) -> None:
    result = invoke("check", f"What is a typical day {HOSTILE}?\nsecond line")
    assert result.exit_code == 0 and len(result.stdout.strip().splitlines()) == 1
    assert_clean(result.stdout)
    corpus = _corpus(tmp_path / "c.jsonl", iter([f"What is {HOSTILE} like?"]))
    for fmt in ("table", "json"):
        listed = invoke("corpus", "list", corpus, "--format", fmt)
        assert listed.exit_code == 0
        assert_clean(listed.stdout)


def test_error_messages_stay_one_clean_line(tmp_path: Path) -> None:
    folder = tmp_path / f"odd\n{HOSTILE}"
    folder.mkdir()
    line = assert_one_line(invoke("corpus", "list", folder / "missing.jsonl"), "not found")
    assert_clean(line)
    big = tmp_path / "big.jsonl"
    big.write_text(json.dumps({"id": "x" * 15_000_000, "text": "What do you do?"}) + "\n", encoding="utf-8")
    line = assert_one_line(invoke("corpus", "list", big), "15,000,000 characters")
    assert len(line) < 500
    report = invoke("corpus", "validate", "--fast", big)
    assert report.exit_code == 1 and len(report.stdout) < 1_000
    bad = _corpus(tmp_path / "bad.jsonl", iter([f"What is {HOSTILE}?"]))
    bad.write_text(json.dumps({"id": "q1", "text": "What now?", "topics": [HOSTILE]}) + "\n", encoding="utf-8")
    assert_clean(assert_one_line(invoke("corpus", "list", bad), "unknown topic"))


def test_resume_path_with_a_newline_stays_on_one_line(tmp_path: Path) -> None:
    path = tmp_path / "my\ncv.txt"
    assert_one_line(invoke("suggest", "--resume", path, "--goals", "x"), "no such file")


# --- 7. Clear messages ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("[" * 10_000 + "]" * 10_000, "too deeply nested"),
        ('{"text": "What now?", "minutes": ' + "9" * 90_000 + "}", "number too long"),
    ],
)
def test_valid_but_extreme_json_says_what_is_wrong(line: str, message: str, tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    assert "not valid JSON" not in assert_one_line(invoke("corpus", "list", path), message)
    report = invoke("corpus", "validate", "--fast", path)
    assert report.exit_code == 1 and message in report.stdout
    resume = line.replace('"text": "What now?", ', '"basics": {"name": "Jo"}, ') if line.startswith("{") else line
    with pytest.raises(ResumeReadError, match=message):
        read_resume_bytes(resume.encode(), "cv.json")


def test_cid_font_without_a_map_is_not_called_a_scan() -> None:
    with pytest.raises(ResumeReadError) as caught:
        read_resume_bytes(cid_font_pdf(), "cv.pdf")
    assert "text cannot be decoded" in str(caught.value) and "scanned" not in str(caught.value)


def test_lone_surrogate_in_json_resume_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "cv.json"
    path.write_text('{"basics": {"name": "Jo"}, "work": [{"position": "Nurse \\ud800"}]}', encoding="utf-8")
    with pytest.raises(ResumeReadError, match=r"cv\.json: contains an invalid \\u escape"):
        read_resume(path)
    assert_one_line(invoke("suggest", "--resume", path, "--goals", "x"), "cv.json", "surrogate")


def _main(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    monkeypatch.setattr("sys.argv", ["infoquest", *argv])
    monkeypatch.delenv("INFOQUEST_DEBUG", raising=False)
    with pytest.raises(SystemExit) as info:
        cli_module.main()
    return int(info.value.code or 0), capsys.readouterr().err


def test_recursion_error_is_an_expected_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def deep(path: str | None) -> Any:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(cli_module, "_recommender", deep)
    status, err = _main(monkeypatch, capsys, "suggest", "--goals", "nursing")
    assert status == 1 and err.splitlines() == ["Error: the input is nested too deeply to process; simplify it"]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_disk_is_an_expected_error(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    with open("/dev/full", "w") as full:
        monkeypatch.setattr("sys.stdout", full)
        status, err = _main(monkeypatch, capsys, "suggest", "--goals", "nursing", "-k", "3")
    assert status == 1
    assert err.splitlines() == [
        "Error: cannot write the output (No space left on device); check the disk space and the destination"
    ]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_writing_to_a_full_disk_from_the_shell() -> None:
    # `infoquest corpus list > /dev/full`: one line, and no second complaint when Python flushes at exit.
    env = {**os.environ, "PYTHONPATH": str(SRC), "INFOQUEST_DEBUG": ""}
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "infoquest", "corpus", "list"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            env=env,
        )
    assert done.returncode == 1, done.stderr
    assert done.stderr.splitlines() == [
        "Error: cannot write the output (No space left on device); check the disk space and the destination"
    ]


# --- Concern reading on long runs of spaces ----------------------------------------------------------------


@pytest.mark.parametrize(
    "goals",
    [
        "My ROS and Python are" + " " * 3_000 + "self-taught and I don't know if that's enough.",
        "I have five years in retail" + " " * 3_000 + "and I'm worried about the pay.",
    ],
)
def test_concerns_are_read_and_written_quickly_around_long_runs_of_spaces(goals: str) -> None:
    # A concern that points back was split with patterns that backtracked on the spaces: 6 s for 400 of them,
    # hours for 3,000 (a hang for the user).
    from infoquest.concerns import extract_concerns
    from infoquest.writer import write_question

    start = time.monotonic()
    written = [write_question(c) for c in extract_concerns(goals)]
    assert time.monotonic() - start < 2.0
    assert written
