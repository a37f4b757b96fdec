"""What an ADMS device sends: recognising it, the handshake, and its uploads as punches.

Punches go through ``service.ingest``, the API's own path: the same validation, dedup and
results. A device resends what it was not told ``OK`` for, so a resend answers Duplicate. Each
upload's body is kept as sent, and each ATTLOG line with what became of it; a line whose PIN
names no employee is *held* and applied when the PIN is mapped (``apply_held``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Connection

from stampla.domain import adms
from stampla.domain.adms import AttLine, Direction, DirectionMode
from stampla.domain.localtime import resolve_timestamp
from stampla.domain.punch import EntryType
from stampla.errors import Forbidden, InvalidInput, Problem
from stampla.settings import Settings
from stampla.store import devices as device_store
from stampla.store import references as refs
from stampla.store.devices import Device
from stampla.store.engine import Store
from stampla.wire import TimeStampEntry

from ..auth import Principal
from ..ingest import IngestOptions, IngestReport, Origin, ingest
from ..secrets import digest
from . import commands


@dataclass(frozen=True, slots=True)
class Limits:
    """The server settings an upload is checked against."""

    max_future: timedelta
    earliest: date
    clock_tolerance: timedelta


@dataclass(frozen=True, slots=True)
class Caller:
    """Where a device's request came from (kept with a pending serial and with batches)."""

    address: str | None
    user_agent: str | None


def recognise(
    store: Store, serial: str | None, secret: str | None, now: datetime, caller: Caller
) -> Device:
    """The registered, active device with this serial and path secret, or Forbidden.

    An unknown serial is noted as pending, for an admin to accept (``stampla device accept``):
    on the list of the company whose enrolment secret its path carries, else on the
    operator's list only (a serial alone says nothing of whose it is).
    """
    serial = (serial or "").strip()
    if not serial or len(serial) > 50:
        raise InvalidInput(
            "SN (the device's serial number) is required", [Problem("required", "SN")]
        )
    with store.read() as conn:
        device = device_store.device_by_serial(conn, serial)
    if device is None:
        with store.write() as conn:
            claimant = device_store.enrolment_company(conn, digest(secret)) if secret else None
            if claimant is not None:
                device_store.note_claim(
                    conn, claimant, serial, now, caller.address, caller.user_agent
                )
            else:
                device_store.note_pending(conn, serial, now, caller.address, caller.user_agent)
        raise Forbidden(
            f"Device {serial} is not registered; it is listed for an admin to accept "
            "(stampla device accept)"
        )
    if device.secret_hash is not None and (secret is None or digest(secret) != device.secret_hash):
        raise Forbidden(f"Device {serial} must use its server path with the right secret")
    if not device.active:
        raise Forbidden(f"Terminal {device.terminal_number} of device {serial} is inactive")
    return device


def handshake(store: Store, device: Device, now: datetime) -> str:
    """The options a device asks for at start (``GET /iclock/cdata``)."""
    with store.write() as conn:
        device_store.update_terminal(
            conn, device.company_id, device.terminal_id, device_last_seen_at=now
        )
    offset = now.astimezone(ZoneInfo(device.time_zone)).utcoffset() or timedelta()
    options = adms.Options(device.serial, device.attlog_stamp, device.operlog_stamp, offset)
    return adms.options_text(options)


def poll(store: Store, device: Device, now: datetime) -> str:
    """``getrequest``: the commands queued for the device (``C:<id>:<command>`` lines,
    marked sent), or ``OK`` when none wait."""
    with store.write() as conn:
        device_store.update_terminal(
            conn, device.company_id, device.terminal_id, device_last_seen_at=now
        )
        return commands.to_send(conn, device, now)


