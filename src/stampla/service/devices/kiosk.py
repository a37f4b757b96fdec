"""The kiosk: a terminal of type application that employees punch on with number and PIN.

An admin opens it once with the terminal's kiosk secret (``new_secret``; only its digest is
stored, so regenerating one locks out every tablet holding the old). Employees' PINs are
Argon2 hashes (``set_pin``). A punch is checked like a login — a wrong number and a wrong
PIN answer the same, throttled by the caller's ``LoginGuard`` — and then goes through
``service.ingest`` like any API punch. Its direction is the one the last stamp suggests
(In, Out, Start break, End break). A second tap within ``BOUNCE`` of the employee's last
stamp on this kiosk is the same punch, not a new one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import delete, insert, select

from stampla.domain.adms import Direction, alternate
from stampla.domain.punch import EntryType
from stampla.errors import InvalidInput, LoginFailed, NotAuthenticated, NotFound, Problem
from stampla.store import devices as device_store
from stampla.store import references as refs
from stampla.store.engine import Store
from stampla.store.tables import companies, employee_pins, terminals
from stampla.wire import TimeStampEntry

from .. import audit
from ..auth import Principal
from ..ingest import IngestOptions, Origin, ingest
from ..secrets import digest, hash_password, verify_password
from ..secrets import new_secret as random_secret

#: Taps of one employee closer than this to their last stamp are one punch (the default of
#: STAMPLA_KIOSK_BOUNCE_SECONDS).
BOUNCE = timedelta(seconds=30)
REFUSED = "That employee number and PIN do not match."

#: Actions as the kiosk shows them.
ACTIONS = {
    Direction(EntryType.IN, False): "In",
    Direction(EntryType.OUT, False): "Out",
    Direction(EntryType.OUT, True): "Start break",
    Direction(EntryType.IN, True): "End break",
}


@dataclass(frozen=True, slots=True)
class Kiosk:
    company_id: int
    terminal_id: int
    terminal_number: int
    name: str
    company_zone: ZoneInfo
    zone: ZoneInfo


@dataclass(frozen=True, slots=True)
class Answer:
    employee_nr: str
    name: str
    action: str
    at: datetime  # in the kiosk's zone
    duplicate: bool


def set_pin(
    store: Store,
    company_id: int,
    employee_nr: str,
    pin: str,
    now: datetime,
    actor: audit.Actor = audit.SYSTEM,
) -> None:
    """Give an employee a kiosk PIN of 4 to 12 digits (stored hashed)."""
    if not (pin.isascii() and pin.isdigit() and 4 <= len(pin) <= 12):
        raise InvalidInput("A PIN is 4 to 12 digits", [Problem("4 to 12 digits", "Pin")])
    with store.write() as conn:
        employee = refs.employees_by_nr(conn, company_id, {employee_nr}).get(employee_nr)
        if employee is None:
            raise NotFound(f"No employee {employee_nr} in this company")
        conn.execute(
            delete(employee_pins).where(
                employee_pins.c.company_id == company_id,
                employee_pins.c.employee_id == employee.id,
            )
        )
        conn.execute(
            insert(employee_pins).values(
                company_id=company_id,
                employee_id=employee.id,
                pin_hash=hash_password(pin),
                set_at=now,
            )
        )
        event = audit.Event("employee_pin", employee.employee_nr, "set", employee.id)
        audit.record(conn, company_id, actor, now, [event])


def new_secret(
    store: Store,
    company_id: int,
    terminal_number: int,
    now: datetime,
    actor: audit.Actor = audit.SYSTEM,
) -> str:
    """A new kiosk secret for an application terminal; the old one stops working."""
    secret = random_secret()
    with store.write() as conn:
        row = device_store.terminal_row(conn, company_id, terminal_number)
        if row is None:
            raise NotFound(f"Terminal {terminal_number} does not exist")
        if row.kind != "application":
            raise InvalidInput(
                f"Terminal {terminal_number} is an attendance_terminal; a kiosk is a terminal "
                "of type application",
                [Problem("must be of type application", "Type")],
            )
        device_store.update_terminal(conn, company_id, row.id, kiosk_secret_hash=digest(secret))
        event = audit.Event("terminal", str(terminal_number), "rotate_kiosk_secret", row.id)
        audit.record(conn, company_id, actor, now, [event])
    return secret


def open_kiosk(store: Store, terminal_number: int, secret: str | None) -> Kiosk:
    """The kiosk this secret opens, or NotAuthenticated."""
    if not secret:
        raise NotAuthenticated("This kiosk has not been opened: an admin signs it in")
    with store.lookup() as conn:
        row = conn.execute(
            select(
                terminals.c.company_id,
                terminals.c.id,
                terminals.c.terminal_number,
                terminals.c.name,
                terminals.c.time_zone,
                terminals.c.active,
                companies.c.time_zone.label("company_zone"),
            )
            .join(companies, companies.c.id == terminals.c.company_id)
            .where(
                terminals.c.kiosk_secret_hash == digest(secret),
                terminals.c.terminal_number == terminal_number,
            )
        ).first()
    if row is None or not row.active:
        raise NotAuthenticated("The kiosk secret is not valid (it may have been regenerated)")
    company_zone = ZoneInfo(row.company_zone)
    zone = ZoneInfo(row.time_zone) if row.time_zone else company_zone
    return Kiosk(row.company_id, row.id, row.terminal_number, row.name, company_zone, zone)


def punch(
    store: Store,
    kiosk: Kiosk,
    employee_nr: str,
    pin: str,
    now: datetime,
    max_future: timedelta,
    *,
    made_at: datetime | None = None,
    bounce: timedelta = BOUNCE,
) -> Answer:
    """Check number and PIN (LoginFailed, saying neither), then punch the suggested action at
    ``made_at`` (a punch queued offline, when it was made) or now."""
    nr = employee_nr.strip()
    with store.read() as conn:
        employee = refs.employees_by_nr(conn, kiosk.company_id, {nr}).get(nr) if nr else None
        pin_hash = None
        if employee is not None and employee.active:
            pin_hash = conn.execute(
                select(employee_pins.c.pin_hash).where(
                    employee_pins.c.company_id == kiosk.company_id,
                    employee_pins.c.employee_id == employee.id,
                )
            ).scalar()
    if not verify_password(pin_hash, pin) or employee is None:
        raise LoginFailed(REFUSED)
    at = (made_at or now).astimezone(UTC)
    with store.read() as conn:
        day = at.astimezone(kiosk.company_zone).date()
        stamps = [
            s
            for s in device_store.current_stamps(
                conn, kiosk.company_id, {employee.id}, day - timedelta(days=1), day
            )
            if s.instant <= at
        ]
        names = device_store.employee_names(conn, kiosk.company_id, {employee.id})
    name = names[employee.id][1]
    last = stamps[-1] if stamps else None
    # A resent offline punch meets itself (same instant), whatever the bounce window.
    if last is not None and (at == last.instant or at - last.instant < bounce):
        shown = Direction(EntryType(last.entry_type), last.is_break)
        return Answer(
            employee.employee_nr, name, ACTIONS[shown], last.instant.astimezone(kiosk.zone), True
        )
    direction = alternate(Direction(EntryType(last.entry_type), last.is_break) if last else None)
    entry = TimeStampEntry.model_validate(
        {
            "EmployeeNr": employee.employee_nr,
            "TimeStamp": at.isoformat().replace("+00:00", "Z"),
            "TimeStampEntryType": direction.entry_type.wire_name,
            "IsBreak": direction.is_break,
            "TimeTerminalId": kiosk.terminal_number,
        }
    )
    route = f"/kiosk/{kiosk.terminal_number}" + (" offline" if made_at is not None else "")
    principal = Principal(kiosk.company_id, kiosk.company_zone, None, None)  # type: ignore[arg-type]
    report = ingest(store, principal, [entry], [], IngestOptions(), Origin(route), now, max_future)
    (outcome,) = report.outcomes
    return Answer(
        employee.employee_nr,
        name,
        ACTIONS[direction],
        at.astimezone(kiosk.zone),
        outcome.status == "Duplicate",
    )
