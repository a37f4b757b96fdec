"""HR corrections of punches: add a missing punch, change one, or void one — with a reason.

Punches are facts, so a correction never edits one. It is a batch of its own (route
``correction:<kind>``, kept with the staff user's name, the reason and the punch it corrects)
and works by the same mechanism as ``replaceDays``:

* **add** stores a new punch of origin ``Correction``;
* **change** stores the changed punch (origin ``Correction``) and supersedes the original,
  naming it as its successor (``supersededBy``);
* **void** supersedes the original with nothing in its place: it no longer counts.

Day rows read current punches only, so they count the correction and not what it replaced;
``GET …TimeStampEntries?includeSuperseded=true`` and the day panel still show the original.

The new punch goes through the same checks as a posted one (``entry_check``): the employee
and terminal must be active, accounts and time codes exist (matched in any letter case,
``Övertid 50%`` is ``övertid 50%``), and the time lies between the earliest date and the
future limit. The reason is required: a correction without a why is refused (400, ``Reason``).
A punch already superseded cannot be corrected again (409 naming the one that replaced it);
an unknown employee or punch is a 404 naming it. Every correction is an audit event (entity
``punch_correction``, keyed ``<EmployeeNr> <date>``) in the same transaction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import Field as About
from pydantic import ValidationError
from sqlalchemy import Connection, Row

from stampla.domain.attest.model import CORRECTION
from stampla.domain.punch import EntryType
from stampla.domain.text import text_problem
from stampla.errors import Conflict, InvalidInput, NotFound, Problem
from stampla.limits import EARLIEST_DATE
from stampla.store import corrections as rows
from stampla.store import punches as punch_store
from stampla.store.bulk import INSERT_COLUMNS
from stampla.store.engine import Store
from stampla.store.ids import allocate_batch
from stampla.store.masterdata import company_row
from stampla.store.references import employees_by_nr
from stampla.store.tables import ingest_batches, punches
from stampla.wire import StoredEntry, TimeStampEntry
from stampla.wire.base import OutputModel

from . import audit
from .audit import AuditEvent, Event
from .date_range import DateWindow, check_range
from .entry_check import EntryChecker, NewPunch, load_references
from .masterdata.tx import writing
from .roles import Permission, StaffActor
from .schedules.common import read_date
from .staff_scope import ensure_in_scope

ENTITY = "punch_correction"
KINDS = ("add", "change", "void")
REASON_LENGTH = 500
_LISTS = ("accounts", "time_codes")
#: What an add or a change may set: the service's names and the TimeStampEntry's.
SETTABLE = {
    "time_stamp": "TimeStamp",
    "entry_type": "TimeStampEntryType",
    "is_break": "IsBreak",
    "account_nr": "AccountNr",
    "sie_account_dim": "SieAccountDim",
    "accounts": "Accounts",
    "time_codes": "TimeScheduleTypes",
    "time_terminal_id": "TimeTerminalId",
}
#: Everything a correction may be given; other names are a caller's bug (TypeError).
FIELDS = ("kind", "employee_nr", "punch_id", "reason", *SETTABLE)
#: The API's names of the service's fields, for the problems it reports.
NAMES = {
    "kind": "Kind",
    "employee_nr": "EmployeeNr",
    "punch_id": "TimeStampEntryId",
    "reason": "Reason",
    **SETTABLE,
}


@dataclass(frozen=True, slots=True)
class Limits:
    """The times a corrected punch may have, as for a posted one."""

    max_future: timedelta
    earliest: date = EARLIEST_DATE


class CorrectionView(OutputModel):
    """One correction: who made it, when and why, the punch it made and the one it replaced."""

    id: int = About(description="The correction's id (the id of its batch).")
    kind: str = About(description="add, change or void.")
    employee_nr: str
    local_date: date = About(description="The date of the punch corrected (or added).")
    at: datetime = About(description="When it was made (UTC).")
    actor: str = About(
        description="Who made it: web:<name>, staff:<name>, cli:<user>, admin-key:<name>."
    )
    reason: str
    punch_id: int | None = About(None, description="The punch it stored; null for a void.")
    supersedes: int | None = About(None, description="The punch it replaced; null for an add.")
    punch: StoredEntry | None = None
    original: StoredEntry | None = About(
        None, description="The punch as it was before (superseded, still stored)."
    )


@dataclass(slots=True)
class DayActivity:
    """What happened to one employee-day: its corrections, the punches they (or a
    ``replaceDays`` batch) replaced, and the other audit events that name the day."""

    corrections: list[CorrectionView] = field(default_factory=list)
    #: Superseded punches of the day, each with the correction that replaced it (if one did).
    replaced: list[tuple[StoredEntry, CorrectionView | None]] = field(default_factory=list)
    events: list[AuditEvent] = field(default_factory=list)


# Use cases ------------------------------------------------------------------------------------


def correct(
    store: Store,
    company_id: int,
    given: Mapping[str, Any],
    now: datetime,
    *,
    limits: Limits,
    actor: StaffActor,
) -> CorrectionView:
    """Make one correction from the values sent (see ``FIELDS``), as people write them."""
    actor.require(Permission.CORRECT)
    unknown = set(given).difference(FIELDS)
    if unknown:
        raise TypeError(f"unknown correction fields: {', '.join(sorted(unknown))}")
    reason = _reason(given.get("reason"))
    kind = _kind(given.get("kind"))
    with store.read() as conn:
        zone = ZoneInfo(_company(conn, company_id).time_zone)
        employee = _employee(conn, company_id, given.get("employee_nr"))
    ensure_in_scope(store, company_id, actor, [employee.employee_nr], now.astimezone(zone).date())
    with store.read() as conn:
        if kind == "add" and given.get("punch_id") not in (None, ""):
            raise InvalidInput(
                "An add corrects no punch; to change one, send kind change",
                [Problem("is not taken by an add", "TimeStampEntryId")],
            )
        original = None if kind == "add" else _punch(conn, company_id, employee, given)
        if original is not None:
            _refuse_superseded(conn, company_id, original)
        new = None
        if kind == "void":
            _nothing_set(given)
        else:
            entry = _entry(conn, company_id, kind, employee, original, given)
            new = _checked(conn, company_id, entry, zone, now, limits)
            if original is not None and _same(original, new):
                raise InvalidInput(
                    f"The change leaves punch {original.id} as it is; change a field or void it",
                    [Problem("changes nothing", "TimeStampEntryId")],
                )
    with writing(store) as conn:
        return _store(conn, company_id, kind, employee, original, new, reason, zone, now, actor)


def list_corrections(
    store: Store,
    company_id: int,
    *,
    window: DateWindow,
    max_days: int,
    date_from: Any,
    date_to: Any,
    employee_nr: str | None = None,
) -> list[CorrectionView]:
    """The corrections of punches dated ``date_from``..``date_to``, oldest first."""
    first = read_date(date_from, "dateFrom", window)
    last = read_date(date_to, "dateTo", window)
    assert first is not None and last is not None
    check_range(first, last, max_days)
    with store.read() as conn:
        employee_ids = None
        if employee_nr is not None:
            employee_ids = [_employee(conn, company_id, employee_nr, "employeeNr").id]
        found = punch_store.read_with_superseded(conn, company_id, first, last, employee_ids)
        return _corrections(conn, company_id, found)


def day_activity(store: Store, company_id: int, employee_nr: str, day: date) -> DayActivity:
    """The day panel's history of one employee-day (see ``DayActivity``)."""
    with store.read() as conn:
        employee = _employee(conn, company_id, employee_nr)
        found = punch_store.read_with_superseded(conn, company_id, day, day, [employee.id])
        corrections = _corrections(conn, company_id, found)
        by_original = {c.supersedes: c for c in corrections if c.supersedes is not None}
        successors = _successors(conn, company_id, found)
        replaced = [
            (StoredEntry.of(row, successors.get(row.id)), by_original.get(row.id))
            for row in found
            if row.superseded_at is not None
        ]
        events = _day_events(conn, company_id, employee, day)
    return DayActivity(corrections, replaced, events)


