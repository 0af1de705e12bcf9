"""Reading profiles from JSON Lines and CSV: one record per line or row, bad records as errors, bounded."""

from __future__ import annotations

import io
import json

import pytest
from tests.conftest import RESUME

from infoquest import InputError
from infoquest import batch_input as bi
from infoquest.batch_input import ProfileRecord, format_of, parse_profile_line, profile_record, read_records

SECRET = "Confidential-Employer-Zebra"


def jsonl(*rows: object) -> io.BytesIO:
    lines = [row if isinstance(row, str) else json.dumps(row) for row in rows]
    return io.BytesIO(("\n".join(lines) + "\n").encode("utf-8"))


def read(data: bytes | io.BytesIO, fmt: str = "jsonl", **kwargs: object) -> list[ProfileRecord]:
    stream = data if isinstance(data, io.BytesIO) else io.BytesIO(data)
    return list(read_records(stream, fmt, **kwargs))  # type: ignore[arg-type]


# --- JSON Lines -----------------------------------------------------------------------------------------------


def test_jsonl_records_become_profiles_with_their_ids_and_physical_line_numbers():
    records = read(
        jsonl(
            {"id": "a", "goals": "Move into UX research", "role": "UX lead", "stage": "career_changer"},
            "",
            "   ",
            {"id": 7, "resume": RESUME, "met_before": True, "interviewee": "recruiter"},
            {"goals": "Learn about nursing", "role": None},
        )
    )
    assert [(r.line, r.id, r.error) for r in records] == [(1, "a", None), (4, 7, None), (5, None, None)]
    first, second, third = (r.profile for r in records)
    assert first is not None and first.goals == "Move into UX research" and first.stage == "career_changer"
    assert second is not None and second.met_before and second.interviewee == "recruiter"
    assert second.resume_sections  # a résumé given as text gets its sections, as a file's do
    assert third is not None and third.role == ""


@pytest.mark.parametrize(
    ("line", "fragment"),
    [
        ("not json", "not valid JSON"),
        ('{"goals": "x",}', "not valid JSON"),
        ("42", "a profile is a JSON object"),
        ('"text"', "not a string"),
        ("null", "not null"),
        ('{"goal": "typo"}', "unknown field 'goal'"),
        ('{"goals": "x", "resume_sections": {}}', "unknown field 'resume_sections'"),
        ('{"id": 1.5, "goals": "x"}', "id must be a string or a whole number, not a number"),
        ('{"id": true, "goals": "x"}', "id must be a string or a whole number, not true or false"),
        ('{"id": "a"}', "the profile is empty"),
        ('{"goals": "x", "stage": "wizard"}', "unknown stage 'wizard'"),
        ('{"goals": 5}', "goals"),
        ('{"goals": "x", "met_before": "perhaps"}', "met_before"),
        ('{"goals": "x", "resume": "y", "resume_path": "cv.md"}', "not both"),
        ('{"goals": "x", "resume_path": 3}', "resume_path must be a file path, not a number"),
    ],
)
def test_a_bad_record_is_an_error_and_the_next_record_is_still_read(line, fragment):
    records = read(jsonl(line, {"id": "next", "goals": "Learn about nursing"}))
    assert len(records) == 2
    assert records[0].profile is None and records[0].line == 1
    assert records[0].error is not None and fragment in records[0].error
    assert "\n" not in records[0].error
    assert records[1].id == "next" and records[1].profile is not None


def test_an_error_record_keeps_the_id_when_it_could_be_read():
    (record,) = read(jsonl({"id": "p9", "goals": "x", "stage": "wizard"}))
    assert record.id == "p9" and record.error


def test_a_long_id_is_refused_not_echoed():
    (record,) = read(jsonl({"id": "x" * (bi.MAX_ID_CHARS + 1), "goals": "x"}))
    assert record.id is None and record.error is not None and "id is too long" in record.error


def test_too_long_fields_and_records_are_errors_that_never_quote_the_resume():
    long_resume = (SECRET + " ") * 4_000  # over 100,000 characters
    rows = [
        {"id": "long", "goals": "x", "resume": long_resume},
        {"id": "goals", "goals": "g" * 5_001, "resume": SECRET},
        {"id": "bad-stage", "resume": RESUME + SECRET, "stage": "wizard"},
    ]
    records = read(jsonl(*rows))
    assert [r.id for r in records] == ["long", "goals", "bad-stage"]
    assert "resume is too long" in (records[0].error or "")
    assert "goals is too long" in (records[1].error or "")
    for record in records:
        assert record.error is not None and SECRET not in record.error


