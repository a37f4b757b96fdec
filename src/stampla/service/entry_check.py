"""Checking posted entries against the company's registers, and turning them into punches.

SoftOne GO silently drops references it does not know. Stampla never does: an entry whose
employee, terminal, account or time code is unknown or inactive is reported with the field and
the reason, and every problem of every entry is reported at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection

from stampla.domain.localtime import ResolvedTime, local_date, resolve_timestamp
from stampla.domain.text import same_text
from stampla.errors import Problem
from stampla.limits import EARLIEST_DATE
from stampla.store import references as refs
from stampla.store.punches import PunchKey
from stampla.store.register_cache import Snapshot
from stampla.wire import TimeStampEntry


@dataclass(frozen=True, slots=True)
class References:
    """Everything a batch refers to, loaded in a few queries, by the references as sent.

    Texts match in any letter case (``stampla.domain.text``): ``employees["emp1"]`` is the
    employee ``EMP1``.
    """

    employees: dict[str, refs.KnownEmployee]
    terminals: dict[int, refs.KnownTerminal]
    accounts: dict[str, list[refs.KnownAccount]]
    time_codes: dict[str, refs.KnownTimeCode]


@dataclass(slots=True)
class NewPunch:
    """A valid entry, resolved and ready to store."""

    index: int
    employee_id: int
    instant: datetime
    local_date: date
    entry_type: int
    is_break: bool
    terminal_id: int
    account_id: int | None
    employee_nr: str
    employee_external_code: str | None
    timestamp_sent: str
    time_terminal_id: int
    account_nr: str | None
    sie_account_dim: int | None
    accounts: list[dict[str, Any]] | None
    time_codes: list[dict[str, Any]] | None
    note: str | None

    @property
    def key(self) -> PunchKey:
        return (self.employee_id, self.instant, self.entry_type, self.is_break, self.terminal_id)

    def row(
        self, company_id: int, punch_id: int, batch_id: int, received_at: datetime
    ) -> tuple[Any, ...]:
        """The punch as a row in ``INSERT_COLUMNS`` order."""
        return (
            company_id,
            punch_id,
            self.employee_id,
            self.instant,
            self.local_date,
            self.entry_type,
            self.is_break,
            self.terminal_id,
            self.account_id,
            self.employee_nr,
            self.employee_external_code,
            self.timestamp_sent,
            self.time_terminal_id,
            self.account_nr,
            self.sie_account_dim,
            self.accounts,
            self.time_codes,
            batch_id,
            received_at,
        )


def load_references(
    conn: Connection,
    company_id: int,
    entries: Sequence[TimeStampEntry],
    snapshot: Snapshot | None = None,
) -> References:
    """Every reference of the entries, in one lookup per register; with ``snapshot``, the
    rows the process already holds are not read again (``store/register_cache.py``)."""
    employee_nrs = {entry.employee_nr for entry in entries}
    terminal_numbers = {entry.time_terminal_id for entry in entries}
    account_nrs = {entry.account_nr for entry in entries if entry.account_nr}
    account_nrs.update(a.account_nr for entry in entries for a in entry.accounts or ())
    codes = {
        t.time_schedule_type_code for entry in entries for t in entry.time_schedule_types or ()
    }
    return References(
        employees=refs.employees_by_nr(conn, company_id, employee_nrs, snapshot),
        terminals=refs.terminals_by_number(conn, company_id, terminal_numbers, snapshot),
        accounts=(
            refs.accounts_by_nr(conn, company_id, account_nrs, snapshot) if account_nrs else {}
        ),
        time_codes=refs.time_codes_by_code(conn, company_id, codes, snapshot) if codes else {},
    )


class EntryChecker:
    """Validates entries of one batch against its references, at one moment ``now``."""

    def __init__(
        self,
        references: References,
        company_zone: ZoneInfo,
        now: datetime,
        max_future: timedelta,
        earliest: date = EARLIEST_DATE,
    ) -> None:
        self.refs = references
        self.zone = company_zone
        self.latest = now + max_future
        self.max_future = max_future
        self.earliest = earliest
        # No zone is more than a day from UTC: a TimeStamp whose date as written lies
        # beyond this is in the future wherever it was made (and is never converted, since
        # that overflows near year 9999).
        self.latest_written = self.latest.date() + timedelta(days=1)

    def check(self, index: int, entry: TimeStampEntry) -> NewPunch | list[Problem]:
        problems: list[Problem] = []

        def problem(message: str, field: str) -> None:
            problems.append(Problem(message, field, index))

        employee = self._employee(entry, problem)
        terminal = self._terminal(entry, problem)
        zone = ZoneInfo(terminal.time_zone) if terminal and terminal.time_zone else self.zone
        resolved = self._resolved(entry, zone, problem)
        account_id = None
        if entry.account_nr:
            account = self._account(entry.account_nr, entry.sie_account_dim, "", problem)
            account_id = account.id if account else None
        elif entry.sie_account_dim is not None:
            problem(
                f"SieAccountDim {entry.sie_account_dim} is given without an AccountNr; send "
                "the AccountNr it belongs to, or leave both out",
                "SieAccountDim",
            )
        accounts = self._accounts(entry, problem)
        time_codes = self._time_codes(entry, problem)
        if problems or employee is None or terminal is None or resolved is None:
            return problems
        return NewPunch(
            index=index,
            employee_id=employee.id,
            instant=resolved.instant,
            local_date=self._local_date(entry.time_stamp.value, zone, resolved),
            entry_type=int(entry.time_stamp_entry_type),
            is_break=entry.is_break,
            terminal_id=terminal.id,
            account_id=account_id,
            employee_nr=entry.employee_nr,
            employee_external_code=entry.employee_external_code,
            timestamp_sent=entry.time_stamp.text,
            time_terminal_id=entry.time_terminal_id,
            account_nr=entry.account_nr,
            sie_account_dim=entry.sie_account_dim,
            accounts=accounts or None,
            time_codes=time_codes or None,
            note=resolved.note,
        )

    def _resolved(self, entry: TimeStampEntry, zone: ZoneInfo, problem: Any) -> ResolvedTime | None:
        """The instant, if it lies between the earliest date and the future limit.

        The date as written is checked first, so that no time near year 1 or 9999 is
        converted (which overflows)."""
        sent = entry.time_stamp
        written = sent.value.date()
        if written < self.earliest:
            problem(
                f"TimeStamp {sent.text} is before {self.earliest}, the earliest date accepted",
                "TimeStamp",
            )
            return None
        resolved = None if written > self.latest_written else resolve_timestamp(sent.value, zone)
        if resolved is None or resolved.instant > self.latest:
            minutes = int(self.max_future.total_seconds() // 60)
            problem(
                f"TimeStamp {sent.text} lies more than {minutes} minutes in the future; "
                "check the terminal's clock",
                "TimeStamp",
            )
            return None
        return resolved

    def _local_date(self, sent: datetime, zone: ZoneInfo, resolved: ResolvedTime) -> date:
        """The company-local date; a plain local time in the company's zone is its own date."""
        if sent.tzinfo is None and zone is self.zone and resolved.note is None:
            return sent.date()
        return local_date(resolved.instant, self.zone)

    def _employee(self, entry: TimeStampEntry, problem: Any) -> refs.KnownEmployee | None:
        employee = self.refs.employees.get(entry.employee_nr)
        if employee is None:
            problem(f"Employee {entry.employee_nr!r} does not exist", "EmployeeNr")
            return None
        if not employee.active:
            problem(f"Employee {entry.employee_nr!r} is inactive", "EmployeeNr")
        code = entry.employee_external_code
        if code is not None and not same_text(code, employee.external_code):
            problem(
                f"EmployeeExternalCode {code!r} does not belong to employee {entry.employee_nr!r}",
                "EmployeeExternalCode",
            )
        return employee

    def _terminal(self, entry: TimeStampEntry, problem: Any) -> refs.KnownTerminal | None:
        terminal = self.refs.terminals.get(entry.time_terminal_id)
        if terminal is None:
            problem(
                f"Terminal {entry.time_terminal_id} is not registered for this company "
                "(Staff > Settings > Terminals)",
                "TimeTerminalId",
            )
            return None
        if not terminal.active:
            problem(f"Terminal {entry.time_terminal_id} is inactive", "TimeTerminalId")
        return terminal

    def _account(
        self, account_nr: str, dimension: int | None, prefix: str, problem: Any
    ) -> refs.KnownAccount | None:
        field = f"{prefix}AccountNr"
        everywhere = self.refs.accounts.get(account_nr, [])
        if dimension is not None:
            candidates = [a for a in everywhere if a.sie_dimension == dimension]
            if not candidates:
                elsewhere = f" (it exists in {_labels(everywhere)})" if everywhere else ""
                problem(
                    f"Account {account_nr!r} does not exist in SIE dimension {dimension}"
                    f"{elsewhere}",
                    field,
                )
                return None
        else:
            candidates = everywhere
            if not candidates:
                problem(f"Account {account_nr!r} does not exist in any coding level", field)
                return None
            if len(candidates) > 1:
                problem(
                    f"Account {account_nr!r} is ambiguous: it exists in {_labels(candidates)}; "
                    f"send {prefix}SieAccountDim to choose",
                    field,
                )
                return None
        account = candidates[0]
        if not account.active:
            problem(f"Account {account_nr!r} in {account.label} is inactive", field)
        return account

    def _accounts(self, entry: TimeStampEntry, problem: Any) -> list[dict[str, Any]]:
        if not entry.accounts:
            return []
        resolved = []
        for position, ref in enumerate(entry.accounts or ()):
            prefix = f"Accounts[{position}]."
            account = self._account(ref.account_nr, ref.sie_account_dim, prefix, problem)
            resolved.append(
                {
                    "accountNr": ref.account_nr,
                    "sieAccountDim": ref.sie_account_dim,
                    "accountId": account.id if account else None,
                }
            )
        return resolved

    def _time_codes(self, entry: TimeStampEntry, problem: Any) -> list[dict[str, Any]]:
        if not entry.time_schedule_types:
            return []
        resolved = []
        for position, ref in enumerate(entry.time_schedule_types or ()):
            code = ref.time_schedule_type_code
            code_id = self._time_code(code, position, problem)
            resolved.append({"timeScheduleTypeCode": code, "timeCodeId": code_id})
        return resolved

    def _time_code(self, code: str, position: int, problem: Any) -> int | None:
        field = f"TimeScheduleTypes[{position}].TimeScheduleTypeCode"
        known = self.refs.time_codes.get(code)
        if known is None:
            problem(f"Time code {code!r} does not exist", field)
            return None
        if not known.active:
            problem(f"Time code {code!r} is inactive", field)
        return known.id


def _labels(candidates: Sequence[refs.KnownAccount]) -> str:
    labels = [account.label for account in candidates]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]