def day_key(employee_nr: str, day: date) -> str:
    """How the audit trail names an employee-day: "3002 2025-06-12"."""
    return f"{employee_nr} {day.isoformat()}"


# Checking what was sent -----------------------------------------------------------------------


def _reason(value: Any) -> str:
    reason = value.strip() if isinstance(value, str) else ""
    if not reason:
        raise InvalidInput(
            "A correction needs a reason: say why the punch is corrected",
            [Problem("is required", "Reason")],
        )
    if len(reason) > REASON_LENGTH:
        raise InvalidInput(
            f"The reason is {len(reason)} characters long; at most {REASON_LENGTH} are kept",
            [Problem(f"at most {REASON_LENGTH} characters", "Reason")],
        )
    if problem := text_problem(reason):
        raise InvalidInput(f"Reason {problem}", [Problem(problem, "Reason")])
    return reason


def _kind(value: Any) -> str:
    kind = value.strip().lower() if isinstance(value, str) else ""
    if kind not in KINDS:
        raise InvalidInput(
            f"Kind must be one of {', '.join(KINDS)}",
            [Problem(f"must be one of {', '.join(KINDS)}", "Kind")],
        )
    return kind


def _company(conn: Connection, company_id: int) -> Row:
    company = company_row(conn, company_id)
    if company is None:
        raise NotFound(f"No company {company_id}")
    return company


