"""Attest states: the states an employee-day moves through, and who may move it.

Each company has its own states and transitions; until it sets them the default applies::

    Registered (initial) ──attestant──▶ Attested ──payroll──▶ Approved (locks)
         ▲                                                       │ payroll export only
         │                                                       ▼
         └──────────── payroll, with a reason ─────────────── Exported (locks)

Reopening an exported day (payroll, admin; a reason is required, ``transitions``) is how a
correction after export starts: approved again, the day goes into the next run as the
difference against what was exported (docs/payroll-export.md).

A state has a code, a name, a colour, whether it *locks* the day (its row is frozen, see
``locks``) and a sort order: the lowest is the initial state, a move to a higher one is
*forward* (a day with warnings needs an override), a move to a lower one is *back*. The
state marked ``exported`` is set by the payroll export alone (``mark_exported``), never by
a transition.

A transition (from, to) lists the roles that may make it. The role's permissions
(``service.roles``) are the ceiling on top of the table: a move into a locking state needs
``approve``, a move back needs ``reopen``, any other move ``attest``. So no configuration can
let an attestant un-attest.

For the payroll export: ``days_in_state_at_least`` (the frozen rows of the days ready) and
``mark_exported`` (move them to the exported state, recording the run).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection

from stampla.domain.attest import DayRow
from stampla.domain.attest.frozen import row_from_document
from stampla.domain.text import match_key
from stampla.errors import Conflict, InvalidInput, Problem
from stampla.store import attest_states as states_store
from stampla.store.engine import Store

from .. import audit
from ..roles import Permission, Role, StaffActor

#: Audit entities of this module (``service.audit.ENTITIES``).
CONFIG_ENTITY = "attest_states"
DAY_ENTITY = "attest_day"

_CODE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,29}$")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True, slots=True)
class AttestState:
    code: str
    name: str
    colour: str
    locks: bool
    sort_order: int
    exported: bool = False


@dataclass(frozen=True, slots=True)
class TransitionRule:
    """The roles that may move a day from ``from_code`` to ``to_code``."""

    from_code: str
    to_code: str
    roles: frozenset[Role]


@dataclass(frozen=True, slots=True)
class StateConfig:
    """A company's states (by sort order) and transitions."""

    states: tuple[AttestState, ...]
    transitions: tuple[TransitionRule, ...]
    custom: bool = False
    _by_key: dict[str, AttestState] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_key.update({match_key(s.code): s for s in self.states})

    @property
    def initial(self) -> AttestState:
        return self.states[0]

    @property
    def exported_state(self) -> AttestState | None:
        return next((s for s in self.states if s.exported), None)

    def find(self, code: str) -> AttestState | None:
        """The state of ``code``, in any letter case."""
        return self._by_key.get(match_key(code))

    def state(self, code: str, field_name: str = "toState") -> AttestState:
        """The state of ``code``; InvalidInput naming the choices otherwise."""
        found = self.find(code)
        if found is None:
            choices = ", ".join(s.code for s in self.states)
            raise InvalidInput(
                f"No attest state {code!r}; choose one of {choices}",
                [Problem(f"must be one of {choices}", field_name)],
            )
        return found

    def allowed(self, source: AttestState, target: AttestState, actor: StaffActor) -> bool:
        """Whether ``actor`` may move a day from ``source`` to ``target``: the table says
        its role may, and the role has the permission such a move needs."""
        if target.exported or source.code == target.code:
            return False
        if not actor.may(required_permission(source, target)):
            return False
        return any(
            t.from_code == source.code and t.to_code == target.code and actor.role in t.roles
            for t in self.transitions
        )


def required_permission(source: AttestState, target: AttestState) -> Permission:
    """What a role must be allowed to move a day from ``source`` to ``target``."""
    if target.sort_order < source.sort_order:
        return Permission.REOPEN
    if target.locks:
        return Permission.APPROVE
    return Permission.ATTEST


_EVERY_STAFF = frozenset({Role.ATTESTANT, Role.PAYROLL, Role.ADMIN})
_PAYROLL = frozenset({Role.PAYROLL, Role.ADMIN})

DEFAULT_STATES = (
    AttestState("Registered", "Registered", "#9aa0a6", False, 10),
    AttestState("Attested", "Attested", "#1a73e8", False, 20),
    AttestState("Approved", "Approved", "#188038", True, 30),
    AttestState("Exported", "Exported", "#8430ce", True, 40, exported=True),
)
DEFAULT_TRANSITIONS = (
    TransitionRule("Registered", "Attested", _EVERY_STAFF),
    TransitionRule("Registered", "Approved", _PAYROLL),
    TransitionRule("Attested", "Approved", _PAYROLL),
    TransitionRule("Attested", "Registered", _PAYROLL),
    TransitionRule("Approved", "Attested", _PAYROLL),
    TransitionRule("Approved", "Registered", _PAYROLL),
    TransitionRule("Exported", "Registered", _PAYROLL),
)
DEFAULT_CONFIG = StateConfig(DEFAULT_STATES, DEFAULT_TRANSITIONS)


