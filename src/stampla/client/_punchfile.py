"""Reading punch files for ``stampla push``: CSV like SoftOne GO's punch list, or JSON.

CSV has one punch per row under a header naming its columns, in English or with the Swedish
names of SoftOne GO's punch list (Datum, Tid, Kostnadsställe, ...), in any letter case. Files
come from Excel as often as from programs, so they may be UTF-8 (with or without a BOM) or
Windows-1252, and separated by commas, semicolons or tabs. A date and time without an offset
is company-local time, exactly as on the wire. JSON is an array of TimeStampEntry objects.

A comment is kept, but not sent: the wire format has no field for it, and putting it into
another field would change what the punch means. It stays with the punch in the outbox, next
to the id the server gives the punch, for whoever needs to look it up.

An unknown column is an error rather than ignored: a misspelt "Kostnadsställe" would otherwise
drop every cost centre of the file without a word.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from stampla.wire import TimeStampEntry

from ._exceptions import InvalidPunchFile
from .outbox import Punch

#: Column -> the header names it goes by (compared in lower case).
COLUMNS: dict[str, tuple[str, ...]] = {
    "date": ("date", "datum"),
    "time": ("time", "tid"),
    "timestamp": ("timestamp",),
    "type": ("type", "typ", "timestampentrytype"),
    "employee": ("employee", "employeenr", "employee id", "anställningsnummer"),
    "external_code": ("employeeexternalcode", "externalcode", "external code"),
    "terminal": ("terminal", "timeterminalid"),
    "break": ("break", "isbreak", "rast"),
    "account": ("account", "accountnr", "cost centre", "cost center", "kostnadsställe"),
    "dim": ("dim", "sieaccountdim", "sie dimension"),
    "code": ("code", "causes", "orsak", "timescheduletypecode"),
    "comment": ("comment", "kommentar"),
}
_BY_HEADER = {name: column for column, names in COLUMNS.items() for name in names}
_TRUE = {"1", "true", "yes", "ja", "x"}
_FALSE = {"0", "false", "no", "nej"}


@dataclass(frozen=True, slots=True)
class RowProblem:
    """Why one row (``punches.csv:12``) or array item (``punches.json[3]``) was not queued."""

    source: str
    message: str


@dataclass(slots=True)
class PunchFile:
    """The punches read from a file, and the rows that could not be read."""

    punches: list[Punch] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)


def read_punch_file(
    path: str | Path,
    *,
    terminal: int | None = None,
    encoding: str | None = None,
    date_format: str | None = None,
) -> PunchFile:
    """Every punch of a .csv or .json file; ``terminal`` fills in a missing TimeTerminalId.

    ``date_format`` is a strptime format for dates that are not ISO (e.g. ``%m/%d/%y``).
    Raises InvalidPunchFile when the file as a whole cannot be read.
    """
    path = Path(path)
    text = _decode(path.read_bytes(), encoding, path.name)
    if path.suffix.lower() == ".json":
        return _read_json(text, path.name, terminal)
    return _read_csv(text, path.name, terminal, date_format)


def _decode(raw: bytes, encoding: str | None, name: str) -> str:
    for candidate in [encoding] if encoding else ["utf-8-sig", "cp1252"]:
        try:
            return raw.decode(candidate)
        except UnicodeDecodeError:
            continue
        except LookupError:
            raise InvalidPunchFile(f"{encoding!r} is not a known encoding") from None
    raise InvalidPunchFile(f"{name} is neither UTF-8 nor Windows-1252 text")


def _read_csv(text: str, name: str, terminal: int | None, date_format: str | None) -> PunchFile:
    lines = text.splitlines()
    first = lines[0] if lines else ""
    delimiter = max(",;\t", key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = _columns(next(reader, []), name, terminal)
    found = PunchFile()
    for values in reader:
        if not any(value.strip() for value in values):
            continue
        source = f"{name}:{reader.line_num}"
        row = {column: value.strip() for column, value in zip(header, values, strict=False)}
        try:
            fields = _entry_fields(row, terminal, date_format)
            entry = TimeStampEntry.model_validate(fields)
        except ValueError as error:  # pydantic's ValidationError is a ValueError too
            found.problems.append(RowProblem(source, _explain(error)))
            continue
        found.punches.append(Punch(entry, row.get("comment") or None, source))
    return found


def _columns(header: list[str], name: str, terminal: int | None) -> list[str]:
    names = [cell.strip().lower() for cell in header]
    unknown = [cell for cell in names if cell and cell not in _BY_HEADER]
    if unknown:
        raise InvalidPunchFile(
            f"{name}: unknown column(s) {', '.join(map(repr, unknown))}; known columns are "
            + ", ".join(aliases[0] for aliases in COLUMNS.values())
        )
    columns = [_BY_HEADER.get(cell, "") for cell in names]
    needed = [("timestamp" in columns or {"date", "time"} <= set(columns), "date and time")]
    needed += [("type" in columns, "type"), ("employee" in columns, "employee")]
    needed += [("terminal" in columns or terminal is not None, "terminal (or --terminal)")]
    if missing := [what for present, what in needed if not present]:
        raise InvalidPunchFile(f"{name}: the header lacks {', '.join(missing)}")
    return columns


def _entry_fields(row: dict[str, str], terminal: int | None, date_format: str | None) -> dict:
    def get(column: str) -> str | None:
        return row.get(column) or None

    fields: dict[str, Any] = {
        "EmployeeNr": get("employee"),
        "EmployeeExternalCode": get("external_code"),
        "TimeStamp": get("timestamp") or _local_time(row, date_format),
        "TimeStampEntryType": _entry_type(get("type")),
        "IsBreak": _flag(get("break")),
        "TimeTerminalId": get("terminal") or terminal,
        "AccountNr": get("account"),
        "SieAccountDim": get("dim"),
    }
    if code := get("code"):
        fields["TimeScheduleTypes"] = [{"TimeScheduleTypeCode": code}]
    return {key: value for key, value in fields.items() if value is not None}


def _local_time(row: dict[str, str], date_format: str | None) -> str | None:
    day_text, time_text = row.get("date"), row.get("time")
    if not day_text or not time_text:
        return None
    try:
        day = (
            datetime.strptime(day_text, date_format).date()
            if date_format
            else date.fromisoformat(day_text)
        )
    except ValueError:
        hint = f"the format {date_format}" if date_format else "YYYY-MM-DD (or give --date-format)"
        raise ValueError(f"date {day_text!r} does not match {hint}") from None
    try:
        moment = time.fromisoformat(time_text)
    except ValueError:
        raise ValueError(f"time {time_text!r} is not HH:MM or HH:MM:SS") from None
    return datetime.combine(day, moment).isoformat()


def _entry_type(text: str | None) -> str | None:
    """In/Out as the wire has them; the Swedish punch list's "Ut" is Out."""
    return "Out" if text and text.lower() == "ut" else text