def _employee(conn: Connection, company_id: int, value: Any, name: str = "EmployeeNr") -> Any:
    nr = value.strip() if isinstance(value, str) else ""
    if not nr:
        raise InvalidInput(f"{name} is required", [Problem("is required", name)])
    found = employees_by_nr(conn, company_id, [nr]).get(nr)
    if found is None:
        raise NotFound(f"Employee {nr!r} does not exist", [Problem("does not exist", name)])
    return found


def _punch(conn: Connection, company_id: int, employee: Any, given: Mapping[str, Any]) -> Row:
    value = given.get("punch_id")
    name = NAMES["punch_id"]
    if value is None or value == "":
        raise InvalidInput(
            f"{name} is required: the punch to correct", [Problem("is required", name)]
        )
    try:
        punch_id = int(str(value).strip()) if not isinstance(value, bool) else None
    except ValueError:
        punch_id = None
    if punch_id is None or not 0 < punch_id < 2**63:
        raise InvalidInput(f"{name} must be a punch's id", [Problem("must be an id", name)])
    row = rows.punch(conn, company_id, punch_id)
    if row is None or row.employee_id != employee.id:
        raise NotFound(
            f"Punch {punch_id} of employee {employee.employee_nr!r} does not exist",
            [Problem("does not exist", name)],
        )
    return row


def _refuse_superseded(conn: Connection, company_id: int, row: Row) -> None:
    if row.superseded_at is None:
        return
    newer = _newer(conn, company_id, row)
    raise Conflict(
        f"Punch {row.id} was already superseded by {newer}; correct that instead",
        [Problem(f"superseded by {newer}", "TimeStampEntryId")],
    )


def _newer(conn: Connection, company_id: int, row: Row) -> str:
    """What replaced a superseded punch, in words: "punch 15", "correction 9 (void)"."""
    successor = row.superseded_by_id or rows.successor_in_batch(conn, company_id, row)
    if successor is not None:
        return f"punch {successor}"
    batch = rows.batch(conn, company_id, row.superseded_by_batch_id)
    if batch is not None and batch.route == rows.ROUTE_PREFIX + "void":
        return f"correction {batch.id} (void)"
    return f"batch {row.superseded_by_batch_id} (replaceDays)"


