"""Locked days: a day in a locking attest state reads as it was attested, never recomputed.

When a day enters a locking state (``transitions``) its row is stored as a document with a
digest (``domain.attest.frozen``). From then on every read of the day (API, pages, CLI,
export) gives that frozen row, with two warnings added where they apply:

* ``LateIntoLockedDay``: current punches whose local date is the day and that were stored
  after it locked (from a terminal, an import or a correction). They are stored as always;
  they only do not change the result. Payroll reopens the day (it is recomputed) or dismisses
  the punch with a reason (the warning then goes).
* ``RecomputedDiffers``: computed again from the punches it was attested with, the day
  comes out differently (a schedule, rule, setting or term changed). The frozen row stays;
  the warning says what would change.

``locked_days_in`` is what the replace-days path of ingest asks: such a batch cannot
change a locked day (a per-entry error, see ``service.ingest``).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Connection

from stampla.domain.attest import AttestWarning, DayRow, WarningCode
from stampla.domain.attest.frozen import digest, row_document, row_from_document
from stampla.domain.punch import EntryType
from stampla.errors import Conflict, InvalidInput, NotFound, Problem
from stampla.store import attest_states as states_store
from stampla.store.attest_states import StoredDay, StoredLatePunch
from stampla.store.engine import Store

from .. import audit
from ..roles import Permission, StaffActor
from .states import StateConfig, stored_config

#: Audit entity of a dismissed late punch (``service.audit.ENTITIES``).
LATE_ENTITY = "late_punch"
#: Warnings this module adds: not the punches' own, so they never block attesting.
LOCK_WARNINGS = frozenset({WarningCode.LATE_INTO_LOCKED_DAY, WarningCode.RECOMPUTED_DIFFERS})


@dataclass(frozen=True, slots=True)
class DayAttest:
    """A day's attest state as a read shows it."""

    state: str
    name: str
    colour: str
    locked: bool
    initial: bool
    #: Who moved the day into its state, and when (None in the initial state).
    changed_by: str | None = None
    changed_at: datetime | None = None
    overridden: bool = False
    reason: str | None = None