def test_a_record_over_the_byte_limit_is_skipped_unread_and_reading_goes_on():
    huge = json.dumps({"id": "huge", "goals": "x" * (bi.MAX_RECORD_BYTES + 10)})
    records = read(jsonl({"id": "a", "goals": "first"}, huge, {"id": "b", "goals": "after"}))
    assert [(r.line, r.id) for r in records] == [(1, "a"), (2, None), (3, "b")]
    assert records[1].error is not None and "over 1,048,576 bytes" in records[1].error
    assert records[2].profile is not None and records[2].profile.goals == "after"


def test_a_record_of_exactly_the_limit_is_read(monkeypatch):
    monkeypatch.setattr(bi, "MAX_RECORD_BYTES", 40)
    fits = json.dumps({"goals": "x" * 26})  # 40 bytes with its newline
    assert len(fits) + 1 == 40
    records = read(jsonl(fits, json.dumps({"goals": "x" * 27}), fits))
    assert [r.error is None for r in records] == [True, False, True]
    assert [r.line for r in records] == [1, 2, 3]


def test_the_last_line_needs_no_newline_and_crlf_is_read():
    records = read(b'{"goals": "a"}\r\n{"goals": "b"}')
    assert [r.profile.goals for r in records if r.profile] == ["a", "b"]


def test_a_record_that_is_not_utf8_is_an_error_and_a_bom_is_allowed():
    records = read(b'\xef\xbb\xbf{"goals": "a"}\n{"goals": "caf\xe9"}\n')
    assert records[0].profile is not None
    assert records[1].error is not None and "not UTF-8" in records[1].error


def test_a_json_array_is_refused_as_a_whole():
    with pytest.raises(InputError, match="JSON array"):
        read(b'[\n{"goals": "a"}\n]\n')


def test_an_unknown_format_is_refused():
    with pytest.raises(InputError, match="unknown input format"):
        read(b"", "xml")


def test_an_empty_input_has_no_records():
    assert read(b"") == [] and read(b"\n\n") == [] and read(b"", "csv") == []


def test_reading_streams_one_record_at_a_time():
    class Counting(io.BytesIO):
        def readline(self, size: int | None = -1) -> bytes:
            self.reads = getattr(self, "reads", 0) + 1
            return super().readline(size)

    stream = Counting(jsonl(*({"goals": f"goal {n}"} for n in range(1_000))).getvalue())
    records = read_records(stream, "jsonl")
    next(records)
    next(records)
    assert stream.reads == 2


# --- résumé files ---------------------------------------------------------------------------------------------


def test_resume_paths_are_read_relative_to_the_base_folder(tmp_path):
    (tmp_path / "cvs").mkdir()
    (tmp_path / "cvs" / "jordan.md").write_text(f"# Jordan Lee\n\n{RESUME}", encoding="utf-8")
    absolute = tmp_path / "cvs" / "abs.txt"
    absolute.write_text(RESUME, encoding="utf-8")
    rows = [{"goals": "x", "resume_path": "cvs/jordan.md"}, {"resume_path": str(absolute)}]
    records = read(jsonl(*rows), base_dir=tmp_path)
    assert [r.error for r in records] == [None, None]
    first = records[0].profile
    assert first is not None and "Mathematics Teacher" in first.resume and "#" not in first.resume
    assert "experience" in first.resume_sections


def test_an_unreadable_resume_file_is_an_error_naming_the_file(tmp_path):
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4 not really")
    rows = [
        {"id": "m", "resume_path": "missing.md"},
        {"id": "s", "resume_path": "scan.pdf"},
        {"id": "d", "resume_path": "."},
    ]
    records = read(jsonl(*rows), base_dir=tmp_path)
    assert [r.id for r in records] == ["m", "s", "d"]
    assert "missing.md: no such file" in (records[0].error or "")
    assert "scan.pdf" in (records[1].error or "")
    assert "is a folder" in (records[2].error or "")


def test_a_resume_path_of_dash_is_a_file_not_standard_input(tmp_path, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(RESUME.encode())))
    (record,) = read(jsonl({"goals": "x", "resume_path": "-"}), base_dir=tmp_path)
    assert record.error is not None and "no such file" in record.error