def stored_config(conn: Connection, company_id: int) -> StateConfig:
    """The company's states and transitions (the default until it sets its own)."""
    rows = states_store.read_states(conn, company_id)
    if not rows:
        return DEFAULT_CONFIG
    states = tuple(
        AttestState(r.code, r.name, r.colour, r.locks, r.sort_order, r.exported) for r in rows
    )
    grouped: dict[tuple[str, str], set[Role]] = {}
    for t in states_store.read_transitions(conn, company_id):
        grouped.setdefault((t.from_code, t.to_code), set()).add(Role(t.role))
    transitions = tuple(TransitionRule(a, b, frozenset(r)) for (a, b), r in grouped.items())
    return StateConfig(states, transitions, custom=True)


def read_config(store: Store, company_id: int) -> StateConfig:
    with store.read() as conn:
        return stored_config(conn, company_id)


def change_config(
    store: Store,
    company_id: int,
    actor: StaffActor,
    states: Sequence[AttestState],
    transitions: Sequence[TransitionRule],
    now: datetime,
) -> StateConfig:
    """Replace the company's states and transitions (admin only), checked whole, audited.

    InvalidInput names every problem; Conflict if a state that days are in would go."""
    actor.require(Permission.MANAGE_REGISTERS)
    config = _checked(states, transitions)
    with store.write() as conn:
        before = stored_config(conn, company_id)
        in_use = states_store.days_per_state(conn, company_id)
        gone = sorted(code for code, n in in_use.items() if n and config.find(code) is None)
        if gone:
            raise Conflict(
                "Days are in the attest state(s) "
                + ", ".join(f"{code} ({in_use[code]} days)" for code in gone)
                + "; keep the state (rename it) or move the days first"
            )
        renamed = [c for c in in_use if (s := config.find(c)) is not None and s.code != c]
        if renamed:
            raise Conflict(f"Days are stored in {', '.join(renamed)}: keep its code's spelling")
        states_store.replace_config(
            conn,
            company_id,
            [_state_row(s) for s in config.states],
            [
                {"from_code": t.from_code, "to_code": t.to_code, "role": role.value}
                for t in config.transitions
                for role in sorted(t.roles)
            ],
        )
        audit.record(
            conn,
            company_id,
            actor.name,
            now,
            [
                audit.Event(
                    CONFIG_ENTITY,
                    "attest states",
                    "update",
                    changes={"states": [describe(before), describe(config)]},
                )
            ],
        )
    return config


def describe(config: StateConfig) -> dict[str, Any]:
    """The configuration as JSON-ready data (API, CLI, audit)."""
    return {
        "states": [
            {
                "code": s.code,
                "name": s.name,
                "colour": s.colour,
                "locks": s.locks,
                "sortOrder": s.sort_order,
                "exported": s.exported,
                "initial": s is config.initial,
            }
            for s in config.states
        ],
        "transitions": [
            {"from": t.from_code, "to": t.to_code, "roles": sorted(r.value for r in t.roles)}
            for t in sorted(config.transitions, key=lambda t: (t.from_code, t.to_code))
        ],
        "custom": config.custom,
    }


def _state_row(s: AttestState) -> dict[str, Any]:
    return {
        "code": s.code,
        "name": s.name,
        "colour": s.colour,
        "locks": s.locks,
        "sort_order": s.sort_order,
        "exported": s.exported,
    }


def _checked(states: Sequence[AttestState], transitions: Sequence[TransitionRule]) -> StateConfig:
    problems: list[Problem] = []
    if not states:
        problems.append(Problem("at least one state is needed", "states"))
    seen_codes: set[str] = set()
    seen_orders: set[int] = set()
    for i, s in enumerate(states):
        where = f"states[{i}]"
        if not _CODE.match(s.code):
            problems.append(Problem("a letter, then up to 29 letters, digits, - or _", where))
        elif match_key(s.code) in seen_codes:
            problems.append(Problem(f"code {s.code!r} is given twice", where))
        seen_codes.add(match_key(s.code))
        if not s.name.strip() or len(s.name) > 100:
            problems.append(Problem("a name of 1 to 100 characters is needed", f"{where}.name"))
        if not _COLOUR.match(s.colour):
            problems.append(Problem("a colour as #rrggbb", f"{where}.colour"))
        if s.sort_order in seen_orders:
            problems.append(Problem(f"sort order {s.sort_order} is given twice", where))
        seen_orders.add(s.sort_order)
        if s.exported and not s.locks:
            problems.append(Problem("the exported state must lock", f"{where}.locks"))
    if sum(s.exported for s in states) > 1:
        problems.append(Problem("at most one state is the exported one", "states"))
    ordered = tuple(sorted(states, key=lambda s: s.sort_order))
    if ordered and ordered[0].locks:
        problems.append(Problem("the initial (lowest) state cannot lock", "states"))
    by_key = {match_key(s.code): s for s in states}
    rules: dict[tuple[str, str], set[Role]] = {}
    for i, t in enumerate(transitions):
        where = f"transitions[{i}]"
        source, target = by_key.get(match_key(t.from_code)), by_key.get(match_key(t.to_code))
        if source is None or target is None:
            problems.append(Problem("from and to must be states of the list", where))
            continue
        if source is target:
            problems.append(Problem("a transition must change the state", where))
        if target.exported:
            problems.append(Problem("only the payroll export moves days to it", where))
        rules.setdefault((source.code, target.code), set()).update(t.roles)
    if problems:
        raise InvalidInput("The attest states are not valid", problems)
    made = tuple(TransitionRule(a, b, frozenset(r)) for (a, b), r in rules.items() if r)
    return StateConfig(ordered, made, custom=True)