def receive(
    store: Store,
    device: Device,
    table: str | None,
    query: str,
    body: str,
    stamp: str | None,
    now: datetime,
    limits: Limits,
    caller: Caller,
) -> str:
    """Keep an upload and, for ATTLOG, punch its lines; the answer the device expects."""
    name = (table or "").strip().upper() or "UNKNOWN"
    if name != "ATTLOG":
        lines = [line for line in body.splitlines() if line.strip()]
        with store.write() as conn:
            device_store.insert_upload(
                conn,
                device.company_id,
                terminal_id=device.terminal_id,
                received_at=now,
                table_name=name[:30],
                query=query[:1000],
                body=body,
                line_count=len(lines),
            )
            values: dict = {"device_last_seen_at": now}
            if name == "OPERLOG" and stamp:
                values["device_operlog_stamp"] = stamp[:30]
            device_store.update_terminal(conn, device.company_id, device.terminal_id, **values)
        return f"OK:{len(lines)}" if name == "OPERLOG" else "OK"
    records, unreadable = adms.parse_attlog(body)
    with store.write() as conn:
        previous = device_store.newest_device_time(conn, device.company_id, device.terminal_id)
        upload_id = device_store.insert_upload(
            conn,
            device.company_id,
            terminal_id=device.terminal_id,
            received_at=now,
            table_name=name,
            query=query[:1000],
            body=body,
            line_count=len(records) + len(unreadable),
        )
    pending = [
        _Pending(i, device.terminal_number, device.direction_mode, record)
        for i, record in enumerate(records)
    ]
    route = f"/iclock/cdata SN={device.serial}"
    batch_id, outcomes = _punch(store, device.company_id, pending, now, limits, caller, route)
    note = _clock_note(device, records, previous, now, limits.clock_tolerance)
    rows = [
        {**_line_row(upload_id, device.terminal_id, record, now), **outcomes.get(i, {})}
        for i, record in enumerate(records)
    ] + [_unreadable_row(upload_id, device.terminal_id, n, text, now) for n, text in unreadable]
    with store.write() as conn:
        device_store.insert_lines(conn, device.company_id, rows)
        if batch_id is not None:
            device_store.set_upload_batch(conn, device.company_id, upload_id, batch_id)
        if note is not None and note != device.clock_note:
            commands.queue_clock_fix(conn, device, note, now)
        values = {"device_last_seen_at": now, "device_clock_note": note}
        if stamp:
            values["device_attlog_stamp"] = stamp[:30]
        device_store.update_terminal(conn, device.company_id, device.terminal_id, **values)
    return f"OK:{len(records) + len(unreadable)}"


def _clock_note(
    device: Device,
    records: Sequence[AttLine],
    previous: str | None,
    now: datetime,
    tolerance: timedelta,
) -> str | None:
    """The clock note after this upload: set when it shows a wrong clock, cleared once the
    newest record is near the server's time again, else kept."""
    times = [r.time for r in records if r.time is not None]
    if not times:
        return device.clock_note
    newest = max(times)
    earlier = _parsed(previous)
    now_local = now.astimezone(ZoneInfo(device.time_zone)).replace(tzinfo=None)
    problem = adms.clock_problem(newest, earlier, now_local, tolerance)
    if problem is not None:
        return problem[:300]
    if abs(now_local - newest) <= tolerance:
        return None
    return device.clock_note


