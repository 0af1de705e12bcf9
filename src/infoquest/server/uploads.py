"""Request bodies read into memory with a hard cap, and multipart forms parsed there too.

Starlette's own form parser spools uploads over 1 MiB to temporary files; a résumé must never touch the
disk, so bodies are read here chunk by chunk (refused once they pass the cap, and before reading at
all when ``Content-Length`` already says so) and multipart forms are parsed from those bytes by
python-multipart's streaming parser into plain ``bytes``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from starlette.requests import Request

from infoquest.resume import MAX_FILE_BYTES

#: Room for the form's other fields (pasted text, goals, role) and the multipart framing around a file.
FORM_OVERHEAD_BYTES = 1024 * 1024
#: The largest request body read at all.
MAX_BODY_BYTES = MAX_FILE_BYTES + FORM_OVERHEAD_BYTES
#: More parts than any form of ours has; a flood of tiny parts is refused early.
MAX_PARTS = 200
_MIB = 2**20


class BodyTooLarge(Exception):
    """The request body (or the uploaded file in it) is over the limit; the message is one line."""


class BadForm(Exception):
    """The multipart body cannot be parsed; the message is one line."""


@dataclass(frozen=True)
class Upload:
    """One uploaded file, in memory."""

    filename: str
    content_type: str
    data: bytes = field(repr=False)


@dataclass(frozen=True)
class Form:
    """A parsed form: text fields (a name may repeat) and uploaded files by field name."""

    fields: dict[str, list[str]]
    files: dict[str, Upload]


def too_large_message(what: str) -> str:
    return (
        f"{what} is over the {MAX_FILE_BYTES // _MIB} MiB limit for a résumé; "
        "save a smaller copy (fewer images) or paste the text"
    )


async def read_body(request: Request, limit: int | None = None) -> bytes:
    """The whole body, refused with :class:`BodyTooLarge` before reading when ``Content-Length`` is over
    ``limit`` (default :data:`MAX_BODY_BYTES`), and as soon as the bytes streamed pass it otherwise."""
    limit = MAX_BODY_BYTES if limit is None else limit
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise BodyTooLarge(too_large_message(f"the request ({int(declared) / _MIB:.1f} MiB)"))
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge(too_large_message("the request"))
        chunks.append(chunk)
    return b"".join(chunks)


def parse_multipart(body: bytes, content_type: str) -> Form:
    """Parse a ``multipart/form-data`` body held in memory; files stay ``bytes`` (never spooled).

    Raises:
        BadForm: no boundary, malformed framing, too many parts, or a text field that is not UTF-8.
        BodyTooLarge: one file is over the résumé limit.
    """
    from python_multipart.multipart import MultipartParser, parse_options_header

    _, params = parse_options_header(content_type)
    boundary = params.get(b"boundary")
    if not boundary:
        raise BadForm("the multipart body has no boundary; send it as a browser or an HTTP library would")
    parts: list[tuple[dict[str, str], bytearray]] = []
    header_name, header_value = bytearray(), bytearray()

    def on_part_begin() -> None:
        if len(parts) >= MAX_PARTS:
            raise BadForm(f"the form has more than {MAX_PARTS} parts; send one résumé and its fields")
        parts.append(({}, bytearray()))

    def on_header_field(data: bytes, start: int, end: int) -> None:
        header_name.extend(data[start:end])

    def on_header_value(data: bytes, start: int, end: int) -> None:
        header_value.extend(data[start:end])

    def on_header_end() -> None:
        parts[-1][0][header_name.decode("latin-1").lower()] = header_value.decode("latin-1")
        header_name.clear()
        header_value.clear()

    def on_part_data(data: bytes, start: int, end: int) -> None:
        buffer = parts[-1][1]
        buffer.extend(data[start:end])
        if len(buffer) > MAX_FILE_BYTES:
            raise BodyTooLarge(too_large_message("the uploaded file"))

    parser = MultipartParser(
        boundary,
        {
            "on_part_begin": on_part_begin,
            "on_header_field": on_header_field,
            "on_header_value": on_header_value,
            "on_header_end": on_header_end,
            "on_part_data": on_part_data,
        },
    )
    try:
        parser.write(body)
        parser.finalize()
    except (BodyTooLarge, BadForm):
        raise
    except Exception as exc:  # python-multipart's errors quote no content, but say nothing useful either
        raise BadForm("the multipart body is malformed; send it as a browser or an HTTP library would") from exc
    return _form(parts)


def _form(parts: list[tuple[dict[str, str], bytearray]]) -> Form:
    from python_multipart.multipart import parse_options_header

    fields: dict[str, list[str]] = {}
    files: dict[str, Upload] = {}
    for headers, data in parts:
        _, options = parse_options_header(headers.get("content-disposition", ""))
        name = options.get(b"name", b"").decode("utf-8", "replace")
        if not name:
            continue
        if b"filename" in options:
            filename = options[b"filename"].decode("utf-8", "replace")
            if filename or data:  # a browser sends an empty part for a file input left empty
                files[name] = Upload(filename, headers.get("content-type", ""), bytes(data))
            continue
        try:
            fields.setdefault(name, []).append(data.decode("utf-8"))
        except UnicodeDecodeError:
            raise BadForm(f"the form field {name!r} is not UTF-8 text; send text fields as UTF-8") from None
    return Form(fields, files)