def _nothing_set(given: Mapping[str, Any]) -> None:
    sent = [NAMES[name] for name in SETTABLE if name in given]
    if sent:
        raise InvalidInput(
            "A void sets nothing; to change the punch, send kind change",
            [Problem("is not taken by a void", name) for name in sent],
        )


def _entry(
    conn: Connection,
    company_id: int,
    kind: str,
    employee: Any,
    original: Row | None,
    given: Mapping[str, Any],
) -> dict[str, Any]:
    """The new punch as a TimeStampEntry would post it: the original's fields (change) with
    the ones sent on top."""
    if original is not None:
        entry: dict[str, Any] = {
            "EmployeeNr": original.employee_nr,
            "TimeStamp": original.timestamp_sent,
            "TimeStampEntryType": original.entry_type,
            "IsBreak": original.is_break,
            "AccountNr": original.account_nr,
            "SieAccountDim": original.sie_account_dim,
            "TimeTerminalId": original.time_terminal_id,
            "Accounts": [
                {"AccountNr": a["accountNr"], "SieAccountDim": a["sieAccountDim"]}
                for a in original.accounts or ()
            ]
            or None,
            "TimeScheduleTypes": [
                {"TimeScheduleTypeCode": t["timeScheduleTypeCode"]}
                for t in original.time_codes or ()
            ]
            or None,
        }
    else:
        entry = {"EmployeeNr": employee.employee_nr}
    for name, wire in SETTABLE.items():
        if name in given:
            entry[wire] = _wire_value(name, given[name])
    if kind == "add" and entry.get("TimeTerminalId") is None:
        terminal = _default_terminal(conn, company_id, employee, entry.get("TimeStamp"))
        if terminal is not None:
            entry["TimeTerminalId"] = terminal
    return entry


def _wire_value(name: str, value: Any) -> Any:
    """A value as typed by a person (comma-separated lists) or sent as JSON, in the
    TimeStampEntry's shape."""
    if isinstance(value, str) and name in ("accounts", "time_codes"):
        value = [part.strip() for part in value.split(",") if part.strip()] or None
    if isinstance(value, list) and name == "accounts":
        return [{"AccountNr": a} if isinstance(a, str) else a for a in value] or None
    if isinstance(value, list) and name == "time_codes":
        return [{"TimeScheduleTypeCode": c} if isinstance(c, str) else c for c in value] or None
    if isinstance(value, str) and not value.strip() and name != "time_stamp":
        return None
    return value


def _default_terminal(
    conn: Connection, company_id: int, employee: Any, time_stamp: Any
) -> int | None:
    """An added punch's terminal when none is named: that of the employee's punch nearest
    in time around that date (HR adds what a terminal missed)."""
    try:
        day = date.fromisoformat(str(time_stamp)[:10])
        near = (day - timedelta(days=1), day + timedelta(days=1))
    except (ValueError, OverflowError):
        return None
    found = punch_store.read_current(conn, company_id, *near, [employee.id])
    same_day = [row for row in found if row.local_date == day]
    chosen = same_day or found
    return chosen[-1].time_terminal_id if chosen else None


def _checked(
    conn: Connection,
    company_id: int,
    entry: dict[str, Any],
    zone: ZoneInfo,
    now: datetime,
    limits: Limits,
) -> NewPunch:
    """The entry as a punch, through the wire's and the registers' checks of ingestion."""
    try:
        parsed = TimeStampEntry.model_validate(entry)
    except ValidationError as error:
        problems = [_problem(item) for item in error.errors()]
        raise InvalidInput(problems[0].message, problems) from None
    references = load_references(conn, company_id, [parsed])
    checker = EntryChecker(references, zone, now, limits.max_future, limits.earliest)
    checked = checker.check(0, parsed)
    if not isinstance(checked, NewPunch):
        problems = [Problem(p.message, p.field) for p in checked]
        raise InvalidInput(problems[0].message, problems)
    return checked


def _problem(item: Any) -> Problem:
    path = ""
    for part in item["loc"]:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    if item["type"] == "missing":
        return Problem(f"{path} is required", path)
    reason = str(item["msg"]).removeprefix("Value error, ")
    return Problem(f"{path}: {reason}", path)


