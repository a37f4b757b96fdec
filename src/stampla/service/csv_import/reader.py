"""Reading a spreadsheet export: its encoding, its delimiter, and each record's line number.

Swedish spreadsheets save CSV as Windows-1252 with semicolons (the comma is the decimal
separator); other tools write UTF-8, with or without a byte-order mark, and commas or tabs.
Both are read without being told: UTF-8 is tried first (Windows-1252 bytes such as "ö" are
never valid UTF-8), and the delimiter is the one of ``;`` ``,`` ``\\t`` found most often in
the header line, outside quotes.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from stampla.errors import InvalidInput, Problem

DELIMITERS = (";", ",", "\t")
ENCODINGS = ("utf-8", "cp1252")
_ENCODING_NAMES = {
    "utf8": "utf-8",
    "utf-8": "utf-8",
    "utf-8-sig": "utf-8",
    "cp1252": "cp1252",
    "windows-1252": "cp1252",
    "win1252": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "iso-8859-1": "cp1252",
}


@dataclass(frozen=True, slots=True)
class CsvTable:
    """A header and its records, each with the file line it ends on (1 is the header)."""

    header: list[str]
    records: list[tuple[int, list[str]]]
    encoding: str
    delimiter: str


def read_table(data: bytes, encoding: str | None = None, delimiter: str | None = None) -> CsvTable:
    """The table in ``data``; InvalidInput if it cannot be read as CSV text with a header."""
    text, used = decode(data, encoding)
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), None)
    if first is None:
        raise InvalidInput("The file is empty", [Problem("has no header line", "file")])
    chosen = _delimiter(delimiter) if delimiter else sniff_delimiter(first)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=chosen)
    header: list[str] | None = None
    records: list[tuple[int, list[str]]] = []
    try:
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            if header is None:
                header = [cell.strip() for cell in cells]
            else:
                records.append((reader.line_num, cells))
    except csv.Error as error:
        raise InvalidInput(
            f"Line {reader.line_num} cannot be read as CSV: {error}",
            [Problem(str(error), "file", reader.line_num)],
        ) from None
    assert header is not None
    return CsvTable(header, records, used, chosen)


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """The text of ``data`` and the encoding it was read with."""
    candidates = (_encoding(encoding),) if encoding else ENCODINGS
    for name in candidates:
        try:
            text = data.decode("utf-8-sig" if name == "utf-8" else name)
        except UnicodeDecodeError as error:
            if encoding:
                line = data[: error.start].count(b"\n") + 1
                raise InvalidInput(
                    f"The file is not {name} text (line {line})",
                    [Problem(f"byte {error.start} is not {name}", "file", line)],
                ) from None
            continue
        return text, name
    raise InvalidInput(  # cp1252 leaves five bytes undefined; a binary file hits them
        "The file is neither UTF-8 nor Windows-1252 text; is it a CSV export?",
        [Problem("is not text", "file")],
    )


def sniff_delimiter(header_line: str) -> str:
    """The delimiter found most often outside quotes in the header (``;`` on a tie)."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in header_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    return max(DELIMITERS, key=lambda d: counts[d])


def _encoding(name: str) -> str:
    found = _ENCODING_NAMES.get(name.strip().lower())
    if found is None:
        raise InvalidInput(
            f"Unknown encoding {name!r}: use utf-8 or windows-1252",
            [Problem("must be utf-8 or windows-1252", "encoding")],
        )
    return found


def _delimiter(given: str) -> str:
    named = {"semicolon": ";", "comma": ",", "tab": "\t", "\\t": "\t"}
    found = named.get(given.lower(), given)
    if found not in DELIMITERS:
        raise InvalidInput(
            f"Unknown delimiter {given!r}: use ';', ',' or tab",
            [Problem("must be ';', ',' or tab", "delimiter")],
        )
    return found
