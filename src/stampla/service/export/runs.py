"""Payroll export runs: preview, export (a run recorded with its file), download again.

A preview builds the same file and totals as an export and changes nothing. An export writes
one run: who, when, the period, the employees asked for, the file byte for byte and its
SHA-256, and an audit event. Downloading a run again returns exactly that file. Both refuse,
naming what is wrong, a file that would not be valid (an unmapped code, an account number
too long for PAXml, a file the schema rejects).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from pydantic import Field as About

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

from .csv_file import csv_file
from .paxml import PaxmlHeader, Registers, hours, paxml_file
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
    hours: str


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


@dataclass(frozen=True)
class Built:
    view: ExportRunView
    content: bytes
    lines: list[PayLine]
    #: (employee id, date) of the days in the file, which an export marks exported.
    keys: list[tuple[int, date]] = field(default_factory=list)


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
    with store.read() as conn:
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
    for day in days:
        agreement = _agreement(people.get(day.employee_nr), day.row.date)
        worked = "TID" if agreement and match_key(agreement) in monthly else "ARB"
        lines.extend(day_lines(day.employee_nr, day.row, worked, codes))
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
    )
    return Built(view, content, lines, selection.keys)


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
        taken = _exported_meanwhile(conn, company_id, built.keys)
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
            },
        )
        note = f"{view.format} {view.date_from}..{view.date_to}, sha256 {view.digest[:16]}…"
        event = Event(ENTITY, f"run {run_id}", "export", run_id, note=note)
        audit.record(conn, company_id, actor, now, [event])
        mark_exported(conn, company_id, built.keys, run_id, staff, now)
    return Built(view.model_copy(update={"id": run_id}), built.content, built.lines, built.keys)


def _exported_meanwhile(conn, company_id: int, keys: list[tuple[int, date]]) -> int:  # noqa: ANN001
    if not keys:
        return 0
    first, last = min(d for _, d in keys), max(d for _, d in keys)
    stored = states_store.read_days(conn, company_id, first, last, {e for e, _ in keys})
    return sum(1 for key in keys if key in stored and stored[key].export_run_id is not None)


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
    sums: dict[tuple[str, str, str], int] = defaultdict(int)
    for line in lines:
        sums[(line.payroll_code, line.code, line.name)] += line.seconds
    return [
        CodeTotal(payroll_code=p, code=c, name=n, seconds=s, hours=hours(s))
        for (p, c, n), s in sorted(sums.items())
    ]


def _by_employee(lines: list[PayLine]) -> dict[str, dict[str, int]]:
    found: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for line in lines:
        found[line.employee_nr][line.payroll_code] += line.seconds
    return {nr: dict(codes) for nr, codes in sorted(found.items())}
