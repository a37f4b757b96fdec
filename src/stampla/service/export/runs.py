"""Payroll export runs: preview, export (a run recorded with its file), download again.

A preview builds the same file and totals as an export and changes nothing. An export writes
one run: who, when, the period, the employees asked for, the file byte for byte and its
SHA-256, its employee-days and lines (so a later run can compute differences), and an audit
event. Downloading a run again returns exactly that file. Both refuse, naming what is wrong, a
file that would not be valid (an unmapped code, an account number too long for PAXml, a file
the schema rejects).

A day an earlier run exported, reopened and approved again, goes out as a correction: only
its differences against what was exported before (``domain.export.corrections``).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from pydantic import Field as About

from stampla.domain.export.corrections import differences
from stampla.domain.export.lines import CodeMap, PayLine, code_table, day_lines, unmapped
from stampla.domain.text import match_key
from stampla.errors import Conflict, InvalidInput, NotFound, Problem
from stampla.service import audit
from stampla.service.attest.states import mark_exported
from stampla.service.audit import SYSTEM, Actor, Event
from stampla.service.date_range import DateWindow
from stampla.service.roles import Permission, Role, StaffActor
from stampla.settings import Settings
from stampla.store import attest as attest_store
from stampla.store import attest_states as states_store
from stampla.store import export_runs as rows
from stampla.store.engine import Store
from stampla.wire.base import OutputModel

from .corrections import Earlier, day_rows, line_rows, read_earlier
from .csv_file import csv_file
from .paxml import PaxmlHeader, Registers, paxml_file
from .selection import Selection, select_days

FORMATS = {
    "paxml": ("xml", "application/xml; charset=iso-8859-1"),
    "csv": ("csv", "text/csv; charset=windows-1252"),
    "csv-utf8": ("csv", "text/csv; charset=utf-8"),
}
ENTITY = "payroll_export"


@dataclass(frozen=True)
class ExportRequest:
    format: str
    date_from: date
    date_to: date
    employee_nrs: tuple[str, ...] | None = None  # None: every employee


class CodeTotal(OutputModel):
    payroll_code: str = About(description="The PAXml tidkod, or the salary ID (lonart).")
    code: str = About(description="The Stampla time code; empty for untagged worked time.")
    name: str
    seconds: int
    hours: str = About(description="The hours the file holds for the code, corrections included.")
    correction_hours: str = About(
        "0.00", description="Of them, the differences of corrected days (negative: taken away)."
    )


class CorrectionLine(OutputModel):
    """A line that corrects what earlier runs exported for a day."""

    employee_nr: str
    date: date
    payroll_code: str
    code: str
    name: str
    accounts: list[str] = About(default_factory=list, description="Account numbers.")
    hours: str = About(description="The difference, e.g. -1.50.")
    corrects: list[int] = About(description="The runs that exported the day before.")


class ExportRunView(OutputModel):
    id: int | None = About(None, description="The run's id; null for a preview.")
    format: str
    date_from: date
    date_to: date
    employee_nrs: list[str] | None = None
    actor: str
    created_at: datetime
    file_name: str
    digest: str = About(description="SHA-256 of the file, hex.")
    size: int
    lines: int = 0
    totals: list[CodeTotal] = About(default_factory=list)
    employees: dict[str, dict[str, int]] = About(
        default_factory=dict, description="Seconds by employee number and payroll code."
    )
    days: int = About(0, description="Employee-days the file holds.")
    days_not_ready: int = About(
        0, description="Days of the period with time that are not approved yet (left out)."
    )
    not_ready: list[str] = About(
        default_factory=list, description="The first 50 of them, as 'EmployeeNr date'."
    )
    already_exported: int = About(
        0, description="Days of the period an earlier run exported (left out)."
    )
    correction_days: int = About(
        0,
        description="Of the days, those an earlier run exported that were reopened and "
        "approved again: the file holds only their differences.",
    )
    corrected: list[str] = About(
        default_factory=list, description="The first 50 of them, as 'EmployeeNr date'."
    )
    corrections: list[CorrectionLine] = About(
        default_factory=list, description="The correction lines (not kept for a stored run)."
    )


@dataclass(frozen=True)
class Built:
    view: ExportRunView
    content: bytes
    lines: list[PayLine]
    #: (employee id, date) of the days in the file, which an export marks exported.
    keys: list[tuple[int, date]] = field(default_factory=list)
    #: Of them, the days earlier runs exported: the run that last exported each, as read.
    earlier: dict[tuple[int, date], int] = field(default_factory=dict)
    #: Employee id by EmployeeNr, of the employees in the file.
    ids: dict[str, int] = field(default_factory=dict)


def build(
    store: Store,
    company_id: int,
    request: ExportRequest,
    now: datetime,
    settings: Settings,
    *,
    actor: str = SYSTEM,
) -> Built:
    """The file and totals of ``request``, as of ``now``; nothing is stored."""
    if request.format not in FORMATS:
        raise InvalidInput(
            f"Unknown export format {request.format!r}",
            [Problem(f"is one of {', '.join(FORMATS)}", "format")],
        )
    window = DateWindow.around(now, settings.earliest_date, settings.max_future_days)
    window.check(request.date_from, "dateFrom")
    window.check(request.date_to, "dateTo")
    selection = select_days(
        store,
        company_id,
        request.date_from,
        request.date_to,
        request.employee_nrs,
        now,
        settings,
    )
    if not selection.days:
        raise InvalidInput(
            f"Nothing to export for {request.date_from}..{request.date_to}: no day is in "
            f"state {settings.export_min_state} and not exported yet" + _left_out(selection),
            [Problem(f"no {settings.export_min_state} day in the period", "dateFrom")],
        )
    days = selection.days
    ids = {day.employee_nr: e for day, (e, _) in zip(days, selection.keys, strict=True)}
    with store.read() as conn:
        numbers = {e: nr for nr, e in ids.items()}
        earlier = read_earlier(conn, company_id, selection.earlier, numbers)
        company = rows.company(conn, company_id)
        zone = ZoneInfo(attest_store.company_time_zone(conn, company_id))
        codes = code_table(
            CodeMap(r.code, r.name, r.kind, r.paxml_code, (r.salary_ids or [None])[0])
            for r in rows.code_rows(conn, company_id)
        )
        levels = rows.level_rows(conn, company_id)
        accounts = rows.account_rows(conn, company_id)
        people = rows.employee_agreements(conn, company_id)
    monthly = {match_key(a) for a in settings.export_monthly_agreements.split(",") if a.strip()}
    lines: list[PayLine] = []
    schedule: dict[str, dict[date, int]] = defaultdict(dict)
    for day, key in zip(days, selection.keys, strict=True):
        agreement = _agreement(people.get(day.employee_nr), day.row.date)
        worked = "TID" if agreement and match_key(agreement) in monthly else "ARB"
        found = day_lines(day.employee_nr, day.row, worked, codes)
        if key in earlier.runs:
            found = differences(found, earlier.lines.get(key, []), earlier.runs[key])
        lines.extend(found)
        if day.row.expected_seconds is not None:
            schedule[day.employee_nr][day.row.date] = day.row.expected_seconds
    missing = unmapped(lines)
    if missing:
        raise InvalidInput(
            f"Time codes without a PAXml code or a salary ID: {', '.join(map(repr, missing))}",
            [
                Problem(
                    f"time code {code!r} has neither; set its PaxmlCode or a salary ID",
                    "PaxmlCode",
                )
                for code in missing
            ],
        )
    local = now.astimezone(zone)
    if request.format == "paxml":
        header = PaxmlHeader(
            company_id,
            company.name,
            company.org_nr,
            local,
            f"Period {request.date_from}–{request.date_to}",
            _corrected_dates(selection.earlier),
        )
        registers = Registers(
            {level.sie_dimension: level.name for level in levels if level.sie_dimension},
            {(a.sie_dimension, a.account_nr): a.name for a in accounts if a.sie_dimension},
        )
        content = paxml_file(header, lines, schedule, registers)
    else:
        names = {nr: name for nr, (name, _, _) in people.items()}
        level_names = {level.number: level.name for level in levels}
        content = csv_file(lines, names, level_names, utf8=request.format == "csv-utf8")
    extension = FORMATS[request.format][0]
    view = ExportRunView(
        format=request.format,
        date_from=request.date_from,
        date_to=request.date_to,
        employee_nrs=list(request.employee_nrs) if request.employee_nrs is not None else None,
        actor=actor,
        created_at=now,
        file_name=f"loneunderlag-{request.date_from}-{request.date_to}.{extension}",
        digest=hashlib.sha256(content).hexdigest(),
        size=len(content),
        lines=len(lines),
        totals=_totals(lines),
        employees=_by_employee(lines),
        days=len(selection.days),
        days_not_ready=len(selection.not_ready),
        not_ready=[f"{nr} {day.isoformat()}" for nr, day in selection.not_ready[:50]],
        already_exported=selection.already_exported,
        correction_days=len(selection.earlier),
        corrected=_corrected(selection, earlier),
        corrections=[_correction(line) for line in lines if line.correction],
    )
    return Built(view, content, lines, selection.keys, selection.earlier, ids)


def _corrected_dates(earlier: dict[tuple[int, date], int]) -> tuple[date, date] | None:
    if not earlier:
        return None
    return min(d for _, d in earlier), max(d for _, d in earlier)


def _corrected(selection: Selection, earlier: Earlier) -> list[str]:
    shown = []
    for day, key in zip(selection.days, selection.keys, strict=True):
        if key in earlier.runs and len(shown) < 50:
            shown.append(f"{day.employee_nr} {day.row.date.isoformat()}")
    return shown


def _correction(line: PayLine) -> CorrectionLine:
    return CorrectionLine(
        employee_nr=line.employee_nr,
        date=line.date,
        payroll_code=line.payroll_code,
        code=line.code,
        name=line.name,
        accounts=[a.account_nr for a in line.accounts],
        hours=str(line.hours),
        corrects=list(line.corrects),
    )


def _left_out(selection: Selection) -> str:
    parts = []
    if selection.not_ready:
        shown = ", ".join(f"{nr} {d.isoformat()}" for nr, d in selection.not_ready[:5])
        parts.append(f"{len(selection.not_ready)} days with time are not approved yet ({shown})")
    if selection.already_exported:
        parts.append(f"{selection.already_exported} days were exported by an earlier run")
    return "; " + "; ".join(parts) if parts else ""


def preview(
    store: Store, company_id: int, request: ExportRequest, now: datetime, settings: Settings
) -> Built:
    """What an export would write, changing nothing."""
    return build(store, company_id, request, now, settings)


def export(
    store: Store,
    company_id: int,
    request: ExportRequest,
    now: datetime,
    settings: Settings,
    *,
    actor: StaffActor | Actor = SYSTEM,
) -> Built:
    """Build, then record the run with its file and an audit event, and move its days to
    Exported, in one transaction: a day reaches payroll once, or the run does not exist.

    Conflict when another export took one of the days between the build and the write."""
    staff = actor if isinstance(actor, StaffActor) else StaffActor(actor, Role.ADMIN)
    staff.require(Permission.EXPORT)
    actor = staff.name
    built = build(store, company_id, request, now, settings, actor=actor)
    view = built.view
    with store.write() as conn:
        taken = exported_meanwhile(conn, company_id, built.keys, built.earlier)
        if taken:
            raise Conflict(
                f"{taken} days of this export were exported by another run just now; preview again"
            )
        run_id = rows.insert_run(
            conn,
            company_id,
            {
                "format": view.format,
                "date_from": view.date_from,
                "date_to": view.date_to,
                "employee_nrs": view.employee_nrs,
                "actor": actor,
                "created_at": now,
                "file_name": view.file_name,
                "digest": view.digest,
                "content": built.content,
                "totals": view.employees,
                "days": view.days,
                "correction_days": view.correction_days,
            },
        )
        rows.insert_days(conn, company_id, day_rows(run_id, built.keys, built.earlier))
        rows.insert_lines(conn, company_id, line_rows(run_id, built.lines, built.ids))
        note = f"{view.format} {view.date_from}..{view.date_to}, sha256 {view.digest[:16]}…"
        event = Event(ENTITY, f"run {run_id}", "export", run_id, note=note)
        audit.record(conn, company_id, actor, now, [event])
        mark_exported(conn, company_id, built.keys, run_id, staff, now)
    made = view.model_copy(update={"id": run_id})
    return Built(made, built.content, built.lines, built.keys, built.earlier, built.ids)


def exported_meanwhile(
    conn,  # noqa: ANN001
    company_id: int,
    keys: list[tuple[int, date]],
    earlier: dict[tuple[int, date], int],
) -> int:
    """How many of the days another run exported since they were read: a day's last run
    is no longer the one read (None for a day never exported)."""
    if not keys:
        return 0
    first, last = min(d for _, d in keys), max(d for _, d in keys)
    stored = states_store.read_days(conn, company_id, first, last, {e for e, _ in keys})
    return sum(1 for key in keys if key in stored and stored[key].export_run_id != earlier.get(key))


def run_file(store: Store, company_id: int, run_id: int) -> tuple[ExportRunView, bytes]:
    """A run and its file exactly as written."""
    with store.read() as conn:
        row = rows.run_row(conn, company_id, run_id)
    if row is None:
        raise NotFound(f"No payroll export run {run_id}")
    return _view(row, len(row.content)), bytes(row.content)


def list_runs(store: Store, company_id: int, limit: int = 100) -> list[ExportRunView]:
    """Earlier runs, newest first."""
    with store.read() as conn:
        return [_view(row, None) for row in rows.run_rows(conn, company_id, limit)]


def _view(row, size: int | None) -> ExportRunView:  # noqa: ANN001 - a Row
    return ExportRunView(
        id=row.id,
        format=row.format,
        date_from=row.date_from,
        date_to=row.date_to,
        employee_nrs=row.employee_nrs,
        actor=row.actor,
        created_at=row.created_at,
        file_name=row.file_name,
        digest=row.digest,
        size=size or 0,
        employees=row.totals,
        days=row.days or 0,
        correction_days=row.correction_days or 0,
    )


def _agreement(person, day: date) -> str | None:  # noqa: ANN001 - employee_agreements' value
    if person is None:
        return None
    _, own, dated = person
    found = own
    for valid_from, agreement in dated:
        if valid_from <= day:
            found = agreement
    return found


def _totals(lines: list[PayLine]) -> list[CodeTotal]:
    """Per code: seconds, and the hours the file holds (each line as written), of which
    corrections."""
    sums: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    for line in lines:
        found = sums[(line.payroll_code, line.code, line.name)]
        found[0] += line.seconds
        found[1] += line.centi_hours
        if line.correction:
            found[2] += line.centi_hours
    return [
        CodeTotal(
            payroll_code=p,
            code=c,
            name=n,
            seconds=s,
            hours=str(Decimal(h).scaleb(-2)),
            correction_hours=str(Decimal(k).scaleb(-2)),
        )
        for (p, c, n), (s, h, k) in sorted(sums.items())
    ]


def _by_employee(lines: list[PayLine]) -> dict[str, dict[str, int]]:
    found: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for line in lines:
        found[line.employee_nr][line.payroll_code] += line.seconds
    return {nr: dict(codes) for nr, codes in sorted(found.items())}
