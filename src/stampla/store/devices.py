"""Queries of devices: terminals by serial, pending serials, uploads and their lines, mappings.

Every query of company data is scoped by company. The exceptions are the two a device's
request starts with — which terminal has this serial, and noting an unknown serial — since a
device tells nothing but its serial number.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Row, bindparam, delete, func, insert, select, update

from .ids import allocate_ids
from .tables import (
    companies,
    device_enrolment,
    device_lines,
    device_pending,
    device_pending_claims,
    device_pins,
    device_uploads,
    device_work_codes,
    employees,
    punches,
    terminals,
)


@dataclass(frozen=True, slots=True)
class Device:
    """A terminal with a serial number, and what a request from it needs."""

    company_id: int
    terminal_id: int
    terminal_number: int
    name: str
    serial: str
    secret_hash: str | None
    direction_mode: str | None
    time_zone: str  # the terminal's own, else the company's
    active: bool
    attlog_stamp: str | None
    operlog_stamp: str | None
    last_seen_at: datetime | None
    clock_note: str | None
    company_time_zone: str


_DEVICE_COLUMNS = (
    terminals.c.company_id,
    terminals.c.id,
    terminals.c.terminal_number,
    terminals.c.name,
    terminals.c.device_serial,
    terminals.c.device_secret_hash,
    terminals.c.direction_mode,
    func.coalesce(terminals.c.time_zone, companies.c.time_zone),
    terminals.c.active,
    terminals.c.device_attlog_stamp,
    terminals.c.device_operlog_stamp,
    terminals.c.device_last_seen_at,
    terminals.c.device_clock_note,
    companies.c.time_zone,
)


def _device(row: Row) -> Device:
    return Device(*row)


def _devices_select():
    return select(*_DEVICE_COLUMNS).join(companies, companies.c.id == terminals.c.company_id)


def device_by_serial(conn: Connection, serial: str) -> Device | None:
    """The terminal registered with this serial, in whichever company (serials are unique
    across the installation: ``accept`` refuses one that is taken)."""
    row = conn.execute(_devices_select().where(terminals.c.device_serial == serial)).first()
    return _device(row) if row else None


def devices_of(conn: Connection, company_id: int) -> list[Device]:
    statement = _devices_select().where(
        terminals.c.company_id == company_id, terminals.c.device_serial.is_not(None)
    )
    return [_device(r) for r in conn.execute(statement.order_by(terminals.c.terminal_number))]


def terminal_row(conn: Connection, company_id: int, terminal_number: int) -> Row | None:
    return conn.execute(
        select(terminals).where(
            terminals.c.company_id == company_id, terminals.c.terminal_number == terminal_number
        )
    ).first()


def update_terminal(conn: Connection, company_id: int, terminal_id: int, **values: Any) -> None:
    conn.execute(
        update(terminals)
        .where(terminals.c.company_id == company_id, terminals.c.id == terminal_id)
        .values(**values)
    )


def note_pending(
    conn: Connection, serial: str, now: datetime, address: str | None, agent: str | None
) -> None:
    """Remember a serial that asked to be let in, for an admin to accept."""
    found = conn.execute(
        update(device_pending)
        .where(device_pending.c.serial == serial)
        .values(
            last_seen_at=now,
            client_address=address,
            user_agent=agent,
            requests=device_pending.c.requests + 1,
        )
    )
    if found.rowcount == 0:
        conn.execute(
            insert(device_pending).values(
                serial=serial,
                first_seen_at=now,
                last_seen_at=now,
                client_address=address,
                user_agent=agent,
                requests=1,
            )
        )


def pending(conn: Connection) -> list[Row]:
    """Serials that knocked without a company's enrolment secret (the operator's list)."""
    return list(conn.execute(select(device_pending).order_by(device_pending.c.first_seen_at)))


def forget_pending(conn: Connection, serial: str) -> None:
    """The serial is registered: off the operator's list and every company's."""
    conn.execute(delete(device_pending).where(device_pending.c.serial == serial))
    conn.execute(delete(device_pending_claims).where(device_pending_claims.c.serial == serial))


def enrolment_company(conn: Connection, secret_hash: str) -> int | None:
    """The company whose enrolment secret this is (a device's path names it)."""
    return conn.execute(
        select(device_enrolment.c.company_id).where(device_enrolment.c.secret_hash == secret_hash)
    ).scalar()


def enrolment_hash(conn: Connection, company_id: int) -> str | None:
    return conn.execute(
        select(device_enrolment.c.secret_hash).where(device_enrolment.c.company_id == company_id)
    ).scalar()


def put_enrolment(conn: Connection, company_id: int, secret_hash: str, now: datetime) -> None:
    conn.execute(delete(device_enrolment).where(device_enrolment.c.company_id == company_id))
    conn.execute(
        insert(device_enrolment).values(
            company_id=company_id, secret_hash=secret_hash, created_at=now
        )
    )


def note_claim(
    conn: Connection,
    company_id: int,
    serial: str,
    now: datetime,
    address: str | None,
    agent: str | None,
) -> None:
    """Remember a serial that knocked with this company's enrolment secret."""
    claims = device_pending_claims.c
    found = conn.execute(
        update(device_pending_claims)
        .where(claims.company_id == company_id, claims.serial == serial)
        .values(
            last_seen_at=now,
            client_address=address,
            user_agent=agent,
            requests=claims.requests + 1,
        )
    )
    if found.rowcount == 0:
        conn.execute(
            insert(device_pending_claims).values(
                company_id=company_id,
                serial=serial,
                first_seen_at=now,
                last_seen_at=now,
                client_address=address,
                user_agent=agent,
                requests=1,
            )
        )


def claims_of(conn: Connection, company_id: int) -> list[Row]:
    claims = device_pending_claims.c
    return list(
        conn.execute(
            select(device_pending_claims)
            .where(claims.company_id == company_id)
            .order_by(claims.first_seen_at)
        )
    )


def claimants(conn: Connection, serial: str) -> set[int]:
    """The companies whose enrolment secret this serial knocked with."""
    claims = device_pending_claims.c
    rows = conn.execute(select(claims.company_id).where(claims.serial == serial))
    return {row[0] for row in rows}


def insert_upload(conn: Connection, company_id: int, **values: Any) -> int:
    (upload_id,) = allocate_ids(conn, device_uploads, company_id, 1)
    conn.execute(insert(device_uploads).values(company_id=company_id, id=upload_id, **values))
    return upload_id


def set_upload_batch(conn: Connection, company_id: int, upload_id: int, batch_id: int) -> None:
    conn.execute(
        update(device_uploads)
        .where(device_uploads.c.company_id == company_id, device_uploads.c.id == upload_id)
        .values(batch_id=batch_id)
    )


def insert_lines(conn: Connection, company_id: int, rows: Sequence[dict[str, Any]]) -> list[int]:
    ids = allocate_ids(conn, device_lines, company_id, len(rows))
    if rows:
        conn.execute(
            insert(device_lines),
            [{**row, "company_id": company_id, "id": i} for row, i in zip(rows, ids, strict=True)],
        )
    return ids


def update_lines(conn: Connection, company_id: int, changes: Sequence[dict[str, Any]]) -> None:
    """Set state, punch_id, note and updated_at of lines (``line_id`` in each), in one
    statement run for all."""
    if not changes:
        return
    rows = [
        {
            "line_id": c["line_id"],
            "new_state": c["state"],
            "new_punch_id": c.get("punch_id"),
            "new_note": c.get("note"),
            "new_updated_at": c["updated_at"],
        }
        for c in changes
    ]
    statement = (
        update(device_lines)
        .where(
            device_lines.c.company_id == company_id,
            device_lines.c.id == bindparam("line_id"),
        )
        .values(
            state=bindparam("new_state"),
            punch_id=bindparam("new_punch_id"),
            note=bindparam("new_note"),
            updated_at=bindparam("new_updated_at"),
        )
    )
    conn.execute(statement, rows)


def held_lines(conn: Connection, company_id: int, pins: Collection[str] | None = None) -> list[Row]:
    """Lines kept for a PIN that had no employee, oldest first, with their terminal."""
    statement = (
        select(device_lines, terminals.c.terminal_number, terminals.c.direction_mode)
        .join(
            terminals,
            (terminals.c.company_id == device_lines.c.company_id)
            & (terminals.c.id == device_lines.c.terminal_id),
        )
        .where(device_lines.c.company_id == company_id, device_lines.c.state == "held")
    )
    if pins is not None:
        statement = statement.where(device_lines.c.pin.in_(list(pins)))
    return list(conn.execute(statement.order_by(device_lines.c.device_time, device_lines.c.id)))


def lines_of_upload(conn: Connection, company_id: int, upload_id: int) -> list[Row]:
    return list(
        conn.execute(
            select(device_lines)
            .where(device_lines.c.company_id == company_id, device_lines.c.upload_id == upload_id)
            .order_by(device_lines.c.line_number)
        )
    )


def uploads_of(conn: Connection, company_id: int, terminal_id: int) -> list[Row]:
    return list(
        conn.execute(
            select(device_uploads)
            .where(
                device_uploads.c.company_id == company_id,
                device_uploads.c.terminal_id == terminal_id,
            )
            .order_by(device_uploads.c.received_at, device_uploads.c.id)
        )
    )


def newest_device_time(conn: Connection, company_id: int, terminal_id: int) -> str | None:
    """The latest record time a device has sent, as it wrote it (that text sorts by time)."""
    return conn.execute(
        select(func.max(device_lines.c.device_time)).where(
            device_lines.c.company_id == company_id, device_lines.c.terminal_id == terminal_id
        )
    ).scalar_one()


def pin_employees(conn: Connection, company_id: int, pins: Collection[str]) -> dict[str, str]:
    """PIN → EmployeeNr, for the PINs mapped to an employee."""
    if not pins:
        return {}
    rows = conn.execute(
        select(device_pins.c.pin, employees.c.employee_nr)
        .join(
            employees,
            (employees.c.company_id == device_pins.c.company_id)
            & (employees.c.id == device_pins.c.employee_id),
        )
        .where(device_pins.c.company_id == company_id, device_pins.c.pin.in_(list(pins)))
    )
    return {pin: nr for pin, nr in rows}


def all_pins(conn: Connection, company_id: int) -> list[tuple[str, str]]:
    rows = conn.execute(
        select(device_pins.c.pin, employees.c.employee_nr)
        .join(
            employees,
            (employees.c.company_id == device_pins.c.company_id)
            & (employees.c.id == device_pins.c.employee_id),
        )
        .where(device_pins.c.company_id == company_id)
        .order_by(device_pins.c.pin)
    )
    return [(pin, nr) for pin, nr in rows]


def put_pin(conn: Connection, company_id: int, pin: str, employee_id: int, now: datetime) -> None:
    conn.execute(
        delete(device_pins).where(device_pins.c.company_id == company_id, device_pins.c.pin == pin)
    )
    conn.execute(
        insert(device_pins).values(
            company_id=company_id, pin=pin, employee_id=employee_id, created_at=now
        )
    )


def work_codes(conn: Connection, company_id: int) -> dict[str, Row]:
    rows = conn.execute(
        select(device_work_codes)
        .where(device_work_codes.c.company_id == company_id)
        .order_by(device_work_codes.c.work_code)
    )
    return {row.work_code: row for row in rows}


def put_work_code(conn: Connection, company_id: int, work_code: str, **values: Any) -> None:
    conn.execute(
        delete(device_work_codes).where(
            device_work_codes.c.company_id == company_id,
            device_work_codes.c.work_code == work_code,
        )
    )
    conn.execute(
        insert(device_work_codes).values(company_id=company_id, work_code=work_code, **values)
    )


@dataclass(frozen=True, slots=True)
class Stamp:
    employee_id: int
    instant: datetime
    entry_type: int
    is_break: bool


def current_stamps(
    conn: Connection,
    company_id: int,
    employee_ids: Collection[int] | None,
    first: date,
    last: date,
) -> list[Stamp]:
    """The current punches of these employees (None: all) on local dates first..last, by
    time."""
    if employee_ids is not None and not employee_ids:
        return []
    statement = select(
        punches.c.employee_id, punches.c.instant, punches.c.entry_type, punches.c.is_break
    ).where(
        punches.c.company_id == company_id,
        punches.c.local_date >= first,
        punches.c.local_date <= last,
        punches.c.dedup_slot == 0,
    )
    if employee_ids is not None:
        statement = statement.where(punches.c.employee_id.in_(list(employee_ids)))
    rows = conn.execute(statement.order_by(punches.c.instant))
    return [Stamp(r[0], r[1], r[2], bool(r[3])) for r in rows]


def employee_names(
    conn: Connection, company_id: int, ids: Collection[int]
) -> dict[int, tuple[str, str]]:
    """Employee id → (EmployeeNr, "First Last")."""
    if not ids:
        return {}
    rows = conn.execute(
        select(
            employees.c.id, employees.c.employee_nr, employees.c.first_name, employees.c.last_name
        ).where(employees.c.company_id == company_id, employees.c.id.in_(list(ids)))
    )
    return {r[0]: (r[1], f"{r[2]} {r[3]}") for r in rows}