def _flag(text: str | None) -> bool | None:
    if text is None:
        return None
    if text.lower() in _TRUE | _FALSE:
        return text.lower() in _TRUE
    raise ValueError(f"break {text!r} is not yes/no (or 1/0, true/false)")


def _read_json(text: str, name: str, terminal: int | None) -> PunchFile:
    try:
        items = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidPunchFile(f"{name} is not JSON: {error}") from None
    if not isinstance(items, list):
        raise InvalidPunchFile(f"{name} must hold a JSON array of TimeStampEntry objects")
    found = PunchFile()
    for index, item in enumerate(items):
        source = f"{name}[{index}]"
        if not isinstance(item, dict):
            found.problems.append(RowProblem(source, "must be a JSON object"))
            continue
        fields = {key: value for key, value in item.items() if key.lower() != "comment"}
        comment = next((v for k, v in item.items() if k.lower() == "comment"), None)
        if terminal is not None and not any(k.lower() == "timeterminalid" for k in fields):
            fields["TimeTerminalId"] = terminal
        try:
            entry = TimeStampEntry.model_validate(fields)
        except ValidationError as error:
            found.problems.append(RowProblem(source, _explain(error)))
            continue
        found.punches.append(Punch(entry, str(comment) if comment else None, source))
    return found


def _explain(error: ValueError) -> str:
    if not isinstance(error, ValidationError):
        return str(error)
    return "; ".join(_problem(item) for item in error.errors())


def _problem(item: Any) -> str:
    where = ".".join(str(part) for part in item["loc"]) or "entry"
    if item["type"] == "missing":
        return f"{where} is required"
    return f"{where}: {item['msg'].removeprefix('Value error, ')}"
