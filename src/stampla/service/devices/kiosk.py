"""The kiosk: a terminal of type application that employees punch on.

An admin opens it once with the terminal's kiosk secret (``new_secret``; only its digest is
stored, so regenerating one locks out every tablet holding the old). An employee identifies
with number and PIN, or a badge and PIN, or a badge alone where the kiosk is ``badge_only``
(``kiosk_access``). Identification is checked like a login — a wrong number, PIN or badge
answers the same, throttled by the caller's ``LoginGuard`` — and the punch then goes through
``service.ingest`` like any API punch. Its direction is the one the last stamp suggests
(In, Out, Start break, End break). A second tap within ``BOUNCE`` of the employee's last
stamp is the same punch, not a new one. A kiosk that offers accounts answers a first,
account-less identification with the choice (``Choice``); the punch then carries the chosen
AccountNr. A punch the page queued while the server did not answer comes with the time it was
made and is stored marked ``offline``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from stampla.domain.adms import Direction, alternate
from stampla.domain.punch import EntryType
from stampla.errors import InvalidInput, LoginFailed, NotAuthenticated, NotFound, Problem
from stampla.store import devices as device_store
from stampla.store import kiosk as kiosk_store
from stampla.store import references as refs
from stampla.store.engine import Store
from stampla.store.kiosk import Offered
from stampla.store.tables import companies, terminals
from stampla.wire import TimeStampEntry

from .. import audit
from ..auth import Principal
from ..ingest import IngestOptions, Origin, ingest
from ..secrets import digest, verify_password
from ..secrets import new_secret as random_secret
from .kiosk_access import set_pin  # noqa: F401 - where callers of the kiosk look for it

#: Taps of one employee closer than this to their last stamp are one punch (the default of
#: STAMPLA_KIOSK_BOUNCE_SECONDS).
BOUNCE = timedelta(seconds=30)
REFUSED = "That employee number and PIN do not match."
#: The one answer to a badge that identifies no one here (unknown, no PIN where one is
#: needed, a wrong PIN, an inactive employee): it says nothing of which.
BADGE_REFUSED = "That badge is not accepted here."

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
    account_level: int | None = None  # the coding level whose accounts it offers
    badge_only: bool = False


@dataclass(frozen=True, slots=True)
class Credentials:
    """What the employee typed or swiped: a number or a badge, and a PIN (or none)."""

    employee_nr: str | None = None
    badge: str | None = None
    pin: str | None = None

    @property
    def throttle_key(self) -> str:
        if self.badge:
            return "badge:" + self.badge.strip().casefold()
        return (self.employee_nr or "").strip().casefold()


@dataclass(frozen=True, slots=True)
class Answer:
    employee_nr: str
    name: str
    action: str
    at: datetime  # in the kiosk's zone
    duplicate: bool
    account_nr: str | None = None
    offline: bool = False


@dataclass(frozen=True, slots=True)
class Choice:
    """The employee is known; the kiosk asks which account to punch on."""

    employee_nr: str
    name: str
    accounts: list[tuple[str, str]]  # (AccountNr, name)


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
                terminals.c.kiosk_accounts,
                terminals.c.kiosk_account_level,
                terminals.c.kiosk_badge_only,
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
    level = row.kiosk_account_level if row.kiosk_accounts else None
    return Kiosk(
        row.company_id,
        row.id,
        row.terminal_number,
        row.name,
        company_zone,
        zone,
        level,
        bool(row.kiosk_badge_only),
    )


def offered(store: Store, kiosk: Kiosk) -> Offered | None:
    """The accounts this kiosk offers, or None if it offers no choice."""
    if kiosk.account_level is None:
        return None
    with store.read() as conn:
        return kiosk_store.offered_accounts(conn, kiosk.company_id, kiosk.account_level)


def identify(store: Store, kiosk: Kiosk, given: Credentials) -> refs.KnownEmployee:
    """The active employee these credentials name, or LoginFailed saying nothing of why."""
    refused = BADGE_REFUSED if given.badge else REFUSED
    pin = given.pin or ""
    with store.read() as conn:
        employee = _named(conn, kiosk.company_id, given)
        needs_pin = not (given.badge and kiosk.badge_only and not pin)
        pin_hash = None
        if employee is not None and employee.active and needs_pin:
            pin_hash = kiosk_store.pin_hash(conn, kiosk.company_id, employee.id)
    if needs_pin:
        # The same Argon2 effort whether or not the employee or their PIN exists.
        if not verify_password(pin_hash, pin):
            raise LoginFailed(refused)
    if employee is None or not employee.active:
        raise LoginFailed(refused)
    return employee


def _named(conn, company_id: int, given: Credentials) -> refs.KnownEmployee | None:
    if given.badge:
        nr = kiosk_store.badge_employee_nr(conn, company_id, given.badge.strip()) or ""
    else:
        nr = (given.employee_nr or "").strip()
    return refs.employees_by_nr(conn, company_id, {nr}).get(nr) if nr else None


def punch(
    store: Store,
    kiosk: Kiosk,
    given: Credentials,
    now: datetime,
    max_future: timedelta,
    *,
    made_at: datetime | None = None,
    account_nr: str | None = None,
    bounce: timedelta = BOUNCE,
) -> Answer | Choice:
    """Identify the employee (LoginFailed, saying neither what nor why), then punch the
    suggested action at ``made_at`` (a punch queued offline, when it was made) or now. A
    kiosk that offers accounts answers the Choice first when no account is given and the
    punch is not a queued one (the choice cannot be asked of it any more)."""
    employee = identify(store, kiosk, given)
    accounts = offered(store, kiosk)
    account_nr = (account_nr or "").strip() or None
    _check_account(kiosk, accounts, account_nr)
    with store.read() as conn:
        name = device_store.employee_names(conn, kiosk.company_id, {employee.id})[employee.id][1]
    if accounts is not None and account_nr is None and made_at is None:
        return Choice(employee.employee_nr, name, accounts.accounts)
    at = (made_at or now).astimezone(UTC)
    last = _last_stamp(store, kiosk, employee.id, at)
    # A resent offline punch meets itself (same instant), whatever the bounce window.
    if last is not None and (at == last.instant or at - last.instant < bounce):
        shown = Direction(EntryType(last.entry_type), last.is_break)
        when = last.instant.astimezone(kiosk.zone)
        return Answer(employee.employee_nr, name, ACTIONS[shown], when, True)
    direction = alternate(Direction(EntryType(last.entry_type), last.is_break) if last else None)
    values: dict = {
        "EmployeeNr": employee.employee_nr,
        "TimeStamp": at.isoformat().replace("+00:00", "Z"),
        "TimeStampEntryType": direction.entry_type.wire_name,
        "IsBreak": direction.is_break,
        "TimeTerminalId": kiosk.terminal_number,
    }
    if account_nr is not None:
        values["AccountNr"] = account_nr
        if accounts is not None and accounts.sie_dimension is not None:
            values["SieAccountDim"] = accounts.sie_dimension
    entry = TimeStampEntry.model_validate(values)
    offline = made_at is not None
    route = f"/kiosk/{kiosk.terminal_number}" + (" offline" if offline else "")
    principal = Principal(kiosk.company_id, kiosk.company_zone, None, None)  # type: ignore[arg-type]
    origin = Origin(route, offline=offline)
    report = ingest(store, principal, [entry], [], IngestOptions(), origin, now, max_future)
    (outcome,) = report.outcomes
    return Answer(
        employee.employee_nr,
        name,
        ACTIONS[direction],
        at.astimezone(kiosk.zone),
        outcome.status == "Duplicate",
        account_nr,
        offline,
    )


def _check_account(kiosk: Kiosk, accounts: Offered | None, account_nr: str | None) -> None:
    """An account is one of those the kiosk offers (ingest checks it exists and is active)."""
    if account_nr is None:
        return
    if accounts is None:
        raise InvalidInput(
            f"Kiosk {kiosk.terminal_number} offers no account choice",
            [Problem("this kiosk offers no accounts", "AccountNr")],
        )
    if not accounts.has(account_nr):
        raise InvalidInput(
            f"Account {account_nr!r} is not one kiosk {kiosk.terminal_number} offers",
            [Problem(f"not an account of coding level {accounts.level_number}", "AccountNr")],
        )


def _last_stamp(
    store: Store, kiosk: Kiosk, employee_id: int, at: datetime
) -> device_store.Stamp | None:
    """The employee's last current stamp at or before ``at`` (today or yesterday)."""
    with store.read() as conn:
        day = at.astimezone(kiosk.company_zone).date()
        stamps = [
            s
            for s in device_store.current_stamps(
                conn, kiosk.company_id, {employee_id}, day - timedelta(days=1), day
            )
            if s.instant <= at
        ]
    return stamps[-1] if stamps else None
