"""Checking every record of a file and deciding what becomes of it: create, update or nothing.

Nothing is written here. Every problem of every record is collected (with its line number), so
that the person fixing the file sees all of them at once, not one per attempt.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Row

from stampla.domain.text import match_key
from stampla.errors import Problem

from ..masterdata.registers import account_key
from ..masterdata.values import Parser
from .formats import Columns, ImportFormat
from .reader import CsvTable

#: Progress callback: stage, done, total.
Progress = Callable[[str, int, int], None]
REPORT_EVERY = 1_000


@dataclass(slots=True)
class Record:
    """One checked record: its line, its key, how the audit names it, and its values.

    The key is the match key of the record's EmployeeNr, AccountNr or code
    (``stampla.domain.text``), within its coding level for accounts: "emp1" and "EMP1" are
    one record, in the file and in the register.
    """

    line: int
    key: Hashable
    label: str
    values: dict[str, Any]
    level_id: int | None = None
    level_number: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # values of fields not stored

    def spelled_as(self, form: ImportFormat, stored: str) -> None:
        """Keep the register's spelling of the key, which the file wrote in another case."""
        self.values[form.key] = stored
        self.label = stored if self.level_number is None else account_key(stored, self.level_number)


@dataclass(slots=True)
class Plan:
    creates: list[Record] = field(default_factory=list)
    updates: list[tuple[Record, Row]] = field(default_factory=list)
    unchanged: int = 0
    #: Unchanged records that have values the register keeps beside its table (ValidFrom).
    same: list[tuple[Record, Row]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Levels:
    """The company's coding levels, for account files; and the level to assume if none given."""

    by_number: Mapping[int, Row]
    by_dimension: Mapping[int, Row]
    default: Row | None = None


def check_records(
    table: CsvTable,
    form: ImportFormat,
    columns: Columns,
    levels: Levels | None,
    fill: Mapping[str, str],
    progress: Progress | None,
) -> tuple[list[Record], list[Problem]]:
    """Every record whose key could be read, and the problems of all records.

    A record with problems is still returned when its key is readable, so that a key used
    twice is found even when one of its records is also bad for another reason. ``fill``
    gives values for cells that are empty or whose column the file does not have.
    """
    records: list[Record] = []
    problems: list[Problem] = []
    total = len(table.records)
    width = len(table.header)
    parsers = form.register.memoized_parsers()
    for done, (line, cells) in enumerate(table.records, start=1):
        record, found = _check(line, cells, width, form, columns, levels, fill, parsers)
        if record is not None:
            records.append(record)
        problems.extend(found)
        if progress and (done % REPORT_EVERY == 0 or done == total):
            progress("Checking", done, total)
    return records, problems


def _check(
    line: int,
    cells: list[str],
    width: int,
    form: ImportFormat,
    columns: Columns,
    levels: Levels | None,
    fill: Mapping[str, str],
    parsers: Mapping[str, Parser],
) -> tuple[Record | None, list[Problem]]:
    problems: list[Problem] = []
    if len(cells) > width and any(cell.strip() for cell in cells[width:]):
        problems.append(Problem(f"has {len(cells)} cells but the header has {width}", None, line))
    given = {column: cells[i] if i < len(cells) else "" for column, i in columns.index.items()}
    for column, value in fill.items():
        if not given.get(column, "").strip():
            given[column] = value
    level = _level(line, given, columns, levels, problems) if form.by_level else None
    values, found = form.register.parse(
        given, creating=False, index=line, names=columns.written, parsers=parsers
    )
    problems.extend(found)
    values, extra = form.register.split(values)
    key_value = values.get(form.key)
    if key_value is None or (form.by_level and level is None):
        return None, problems
    key = match_key(key_value)
    if level is None:
        return Record(line, key, str(key_value), values, extra=extra), problems
    label = account_key(key_value, level.number)
    record = Record(line, (level.id, key), label, values, level.id, level.number, extra)
    return record, problems


def _level(
    line: int,
    given: dict[str, str],
    columns: Columns,
    levels: Levels | None,
    problems: list[Problem],
) -> Row | None:
    """The coding level an account record names (or the file's default level)."""
    assert levels is not None
    number, dimension = given.pop("level", ""), given.pop("sie_dimension", "")
    for column, text, table in (
        ("level", number, levels.by_number),
        ("sie_dimension", dimension, levels.by_dimension),
    ):
        if not text.strip():
            continue
        header = columns.written[column]
        try:
            wanted = int(text.strip())
        except ValueError:
            problems.append(Problem(f"{header}: {text!r} is not a whole number", header, line))
            return None
        if wanted not in table:
            what = "coding level" if column == "level" else "coding level with SIE dimension"
            problems.append(Problem(f"{header}: there is no {what} {wanted}", header, line))
            return None
        return table[wanted]
    if levels.default is None:
        problems.append(
            Problem("no coding level: fill in CodingLevel or SieDimension", "CodingLevel", line)
        )
    return levels.default


def duplicates(records: list[Record], form: ImportFormat) -> list[Problem]:
    """Every record whose key another record of the file also has; all of them are bad."""
    lines: dict[Hashable, list[int]] = {}
    labels: dict[Hashable, str] = {}
    for record in records:
        lines.setdefault(record.key, []).append(record.line)
        labels[record.key] = record.label
    name = form.key_name()
    problems = []
    for key, found in lines.items():
        if len(found) < 2:
            continue
        for line in found:
            others = ", ".join(str(other) for other in found if other != line)
            label = labels[key] if form.by_level else repr(labels[key])
            message = f"{name} {label} appears more than once (also on line {others})"
            problems.append(Problem(message, name, line))
    return problems


def plan_changes(
    records: list[Record], existing: Mapping[Hashable, Row], form: ImportFormat
) -> tuple[Plan, list[Problem]]:
    """What each good record does: create, update (only what differs) or nothing."""
    plan = Plan()
    problems: list[Problem] = []
    for record in records:
        current = existing.get(record.key)
        if current is None:
            complete, missing = _complete(record, form)
            if missing:
                problems.extend(missing)
                continue
            record.values = complete
            plan.creates.append(record)
            continue
        stored = current._mapping
        if stored[form.key] != record.values[form.key]:
            record.spelled_as(form, stored[form.key])
        if any(stored[c] != v for c, v in record.values.items()):
            plan.updates.append((record, current))
        else:
            plan.unchanged += 1
            if record.extra:
                plan.same.append((record, current))
    return plan, problems


def _complete(record: Record, form: ImportFormat) -> tuple[dict[str, Any], list[Problem]]:
    """A new record's values with defaults filled in; problems for required columns absent."""
    register = form.register
    values: dict[str, Any] = {spec.column: None for spec in register.fields if spec.stored}
    values.update(register.defaults)
    values.update(record.values)
    missing = [
        Problem(
            f"{spec.name} is required for a new {register.title.lower()}, and the file has no "
            f"{spec.name} column",
            spec.name,
            record.line,
        )
        for spec in register.fields
        if spec.required and values.get(spec.column) is None
    ]
    return values, missing
