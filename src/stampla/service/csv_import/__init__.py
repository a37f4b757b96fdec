"""Importing employees, accounts and time codes from CSV files, as spreadsheets export them.

An import is one unit of work with these rules:

1. The file is read as UTF-8 or Windows-1252, with ``;``, ``,`` or tab between cells, and the
   header names the columns (see ``formats``). Numbers may use a decimal comma ("52,29") and
   hours may be written "38:15".
2. Every record is checked before anything is written, and every problem of every record is
   reported with its line number. A key that appears twice in the file makes both records bad.
3. Any bad record and nothing is written (InvalidInput), unless ``skip_invalid``: then the good
   records are imported and the bad ones reported.
4. Records are upserted by EmployeeNr, by AccountNr within its coding level, or by code, in
   any letter case (``stampla.domain.text``): new ones are created, existing ones get the
   file's values (but keep their own spelling of the key), and a record equal to what is
   stored is left alone. Importing the same file twice changes nothing the second time.
5. Columns absent from the file are left as they are; an empty cell clears an optional field.
6. Every created or changed record is recorded in the audit trail, with one summary event.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from datetime import datetime

from pydantic import Field
from sqlalchemy import Connection, Row

from stampla.errors import InvalidInput, Problem
from stampla.store import masterdata as store_md
from stampla.store import text_keys
from stampla.store.engine import Store
from stampla.wire.base import OutputModel
from stampla.wire.results import ErrorItem

from .. import audit
from ..audit import SYSTEM, Actor, Event
from ..collector import collector_paused
from ..masterdata.records import checked_value
from ..masterdata.tx import writing
from .formats import FORMATS, ImportFormat, map_columns
from .plan import Levels, Plan, Progress, Record, check_records, duplicates, plan_changes
from .reader import read_table
from .writer import write_plan

KINDS = tuple(FORMATS)


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """How to read the file and what to do with bad records."""

    skip_invalid: bool = False
    encoding: str | None = None  # utf-8 or windows-1252; found out when None
    delimiter: str | None = None  # ; , or tab; found out when None
    file_name: str | None = None  # for the report and the audit trail
    level: int | str | None = None  # accounts: the coding level of records that name none
    kind: str | None = None  # time codes: attendance or absence, for records that say neither


class ImportReport(OutputModel):
    """What an import did."""

    kind: str
    file_name: str | None = None
    encoding: str
    delimiter: str
    rows: int = Field(description="Records in the file (not counting the header).")
    created: int
    updated: int
    unchanged: int
    skipped: int = Field(description="Bad records left out (only with skipInvalid).")
    ignored_columns: list[str] = Field(default_factory=list)
    errors: list[ErrorItem] = Field(
        default_factory=list, description="Problems of skipped records; index is the line."
    )


def import_csv(
    store: Store,
    company_id: int,
    kind: str,
    data: bytes,
    now: datetime,
    *,
    options: ImportOptions = ImportOptions(),
    actor: Actor = SYSTEM,
    progress: Progress | None = None,
) -> ImportReport:
    """Check every record of ``data``, then upsert them all in one transaction."""
    with collector_paused():  # a large file is hundreds of thousands of live records
        return _import(store, company_id, kind, data, now, options, actor, progress)


def _import(
    store: Store,
    company_id: int,
    kind: str,
    data: bytes,
    now: datetime,
    options: ImportOptions,
    actor: Actor,
    progress: Progress | None,
) -> ImportReport:
    form = _format(kind)
    table = read_table(data, options.encoding, options.delimiter)
    columns = map_columns(table.header, form)
    fill = _fill(form, options)
    levels = None
    if form.by_level:
        with store.read() as conn:
            levels = _levels(conn, company_id, form, options)
    # Checked outside the write transaction: on SQLite that holds the one write lock, which
    # punches arriving meanwhile are waiting for.
    records, problems = check_records(table, form, columns, levels, fill, progress)
    with writing(store) as conn:
        plan, problems = _plan(conn, company_id, form, records, problems)
        bad = len({problem.index for problem in problems})
        if problems and not options.skip_invalid:
            message = f"{bad} of {len(table.records)} rows are invalid; nothing was imported"
            raise InvalidInput(message, problems)
        name = options.file_name or "(upload)"
        write_plan(conn, form, company_id, plan, now, actor, f"import {name}", progress)
        summary = Event(form.register.entity, name, "import", note=_summary(name, plan, bad))
        audit.record(conn, company_id, actor, now, [summary])
    return ImportReport(
        kind=form.kind,
        file_name=options.file_name,
        encoding=table.encoding,
        delimiter=table.delimiter,
        rows=len(table.records),
        created=len(plan.creates),
        updated=len(plan.updates),
        unchanged=plan.unchanged,
        skipped=bad,
        ignored_columns=columns.ignored,
        errors=[ErrorItem(index=p.index, field=p.field, message=p.message) for p in problems],
    )


def _format(kind: str) -> ImportFormat:
    form = FORMATS.get(kind.lower().replace("_", "").replace("-", ""))
    if form is None:
        raise InvalidInput(
            f"Cannot import {kind!r}: choose one of {', '.join(KINDS)}",
            [Problem(f"must be one of {', '.join(KINDS)}", "kind")],
        )
    return form


def _fill(form: ImportFormat, options: ImportOptions) -> dict[str, str]:
    """Values for cells a file leaves empty or has no column for (the time codes' kind)."""
    fill = form.register.csv.fill if form.register.csv else None
    if fill is None or form.by_level or getattr(options, fill.column) is None:
        return {}
    value = checked_value(fill.parse, getattr(options, fill.column), fill.column)
    return {fill.column: value} if value else {}


def _levels(
    conn: Connection, company_id: int, form: ImportFormat, options: ImportOptions
) -> Levels:
    """The parents (coding levels) rows may name, and the one the options name for the rest."""
    parent, fill = form.register.parent, form.register.csv.fill  # type: ignore[union-attr]
    assert parent is not None
    found = store_md.select_rows(conn, parent.table, company_id, order_by=[parent.label])
    default = getattr(options, fill.column) if fill else None
    return Levels(
        by_number={row.number: row for row in found},
        by_dimension={row.sie_dimension: row for row in found if row.sie_dimension is not None},
        default=parent.find(conn, company_id, {fill.column: default} if fill else {}),
    )


def _plan(
    conn: Connection,
    company_id: int,
    form: ImportFormat,
    records: list[Record],
    problems: list[Problem],
) -> tuple[Plan, list[Problem]]:
    """The plan for the good records, and every problem sorted by line."""
    problems = problems + duplicates(records, form)
    bad_lines = {problem.index for problem in problems}
    good = [record for record in records if record.line not in bad_lines]
    plan, missing = plan_changes(good, _existing(conn, company_id, form, good), form)
    problems.extend(missing)
    problems.sort(key=lambda problem: (problem.index or 0, problem.field or ""))
    return plan, problems


def _existing(
    conn: Connection, company_id: int, form: ImportFormat, records: list[Record]
) -> dict[Hashable, Row]:
    """The stored rows the records' keys refer to, by the records' key (a match key)."""
    table = form.register.table
    wanted = {record.values[form.key] for record in records}
    found = store_md.rows_in(conn, table, company_id, form.key, wanted)
    key = text_keys.lookup_column(table, form.key)
    if form.by_level:
        return {(row.level_id, row._mapping[key]): row for row in found}
    return {row._mapping[key]: row for row in found}


def _summary(name: str, plan: Plan, bad: int) -> str:
    skipped = f", {bad} invalid rows skipped" if bad else ""
    return (
        f"{name}: {len(plan.creates)} created, {len(plan.updates)} updated, "
        f"{plan.unchanged} unchanged{skipped}"
    )