def test_profile_record_and_parse_profile_line_take_one_record():
    record = profile_record({"id": "r", "goals": "Learn about nursing", "stage": None}, 12)
    assert record.line == 12 and record.profile is not None and record.profile.stage is None
    assert parse_profile_line(b'{"goals": "x"}', 3).profile is not None
    assert parse_profile_line("{", 4).error == "not valid JSON (Expecting property name enclosed in double quotes)"


# --- CSV ------------------------------------------------------------------------------------------------------

CSV = (
    "id,goals,role,resume,stage,interviewee,met_before\r\n"
    'a,"Move into UX research, soon",UX lead,,career_changer,,yes\r\n'
    'b,"Two\nline ""goals""",,"Jordan Lee\nExperience\nTeacher, 2014 – Present",,recruiter,0\r\n'
    "c,Learn about nursing,nurse,,,,\r\n"
)


def test_csv_rows_become_profiles_and_quoted_line_breaks_stay_in_their_field():
    records = read(CSV.encode(), "csv")
    assert [(r.line, r.id, r.error) for r in records] == [(2, "a", None), (3, "b", None), (7, "c", None)]
    a, b, c = (r.profile for r in records)
    assert a is not None and a.goals == "Move into UX research, soon" and a.met_before and a.stage == "career_changer"
    assert b is not None and b.goals == 'Two\nline "goals"' and not b.met_before and b.interviewee == "recruiter"
    assert "Teacher" in b.resume
    assert c is not None and c.role == "nurse" and c.stage is None  # empty cells are missing fields


def test_csv_header_is_matched_loosely_and_may_have_a_bom():
    records = read("\ufeffGoals , Role\nLearn about nursing,nurse\n".encode(), "csv")
    assert records[0].profile is not None and records[0].profile.role == "nurse"


@pytest.mark.parametrize(
    ("row", "fragment"),
    [
        ('x,"bad"quote,r\n', "not valid CSV"),
        ("x,too,many,fields\n", "4 fields where the header has 3"),
        ("x\n", "1 fields where the header has 3"),
        ("x,,\n", "the profile is empty"),
        ('x,a stray " quote,r\ny,another " one,r\n', "a double quote outside a quoted field"),
        (b"x,caf\xe9,r\n", "not UTF-8"),
    ],
)
def test_a_bad_csv_row_is_an_error_and_the_next_row_is_still_read(row, fragment):
    data = b"id,goals,role\n" + (row if isinstance(row, bytes) else row.encode()) + b"ok,Learn about nursing,nurse\n"
    records = read(data, "csv")
    assert records[0].error is not None and fragment in records[0].error, records[0].error
    assert records[-1].id == "ok" and records[-1].profile is not None


def test_an_unterminated_quote_is_one_error_to_the_end_of_the_input():
    records = read(b'id,goals\na,"never closed\nb,Learn about nursing\n', "csv")
    assert len(records) == 1 and records[0].error is not None and "not valid CSV" in records[0].error


@pytest.mark.parametrize(
    ("header", "fragment"),
    [
        ("id,goal,role", "unknown CSV column 'goal'"),
        ("id,goals,goals", "appears twice"),
        ("id,role", "names none of goals, resume, resume_path"),
    ],
)
def test_a_bad_csv_header_refuses_the_whole_file(header, fragment):
    with pytest.raises(InputError, match=fragment):
        read(f"{header}\nx,y,z\n".encode(), "csv")


def test_a_csv_header_over_the_limit_refuses_the_whole_file(monkeypatch):
    monkeypatch.setattr(bi, "MAX_RECORD_BYTES", 10)
    with pytest.raises(InputError, match="header"):
        read(b"id,goals,role,resume\n", "csv")


def test_a_csv_row_over_the_limit_spanning_lines_is_one_error(monkeypatch):
    monkeypatch.setattr(bi, "MAX_RECORD_BYTES", 60)
    long_field = "\n".join(["a line of a long quoted field"] * 5)
    data = f'id,goals\nbig,"{long_field}"\nok,Learn about nursing\n'.encode()
    records = read(data, "csv")
    assert [(r.line, r.id) for r in records] == [(2, None), (7, "ok")]
    assert records[0].error is not None and "over 60 bytes" in records[0].error


# --- formats --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("p.jsonl", "jsonl"), ("dir/p.JSON", "jsonl"), ("p.ndjson", "jsonl"), ("p.csv", "csv"), ("P.CSV", "csv")],
)
def test_the_format_is_recognised_from_the_extension(name, fmt):
    assert format_of(name) == fmt


def test_an_unknown_extension_says_how_to_give_the_format():
    with pytest.raises(InputError, match="--input-format"):
        format_of("profiles.txt")