def _parsed(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.strptime(text, adms.TIME_FORMAT)
    except ValueError:
        return None


def _line_row(upload_id: int, terminal_id: int, record: AttLine, now: datetime) -> dict:
    return {
        "upload_id": upload_id,
        "terminal_id": terminal_id,
        "line_number": record.number,
        "pin": record.pin[:50],
        "device_time": record.time_text[:30],
        "status": record.status[:10],
        "verify": record.verify[:10],
        "work_code": record.work_code[:20],
        "state": "rejected" if record.time is None else "held",
        "punch_id": None,
        "note": None if record.time is not None else "the time is not YYYY-MM-DD HH:MM:SS",
        "updated_at": now,
    }


def _unreadable_row(
    upload_id: int, terminal_id: int, number: int, text: str, now: datetime
) -> dict:
    return {
        "upload_id": upload_id,
        "terminal_id": terminal_id,
        "line_number": number,
        "pin": "",
        "device_time": "",
        "status": "",
        "verify": "",
        "work_code": "",
        "state": "rejected",
        "punch_id": None,
        "note": f"not an ATTLOG record: {text[:400]}",
        "updated_at": now,
    }


@dataclass(frozen=True, slots=True)
class _Pending:
    """A line to punch: its key (a stored line's id, or its place in an upload), its
    terminal, and the record."""

    line_id: int
    terminal_number: int
    direction_mode: str | None
    record: AttLine


def apply_held(
    store: Store, company_id: int, pins: Sequence[str] | None, now: datetime, limits: Limits
) -> int:
    """Punch the held lines of these PINs (all, if None) now that they may name an employee;
    how many were stored (saved or found as duplicates)."""
    with store.read() as conn:
        rows = device_store.held_lines(conn, company_id, pins)
    pending = [
        _Pending(
            row.id,
            row.terminal_number,
            row.direction_mode,
            AttLine(
                row.line_number,
                row.pin,
                row.device_time,
                _parsed(row.device_time),
                row.status,
                row.verify,
                row.work_code,
            ),
        )
        for row in rows
    ]
    if not pending:
        return 0
    _, outcomes = _punch(
        store, company_id, pending, now, limits, Caller(None, None), "device:held lines"
    )
    changed = [
        {"line_id": key, **values} for key, values in outcomes.items() if values["state"] != "held"
    ]
    with store.write() as conn:
        device_store.update_lines(conn, company_id, changed)
    return sum(1 for values in changed if values["state"] in ("saved", "duplicate"))


def _punch(
    store: Store,
    company_id: int,
    pending: Sequence[_Pending],
    now: datetime,
    limits: Limits,
    caller: Caller,
    route: str,
) -> tuple[int | None, dict[int, dict]]:
    """Ingest the lines that name an employee: the batch id, and by line key the columns
    of its outcome (state, punch_id, note, updated_at) for the caller to store."""
    usable = [p for p in pending if p.record.time is not None]
    if not usable:
        return None, {}
    with store.read() as conn:
        zone, terminals_zone = _zones(conn, company_id, {p.terminal_number for p in usable})
        employee_of = _employees(conn, company_id, {p.record.pin for p in usable})
        codes = device_store.work_codes(conn, company_id)
        entries: list[tuple[_Pending, TimeStampEntry]] = []
        held: list[_Pending] = []
        located: list[tuple[_Pending, str, datetime]] = []
        for p in usable:
            nr = employee_of.get(p.record.pin)
            if nr is None:
                held.append(p)
                continue
            assert p.record.time is not None
            local_zone = terminals_zone.get(p.terminal_number) or zone
            instant = resolve_timestamp(p.record.time, local_zone).instant
            located.append((p, nr, instant))
        directions = _directions(conn, company_id, located, zone)
    notes: dict[int, str] = {}
    for p, nr, _instant in located:
        direction, note = directions[p.line_id]
        if note:
            notes[p.line_id] = note
        entries.append((p, _entry(p, nr, direction, codes)))
    report: IngestReport | None = None
    problems: list[Problem] = []
    if entries:
        principal = Principal(company_id, zone, None, None)  # type: ignore[arg-type]
        try:
            report = ingest(
                store,
                principal,
                [entry for _, entry in entries],
                [],
                IngestOptions(all_or_none=False),
                Origin(route[:200], caller.address, (caller.user_agent or "")[:300] or None),
                now,
                limits.max_future,
                earliest=limits.earliest,
            )
            problems = report.problems
        except InvalidInput as refused:
            problems = list(refused.problems)
    outcomes = {o.index: o for o in report.outcomes} if report else {}
    by_index: dict[int, list[str]] = {}
    for problem in problems:
        if problem.index is not None:
            by_index.setdefault(problem.index, []).append(
                f"{problem.field}: {problem.message}" if problem.field else problem.message
            )
    results: dict[int, dict] = {}
    for index, (p, _entry_sent) in enumerate(entries):
        outcome = outcomes.get(index)
        extra = notes.get(p.line_id)
        if outcome is not None:
            note = "; ".join(n for n in (extra, outcome.note) if n) or None
            results[p.line_id] = {
                "state": "saved" if outcome.status == "Saved" else "duplicate",
                "punch_id": outcome.punch_id,
                "note": note[:500] if note else None,
                "updated_at": now,
            }
        else:
            text = "; ".join(by_index.get(index, ["refused"]))
            results[p.line_id] = {"state": "rejected", "note": text[:500], "updated_at": now}
    for p in held:
        results[p.line_id] = {
            "state": "held",
            "note": f"PIN {p.record.pin} names no employee; kept until it is mapped"[:500],
            "updated_at": now,
        }
    return (report.batch_id if report else None), results


def _zones(
    conn: Connection, company_id: int, numbers: set[int]
) -> tuple[ZoneInfo, dict[int, ZoneInfo]]:
    from stampla.store.masterdata import company_row

    company = company_row(conn, company_id)
    assert company is not None
    known = refs.terminals_by_number(conn, company_id, numbers)
    return ZoneInfo(company.time_zone), {
        n: ZoneInfo(t.time_zone) for n, t in known.items() if t.time_zone
    }


def _employees(conn: Connection, company_id: int, pins: set[str]) -> dict[str, str]:
    """PIN → EmployeeNr: the PIN's mapping, else the employee whose EmployeeNr is the PIN."""
    mapped = device_store.pin_employees(conn, company_id, pins)
    rest = pins - mapped.keys()
    by_nr = refs.employees_by_nr(conn, company_id, rest) if rest else {}
    return {**{pin: known.employee_nr for pin, known in by_nr.items()}, **mapped}


def _directions(
    conn: Connection,
    company_id: int,
    located: Sequence[tuple[_Pending, str, datetime]],
    zone: ZoneInfo,
) -> dict[int, tuple[Direction, str | None]]:
    """Each line's In or Out. Lines to alternate follow the employee's last stamp before
    them (stored, or an earlier line of this upload), so a resend gets the same direction."""
    decided: dict[int, tuple[Direction, str | None]] = {}
    to_alternate: list[tuple[_Pending, str, datetime, str | None]] = []
    for p, nr, instant in located:
        mode = DirectionMode.parse(p.direction_mode) if p.direction_mode else DirectionMode.STATUS
        fixed = adms.fixed_direction(mode, p.record.status)
        if fixed is not None:
            decided[p.line_id] = (fixed, None)
        else:
            note = (
                None
                if mode is DirectionMode.ALTERNATE
                else f"status {p.record.status!r} is no direction; read as the opposite of the "
                "last stamp"
            )
            to_alternate.append((p, nr, instant, note))
    if not to_alternate:
        return decided
    known = refs.employees_by_nr(conn, company_id, {nr for _, nr, _, _ in to_alternate})
    ids = {nr: k.id for nr, k in known.items()}
    instants = [instant for _, _, instant, _ in to_alternate]
    first = min(instants).astimezone(zone).date() - timedelta(days=2)
    last = max(instants).astimezone(zone).date() + timedelta(days=1)
    history: dict[int, list[tuple[datetime, Direction]]] = {}
    for stamp in device_store.current_stamps(conn, company_id, set(ids.values()), first, last):
        history.setdefault(stamp.employee_id, []).append(
            (stamp.instant, Direction(EntryType(stamp.entry_type), stamp.is_break))
        )
    for p, nr, instant, note in sorted(to_alternate, key=lambda item: item[2]):
        employee_id = ids.get(nr)
        stamps = history.setdefault(employee_id, []) if employee_id is not None else []
        before = [s for s in stamps if s[0] < instant]
        last_direction = max(before, key=lambda s: s[0])[1] if before else None
        direction = adms.alternate(last_direction)
        decided[p.line_id] = (direction, note)
        if employee_id is not None and not any(s[0] == instant for s in stamps):
            stamps.append((instant, direction))
    return decided


def _entry(p: _Pending, nr: str, direction: Direction, codes: dict) -> TimeStampEntry:
    assert p.record.time is not None
    values: dict = {
        "EmployeeNr": nr,
        "TimeStamp": p.record.time.isoformat(),
        "TimeStampEntryType": direction.entry_type.wire_name,
        "IsBreak": direction.is_break,
        "TimeTerminalId": p.terminal_number,
    }
    code = adms.work_code_of(p.record)
    mapping = codes.get(code) if code else None
    if mapping is not None:
        if mapping.account_nr:
            values["AccountNr"] = mapping.account_nr
            if mapping.sie_account_dim is not None:
                values["SieAccountDim"] = mapping.sie_account_dim
        if mapping.time_code:
            values["TimeScheduleTypes"] = [{"TimeScheduleTypeCode": mapping.time_code}]
    return TimeStampEntry.model_validate(values)


def limits_of(settings: Settings) -> Limits:
    """The limits an upload is checked against, from the server settings."""
    return Limits(
        settings.max_future,
        settings.earliest_date,
        timedelta(minutes=settings.device_clock_tolerance_minutes),
    )