# --- For the payroll export ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FrozenDay:
    """A locked employee-day as it was attested: the frozen row and who moved it where."""

    employee_id: int
    date: date
    state_code: str
    row: DayRow
    #: The row as stored (``domain.attest.frozen.row_document``) and its SHA-256.
    document: dict[str, Any]
    digest: str
    changed_by: str
    changed_at: datetime
    frozen_at: datetime
    export_run_id: int | None


def days_in_state_at_least(
    conn: Connection,
    company_id: int,
    start: date,
    end: date,
    employee_ids: set[int] | None,
    state_code: str,
) -> dict[tuple[int, date], FrozenDay]:
    """The frozen rows of the days ``start``..``end`` (of ``employee_ids``; None: everyone)
    whose state is ``state_code`` or a later one (by sort order), by (employee id, date).

    Only locked days have a frozen row, so only they are returned; ask for a locking state
    (``Approved`` by default) to get every day payroll approved, exported ones included.
    The rows are what was attested, never a recomputation. Runs in the caller's
    transaction; InvalidInput for an unknown state.
    """
    config = stored_config(conn, company_id)
    floor = config.state(state_code, "stateCode")
    codes = [s.code for s in config.states if s.sort_order >= floor.sort_order]
    stored = states_store.read_days(conn, company_id, start, end, employee_ids, codes)
    return {
        key: FrozenDay(
            day.employee_id,
            day.date,
            day.state_code,
            row_from_document(day.frozen),
            day.frozen,
            day.digest or "",
            day.changed_by,
            day.changed_at,
            day.frozen_at,
            day.export_run_id,
        )
        for key, day in stored.items()
        if day.frozen is not None and day.frozen_at is not None
    }


def mark_exported(
    conn: Connection,
    company_id: int,
    days: Iterable[tuple[int, date]],
    run_id: int,
    actor: StaffActor,
    now: datetime | None = None,
) -> None:
    """Move the days (employee id, date) to the exported state, recording ``run_id``, in
    the caller's transaction, each move in the audit trail.

    Every day must be locked (frozen) already: its frozen row stays what was attested and
    exported. The actor needs the ``export`` permission (Forbidden otherwise); Conflict
    names the days that are not locked, and nothing is moved then.
    """
    actor.require(Permission.EXPORT)
    moment = now or datetime.now(UTC)
    config = stored_config(conn, company_id)
    target = config.exported_state
    if target is None:
        raise Conflict("The company's attest states have no exported state")
    wanted = sorted(set(days))
    if not wanted:
        return
    first, last = min(d for _, d in wanted), max(d for _, d in wanted)
    stored = states_store.read_days(conn, company_id, first, last, {e for e, _ in wanted})
    unlocked = [key for key in wanted if key not in stored or stored[key].frozen is None]
    if unlocked:
        shown = ", ".join(f"employee {e} on {d.isoformat()}" for e, d in unlocked[:10])
        raise Conflict(f"{len(unlocked)} days are not locked and cannot be exported: {shown}")
    numbers = states_store.employee_numbers(conn, company_id, {e for e, _ in wanted})
    rows, events = [], []
    for key in wanted:
        day = stored[key]
        rows.append(
            {
                "employee_id": day.employee_id,
                "date": day.date,
                "state_code": target.code,
                "changed_by": actor.name,
                "changed_at": moment,
                "reason": f"payroll export run {run_id}",
                "overridden": day.overridden,
                "frozen": day.frozen,
                "digest": day.digest,
                "frozen_at": day.frozen_at,
                "export_run_id": run_id,
            }
        )
        number = numbers.get(day.employee_id, str(day.employee_id))
        note = f"payroll export run {run_id}"
        events.append(
            day_event(day.employee_id, number, day.date, day.state_code, target.code, note)
        )
    states_store.write_days(conn, company_id, rows)
    audit.record(conn, company_id, actor.name, moment, events)


def day_event(
    employee_id: int, employee_nr: str, day: date, source: str, target: str, note: str | None
) -> audit.Event:
    """The audit event of a day's move: entity ``attest_day``, key ``<EmployeeNr> <date>``."""
    return audit.Event(
        DAY_ENTITY,
        f"{employee_nr} {day.isoformat()}",
        "transition",
        employee_id,
        {"state": [source, target]},
        note,
    )
