"""Helpers for the server tests: an app over the fake encoder and a fake etiquette guard."""

from __future__ import annotations

import contextlib
import io
import socket
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from infoquest import etiquette, transformer_encoder
from infoquest.encoders import HashingEncoder
from infoquest.errors import InputError
from infoquest.etiquette import EtiquetteVerdict
from infoquest.recommender import Recommender

ROOT = Path(__file__).resolve().parents[1]
RESUMES = ROOT / "examples" / "resumes"
SUGGESTION = "How do people in your field usually hear about openings?"
GOALS = "I'm a junior in nursing and want a summer externship. Which specialties are growing?"
ROLE = "alum from my school, 3 yrs into nursing at a childrens hospital"
RESUME_TEXT = """Jordan Lee

Experience
Mathematics Teacher, Lincoln High School, Aug 2014 - Present
Taught algebra and statistics to 150 students a year; wrote Python scripts to automate grading.

Education
B.S. Mathematics, State University, 2010 - 2014
"""

_RECOMMENDER: Recommender | None = None


def fake_check(texts: Any, **_: object) -> list[EtiquetteVerdict]:
    """The guard without the model: a question mentioning a job, hiring or a position asks for a job.

    Like the real guard, an empty question is an ``InputError``."""
    verdicts = []
    for position, text in enumerate(texts, start=1):
        if not text.strip():
            raise InputError(f"question {position} is empty; give the question's text")
        asks = any(word in text.lower() for word in ("job", "hiring", "position"))
        verdicts.append(
            EtiquetteVerdict(
                text=" ".join(text.split()),
                asks_for_job=asks,
                confidence=0.9,
                reason="fake guard",
                suggestion=SUGGESTION if asks else None,
            )
        )
    return verdicts


def fast_recommender() -> Recommender:
    """One recommender over the fake encoder for the whole session (its index is built once)."""
    global _RECOMMENDER
    if _RECOMMENDER is None:
        _RECOMMENDER = Recommender(encoder=HashingEncoder(128), trained=False)
    return _RECOMMENDER


def no_real_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stand in the fake guard, and fail any attempt to load the real model."""

    def refuse(model_dir: str) -> Any:
        raise AssertionError(f"a fast test tried to load the real model from {model_dir}")

    monkeypatch.setattr(transformer_encoder, "_load_sentence_transformer", refuse)
    monkeypatch.setattr(etiquette, "check_questions", fake_check)


def make_odt() -> bytes:
    """A small OpenDocument résumé."""
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    )
    content = f"""<office:document-content {ns}><office:body><office:text>
      <text:h text:outline-level="1">Experience</text:h>
      <text:p>Line cook, Blue Door Bistro, 2021 - Present</text:p>
      <text:h text:outline-level="1">Education</text:h>
      <text:p>Culinary diploma, 2020</text:p>
      </office:text></office:body></office:document-content>"""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def pdf_with_photo(photo_bytes: int) -> bytes:
    """A text PDF carrying an incompressible image, so the file is over ``photo_bytes`` in size."""
    import os

    from fpdf import FPDF
    from PIL import Image

    side = int((photo_bytes / 3) ** 0.5) + 1
    photo = Image.frombytes("RGB", (side, side), os.urandom(side * side * 3))
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in ("Jordan Lee", "Experience", "Mathematics Teacher, Lincoln High School, 2014 - Present"):
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    pdf.image(photo, x=10, y=60, w=40)
    return bytes(pdf.output())


@contextlib.contextmanager
def running_server(app: Any) -> Iterator[str]:
    """Serve ``app`` with uvicorn on a free loopback port in a thread; yields its base URL."""
    import threading
    import time

    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 120  # the real model loads at start-up
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