def _same(row: Row, new: NewPunch) -> bool:
    return (
        row.instant == new.instant
        and row.entry_type == new.entry_type
        and bool(row.is_break) == new.is_break
        and row.terminal_id == new.terminal_id
        and punch_store.payload_of(row)[1:] == punch_store.payload_of(new)[1:]
    )


# Storing --------------------------------------------------------------------------------------


def _store(
    conn: Connection,
    company_id: int,
    kind: str,
    employee: Any,
    original: Row | None,
    new: NewPunch | None,
    reason: str,
    zone: ZoneInfo,
    now: datetime,
    actor: StaffActor,
) -> CorrectionView:
    batch_id, ids = allocate_batch(conn, ingest_batches, punches, company_id, int(new is not None))
    new_id = ids[0] if ids else None
    rows.insert_batch(
        conn,
        {
            "company_id": company_id,
            "id": batch_id,
            "received_at": now,
            "route": rows.ROUTE_PREFIX + kind,
            "all_or_none": True,
            "replace_days": False,
            "entry_count": 1,
            "saved_count": int(new is not None),
            "duplicate_count": 0,
            "rejected_count": 0,
            "superseded_count": int(original is not None),
            "correction_actor": actor.name[:200],
            "correction_reason": reason,
            "corrected_punch_id": original.id if original is not None else None,
        },
    )
    if original is not None and not rows.supersede(
        conn, company_id, original.id, batch_id, now, new_id
    ):
        current = rows.punch(conn, company_id, original.id)
        assert current is not None
        _refuse_superseded(conn, company_id, current)  # another correction won just now
    if new is not None:
        assert new_id is not None
        _refuse_equal(conn, company_id, new)
        values = dict(zip(INSERT_COLUMNS, new.row(company_id, new_id, batch_id, now), strict=True))
        # Absent lists stay SQL NULL (not JSON null), as ingestion stores them.
        values = {k: v for k, v in values.items() if v is not None or k not in _LISTS}
        rows.insert_punch(conn, {**values, "employee_external_code": None, "origin": CORRECTION})
    stored_new = rows.punch(conn, company_id, new_id) if new_id is not None else None
    stored_old = rows.punch(conn, company_id, original.id) if original is not None else None
    day = (stored_old or stored_new).local_date  # type: ignore[union-attr]
    changes = _changes(stored_old, stored_new, zone)
    event = Event(ENTITY, day_key(employee.employee_nr, day), kind, batch_id, changes, reason)
    audit.record(conn, company_id, actor.name, now, [event])
    batch = rows.batch(conn, company_id, batch_id)
    assert batch is not None
    return _view(batch, employee.employee_nr, stored_new, stored_old)


def _refuse_equal(conn: Connection, company_id: int, new: NewPunch) -> None:
    """A punch equal to a current one (same employee, time, type, IsBreak, terminal) would
    count twice: refused naming it."""
    probe = {(new.local_date, new.employee_id, new.instant)}
    for stored in punch_store.find_equal(conn, company_id, probe):
        if stored.current and stored.key == new.key:
            raise Conflict(
                f"Punch {stored.id} already records this {EntryType(new.entry_type).wire_name} "
                "at this time; correct that one instead",
                [Problem(f"equal to punch {stored.id}", "TimeStamp")],
            )


def _shown(row: Row | None, zone: ZoneInfo) -> dict[str, Any]:
    """A punch as the audit trail records it, in the API's names and local time."""
    if row is None:
        return {}
    return {
        "TimeStampEntryId": row.id,
        "TimeStamp": row.instant.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
        "TimeStampEntryType": EntryType(row.entry_type).wire_name,
        "IsBreak": bool(row.is_break),
        "AccountNr": row.account_nr,
        "Accounts": [a["accountNr"] for a in row.accounts or ()] or None,
        "TimeScheduleTypes": [t["timeScheduleTypeCode"] for t in row.time_codes or ()] or None,
        "TimeTerminalId": row.time_terminal_id,
    }