@dataclass(slots=True)
class GroupStates:
    """The stored states and late punches of a group of employees' dates."""

    days: dict[tuple[int, date], StoredDay] = field(default_factory=dict)
    late: dict[tuple[int, date], list[StoredLatePunch]] = field(default_factory=dict)
    #: The stored dates of each employee.
    dates_of: dict[int, list[date]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for employee_id, day_date in self.days:
            self.dates_of.setdefault(employee_id, []).append(day_date)


def read_group(
    conn: Connection,
    company_id: int,
    employee_ids: Collection[int],
    first: date,
    last: date,
) -> GroupStates:
    """What ``with_states`` needs for these employees' dates ``first``..``last``."""
    days = states_store.read_days(conn, company_id, first, last, employee_ids)
    states = GroupStates(days)
    if any(day.frozen_at is not None for day in days.values()):
        for late in states_store.late_punches(conn, company_id, employee_ids, first, last):
            states.late.setdefault((late.employee_id, late.date), []).append(late)
    return states


def any_days(conn: Connection, company_id: int, first: date, last: date) -> bool:
    """Whether any day of the company in the range left the initial state (else reads
    skip the per-group lookups)."""
    return states_store.any_days(conn, company_id, first, last)


def attest_of(day: StoredDay | None, config: StateConfig) -> DayAttest:
    """The state a read shows for a stored day (None: never moved, the initial state)."""
    if day is None:
        s = config.initial
        return DayAttest(s.code, s.name, s.colour, False, True)
    s = config.find(day.state_code) or config.initial
    initial = s is config.initial
    return DayAttest(
        s.code,
        s.name,
        s.colour,
        day.frozen is not None,
        initial,
        None if initial else day.changed_by,
        None if initial else day.changed_at,
        day.overridden,
        day.reason,
    )


def with_states(
    rows: list[DayRow],
    employee_id: int,
    first: date,
    last: date,
    states: GroupStates,
    config: StateConfig,
    zone: ZoneInfo,
) -> list[tuple[DayRow, DayAttest]]:
    """The employee's rows of ``first``..``last`` with their states: a locked day's row is
    its frozen one (with its warnings, see the module), in date order, even where the
    recomputation made no row."""
    initial = attest_of(None, config)
    stored = states.dates_of.get(employee_id)
    if not stored:
        return [(row, initial) for row in rows]
    by_date = {row.date: row for row in rows}
    for day_date in stored:
        day = states.days[employee_id, day_date]
        if day.frozen is None or not first <= day_date <= last:
            continue
        late = states.late.get((employee_id, day_date), [])
        by_date[day_date] = frozen_row(day, by_date.get(day_date), late, config, zone)
    return [
        (
            row,
            attest_of(day, config)
            if (day := states.days.get((employee_id, row.date)))
            else initial,
        )
        for row in sorted(by_date.values(), key=lambda row: row.date)
    ]


def frozen_row(
    day: StoredDay,
    recomputed: DayRow | None,
    late: list[StoredLatePunch],
    config: StateConfig,
    zone: ZoneInfo,
) -> DayRow:
    """The frozen row of a locked day, with ``LateIntoLockedDay`` and ``RecomputedDiffers``."""
    assert day.frozen is not None
    row = row_from_document(day.frozen)
    frozen_ids = {p.id for p in row.punches}
    late = [p for p in late if p.punch_id not in frozen_ids]
    shown = [p for p in late if p.dismissed_at is None]
    state = config.find(day.state_code)
    state_name = state.name if state else day.state_code
    if shown:
        listed = ", ".join(describe_punch(p, zone) for p in shown)
        many = "punch" if len(shown) == 1 else f"{len(shown)} punches"
        row.warnings.append(
            AttestWarning(
                WarningCode.LATE_INTO_LOCKED_DAY,
                f"The day is {state_name} (locked); {many} stored later did not change it: "
                f"{listed}. Reopen the day or dismiss the punch.",
                tuple(p.punch_id for p in shown),
            )
        )
    if recomputed is not None:
        late_ids = {p.punch_id for p in late}
        same_punches = {p.id for p in recomputed.punches} - late_ids == frozen_ids
        if same_punches and digest(row_document(recomputed)) != day.digest:
            row.warnings.append(
                AttestWarning(
                    WarningCode.RECOMPUTED_DIFFERS,
                    f"Computed again now, the day would differ from what was {state_name}"
                    f" ({differences(row, recomputed)}); the attested result stands.",
                    (),
                )
            )
    return row


def differences(frozen: DayRow, now: DayRow) -> str:
    """What differs between the frozen row and a recomputation, in a few words."""
    said = []
    for label, a, b in (
        ("status", frozen.status.value, now.status.value),
        ("work", _hm(frozen.work_seconds), _hm(now.work_seconds)),
        ("expected", _hm(frozen.expected_seconds), _hm(now.expected_seconds)),
        ("absence", _hm(frozen.absence_seconds), _hm(now.absence_seconds)),
        ("rule codes", _codes(frozen), _codes(now)),
        ("warnings", _warnings(frozen), _warnings(now)),
    ):
        if a != b:
            said.append(f"{label} {a} → {b}")
    return "; ".join(said) or "spans or accounts"


def describe_punch(p: StoredLatePunch, zone: ZoneInfo) -> str:
    kind = EntryType(p.entry_type).wire_name
    local = p.instant.astimezone(zone)
    return f"{'break ' if p.is_break else ''}{kind} {local:%H:%M} (#{p.punch_id}, {p.origin})"


def _hm(seconds: int | None) -> str:
    if seconds is None:
        return "none"
    sign = "-" if seconds < 0 else ""
    minutes = abs(seconds) // 60
    return f"{sign}{minutes // 60}:{minutes % 60:02d}"


def _codes(row: DayRow) -> str:
    return ", ".join(f"{c} {_hm(s)}" for c, s, _ in row.rule_codes) or "none"


def _warnings(row: DayRow) -> str:
    return ", ".join(w.code.value for w in row.warnings if w.code not in LOCK_WARNINGS) or "none"


# --- The late punches list ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LatePunch:
    """A punch stored for a locked day after it locked, as the list shows it."""

    punch_id: int
    employee_nr: str
    date: date
    instant: datetime
    entry_type: str
    is_break: bool
    origin: str
    received_at: datetime
    state: str
    dismissed_reason: str | None = None
    dismissed_by: str | None = None
    dismissed_at: datetime | None = None


def late_punches(
    store: Store,
    company_id: int,
    *,
    include_dismissed: bool = False,
    date_from: date | None = None,
    date_to: date | None = None,
) -> list[LatePunch]:
    """Every late punch of the company (by date, employee, time); dismissed ones only when
    asked for."""
    with store.read() as conn:
        found = states_store.late_punches(conn, company_id, None, date_from, date_to)
    return [
        LatePunch(
            p.punch_id,
            p.employee_nr,
            p.date,
            p.instant,
            EntryType(p.entry_type).wire_name,
            p.is_break,
            p.origin,
            p.received_at,
            p.state_code,
            p.dismissed_reason,
            p.dismissed_by,
            p.dismissed_at,
        )
        for p in _not_frozen(found)
        if include_dismissed or p.dismissed_at is None
    ]


def dismiss_late_punch(
    store: Store, company_id: int, actor: StaffActor, punch_id: int, reason: str, now: datetime
) -> LatePunch:
    """Dismiss a late punch with a reason: the day keeps its frozen row, the warning goes.

    Payroll only (Forbidden otherwise); NotFound unless it is a late punch; Conflict if it
    was dismissed already. Audited (entity ``late_punch``)."""
    actor.require(Permission.DISMISS_LATE)
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(
            "A reason is needed to dismiss a late punch", [Problem("is required", "reason")]
        )
    if len(reason) > 500:
        raise InvalidInput(
            "The reason is longer than 500 characters",
            [Problem("at most 500 characters", "reason")],
        )
    with store.write() as conn:
        found = [
            p
            for p in _not_frozen(states_store.late_punches(conn, company_id))
            if p.punch_id == punch_id
        ]
        if not found:
            raise NotFound(f"Punch {punch_id} is not a late punch of a locked day")
        (late,) = found
        if late.dismissed_at is not None:
            raise Conflict(f"Punch {punch_id} was dismissed already by {late.dismissed_by}")
        states_store.dismiss(conn, company_id, punch_id, reason, actor.name, now)
        audit.record(
            conn,
            company_id,
            actor.name,
            now,
            [
                audit.Event(
                    LATE_ENTITY,
                    f"{late.employee_nr} {late.date.isoformat()} #{punch_id}",
                    "dismiss",
                    punch_id,
                    None,
                    reason,
                )
            ],
        )
    return LatePunch(
        late.punch_id,
        late.employee_nr,
        late.date,
        late.instant,
        EntryType(late.entry_type).wire_name,
        late.is_break,
        late.origin,
        late.received_at,
        late.state_code,
        reason,
        actor.name,
        now,
    )


def _not_frozen(found: Iterable[StoredLatePunch]) -> list[StoredLatePunch]:
    """Leave out punches the frozen row holds (stored at the moment it locked)."""
    held: dict[int, set[int]] = {}
    kept = []
    for p in found:
        key = id(p.frozen)
        if key not in held:
            held[key] = {q["id"] for q in p.frozen.get("punches", [])}
        if p.punch_id not in held[key]:
            kept.append(p)
    return kept


# --- For ingest ---------------------------------------------------------------------------


def locked_days_in(
    conn: Connection, company_id: int, days: Collection[tuple[int, date]]
) -> dict[tuple[int, date], str]:
    """Of ``days`` (employee id, local date), the locked ones, with their state's name."""
    if not days:
        return {}
    first, last = min(d for _, d in days), max(d for _, d in days)
    stored = states_store.read_days(conn, company_id, first, last, {e for e, _ in days})
    config = stored_config(conn, company_id)
    found = {}
    for key in days:
        day = stored.get(key)
        if day is not None and day.frozen is not None:
            state = config.find(day.state_code)
            found[key] = state.name if state else day.state_code
    return found


def employee_numbers(conn: Connection, company_id: int, ids: Collection[int]) -> dict[int, str]:
    """EmployeeNr by employee id (for messages and the audit trail)."""
    return states_store.employee_numbers(conn, company_id, ids)