def _changes(old: Row | None, new: Row | None, zone: ZoneInfo) -> dict[str, list[Any]]:
    before, after = _shown(old, zone), _shown(new, zone)
    if old is None:
        return audit.created(after)
    if new is None:
        return {name: [value, None] for name, value in before.items() if value is not None}
    return audit.changed(before, after)


# Reading --------------------------------------------------------------------------------------


def _corrections(conn: Connection, company_id: int, found: Sequence[Row]) -> list[CorrectionView]:
    """The corrections that stored or superseded any of ``found``, with both their punches."""
    batch_ids = {row.batch_id for row in found if row.origin == CORRECTION}
    batch_ids.update(row.superseded_by_batch_id for row in found if row.superseded_by_batch_id)
    batches = rows.correction_batches(conn, company_id, batch_ids)
    if not batches:
        return []
    by_id = {row.id: row for row in found}
    made = {row.batch_id: row for row in found if row.batch_id in batches}
    # A change may have moved the punch to a date outside the range: read its other half.
    wanted = {b.corrected_punch_id for b in batches.values() if b.corrected_punch_id}
    wanted.update(
        row.superseded_by_id for row in found if row.superseded_by_id and row.id in wanted
    )
    missing = wanted.difference(by_id)
    by_id.update(rows.punches_by_id(conn, company_id, missing))
    for row in by_id.values():
        if row.superseded_by_id and row.superseded_by_batch_id in batches:
            successor = by_id.get(row.superseded_by_id) or rows.punch(
                conn, company_id, row.superseded_by_id
            )
            if successor is not None:
                made.setdefault(successor.batch_id, successor)
    numbers = rows.employee_numbers(conn, company_id, {row.employee_id for row in by_id.values()})
    views = []
    for batch in batches.values():
        original = by_id.get(batch.corrected_punch_id) if batch.corrected_punch_id else None
        new = made.get(batch.id)
        subject = original or new
        if subject is None:
            continue
        views.append(_view(batch, numbers.get(subject.employee_id, ""), new, original))
    return sorted(views, key=lambda view: (view.at, view.id))


def _view(batch: Row, employee_nr: str, new: Row | None, original: Row | None) -> CorrectionView:
    subject = original if original is not None else new
    assert subject is not None
    return CorrectionView(
        id=batch.id,
        kind=batch.route.removeprefix(rows.ROUTE_PREFIX),
        employee_nr=employee_nr,
        local_date=subject.local_date,
        at=batch.received_at,
        actor=batch.correction_actor or "",
        reason=batch.correction_reason or "",
        punch_id=new.id if new is not None else None,
        supersedes=original.id if original is not None else None,
        punch=StoredEntry.of(new) if new is not None else None,
        original=(
            StoredEntry.of(original, new.id if new is not None else None)
            if original is not None
            else None
        ),
    )


def _successors(conn: Connection, company_id: int, found: Sequence[Row]) -> dict[int, int]:
    """Superseded punch id -> the punch that took its place, where one did."""
    successors = {}
    for row in found:
        if row.superseded_at is None:
            continue
        successor = row.superseded_by_id or rows.successor_in_batch(conn, company_id, row)
        if successor is not None:
            successors[row.id] = successor
    return successors


def _day_events(conn: Connection, company_id: int, employee: Any, day: date) -> list[AuditEvent]:
    """The audit events that name the employee-day ("3002 2025-06-12", of any entity), and
    those of the absence registrations that cover it."""
    found = rows.day_events(conn, company_id, day_key(employee.employee_nr, day), employee.id, day)
    return [
        AuditEvent(
            id=row.id,
            at=row.at,
            actor=row.actor,
            entity=row.entity,
            entity_key=row.entity_key,
            action=row.action,
            changes=row.changes,
            note=row.note,
        )
        for row in found
        if row.entity != ENTITY  # the corrections are listed with their punches
    ]
